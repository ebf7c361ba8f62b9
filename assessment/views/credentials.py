"""A label anyone can verify: the public verification page, the published keys and issuer
documents, the revocation lists, the website badge and the public register; the school's
downloads of its credential; a coordinator's revocation."""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from assessment import permissions, selectors
from assessment.credentials import badges
from assessment.credentials.document import achievement, issuer_profile, site, verification_url
from assessment.credentials.keys import public_multibase, published_keys
from assessment.models import Assessment, Country, Credential, Framework, LabelStanding, Principle
from assessment.national.rows import public_labels
from assessment.services import credentials as services
from assessment.views.requests import AuthenticatedRequest

JSON_LD = "application/ld+json"


def _award_by_code(code: str) -> Assessment:
    assessment = (
        Assessment.objects.select_related("school__country", "call").filter(verification_code=code).first()
    )
    if assessment is None or not assessment.label_standing(timezone.localdate()):
        raise Http404
    return assessment


def _country(code: str) -> Country:
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise Http404
    return country


def badge_texts(assessment: Assessment) -> dict[str, str]:
    """The badge's words in the school's language."""
    with translation.override(selectors.school_language(assessment.school)):
        until = assessment.label_valid_until
        return {
            "title": _("eTwinning School Label"),
            "until": _("valid until %(year)s") % {"year": until.year if until else "–"},
            "label": _("eTwinning School Label of %(school)s, valid until %(date)s")
            % {"school": assessment.school.name, "date": until.isoformat() if until else "–"},
        }


def label_online(assessment: Assessment) -> dict[str, str]:
    """What the school needs to show its label online: the verification page's address, its
    badge's, and the HTML to paste into the school's website."""
    page = verification_url(assessment)
    image = site(reverse("credential_badge_svg", args=[assessment.verification_code]))
    texts = badge_texts(assessment)
    return {
        "page": page,
        "image": image,
        "snippet": format_html(
            '<a href="{}"><img src="{}" alt="{}" width="160" height="160"></a>', page, image, texts["label"]
        ),
    }


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The award as anyone may check it: school, country, call, dates and where it stands."""
    assessment = _award_by_code(code)
    return render(
        request,
        "credentials/verify.html",
        {"assessment": assessment, "standing": assessment.label_standing(timezone.localdate())},
    )


def _badged(code: str) -> Assessment:
    """The award whose website badge is asked for: a revoked label shows none (and a badge
    is cached briefly, so that a revocation shows on the school's website soon)."""
    assessment = _award_by_code(code)
    if assessment.label_standing(timezone.localdate()) == LabelStanding.REVOKED:
        raise Http404
    return assessment


@require_GET
@cache_control(max_age=600, public=True)
def badge_svg(request: HttpRequest, code: str) -> HttpResponse:
    texts = badge_texts(_badged(code))
    return HttpResponse(badges.badge_svg(**texts), content_type="image/svg+xml")


@require_GET
@cache_control(max_age=600, public=True)
def badge_png(request: HttpRequest, code: str) -> HttpResponse:
    texts = badge_texts(_badged(code))
    return HttpResponse(
        badges.badge_png(title=texts["title"], until=texts["until"]), content_type="image/png"
    )


def _attachment(assessment: Assessment, extension: str) -> str:
    """The download's name, the school's letters kept (ł, ș, ø, Cyrillic), as for evidence."""
    school = slugify(assessment.school.name, allow_unicode=True)
    return content_disposition_header(
        as_attachment=True, filename=f"etwinning-school-label-{school}-{assessment.call_id}.{extension}"
    )


def _member_credential(request: AuthenticatedRequest, pk: int) -> tuple[Assessment, Credential]:
    assessment = permissions.get_assessment_for(request.user, pk)
    if not permissions.can_download_credential(request.user, assessment):
        raise Http404
    credential = services.credential_current(assessment)
    if credential is None:
        raise Http404
    return assessment, credential


@login_required
@require_GET
def credential_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment, credential = _member_credential(request, pk)
    response = JsonResponse(credential.document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = JSON_LD
    response["Content-Disposition"] = _attachment(assessment, "json")
    return response


@login_required
@require_GET
def credential_badge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The badge PNG with the credential baked in, to keep or to import into a badge wallet."""
    assessment, credential = _member_credential(request, pk)
    texts = badge_texts(assessment)
    png = badges.bake(badges.badge_png(title=texts["title"], until=texts["until"]), credential.document)
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = _attachment(assessment, "png")
    return response


# The documents a verifier fetches: keys, issuers, achievements, revocation lists.


@require_GET
def keys(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        {"keys": [_multikey(kid, key) for kid, key in published_keys().items()]},
        content_type="application/json",
    )


def _multikey(kid: str, key: Ed25519PublicKey) -> dict:
    return {
        "@context": "https://w3id.org/security/multikey/v1",
        "id": site(reverse("credential_key", args=[kid])),
        "type": "Multikey",
        "publicKeyMultibase": public_multibase(key),
    }


@require_GET
def key(request: HttpRequest, kid: str) -> HttpResponse:
    public = published_keys().get(kid)
    if public is None:
        raise Http404
    return JsonResponse(_multikey(kid, public), content_type=JSON_LD)


@require_GET
def issuer(request: HttpRequest, code: str) -> HttpResponse:
    return JsonResponse(issuer_profile(_country(code)), content_type=JSON_LD)


@require_GET
def issuer_achievement(request: HttpRequest, code: str) -> HttpResponse:
    country = _country(code)
    framework = Framework.objects.order_by("-version").first()
    principles = list(Principle.objects.filter(framework=framework).order_by("order"))
    return JsonResponse(achievement(country, principles), content_type=JSON_LD)


@require_GET
def revocations(request: HttpRequest, code: str) -> HttpResponse:
    """The issuer's revocation list (1EdTech Revocation List): the ids of every credential of
    its country revoked, without the reasons, which are the school's business."""
    country = _country(code)
    revoked = (
        Credential.objects.filter(assessment__school__country=country, revoked_at__isnull=False)
        .order_by("revoked_at", "pk")
        .values_list("uuid", flat=True)
    )
    return JsonResponse(
        {
            "id": site(reverse("credential_revocations", args=[country.code])),
            "issuer": issuer_profile(country)["id"],
            "revokedCredentials": [{"id": f"urn:uuid:{identifier}"} for identifier in revoked],
        },
        content_type="application/json",
    )


@require_GET
def public_register(request: HttpRequest, code: str) -> HttpResponse:
    """The country's valid labels, of the schools that chose to be listed."""
    country = _country(code)
    return render(
        request,
        "credentials/register.html",
        {"country": country, "labels": public_labels(country=country, today=timezone.localdate())},
    )
