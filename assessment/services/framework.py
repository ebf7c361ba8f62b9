"""Writes of the framework content: importing the versioned framework file."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from assessment.languages import language_codes
from assessment.models import (
    ESafetyItem,
    Framework,
    Principle,
    ScaleLevel,
    Statement,
    SurveyGroup,
    SurveyQuestion,
    SurveyStatement,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
SCALE_CODES = ("1", "2", "3", "4", ScaleLevel.NOT_APPLICABLE)


@dataclass
class LoadReport:
    """What a load changed, per kind of object: a second load of the same file reports none."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, *, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


def framework_files() -> list[Path]:
    """The framework files shipped with the app, oldest edition first."""
    return sorted(CONTENT_DIR.glob("framework-*.toml"))


def framework_read(path: Path) -> dict:
    with path.open("rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValidationError(f"{path.name} is not valid TOML: {error}") from error


def _translations(where: str, values: object) -> dict[str, str]:
    """`values` as {"title_en": ..., "title_pl": ...}-ready texts, every language filled."""
    if not isinstance(values, dict):
        raise ValidationError(f"{where} must be a table of texts, one per language.")
    missing = [code for code in language_codes() if not str(values.get(code, "")).strip()]
    if missing:
        raise ValidationError(f"{where} has no text for: {', '.join(missing)}.")
    return {code: str(values[code]).strip() for code in language_codes()}


def _translated_fields(where: str, data: dict, names: tuple[str, ...]) -> dict[str, str]:
    fields = {}
    for name in names:
        for code, text in _translations(f"{where} {name}", data.get(name)).items():
            fields[f"{name}_{code}"] = text
    return fields


def _upsert[M: models.Model](report: LoadReport, model: type[M], *, lookup: dict, values: dict) -> M:
    """Create the object, or update only the fields whose value differs."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.count(model.__name__, created=True, changed=True)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    report.count(model.__name__, created=False, changed=bool(changed))
    return obj


@transaction.atomic
def framework_load(*, data: dict) -> LoadReport:
    """Create or update one framework edition from the parsed framework file.

    Objects are matched by their codes, so answers given against a statement stay attached
    to it when its text is fixed. Nothing is ever deleted: a statement missing from the
    file is left in place for the answers that may refer to it.
    """
    version = str(data.get("version", "")).strip()
    if not version:
        raise ValidationError("The framework file has no version.")
    report = LoadReport()
    framework = _upsert(
        report,
        Framework,
        lookup={"version": version},
        values=_translated_fields("framework", data, ("mission",)),
    )
    esafety = data.get("esafety") or {}
    _upsert(
        report,
        ESafetyItem,
        lookup={"framework": framework},
        values=_translated_fields("esafety", esafety, ("text", "guidance")),
    )
    levels = data.get("levels") or []
    codes = [str(level.get("code")) for level in levels]
    if codes != list(SCALE_CODES):
        raise ValidationError(f"The scale must list the levels {', '.join(SCALE_CODES)} in order.")
    for order, level in enumerate(levels, start=1):
        _upsert(
            report,
            ScaleLevel,
            lookup={"framework": framework, "code": level["code"]},
            values={
                "order": order,
                **_translated_fields(f"level {level['code']}", level, ("label", "meaning")),
            },
        )
    for order, principle_data in enumerate(data.get("principles") or [], start=1):
        _principle_load(report, framework=framework, order=order, data=principle_data)
    for survey in data.get("surveys") or []:
        _survey_load(report, framework=framework, data=survey)
    return report


def _principle_load(report: LoadReport, *, framework: Framework, order: int, data: dict) -> None:
    code = str(data.get("code", "")).strip()
    where = f"principle {code}"
    statements = data.get("statements") or []
    if not 5 <= len(statements) <= 7:
        raise ValidationError(f"{where} must have 5 to 7 statements, not {len(statements)}.")
    principle = _upsert(
        report,
        Principle,
        lookup={"framework": framework, "code": code},
        values={"order": order, **_translated_fields(where, data, ("title", "short_title", "description"))},
    )
    for statement_order, statement in enumerate(statements, start=1):
        statement_code = str(statement.get("code", "")).strip()
        weight = statement.get("weight", 1)
        if not isinstance(weight, int) or weight < 1:
            raise ValidationError(f"statement {statement_code}: weight must be a whole number from 1.")
        _upsert(
            report,
            Statement,
            lookup={"principle": principle, "code": statement_code},
            values={
                "order": statement_order,
                "evidence_expected": bool(statement.get("evidence_expected", True)),
                "weight": weight,
                **_translated_fields(f"statement {statement_code}", statement, ("text", "guidance")),
            },
        )


def _survey_load(report: LoadReport, *, framework: Framework, data: dict) -> None:
    """One group's questionnaire: per principle, an open question and the group's wording of
    some of its statements, each matched to the framework statement by its code."""
    group = str(data.get("group", ""))
    if group not in SurveyGroup.values:
        raise ValidationError(f"survey group {group!r} is not one of: {', '.join(SurveyGroup.values)}.")
    order = 0
    for principle_data in data.get("principles") or []:
        code = str(principle_data.get("principle", "")).strip()
        principle = Principle.objects.filter(framework=framework, code=code).first()
        if principle is None:
            raise ValidationError(f"{group} survey: there is no principle {code!r}.")
        where = f"{group} survey, principle {code}"
        _upsert(
            report,
            SurveyQuestion,
            lookup={"principle": principle, "group": group},
            values=_translated_fields(where, {"text": principle_data.get("question")}, ("text",)),
        )
        for statement_data in principle_data.get("statements") or []:
            statement_code = str(statement_data.get("statement", "")).strip()
            statement = Statement.objects.filter(principle=principle, code=statement_code).first()
            if statement is None:
                raise ValidationError(f"{where}: principle {code} has no statement {statement_code!r}.")
            order += 1
            _upsert(
                report,
                SurveyStatement,
                lookup={"statement": statement, "group": group},
                values={
                    "order": order,
                    **_translated_fields(f"{where}, statement {statement_code}", statement_data, ("text",)),
                },
            )
