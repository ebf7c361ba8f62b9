import copy
import datetime
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone, translation

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
from tests.factories import (
    CoordinatorAssignmentFactory,
    CountryFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
)

# The six languages, from settings.LANGUAGES as the app has them.
LANGUAGES = language_codes()


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


@pytest.fixture
def framework(db, shipped_framework) -> Framework:
    """The real framework content (loaded again after a transactional test emptied the database)."""
    framework = Framework.objects.filter(version=shipped_framework["version"]).first()
    if framework is None:
        framework_load(data=shipped_framework)
        framework = Framework.objects.get(version=shipped_framework["version"])
    return framework


@pytest.fixture
def no_framework(db) -> None:
    """An empty database, as before `load_framework` first runs."""
    Framework.objects.all().delete()


@pytest.fixture(autouse=True)
def private_evidence_folder(settings, tmp_path) -> None:
    """Each test stores evidence in a folder of its own, removed afterwards."""
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "assessment.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "evidence", "base_url": None},
        },
    }


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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    # The real hasher is slow on purpose; tests check behaviour, not password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The standing actors: a leader and a teacher of school A, the outsider (a teacher of
# school B), a coordinator of A's country, a coordinator of another country, an admin.


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def call(framework, today) -> Call:
    return Call.objects.create(
        name="eTwinning School Label 2026-2027",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=60),
        framework=framework,
    )


@pytest.fixture
def school_a(db) -> School:
    return SchoolFactory(name="School A", country=CountryFactory(code="PL", name_en="Poland"))


@pytest.fixture
def leader(school_a) -> User:
    return MembershipFactory(school=school_a, role=Membership.Role.LEADER, user__username="leader").user


@pytest.fixture
def teacher(school_a) -> User:
    return MembershipFactory(school=school_a, role=Membership.Role.TEACHER, user__username="teacher").user


@pytest.fixture
def outsider(db) -> User:
    school_b = SchoolFactory(name="School B", country=CountryFactory(code="PL"))
    return MembershipFactory(school=school_b, role=Membership.Role.LEADER, user__username="outsider").user


@pytest.fixture
def coordinator(school_a) -> User:
    return CoordinatorAssignmentFactory(country=school_a.country, user__username="coordinator").user


@pytest.fixture
def coordinator_other(db) -> User:
    return CoordinatorAssignmentFactory(
        country=CountryFactory(code="RO", name_en="Romania"), user__username="coordinator2"
    ).user


@pytest.fixture
def admin_user(db) -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


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
    complete(assessment, user=leader, today=today)
    return assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)


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
