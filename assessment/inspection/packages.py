"""Office documents, Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods, .odp),
are ZIP packages: each is opened and every member read, counting the bytes it really unpacks
to (the sizes in a ZIP's headers are the sender's claim).

Refused: macros and embedded programs or objects, anything fetched from outside the file
(remote templates, linked objects and images, DDE), XML with a DTD (the door to XXE and
"billion laughs"), members with unsafe names (`../`, absolute paths, links), and packages
that unpack to far more than a real document would.
"""

import io
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from assessment.inspection.reasons import (
    EMBEDDED_PROGRAM,
    EXTERNAL,
    INVALID_DOCUMENT,
    MACROS,
    NOT_ACCEPTED,
    NOT_OFFICE,
    PROTECTED,
    TAMPERED,
    TOO_MUCH_INSIDE,
    UploadRefused,
    refuse,
)
from assessment.inspection.signatures import OLE_MAGIC, PROGRAM_MAGIC, ZIP_MAGIC

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_TYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)
# The content type of the main part tells documents, templates and shows apart from their
# macro-enabled twins (".main+xml" there is "macroEnabled.main+xml").
OOXML_MAIN_TYPES = {
    f"application/vnd.openxmlformats-officedocument.{family}.{kind}.main+xml": accepted
    for family, kinds, accepted in (
        ("wordprocessingml", ("document", "template"), DOCX),
        ("spreadsheetml", ("sheet", "template"), XLSX),
        ("presentationml", ("presentation", "slideshow", "template"), PPTX),
    )
    for kind in kinds
}
OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
# A document unpacking to more than this many times its own size limit is treated as a zip bomb.
MAX_EXPANSION = 20
MAX_MEMBERS = 5_000
# Text and XML compress to a tenth or so, pictures hardly at all; a part that unpacks to more
# than 200 times its packed size (past the first megabyte) is padding made to exhaust memory.
MAX_RATIO = 200
MAX_RATIO_FREE = 1024 * 1024
# An embedded chart keeps its workbook inside the document; nothing real goes deeper.
MAX_NESTING = 1
# Package parts that are read whole to be understood ([Content_Types].xml, relationships, the
# ODF manifest); real ones are a few kilobytes.
SMALL_PART_LIMIT = 1024 * 1024
CHUNK = 64 * 1024

PROGRAM_EXTENSIONS = frozenset(
    {
        *("exe", "dll", "com", "scr", "pif", "cpl", "msi", "msp", "apk", "app", "jar", "class"),
        *("bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "sh"),
        *("lnk", "reg", "inf"),
    }
)
WEB_EXTENSIONS = frozenset({"htm", "html", "xhtml", "mht", "mhtml"})
# Relationship types that bring code or other programs' objects into the document.
CODE_RELATIONSHIPS = re.compile(
    r"/(?:vbaProject|activeXControl\w*|control|oleObject|aFChunk|wordVbaData|xlMacrosheet|xlIntlMacrosheet)$"
)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
# Word fields: DDE and DDEAUTO run another program's command when the document opens. A
# field's instruction may be split over several runs, so it is put together first.
WORD_FIELD = re.compile(
    rb"<(?:\w+:)?fldChar\b[^>]*?\w+:fldCharType=[\"'](?P<kind>begin|separate|end)[\"']"
    rb"|<(?:\w+:)?instrText\b[^>]*>(?P<instruction>[^<]*)"
    rb"|<(?:\w+:)?fldSimple\b[^>]*?\w+:instr=(?P<quote>[\"'])(?P<simple>.*?)(?P=quote)"
)
DDE_FIELD = re.compile(r'^\s*"?\s*DDE(?:AUTO)?\b', re.I)
# Excel: links to another program's data (DDE), as an external link or inside a formula
# (`cmd|' /c calc'!A1`).
EXCEL_DDE = re.compile(rb"<(?:\w+:)?ddeLink\b|<(?:\w+:)?f\b[^>]*>[^<]*?[\w.]\s*\|\s*(?:'|&apos;)")
# OpenDocument: scripts bound to events, applets and plug-ins, script URLs, DDE, and images,
# objects or sections linked from outside the package.
ODF_CODE = re.compile(
    rb"<(?:\w+:)?(?:event-listener|applet|plugin)\b|<office:script[\s>]|vnd\.sun\.star\.script:|\"macro:",
    re.I,
)
ODF_DDE = re.compile(rb"<(?:\w+:)?(?:dde-source|dde-connection-decl|dde-link)\b")
ODF_LINKED = re.compile(
    rb"<(?:\w+:)?(?:image|object|object-ole|fill-image|background-image|section-source|table-source"
    rb"|floating-frame|cell-range-source)\b[^>]*?\b\w+:href=\"([^\"]*)\""
)
ODF_ENCRYPTED = re.compile(rb"<(?:\w+:)?encryption-data\b")


@dataclass
class Budget:
    """How many more bytes the members of a package (and of the packages inside it) may unpack to."""

    remaining: int

    def spend(self, size: int) -> None:
        self.remaining -= size
        if self.remaining < 0:
            raise refuse(TOO_MUCH_INSIDE)


def package_type(file: io.IOBase, *, max_size: int) -> str:
    """The content type of the office document in `file`, a ZIP, or raise `UploadRefused`."""
    return _inspect(file, budget=Budget(MAX_EXPANSION * max_size), depth=0)


def _inspect(file: io.IOBase, *, budget: Budget, depth: int) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_names(members)
            declared = sum(member.file_size for member in members)
            if len(members) > MAX_MEMBERS or declared > budget.remaining:
                raise refuse(TOO_MUCH_INSIDE)
            content_type = _ooxml_type(archive, budget) or _odf_type(archive, budget)
            if content_type is None:
                raise refuse(NOT_OFFICE)
            for member in members:
                if not member.is_dir():
                    _check_member(archive, member, content_type=content_type, budget=budget, depth=depth)
            return content_type
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as error:
        # A damaged archive: a bad CRC or truncated data (BadZipFile, zlib.error, EOFError), an
        # unknown compression method (NotImplementedError), an unreadable member (OSError).
        raise refuse(INVALID_DOCUMENT) from error


def _check_names(members: list[zipfile.ZipInfo]) -> None:
    """No member may leave the package's folder, be a link, or share a name with another."""
    seen: set[str] = set()
    for member in members:
        name = member.filename
        parts = name.rstrip("/").split("/")
        if (
            not name
            or "\\" in name
            or name.startswith("/")
            or re.match(r"[A-Za-z]:", name)
            or any(part in {"", ".", ".."} for part in parts)
            or any(unicodedata.category(char).startswith("C") for char in name)
            or stat.S_ISLNK(member.external_attr >> 16)
            or name.casefold() in seen
        ):
            raise refuse(TAMPERED)
        seen.add(name.casefold())


def _ooxml_type(archive: zipfile.ZipFile, budget: Budget) -> str | None:
    """The accepted type of an Office Open XML package, told by the content type of the part
    its package relationships name as the main document."""
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        return None
    types = _parse(_read_small(archive, "[Content_Types].xml", budget))
    overrides, defaults = {}, {}
    for element in types.iter():
        if _local(element.tag) == "Override":
            overrides[element.get("PartName", "").lstrip("/").casefold()] = element.get("ContentType", "")
        elif _local(element.tag) == "Default":
            defaults[element.get("Extension", "").casefold()] = element.get("ContentType", "")
    if any(_is_macro_type(value) for value in [*overrides.values(), *defaults.values()]):
        raise refuse(MACROS)
    for relationship in _relationships(_read_small(archive, "_rels/.rels", budget)):
        if OFFICE_DOCUMENT.search(relationship.get("Type", "")):
            part = relationship.get("Target", "").lstrip("/").casefold()
            main_type = overrides.get(part) or defaults.get(part.rpartition(".")[2], "")
            return OOXML_MAIN_TYPES.get(main_type)
    return None


def _is_macro_type(content_type: str) -> bool:
    lowered = content_type.lower()
    return any(sign in lowered for sign in ("macroenabled", "vbaproject", "activex", "macrosheet"))


def _odf_type(archive: zipfile.ZipFile, budget: Budget) -> str | None:
    if "mimetype" not in archive.namelist():
        return None
    declared = _read_small(archive, "mimetype", budget)[:100].decode("ascii", "replace").strip()
    declared = declared.removesuffix("-template")
    if declared not in ODF_TYPES:
        # A packaged format we know by name (ODG, EPUB...), just not one we accept.
        raise refuse(NOT_ACCEPTED)
    if "META-INF/manifest.xml" in archive.namelist() and ODF_ENCRYPTED.search(
        _read_small(archive, "META-INF/manifest.xml", budget)
    ):
        raise refuse(PROTECTED)
    return declared


def _check_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, content_type: str, budget: Budget, depth: int
) -> None:
    name = member.filename
    _check_member_name(name, odf=content_type in ODF_TYPES)
    if member.flag_bits & 0x1:
        raise refuse(PROTECTED)
    if name.lower().endswith(".rels"):
        _check_relationships(_read_small(archive, name, budget))
        return
    chunks = _chunks(archive, member, budget)
    head = next(chunks, b"")
    if head.startswith(PROGRAM_MAGIC):
        raise refuse(EMBEDDED_PROGRAM)
    if head.startswith(OLE_MAGIC):
        raise refuse(MACROS)
    if head.startswith(ZIP_MAGIC):
        _check_nested(head + b"".join(chunks), budget=budget, depth=depth)
    elif head.lstrip()[:1] == b"<" or head.startswith(b"\xef\xbb\xbf"):
        _check_xml(name, head, chunks, content_type=content_type)
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")) and name.lower().endswith((".xml", ".rels")):
        raise refuse(TAMPERED)  # XML in UTF-16 would hide a DTD from the checks below
    else:
        for _chunk in chunks:  # read to the end, so the CRC and the real size are checked
            pass


def _check_member_name(name: str, *, odf: bool) -> None:
    lowered = name.lower()
    base = lowered.rpartition("/")[2]
    extension = base.rpartition(".")[2] if "." in base else ""
    if "vbaproject" in base or "vbadata" in base or re.search(r"(?:^|/)(?:activex|macrosheets)/", lowered):
        raise refuse(MACROS)
    if odf and lowered.startswith(("basic/", "scripts/")):
        raise refuse(MACROS)
    if extension in PROGRAM_EXTENSIONS or lowered == "meta-inf/manifest.mf":
        raise refuse(EMBEDDED_PROGRAM)
    if extension in WEB_EXTENSIONS:
        raise refuse(MACROS)


def _chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """The member's bytes as they really unpack, each counted against the budget and against
    how far real content compresses; zipfile checks the CRC at the end, so a member whose
    headers lie about its size fails there."""
    unpacked = 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            budget.spend(len(chunk))
            unpacked += len(chunk)
            if unpacked > MAX_RATIO_FREE and unpacked > MAX_RATIO * member.compress_size:
                raise refuse(TOO_MUCH_INSIDE)
            yield chunk


def _read_small(archive: zipfile.ZipFile, name: str, budget: Budget) -> bytes:
    content = b""
    for chunk in _chunks(archive, archive.getinfo(name), budget):
        content += chunk
        if len(content) > SMALL_PART_LIMIT:
            raise refuse(TAMPERED)
    if DTD.search(content):
        raise refuse(TAMPERED)
    return content


def _check_nested(content: bytes, *, budget: Budget, depth: int) -> None:
    """A package inside the package (an embedded chart's workbook) must pass the same checks."""
    if depth >= MAX_NESTING:
        raise refuse(MACROS)
    try:
        _inspect(io.BytesIO(content), budget=budget, depth=depth + 1)
    except UploadRefused as refusal:
        if refusal.reason in {NOT_OFFICE, NOT_ACCEPTED}:
            raise refuse(MACROS) from refusal
        raise


def _check_xml(name: str, head: bytes, chunks: Iterator[bytes], *, content_type: str) -> None:
    """Scan an XML part as it unpacks: no DTD anywhere, and nothing active for its kind of
    document. Each piece is scanned up to its last tag start; the rest waits for the next."""
    lowered = name.lower()
    word = content_type == DOCX and lowered.startswith("word/")
    excel = content_type == XLSX and lowered.startswith("xl/")
    odf = content_type in ODF_TYPES
    fields: list[bytes] = []
    carry = b""
    for piece in _pieces(head, chunks):
        data = carry + piece
        cut = data.rfind(b"<") if piece else len(data)
        if cut <= 0:
            carry = data
            continue
        ready, carry = data[:cut], data[cut:]
        if DTD.search(ready):
            raise refuse(TAMPERED)
        if word:
            _check_word_fields(ready, fields)
        elif excel and EXCEL_DDE.search(ready):
            raise refuse(EXTERNAL)
        elif odf:
            _check_odf_xml(ready)
    if DTD.search(carry):
        raise refuse(TAMPERED)


def _pieces(head: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from chunks
    yield b""  # the end: whatever is left is scanned whole


def _check_word_fields(data: bytes, fields: list[bytes]) -> None:
    """Follow Word's field structure (begin, instruction runs, separate, end) across pieces."""
    for match in WORD_FIELD.finditer(data):
        kind, instruction, simple = match.group("kind", "instruction", "simple")
        if simple is not None:
            _check_field_instruction(simple)
        elif kind == b"begin":
            fields.append(b"")
        elif instruction is not None and fields:
            fields[-1] += instruction
        elif kind in {b"separate", b"end"} and fields:
            _check_field_instruction(fields[-1])
            if kind == b"end":
                fields.pop()
            else:
                fields[-1] = b""


def _check_field_instruction(instruction: bytes) -> None:
    text = instruction.decode("utf-8", "replace").replace("&quot;", '"')
    if DDE_FIELD.match(text):
        raise refuse(EXTERNAL)


def _check_odf_xml(data: bytes) -> None:
    if ODF_CODE.search(data):
        raise refuse(MACROS)
    if ODF_DDE.search(data):
        raise refuse(EXTERNAL)
    for match in ODF_LINKED.finditer(data):
        target = match.group(1).decode("utf-8", "replace")
        if SCHEME.match(target) or target.startswith(("/", "\\", "../")):
            raise refuse(EXTERNAL)


def _check_relationships(content: bytes) -> None:
    """Relationships may point outside the package only as hyperlinks to web or mail addresses,
    and never to code."""
    for relationship in _relationships(content):
        kind, target = relationship.get("Type", ""), relationship.get("Target", "")
        if CODE_RELATIONSHIPS.search(kind):
            raise refuse(EXTERNAL if relationship.get("TargetMode") == "External" else MACROS)
        scheme = SCHEME.match(target)
        if relationship.get("TargetMode") == "External" or scheme or target.startswith("\\\\"):
            is_link = kind.endswith("/hyperlink") and scheme and scheme.group(1).lower() in LINK_SCHEMES
            if not is_link:
                raise refuse(EXTERNAL)


def _relationships(content: bytes) -> list[Element]:
    return [element for element in _parse(content).iter() if _local(element.tag) == "Relationship"]


def _parse(content: bytes) -> Element:
    """Parse a small part (already checked to have no DTD; defusedxml refuses one again)."""
    try:
        return fromstring(content, forbid_dtd=True)
    except DefusedXmlException as error:
        raise refuse(TAMPERED) from error
    except ParseError as error:
        raise refuse(INVALID_DOCUMENT) from error


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
