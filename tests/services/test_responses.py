import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assessment.models import Assessment, Response, Statement
from assessment.services.assessments import EditConflict, assessment_start, response_save


def answer(assessment, user, *, level="3", justification="Weekly team planning.", code="2.1", version=None):
    response = assessment.responses.get(statement__code=code)
    return response_save(
        assessment=assessment,
        statement=response.statement,
        user=user,
        level=level,
        justification=justification,
        version=response.version if version is None else version,
    )


def test_starting_an_assessment_creates_an_empty_answer_per_statement(assessment, framework):
    assert assessment.responses.count() == Statement.objects.filter(principle__framework=framework).count()
    assert not assessment.responses.exclude(level="").exists()
    assert assessment.status_changes.get().to_status == Assessment.Status.DRAFT


def test_starting_twice_returns_the_same_assessment(assessment, school_a, call, leader, today):
    assert assessment_start(school=school_a, call=call, user=leader, today=today) == assessment
    assert Assessment.objects.count() == 1


def test_a_save_records_the_answer_its_author_and_a_new_version(assessment, teacher):
    response = answer(assessment, teacher)
    assert (response.level, response.justification, response.updated_by, response.version) == (
        "3",
        "Weekly team planning.",
        teacher,
        1,
    )
    assert response.updated_at is not None


def test_a_save_based_on_an_old_version_is_refused_with_the_other_persons_answer(assessment, leader, teacher):
    answer(assessment, leader, level="4", justification="The leader's view.", version=0)
    with pytest.raises(EditConflict) as conflict:
        answer(assessment, teacher, level="2", justification="The teacher's view.", version=0)
    assert conflict.value.current.justification == "The leader's view."
    assert conflict.value.current.updated_by == leader
    stored = assessment.responses.get(statement__code="2.1")
    assert (stored.level, stored.justification, stored.version) == ("4", "The leader's view.", 1)


def test_a_save_after_seeing_the_other_answer_goes_through(assessment, leader, teacher):
    answer(assessment, leader, version=0)
    merged = answer(assessment, teacher, justification="Both views, merged.", version=1)
    assert merged.justification == "Both views, merged." and merged.version == 2


def test_nothing_is_written_once_the_assessment_is_submitted(submitted, teacher):
    before = submitted.responses.get(statement__code="2.1")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        answer(submitted, teacher, level="1", justification="Too late.", version=before.version)
    assert submitted.responses.get(statement__code="2.1").justification == before.justification


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_version_let_exactly_one_through(framework_data):
    from tests.conftest import make_concurrency_setup

    assessment, statement, users = make_concurrency_setup(framework_data, count=8)
    barrier = threading.Barrier(len(users))
    outcomes: list[str] = []

    def save(user) -> None:
        try:
            barrier.wait()
            response_save(
                assessment=assessment,
                statement=statement,
                user=user,
                level="2",
                justification=f"Written by {user.username}",
                version=0,
            )
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict"] * (len(users) - 1) + ["saved"]
    stored = Response.objects.get(assessment=assessment, statement=statement)
    assert stored.version == 1
    assert stored.justification == f"Written by {stored.updated_by.username}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_autosaves_of_one_statement_give_one_save_and_nineteen_conflicts(framework_data):
    from django.test import Client
    from django.urls import reverse

    from tests.conftest import make_concurrency_setup

    assessment, statement, users = make_concurrency_setup(framework_data, count=20)
    url = reverse("response_save", args=[assessment.pk, statement.pk])
    barrier = threading.Barrier(len(users))
    statuses: dict[str, int] = {}

    def autosave(user) -> None:
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            response = client.post(
                url,
                {"level": "3", "justification": f"Written by {user.username}", "version": 0},
                headers={"HX-Request": "true"},
            )
            statuses[user.username] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses.values()) == [200] + [409] * 19
    [winner] = [name for name, status in statuses.items() if status == 200]
    stored = Response.objects.get(assessment=assessment, statement=statement)
    assert (stored.version, stored.justification) == (1, f"Written by {winner}")
