"""Images are decoded in full, and must end where the picture ends.

A picture that is cut short, or that claims so many pixels that decoding it would take the
server's memory, is refused; so is one with anything after its last byte, which is where
polyglots hide a web page or a Java archive that another program would open, and one with a
web page in its metadata (a comment, a text chunk), where a sniffing browser would find it.
"""

import io
import struct
import warnings
import zlib

from PIL import Image, ImageSequence

from assessment.inspection.reasons import (
    IMAGE_DAMAGED,
    IMAGE_TOO_MANY_PIXELS,
    IMAGE_TRAILING_DATA,
    UploadRefused,
    refuse,
)
from assessment.inspection.signatures import MARKUP_BYTES, PNG_MAGIC

PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
# JPEG markers that stand alone, without a length: the restart markers and TEM.
JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


def check_image(content: bytes, *, content_type: str, max_pixels: int) -> None:
    """Refuse an image that ends in the wrong place, is too large or does not decode."""
    end = {"image/png": _png_end, "image/jpeg": _jpeg_end, "image/webp": _webp_end}[content_type](content)
    if content_type == "image/jpeg":
        end = _jpeg_followers_end(content, end)
    if content[end:].strip(b"\x00") or MARKUP_BYTES.search(content):
        raise refuse(IMAGE_TRAILING_DATA)
    _decode(content, content_type=content_type, max_pixels=max_pixels)


def _decode(content: bytes, *, content_type: str, max_pixels: int) -> None:
    """Decode every frame; refuse above `max_pixels` in all (checked before any pixel is decoded)."""
    try:
        # Pillow's own guard warns, then fails, far above our limit; either way: too large.
        with (
            warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning),
            Image.open(io.BytesIO(content), formats=[PILLOW_FORMATS[content_type]]) as image,
        ):
            width, height = image.size
            if width * height * getattr(image, "n_frames", 1) > max_pixels:
                raise _too_many_pixels(max_pixels)
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError, MemoryError) as error:
        raise _too_many_pixels(max_pixels) from error
    except (OSError, SyntaxError, ValueError, struct.error, EOFError, zlib.error, IndexError) as error:
        # What Pillow raises on damaged data: truncated streams (OSError), bad chunks (SyntaxError),
        # impossible sizes (ValueError), short headers (struct.error, EOFError, IndexError).
        raise refuse(IMAGE_DAMAGED) from error


def _too_many_pixels(max_pixels: int) -> UploadRefused:
    return refuse(IMAGE_TOO_MANY_PIXELS, limit=f"{max_pixels / 1_000_000:g}")


def _png_end(content: bytes) -> int:
    """Where the PNG's IEND chunk ends; every chunk before it must be whole, with a right CRC."""
    position = len(PNG_MAGIC)
    while True:
        header = content[position : position + 8]
        if len(header) < 8:
            raise refuse(IMAGE_DAMAGED)
        length, kind = struct.unpack(">I4s", header)
        data_end = position + 8 + length
        if length > 0x7FFFFFFF or data_end + 4 > len(content):
            raise refuse(IMAGE_DAMAGED)
        (crc,) = struct.unpack(">I", content[data_end : data_end + 4])
        if zlib.crc32(content[position + 4 : data_end]) != crc:
            raise refuse(IMAGE_DAMAGED)
        position = data_end + 4
        if kind == b"IEND":
            return position


def _jpeg_end(content: bytes, start: int = 0) -> int:
    """Where the JPEG that starts at `start` ends: just after its EOI marker, found by walking
    its segments and skipping the entropy-coded data after each start of scan."""
    if content[start : start + 2] != b"\xff\xd8":
        raise refuse(IMAGE_DAMAGED)
    position = start + 2
    while True:
        position = content.find(b"\xff", position)
        if position < 0:
            raise refuse(IMAGE_DAMAGED)
        while position < len(content) and content[position] == 0xFF:  # fill bytes
            position += 1
        if position >= len(content):
            raise refuse(IMAGE_DAMAGED)
        marker = content[position]
        position += 1
        if marker == 0xD9:
            return position
        if marker in JPEG_STANDALONE:
            continue
        if position + 2 > len(content):
            raise refuse(IMAGE_DAMAGED)
        (length,) = struct.unpack(">H", content[position : position + 2])
        if length < 2 or position + length > len(content):
            raise refuse(IMAGE_DAMAGED)
        position += length
        if marker == 0xDA:
            position = _entropy_coded_end(content, position)


def _entropy_coded_end(content: bytes, position: int) -> int:
    """The first marker after a scan's data: 0xFF followed by neither 0x00 (a stuffed byte) nor
    a restart marker."""
    while True:
        position = content.find(b"\xff", position)
        if position < 0 or position + 1 >= len(content):
            raise refuse(IMAGE_DAMAGED)
        following = content[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1
            continue
        return position


def _jpeg_followers_end(content: bytes, end: int) -> int:
    """Phones store extra pictures (depth maps, previews: the Multi-Picture Format) as complete
    JPEGs right after the first; each must itself end properly."""
    while content[end : end + 3] == b"\xff\xd8\xff":
        end = _jpeg_end(content, end)
    return end


def _webp_end(content: bytes) -> int:
    """Where the RIFF container says the file ends; its chunks must fill it exactly."""
    (riff_size,) = struct.unpack("<I", content[4:8])
    end = 8 + riff_size
    if riff_size < 4 or end > len(content):
        raise refuse(IMAGE_DAMAGED)
    position = 12
    while position < end:
        if position + 8 > end:
            raise refuse(IMAGE_DAMAGED)
        (size,) = struct.unpack("<I", content[position + 4 : position + 8])
        position += 8 + size + (size & 1)
    if position != end:
        raise refuse(IMAGE_DAMAGED)
    return end
