"""The school community's view beside the leadership's, from a snapshot, in one language.

For each group that answered enough to stay anonymous: per principle and per statement, the
group's mean level and the spread of its answers next to the level the leadership gave, and
the largest gaps named in a sentence. A group with too few answers shows its count alone.
Pure: built from the snapshot's records; call under `translation.override(language)`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import SurveyAnswer, SurveyGroup
from assessment.national.export import spreadsheet_safe
from assessment.reports.charts import DivergingRow, diverging_svg
from assessment.scoring import DONT_KNOW, Gap, largest_gaps, pooled_mean, score_as_level, survey_mean
from assessment.snapshot.records import Snapshot, SurveyRecord, in_language, survey_shown

GAP_SENTENCES = {
    # Translators: a group's mean level and the leadership's, both from 1 to 4, e.g. "2.1" and "3.5".
    SurveyGroup.STAFF: gettext_lazy("Staff rate %(mean)s where the leadership says %(level)s"),
    SurveyGroup.STUDENTS: gettext_lazy("Students rate %(mean)s where the leadership says %(level)s"),
    SurveyGroup.PARENTS: gettext_lazy("Parents rate %(mean)s where the leadership says %(level)s"),
}


def level_number(value: float | None) -> str:
    """A mean level from 1 to 4 with one decimal, as the reader's language writes it ("2,1");
    a level given for one statement as the whole number it is."""
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else number_format(value, 1)


@dataclass(frozen=True)
class GroupSummary:
    group: str
    label: str
    responses: int
    shown: bool
    is_open: bool


@dataclass(frozen=True)
class GroupFigure:
    """One group's answers to one statement (or to all of a principle's statements)."""

    group: str
    label: str
    text: str  # the statement in the group's words ("" for a principle)
    mean: float | None
    counts: dict[str, int]

    @property
    def answered(self) -> int:
        return sum(number for level, number in self.counts.items() if level != DONT_KNOW)

    @property
    def dont_know(self) -> int:
        return self.counts.get(DONT_KNOW, 0)


@dataclass(frozen=True)
class StatementComparison:
    code: str
    text: str  # as the leadership's questionnaire asks it
    leadership: int | None
    groups: list[GroupFigure]


@dataclass(frozen=True)
class PrincipleComparison:
    code: str
    short_title: str
    leadership: float | None  # the principle's score, on the scale of levels
    groups: list[GroupFigure]
    statements: list[StatementComparison]
    chart: SafeString


@dataclass(frozen=True)
class NamedGap:
    code: str
    text: str
    sentence: str


@dataclass(frozen=True)
class SurveySection:
    groups: list[GroupSummary]
    principles: list[PrincipleComparison]
    gaps: list[NamedGap]
    level_labels: list[tuple[str, str]]  # (code, label) of the four levels
    min_group: int  # how many answers a group needs before it is shown

    @property
    def any_shown(self) -> bool:
        return any(group.shown for group in self.groups)


def _shown(survey: SurveyRecord) -> bool:
    return survey_shown(survey.responses) and bool(survey.statements)


def survey_section(snapshot: Snapshot, language: str) -> SurveySection | None:
    """None when the school has opened no survey."""
    if not snapshot.surveys:
        return None
    labels = {group.value: str(group.label) for group in SurveyGroup}
    shown = [survey for survey in snapshot.surveys if _shown(survey)]
    levels = [
        (level.code, in_language(level.label, language)) for level in snapshot.levels if level.code != "na"
    ]
    answers = {
        (survey.group, statement.code): statement for survey in shown for statement in survey.statements
    }
    gaps: list[Gap] = []
    principles = []
    for principle in snapshot.principles:
        statements = []
        for statement in principle.statements:
            figures = [
                GroupFigure(
                    group=survey.group,
                    label=labels[survey.group],
                    text=in_language(answers[survey.group, statement.code].text, language),
                    mean=survey_mean(answers[survey.group, statement.code].counts),
                    counts=answers[survey.group, statement.code].counts,
                )
                for survey in shown
                if (survey.group, statement.code) in answers
            ]
            if not figures:
                continue
            gaps += [
                Gap(group=figure.group, code=statement.code, mean=figure.mean, level=statement.counted_level)
                for figure in figures
                if figure.mean is not None and statement.counted_level is not None
            ]
            statements.append(
                StatementComparison(
                    code=statement.code,
                    text=in_language(statement.text, language),
                    leadership=statement.counted_level,
                    groups=figures,
                )
            )
        if not statements:
            continue
        groups = [
            GroupFigure(
                group=survey.group,
                label=labels[survey.group],
                text="",
                mean=pooled_mean(
                    figure.counts
                    for line in statements
                    for figure in line.groups
                    if figure.group == survey.group
                ),
                counts={},
            )
            for survey in shown
        ]
        principles.append(
            PrincipleComparison(
                code=principle.code,
                short_title=in_language(principle.short_title, language),
                leadership=score_as_level(principle.score),
                groups=groups,
                statements=statements,
                chart=_chart(
                    principle.code, in_language(principle.short_title, language), statements, levels
                ),
            )
        )
    texts = {statement.code: in_language(statement.text, language) for statement in snapshot.statements()}
    return SurveySection(
        groups=[
            GroupSummary(
                group=survey.group,
                label=labels[survey.group],
                responses=survey.responses,
                shown=_shown(survey),
                is_open=survey.is_open,
            )
            for survey in snapshot.surveys
        ],
        principles=principles,
        gaps=[
            NamedGap(
                code=gap.code,
                text=texts[gap.code],
                sentence=str(GAP_SENTENCES[SurveyGroup(gap.group)])
                % {"mean": level_number(gap.mean), "level": level_number(gap.level)},
            )
            for gap in largest_gaps(gaps)
        ],
        level_labels=levels,
        min_group=settings.SURVEY_MIN_GROUP,
    )


def _chart(
    code: str, title: str, statements: list[StatementComparison], levels: list[tuple[str, str]]
) -> SafeString:
    rows = [
        DivergingRow(
            label=f"{line.code} · {figure.label}",
            counts=[figure.counts.get(level, 0) for level, _label in levels],
            note=_("mean %(mean)s · leadership %(level)s")
            % {"mean": level_number(figure.mean), "level": level_number(line.leadership)},
        )
        for line in statements
        for figure in line.groups
    ]
    return diverging_svg(
        rows=rows,
        legend=[label for _code, label in levels],
        title=_("How each group answered, principle %(code)s: %(title)s") % {"code": code, "title": title},
        description="; ".join(
            f"{row.label}: "
            + ", ".join(
                f"{label} {number}" for (_code, label), number in zip(levels, row.counts, strict=True)
            )
            for row in rows
        ),
        chart_id=f"survey-{code}",
    )


def survey_csv_lines(section: SurveySection | None) -> list[list[str]]:
    """The results as CSV lines, a header in the active language then a line per group and
    statement; a group too small to be shown has one line, with its count alone."""
    levels = section.level_labels if section else []
    lines = [
        [
            _("Group"),
            _("Answers"),
            _("Statement"),
            _("Text"),
            _("Leadership's level"),
            _("Mean"),
            *(label for _code, label in levels),
            str(SurveyAnswer.Level.DONT_KNOW.label),
        ]
    ]
    if section is None:
        return lines
    blank = [""] * (len(levels) + 1)
    for group in section.groups:
        if not group.shown:
            lines.append(
                [group.label, str(group.responses), "", _("Too few answers to show"), "", "", *blank]
            )
    for principle in section.principles:
        for statement in principle.statements:
            for figure in statement.groups:
                responses = next(g.responses for g in section.groups if g.group == figure.group)
                lines.append(
                    [
                        figure.label,
                        str(responses),
                        statement.code,
                        spreadsheet_safe(figure.text),
                        "" if statement.leadership is None else str(statement.leadership),
                        "" if figure.mean is None else f"{figure.mean:.2f}",
                        *(str(figure.counts.get(code, 0)) for code, _label in levels),
                        str(figure.dont_know),
                    ]
                )
    return lines
