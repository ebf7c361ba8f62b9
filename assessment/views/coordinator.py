"""The national coordinators' inbox: their countries' assessments of one call."""

from collections.abc import Iterable
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment import permissions, selectors
from assessment.models import Assessment, Call
from assessment.reports.data import BAND_LABELS
from assessment.views.requests import AuthenticatedRequest

PAGE_SIZE = 50

# The sortable columns, in the table's order: (the `sort` value, the header).
SORTABLE_COLUMNS = [
    ("school", _("School")),
    ("region", _("Region")),
    ("status", _("Status")),
    ("submitted", pgettext_lazy("inbox column: when it was submitted", "Submitted")),
    ("score", _("Overall score")),
]


class InboxForm(forms.Form):
    """The inbox's filters, read from the query string.

    A value that is not one of the choices (an old link, a hand-edited URL) is shown as an
    error on its field and otherwise ignored, so the page still lists something useful.
    """

    call = forms.TypedChoiceField(label=_("Call"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    band = forms.ChoiceField(
        label=_("Profile match"),
        required=False,
        help_text=_(
            "The profile match shows how close the scores are to the eTwinning School profile. "
            "A school matches the profile when every principle reaches the score set by the call."
        ),
    )
    q = forms.CharField(label=_("School name contains"), required=False, max_length=200)

    def __init__(self, data: QueryDict, *, calls: list[Call]) -> None:
        super().__init__(data)
        self.calls = {call.pk: call for call in calls}
        self._choice("call").choices = [(call.pk, call.name) for call in calls]
        self._choice("status").choices = [
            ("", _("All statuses")),
            *(
                (value, label)
                for value, label in Assessment.Status.choices
                if value != Assessment.Status.DRAFT
            ),
        ]
        self._choice("region").choices = [("", _("All regions"))]
        any_band = pgettext_lazy("profile match filter", "All")
        self._choice("band").choices = [("", any_band), *BAND_LABELS.items()]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )

    @cached_property
    def chosen_call(self) -> Call | None:
        """The call asked for when it is one of the coordinator's, else the newest of them."""
        try:
            return self.calls[self.fields["call"].clean(self.data.get("call", ""))]
        except (ValidationError, KeyError):
            return next(iter(self.calls.values()), None)

    def offer_regions(self, regions: list[str]) -> None:
        self._choice("region").choices = [("", _("All regions")), *((region, region) for region in regions)]

    def _choice(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def filters(self) -> selectors.InboxFilters:
        """The valid filters; the sort is checked against the selector's whitelist."""
        self.is_valid()
        for name in self.errors:
            self.fields[name].widget.attrs.update(
                {
                    "class": f"{self.fields[name].widget.attrs['class']} is-invalid",
                    "aria-describedby": f"{name}-error",
                }
            )
        sort = self.data.get("sort", "")
        return selectors.InboxFilters(
            status=self.cleaned_data.get("status", ""),
            region=self.cleaned_data.get("region", ""),
            band=self.cleaned_data.get("band", ""),
            search=self.cleaned_data.get("q", ""),
            sort=sort if sort in selectors.INBOX_SORTS else selectors.INBOX_DEFAULT_SORT,
        )


def _columns(sort: str) -> list[dict]:
    """Each sortable header: its label, the sort its link asks for, and its aria-sort."""
    columns = []
    for key, label in SORTABLE_COLUMNS:
        direction = "ascending" if sort == key else "descending" if sort == f"-{key}" else None
        columns.append(
            {"label": label, "direction": direction, "link": f"-{key}" if direction == "ascending" else key}
        )
    return columns


def _labels(choices: Iterable[tuple[str, object]]) -> dict[str, str]:
    """Choice labels translated once for the page rather than once for each row."""
    return {value: str(label) for value, label in choices}


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    permissions.require_national_figures(request.user)
    form = InboxForm(request.GET, calls=selectors.inbox_calls(user=request.user))
    call = form.chosen_call
    if call is None:
        return render(request, "coordinator/inbox.html", {"form": form, "call": None})
    form.offer_regions(selectors.inbox_regions(user=request.user, call=call))
    filters = form.filters()
    assessments = selectors.coordinator_assessments(user=request.user, call=call, filters=filters)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coordinator/inbox.html",
        {
            "form": form,
            "call": call,
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number),
            "columns": _columns(filters.sort),
            "status_counts": selectors.inbox_status_counts(user=request.user, call=call),
            "sort": filters.sort,
            "status_labels": _labels(Assessment.Status.choices),
            "band_labels": _labels(BAND_LABELS.items()),
        },
    )
