"""Keeping the evidence storage and the database in step: files without a row, rows without a file.

Both can happen without a bug: a worker killed in the middle of an upload leaves the files it
had written, a restored backup of the database can be older than the storage's, a file can be
removed from the storage by hand. `check_evidence` lists them; `--fix` tidies up.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from assessment.models import Assessment, Evidence
from assessment.models.evidence import evidence_storage
from assessment.reports.cache import PARTIAL_SUFFIX

THUMBNAIL_SUFFIX = ".thumbnail.png"
REPORT = re.compile(r"^reports/(\d+)/")


@dataclass
class StoreCheck:
    """What `evidence_store_check` found. Files younger than the grace period are left out of
    `orphan_files`: an upload may be writing them right now."""

    orphan_files: list[str] = field(default_factory=list)
    missing_files: list[Evidence] = field(default_factory=list)

    @property
    def removable_rows(self) -> list[Evidence]:
        """Rows of drafts: a submitted self-assessment keeps its record, frozen with the file's
        name and size, and its download says the file is no longer available."""
        return [
            evidence for evidence in self.missing_files if evidence.assessment.status in Assessment.EDITABLE
        ]

    @property
    def is_clean(self) -> bool:
        return not self.orphan_files and not self.missing_files


def evidence_store_check(*, grace: datetime.timedelta) -> StoreCheck:
    storage = evidence_storage()
    stored = set(_walk(storage, ""))
    rows = list(
        Evidence.objects.filter(kind=Evidence.Kind.FILE)
        .select_related("assessment")
        .only("pk", "title", "file", "assessment__status", "assessment__school_id")
        .order_by("pk")
    )
    known = {evidence.file.name for evidence in rows if evidence.file.name}
    assessments = set(Assessment.objects.values_list("pk", flat=True))
    cutoff = timezone.now() - grace
    check = StoreCheck(missing_files=[evidence for evidence in rows if evidence.file.name not in stored])
    for name in sorted(stored):
        if _belongs(name, known=known, assessments=assessments):
            continue
        if storage.get_modified_time(name) < cutoff:
            check.orphan_files.append(name)
    return check


def _belongs(name: str, *, known: set[str], assessments: set[int]) -> bool:
    """Whether a stored file has its place: an evidence file or its preview, or a whole cached
    report of an assessment that still exists."""
    if name.endswith(PARTIAL_SUFFIX):
        return False
    if match := REPORT.match(name):
        return int(match.group(1)) in assessments
    return name.removesuffix(THUMBNAIL_SUFFIX) in known


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}{sub}/")


@transaction.atomic
def evidence_store_fix(*, check: StoreCheck) -> tuple[int, int]:
    """Remove the orphan files and the drafts' rows whose file is gone; (files, rows) removed."""
    storage = evidence_storage()
    for name in check.orphan_files:
        storage.delete(name)
    rows = check.removable_rows
    Evidence.objects.filter(pk__in=[evidence.pk for evidence in rows]).delete()
    return len(check.orphan_files), len(rows)
