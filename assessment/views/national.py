"""National coordinators' figures: the dashboard of one call, its CSV export, the label register
and its CSV.

A coordinator sees their own countries, an admin every country; anyone else gets a 404.
"""

import csv
from collections.abc import Iterable
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from assessment import national, permissions
from assessment.models import Call
from assessment.national.register import register_lines
from assessment.national.rows import EXPIRY_WARNING_DAYS, Validity, label_rows
from assessment.views.requests import AuthenticatedRequest

LABELS_PER_PAGE = 50


class CallChoiceForm(forms.Form):
    call = forms.TypedChoiceField(
        coerce=int, label=_("Call"), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, data: QueryDict, *, calls: list[Call]) -> None:
        super().__init__(data)
        self.calls = {call.pk: call for call in calls}
        cast(forms.ChoiceField, self.fields["call"]).choices = [(call.pk, call.name) for call in calls]

    def chosen(self) -> Call:
        return self.calls[self.cleaned_data["call"]]


class LabelRegisterForm(forms.Form):
    """The register's filter by validity, read from the query string.

    The page treats a value that is not one of the choices (an old link, a hand-edited URL)
    as the inbox does: an error on the field, and every label listed. The CSV, which has
    nowhere to show the error, refuses it (400) rather than hand over a file of other labels.
    """

    validity = forms.ChoiceField(
        label=_("Validity"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, data: QueryDict) -> None:
        super().__init__(data)
        expiring = ngettext(
            "Expiring within %(days)d day", "Expiring within %(days)d days", EXPIRY_WARNING_DAYS
        ) % {"days": EXPIRY_WARNING_DAYS}
        cast(forms.ChoiceField, self.fields["validity"]).choices = [
            ("", _("All labels")),
            (Validity.VALID.value, Validity.VALID.label),
            (Validity.EXPIRING.value, expiring),
            (Validity.EXPIRED.value, Validity.EXPIRED.label),
        ]

    def chosen(self) -> str:
        """The validity asked for; "" (every label) when none, or an unknown one, marked invalid."""
        if self.is_valid():
            return self.cleaned_data["validity"]
        self.fields["validity"].widget.attrs.update(
            {"class": "form-select is-invalid", "aria-describedby": "validity-error"}
        )
        return ""


def _call_form(request: AuthenticatedRequest) -> CallChoiceForm | None:
    """The call chosen with `?call=`, else the newest one with figures for the user; 404 if unknown.
    None when there is no call at all."""
    calls = list(Call.objects.order_by("-opens_on", "-pk"))
    if not calls:
        return None
    data = request.GET.copy()
    if not data.get("call"):
        default = national.call_default(user=request.user)
        data["call"] = str(default.pk if default else calls[0].pk)
    form = CallChoiceForm(data, calls=calls)
    if not form.is_valid():
        raise Http404
    return form


def _sees_many_countries(user: permissions.Person) -> bool:
    return user.is_superuser or len(permissions.coordinated_countries(user)) > 1


@login_required
@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_national_figures(request.user)
    form = _call_form(request)
    call = form.chosen() if form else None
    context: dict[str, object] = {
        "form": form,
        "call": call,
        "many_countries": _sees_many_countries(request.user),
    }
    if call is not None:
        principles = national.principles_of_call(call)
        figures = national.national_figures(
            national.national_rows(user=request.user, call=call), [p.code for p in principles]
        )
        context |= {
            "figures": figures,
            "principles": [(p, figures.averages[p.code]) for p in principles],
            "averages_chart": national.averages_chart(principles, figures.averages),
            "distribution_chart": national.distribution_chart(figures.distribution),
        }
    return render(request, "national/dashboard.html", context)


@login_required
@require_GET
def export_csv(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_national_figures(request.user)
    form = _call_form(request)
    if form is None:
        raise Http404
    call = form.chosen()
    codes = [principle.code for principle in national.principles_of_call(call)]
    rows = national.national_rows(user=request.user, call=call)
    return csv_response(
        f"etwinning-schools-{slugify(call.name, allow_unicode=True) or call.pk}.csv",
        national.export_lines(rows, codes),
    )


def csv_response(filename: str, lines: Iterable[list[str]]) -> HttpResponse:
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=filename)},
    )
    # The byte order mark makes spreadsheets read the file as UTF-8 (names in any alphabet).
    response.write("\ufeff")
    csv.writer(response).writerows(lines)
    return response


@login_required
@require_GET
def label_register(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_national_figures(request.user)
    form = LabelRegisterForm(request.GET)
    validity = form.chosen()
    labels = national.labels_awarded(user=request.user, today=timezone.localdate(), validity=validity)
    page = Paginator(labels, LABELS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "national/labels.html",
        {
            "form": form,
            "validity": validity,
            "page": page,
            "many_countries": _sees_many_countries(request.user),
        },
    )


@login_required
@require_GET
def label_register_csv(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_national_figures(request.user)
    form = LabelRegisterForm(request.GET)
    if not form.is_valid():
        raise BadRequest("Unknown label validity filter.")
    validity = form.cleaned_data["validity"]
    today = timezone.localdate()
    rows = label_rows(user=request.user, today=today, validity=validity)
    suffix = f"-{validity}" if validity else ""
    return csv_response(f"etwinning-school-labels{suffix}-{today.isoformat()}.csv", register_lines(rows))
