"""The frozen record of a submission (`records`), and how it is built from the database (`build`).

Stored on the assessment at submission, in every language, so that later edits of the
framework (or anything else) never change what was submitted: the pages, the report and
the export of a submitted assessment are built from it.
"""

from assessment.snapshot.build import (
    action_record,
    evidence_record,
    previous_submission_of,
    review_record,
    snapshot_build,
    snapshot_of,
)
from assessment.snapshot.changes import AnswerChange, answer_changes
from assessment.snapshot.records import (
    SCHEMA,
    EvidenceRecord,
    PrincipleRecord,
    Snapshot,
    SnapshotSchemaError,
    StatementRecord,
    in_language,
)

__all__ = [
    "SCHEMA",
    "AnswerChange",
    "EvidenceRecord",
    "PrincipleRecord",
    "Snapshot",
    "SnapshotSchemaError",
    "StatementRecord",
    "action_record",
    "answer_changes",
    "evidence_record",
    "in_language",
    "previous_submission_of",
    "review_record",
    "snapshot_build",
    "snapshot_of",
]
