"""Building a snapshot from the database: at submission, to be stored, and for a draft's pages."""

from django.db import models
from django.db.models import Count, Prefetch
from django.utils import timezone

from assessment.languages import language_codes
from assessment.models import (
    ActionItem,
    Assessment,
    Evidence,
    Principle,
    Response,
    ReturnedSubmission,
    ScaleLevel,
    Statement,
    Survey,
    SurveyAnswer,
    SurveyStatement,
)
from assessment.selectors import action_plan, evidence_by_statement, evidence_of
from assessment.snapshot.records import (
    SCHEMA,
    ActionRecord,
    CallRecord,
    DeclarationRecord,
    EligibilityRecord,
    ESafetyRecord,
    EvidenceRecord,
    LevelRecord,
    PrincipleRecord,
    SchoolRecord,
    Snapshot,
    StatementRecord,
    SurveyRecord,
    SurveyStatementRecord,
    Texts,
    survey_shown,
)


def snapshot_of(assessment: Assessment) -> Snapshot:
    """What the pages of an assessment show: its frozen snapshot once submitted, a live one
    while the school works on it (a draft's stored snapshot, if any, is stale and never read)."""
    if not assessment.is_draft and assessment.snapshot:
        return Snapshot.from_json(assessment.snapshot)
    return snapshot_build(assessment)


def previous_submission_of(assessment: Assessment) -> Snapshot | None:
    """The snapshot of the assessment's latest submission that was returned for changes, if
    any: what its submission since then is compared with (`snapshot.changes`)."""
    stored = (
        ReturnedSubmission.objects.filter(assessment=assessment)
        .order_by("-returned_at", "-pk")
        .values_list("snapshot", flat=True)
        .first()
    )
    return Snapshot.from_json(stored) if stored else None


def snapshot_build(assessment: Assessment) -> Snapshot:
    """The assessment as it stands, with the framework's texts in every language."""
    framework = assessment.call.framework
    principles = Principle.objects.filter(framework=framework).prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("order"))
    )
    responses = {
        response.statement_id: response
        for response in Response.objects.filter(assessment=assessment).select_related("updated_by")
    }
    evidence = evidence_of(assessment)
    by_statement = evidence_by_statement(evidence)
    school, call = assessment.school, assessment.call
    return Snapshot(
        schema=SCHEMA,
        taken_at=timezone.now().isoformat(),
        status=assessment.status,
        framework_version=framework.version,
        school=SchoolRecord(
            name=school.name,
            city=school.city,
            region=school.region,
            country_code=school.country.code,
            country=_texts(school.country, "name"),
        ),
        call=CallRecord(
            name=call.name,
            opens_on=call.opens_on.isoformat(),
            closes_on=call.closes_on.isoformat(),
            profile_threshold=call.profile_threshold,
            approaching_threshold=call.approaching_threshold,
        ),
        eligibility=EligibilityRecord(
            on=timezone.localdate().isoformat(),
            etwinning_registered_on=school.etwinning_registered_on.isoformat(),
            active_teachers=school.active_teachers,
            quality_label_projects=school.quality_label_projects,
            min_registration_years=call.min_registration_years,
            min_active_teachers=call.min_active_teachers,
            min_quality_label_projects=call.min_quality_label_projects,
        ),
        mission=_texts(framework, "mission"),
        levels=[
            LevelRecord(code=level.code, label=_texts(level, "label"), meaning=_texts(level, "meaning"))
            for level in ScaleLevel.objects.filter(framework=framework).order_by("order")
        ],
        esafety=ESafetyRecord(
            text=_texts(framework.esafety, "text"),
            answer=assessment.esafety_answer,
            comment=assessment.esafety_comment,
        ),
        principles=[
            PrincipleRecord(
                code=principle.code,
                title=_texts(principle, "title"),
                short_title=_texts(principle, "short_title"),
                description=_texts(principle, "description"),
                statements=[
                    _statement_record(
                        statement,
                        responses.get(statement.pk),
                        [shown.item.pk for shown in by_statement.get(statement.pk, [])],
                    )
                    for statement in principle.statements.all()
                ],
            )
            for principle in principles.order_by("order")
        ],
        actions=[action_record(action) for action in action_plan(assessment)],
        evidence=[evidence_record(item) for item in evidence],
        declaration=DeclarationRecord(
            name=assessment.declaration_name, at=assessment.declaration_at.isoformat()
        )
        if assessment.declaration_at
        else None,
        surveys=survey_records(assessment),
    )


def survey_records(assessment: Assessment) -> list[SurveyRecord]:
    """What each group has said in the school's surveys so far: the number of answers, and
    the answers per statement only for a group large enough to stay anonymous."""
    surveys = list(
        Survey.objects.filter(assessment=assessment).annotate(answered=Count("responses")).order_by("group")
    )
    shown = [survey.group for survey in surveys if survey_shown(survey.answered)]
    counts: dict[tuple[str, int], dict[str, int]] = {}
    for row in (
        SurveyAnswer.objects.filter(
            response__survey__assessment=assessment, response__survey__group__in=shown
        )
        .values("response__survey__group", "item_id", "level")
        .annotate(answers=Count("pk"))
    ):
        key = (row["response__survey__group"], row["item_id"])
        counts.setdefault(key, {})[row["level"]] = row["answers"]
    items = SurveyStatement.objects.filter(
        statement__principle__framework_id=assessment.call.framework_id, group__in=shown
    ).select_related("statement")
    statements: dict[str, list[SurveyStatementRecord]] = {}
    for item in items.order_by("statement__principle__order", "order"):
        answered = counts.get((item.group, item.pk), {})
        statements.setdefault(item.group, []).append(
            SurveyStatementRecord(
                code=item.statement.code,
                text=_texts(item, "text"),
                counts={level: answered.get(level, 0) for level in SurveyAnswer.Level.values},
            )
        )
    return [
        SurveyRecord(
            group=survey.group,
            responses=survey.answered,
            is_open=survey.is_open,
            statements=statements.get(survey.group, []),
        )
        for survey in surveys
    ]


def _texts(obj: models.Model, name: str) -> Texts:
    """The field in every language; English stands in for a missing translation (a safety net)."""
    english = getattr(obj, f"{name}_en")
    return {language: getattr(obj, f"{name}_{language}") or english for language in language_codes()}


def _statement_record(
    statement: Statement, response: Response | None, evidence_ids: list[int]
) -> StatementRecord:
    author = response.updated_by if response else None
    return StatementRecord(
        code=statement.code,
        text=_texts(statement, "text"),
        guidance=_texts(statement, "guidance"),
        weight=statement.weight,
        evidence_expected=statement.evidence_expected,
        level=response.level if response else "",
        justification=response.justification if response else "",
        updated_by=str(author) if author else None,
        updated_by_username=author.username if author else None,
        updated_at=response.updated_at.isoformat() if response and response.updated_at else None,
        evidence=evidence_ids,
    )


def action_record(action: ActionItem) -> ActionRecord:
    return ActionRecord(
        principle=action.principle.code,
        action=action.action,
        owner=action.owner,
        due_on=action.due_on.isoformat(),
        success_indicator=action.success_indicator,
    )


def evidence_record(item: Evidence) -> EvidenceRecord:
    return EvidenceRecord(
        id=item.pk,
        kind=item.kind,
        title=item.title,
        description=item.description,
        url=item.url or None,
        original_name=item.original_name or None,
        size=item.size if item.kind == Evidence.Kind.FILE else None,
        content_type=item.content_type or None,
        sha256=item.sha256 or None,
        statements=[use.statement.code for use in item.uses.all()],
        notes={
            use.statement.code: {"title": use.title, "description": use.description}
            for use in item.uses.all()
            if use.title or use.description
        },
        esafety=item.supports_esafety,
        added_by=str(item.added_by) if item.added_by else None,
        added_at=item.added_at.isoformat(),
    )


def review_record(assessment: Assessment) -> dict | None:
    """What the school may read of the national review, once decided: the decision, its
    comment and date, the label's validity and the feedback per principle. Internal notes
    are never part of it."""
    if not assessment.is_decided:
        return None
    feedback = assessment.feedback.select_related("principle").order_by("principle__order")
    return {
        "decision": assessment.status,
        "decided_at": assessment.decided_at.isoformat() if assessment.decided_at else None,
        "comment": assessment.decision_comment,
        "label_valid_until": assessment.label_valid_until.isoformat()
        if assessment.label_valid_until
        else None,
        "principles": [
            {"principle": item.principle.code, "agreement": item.agreement, "comment": item.comment}
            for item in feedback
        ],
    }
