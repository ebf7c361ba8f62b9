import copy
import datetime
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone, translation

from assessment.credentials.keys import key_generate
from assessment.languages import language_codes
from assessment.models import Assessment, Call, Framework, Membership, Principle, School, Statement, User
from assessment.services.assessments import (
    action_add,
    assessment_start,
    assessment_submit,
    esafety_save,
)
from assessment.services.evidence import Target, evidence_add_files
from assessment.services.framework import framework_files, framework_load, framework_read
from assessment.services.review import Decision, decision_make
from tests.factories import (
    CoordinatorAssignmentFactory,
    CountryFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
)

# The six languages, from settings.LANGUAGES as the app has them.
LANGUAGES = language_codes()
# The real hasher is slow on purpose; tests check behaviour, not password strength.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def shipped_framework() -> dict:
    return framework_read(framework_files()[-1])


@pytest.fixture
def framework_data(shipped_framework) -> dict:
    """The shipped framework file, parsed (a copy: a test may change it)."""
    return copy.deepcopy(shipped_framework)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, shipped_framework) -> None:
    """The framework is loaded once into the test database, as `load_framework` loads it: every
    test's transaction starts with it and rolls back what the test changed."""
    with django_db_blocker.unblock():
        framework_load(data=shipped_framework)


@pytest.fixture(scope="module")
def module_evidence_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(scope="module")
def made_for_the_module(
    django_db_setup, django_db_blocker, shipped_framework, module_evidence_folder
) -> Iterator[Callable[..., Any]]:
    """For a module-scoped fixture: `made_for_the_module(make, **settings)` runs `make` once, and
    what it makes is shared by the module's tests. It stays in a transaction of its own, inside
    which each test's transaction is a savepoint rolled back after the test; the whole is rolled
    back once the module's tests are done. Its evidence is in `module_evidence_folder`."""
    with django_db_blocker.unblock():
        shared = transaction.atomic()
        shared.__enter__()
        framework_in_database(shipped_framework)

    def made[T](make: Callable[[], T], **overrides: Any) -> T:
        storages = {**settings.STORAGES, "evidence": evidence_storage(module_evidence_folder)}
        with (
            django_db_blocker.unblock(),
            override_settings(STORAGES=storages, PASSWORD_HASHERS=FAST_HASHERS, **overrides),
        ):
            return make()

    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        shared.__exit__(None, None, None)


def framework_in_database(shipped_framework: dict) -> Framework:
    """The real framework content, loaded again if a transactional test emptied the database."""
    framework = Framework.objects.filter(version=shipped_framework["version"]).first()
    if framework is None:
        framework_load(data=shipped_framework)
        framework = Framework.objects.get(version=shipped_framework["version"])
    return framework


@pytest.fixture
def framework(db, shipped_framework) -> Framework:
    return framework_in_database(shipped_framework)


@pytest.fixture
def no_framework(db) -> None:
    """An empty database, as before `load_framework` first runs."""
    Framework.objects.all().delete()


def evidence_storage(location: Path, backend: str = "assessment.storage.PrivateFileSystemStorage") -> dict:
    return {"BACKEND": backend, "OPTIONS": {"location": location, "base_url": None}}


@pytest.fixture
def evidence_folder(tmp_path) -> Path:
    return tmp_path / "evidence"


@pytest.fixture(autouse=True)
def private_evidence_folder(settings, evidence_folder) -> None:
    """Each test stores evidence in a folder of its own (`evidence_folder`), removed afterwards."""
    settings.STORAGES = {**settings.STORAGES, "evidence": evidence_storage(evidence_folder)}


@pytest.fixture(autouse=True)
def login_throttling_off(settings, request) -> None:
    """django-axes needs a request to authenticate; the test client's login() has none. Tests
    about throttling turn it back on with the `login_throttling` marker."""
    settings.AXES_ENABLED = request.node.get_closest_marker("login_throttling") is not None


@pytest.fixture(autouse=True)
def plain_static_files(settings) -> None:
    """Static files straight from the source folders, as in development: no collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def english_to_begin_with() -> Iterator[None]:
    """Each test starts in English, whatever language an earlier test's request left active in
    this process (the suite runs in several, in no fixed order)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session")
def credential_key_file(tmp_path_factory) -> Path:
    """One signing key for the labels' credentials, made once for the whole run."""
    path = tmp_path_factory.mktemp("credential-key") / "key.pem"
    key_generate(path)
    return path


@pytest.fixture(autouse=True)
def credential_signing_key(settings, credential_key_file) -> None:
    """Awards sign their credential with the run's key; no retired keys."""
    settings.CREDENTIAL_KEY_FILE = credential_key_file
    settings.CREDENTIAL_RETIRED_KEYS = []


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """The cache holds the surveys' rate-limit counts: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


# The standing actors: a leader and a teacher of school A, the outsider (the leader of school
# B), a coordinator of A's country, a coordinator of another country, an admin. Each is made by
# a function its fixture calls, so that a module-scoped fixture (`made_for_the_module`)
# can make the same ones.


def make_call(framework: Framework, today: datetime.date) -> Call:
    return Call.objects.create(
        name="eTwinning School Label 2026-2027",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=60),
        framework=framework,
    )


def make_school_a() -> School:
    return SchoolFactory(name="School A", country=CountryFactory(code="PL", name_en="Poland"))


def make_leader(school_a: School) -> User:
    return MembershipFactory(school=school_a, role=Membership.Role.LEADER, user__username="leader").user


def make_teacher(school_a: School) -> User:
    return MembershipFactory(school=school_a, role=Membership.Role.TEACHER, user__username="teacher").user


def make_outsider() -> User:
    school_b = SchoolFactory(name="School B", country=CountryFactory(code="PL"))
    return MembershipFactory(school=school_b, role=Membership.Role.LEADER, user__username="outsider").user


def make_coordinator(school_a: School) -> User:
    return CoordinatorAssignmentFactory(country=school_a.country, user__username="coordinator").user


def make_coordinator_other() -> User:
    return CoordinatorAssignmentFactory(
        country=CountryFactory(code="RO", name_en="Romania"), user__username="coordinator2"
    ).user


def make_admin() -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def make_submitted(assessment: Assessment, *, leader: User, today: datetime.date) -> Assessment:
    complete(assessment, user=leader, today=today)
    return assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)


@pytest.fixture
def call(framework, today) -> Call:
    return make_call(framework, today)


@pytest.fixture
def school_a(db) -> School:
    return make_school_a()


@pytest.fixture
def leader(school_a) -> User:
    return make_leader(school_a)


@pytest.fixture
def teacher(school_a) -> User:
    return make_teacher(school_a)


@pytest.fixture
def outsider(db) -> User:
    return make_outsider()


@pytest.fixture
def coordinator(school_a) -> User:
    return make_coordinator(school_a)


@pytest.fixture
def coordinator_other(db) -> User:
    return make_coordinator_other()


@pytest.fixture
def admin_user(db) -> User:
    return make_admin()


@pytest.fixture
def assessment(school_a, call, leader, today) -> Assessment:
    """School A's draft for the open call, nothing answered yet."""
    return assessment_start(school=school_a, call=call, user=leader, today=today)


def complete(assessment: Assessment, *, user: User, today: datetime.date) -> Assessment:
    """Answer everything the checklist asks for, short of the declaration.

    Every answer is saved at once (as 31 autosaves would leave them, `response_save` has tests
    of its own), and one evidence file supports every statement."""
    assessment.responses.update(
        level="3",
        justification="We do this every term.",
        updated_by=user,
        updated_at=timezone.now(),
        version=F("version") + 1,
    )
    esafety_save(assessment=assessment, answer=Assessment.ESafety.IN_PLACE, comment="")
    plan = SimpleUploadedFile("plan.txt", b"Plan of the year, agreed by the staff.")
    [item] = evidence_add_files(assessment=assessment, user=user, files=[plan], target=Target(esafety=True))
    item.statements.add(*Statement.objects.filter(principle__framework_id=assessment.call.framework_id))
    for principle in Principle.objects.filter(framework=assessment.call.framework):
        action_add(
            assessment=assessment,
            principle=principle,
            user=user,
            action="Open our lessons to a neighbouring school.",
            owner="Deputy head",
            due_on=today + datetime.timedelta(days=200),
            success_indicator="Two visits held.",
        )
    return assessment


@pytest.fixture
def submitted(assessment, leader, teacher, coordinator, today) -> Assessment:
    """School A's assessment, complete and submitted by its leader."""
    return make_submitted(assessment, leader=leader, today=today)


@pytest.fixture
def awarded(submitted, coordinator, today) -> Assessment:
    """School A's submission, awarded the label by its country's coordinator."""
    return decision_make(
        assessment=submitted, user=coordinator, decision=Decision.AWARD, comment="", today=today
    )


def make_concurrency_setup(framework_data: dict, *, count: int):
    """A draft with `count` teachers, committed for real (for tests across connections)."""
    framework_load(data=framework_data)
    framework = Framework.objects.get(version=framework_data["version"])
    today = timezone.localdate()
    call = Call.objects.create(
        name="Concurrent call",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=1),
        framework=framework,
    )
    school = SchoolFactory()
    users = [MembershipFactory(school=school).user for _ in range(count)]
    assessment = assessment_start(school=school, call=call, user=users[0], today=today)
    statement = assessment.responses.select_related("statement").first().statement
    return assessment, statement, users
