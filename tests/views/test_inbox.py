import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, Call, School
from assessment.scoring import Band
from tests.factories import SchoolFactory

INBOX = reverse("coordinator_inbox")
Status = Assessment.Status


def submission(
    school: School,
    call: Call,
    *,
    status: str = Status.SUBMITTED,
    score: float | None = 60.0,
    band: str = Band.APPROACHING,
    days_ago: int = 1,
) -> Assessment:
    """An assessment as the submission leaves it, without going through the questionnaire."""
    return Assessment.objects.create(
        school=school,
        call=call,
        status=status,
        submitted_at=None if status == Status.DRAFT else timezone.now() - datetime.timedelta(days=days_ago),
        overall_score=score,
        band=band,
    )


def listed(response) -> list[str]:
    return [assessment.school.name for assessment in response.context["page"].object_list]


@pytest.fixture
def polish_school(school_a) -> School:
    return SchoolFactory(name="Szkoła Podstawowa nr 7", country=school_a.country, region="Mazowieckie")


@pytest.fixture
def romanian_school(coordinator_other) -> School:
    return SchoolFactory(
        name="Liceul Teoretic", country=coordinator_other.coordinator_assignments.get().country, region="Cluj"
    )


@pytest.mark.django_db
def test_a_coordinator_sees_the_submitted_assessments_of_their_country(client, coordinator, school_a, call):
    submission(school_a, call)
    client.force_login(coordinator)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert listed(response) == ["School A"]


@pytest.mark.django_db
def test_a_coordinator_never_sees_a_first_draft(client, coordinator, assessment, polish_school, call):
    submission(polish_school, call)
    client.force_login(coordinator)
    response = client.get(INBOX)
    assert listed(response) == [polish_school.name]
    assert "School A" not in response.content.decode()


@pytest.mark.django_db
def test_an_assessment_returned_for_changes_is_listed(client, coordinator, school_a, call):
    submission(school_a, call, status=Status.RETURNED)
    client.force_login(coordinator)
    assert listed(client.get(INBOX)) == ["School A"]


@pytest.mark.django_db
def test_a_coordinator_of_another_country_sees_none_of_them(
    client, coordinator_other, school_a, polish_school, romanian_school, call
):
    submission(school_a, call)
    submission(polish_school, call, status=Status.IN_REVIEW)
    submission(romanian_school, call)
    client.force_login(coordinator_other)
    response = client.get(INBOX)
    assert listed(response) == ["Liceul Teoretic"]
    assert response.context["page"].paginator.count == 1
    assert response.context["status_counts"] == {
        "submitted": 1,
        "in_review": 0,
        "returned": 0,
        "awarded": 0,
        "not_awarded": 0,
        "revoked": 0,
    }
    assert "School A" not in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_with_nothing_submitted_sees_an_empty_inbox(client, coordinator_other, school_a, call):
    submission(school_a, call)
    client.force_login(coordinator_other)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert response.context["call"] is None
    assert "School A" not in response.content.decode()


@pytest.mark.django_db
def test_an_admin_sees_the_assessments_of_every_country(client, admin_user, school_a, romanian_school, call):
    submission(school_a, call, days_ago=2)
    submission(romanian_school, call, days_ago=1)
    client.force_login(admin_user)
    assert listed(client.get(INBOX)) == ["Liceul Teoretic", "School A"]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["teacher", "leader", "outsider"])
def test_people_who_are_not_coordinators_get_404(client, request, actor, school_a, call):
    submission(school_a, call)
    client.force_login(request.getfixturevalue(actor))
    assert client.get(INBOX).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_navigation_links_to_the_inbox_for_coordinators_only(client, coordinator, teacher):
    link = f'href="{INBOX}"'
    client.force_login(coordinator)
    assert link in client.get(reverse("home")).content.decode()
    client.force_login(teacher)
    assert link not in client.get(reverse("home")).content.decode()


@pytest.fixture
def later_call(call, today) -> Call:
    return Call.objects.create(
        name="Later call",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        framework=call.framework,
    )


@pytest.mark.django_db
def test_the_newest_call_with_submissions_is_shown_by_default(
    client, coordinator, school_a, polish_school, call, later_call
):
    submission(school_a, call)
    submission(polish_school, later_call)
    client.force_login(coordinator)
    response = client.get(INBOX)
    assert response.context["call"] == later_call
    assert listed(response) == [polish_school.name]


@pytest.mark.django_db
def test_a_call_with_only_drafts_is_not_the_default(
    client, coordinator, school_a, polish_school, call, later_call
):
    submission(school_a, call)
    submission(polish_school, later_call, status=Status.DRAFT)
    client.force_login(coordinator)
    assert client.get(INBOX).context["call"] == call


@pytest.mark.django_db
def test_the_call_filter_lists_that_calls_assessments(
    client, coordinator, school_a, polish_school, call, later_call
):
    submission(school_a, call)
    submission(polish_school, later_call)
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"call": call.pk})) == ["School A"]


@pytest.fixture
def three_schools(school_a, polish_school, call) -> None:
    """School A submitted (Małopolskie, early stage), the Polish school awarded (Mazowieckie,
    matching), a third returned (Mazowieckie, approaching)."""
    submission(school_a, call, score=30.0, band=Band.EARLY, days_ago=3)
    submission(polish_school, call, status=Status.AWARDED, score=90.0, band=Band.MATCHES, days_ago=2)
    third = SchoolFactory(name="Zespół Szkół", country=school_a.country, region="Mazowieckie")
    submission(third, call, status=Status.RETURNED, score=None, band="", days_ago=1)


@pytest.mark.django_db
def test_the_status_filter_lists_only_that_status(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"status": "awarded"})) == ["Szkoła Podstawowa nr 7"]


@pytest.mark.django_db
def test_the_region_filter_lists_only_that_regions_schools(client, coordinator, three_schools):
    client.force_login(coordinator)
    response = client.get(INBOX, {"region": "Mazowieckie"})
    assert listed(response) == ["Zespół Szkół", "Szkoła Podstawowa nr 7"]


@pytest.mark.django_db
def test_the_region_filter_offers_the_regions_present(client, coordinator, three_schools):
    client.force_login(coordinator)
    choices = client.get(INBOX).context["form"].fields["region"].choices
    assert choices[0][0] == ""
    assert {value for value, _ in choices[1:]} == {"Mazowieckie", "Małopolskie"}
    assert len(choices) == 3


@pytest.mark.django_db
def test_the_band_filter_lists_only_that_band(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"band": "early"})) == ["School A"]


@pytest.mark.django_db
def test_filters_combine(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"region": "Mazowieckie", "status": "returned"})) == ["Zespół Szkół"]


@pytest.mark.django_db
def test_the_search_finds_schools_by_part_of_their_name_in_any_case(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"q": "  PODSTAWOWA "})) == ["Szkoła Podstawowa nr 7"]


@pytest.mark.django_db
def test_the_newest_submissions_come_first_by_default(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX)) == ["Zespół Szkół", "Szkoła Podstawowa nr 7", "School A"]


@pytest.mark.django_db
def test_sorting_by_score_ascending_puts_the_lowest_first_and_no_score_last(
    client, coordinator, three_schools
):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"sort": "score"})) == [
        "School A",
        "Szkoła Podstawowa nr 7",
        "Zespół Szkół",
    ]


@pytest.mark.django_db
def test_sorting_by_score_descending_puts_the_highest_first_and_no_score_last(
    client, coordinator, three_schools
):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"sort": "-score"})) == [
        "Szkoła Podstawowa nr 7",
        "School A",
        "Zespół Szkół",
    ]


@pytest.mark.django_db
def test_sorting_by_school_name(client, coordinator, three_schools):
    client.force_login(coordinator)
    assert listed(client.get(INBOX, {"sort": "school"})) == [
        "School A",
        "Szkoła Podstawowa nr 7",
        "Zespół Szkół",
    ]


@pytest.mark.django_db
def test_sorting_by_status_follows_the_review_workflow(client, coordinator, three_schools):
    client.force_login(coordinator)
    # Submitted, then returned, then awarded: the order of the statuses, not of their names.
    assert listed(client.get(INBOX, {"sort": "status"})) == [
        "School A",
        "Zespół Szkół",
        "Szkoła Podstawowa nr 7",
    ]


@pytest.mark.django_db
def test_the_sorted_column_says_so_to_screen_readers(client, coordinator, three_schools):
    client.force_login(coordinator)
    html = client.get(INBOX, {"sort": "-score"}).content.decode()
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="descending"' in html
    assert "?sort=score" in html  # the header's link sorts the other way


@pytest.mark.django_db
def test_a_row_shows_the_rounded_score_the_status_and_the_band(client, coordinator, school_a, call):
    submission(school_a, call, score=67.6, band=Band.APPROACHING)
    client.force_login(coordinator)
    html = client.get(INBOX).content.decode()
    assert ">68<" in html
    assert "Submitted" in html
    assert "Approaching the profile" in html


@pytest.mark.django_db
def test_a_submission_links_to_its_review_and_a_returned_one_to_the_schools_working_copy(
    client, coordinator, three_schools, school_a
):
    client.force_login(coordinator)
    html = client.get(INBOX).content.decode()
    submitted = Assessment.objects.get(school=school_a)
    awarded = Assessment.objects.get(status=Status.AWARDED)
    returned = Assessment.objects.get(status=Status.RETURNED)
    assert reverse("assessment_review", args=[submitted.pk]) in html
    assert reverse("assessment_review", args=[awarded.pk]) in html
    assert f'href="{reverse("assessment_overview", args=[awarded.pk])}"' not in html
    assert f'href="{reverse("assessment_overview", args=[returned.pk])}"' in html
    assert reverse("assessment_review", args=[returned.pk]) not in html


@pytest.fixture
def many_schools(school_a, call) -> list[School]:
    """60 submitted assessments of School A's country, one a day, all in Mazowieckie."""
    schools = [SchoolFactory(country=school_a.country, region="Mazowieckie") for _ in range(60)]
    for days_ago, school in enumerate(schools, start=1):
        submission(school, call, days_ago=days_ago)
    return schools


@pytest.mark.django_db
def test_the_inbox_shows_50_assessments_a_page(client, coordinator, many_schools):
    client.force_login(coordinator)
    first = client.get(INBOX)
    second = client.get(INBOX, {"page": 2})
    assert len(listed(first)) == 50
    assert listed(second) == [school.name for school in many_schools[50:]]


@pytest.mark.django_db
def test_page_links_keep_the_filters_and_the_sort(client, coordinator, many_schools):
    client.force_login(coordinator)
    html = client.get(INBOX, {"region": "Mazowieckie", "sort": "score"}).content.decode()
    assert 'href="?region=Mazowieckie&amp;sort=score&amp;page=2"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"status": "draft"},
        {"status": "no-such-status"},
        {"call": "abc"},
        {"call": "999999"},
        {"region": "Atlantis"},
        {"band": "best"},
        {"sort": "school__country__name; DROP TABLE"},
        {"page": "abc"},
        {"page": "999"},
        {"q": "x" * 500},
    ],
    ids=lambda params: "-".join(f"{key}={value[:12]}" for key, value in params.items()),
)
def test_a_bad_parameter_is_ignored(client, coordinator, school_a, call, params):
    submission(school_a, call)
    client.force_login(coordinator)
    response = client.get(INBOX, params)
    assert response.status_code == 200
    assert listed(response) == ["School A"]


@pytest.mark.django_db
def test_a_bad_filter_value_is_shown_as_an_error_on_its_field(client, coordinator, school_a, call):
    submission(school_a, call)
    client.force_login(coordinator)
    html = client.get(INBOX, {"status": "no-such-status"}).content.decode()
    assert 'id="status-error"' in html
    assert 'aria-describedby="status-error"' in html


@pytest.mark.django_db
def test_another_countrys_call_shows_the_coordinators_own_newest_call(
    client, coordinator, school_a, romanian_school, call, later_call
):
    submission(school_a, call)
    submission(romanian_school, later_call)
    client.force_login(coordinator)
    response = client.get(INBOX, {"call": later_call.pk})
    assert response.context["call"] == call
    assert listed(response) == ["School A"]


@pytest.mark.django_db
def test_the_inbox_runs_the_same_number_of_queries_for_3_or_60_assessments(
    client, coordinator, school_a, call, django_assert_max_num_queries
):
    client.force_login(coordinator)
    for _ in range(3):
        submission(SchoolFactory(country=school_a.country), call)
    # Session, user, countries, calls, regions, status counts, page count, page.
    with django_assert_max_num_queries(8) as few:
        assert len(listed(client.get(INBOX))) == 3
    for _ in range(57):
        submission(SchoolFactory(country=school_a.country), call)
    with django_assert_max_num_queries(len(few)):
        assert len(listed(client.get(INBOX))) == 50
