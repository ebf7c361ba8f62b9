"""PDFs are parsed in full (pikepdf, on qpdf) and refused when they could act on their own.

What a PDF may not carry: scripts (JavaScript, XFA forms), actions that reach outside the
document (launching a program, opening or sending to another file or address, importing
data), automatic actions other than moving within the document (on opening it, on a page,
on a field), multimedia that plays code, and attached files. Links a reader clicks on stay
allowed, as long as they are web or mail addresses: most school documents have some.

A PDF must also be whole: it ends with `%%EOF`, its cross-reference table is read without
repair, and no web page hides in it for a browser to find.
"""

import io
import re

import pikepdf

from assessment.inspection.reasons import MARKUP, PDF_ACTIVE, PDF_ATTACHMENTS, PDF_DAMAGED, PROTECTED, refuse
from assessment.inspection.signatures import MARKUP_BYTES

# Action types that act outside the document, or run code, wherever they are.
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    }
)
# What may happen without a click: showing another page or view of this document.
NAVIGATION_ACTIONS = frozenset({"/GoTo", "/Named", "/Thread"})
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
ACTIVE_SUBTYPES = frozenset({"/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
ATTACHMENT_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
# A web page where a browser sniffing the file would find it: in its first kilobyte, or in a
# comment line (a PDF reader skips those). Text the document shows may mention tags; those
# sit in strings and streams, never at the start of a line after "%".
MARKUP_IN_COMMENT = re.compile(rb"^%[^\r\n]*" + MARKUP_BYTES.pattern, re.I | re.M)
SNIFFED_HEAD = 1024
MAX_OBJECTS = 200_000
MAX_DEPTH = 64


def check_pdf(content: bytes) -> None:
    """Refuse a PDF that is incomplete, protected, active or carries attachments."""
    if not content[-1024:].rstrip(b"\r\n\t\f \x00").endswith(b"%%EOF"):
        raise refuse(PDF_DAMAGED)
    if MARKUP_BYTES.search(content[:SNIFFED_HEAD]) or MARKUP_IN_COMMENT.search(content):
        raise refuse(MARKUP)
    try:
        with pikepdf.open(io.BytesIO(content), attempt_recovery=False) as pdf:
            objects = pdf.objects
            if len(objects) > MAX_OBJECTS:
                raise refuse(PDF_DAMAGED)
            _check_automatic(pdf.Root.get("/OpenAction"), depth=0)
            for item in objects:
                _check_object(item, depth=0)
            if pdf.get_warnings():
                raise refuse(PDF_DAMAGED)
    except pikepdf.PasswordError as error:
        raise refuse(PROTECTED) from error
    except (pikepdf.PdfError, RecursionError, ValueError, TypeError, KeyError) as error:
        raise refuse(PDF_DAMAGED) from error


def _check_object(item: pikepdf.Object, *, depth: int) -> None:
    """Check a dictionary (or stream) or array, and the direct objects nested in it; objects
    it refers to are checked on their own, as every object of the file is."""
    if depth > MAX_DEPTH:
        raise refuse(PDF_DAMAGED)
    if isinstance(item, pikepdf.Array):
        values = list(item)
    elif isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
        _check_dictionary(item, depth=depth)
        values = [item[key] for key in item.keys()]  # noqa: SIM118 (a PDF dictionary, not a dict)
    else:
        return
    for value in values:
        # Numbers, names and strings come back as Python values; only containers are Objects.
        if isinstance(value, pikepdf.Object) and not value.is_indirect:
            _check_object(value, depth=depth + 1)


def _check_dictionary(item: pikepdf.Object, *, depth: int) -> None:
    keys = set(item.keys())
    if keys & ACTIVE_KEYS:
        raise refuse(PDF_ACTIVE)
    if keys & ATTACHMENT_KEYS or item.get("/Type") == "/EmbeddedFile":
        raise refuse(PDF_ATTACHMENTS)
    subtype = item.get("/Subtype")
    if subtype == "/FileAttachment":
        raise refuse(PDF_ATTACHMENTS)
    if subtype in ACTIVE_SUBTYPES or item.get("/S") in ACTIVE_ACTIONS:
        raise refuse(PDF_ACTIVE)
    if item.get("/S") == "/URI" and not _is_link(item.get("/URI")):
        raise refuse(PDF_ACTIVE)
    triggers = item.get("/AA")
    if isinstance(triggers, pikepdf.Dictionary):
        for trigger in triggers.keys():  # noqa: SIM118
            _check_automatic(triggers[trigger], depth=depth + 1)


def _check_automatic(action: pikepdf.Object | None, *, depth: int) -> None:
    """An action that runs without a click (on opening, on a page, on a field) may only move
    within the document, and so may every action chained after it."""
    if action is None or isinstance(action, pikepdf.Array) and not _is_action_list(action):
        return  # absent, or a destination: the page to open at
    if depth > MAX_DEPTH:
        raise refuse(PDF_DAMAGED)
    actions = list(action) if isinstance(action, pikepdf.Array) else [action]
    for each in actions:
        if not isinstance(each, pikepdf.Dictionary) or each.get("/S") not in NAVIGATION_ACTIONS:
            raise refuse(PDF_ACTIVE)
        _check_automatic(each.get("/Next"), depth=depth + 1)


def _is_action_list(array: pikepdf.Array) -> bool:
    """A /Next array lists actions (dictionaries); a destination starts with a page or a number."""
    return len(array) > 0 and all(isinstance(each, pikepdf.Dictionary) for each in array)


def _is_link(uri: pikepdf.Object | None) -> bool:
    """A web or mail address; not a file, a network share or code."""
    if uri is None:
        return False
    text = bytes(uri).decode("latin-1") if isinstance(uri, pikepdf.String) else str(uri)
    match = SCHEME.match(text)
    if match is None:
        return not text.lstrip().startswith(("\\\\", "//"))
    return match.group(1).lower() in LINK_SCHEMES
