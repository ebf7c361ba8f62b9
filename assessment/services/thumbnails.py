"""Small PNG previews of image evidence, made on the server and kept beside the evidence."""

import io

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from assessment.models import Evidence

SIZE = (320, 320)


def thumbnail_name(evidence: Evidence) -> str:
    return f"{evidence.file.name}.thumbnail.png"


def thumbnail_for(evidence: Evidence) -> bytes | None:
    """The preview's PNG bytes, made once and then read back; None when there is no image."""
    if not evidence.is_image:
        return None
    storage = evidence.file.storage
    name = thumbnail_name(evidence)
    if storage.exists(name):
        with storage.open(name, "rb") as stored:
            return stored.read()
    if not storage.exists(evidence.file.name):
        return None
    try:
        with evidence.file.open("rb") as source, Image.open(source) as image:
            image.thumbnail(SIZE)
            output = io.BytesIO()
            # Re-encoding as a fresh PNG drops whatever else the upload carried.
            image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(output, format="PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    storage.save(name, ContentFile(output.getvalue()))
    return output.getvalue()
