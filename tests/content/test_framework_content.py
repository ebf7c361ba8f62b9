"""The shipped framework content: complete in six languages, official where the seeds are."""

import pytest

from assessment.models import ESafetyItem, Principle, ScaleLevel, Statement
from tests.conftest import LANGUAGES
from tests.seed_texts import SEED_LANGUAGES, read_seed, without_emphasis

TRANSLATED = {
    Principle: ("title", "short_title", "description"),
    Statement: ("text", "guidance"),
    ScaleLevel: ("label", "meaning"),
    ESafetyItem: ("text", "guidance"),
}


def test_the_framework_has_five_principles_of_five_to_seven_statements(framework):
    principles = list(framework.principles.order_by("order"))
    assert [p.code for p in principles] == ["1", "2", "3", "4", "5"]
    for principle in principles:
        statements = list(principle.statements.order_by("order"))
        assert 5 <= len(statements) <= 7
        assert all(s.code.startswith(f"{principle.code}.") for s in statements)


def test_the_scale_has_four_levels_and_not_applicable(framework):
    levels = list(framework.levels.order_by("order"))
    assert [level.code for level in levels] == ["1", "2", "3", "4", "na"]
    assert [level.value for level in levels] == [1, 2, 3, 4, None]


@pytest.mark.parametrize("model", TRANSLATED, ids=lambda model: model.__name__)
def test_every_translated_field_is_filled_in_every_language_and_differs_from_english(framework, model):
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        for name in TRANSLATED[model]:
            english = getattr(obj, f"{name}_en")
            assert english.strip(), f"{obj} {name}_en is empty"
            for language in LANGUAGES[1:]:
                text = getattr(obj, f"{name}_{language}")
                assert text and text.strip(), f"{obj} {name}_{language} is empty"
                assert text != english, f"{obj} {name}_{language} is the English text"


def test_the_mission_is_filled_in_every_language(framework):
    for language in LANGUAGES[1:]:
        assert getattr(framework, f"mission_{language}") != framework.mission_en


@pytest.mark.parametrize("language", SEED_LANGUAGES)
def test_principle_titles_and_descriptions_are_the_official_texts_verbatim(framework, language):
    seed = read_seed(language)
    principles = framework.principles.order_by("order")
    for principle, (title, description) in zip(principles, seed.principles, strict=True):
        assert getattr(principle, f"title_{language}") == without_emphasis(title)
        assert getattr(principle, f"description_{language}") == without_emphasis(description)


@pytest.mark.parametrize("language", SEED_LANGUAGES)
def test_the_mission_is_the_official_opening_text_verbatim(framework, language):
    paragraphs = getattr(framework, f"mission_{language}").split("\n\n")
    assert paragraphs == read_seed(language).mission


def test_the_bulgarian_seed_is_read_with_its_lines_and_hyphenations_joined():
    seed = read_seed("bg")
    assert seed.principles[0][0] == "eTwinning училищата са отдадени на споделеното лидерство"
    assert seed.mission[-1].endswith("да станат по-добри хора, по-добри ученици и по-активни граждани.")
    assert all("\n" not in paragraph and "  " not in paragraph for paragraph in seed.mission)
