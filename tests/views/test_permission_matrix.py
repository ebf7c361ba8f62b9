"""Every URL pattern of the app, for each kind of person: who gets in, who gets 403 or 404.

Another school's objects are 404 (never a glimpse); a role that may read but not change
gets 403 when it tries to change; anonymous visitors are sent to the login page.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from assessment import urls as app_urls
from assessment.credentials.keys import signing_key
from assessment.models import ActionItem, Assessment, Call, Framework, Membership, Principle, Statement
from assessment.services.assessments import assessment_start
from assessment.services.evidence import Target, evidence_add_files
from assessment.services.review import Decision, decision_make
from assessment.services.surveys import survey_open
from tests.conftest import (
    make_admin,
    make_call,
    make_coordinator,
    make_coordinator_other,
    make_leader,
    make_outsider,
    make_school_a,
    make_submitted,
    make_teacher,
)

pytestmark = pytest.mark.django_db

ACTORS = ("anonymous", "outsider", "teacher", "leader", "coordinator_other", "coordinator", "admin")
LOGIN = "login"


def row(anonymous, outsider, teacher, leader, coordinator_other, coordinator, admin) -> dict[str, object]:
    return dict(
        zip(
            ACTORS, (anonymous, outsider, teacher, leader, coordinator_other, coordinator, admin), strict=True
        )
    )


# (url name, method, which objects, expected status per actor). "draft" and "submitted"
# name school A's assessments in those states; LOGIN means a redirect to the login page.
# Coordinators and admins read a submission's pages on its review page (the 302s there).
MATRIX = [
    ("home", "get", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("about", "get", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("profile", "get", None, row(LOGIN, 200, 200, 200, 200, 200, 200)),
    ("invitation_accept", "get", "unknown token", row(404, 404, 404, 404, 404, 404, 404)),
    ("school_members", "get", "school", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("member_remove", "post", "teacher membership", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("school_list", "get", None, row(LOGIN, 302, 302, 302, 200, 200, 200)),
    ("school_dashboard", "get", "school", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("school_edit", "get", "school", row(LOGIN, 404, 403, 200, 404, 404, 403)),
    ("assessment_start", "post", "school and new call", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("assessment_overview", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 302, 302)),
    ("assessment_overview", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("assessment_esafety", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 302, 302)),
    ("assessment_esafety", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("assessment_esafety", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("assessment_principle", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 302, 302)),
    ("assessment_principle", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("response_save", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("response_save", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("action_plan", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 302, 302)),
    ("action_plan", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("action_plan", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("action_edit", "get", "leader's action in draft", row(LOGIN, 404, 403, 200, 404, 404, 403)),
    ("action_edit", "post", "leader's action in draft", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("action_edit", "post", "action in submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("action_remove", "post", "leader's action in draft", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("action_remove", "post", "action in submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("assessment_submit", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("assessment_submit", "post", "draft", row(LOGIN, 404, 403, 400, 404, 404, 403)),
    ("assessment_results", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("assessment_results", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("assessment_report", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("assessment_report", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("assessment_review", "get", "submitted", row(LOGIN, 404, 404, 404, 404, 200, 200)),
    ("assessment_review", "get", "draft", row(LOGIN, 404, 404, 404, 404, 404, 200)),
    ("review_feedback", "post", "submitted", row(LOGIN, 404, 404, 404, 404, 302, 403)),
    ("review_note", "post", "submitted", row(LOGIN, 404, 404, 404, 404, 302, 403)),
    ("review_decision", "post", "submitted", row(LOGIN, 404, 404, 404, 404, 302, 403)),
    ("label_certificate", "get", "submitted", row(LOGIN, 404, 404, 404, 404, 404, 404)),
    ("label_certificate", "get", "awarded", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("assessment_review", "get", "awarded", row(LOGIN, 404, 404, 404, 404, 200, 200)),
    ("review_decision", "post", "awarded", row(LOGIN, 404, 404, 404, 404, 302, 302)),
    ("evidence_add", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("evidence_add", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("evidence_attach", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("evidence_attach", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("evidence_download", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("evidence_download", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("evidence_thumbnail", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("evidence_confirm", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("evidence_confirm", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    ("evidence_remove", "post", "draft", row(LOGIN, 404, 302, 302, 404, 404, 403)),
    ("evidence_remove", "post", "submitted", row(LOGIN, 404, 403, 403, 404, 403, 403)),
    # National figures: a coordinator of another country gets the page, without this country's data.
    ("national_dashboard", "get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    ("national_export", "get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    ("label_register", "get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    ("label_register_csv", "get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    ("coordinator_inbox", "get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    # Surveys: the school's members see them, its leader opens and closes them; coordinators read
    # a submission's frozen results on its review page. Respondents need no account at all.
    ("assessment_surveys", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("assessment_surveys", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 302, 302)),
    ("assessment_surveys", "post", "draft", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("survey_counts", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("survey_counts", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("survey_results_csv", "get", "draft", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("survey_results_csv", "get", "submitted", row(LOGIN, 404, 200, 200, 404, 403, 403)),
    ("survey_close", "post", "draft survey", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("survey_reopen", "post", "draft survey", row(LOGIN, 404, 403, 302, 404, 404, 403)),
    ("survey_poster", "get", "draft survey", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("survey_poster", "get", "submitted survey", row(LOGIN, 404, 200, 200, 404, 200, 200)),
    ("survey_enter", "get", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("survey_enter", "post", "draft survey", row(302, 302, 302, 302, 302, 302, 302)),
    ("survey_answer", "get", "draft survey", row(200, 200, 200, 200, 200, 200, 200)),
    ("survey_done", "get", "draft survey", row(200, 200, 200, 200, 200, 200, 200)),
    # The label's credential is the school's; revoking it, its country's coordinators' or an
    # admin's; its verification page, badge, keys and issuer documents are public.
    ("credential_download", "get", "awarded", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("credential_download", "get", "submitted", row(LOGIN, 404, 404, 404, 404, 404, 404)),
    ("credential_badge", "get", "awarded", row(LOGIN, 404, 200, 200, 404, 404, 200)),
    ("label_revoke", "post", "awarded", row(LOGIN, 404, 404, 404, 404, 302, 302)),
    ("label_revoke", "post", "submitted", row(LOGIN, 404, 404, 404, 404, 403, 403)),
    ("credential_verify", "get", "awarded", row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_verify", "get", "submitted", row(404, 404, 404, 404, 404, 404, 404)),
    ("credential_badge_svg", "get", "awarded", row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_badge_png", "get", "awarded", row(200, 200, 200, 200, 200, 200, 200)),
    ("public_register", "get", "PL", row(200, 200, 200, 200, 200, 200, 200)),
    ("public_register", "get", "XX", row(404, 404, 404, 404, 404, 404, 404)),
    ("credential_keys", "get", None, row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_key", "get", "current key", row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_issuer", "get", "PL", row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_achievement", "get", "PL", row(200, 200, 200, 200, 200, 200, 200)),
    ("credential_revocations", "get", "PL", row(200, 200, 200, 200, 200, 200, 200)),
]


@pytest.fixture(scope="module")
def world(made_for_the_module) -> dict:
    """School A with a submitted assessment (first call), a draft (second call) and an awarded
    one (third call), made once: each request of the matrix runs in a savepoint rolled back."""
    return made_for_the_module(make_world)


@pytest.fixture
def evidence_folder(module_evidence_folder):
    """The world's evidence files, for the requests that serve them."""
    return module_evidence_folder


def make_world() -> dict:
    today = timezone.localdate()
    framework = Framework.objects.get()
    school_a = make_school_a()
    leader, teacher = make_leader(school_a), make_teacher(school_a)
    coordinator = make_coordinator(school_a)
    first_call = make_call(framework, today)
    submitted = make_submitted(
        assessment_start(school=school_a, call=first_call, user=leader, today=today),
        leader=leader,
        today=today,
    )
    later = Call.objects.create(
        name="Second call", opens_on=today, closes_on=today + datetime.timedelta(days=30), framework=framework
    )
    draft = assessment_start(school=school_a, call=later, user=leader, today=today)
    awarded_call = Call.objects.create(
        name="Awarded call",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        framework=framework,
    )
    awarded = make_submitted(
        assessment_start(school=school_a, call=awarded_call, user=leader, today=today),
        leader=leader,
        today=today,
    )
    decision_make(assessment=awarded, user=coordinator, decision=Decision.AWARD, comment="", today=today)
    principle = Principle.objects.get(framework=framework, code="1")
    action_fields = {
        "principle": principle,
        "action": "A",
        "owner": "O",
        "due_on": today,
        "success_indicator": "S",
    }
    new_call = Call.objects.create(
        name="Third call", opens_on=today, closes_on=today + datetime.timedelta(days=30), framework=framework
    )
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(photo, format="PNG")
    [draft_photo] = evidence_add_files(
        assessment=draft,
        user=teacher,
        files=[SimpleUploadedFile("photo.png", photo.getvalue())],
        target=Target(statement=Statement.objects.get(principle__framework=framework, code="4.3")),
    )
    return {
        "draft survey": survey_open(assessment=draft, group="staff", language="pl", user=leader),
        "submitted survey": survey_open(assessment=submitted, group="staff", language="nl", user=leader),
        "draft_evidence": draft_photo,
        "submitted_evidence": submitted.evidence.first(),
        "users": {
            "outsider": make_outsider(),
            "teacher": teacher,
            "leader": leader,
            "coordinator_other": make_coordinator_other(),
            "coordinator": coordinator,
            "admin": make_admin(),
        },
        "school": school_a,
        "draft": draft,
        "submitted": submitted,
        "awarded": awarded,
        "new_call": new_call,
        "draft_action": ActionItem.objects.create(assessment=draft, created_by=leader, **action_fields),
        "submitted_action": submitted.actions.first(),
        "teacher_membership": Membership.objects.get(user=teacher, school=school_a),
        "statement": Statement.objects.get(principle__framework=framework, code="1.1"),
        "principle": principle,
    }


def request_for(name: str, objects: str | None, world: dict) -> tuple[str, dict]:
    """The URL and the POST data of one matrix row."""
    answer = {"level": "2", "justification": "Matrix.", "version": 0}
    action = {
        "principle": world["principle"].pk,
        "action": "Visit",
        "owner": "Head",
        "due_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "success_indicator": "Done",
    }
    esafety = {"esafety_answer": "in_place", "esafety_comment": ""}
    link = {"url": "https://example.org/project", "title": "Project", "statement": world["statement"].pk}
    match name, objects:
        case (("home" | "about" | "profile" | "school_list" | "coordinator_inbox"), None):
            return reverse(name), {}
        case "invitation_accept", _:
            return reverse(name, args=["no-such-token"]), {}
        case (("school_members" | "school_dashboard" | "school_edit"), "school"):
            return reverse(name, args=[world["school"].pk]), {}
        case "member_remove", _:
            return reverse(name, args=[world["teacher_membership"].pk]), {}
        case "assessment_start", _:
            return reverse(name, args=[world["school"].pk, world["new_call"].pk]), {}
        case "response_save", state:
            assessment = world[state]
            version = assessment.responses.get(statement=world["statement"]).version
            return reverse(name, args=[assessment.pk, world["statement"].pk]), {**answer, "version": version}
        case (("assessment_results" | "assessment_report"), state):
            return reverse(name, args=[world[state].pk]), {}
        case "assessment_review" | "label_certificate", state:
            return reverse(name, args=[world[state].pk]), {}
        case "review_feedback", state:
            return reverse(name, args=[world[state].pk, "1"]), {
                "p1-agreement": "agree",
                "p1-comment": "Good.",
            }
        case "review_note", state:
            return reverse(name, args=[world[state].pk]), {"text": "Call the school."}
        case "review_decision", state:
            return reverse(name, args=[world[state].pk]), {
                "decision": "award",
                "comment": "",
                "confirmed": "1",
            }
        case "assessment_principle", state:
            return reverse(name, args=[world[state].pk, "1"]), {}
        case (("action_edit" | "action_remove"), objects):
            step = world["draft_action"] if "draft" in objects else world["submitted_action"]
            return reverse(name, args=[step.pk]), {
                key: value for key, value in action.items() if key != "principle"
            }
        case "action_plan", state:
            return reverse(name, args=[world[state].pk]), action
        case "assessment_esafety", state:
            return reverse(name, args=[world[state].pk]), esafety
        case "evidence_add", state:
            return reverse(name, args=[world[state].pk]), link
        case "evidence_attach", state:
            evidence = world[f"{state}_evidence"]
            return reverse(name, args=[world[state].pk]), {
                "evidence": evidence.pk,
                "statement": world["statement"].pk,
            }
        case (("evidence_download" | "evidence_thumbnail" | "evidence_remove"), state):
            return reverse(name, args=[world[f"{state}_evidence"].pk]), {}
        case "evidence_confirm", state:
            return reverse(name, args=[world[f"{state}_evidence"].pk]), {"statement": world["statement"].pk}
        case (("assessment_surveys" | "survey_counts" | "survey_results_csv"), state):
            return reverse(name, args=[world[state].pk]), {"group": "students", "language": "en"}
        case (("survey_close" | "survey_reopen" | "survey_poster"), survey):
            return reverse(name, args=[world[survey].pk]), {}
        case "survey_enter", None:
            return reverse(name), {}
        case "survey_enter", survey:
            return reverse(name), {"code": world[survey].display_code}
        case (("survey_answer" | "survey_done"), survey):
            return reverse(name, args=[world[survey].token]), {}
        case (("credential_download" | "credential_badge"), state):
            return reverse(name, args=[world[state].pk]), {}
        case "label_revoke", state:
            return reverse(name, args=[world[state].pk]), {
                "reason": "Evidence was invented.",
                "confirmed": "on",
            }
        case (("credential_verify" | "credential_badge_svg" | "credential_badge_png"), state):
            code = Assessment.objects.get(pk=world[state].pk).verification_code
            return reverse(name, args=[code or "no-such-code"]), {}
        case (
            ("public_register" | "credential_issuer" | "credential_achievement" | "credential_revocations"),
            code,
        ):
            return reverse(name, args=[code]), {}
        case "credential_keys", None:
            return reverse(name), {}
        case "credential_key", _:
            return reverse(name, args=[signing_key().id]), {}
        case (("national_dashboard" | "national_export" | "label_register" | "label_register_csv"), None):
            return reverse(name), {}
        case _, state:
            return reverse(name, args=[world[state].pk]), {"declaration": "on"}


@pytest.mark.parametrize(
    ("name", "method", "objects", "expected"),
    MATRIX,
    ids=[f"{name}-{method}-{objects or 'page'}" for name, method, objects, _ in MATRIX],
)
def test_who_may_do_what(client, world, subtests, name, method, objects, expected):
    for actor in ACTORS:
        # Each actor's request runs in a savepoint rolled back afterwards, so that one
        # actor's successful change (a removal, a save) does not alter what the next sees.
        with subtests.test(actor=actor), transaction.atomic():
            client.logout()
            if actor != "anonymous":
                client.force_login(world["users"][actor])
            url, data = request_for(name, objects, world)
            response = client.post(url, data) if method == "post" else client.get(url)
            transaction.set_rollback(True)
            if expected[actor] == LOGIN:
                assert response.status_code == 302
                assert response["Location"].startswith(reverse("login"))
            else:
                assert response.status_code == expected[actor]


def test_the_matrix_covers_every_url_pattern_of_the_app():
    covered = {name for name, *_ in MATRIX}
    assert covered == {pattern.name for pattern in app_urls.urlpatterns}


def test_the_action_plan_offers_removal_exactly_to_those_who_may_remove(client, world):
    """The leader added the draft's action: the button is theirs alone (it is a 403 for the rest)."""
    url = reverse("action_plan", args=[world["draft"].pk])
    remove = reverse("action_remove", args=[world["draft_action"].pk])
    shown = {}
    for actor in ("teacher", "leader", "admin"):
        client.force_login(world["users"][actor])
        shown[actor] = remove in client.get(url).content.decode()

    assert shown == {"teacher": False, "leader": True, "admin": False}
