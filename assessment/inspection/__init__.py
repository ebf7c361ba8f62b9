"""Which evidence files are accepted, decided from their content, and how their names are made safe.

Pure: no ORM, no storage, no network. The file's name and the browser's content type are
never trusted, because both are chosen by whoever uploads: a program renamed `plan.pdf` is
still a program, and a web page sent as `image/png` would still run its scripts when opened.

Each accepted type is checked by its own module, which refuses active and malformed content
of that kind: `pdf` (parsed with pikepdf), `images` (decoded with Pillow), `packages` (office
documents, read member by member) and `text`.
"""

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from assessment.inspection import reasons
from assessment.inspection.images import check_image
from assessment.inspection.names import EXTENSIONS, safe_file_name, stored_file_name
from assessment.inspection.packages import package_type
from assessment.inspection.pdf import check_pdf
from assessment.inspection.reasons import UploadRefused, refuse
from assessment.inspection.signatures import (
    EICAR,
    JPEG_MAGIC,
    OLE_MAGIC,
    PNG_MAGIC,
    PROGRAM_MAGIC,
    RTF_MAGIC,
    ZIP_MAGIC,
)
from assessment.inspection.text import check_text

__all__ = [
    "ACCEPTED",
    "EXTENSIONS",
    "IMAGE_TYPES",
    "Inspection",
    "UploadRefused",
    "inspect_upload",
    "safe_file_name",
    "stored_file_name",
]

# Each type with its label, translated when shown.
ACCEPTED: dict[str, str | Promise] = {
    "application/pdf": _("PDF"),
    "image/png": _("PNG image"),
    "image/jpeg": _("JPEG image"),
    "image/webp": _("WebP image"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _("Word document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _("Excel spreadsheet"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _("PowerPoint presentation"),
    "application/vnd.oasis.opendocument.text": _("Text document (ODT)"),
    "application/vnd.oasis.opendocument.spreadsheet": _("Spreadsheet (ODS)"),
    "application/vnd.oasis.opendocument.presentation": _("Presentation (ODP)"),
    "text/plain": _("Plain text"),
}

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp"})
# 40 megapixels: a phone's largest photo, and about 160 MB of memory once decoded.
DEFAULT_MAX_PIXELS = 40_000_000


class UploadedContent(Protocol):
    """What `inspect_upload` needs of a file: Django's `UploadedFile` has all of it."""

    @property
    def size(self) -> int | None: ...

    def chunks(self) -> Iterable[bytes]: ...
    def seek(self, offset: int, whence: int = 0) -> int: ...
    def read(self, size: int = -1) -> bytes: ...
    def tell(self) -> int: ...


@dataclass(frozen=True)
class Inspection:
    """What an accepted file is: its detected type and label, its size in bytes, the SHA-256
    hex digest of its whole content, and whether it is an image a thumbnail can be made of."""

    content_type: str
    label: str | Promise
    size: int
    sha256: str
    is_image: bool


def inspect_upload(
    file: UploadedContent, *, max_size: int, max_pixels: int = DEFAULT_MAX_PIXELS
) -> Inspection:
    """Accept `file` from its content or raise `UploadRefused`; the file is rewound either way."""
    try:
        # The claimed size is checked first so a huge file is not read; the counted one decides.
        if file.size is not None:
            _check_size(file.size, max_size=max_size)
        content = _read(file, max_size=max_size)
        content_type = _detect(content, max_size=max_size, max_pixels=max_pixels)
    finally:
        file.seek(0)
    return Inspection(
        content_type=content_type,
        label=ACCEPTED[content_type],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        is_image=content_type in IMAGE_TYPES,
    )


def _check_size(size: int, *, max_size: int) -> None:
    if size == 0:
        raise refuse(reasons.EMPTY)
    if size > max_size:
        raise refuse(reasons.TOO_LARGE, limit=filesizeformat(max_size))


def _read(file: UploadedContent, *, max_size: int) -> bytes:
    """The whole content, read no further than one chunk past the limit."""
    file.seek(0)
    pieces, size = [], 0
    for chunk in file.chunks():
        pieces.append(chunk)
        size += len(chunk)
        if size > max_size:
            break
    _check_size(size, max_size=max_size)
    return b"".join(pieces)


def _detect(content: bytes, *, max_size: int, max_pixels: int) -> str:
    """The accepted type of `content`, told by its first bytes and confirmed by its own checks."""
    if EICAR in content:
        raise refuse(reasons.MALWARE)
    if content.startswith(PROGRAM_MAGIC):
        raise refuse(reasons.PROGRAM)
    if content.startswith(b"%PDF-"):
        check_pdf(content)
        return "application/pdf"
    for magic, content_type in ((PNG_MAGIC, "image/png"), (JPEG_MAGIC, "image/jpeg")):
        if content.startswith(magic):
            check_image(content, content_type=content_type, max_pixels=max_pixels)
            return content_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        check_image(content, content_type="image/webp", max_pixels=max_pixels)
        return "image/webp"
    if content.startswith(ZIP_MAGIC):
        return package_type(io.BytesIO(content), max_size=max_size)
    if content.startswith(OLE_MAGIC):
        raise refuse(reasons.NOT_ACCEPTED)
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(RTF_MAGIC):
        raise refuse(reasons.RTF)
    check_text(content)
    return "text/plain"
