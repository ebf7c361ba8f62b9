"""Settings of the gunicorn that bench/compare.py starts: the app's own production settings,
with one more page, the floor (`compare_urls.py`)."""

from etwinning_school.settings import *  # noqa: F403

ROOT_URLCONF = "compare_urls"
