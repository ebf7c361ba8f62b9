import pytest
from django.contrib import admin
from django.urls import reverse

from assessment.models import Statement
from tests.conftest import LANGUAGES
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_a_statement_is_edited_in_the_admin_with_a_field_per_language(admin_client, framework):
    statement = Statement.objects.get(code="4.3")
    page = admin_client.get(
        reverse("admin:assessment_statement_change", args=[statement.pk])
    ).content.decode()
    for language in LANGUAGES:
        assert f'name="text_{language}"' in page
        assert f'name="guidance_{language}"' in page
    assert "tabbed_translation_fields.js" in page


def test_the_admin_language_tabs_load_their_scripts_from_the_app_itself(admin_client, framework):
    page = admin_client.get(reverse("admin:assessment_principle_changelist")).content.decode()
    page += admin_client.get(
        reverse("admin:assessment_principle_change", args=[framework.principles.first().pk])
    ).content.decode()
    assert "googleapis" not in page
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page


def test_an_admin_cannot_save_a_statement_with_an_empty_translation(admin_client, framework):
    statement = Statement.objects.get(code="1.1")
    data = {
        "principle": statement.principle_id,
        "code": statement.code,
        "order": statement.order,
        "evidence_expected": "on",
        "weight": 1,
        **{f"text_{language}": getattr(statement, f"text_{language}") for language in LANGUAGES},
        **{f"guidance_{language}": getattr(statement, f"guidance_{language}") for language in LANGUAGES},
    }
    data["text_ro"] = ""
    response = admin_client.post(reverse("admin:assessment_statement_change", args=[statement.pk]), data)
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.text_ro


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model.__name__)
def test_every_admin_list_and_add_page_loads(admin_client, submitted, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)


NO_INLINES = {"status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0"}


def test_changing_a_labels_validity_in_the_admin_is_logged_and_told_to_the_school(
    admin_client, submitted, coordinator, today, mailoutbox, django_capture_on_commit_callbacks
):
    from assessment.dates import years_later
    from assessment.services.review import Decision, decision_make

    decision_make(assessment=submitted, user=coordinator, decision=Decision.AWARD, comment="", today=today)
    new_date = years_later(today, 3)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:assessment_assessment_change", args=[submitted.pk]),
            {"label_valid_until": new_date.isoformat(), **NO_INLINES},
        )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.label_valid_until == new_date
    change = submitted.status_changes.order_by("at").last()
    assert (change.from_status, change.to_status, change.actor.username) == ("awarded", "awarded", "root")
    assert "The label's validity was changed from" in change.comment
    assert mailoutbox and "valid until" in mailoutbox[0].body


def test_a_draft_has_no_label_validity_to_set_in_the_admin(admin_client, assessment, today):
    response = admin_client.post(
        reverse("admin:assessment_assessment_change", args=[assessment.pk]),
        {"label_valid_until": today.isoformat(), **NO_INLINES},
    )

    assert response.status_code == 200
    assert "Only an awarded label has a validity." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.label_valid_until is None
