"""Typed readers for the settings that come from environment variables.

Each reader either returns a value of the right type or stops start-up with
`ImproperlyConfigured` and one sentence that names the variable, what it holds and what
is allowed. A typo in a deployment must never turn silently into a default.
"""

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import overload

import dj_database_url
from dj_database_url import DBConfig
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


class Env:
    """Reads typed values from a mapping of environment variables (os.environ by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def read_bool(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(
            f"{name} must be true or false (also accepted: 1/0, yes/no, on/off), not {value!r}."
        )

    @overload
    def read_str(self, name: str) -> str | None: ...
    @overload
    def read_str(self, name: str, default: str) -> str: ...
    def read_str(self, name: str, default: str | None = None) -> str | None:
        value = self._raw(name)
        return default if value is None else value

    def read_choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() not in choices:
            raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
        return value.lower()

    def read_int(self, name: str, default: int, *, minimum: int = 0) -> int:
        value = self._raw(name)
        if value is None:
            return default
        if not re.fullmatch(r"-?[0-9]+", value) or int(value) < minimum:
            raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
        return int(value)

    def read_list(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        items = [item.strip() for item in value.split(",")]
        if any(item == "" for item in items):
            raise ImproperlyConfigured(
                f"{name} must be a comma-separated list without empty items, not {value!r}."
            )
        return items

    def read_path(self, name: str, default: Path | None) -> Path | None:
        value = self._raw(name)
        if value is None:
            return default
        path = Path(value).expanduser()
        if not path.is_absolute():
            raise ImproperlyConfigured(f"{name} must be an absolute path, not {value!r}.")
        return path

    def read_database(self, name: str, default: str) -> DBConfig:
        value = self._raw(name) or default
        scheme = value.split(":", 1)[0].lower()
        if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
            raise ImproperlyConfigured(
                f"{name} must be sqlite:////absolute/path/db.sqlite3 or "
                f"postgres://user:password@host:5432/name, not {value!r}."
            )
        try:
            return dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} could not be read: {error}.") from error
