"""Why a file is refused, in words a teacher understands.

The sentences are marked here and translated when a refusal is raised, in the language of
the request at hand. Each says what is wrong and, where there is one, what to do instead.
"""

from django.utils.translation import gettext, gettext_noop


class UploadRefused(Exception):
    """`message` is a translated, user-facing sentence; `reason` is the untranslated one below."""

    def __init__(self, message: str, *, reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


def refuse(reason: str, **values: object) -> UploadRefused:
    """The refusal for one of the reasons below, translated now, with its placeholders filled."""
    message = gettext(reason)
    return UploadRefused(message % values if values else message, reason=reason)


EMPTY = gettext_noop("The file is empty.")
TOO_LARGE = gettext_noop("The file is larger than %(limit)s.")
NOT_ACCEPTED = gettext_noop(
    "This kind of file is not accepted. Accepted: PDF, images (PNG, JPEG, WebP), Word, Excel, "
    "PowerPoint, OpenDocument and plain text files."
)
INVALID_DOCUMENT = gettext_noop("The file is damaged or is not a valid document.")
MARKUP = gettext_noop(
    "Web pages and SVG images are not accepted as evidence, because they can contain code. "
    "Save the page as PDF instead."
)
PROGRAM = gettext_noop("Programs and scripts are not accepted as evidence.")
SHORTCUT = gettext_noop(
    "Shortcuts and launchers are not accepted as evidence. Add the address as a link instead."
)
MALWARE = gettext_noop("This file is recognised as a virus (or a virus test file) and is not accepted.")
RTF = gettext_noop(
    "RTF files are not accepted, because they can carry hidden objects. "
    "Save the document as PDF or as a Word document (.docx) instead."
)

# PDF
PDF_DAMAGED = gettext_noop(
    "This PDF is incomplete or damaged. Save or export it again and upload the new copy."
)
PDF_ACTIVE = gettext_noop(
    "This PDF contains code or actions that run by themselves (scripts, launching programs, "
    "opening web addresses or sending forms), which are not accepted. "
    "Print it to a new PDF and upload that copy."
)
PDF_ATTACHMENTS = gettext_noop(
    "This PDF has other files attached inside it, which are not accepted. Upload each document on its own."
)
PROTECTED = gettext_noop(
    "This document is protected by a password, so it cannot be checked. Upload a copy without the password."
)

# Office documents (Word, Excel, PowerPoint, OpenDocument)
NOT_OFFICE = gettext_noop("This ZIP archive is not an office document. Upload the documents themselves.")
MACROS = gettext_noop(
    "This document contains macros, embedded objects or other code, which are not accepted. "
    "Save it as an ordinary document without macros (.docx, .xlsx, .pptx, .odt, .ods or .odp)."
)
EXTERNAL = gettext_noop(
    "This document loads content from outside the file (a remote template, a linked object or "
    "external data), which is not accepted. Save a copy with everything included in the file."
)
TAMPERED = gettext_noop(
    "This document has been altered in a way office programs never produce (entity "
    "declarations or unsafe names inside the file), so it is not accepted."
)
EMBEDDED_PROGRAM = gettext_noop("This document has a program or a script inside it, which is not accepted.")
TOO_MUCH_INSIDE = gettext_noop(
    "This document unpacks to far more data than a real document holds, so it is not accepted."
)

# Images
IMAGE_DAMAGED = gettext_noop("The image is incomplete or damaged. Save it again and upload the new copy.")
IMAGE_TOO_MANY_PIXELS = gettext_noop(
    "The image is too large: at most %(limit)s megapixels are accepted. Reduce its size and upload it again."
)
IMAGE_TRAILING_DATA = gettext_noop(
    "The image file carries other data besides the picture (after it, or a web page inside it), "
    "which is not accepted. Save the image again (for example with “Save as” or as a copy) and "
    "upload that."
)
