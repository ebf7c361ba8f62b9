"""Writes of evidence: files and links that back a school's answers."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from assessment.models import Assessment, Evidence, Statement
from assessment.services.thumbnails import thumbnail_name
from assessment.uploads import Inspection, UploadRefused, inspect_upload, safe_file_name


@dataclass(frozen=True)
class Target:
    """What a new piece of evidence supports: one statement, or the eSafety item."""

    statement: Statement | None = None
    esafety: bool = False


def _attach(evidence: Evidence, target: Target) -> None:
    if target.statement is not None:
        evidence.statements.add(target.statement)
    if target.esafety and not evidence.supports_esafety:
        evidence.supports_esafety = True
        evidence.save(update_fields=["supports_esafety"])


def _inspect_all(files: list, *, assessment: Assessment) -> list[Inspection]:
    """Check every file and the assessment's quota before anything is stored."""
    inspections = []
    for upload in files:
        try:
            inspections.append(inspect_upload(upload, max_size=settings.EVIDENCE_MAX_FILE_SIZE))
        except UploadRefused as refusal:
            raise ValidationError(
                _("%(name)s: %(reason)s") % {"name": safe_file_name(upload.name), "reason": refusal.message},
                code="refused",
            ) from refusal
    known = set(assessment.evidence.filter(kind=Evidence.Kind.FILE).values_list("sha256", flat=True))
    used = assessment.evidence.aggregate(total=Sum("size"))["total"] or 0
    new = sum(inspection.size for inspection in inspections if inspection.sha256 not in known)
    if used + new > settings.EVIDENCE_MAX_ASSESSMENT_SIZE:
        raise ValidationError(
            _(
                "These files would take the self-assessment's evidence over its limit of %(limit)s "
                "(%(used)s already used)."
            )
            % {
                "limit": filesizeformat(settings.EVIDENCE_MAX_ASSESSMENT_SIZE),
                "used": filesizeformat(used),
            },
            code="quota",
        )
    return inspections


@transaction.atomic
def evidence_add_files(
    *, assessment: Assessment, user, files: list, target: Target, title: str = "", description: str = ""
) -> list[Evidence]:
    """Store the files (all or none) and attach them to the target.

    A file already uploaded to this assessment (same SHA-256) is not stored again: the
    existing item is attached instead.
    """
    inspections = _inspect_all(files, assessment=assessment)
    added = []
    for upload, inspection in zip(files, inspections, strict=True):
        evidence = assessment.evidence.filter(kind=Evidence.Kind.FILE, sha256=inspection.sha256).first()
        if evidence is None:
            name = safe_file_name(upload.name)
            evidence = Evidence(
                assessment=assessment,
                kind=Evidence.Kind.FILE,
                title=(title if len(files) == 1 and title else name)[:200],
                description=description,
                original_name=name,
                size=inspection.size,
                content_type=inspection.content_type,
                sha256=inspection.sha256,
                added_by=user,
            )
            evidence.file.save(name, upload, save=False)
            evidence.save()
        _attach(evidence, target)
        added.append(evidence)
    return added


@transaction.atomic
def evidence_add_link(
    *, assessment: Assessment, user, url: str, title: str, target: Target, description: str = ""
) -> Evidence:
    evidence = Evidence(
        assessment=assessment,
        kind=Evidence.Kind.LINK,
        url=url,
        title=title,
        description=description,
        added_by=user,
    )
    evidence.full_clean(exclude=["file"])
    evidence.save()
    _attach(evidence, target)
    return evidence


@transaction.atomic
def evidence_attach(*, evidence: Evidence, target: Target) -> Evidence:
    """Let an item already added to the assessment support one more statement."""
    _attach(evidence, target)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence) -> None:
    """Delete the item; its file leaves the storage once the deletion is committed."""
    names = [evidence.file.name, thumbnail_name(evidence)] if evidence.kind == Evidence.Kind.FILE else []
    storage = evidence.file.storage
    evidence.delete()
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))
