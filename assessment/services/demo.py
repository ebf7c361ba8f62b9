"""Demo data for trying the app on a laptop: a country, schools, and one account per role."""

import datetime
import functools
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
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
    Statement,
    StatusChange,
    SurveyAnswer,
    User,
)
from assessment.selectors.surveys import survey_questions, survey_statements
from assessment.services.assessments import (
    action_add,
    assessment_start,
    assessment_submit,
    esafety_save,
    response_save,
)
from assessment.services.demo_data import (
    ACCOUNTS,
    ACTIONS,
    CALL_NAME,
    COUNTRIES,
    ISSUERS,
    NATIONAL,
    PREVIOUS_CALL_NAME,
    PROJECTS,
    SCHOOLS,
    SURVEY_COMMENTS,
    SURVEY_DEMO,
    SURVEY_DONT_KNOW_EVERY,
    SURVEY_SPREAD,
    DemoAccount,
    justification,
)
from assessment.services.evidence import Target, evidence_add_files, evidence_add_link, evidence_attach
from assessment.services.review import Decision, decision_make, feedback_save, note_add, review_open
from assessment.services.surveys import survey_answer, survey_open


@transaction.atomic
def demo_seed(*, password: str) -> list[DemoAccount]:
    """Create (or bring back to their demo state) the demo countries, schools and accounts.

    Safe to run again: everything is looked up by its natural key, never duplicated.
    """
    countries = {
        code: Country.objects.update_or_create(
            code=code,
            defaults={**{f"name_{language}": name for language, name in names.items()}, **ISSUERS[code]},
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
    """An open call. School A started its draft from its previous self-assessment (it holds the
    label of the previous call) and has re-checked about half of it; school B has submitted;
    the Romanian school has submitted and its coordinator is reviewing it."""
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
    previous_call = _previous_call(framework, today)
    leader = User.objects.get(username="leader")
    teacher = User.objects.get(username="teacher")
    if not Assessment.objects.filter(school=schools["A"], call=previous_call).exists():
        earlier = _submitted(
            schools["A"], previous_call, leader, levels=(2, 3, 3), on=previous_call.opens_on + _days(40)
        )
        _decide(earlier, "coordinator", Decision.AWARD, "", on=previous_call.opens_on + _days(52))
    if not Assessment.objects.filter(school=schools["A"], call=call).exists():
        draft = assessment_start(school=schools["A"], call=call, user=leader, today=today, copy_previous=True)
        _answer(draft, share=0.5, authors=(leader, teacher), levels=(3, 4, 3, 2))
        # New this year beside what was copied: the photo of this autumn's open day.
        photo = SimpleUploadedFile(
            "Open day, October.png", _demo_png(f"{schools['A'].name}: open day, October")
        )
        evidence_add_files(
            assessment=draft,
            user=teacher,
            files=[photo],
            target=Target(statement=Statement.objects.get(principle__framework=framework, code="4.3")),
            title="Open day, October",
            description="Six schools of the district visited our project classrooms.",
        )
        _demo_surveys(draft, leader)
    if not Assessment.objects.filter(school=schools["B"], call=call).exists():
        _submitted(
            schools["B"],
            call,
            User.objects.get(username="leader2"),
            levels=(2, 3, 4),
            on=call.opens_on + _days(12),
        )
    if not Assessment.objects.filter(school=schools["R"], call=call).exists():
        romanian = _submitted(
            schools["R"],
            call,
            User.objects.get(username="leader3"),
            levels=(3, 4, 4, 3),
            on=call.opens_on + _days(9),
        )
        _review(
            romanian,
            "coordinator2",
            principle="4",
            agreement=PrincipleFeedback.Agreement.AGREE,
            comment="Ziua porților deschise pentru școlile din județ este un exemplu foarte bun.",
            note="De verificat dovezile pentru principiul 5 la vizită.",
        )


def _demo_surveys(assessment: Assessment, leader: User) -> None:
    """School A asked its staff, students and parents; answered through the same service as
    a respondent's phone, each answer from a device of its own."""
    for group, demo in SURVEY_DEMO.items():
        survey = survey_open(assessment=assessment, group=group, language=demo.language, user=leader)
        statements = survey_statements(survey)
        questions = {question.principle.code: question.pk for question in survey_questions(survey)}
        for respondent in range(demo.respondents):
            levels = {}
            for index, item in enumerate(statements):
                if (respondent + index) % SURVEY_DONT_KNOW_EVERY == 0:
                    levels[item.pk] = SurveyAnswer.Level.DONT_KNOW.value
                    continue
                centre = demo.centre + index % 3 - 1
                spread = SURVEY_SPREAD[(respondent + 2 * index) % len(SURVEY_SPREAD)]
                levels[item.pk] = str(min(4, max(1, centre + spread)))
            comments = {
                questions[code]: text
                for code, text in SURVEY_COMMENTS.get(group, {}).items()
                if respondent == 0 and code in questions
            }
            survey_answer(
                survey=survey, levels=levels, comments=comments, device=f"demo-{group}-{respondent}"
            )


def _previous_call(framework: Framework, today: datetime.date) -> Call:
    return Call.objects.get_or_create(
        name=PREVIOUS_CALL_NAME,
        defaults={
            "opens_on": today - datetime.timedelta(days=730),
            "closes_on": today - datetime.timedelta(days=640),
            "framework": framework,
        },
    )[0]


def _days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answer(
    assessment: Assessment, *, share: float, authors: tuple[User, ...], levels: tuple[int, ...] = (2, 3, 4)
) -> None:
    """Rate the first `share` of the statements, cycling through `levels`, each with a
    justification of its own."""
    project = PROJECTS[assessment.school_id % len(PROJECTS)]
    responses = list(
        Response.objects.filter(assessment=assessment)
        .select_related("statement")
        .order_by("statement__principle__order", "statement__order")
    )
    for index, response in enumerate(responses[: round(len(responses) * share)]):
        level = str(levels[(index + assessment.school_id) % len(levels)])
        response_save(
            assessment=assessment,
            statement=response.statement,
            user=authors[index % len(authors)],
            level=level,
            justification=justification(code=response.statement.code, level=level, project=project),
            version=response.version,
        )


def _plan(assessment: Assessment, *, user: User, on: datetime.date) -> None:
    """One step per principle, chosen by school, due within the plan's two years."""
    for principle in Principle.objects.filter(framework=assessment.call.framework).order_by("order"):
        steps = ACTIONS[principle.code]
        action, owner, indicator = steps[(assessment.school_id + principle.order) % len(steps)]
        action_add(
            assessment=assessment,
            principle=principle,
            user=user,
            action=action,
            owner=owner,
            due_on=on + _days(120 + 60 * principle.order),
            success_indicator=indicator,
        )


@functools.cache  # one document per school and title
def _demo_pdf(title: str, body: str) -> bytes:
    from weasyprint import HTML  # imported here: only the demo makes documents this way

    return HTML(string=f"<h1>{escape(title)}</h1><p>{escape(body)}</p>").write_pdf()


@functools.cache
def _demo_png(caption: str) -> bytes:
    image = Image.new("RGB", (640, 400), "#0b4f8a")
    ImageDraw.Draw(image).text((40, 180), caption, fill="white")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def _add_evidence(assessment: Assessment, *, user: User, everywhere: bool) -> None:
    """The school's own minutes, photo and eSafety policy, and a link; with `everywhere`, the
    minutes also support every statement expecting evidence."""
    school = assessment.school.name
    statements = {
        response.statement.code: response.statement
        for response in assessment.responses.select_related("statement")
    }
    minutes = SimpleUploadedFile(
        "Staff meeting minutes.pdf",
        _demo_pdf(
            f"{school}: staff meeting", f"{assessment.call.name}: eTwinning action plan agreed; roles shared."
        ),
    )
    photo = SimpleUploadedFile("Open day.png", _demo_png(f"{school}: open day, eTwinning projects on show"))
    policy = SimpleUploadedFile(
        "eSafety policy.pdf", _demo_pdf(f"{school}: eSafety policy", "Safe use of the internet.")
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
    """Submissions at every stage in the demo country, submitted and decided on days spread
    over the call; the first school also has a label from the previous call, so its history
    and the report's comparison show something, and one school returned for changes has
    resubmitted, so its review shows what changed."""
    if School.objects.filter(name=NATIONAL[0][0]).exists():
        return
    today = timezone.localdate()
    call = Call.objects.select_related("framework").get(name=CALL_NAME)
    framework = call.framework
    previous_call = _previous_call(framework, today)
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
            earlier = _submitted(
                school, previous_call, leader, levels=(2, 3, 3), on=previous_call.opens_on + _days(30)
            )
            _decide(earlier, "coordinator", Decision.AWARD, "", on=previous_call.opens_on + _days(45))
        submitted_on = call.opens_on + _days(2 + 2 * index)
        assessment = _submitted(school, call, leader, levels=levels, on=submitted_on)
        if outcome == "submit":
            continue
        _review(
            assessment,
            "coordinator",
            principle="3",
            agreement=PrincipleFeedback.Agreement.PARTLY,
            comment="Students promote eTwinning well; show more of how their feedback changes teaching.",
            note="Visited the school's open day in October.",
        )
        comments = {
            "award": "Congratulations: a convincing self-assessment with strong evidence.",
            "return": "Please add evidence for principle 4 (open days, mentoring) and resubmit.",
            "resubmit": "Principle 3: say how pupils' feedback changed your teaching, then resubmit.",
            "decline": "The school is at an early stage; we encourage you to apply again next year.",
        }
        if outcome in comments:
            decision = Decision.RETURN if outcome == "resubmit" else Decision(outcome)
            _decide(
                assessment, "coordinator", decision, comments[outcome], on=min(today, submitted_on + _days(7))
            )
        if outcome == "resubmit":
            _resubmit(assessment, leader, on=min(today, submitted_on + _days(10)))


def _review(
    assessment: Assessment, username: str, *, principle: str, agreement: str, comment: str, note: str
) -> None:
    """The coordinator opens the submission, gives feedback on one principle and notes something."""
    coordinator = User.objects.get(username=username)
    review_open(assessment=assessment, coordinator=coordinator)
    feedback_save(
        assessment=assessment,
        principle=Principle.objects.get(framework=assessment.call.framework, code=principle),
        user=coordinator,
        agreement=agreement,
        comment=comment,
    )
    note_add(assessment=assessment, user=coordinator, text=note)


def _decide(
    assessment: Assessment, username: str, decision: Decision, comment: str, *, on: datetime.date
) -> None:
    """The coordinator's decision, dated `on`."""
    decision_make(
        assessment=assessment,
        user=User.objects.get(username=username),
        decision=decision,
        comment=comment,
        today=on,
    )
    Assessment.objects.filter(pk=assessment.pk).update(decided_at=_at(on, 15))
    assessment.status_changes.filter(to_status=Assessment.Status.IN_REVIEW).update(at=_at(on, 9))
    assessment.status_changes.filter(to_status=assessment.status).update(at=_at(on, 15))


def _resubmit(assessment: Assessment, leader: User, *, on: datetime.date) -> None:
    """The school's changes after a return: two answers of principle 3 rewritten, then resubmitted."""
    responses = assessment.responses.select_related("statement").filter(statement__principle__code="3")
    for response in responses.order_by("statement__order")[:2]:
        response_save(
            assessment=assessment,
            statement=response.statement,
            user=leader,
            level="4",
            justification=(
                "After the coordinator's feedback: the pupils' survey in March led us to change how "
                "project lessons are marked, and the student council now reviews each project."
            ),
            version=response.version,
        )
    resubmitted = assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=on)
    Assessment.objects.filter(pk=resubmitted.pk).update(submitted_at=_at(on), declaration_at=_at(on))
    last = assessment.status_changes.filter(to_status=Assessment.Status.SUBMITTED).order_by("-pk").first()
    if last is not None:
        StatusChange.objects.filter(pk=last.pk).update(at=_at(on))


def _submitted(
    school: School, call: Call, leader: User, *, levels: tuple[int, ...], on: datetime.date
) -> Assessment:
    """A complete self-assessment of `school` for `call`, submitted on the day `on`."""
    assessment = assessment_start(school=school, call=call, user=leader, today=on)
    _answer(assessment, share=1.0, authors=(leader,), levels=levels)
    esafety_save(
        assessment=assessment,
        answer=Assessment.ESafety.IN_PLACE,
        comment="Reviewed by the staff in September.",
    )
    _add_evidence(assessment, user=leader, everywhere=True)
    _plan(assessment, user=leader, on=on)
    submitted = assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=on)
    Assessment.objects.filter(pk=submitted.pk).update(submitted_at=_at(on), declaration_at=_at(on))
    submitted.status_changes.update(at=_at(on))
    return submitted
