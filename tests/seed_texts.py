"""Read the official mission texts in `assessment/content/seeds/`.

The seed files are the source the framework file was written from; tests use this reader
to prove that the principle titles, descriptions and the mission's opening text in the
framework file are the official wording. Each file is laid out a little differently
(see the seeds' README): headings marked with `#`, or not marked at all, and the Bulgarian
file is a two-column print extraction with the principles first and hard-wrapped lines.
"""

import re
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "assessment" / "content" / "seeds"
SEED_LANGUAGES = ("pl", "ro", "nb", "bg", "nl")


@dataclass(frozen=True)
class SeedText:
    mission: list[str]
    principles: list[tuple[str, str]]  # (title, description), in order


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", text.strip())
    return [_join_lines(block) for block in blocks if block.strip()]


def _join_lines(block: str) -> str:
    # A line ending in a hyphen continues the word on the next line ("по-\nдобри" is
    # "по-добри"); any other line break is a space. Runs of spaces are print artefacts.
    joined = re.sub(r"-\s*\n\s*", "-", block.strip())
    return re.sub(r"\s+", " ", joined).strip()


def without_emphasis(text: str) -> str:
    return text.replace("**", "")


def read_seed(language: str) -> SeedText:
    text = (SEEDS / f"{language}.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in _paragraphs(text) if p not in {"# eTwinning SCHOOL"}]
    paragraphs = [p for p in paragraphs if not re.fullmatch(r"#+ [A-Z ]+|#+ eTwinning SCHOOL \w+", p)]
    if language == "bg":
        principle_blocks, mission = paragraphs[:10], paragraphs[10:]
    else:
        mission_count = len(paragraphs) - 10
        mission, principle_blocks = paragraphs[:mission_count], paragraphs[mission_count:]
    titles = [re.sub(r"^#+\s*", "", p) for p in principle_blocks[0::2]]
    descriptions = principle_blocks[1::2]
    return SeedText(mission=mission, principles=list(zip(titles, descriptions, strict=True)))
