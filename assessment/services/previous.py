"""Starting a self-assessment from the school's previous one.

Everything the school wrote last time comes across, each part marked for re-checking: the
answers, the eSafety answer, the action plan and the evidence. Statements and principles are
matched by code, which stays the same from one version of the framework to the next; what the
new framework no longer has is left behind. Evidence files are not copied: the new item names
the same stored file, which stays until no item names it any more.
"""

from assessment.models import (
    ActionItem,
    Assessment,
    Evidence,
    EvidenceUse,
    Principle,
    Response,
    Statement,
    User,
)


def previous_of(assessment: Assessment) -> Assessment | None:
    """The school's latest self-assessment for an earlier call, whatever became of it."""
    return (
        Assessment.objects.filter(school_id=assessment.school_id, call__opens_on__lt=assessment.call.opens_on)
        .order_by("-call__opens_on")
        .first()
    )


def previous_copy(*, assessment: Assessment, previous: Assessment, user: User) -> None:
    """Fill a new, empty self-assessment with the previous one's contents, to re-check."""
    statements = {
        statement.code: statement
        for statement in Statement.objects.filter(principle__framework_id=assessment.call.framework_id)
    }
    _copy_answers(assessment, previous)
    _copy_esafety(assessment, previous)
    _copy_actions(assessment, previous, user)
    _copy_evidence(assessment, previous, statements)


def _copy_answers(assessment: Assessment, previous: Assessment) -> None:
    rated = {
        code: (level, justification)
        for code, level, justification in previous.responses.exclude(level="").values_list(
            "statement__code", "level", "justification"
        )
    }
    copied = []
    for response in assessment.responses.select_related("statement"):
        if response.statement.code in rated:
            response.level, response.justification = rated[response.statement.code]
            response.needs_recheck = True
            copied.append(response)
    Response.objects.bulk_update(copied, ["level", "justification", "needs_recheck"])


def _copy_esafety(assessment: Assessment, previous: Assessment) -> None:
    if previous.esafety_answer:
        assessment.esafety_answer = previous.esafety_answer
        assessment.esafety_comment = previous.esafety_comment
        assessment.esafety_needs_recheck = True
        assessment.save(update_fields=["esafety_answer", "esafety_comment", "esafety_needs_recheck"])


def _copy_actions(assessment: Assessment, previous: Assessment, user: User) -> None:
    principles = {
        principle.code: principle
        for principle in Principle.objects.filter(framework_id=assessment.call.framework_id)
    }
    ActionItem.objects.bulk_create(
        ActionItem(
            assessment=assessment,
            principle=principles[action.principle.code],
            action=action.action,
            owner=action.owner,
            due_on=action.due_on,
            success_indicator=action.success_indicator,
            created_by=user,
            needs_recheck=True,
        )
        for action in previous.actions.select_related("principle")
        if action.principle.code in principles
    )


def _copy_evidence(assessment: Assessment, previous: Assessment, statements: dict[str, Statement]) -> None:
    """Copy each item that still supports something: a statement of the new framework or the
    eSafety item, with what the school wrote about it there. A file item names the previous
    item's stored file (and so its preview)."""
    copies: list[tuple[Evidence, list[EvidenceUse]]] = []
    for item in previous.evidence.prefetch_related("uses__statement"):
        uses = [
            EvidenceUse(
                statement=statements[use.statement.code], title=use.title, description=use.description
            )
            for use in item.uses.all()
            if use.statement.code in statements
        ]
        if not uses and not item.supports_esafety:
            continue
        copy = Evidence(
            assessment=assessment,
            kind=item.kind,
            title=item.title,
            description=item.description,
            file=item.file.name,
            url=item.url,
            original_name=item.original_name,
            size=item.size,
            content_type=item.content_type,
            sha256=item.sha256,
            supports_esafety=item.supports_esafety,
            added_by_id=item.added_by_id,
            needs_recheck=True,
        )
        copies.append((copy, uses))
    Evidence.objects.bulk_create(copy for copy, _ in copies)
    for copy, uses in copies:
        for use in uses:
            use.evidence = copy
    EvidenceUse.objects.bulk_create(use for _, uses in copies for use in uses)
