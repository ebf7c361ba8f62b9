"""Writes of evidence: files and links that back a school's answers."""

import functools
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from assessment.inspection import Inspection, UploadRefused, inspect_upload, safe_file_name, stored_file_name
from assessment.models import Assessment, Evidence, EvidenceUse, Statement, User
from assessment.models.evidence import evidence_storage
from assessment.services.thumbnails import thumbnail_name
from assessment.storage import STORAGE_ERRORS
from assessment.virus_scan import UNAVAILABLE as SCANNER_UNAVAILABLE
from assessment.virus_scan import ScannerUnavailable, scan, scanning_enabled

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE = gettext_noop(
    "The files could not be stored just now (the storage is unavailable or full), so nothing "
    "was saved. Try again in a few minutes; if it keeps happening, tell the site's administrator."
)


class EvidenceUnavailable(Exception):
    """The storage or the virus scanner cannot take the files now: not the uploader's fault.
    `message` is translated and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Target:
    """What a new piece of evidence supports: one statement, or the eSafety item."""

    statement: Statement | None = None
    esafety: bool = False


@dataclass(frozen=True)
class Note:
    """What the school wrote about a piece of evidence for one statement."""

    title: str = ""
    description: str = ""


@dataclass(frozen=True)
class AddedFiles:
    """What an upload came to: every item now supporting the target, in the order the files
    were sent, and those among them that were in the self-assessment already (the same
    content under whatever name), each with the name it was sent under this time."""

    items: list[Evidence]
    already_there: list[tuple[str, Evidence]]

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _attach(evidence: Evidence, target: Target, note: Note = Note()) -> None:
    """Let the item support the target; a note given replaces what was written there before."""
    if target.statement is not None:
        evidence.statements.add(target.statement)
        if note.title or note.description:
            EvidenceUse.objects.filter(evidence=evidence, statement=target.statement).update(
                title=note.title, description=note.description
            )
    if target.esafety and not evidence.supports_esafety:
        evidence.supports_esafety = True
        evidence.save(update_fields=["supports_esafety"])


def _inspect_each(files: list[UploadedFile], *, assessment: Assessment) -> list[Inspection]:
    """Check every file, and have it scanned, before anything is stored."""
    inspections = []
    for upload in files:
        try:
            inspection = inspect_upload(
                upload,
                max_size=settings.EVIDENCE_MAX_FILE_SIZE,
                max_pixels=settings.EVIDENCE_MAX_IMAGE_PIXELS,
            )
            if scanning_enabled():
                scan(upload.chunks(), name=safe_file_name(upload.name or ""))
                upload.seek(0)
        except UploadRefused as refusal:
            # Who tries what is worth knowing: most refusals are mistakes, some are attacks.
            logger.warning(
                "A file for assessment %s was refused (%s): %s",
                assessment.pk,
                safe_file_name(upload.name or ""),
                refusal.reason,
            )
            raise ValidationError(
                _("%(name)s: %(reason)s")
                % {"name": safe_file_name(upload.name or ""), "reason": refusal.message},
                code="refused",
            ) from refusal
        except ScannerUnavailable as error:
            raise EvidenceUnavailable(_(SCANNER_UNAVAILABLE)) from error
        inspections.append(inspection)
    return inspections


def _check_quota(assessment: Assessment, inspections: list[Inspection]) -> None:
    known = set(assessment.evidence.filter(kind=Evidence.Kind.FILE).values_list("sha256", flat=True))
    used = assessment.evidence.aggregate(total=Sum("size"))["total"] or 0
    new = sum(inspection.size for inspection in inspections if inspection.sha256 not in known)
    if used + new > settings.EVIDENCE_MAX_ASSESSMENT_SIZE:
        raise ValidationError(
            _(
                "These files do not fit: the evidence of a self-assessment can take up at most %(limit)s, "
                "and %(used)s is already used."
            )
            % {
                "limit": filesizeformat(settings.EVIDENCE_MAX_ASSESSMENT_SIZE),
                "used": filesizeformat(used),
            },
            code="quota",
        )


def evidence_add_files(
    *,
    assessment: Assessment,
    user: User,
    files: list[UploadedFile],
    target: Target,
    title: str = "",
    description: str = "",
) -> AddedFiles:
    """Store the files (all or none) and attach them to the target.

    Every file is inspected before the first is written. A file already uploaded to this
    assessment (same SHA-256) is not stored again: the existing item is attached instead,
    with the title and description typed this time as what it says for the statement.
    Should anything fail once files are written (the storage, the database, the worker
    being stopped), the files written so far are removed again. Raises `ValidationError`
    for a refused file and `EvidenceUnavailable` when the storage or the scanner is down.
    """
    inspections = _inspect_each(files, assessment=assessment)
    written: list[str] = []
    try:
        with transaction.atomic():
            # Uploads to one assessment take turns, so that the same file sent twice at once
            # is stored once, and the quota is counted against what is really there.
            Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pk").get()
            _check_quota(assessment, inspections)
            added = AddedFiles(items=[], already_there=[])
            for upload, inspection in zip(files, inspections, strict=True):
                name = stored_file_name(upload.name or "", content_type=inspection.content_type)
                item_title = _title(title, name, several=len(files) > 1)
                existing = assessment.evidence.filter(
                    kind=Evidence.Kind.FILE, sha256=inspection.sha256
                ).first()
                if existing is None:
                    evidence = _store_file(
                        assessment=assessment,
                        user=user,
                        upload=upload,
                        name=name,
                        inspection=inspection,
                        title=item_title,
                        description=description,
                        written=written,
                    )
                    _attach(evidence, target)
                else:
                    # Stored once; what was typed with it this time describes it here.
                    evidence = existing
                    added.already_there.append((name, existing))
                    _attach(evidence, target, Note(item_title if title else "", description))
                added.items.append(evidence)
    except STORAGE_ERRORS as error:
        _delete_quietly(written)
        logger.exception("Evidence for assessment %s could not be stored.", assessment.pk)
        raise EvidenceUnavailable(_(STORAGE_UNAVAILABLE)) from error
    except BaseException:
        _delete_quietly(written)
        raise
    logger.info("User %s added %d evidence file(s) to assessment %s.", user.pk, len(added), assessment.pk)
    return added


def _title(title: str, name: str, *, several: bool) -> str:
    """An item's title: the one typed, followed by the file's name when it was typed for
    several files at once; the file's name when none was typed."""
    if title and several:
        return f"{title} – {name}"[:200]
    return (title or name)[:200]


def _store_file(
    *,
    assessment: Assessment,
    user: User,
    upload: UploadedFile,
    name: str,
    inspection: Inspection,
    title: str,
    description: str,
    written: list[str],
) -> Evidence:
    """A new item for this content, its file written now (its name noted in `written`)."""
    evidence = Evidence(
        assessment=assessment,
        kind=Evidence.Kind.FILE,
        title=title,
        description=description,
        original_name=name,
        size=inspection.size,
        content_type=inspection.content_type,
        sha256=inspection.sha256,
        added_by=user,
    )
    evidence.file.save(name, upload, save=False)
    written.append(str(evidence.file.name))
    evidence.save()
    return evidence


def _delete_quietly(names: list[str]) -> None:
    """Remove files written for a batch that did not make it; a failure here is only logged,
    and `check_evidence` finds what is left."""
    storage = evidence_storage()
    for name in names:
        try:
            storage.delete(name)
        except STORAGE_ERRORS:
            logger.exception("Could not remove %s after a failed upload.", name)


@transaction.atomic
def evidence_add_link(
    *, assessment: Assessment, user: User, url: str, title: str, target: Target, description: str = ""
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
def evidence_confirm(*, evidence: Evidence) -> Evidence:
    """The school checked an item copied from its previous self-assessment: it still applies."""
    evidence.needs_recheck = False
    evidence.save(update_fields=["needs_recheck"])
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence) -> None:
    """Delete the item; its file leaves the storage once the deletion is committed, unless
    another item (its copy in another self-assessment) still names it."""
    name = evidence.file.name
    shared = bool(name) and Evidence.objects.filter(file=name).exclude(pk=evidence.pk).exists()
    names = [name, thumbnail_name(evidence)] if name and not shared else []
    storage = evidence.file.storage
    evidence.delete()
    for name in names:
        transaction.on_commit(functools.partial(storage.delete, name), robust=True)
