from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from etwinning_school.env import Env


@pytest.mark.parametrize("word", ["1", "true", "True", "YES", "on"])
def test_true_words_read_as_true(word):
    assert Env({"DEBUG": word}).read_bool("DEBUG", default=False) is True


@pytest.mark.parametrize("word", ["0", "false", "No", "off"])
def test_false_words_read_as_false(word):
    assert Env({"DEBUG": word}).read_bool("DEBUG", default=True) is False


def test_missing_or_empty_value_takes_the_default():
    assert Env({}).read_bool("DEBUG", default=True) is True
    assert Env({"DEBUG": "  "}).read_bool("DEBUG", default=False) is False


def test_a_word_that_is_not_a_boolean_is_refused_with_what_is_allowed():
    with pytest.raises(ImproperlyConfigured) as error:
        Env({"DEBUG": "maybe"}).read_bool("DEBUG", default=False)
    assert str(error.value) == (
        "DEBUG must be true or false (also accepted: 1/0, yes/no, on/off), not 'maybe'."
    )


def test_integers_are_read_and_checked_against_their_minimum():
    env = Env({"EMAIL_PORT": "587", "ZERO": "0", "WORD": "ten"})
    assert env.read_int("EMAIL_PORT", default=25, minimum=1) == 587
    with pytest.raises(ImproperlyConfigured, match="ZERO must be a whole number of at least 1, not '0'"):
        env.read_int("ZERO", default=25, minimum=1)
    with pytest.raises(ImproperlyConfigured, match="WORD must be a whole number"):
        env.read_int("WORD", default=25)


@pytest.mark.parametrize("value", ["--5", "5-", "-", "5.0", "٥", "1_000"])
def test_anything_but_an_optionally_signed_run_of_digits_is_not_a_whole_number(value):
    with pytest.raises(
        ImproperlyConfigured, match=f"N must be a whole number of at least -10, not '{value}'"
    ):
        Env({"N": value}).read_int("N", default=0, minimum=-10)


def test_a_negative_number_is_read_where_the_minimum_allows_it():
    assert Env({"N": "-5"}).read_int("N", default=0, minimum=-10) == -5


def test_lists_are_split_on_commas_and_trimmed():
    env = Env({"ALLOWED_HOSTS": "school.example.org, www.school.example.org"})
    assert env.read_list("ALLOWED_HOSTS", default=[]) == ["school.example.org", "www.school.example.org"]


def test_a_list_with_an_empty_item_is_refused():
    with pytest.raises(ImproperlyConfigured, match="comma-separated list without empty items"):
        Env({"ALLOWED_HOSTS": "a.example.org,,b.example.org"}).read_list("ALLOWED_HOSTS", default=[])


def test_paths_must_be_absolute():
    assert Env({"EVIDENCE_ROOT": "/srv/evidence"}).read_path("EVIDENCE_ROOT", Path("/x")) == Path(
        "/srv/evidence"
    )
    with pytest.raises(ImproperlyConfigured, match="EVIDENCE_ROOT must be an absolute path, not 'evidence'"):
        Env({"EVIDENCE_ROOT": "evidence"}).read_path("EVIDENCE_ROOT", Path("/x"))


def test_database_url_for_postgresql_is_parsed():
    config = Env({"DATABASE_URL": "postgres://app:secret@db.example.org:5433/etwinning"}).read_database(
        "DATABASE_URL", default="sqlite:////tmp/db.sqlite3"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example.org",
        5433,
        "etwinning",
        "app",
    )


def test_database_url_defaults_to_sqlite():
    config = Env({}).read_database("DATABASE_URL", default="sqlite:////tmp/db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/db.sqlite3"


def test_database_url_of_an_unknown_kind_is_refused():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be sqlite:////absolute/path"):
        Env({"DATABASE_URL": "mysql://root@localhost/app"}).read_database("DATABASE_URL", default="")


def test_a_choice_outside_the_allowed_words_is_refused():
    assert (
        Env({"EMAIL_BACKEND": "SMTP"}).read_choice("EMAIL_BACKEND", ("console", "smtp"), "console") == "smtp"
    )
    with pytest.raises(
        ImproperlyConfigured, match="EMAIL_BACKEND must be one of console, smtp, not 'sendmail'"
    ):
        Env({"EMAIL_BACKEND": "sendmail"}).read_choice("EMAIL_BACKEND", ("console", "smtp"), "console")
