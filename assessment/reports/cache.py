"""Rendered PDFs kept in the evidence storage, under `reports/`, so each is made only once.

A cached file is served only when it is a whole PDF; a file cut short (a full disk, a worker
stopped mid-write) is removed and the PDF made again. On a local disk a PDF is written under
a temporary name and renamed into place, so a reader never sees half of it; an object store
writes whole objects or nothing.
"""

import contextlib
import logging
import os
import tempfile

from django.core.files.base import ContentFile

from assessment.models.evidence import evidence_storage
from assessment.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"


def is_whole_pdf(content: bytes) -> bool:
    """A PDF as WeasyPrint writes it: the header first, the end-of-file marker last."""
    return content.startswith(b"%PDF-") and content[-64:].rstrip(b"\r\n ").endswith(b"%%EOF")


def cache_read(name: str) -> bytes | None:
    """The cached PDF, or None when there is none, it cannot be read, or it is not whole."""
    storage = evidence_storage()
    try:
        if not storage.exists(name):
            return None
        with storage.open(name, "rb") as cached:
            content = cached.read()
    except STORAGE_ERRORS:
        logger.exception("The cached report %s could not be read; it is made again.", name)
        return None
    if is_whole_pdf(content):
        return content
    logger.warning(
        "The cached report %s is incomplete (%d bytes); it is removed and made again.", name, len(content)
    )
    with contextlib.suppress(*STORAGE_ERRORS):
        storage.delete(name)
    return None


def cache_write(name: str, pdf: bytes) -> None:
    """Keep the PDF for next time; a storage that cannot take it (full, read-only) is logged,
    never an error for the person waiting for the PDF."""
    storage = evidence_storage()
    try:
        try:
            path = storage.path(name)
        except NotImplementedError:  # an object store: a whole object or nothing
            if not storage.exists(name):
                storage.save(name, ContentFile(pdf))
            return
        _write_atomically(path, pdf)
    except STORAGE_ERRORS:
        logger.exception("The report %s could not be cached; it will be made again next time.", name)


def _write_atomically(path: str, content: bytes) -> None:
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=PARTIAL_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as partial:
            partial.write(content)
            partial.flush()
            os.fsync(partial.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
