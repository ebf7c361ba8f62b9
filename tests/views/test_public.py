import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.conftest import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_the_mission_and_the_five_principles_in_the_browsers_language(client, framework, language):
    response = client.get(reverse("home"), headers={"accept-language": language})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    for principle in framework.principles.all():
        assert escape(getattr(principle, f"title_{language}")) in page
        assert escape(getattr(principle, f"description_{language}")) in page
    first_mission_words = escape(getattr(framework, f"mission_{language}").replace("**", "")[:40])
    assert first_mission_words in page.replace("<strong>", "").replace("</strong>", "")


def test_home_shows_the_missions_emphasis_as_emphasis(client, framework):
    page = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    assert "<strong>models</strong>" in page
    assert "**" not in page


def test_the_chosen_language_sticks_over_the_browsers(client, framework):
    response = client.post(reverse("set_language"), {"language": "bg", "next": reverse("about")})
    assert response.status_code == 302
    assert response["Location"] == reverse("about")

    page = client.get(reverse("home"), headers={"accept-language": "nl"}).content.decode()

    assert '<html lang="bg">' in page
    assert escape(framework.principles.get(code="4").title_bg) in page


@pytest.mark.parametrize("url_name", ["home", "about"])
def test_every_page_has_the_language_switcher_with_all_six_languages(client, framework, url_name):
    page = client.get(reverse(url_name)).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    for language in LANGUAGES:
        assert f'<option value="{language}" lang="{language}"' in page


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_about_explains_the_process_in_each_language(client, framework, language):
    page = client.get(reverse("about"), headers={"accept-language": language}).content.decode()
    with translation.override(language):
        heading = translation.gettext("How the self-assessment works")
        steps = [
            translation.gettext(step) for step in ("Self-assessment", "Evidence", "Submission and review")
        ]
    assert heading != "How the self-assessment works"
    assert heading in page
    assert all(step in page for step in steps)
    for level in framework.levels.all():
        assert escape(getattr(level, f"label_{language}")) in page


def test_home_runs_a_fixed_number_of_queries(client, framework, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("home"))


def test_home_without_a_framework_says_how_to_load_it(client, no_framework):
    page = client.get(reverse("home")).content.decode()
    assert "python manage.py load_framework" in page


def test_pages_carry_a_content_security_policy_without_inline_code(client, db):
    policy = client.get(reverse("about"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
