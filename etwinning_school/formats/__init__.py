"""Date formats where Django's own do not follow the reader's convention (FORMAT_MODULE_PATH).

The app's users are European: English reads day, month, year (Django's "en" is American),
and Polish writes 02.11.2026 (Django's "pl" has 02-11-2026). Every other language keeps
Django's formats, which already follow its convention. Pages, emails and PDFs show a date
through `assessment.dates.day_text`, which uses SHORT_DATE_FORMAT.
"""
