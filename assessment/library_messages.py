"""Messages of Django and of the libraries that the catalogues of some of the product's
languages lack, because a release changed their wording after those languages were translated.

Listed here only so that `make messages` extracts them into the product's own catalogues,
which Django reads before its own; nothing imports this module. `tests/test_library_messages.py`
finds any other such message on the pages where a user meets them.
"""

from django.utils.translation import ngettext_lazy

LIBRARY_MESSAGES = [
    # django.contrib.auth.password_validation.MinimumLengthValidator (Django 6 dropped the
    # named placeholder, and the Romanian, Norwegian, Bulgarian and Dutch texts with it).
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
