import copy

import pytest
from django.core.exceptions import ValidationError

from assessment.models import (
    Framework,
    Principle,
    ScaleLevel,
    Statement,
    SurveyGroup,
    SurveyQuestion,
    SurveyStatement,
)
from assessment.services.framework import framework_load


def content_snapshot() -> list[tuple]:
    rows = []
    for model in (Framework, Principle, Statement, ScaleLevel, SurveyStatement, SurveyQuestion):
        rows += [tuple(row.values()) for row in model.objects.order_by("pk").values()]
    return rows


def test_loading_the_same_file_twice_changes_nothing(framework, framework_data):
    before = content_snapshot()
    report = framework_load(data=framework_data)
    assert not report.changed_anything
    assert content_snapshot() == before


def test_a_first_load_creates_every_object(no_framework, framework_data):
    report = framework_load(data=framework_data)
    assert report.created == {
        "Framework": 1,
        "ESafetyItem": 1,
        "ScaleLevel": 5,
        "Principle": 5,
        "Statement": sum(len(p["statements"]) for p in framework_data["principles"]),
        "SurveyQuestion": sum(len(s["principles"]) for s in framework_data["surveys"]),
        "SurveyStatement": sum(
            len(p["statements"]) for s in framework_data["surveys"] for p in s["principles"]
        ),
    }


def test_a_text_fix_updates_the_text_and_keeps_the_statement(framework, framework_data):
    statement = Statement.objects.get(principle__framework=framework, code="2.3")
    fixed = copy.deepcopy(framework_data)
    fixed["principles"][1]["statements"][2]["text"]["pl"] = "Poprawiony tekst stwierdzenia."

    report = framework_load(data=fixed)

    assert report.updated == {"Statement": 1}
    assert not report.created
    statement.refresh_from_db()
    assert statement.text_pl == "Poprawiony tekst stwierdzenia."
    assert Statement.objects.filter(principle__framework=framework).count() == 31


def test_a_statement_removed_from_the_file_is_kept(framework, framework_data):
    shorter = copy.deepcopy(framework_data)
    shorter["principles"][4]["statements"].pop()
    framework_load(data=shorter)
    assert Statement.objects.filter(principle__framework=framework, code="5.7").exists()


def test_a_missing_translation_is_refused_naming_the_field(no_framework, framework_data):
    broken = copy.deepcopy(framework_data)
    broken["principles"][0]["statements"][0]["guidance"]["nb"] = " "
    with pytest.raises(ValidationError, match=r"statement 1.1 guidance has no text for: nb"):
        framework_load(data=broken)
    assert not Framework.objects.exists()


def test_a_principle_with_too_few_statements_is_refused(db, framework_data):
    broken = copy.deepcopy(framework_data)
    del broken["principles"][2]["statements"][1:]
    with pytest.raises(ValidationError, match="principle 3 must have 5 to 7 statements, not 1"):
        framework_load(data=broken)


def test_a_scale_without_not_applicable_is_refused(db, framework_data):
    broken = copy.deepcopy(framework_data)
    broken["levels"].pop()
    with pytest.raises(ValidationError, match="The scale must list the levels 1, 2, 3, 4, na in order"):
        framework_load(data=broken)


def test_every_group_has_a_survey_on_every_principle(framework, framework_data):
    for group in SurveyGroup.values:
        assert set(
            SurveyQuestion.objects.filter(principle__framework=framework, group=group).values_list(
                "principle__code", flat=True
            )
        ) == {"1", "2", "3", "4", "5"}
        assert (
            SurveyStatement.objects.filter(statement__principle__framework=framework, group=group).count()
            >= 5
        )


def test_a_survey_text_fix_updates_the_text_and_keeps_the_answers_statement(framework, framework_data):
    item = SurveyStatement.objects.get(
        statement__principle__framework=framework, group="students", statement__code="3.1"
    )
    fixed = copy.deepcopy(framework_data)
    students = next(survey for survey in fixed["surveys"] if survey["group"] == "students")
    principle = next(p for p in students["principles"] if p["principle"] == "3")
    next(s for s in principle["statements"] if s["statement"] == "3.1")["text"]["nl"] = "Een verbeterde zin."

    report = framework_load(data=fixed)

    assert report.updated == {"SurveyStatement": 1}
    item.refresh_from_db()
    assert item.text_nl == "Een verbeterde zin."


def test_a_survey_statement_of_another_principle_is_refused(db, framework_data):
    broken = copy.deepcopy(framework_data)
    broken["surveys"][0]["principles"][0]["statements"][0]["statement"] = "2.1"  # under principle 1
    with pytest.raises(ValidationError, match="principle 1 has no statement '2.1'"):
        framework_load(data=broken)


def test_a_survey_of_an_unknown_group_is_refused(db, framework_data):
    broken = copy.deepcopy(framework_data)
    broken["surveys"][0]["group"] = "governors"
    with pytest.raises(ValidationError, match="governors"):
        framework_load(data=broken)


def test_a_survey_text_missing_a_language_is_refused(no_framework, framework_data):
    broken = copy.deepcopy(framework_data)
    del broken["surveys"][1]["principles"][2]["question"]["bg"]
    with pytest.raises(ValidationError, match="students survey, principle 3 text has no text for: bg"):
        framework_load(data=broken)
