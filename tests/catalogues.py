"""Read the gettext catalogues in `locale/` the way the tests need them."""

import ast
from dataclasses import dataclass
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@dataclass(frozen=True)
class Entry:
    context: str
    msgid: str
    msgid_plural: str
    msgstrs: tuple[str, ...]
    fuzzy: bool

    @property
    def label(self) -> str:
        return f"{self.context}|{self.msgid}" if self.context else self.msgid


def catalogue_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def catalogue_entries(po: Path) -> list[Entry]:
    """The live entries of a catalogue (obsolete `#~` ones left out), header excluded."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags = ""
    current = None

    def finish() -> None:
        nonlocal fields, flags, current
        if fields.get("msgid"):
            strs = tuple(value for key, value in sorted(fields.items()) if key.startswith("msgstr"))
            entries.append(
                Entry(
                    context=fields.get("msgctxt", ""),
                    msgid=fields["msgid"],
                    msgid_plural=fields.get("msgid_plural", ""),
                    msgstrs=strs,
                    fuzzy="fuzzy" in flags,
                )
            )
        fields, flags, current = {}, "", None

    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            if fields:
                finish()
            flags = line
        elif line.startswith("#") or not line.strip():
            if fields:
                finish()
        elif line.startswith('"') and current is not None:
            fields[current] += _unquote(line)
        else:
            keyword, _space, value = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and "msgid" in fields:
                finish()
            current = keyword
            fields[current] = _unquote(value)
    finish()
    return entries
