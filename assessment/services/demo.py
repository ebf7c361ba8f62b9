"""Demo data for trying the app on a laptop: a country, schools, and one account per role."""

import datetime
import functools
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from assessment.models import (
    Assessment,
    Call,
    CoordinatorAssignment,
    Country,
    Framework,
    Membership,
    Principle,
    PrincipleFeedback,
    Response,
    School,
    User,
)
from assessment.services.assessments import (
    action_add,
    assessment_start,
    assessment_submit,
    esafety_save,
    response_save,
)
from assessment.services.demo_data import (
    ACCOUNTS,
    CALL_NAME,
    COUNTRIES,
    JUSTIFICATION,
    NATIONAL,
    PREVIOUS_CALL_NAME,
    SCHOOLS,
    DemoAccount,
)
from assessment.services.evidence import Target, evidence_add_files, evidence_add_link, evidence_attach
from assessment.services.review import Decision, decision_make, feedback_save, note_add, review_open


@transaction.atomic
def demo_seed(*, password: str) -> list[DemoAccount]:
    """Create (or bring back to their demo state) the demo countries, schools and accounts.

    Safe to run again: everything is looked up by its natural key, never duplicated.
    """
    countries = {
        code: Country.objects.update_or_create(
            code=code, defaults={f"name_{language}": name for language, name in names.items()}
        )[0]
        for code, names in COUNTRIES.items()
    }
    schools = {
        key: School.objects.update_or_create(
            name=data["name"], defaults={**data, "country": countries[data["country"]]}
        )[0]
        for key, data in SCHOOLS.items()
    }
    for account in ACCOUNTS:
        user, _created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@example.org",
                "preferred_language": account.language,
                "is_staff": account.superuser,
                "is_superuser": account.superuser,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        if account.school and account.membership_role:
            Membership.objects.update_or_create(
                user=user, school=schools[account.school], defaults={"role": account.membership_role}
            )
        if account.coordinates:
            CoordinatorAssignment.objects.get_or_create(user=user, country=countries[account.coordinates])
    _demo_assessments(schools)
    _demo_national(countries["PL"])
    return list(ACCOUNTS)


def _demo_assessments(schools: dict[str, School]) -> None:
    """An open call; school A halfway through its draft, school B submitted."""
    framework = Framework.objects.order_by("-version").first()
    if framework is None:
        raise ValidationError("Load the framework first: python manage.py load_framework")
    today = timezone.localdate()
    call, _created = Call.objects.get_or_create(
        name=CALL_NAME,
        defaults={
            "opens_on": today - datetime.timedelta(days=30),
            "closes_on": today + datetime.timedelta(days=90),
            "framework": framework,
        },
    )
    leader = User.objects.get(username="leader")
    teacher = User.objects.get(username="teacher")
    if not Assessment.objects.filter(school=schools["A"], call=call).exists():
        draft = assessment_start(school=schools["A"], call=call, user=leader, today=today)
        _answer(draft, share=0.5, authors=(leader, teacher))
        esafety_save(assessment=draft, answer=Assessment.ESafety.IN_PLACE, comment="")
        _add_evidence(draft, user=teacher, everywhere=False)
    if not Assessment.objects.filter(school=schools["B"], call=call).exists():
        leader2 = User.objects.get(username="leader2")
        submitted = assessment_start(school=schools["B"], call=call, user=leader2, today=today)
        _answer(submitted, share=1.0, authors=(leader2,))
        esafety_save(assessment=submitted, answer=Assessment.ESafety.IN_PLACE, comment="Reviewed in 2026.")
        _add_evidence(submitted, user=leader2, everywhere=True)
        for principle in Principle.objects.filter(framework=framework):
            action_add(
                assessment=submitted,
                principle=principle,
                user=leader2,
                action=f"Share our practice on principle {principle.code} with two partner schools.",
                owner="eTwinning team",
                due_on=today + datetime.timedelta(days=300),
                success_indicator="Two schools report having tried it.",
            )
        assessment_submit(assessment=submitted, user=leader2, declaration_accepted=True, today=today)


def _answer(
    assessment: Assessment, *, share: float, authors: tuple[User, ...], levels: tuple[int, ...] = (2, 3, 4)
) -> None:
    """Rate the first `share` of the statements, cycling through `levels`."""
    responses = list(
        Response.objects.filter(assessment=assessment)
        .select_related("statement")
        .order_by("statement__principle__order", "statement__order")
    )
    for index, response in enumerate(responses[: round(len(responses) * share)]):
        response_save(
            assessment=assessment,
            statement=response.statement,
            user=authors[index % len(authors)],
            level=str(levels[index % len(levels)]),
            justification=JUSTIFICATION,
            version=response.version,
        )


@functools.cache  # the same small documents serve every demo school
def _demo_pdf(title: str, body: str) -> bytes:
    from weasyprint import HTML  # imported here: only the demo makes documents this way

    return HTML(string=f"<h1>{title}</h1><p>{body}</p>").write_pdf()


@functools.cache
def _demo_png() -> bytes:
    image = Image.new("RGB", (640, 400), "#0b4f8a")
    ImageDraw.Draw(image).text((40, 180), "Open day: eTwinning projects on show", fill="white")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _add_evidence(assessment: Assessment, *, user: User, everywhere: bool) -> None:
    """A few small files and a link; with `everywhere`, evidence for every statement expecting it."""
    statements = {
        response.statement.code: response.statement
        for response in assessment.responses.select_related("statement")
    }
    minutes = SimpleUploadedFile(
        "Staff meeting minutes.pdf",
        _demo_pdf("Staff meeting, 14 October", "eTwinning action plan agreed; roles shared among the team."),
    )
    photo = SimpleUploadedFile("Open day.png", _demo_png())
    policy = SimpleUploadedFile(
        "eSafety policy.pdf", _demo_pdf("eSafety policy", "Safe use of the internet.")
    )
    [minutes_item] = evidence_add_files(
        assessment=assessment, user=user, files=[minutes], target=Target(statement=statements["1.1"])
    )
    evidence_add_files(
        assessment=assessment, user=user, files=[photo], target=Target(statement=statements["4.3"])
    )
    evidence_add_files(assessment=assessment, user=user, files=[policy], target=Target(esafety=True))
    evidence_add_link(
        assessment=assessment,
        user=user,
        url="https://school-education.ec.europa.eu/en/etwinning",
        title="Our projects on the eTwinning platform",
        target=Target(statement=statements["2.1"]),
    )
    if everywhere:
        for statement in statements.values():
            if statement.evidence_expected:
                evidence_attach(evidence=minutes_item, target=Target(statement=statement))


def _demo_national(country: Country) -> None:
    """Submissions at every stage in the demo country; the first school also has a label from
    the previous call, so its history and the report's comparison show something."""
    if School.objects.filter(name=NATIONAL[0][0]).exists():
        return
    today = timezone.localdate()
    call = Call.objects.select_related("framework").get(name=CALL_NAME)
    framework = call.framework
    previous_call, _created = Call.objects.get_or_create(
        name=PREVIOUS_CALL_NAME,
        defaults={
            "opens_on": today - datetime.timedelta(days=730),
            "closes_on": today - datetime.timedelta(days=640),
            "framework": framework,
        },
    )
    coordinator = User.objects.get(username="coordinator")
    for index, (name, region, city, levels, outcome) in enumerate(NATIONAL):
        school = School.objects.create(
            name=name,
            country=country,
            region=region,
            city=city,
            etwinning_registered_on=datetime.date(2015, 9, 1),
            active_teachers=5 + index,
            quality_label_projects=2,
        )
        leader, _created = User.objects.get_or_create(
            username=f"demo-leader-{index + 1}",
            defaults={
                "first_name": "Demo",
                "last_name": f"Leader {index + 1}",
                "email": f"demo-leader-{index + 1}@example.org",
            },
        )
        Membership.objects.create(user=leader, school=school, role=Membership.Role.LEADER)
        if index == 0:
            earlier = _submitted(school, previous_call, leader, levels=(2, 3, 3), on=previous_call.opens_on)
            decision_make(
                assessment=earlier,
                user=coordinator,
                decision=Decision.AWARD,
                comment="",
                today=previous_call.closes_on,
            )
        assessment = _submitted(school, call, leader, levels=levels, on=today)
        if outcome == "submit":
            continue
        review_open(assessment=assessment, coordinator=coordinator)
        principle = Principle.objects.get(framework=framework, code="3")
        feedback_save(
            assessment=assessment,
            principle=principle,
            user=coordinator,
            agreement=PrincipleFeedback.Agreement.PARTLY,
            comment="Students promote eTwinning well; show more of how their feedback changes teaching.",
        )
        note_add(assessment=assessment, user=coordinator, text="Visited the school's open day in October.")
        comments = {
            "award": "Congratulations: a convincing self-assessment with strong evidence.",
            "return": "Please add evidence for principle 4 (open days, mentoring) and resubmit.",
            "decline": "The school is at an early stage; we encourage you to apply again next year.",
        }
        if outcome in comments:
            decision_make(
                assessment=assessment,
                user=coordinator,
                decision=Decision(outcome),
                comment=comments[outcome],
                today=today,
            )


def _submitted(
    school: School, call: Call, leader: User, *, levels: tuple[int, ...], on: datetime.date
) -> Assessment:
    """A complete self-assessment of `school` for `call`, submitted on the day `on`."""
    assessment = assessment_start(school=school, call=call, user=leader, today=on)
    _answer(assessment, share=1.0, authors=(leader,), levels=levels)
    esafety_save(assessment=assessment, answer=Assessment.ESafety.IN_PLACE, comment="")
    _add_evidence(assessment, user=leader, everywhere=True)
    for principle in Principle.objects.filter(framework=call.framework):
        action_add(
            assessment=assessment,
            principle=principle,
            user=leader,
            action=f"Open one of our principle {principle.code} activities to a neighbouring school.",
            owner="eTwinning team",
            due_on=on + datetime.timedelta(days=200),
            success_indicator="One partner school takes part.",
        )
    return assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=on)
