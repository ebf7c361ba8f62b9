"""One assessment as a plain JSON-ready document (see README, "Exporting an assessment")."""

from assessment.models import Assessment
from assessment.scoring import counted_level
from assessment.selectors import action_plan, assessment_scores, evidence_of, status_log
from assessment.snapshot import action_record, evidence_record, review_record


def _when(value) -> str | None:
    return value.isoformat() if value else None


def assessment_export(assessment: Assessment) -> dict:
    scores = assessment_scores(assessment)
    responses = assessment.responses.select_related("statement", "updated_by").order_by(
        "statement__principle__order", "statement__order"
    )
    return {
        "id": assessment.pk,
        "school": {
            "name": assessment.school.name,
            "country": assessment.school.country.code,
            "region": assessment.school.region,
            "city": assessment.school.city,
        },
        "call": {
            "name": assessment.call.name,
            "opens_on": assessment.call.opens_on.isoformat(),
            "closes_on": assessment.call.closes_on.isoformat(),
        },
        "status": assessment.status,
        "framework_version": assessment.call.framework.version,
        "esafety": {"answer": assessment.esafety_answer or None, "comment": assessment.esafety_comment},
        "submitted_at": _when(assessment.submitted_at),
        "declaration": {"name": assessment.declaration_name, "at": _when(assessment.declaration_at)}
        if assessment.declaration_at
        else None,
        "responses": [
            {
                "statement": response.statement.code,
                "level": counted_level(response.level),
                "not_applicable": response.level == response.Level.NOT_APPLICABLE,
                "justification": response.justification,
                "last_changed_by": response.updated_by.username if response.updated_by else None,
                "last_changed_at": _when(response.updated_at),
            }
            for response in responses
        ],
        "action_plan": [action_record(action) for action in action_plan(assessment)],
        "evidence": [evidence_record(item) for item in evidence_of(assessment)],
        "status_log": [
            {
                "at": _when(change.at),
                "by": change.actor.username if change.actor else None,
                "from": change.from_status or None,
                "to": change.to_status,
                "comment": change.comment,
            }
            for change in status_log(assessment)
        ],
        "scores": {"principles": scores.principles, "overall": scores.overall},
        "review": review_record(assessment),
    }
