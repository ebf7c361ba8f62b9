"""The label's public verification page, its badge for a website, the certificate's QR code,
the public register, and a coordinator's revocation."""

import datetime

import pytest
from django.urls import reverse

from assessment.models import Assessment
from assessment.services.credentials import label_revoke
from tests.reports_helpers import pdf_info, pdf_objects, pdf_text

pytestmark = pytest.mark.django_db


def verify_url(assessment: Assessment) -> str:
    return reverse("credential_verify", args=[assessment.verification_code])


def test_anyone_sees_the_label_valid_until_its_date_in_their_language(client, awarded):
    response = client.get(verify_url(awarded), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in content and awarded.school.name in content and awarded.call.name in content
    # Nothing else of the school: no scores, no region, no answers.
    assert awarded.school.region not in content and "score" not in content.lower()
    polish = client.get(verify_url(awarded), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert 'lang="pl"' in polish and "Valid" not in polish


def test_an_expired_label_says_expired(client, awarded):
    Assessment.objects.filter(pk=awarded.pk).update(label_valid_until=datetime.date(2020, 1, 1))
    content = client.get(verify_url(awarded), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Expired" in content and "was valid until" in content


def test_a_revocation_shows_on_the_page_at_once(client, awarded, coordinator):
    label_revoke(assessment=awarded, user=coordinator, reason="Invented evidence.")
    content = client.get(verify_url(awarded), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Revoked" in content and "no longer valid" in content
    assert "Invented evidence." not in content  # the reason is the school's, not the public's
    assert client.get(reverse("credential_badge_svg", args=[awarded.verification_code])).status_code == 404
    revoked = client.get(reverse("credential_revocations", args=["PL"])).json()["revokedCredentials"]
    assert revoked == [{"id": f"urn:uuid:{awarded.credentials.get().uuid}"}]


def test_an_unknown_code_or_a_label_never_awarded_is_not_found(client, submitted):
    assert client.get(reverse("credential_verify", args=["no-such-code"])).status_code == 404


def test_the_certificate_prints_the_verification_pages_qr_code_and_address(client, awarded, leader):
    client.force_login(leader)
    pdf = client.get(reverse("label_certificate", args=[awarded.pk]), {"language": "en"}).content
    assert pdf_info(pdf)["Pages"] == "1"
    # The address is a link in the PDF, beside its QR code (a drawing of many small squares).
    assert f"/URI (http://127.0.0.1:8000{verify_url(awarded)})".encode() in pdf_objects(pdf)
    assert "Check this label:" in pdf_text(pdf)


def test_the_report_of_an_awarded_self_assessment_prints_it_on_its_cover(client, awarded, leader):
    client.force_login(leader)
    html = client.get(reverse("assessment_report", args=[awarded.pk]), {"language": "en"}).content.decode()
    assert verify_url(awarded) in html and 'class="qr"' in html


def test_the_school_gets_its_badge_and_the_html_for_its_website(client, awarded, leader):
    client.force_login(leader)
    content = client.get(reverse("assessment_overview", args=[awarded.pk])).content.decode()
    assert "badge-snippet" in content
    assert f"&lt;a href=&quot;http://127.0.0.1:8000{verify_url(awarded)}&quot;&gt;" in content
    svg = client.get(reverse("credential_badge_svg", args=[awarded.verification_code]))
    assert (
        svg["Content-Type"] == "image/svg+xml" and str(awarded.label_valid_until.year) in svg.content.decode()
    )


def test_the_badge_prints_a_hostile_school_name_as_text(client, awarded):
    awarded.school.name = '<script>alert(1)</script>"'
    awarded.school.save()
    svg = client.get(reverse("credential_badge_svg", args=[awarded.verification_code])).content.decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_credential_downloads_as_json_ld_named_after_the_school(client, awarded, teacher):
    awarded.school.name = "Средно училище Варна"
    awarded.school.save()
    client.force_login(teacher)
    response = client.get(reverse("credential_download", args=[awarded.pk]))
    assert response["Content-Type"] == "application/ld+json"
    assert "%D1%81%D1%80%D0%B5%D0%B4%D0%BD%D0%BE" in response["Content-Disposition"]  # "средно"
    assert response.json()["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_the_public_register_lists_only_valid_labels_of_schools_that_chose_it(client, awarded):
    url = reverse("public_register", args=["PL"])
    assert awarded.school.name not in client.get(url).content.decode()

    awarded.school.in_public_register = True
    awarded.school.save()
    assert awarded.school.name in client.get(url).content.decode()

    Assessment.objects.filter(pk=awarded.pk).update(label_valid_until=datetime.date(2020, 1, 1))
    assert awarded.school.name not in client.get(url).content.decode()


def test_the_leader_chooses_the_public_register_on_the_schools_page(client, school_a, leader):
    client.force_login(leader)
    content = client.get(reverse("school_edit", args=[school_a.pk])).content.decode()
    assert 'name="in_public_register"' in content
    school_a.refresh_from_db()
    assert not school_a.in_public_register  # off until the school says otherwise


def test_a_revocation_without_a_reason_says_so_and_keeps_the_confirmation(client, awarded, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("label_revoke", args=[awarded.pk]), {"reason": "", "confirmed": "on"})
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="id_reason-error"' in content and 'name="confirmed" id="id_confirmed" checked' in content
    awarded.refresh_from_db()
    assert awarded.status == Assessment.Status.AWARDED


def test_a_revocation_keeps_the_reason_typed_when_it_is_not_confirmed(client, awarded, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("label_revoke", args=[awarded.pk]), {"reason": "Invented evidence."})
    assert response.status_code == 422
    assert "Invented evidence.</textarea>" in response.content.decode()


def test_the_published_key_is_a_multikey_of_the_signing_key(client, awarded):
    document = awarded.credentials.get().document
    method = document["proof"]["verificationMethod"]
    key = client.get(method.removeprefix("http://127.0.0.1:8000")).json()
    assert key["type"] == "Multikey" and key["id"] == method
    assert key["publicKeyMultibase"].startswith("z6Mk")
    issuer = client.get(document["issuer"]["id"].removeprefix("http://127.0.0.1:8000")).json()
    assert issuer["id"] == document["issuer"]["id"] and issuer["type"] == ["Profile"]
