"""The label's badge, drawn here (no image file): as SVG for a school's website, as PNG to
download, and the PNG with the credential baked in (Open Badges 3.0 baking: an iTXt chunk
with the keyword "openbadgecredential")."""

import io
import json
import math
from pathlib import Path

from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

BLUE, GOLD, WHITE = "#0b4f8a", "#c9a227", "#ffffff"
BAKED = "openbadgecredential"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
SIZE = 200


def _star_points(cx: float, cy: float, outer: float, inner: float, angle: float) -> list[tuple[float, float]]:
    points = []
    for corner in range(10):
        radius = outer if corner % 2 == 0 else inner
        theta = math.radians(angle - 90 + corner * 36)
        points.append((cx + radius * math.cos(theta), cy + radius * math.sin(theta)))
    return points


def _stars(size: float) -> list[list[tuple[float, float]]]:
    """Five stars on an arc over the badge's top, one for each principle of the profile."""
    centre = size / 2
    return [
        _star_points(
            centre + 0.36 * size * math.cos(math.radians(-90 + offset)),
            centre + 0.36 * size * math.sin(math.radians(-90 + offset)),
            0.045 * size,
            0.018 * size,
            offset,
        )
        for offset in (-44, -22, 0, 22, 44)
    ]


def _font(size: float, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


def _fitting(text: str, size: float, *, bold: bool = False, width: float = 0.74 * SIZE) -> float:
    """The largest font size up to `size` at which `text` fits inside the ring (as DejaVu Sans
    sets it; the SVG names the same font)."""
    while size > 8 and _font(size, bold=bold).getlength(text) > width:
        size -= 0.5
    return size


def _lines(title: str, until: str) -> list[tuple[str, float, float, bool, str]]:
    """(text, baseline, size, bold, colour) of the badge's three lines, in SVG units."""
    words = title.split()
    first, second = " ".join(words[:2]), " ".join(words[2:])
    return [
        (first, 98, _fitting(first, 19, bold=True), True, WHITE),
        (second, 120, _fitting(second, 15), False, WHITE),
        (until, 150, _fitting(until, 12), False, GOLD),
    ]


def badge_svg(*, title: str, until: str, label: str) -> str:
    """The badge as SVG: `title` ("eTwinning School Label"), `until` ("valid until 2028"),
    `label` (the image's text alternative)."""
    stars = "".join(
        '<polygon fill="{}" points="{}"/>'.format(GOLD, " ".join(f"{x:.1f},{y:.1f}" for x, y in star))
        for star in _stars(SIZE)
    )
    texts = "".join(
        f'<text x="100" y="{y}" font-size="{size:g}"{' font-weight="bold"' if bold else ""} fill="{colour}">'
        f"{escape(text)}</text>"
        for text, y, size, bold, colour in _lines(title, until)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<circle cx="100" cy="100" r="97" fill="{BLUE}"/><circle cx="100" cy="100" r="88" fill="none" '
        f'stroke="{GOLD}" stroke-width="3"/>{stars}'
        f'<g font-family="DejaVu Sans, Verdana, sans-serif" text-anchor="middle">{texts}</g></svg>'
    )


def badge_png(*, title: str, until: str, scale: int = 2) -> bytes:
    """The same badge as a PNG, `scale` times the SVG's size."""
    size = SIZE * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((3 * scale, 3 * scale, size - 3 * scale, size - 3 * scale), fill=BLUE)
    draw.ellipse(
        (12 * scale, 12 * scale, size - 12 * scale, size - 12 * scale), outline=GOLD, width=3 * scale
    )
    for star in _stars(size):
        draw.polygon(star, fill=GOLD)
    for text, y, font_size, bold, colour in _lines(title, until):
        draw.text(
            (size / 2, y * scale), text, font=_font(font_size * scale, bold=bold), fill=colour, anchor="ms"
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def bake(png: bytes, credential: dict) -> bytes:
    """The PNG with the credential in it, as the Open Badges baking specification says."""
    image = Image.open(io.BytesIO(png))
    info = PngImagePlugin.PngInfo()
    info.add_itxt(BAKED, json.dumps(credential, ensure_ascii=False, separators=(",", ":")))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def unbake(png: bytes) -> dict | None:
    """The credential baked into a PNG, or None."""
    image = Image.open(io.BytesIO(png))
    text = image.text.get(BAKED) if hasattr(image, "text") else None
    return json.loads(text) if text else None
