import pytest

from assessment.models import Framework
from assessment.services.framework import framework_files, framework_load, framework_read

LANGUAGES = ("en", "pl", "ro", "nb", "bg", "nl")


@pytest.fixture
def framework_data() -> dict:
    """The shipped framework file, parsed."""
    return framework_read(framework_files()[-1])


@pytest.fixture
def framework(db, framework_data) -> Framework:
    """The real framework content, loaded as `load_framework` loads it."""
    framework_load(data=framework_data)
    return Framework.objects.get(version=framework_data["version"])


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    # The real hasher is slow on purpose; tests check behaviour, not password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
