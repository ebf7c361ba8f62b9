"""Each language's glossary holds every key term, and the catalogues and the framework follow it.

`locale/glossary.toml` names the terms in English; `locale/<code>/glossary.toml` gives each
language's word, the official mission text's own word, the words to avoid, the register
and the quotation marks. An avoided word ending in `*` stands for every word starting so
(an inflected stem); any other avoided word matches whole words only, in any case.
"""

import re
import tomllib
from collections.abc import Iterator

import pytest

from assessment.languages import language_codes, translated_language_codes
from assessment.services.framework import framework_files, framework_read
from tests.catalogues import LOCALE, catalogue_entries, catalogue_path
from tests.seed_texts import SEEDS, without_emphasis

# Quotation marks of every language; the apostrophe ’ doubles as a closing quote, so it
# is never a foreign mark on its own.
QUOTE_MARKS = frozenset('"„“”«»‚‘‹›')
MARKUP = re.compile(r"<[^>]*>")


def glossary(language: str) -> dict:
    path = LOCALE / "glossary.toml" if language == "en" else LOCALE / language / "glossary.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def word_pattern(word: str) -> re.Pattern[str]:
    if word.endswith("*"):
        return re.compile(rf"(?<!\w){re.escape(word[:-1])}", re.IGNORECASE)
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def catalogue_texts(language: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the language's interface shows: msgstrs, or English msgids."""
    if language == "en":
        for entry in catalogue_entries(catalogue_path(translated_language_codes()[0])):
            yield entry.label, entry.msgid
            if entry.msgid_plural:
                yield entry.label, entry.msgid_plural
        return
    for entry in catalogue_entries(catalogue_path(language)):
        for text in entry.msgstrs:
            yield entry.label, text


def _texts_of(language: str, where: str, node: object) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == language and isinstance(value, str):
                yield where, value
            else:
                yield from _texts_of(language, f"{where}.{key}", value)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts_of(language, f"{where}[{index}]", item)


def content_texts(language: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the framework content in the language."""
    for path in framework_files():
        yield from _texts_of(language, path.name, framework_read(path))


def everything(language: str) -> list[tuple[str, str]]:
    return [*catalogue_texts(language), *content_texts(language)]


def students_survey_places(language: str) -> tuple[str, ...]:
    """Where the students' survey texts are in `content_texts`: they speak to 10-to-18-year-olds,
    in the register the glossary's `[students]` table names."""
    return tuple(
        f"{path.name}.surveys[{index}]."
        for path in framework_files()
        for index, survey in enumerate(framework_read(path).get("surveys", []))
        if survey["group"] == "students"
    )


def avoided_words(language: str, *, students: bool = False) -> list[tuple[str, str]]:
    """(term, word) for every word a text must not use: each term's avoided words, and the
    pronouns of the register it is not written in (for the students' survey, theirs)."""
    words = glossary(language)
    avoided = [(key, word) for key, term in words["terms"].items() for word in term.get("avoid", [])]
    register = words.get("register_avoid", [])
    if students:
        register = words.get("students", {}).get("register_avoid", register)
    return avoided + [("register", word) for word in register]


def foreign_quotes(text: str, language: str) -> set[str]:
    words = glossary(language)
    allowed = {*words["quotes"], *words.get("inner_quotes", [])}
    return {mark for mark in MARKUP.sub("", text) if mark in QUOTE_MARKS - allowed}


def test_the_english_glossary_defines_every_term():
    terms = glossary("en")["terms"]
    assert len(terms) >= 30
    for key, term in terms.items():
        assert term["en"].strip() and term["means"].strip(), key
        assert set(term.get("apart", [])) <= set(terms), key


@pytest.mark.parametrize("language", translated_language_codes())
def test_each_language_translates_every_term_of_the_english_glossary(language):
    words = glossary(language)
    assert words["language"] == language
    assert set(words["terms"]) == set(glossary("en")["terms"])
    for key, term in words["terms"].items():
        assert term["term"].strip(), key


@pytest.mark.parametrize("language", language_codes())
def test_each_language_states_its_register_and_quotation_marks(language):
    words = glossary(language)
    assert words["register"] in {"formal", "informal", "neutral"}
    assert words["register_note"].strip()
    assert len(words["quotes"]) == 2
    assert all(mark in QUOTE_MARKS | {"’"} for mark in words["quotes"])


@pytest.mark.parametrize("language", translated_language_codes())
def test_each_language_states_how_the_students_survey_addresses_students(language):
    students = glossary(language)["students"]
    assert students["register"] in {"formal", "informal"}
    assert students["note"].strip()
    assert students["register_avoid"]


def test_the_students_survey_texts_are_found_where_the_register_check_looks():
    places = students_survey_places("en")
    assert places
    assert any(where.startswith(places) for where, _text in content_texts("pl"))


@pytest.mark.parametrize("language", translated_language_codes())
def test_a_glossary_seed_word_is_the_official_texts_own(language):
    seed = re.sub(r"\s+", " ", without_emphasis((SEEDS / f"{language}.txt").read_text(encoding="utf-8")))
    seed = re.sub(r"-\s", "-", seed)  # words the print layout hyphenated across lines
    claimed = {key: term["seed"] for key, term in glossary(language)["terms"].items() if term.get("seed")}
    assert claimed, "the glossary names no word of the official text"
    missing = {key: word for key, word in claimed.items() if word.casefold() not in seed.casefold()}
    assert missing == {}


@pytest.mark.parametrize("language", language_codes())
def test_no_avoided_word_appears_in_the_interface_or_the_content(language):
    students = students_survey_places(language)
    patterns = {
        young: [(term, word, word_pattern(word)) for term, word in avoided_words(language, students=young)]
        for young in (False, True)
    }
    found = [
        (term, word, where)
        for where, text in everything(language)
        for term, word, pattern in patterns[where.startswith(students)]
        if pattern.search(MARKUP.sub("", text))
    ]
    assert found == []


@pytest.mark.parametrize("language", language_codes())
def test_the_interface_and_the_content_use_the_languages_quotation_marks(language):
    found = {
        where: marks for where, text in everything(language) if (marks := foreign_quotes(text, language))
    }
    assert found == {}


@pytest.mark.parametrize("language", language_codes())
def test_quotation_marks_open_and_close(language):
    opening, closing = glossary(language)["quotes"]
    unbalanced = [
        where
        for where, text in everything(language)
        # A closing mark that is also the apostrophe may outnumber the opening ones.
        if text.count(opening) > text.count(closing)
        or (closing != "’" and opening != closing and text.count(opening) != text.count(closing))
    ]
    assert unbalanced == []


def test_word_pattern_matches_whole_words_and_stems():
    assert word_pattern("wy").search("Po czym poznacie, że wy to zrobiliście?")
    assert not word_pattern("wy").search("Wybierz poziom.")
    assert word_pattern("leadershipul*").search("Leadershipului partajat")
    assert not word_pattern("dere").search("Skolen deres")


def test_foreign_quotes_ignore_markup_and_find_straight_marks():
    assert foreign_quotes('Kliknij <a href="/x">tutaj</a> „teraz”.', "pl") == set()
    assert foreign_quotes('Kliknij "teraz".', "pl") == {'"'}
    assert foreign_quotes("Kliknij «teraz».", "pl") == {"«", "»"}


def test_the_glossaries_are_where_the_catalogues_are():
    assert sorted(path.parent.name for path in LOCALE.glob("*/glossary.toml")) == sorted(
        translated_language_codes()
    )
