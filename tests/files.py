"""Real files of every kind the evidence upload meets, made on the spot with the libraries that
make them in real life (pikepdf, Pillow) or part by part as office programs write them."""

import io
import zipfile

import pikepdf
from PIL import Image

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OOXML_MAIN = {
    DOCX: ("word/document.xml", "wordprocessingml.document.main+xml"),
    XLSX: ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    PPTX: ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf(edit=None, *, object_streams: bool = False) -> bytes:
    """A one-page PDF as pikepdf (qpdf) writes it; `edit(pdf)` may change it before it is saved."""
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    if edit is not None:
        edit(document)
    output = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    document.save(output, object_stream_mode=mode)
    return output.getvalue()


PDF = pdf()


def image(format: str, *, size: tuple[int, int] = (60, 40), mode: str = "RGB", **options) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "#0b4f8a" if mode in {"RGB", "RGBA"} else 128).save(
        output, format=format, **options
    )
    return output.getvalue()


def png(width: int = 60, height: int = 40) -> bytes:
    return image("PNG", size=(width, height))


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP of `members`, a `mimetype` member stored uncompressed as ODF requires."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return output.getvalue()


def relationships(*entries: tuple[str, str, str]) -> bytes:
    """A relationships part; each entry is (type, target, target mode or "")."""
    rows = "".join(
        f'<Relationship Id="rId{number}" Type="{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for number, (kind, target, mode) in enumerate(entries, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rows}</Relationships>'
    ).encode()


def content_types(main_part: str, main_type: str, *extra: tuple[str, str]) -> bytes:
    overrides = "".join(
        f'<Override PartName="/{part}" ContentType="{kind}"/>'
        for part, kind in ((main_part, main_type), *extra)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f"{overrides}</Types>"
    ).encode()


def word_document(body: str = "<w:p><w:r><w:t>Plan lekcji – zażółć gęślą jaźń</w:t></w:r></w:p>") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def ooxml(
    content_type: str = DOCX, *, main: bytes | None = None, main_type: str | None = None, **extra: bytes
) -> bytes:
    """An Office Open XML package as Word, Excel or PowerPoint write one: content types, package
    relationships naming the main part, the main part itself, and `extra` members (a name's
    `__` stands for "/" and `_dot_` for ".", so `word__media__image1_dot_png=...`)."""
    part, kind = OOXML_MAIN[content_type]
    prefix = "application/vnd.openxmlformats-officedocument."
    members = {
        "[Content_Types].xml": content_types(part, main_type or prefix + kind),
        "_rels/.rels": relationships((OFFICE_DOCUMENT, part, "")),
        part: main if main is not None else (word_document() if content_type == DOCX else b"<x/>"),
    }
    members |= {name.replace("__", "/").replace("_dot_", "."): content for name, content in extra.items()}
    return zip_of(members)


def docx(**extra: bytes) -> bytes:
    return ooxml(DOCX, **extra)


def odf(
    mimetype: str = "application/vnd.oasis.opendocument.text", *, content: bytes | None = None, **extra: bytes
) -> bytes:
    members = {
        "mimetype": mimetype.encode(),
        "META-INF/manifest.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            b'<manifest:file-entry manifest:full-path="/" manifest:media-type="' + mimetype.encode() + b'"/>'
            b"</manifest:manifest>"
        ),
        "content.xml": content
        if content is not None
        else (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
            b' xmlns:xlink="http://www.w3.org/1999/xlink"><office:scripts/>'
            b'<office:body><office:text><text:p>Plan lekcji <text:a xlink:href="https://etwinning.net">link</text:a>'
            b"</text:p></office:text></office:body></office:document-content>"
        ),
    }
    members |= {name.replace("__", "/").replace("_dot_", "."): value for name, value in extra.items()}
    return zip_of(members)


# Valid documents, as teachers' programs and phones make them: every one must be accepted.


def _pdf_with_link(uri: str):
    def edit(document: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[10, 10, 200, 30], A=action
        )
        document.pages[0].Annots = pikepdf.Array([document.make_indirect(link)])

    return lambda: pdf(edit)


def _pdf_opening_at_page(document: pikepdf.Pdf) -> None:
    # What LibreOffice writes: open at the first page, fitted to the window.
    document.Root.OpenAction = pikepdf.Array([document.pages[0].obj, pikepdf.Name.Fit])


def _pdf_with_outline(document: pikepdf.Pdf) -> None:
    with document.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Zasada 1 – Przywództwo", 0))


def _pdf_with_owner_password() -> bytes:
    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(PDF)) as document:
        document.save(
            output,
            encryption=pikepdf.Encryption(
                user="", owner="school", allow=pikepdf.Permissions(modify_other=False)
            ),
        )
    return output.getvalue()


def _weasyprint_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(
        string="<h1>Plan lekcji – zażółć gęślą jaźń</h1><p>Урок по български език. Școala noastră. Skolen vår.</p>"
        '<p><a href="https://www.etwinning.net">eTwinning</a></p>'
    ).write_pdf()


def _animated(format: str) -> bytes:
    frames = [Image.new("RGB", (40, 40), colour) for colour in ("#0b4f8a", "#f5c400", "#2e7d32")]
    output = io.BytesIO()
    frames[0].save(output, format=format, save_all=True, append_images=frames[1:], duration=200, loop=0)
    return output.getvalue()


def _jpeg_with_exif() -> bytes:
    photo = Image.new("RGB", (120, 80), "#2e7d32")
    exif = photo.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:11:02 10:00:00"  # DateTime
    output = io.BytesIO()
    photo.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def _docx_as_written_by_word() -> bytes:
    """A paragraph with a web link, a picture, and an embedded chart's workbook."""
    body = (
        '<w:p><w:r><w:t>Our eTwinning project </w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t>TwinSpace</w:t>'
        '</w:r></w:hyperlink></w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
        ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    main = word_document(body).replace(
        b"<w:document ",
        b'<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
    )
    return ooxml(
        DOCX,
        main=main,
        word___rels__document_dot_xml_dot_rels=relationships(
            (HYPERLINK, "https://twinspace.etwinning.net/12345", "External"),
            (
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                "media/image1.png",
                "",
            ),
            (
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package",
                "embeddings/Sheet1.xlsx",
                "",
            ),
            (HYPERLINK, "mailto:office@school.example.org", "External"),
        ),
        word__media__image1_dot_png=png(),
        word__media__image2_dot_svg=b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>',
        word__embeddings__Sheet1_dot_xlsx=ooxml(XLSX),
        docProps__core_dot_xml=b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties/>',
        word__printerSettings__printerSettings1_dot_bin=bytes(range(256)) * 4,
    )


def _xlsx_with_formula() -> bytes:
    return ooxml(
        XLSX,
        xl__worksheets__sheet1_dot_xml=b'<worksheet><sheetData><row r="1"><c r="A1"><v>3</v></c></row>'
        b'<row r="4"><c r="A4"><f>SUM(A1:A3)</f><v>3</v></c><c r="B4" t="str"><f>"a|b"&amp;"c"</f></c></row>'
        b"</sheetData></worksheet>",
    )


def _odt_with_picture() -> bytes:
    return odf(
        content=b'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        b' xmlns:xlink="http://www.w3.org/1999/xlink"><office:scripts/><office:body><office:text>'
        b'<draw:frame><draw:image xlink:href="Pictures/photo.png" xlink:type="simple"/></draw:frame>'
        b"</office:text></office:body></office:document-content>",
        Pictures__photo_dot_png=png(),
    )


NOTES = {
    "en": "Minutes of the staff meeting.\nWe set goals for next year; done: the open day.\nEmail the coordinator <coordinator@example.org> if a < b.\nI <3 eTwinning! JavaScript: basics, then a function or two.\nDim lights in the hall for the film.\n",
    "pl": "Notatki z zebrania rady pedagogicznej – zażółć gęślą jaźń.\nCele: (1) dzień otwarty; (2) lekcje koleżeńskie.\n",
    "ro": "Procesul-verbal al ședinței: școala noastră învață împreună, în echipă.\n",
    "nb": "Referat fra personalmøtet: skolen vår deler erfaringer med andre skoler – æ ø å.\n",
    "bg": "Протокол от заседанието: учениците са двигатели на промяната в училище.\n",
    "nl": "Verslag van de teamvergadering: leerlingen als ambassadeurs, één keer per maand.\n",
}
VALID: dict[str, tuple[object, str, str]] = {
    "pdf": (lambda: PDF, "plan.pdf", "application/pdf"),
    "pdf-object-streams": (lambda: pdf(object_streams=True), "plan.pdf", "application/pdf"),
    "pdf-web-link": (_pdf_with_link("https://www.etwinning.net/"), "plan.pdf", "application/pdf"),
    "pdf-mail-link": (_pdf_with_link("mailto:office@school.example.org"), "plan.pdf", "application/pdf"),
    "pdf-opening-at-a-page": (lambda: pdf(_pdf_opening_at_page), "plan.pdf", "application/pdf"),
    "pdf-outline": (lambda: pdf(_pdf_with_outline), "plan.pdf", "application/pdf"),
    "pdf-owner-password-only": (_pdf_with_owner_password, "plan.pdf", "application/pdf"),
    "pdf-weasyprint": (_weasyprint_pdf, "plan.pdf", "application/pdf"),
    "png": (png, "photo.png", "image/png"),
    "png-transparent": (lambda: image("PNG", mode="RGBA"), "photo.png", "image/png"),
    "png-grey": (lambda: image("PNG", mode="L"), "photo.png", "image/png"),
    "png-palette": (lambda: image("PNG", mode="P"), "photo.png", "image/png"),
    "png-animated": (lambda: _animated("PNG"), "photo.png", "image/png"),
    "jpeg": (lambda: image("JPEG"), "photo.jpg", "image/jpeg"),
    "jpeg-progressive": (lambda: image("JPEG", size=(300, 200), progressive=True), "photo.jpg", "image/jpeg"),
    "jpeg-exif": (_jpeg_with_exif, "IMG_2041.JPG", "image/jpeg"),
    "jpeg-grey": (lambda: image("JPEG", mode="L"), "photo.jpg", "image/jpeg"),
    "jpeg-with-a-second-picture": (
        lambda: image("JPEG") + image("JPEG", size=(16, 16)),
        "photo.jpg",
        "image/jpeg",
    ),
    "webp": (lambda: image("WEBP"), "photo.webp", "image/webp"),
    "webp-lossless": (lambda: image("WEBP", lossless=True), "photo.webp", "image/webp"),
    "webp-animated": (lambda: _animated("WEBP"), "photo.webp", "image/webp"),
    "docx": (docx, "report.docx", DOCX),
    "docx-as-word-writes-it": (_docx_as_written_by_word, "report.docx", DOCX),
    "docx-template": (
        lambda: ooxml(
            DOCX, main_type="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
        ),
        "report.dotx",
        DOCX,
    ),
    "xlsx": (_xlsx_with_formula, "marks.xlsx", XLSX),
    "pptx": (lambda: ooxml(PPTX, ppt__media__image1_dot_png=png()), "slides.pptx", PPTX),
    "odt": (odf, "report.odt", "application/vnd.oasis.opendocument.text"),
    "odt-with-picture": (_odt_with_picture, "report.odt", "application/vnd.oasis.opendocument.text"),
    "ods": (
        lambda: odf("application/vnd.oasis.opendocument.spreadsheet"),
        "marks.ods",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    "odp": (
        lambda: odf("application/vnd.oasis.opendocument.presentation"),
        "slides.odp",
        "application/vnd.oasis.opendocument.presentation",
    ),
    **{
        f"text-{language}": ((lambda text=text: text.encode()), "notes.txt", "text/plain")
        for language, text in NOTES.items()
    },
    "text-with-bom-and-crlf": (
        lambda: ("\ufeff" + NOTES["pl"]).replace("\n", "\r\n").encode(),
        "notes.txt",
        "text/plain",
    ),
    "csv": (
        lambda: "school;teachers;projects\r\nSzkoła Podstawowa nr 1;12;4\r\n".encode(),
        "table.csv",
        "text/plain",
    ),
}
