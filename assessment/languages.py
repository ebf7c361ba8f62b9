"""The languages of the interface, the questionnaire content and the report.

`settings.LANGUAGES` alone decides; everything else (the content's required translations,
the snapshot, the report's and certificate's language choice, the commands, the tests, the
catalogues `make messages` updates) asks here. English, `settings.LANGUAGE_CODE`, is the
source the others are translated from.
"""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import capfirst

StrOrPromise = str | Promise


def language_codes() -> tuple[str, ...]:
    """Every language, the source first: ("en", "pl", ...)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def language_choices() -> list[tuple[str, StrOrPromise]]:
    """The languages as menu entries, each name in the reader's language.

    Several languages write their own names in lower case in running text ("polsk",
    "polski"); an entry of a menu starts with a capital all the same.
    """
    return [(code, capfirst(name)) for code, name in settings.LANGUAGES]


def translated_language_codes() -> tuple[str, ...]:
    """The languages translated from the source, each with a catalogue in locale/."""
    return tuple(code for code in language_codes() if code != settings.LANGUAGE_CODE)


def is_language(code: str) -> bool:
    return code in language_codes()
