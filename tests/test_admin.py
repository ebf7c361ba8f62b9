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
