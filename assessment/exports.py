"""One assessment as a plain JSON-ready document (see README, "Exporting an assessment").

Built from the assessment's snapshot (frozen once submitted, live for a draft), like its
report, with the status log and the review, which go on after the submission.
"""

import dataclasses
import datetime

from assessment.models import Assessment
from assessment.selectors import status_log
from assessment.snapshot import review_record, snapshot_of


def _when(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def assessment_export(assessment: Assessment) -> dict:
    snapshot = snapshot_of(assessment)
    return {
        "id": assessment.pk,
        "school": {
            "name": snapshot.school.name,
            "country": snapshot.school.country_code,
            "region": snapshot.school.region,
            "city": snapshot.school.city,
        },
        "call": {
            "name": snapshot.call.name,
            "opens_on": snapshot.call.opens_on,
            "closes_on": snapshot.call.closes_on,
        },
        "status": assessment.status,
        "framework_version": snapshot.framework_version,
        "esafety": {"answer": snapshot.esafety.answer or None, "comment": snapshot.esafety.comment},
        "submitted_at": _when(assessment.submitted_at),
        "declaration": dataclasses.asdict(snapshot.declaration) if snapshot.declaration else None,
        "responses": [
            {
                "statement": statement.code,
                "level": statement.counted_level,
                "not_applicable": statement.not_applicable,
                "justification": statement.justification,
                "last_changed_by": statement.updated_by_username,
                "last_changed_at": statement.updated_at,
            }
            for statement in snapshot.statements()
        ],
        "action_plan": [dataclasses.asdict(action) for action in snapshot.actions],
        "evidence": [dataclasses.asdict(item) for item in snapshot.evidence],
        # Per group, the answers per statement only when enough answered (`survey_shown`).
        "surveys": [dataclasses.asdict(survey) for survey in snapshot.surveys],
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
        "scores": {"principles": snapshot.principle_scores, "overall": snapshot.overall_score},
        "review": review_record(assessment),
    }
