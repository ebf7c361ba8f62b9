"""The frozen record of a submission: answers, the framework texts shown, and scores.

Stored on the assessment at submission, in every language, so that later edits of the
framework (or anything else) never change what was submitted; reports and exports of a
submitted assessment are built from it.
"""

from django.db.models import Prefetch
from django.utils import timezone

from assessment.languages import language_codes
from assessment.models import ActionItem, Assessment, Evidence, Principle, Response, ScaleLevel, Statement
from assessment.scoring import NOT_APPLICABLE, evidence_coverage
from assessment.selectors import action_plan, assessment_scores, evidence_by_statement, evidence_of


def _texts(obj, name: str) -> dict[str, str]:
    """The field in every language; English stands in for a missing translation (a safety net)."""
    english = getattr(obj, f"{name}_en")
    return {language: getattr(obj, f"{name}_{language}") or english for language in language_codes()}


def snapshot_build(assessment: Assessment) -> dict:
    """The assessment as plain data: stored at submission, built live for a draft's report."""
    framework = assessment.call.framework
    principles = Principle.objects.filter(framework=framework).prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("order"))
    )
    responses = {
        response.statement_id: response
        for response in Response.objects.filter(assessment=assessment).select_related("updated_by")
    }
    scores = assessment_scores(assessment)
    evidence = evidence_of(assessment)
    by_statement = evidence_by_statement(evidence)
    school, call = assessment.school, assessment.call
    return {
        "taken_at": timezone.now().isoformat(),
        "status": assessment.status,
        "framework_version": framework.version,
        "school": {
            "name": school.name,
            "city": school.city,
            "region": school.region,
            "country": _texts(school.country, "name"),
        },
        "call": {
            "name": call.name,
            "opens_on": call.opens_on.isoformat(),
            "closes_on": call.closes_on.isoformat(),
            "profile_threshold": call.profile_threshold,
            "approaching_threshold": call.approaching_threshold,
        },
        # The figures the eligibility check used, so a report can explain it in any language.
        "eligibility": {
            "on": timezone.localdate().isoformat(),
            "etwinning_registered_on": school.etwinning_registered_on.isoformat(),
            "active_teachers": school.active_teachers,
            "quality_label_projects": school.quality_label_projects,
            "min_registration_years": call.min_registration_years,
            "min_active_teachers": call.min_active_teachers,
            "min_quality_label_projects": call.min_quality_label_projects,
        },
        "mission": _texts(framework, "mission"),
        "levels": [
            {"code": level.code, "label": _texts(level, "label"), "meaning": _texts(level, "meaning")}
            for level in ScaleLevel.objects.filter(framework=framework).order_by("order")
        ],
        "esafety": {
            "text": _texts(framework.esafety, "text"),
            "answer": assessment.esafety_answer,
            "comment": assessment.esafety_comment,
        },
        "principles": [
            {
                "code": principle.code,
                "title": _texts(principle, "title"),
                "short_title": _texts(principle, "short_title"),
                "description": _texts(principle, "description"),
                "score": scores.principles[principle.code],
                "statements": [
                    _statement_snapshot(
                        statement,
                        responses.get(statement.pk),
                        [item.pk for item in by_statement.get(statement.pk, [])],
                    )
                    for statement in principle.statements.all()
                ],
            }
            for principle in principles.order_by("order")
        ],
        "actions": [action_record(action) for action in action_plan(assessment)],
        "evidence": [evidence_record(item) for item in evidence],
        "overall_score": scores.overall,
        "declaration": {"name": assessment.declaration_name, "at": assessment.declaration_at.isoformat()}
        if assessment.declaration_at
        else None,
    }


def action_record(action: ActionItem) -> dict:
    """One step of the action plan as plain data, for the snapshot and the export."""
    return {
        "principle": action.principle.code,
        "action": action.action,
        "owner": action.owner,
        "due_on": action.due_on.isoformat(),
        "success_indicator": action.success_indicator,
    }


def snapshot_coverage(snapshot: dict) -> float | None:
    """Evidence coverage of a snapshot: statements that expect evidence and are not marked not
    applicable, and the share of them that have some."""
    expecting = [
        statement
        for principle in snapshot["principles"]
        for statement in principle["statements"]
        if statement["evidence_expected"] and statement["level"] != NOT_APPLICABLE
    ]
    return evidence_coverage(
        expecting=len(expecting), covered=sum(1 for statement in expecting if statement.get("evidence"))
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


def evidence_record(item: Evidence) -> dict:
    """One evidence item's metadata, for the snapshot and the export (never the file itself)."""
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "url": item.url or None,
        "original_name": item.original_name or None,
        "size": item.size if item.kind == Evidence.Kind.FILE else None,
        "content_type": item.content_type or None,
        "sha256": item.sha256 or None,
        "statements": [statement.code for statement in item.statements.all()],
        "esafety": item.supports_esafety,
        "added_by": str(item.added_by) if item.added_by else None,
        "added_at": item.added_at.isoformat(),
    }


def _statement_snapshot(statement: Statement, response: Response | None, evidence_ids: list[int]) -> dict:
    return {
        "code": statement.code,
        "text": _texts(statement, "text"),
        "guidance": _texts(statement, "guidance"),
        "weight": statement.weight,
        "evidence_expected": statement.evidence_expected,
        "level": response.level if response else "",
        "justification": response.justification if response else "",
        "updated_by": str(response.updated_by) if response and response.updated_by else None,
        "updated_at": response.updated_at.isoformat() if response and response.updated_at else None,
        "evidence": evidence_ids,
    }
