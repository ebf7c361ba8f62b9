"""Which evidence files are accepted, decided from their content, and how their names are made safe.

Pure: no ORM, no storage. The file's name and the browser's content type are never trusted,
because both are chosen by whoever uploads: a program renamed `plan.pdf` is still a program,
and a web page sent as `image/png` would still run its scripts when opened from our domain.
"""

import codecs
import hashlib
import itertools
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

ACCEPTED: dict[str, str] = {
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

# Refusals are marked here and translated when raised, in the language of the request at hand.
EMPTY = gettext_noop("The file is empty.")
TOO_LARGE = gettext_noop("The file is larger than %(limit)s.")
MARKUP = gettext_noop(
    "Web pages and SVG images are not accepted as evidence, because they can contain code. "
    "Save the page as PDF instead."
)
PROGRAM = gettext_noop("Programs and scripts are not accepted as evidence.")
NOT_OFFICE = gettext_noop("This ZIP archive is not an office document. Upload the documents themselves.")
INVALID_DOCUMENT = gettext_noop("The file is damaged or is not a valid document.")
NOT_ACCEPTED = gettext_noop(
    "This kind of file is not accepted. Accepted: PDF, images (PNG, JPEG, WebP), Word, Excel, "
    "PowerPoint, OpenDocument and plain text files."
)

HEAD_SIZE = 16
# Mach-O, the programs of macOS: 32 and 64 bits in both byte orders, and the universal binary.
MACH_O_MAGIC = tuple(map(bytes.fromhex, ("feedface", "feedfacf", "cefaedfe", "cffaedfe", "cafebabe")))
# Windows (PE), Linux (ELF), macOS and scripts.
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", *MACH_O_MAGIC, b"#!")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OOXML_MAIN_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ODF_TYPES = frozenset(type_ for type_ in ACCEPTED if type_.startswith("application/vnd.oasis."))
# A document unpacking to more than this many times its own size limit is treated as a zip bomb.
MAX_EXPANSION = 20
MAX_MEMBERS = 5_000
# Tab, LF, form feed and CR are the only control characters plain text needs.
TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MARKUP_TOKENS = ("<html", "<script", "<svg", "<?xml", "<!doctype", "<iframe", "<body")
LONGEST_TOKEN = max(len(token) for token in MARKUP_TOKENS)
WINDOWS_ILLEGAL = frozenset('<>:"/\\|?*')
SURROGATE = re.compile("[\ud800-\udfff]")
MAX_EXTENSION = 10
# What zipfile raises on a damaged archive besides BadZipFile: truncated data (EOFError, zlib.error),
# an unknown compression method (NotImplementedError), an encrypted member (RuntimeError), and a
# mimetype that is not ASCII (UnicodeDecodeError, a ValueError).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)


class UploadedContent(Protocol):
    """What `inspect_upload` needs of a file: Django's `UploadedFile` has all of it."""

    size: int

    def chunks(self) -> Iterable[bytes]: ...
    def seek(self, offset: int, whence: int = 0) -> int: ...
    def read(self, size: int = -1) -> bytes: ...
    def tell(self) -> int: ...


class UploadRefused(Exception):
    """`message` is a translated, user-facing sentence naming the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Inspection:
    """What an accepted file is: its detected type and label, its size in bytes, the SHA-256
    hex digest of its whole content, and whether it is an image a thumbnail can be made of."""

    content_type: str
    label: str
    size: int
    sha256: str
    is_image: bool


def inspect_upload(file: UploadedContent, *, max_size: int) -> Inspection:
    """Accept `file` from its content or raise `UploadRefused`; the file is rewound either way."""
    try:
        # The claimed size is checked first so a huge file is not read; the counted one decides.
        _check_size(file.size, max_size=max_size)
        size, sha256 = _digest(file)
        _check_size(size, max_size=max_size)
        content_type = _detect(file, max_size=max_size)
    finally:
        file.seek(0)
    return Inspection(
        content_type=content_type,
        label=ACCEPTED[content_type],
        size=size,
        sha256=sha256,
        is_image=content_type in IMAGE_TYPES,
    )


def _check_size(size: int, *, max_size: int) -> None:
    if size == 0:
        raise UploadRefused(gettext(EMPTY))
    if size > max_size:
        raise UploadRefused(gettext(TOO_LARGE) % {"limit": filesizeformat(max_size)})


def _digest(file: UploadedContent) -> tuple[int, str]:
    file.seek(0)
    digest = hashlib.sha256()
    size = 0
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def _detect(file: UploadedContent, *, max_size: int) -> str:
    file.seek(0)
    head = file.read(HEAD_SIZE)
    if head.startswith(PROGRAM_MAGIC):
        raise UploadRefused(gettext(PROGRAM))
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(ZIP_MAGIC):
        return _office_type(file, max_size=max_size)
    _check_plain_text(file)
    return "text/plain"


def _office_type(file: UploadedContent, *, max_size: int) -> str:
    """The content type of an OOXML or ODF document, told from the members of its ZIP."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            unpacked_size = sum(member.file_size for member in members)
            if len(members) > MAX_MEMBERS or unpacked_size > MAX_EXPANSION * max_size:
                raise UploadRefused(gettext(INVALID_DOCUMENT))
            names = {member.filename for member in members}
            if "[Content_Types].xml" in names:
                for part, content_type in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return content_type
            if "mimetype" in names:
                # A bounded read: the declared sizes above can lie, the bytes read here cannot.
                declared = archive.open("mimetype").read(100).decode("ascii").strip()
                if declared in ODF_TYPES:
                    return declared
                # A packaged format we know by name (ODG, EPUB...), just not one we accept.
                raise UploadRefused(gettext(NOT_ACCEPTED))
    except ZIP_ERRORS as error:
        raise UploadRefused(gettext(INVALID_DOCUMENT)) from error
    raise UploadRefused(gettext(NOT_OFFICE))


def _check_plain_text(file: UploadedContent) -> None:
    """Refuse unless the whole file is UTF-8 text without stray control characters or markup."""
    file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()  # drops a leading BOM
    started = False
    carry = ""  # the end of the previous piece, so a token split across chunks is still found
    for chunk in itertools.chain(file.chunks(), [b""]):
        try:
            piece = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise UploadRefused(gettext(NOT_ACCEPTED)) from error
        if TEXT_CONTROL.search(piece):
            raise UploadRefused(gettext(NOT_ACCEPTED))
        if not started and piece.strip():
            started = True
            if piece.lstrip().startswith("<"):
                raise UploadRefused(gettext(MARKUP))
        window = (carry + piece).lower()
        if any(token in window for token in MARKUP_TOKENS):
            raise UploadRefused(gettext(MARKUP))
        carry = window[-(LONGEST_TOKEN - 1) :]


def safe_file_name(name: str, *, max_length: int = 150) -> str:
    """The original name made safe for display and download.

    In this order:
    - characters that were not valid UTF-8 (lone surrogates from `surrogateescape`) become "_";
    - any directory part is dropped, whether separated by "/" or "\\";
    - whitespace of any kind becomes one space; other control and format characters (Unicode
      category C: NUL, escape sequences, right-to-left overrides...) and the characters Windows
      forbids in names (<>:"/\\|?*) are removed;
    - the name is normalised to NFC, so "ó" is one character however the browser sent it;
    - leading and trailing dots and spaces go: no hidden files, no "..", and Windows would
      drop the trailing ones anyway;
    - a name longer than `max_length` (at least 11) loses the end of its stem, keeping an
      extension of up to 10 characters;
    - a name with nothing left is "evidence".
    """
    name = SURROGATE.sub("_", name)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(map(_name_character, name))
    name = unicodedata.normalize("NFC", " ".join(name.split())).strip(". ")
    if len(name) > max_length:
        stem, dot, extension = name.rpartition(".")
        suffix = f".{extension}" if stem and dot and len(extension) <= MAX_EXTENSION else ""
        stem = stem if suffix else name
        name = stem[: max_length - len(suffix)].rstrip(". ") + suffix
    return name or "evidence"


def _name_character(char: str) -> str:
    """What a character of a file name becomes: a space, nothing, or itself."""
    if char.isspace():
        return " "
    if unicodedata.category(char).startswith("C") or char in WINDOWS_ILLEGAL:
        return ""
    return char
