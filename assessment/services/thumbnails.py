"""Small PNG previews of image evidence, made on the server and kept beside the evidence."""

import io
import logging

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from assessment.models import Evidence
from assessment.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

SIZE = (320, 320)


def thumbnail_name(evidence: Evidence) -> str:
    return f"{evidence.file.name}.thumbnail.png"


def thumbnail_for(evidence: Evidence) -> bytes | None:
    """The preview's PNG bytes, made once and then read back; None when there is no image or the
    storage cannot give it now (a page shows the item without its preview then)."""
    if not evidence.is_image or not evidence.file.name:
        return None
    storage = evidence.file.storage
    name = thumbnail_name(evidence)
    try:
        if storage.exists(name):
            with storage.open(name, "rb") as stored:
                return stored.read()
        if not storage.exists(evidence.file.name):
            return None
        with evidence.file.open("rb") as source, Image.open(source) as image:
            image.thumbnail(SIZE)
            output = io.BytesIO()
            # Re-encoding as a fresh PNG drops whatever else the upload carried.
            image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(output, format="PNG")
    except (UnidentifiedImageError, Image.DecompressionBombError, *STORAGE_ERRORS):
        logger.warning("No preview of evidence %s could be made.", evidence.pk, exc_info=True)
        return None
    try:
        storage.save(name, ContentFile(output.getvalue()))
    except STORAGE_ERRORS:
        logger.warning("The preview of evidence %s could not be kept.", evidence.pk, exc_info=True)
    return output.getvalue()
