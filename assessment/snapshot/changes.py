"""What a school changed between two of its submissions: the answers whose level or
justification differ, with the earlier answer, so that a coordinator reviewing a resubmission
sees at once what the school did with the return.

Pure: two snapshots in, the differences out.
"""

from dataclasses import dataclass

from assessment.snapshot.records import Snapshot


@dataclass(frozen=True)
class AnswerChange:
    """How one statement was answered in the earlier submission, where the answer differs."""

    code: str
    level: str  # the earlier level, as stored: "1" to "4", "na", or ""
    justification: str  # the earlier justification
    level_changed: bool
    justification_changed: bool


def answer_changes(previous: Snapshot, current: Snapshot) -> dict[str, AnswerChange]:
    """{statement code: its earlier answer} for every statement of `current` whose level or
    justification is not what it was in `previous`. Justifications are compared without the
    blank space around them, which a reader cannot see; a statement `previous` does not have
    is left out, as there is nothing to compare it with."""
    before = {statement.code: statement for statement in previous.statements()}
    changes = {}
    for statement in current.statements():
        earlier = before.get(statement.code)
        if earlier is None:
            continue
        level_changed = statement.level != earlier.level
        justification_changed = statement.justification.strip() != earlier.justification.strip()
        if level_changed or justification_changed:
            changes[statement.code] = AnswerChange(
                code=statement.code,
                level=earlier.level,
                justification=earlier.justification,
                level_changed=level_changed,
                justification_changed=justification_changed,
            )
    return changes
