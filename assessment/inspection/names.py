"""File names as people see them: shown in lists and offered again on download.

The name comes from the uploader's browser, so it is made safe, and its extension is always
the one of the type the content was recognised as: a PDF named `lesson<RLO>fdp.exe` is kept
as `lessonfdp.pdf`, and `report.pdf<NUL>.html` as `report.pdf`.
"""

import re
import unicodedata

# The extensions each accepted type may keep; the first is the one added when none fits.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg", "jpe", "jfif"),
    "image/webp": ("webp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "dotx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", "xltx"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx", "ppsx", "potx"),
    "application/vnd.oasis.opendocument.text": ("odt", "ott"),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods", "ots"),
    "application/vnd.oasis.opendocument.presentation": ("odp", "otp"),
    "text/plain": ("txt", "text", "csv", "tsv", "md"),
}

WINDOWS_ILLEGAL = frozenset('<>:"/\\|?*')
SURROGATE = re.compile("[\ud800-\udfff]")
# What reads as an extension: a dot, then a letter and up to nine letters or digits
# ("plan.pdf", "notes.txt"; not "Report 2.5" or "v1.2 final").
EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,9})$")
# Characters that print as nothing but are not format characters (category Cf, removed anyway):
# Hangul fillers, the braille blank, combining grapheme joiner, variation selectors and the
# Mongolian free variation selectors. They make two names look alike.
INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def safe_file_name(name: str, *, max_length: int = 150) -> str:
    """The original name made safe for display and download, its extension left as it came.

    In this order:
    - anything after a NUL is dropped: `report.pdf\\0.html` is `report.pdf`, as the file system
      of whoever downloads it would have it;
    - characters that were not valid UTF-8 (lone surrogates from `surrogateescape`) become "_";
    - any directory part is dropped, whether separated by "/" or "\\";
    - whitespace of any kind becomes one space; other control and format characters (Unicode
      category C: escape sequences, right-to-left overrides, zero-width spaces...), invisible
      fillers and the characters Windows forbids in names (<>:"/\\|?*) are removed;
    - the name is normalised to NFC, so "ó" is one character however the browser sent it;
    - leading and trailing dots and spaces go: no hidden files, no "..", and Windows would
      drop the trailing ones anyway;
    - a name longer than `max_length` (at least 11) loses the end of its stem, keeping an
      extension of up to 10 characters;
    - a name with nothing left is "evidence".
    """
    name = name.split("\x00", 1)[0]
    name = SURROGATE.sub("_", name)
    name = re.split(r"[/\\]", name)[-1]
    name = INVISIBLE.sub("", name)
    name = "".join(map(_name_character, name))
    name = unicodedata.normalize("NFC", " ".join(name.split())).strip(". ")
    if len(name) > max_length:
        match = EXTENSION.search(name)
        suffix = match.group(0) if match and match.start() else ""
        name = name[: len(name) - len(suffix)][: max_length - len(suffix)].rstrip(". ") + suffix
    return name or "evidence"


def stored_file_name(name: str, *, content_type: str, max_length: int = 150) -> str:
    """`safe_file_name`, ending in an extension of the detected type.

    An extension of another type is dropped first (`photo.png.html` is `photo.png`,
    `invoice.pdf.exe` is `invoice.pdf`); the type's usual extension is added when none fits.
    """
    allowed = EXTENSIONS[content_type]
    name = safe_file_name(name, max_length=max_length)
    stem = _without_foreign_extension(name, allowed)
    if (match := EXTENSION.search(stem)) and match.start() and match.group(1).lower() in allowed:
        return stem
    suffix = f".{allowed[0]}"
    return stem[: max_length - len(suffix)].rstrip(". ") + suffix


def _without_foreign_extension(name: str, allowed: tuple[str, ...]) -> str:
    match = EXTENSION.search(name)
    if match is None or not match.start() or match.group(1).lower() in allowed:
        return name
    return name[: match.start()].rstrip(". ") or name


def _name_character(char: str) -> str:
    """What a character of a file name becomes: a space, nothing, or itself."""
    if char.isspace():
        return " "
    if unicodedata.category(char).startswith("C") or char in WINDOWS_ILLEGAL:
        return ""
    return char
