"""The national dashboard, its CSV export and the label register, on data computed by hand."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, Call, School
from assessment.snapshot import SCHEMA
from tests.factories import CountryFactory, SchoolFactory

pytestmark = pytest.mark.django_db

Status = Assessment.Status
CODES = ("1", "2", "3", "4", "5")


def make_assessment(
    *,
    call: Call,
    school: School,
    status: str,
    scores: list[float | None] | None = None,
    expecting: int = 0,
    covered: int = 0,
    **fields,
) -> Assessment:
    """An assessment with the figures submission stores beside the snapshot: the national pages
    read those and never the snapshot, of which only the presence counts (submitted once)."""
    present = [score for score in scores or [] if score is not None]
    submitted = scores is not None
    return Assessment.objects.create(
        school=school,
        call=call,
        status=status,
        snapshot={"schema": SCHEMA} if submitted else None,
        overall_score=sum(present) / len(present) if present else None,
        principle_scores=dict(zip(CODES, scores, strict=True)) if submitted else None,
        evidence_coverage=covered / expecting if submitted and expecting else None,
        submitted_at=timezone.now() if submitted else None,
        **fields,
    )


@pytest.fixture
def poland(school_a):
    return school_a.country


@pytest.fixture
def national(call, poland):
    """Three counted assessments in Poland, a first draft, and one school in Romania."""
    mazowieckie = {"country": poland, "region": "Mazowieckie"}
    make_assessment(
        call=call,
        school=SchoolFactory(name="Alpha", **mazowieckie),
        status=Status.SUBMITTED,
        scores=[80, 60, 70, 90, 100],  # overall 80
        expecting=4,
        covered=3,
        band="early",
    )
    make_assessment(
        call=call,
        school=SchoolFactory(name="Beta", **mazowieckie),
        status=Status.AWARDED,
        scores=[40, 50, 60, 70, 30],  # overall 50
        expecting=2,
        covered=2,
        band="approaching",
    )
    make_assessment(
        call=call,
        school=SchoolFactory(name="Gamma", country=poland, region="Małopolskie"),
        status=Status.RETURNED,
        scores=[100, 100, 100, 100, 100],  # overall 100
        expecting=4,
        covered=1,
    )
    draft = SchoolFactory(name="Draft School", country=poland, region="Podlaskie")
    make_assessment(call=call, school=draft, status=Status.DRAFT)
    romania = CountryFactory(code="RO", name_en="Romania")
    make_assessment(
        call=call,
        school=SchoolFactory(name="Liceul Omega", country=romania, region="Cluj"),
        status=Status.SUBMITTED,
        scores=[10, 10, 10, 10, 10],
    )


def dashboard(client, user, **params):
    client.force_login(user)
    return client.get(reverse("national_dashboard"), params)


def export(client, user, **params) -> tuple[object, list[list[str]]]:
    client.force_login(user)
    response = client.get(reverse("national_export"), params)
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(text[1:])))


# The dashboard


def test_dashboard_counts_each_status_but_drafts_in_lifecycle_order(client, national, coordinator):
    figures = dashboard(client, coordinator).context["figures"]

    assert [(str(status), count) for status, count in figures.statuses] == [
        ("submitted", 1),
        ("in_review", 0),
        ("returned", 1),
        ("awarded", 1),
        ("not_awarded", 0),
        ("revoked", 0),
    ]
    assert figures.total == 3


def test_dashboard_averages_each_principle(client, national, coordinator):
    response = dashboard(client, coordinator)

    averages = response.context["figures"].averages
    assert averages == pytest.approx({"1": 220 / 3, "2": 70.0, "3": 230 / 3, "4": 260 / 3, "5": 230 / 3})
    assert [round(averages[code]) for code in CODES] == [73, 70, 77, 87, 77]
    content = response.content.decode()
    assert 'class="radar"' in content
    assert "Average score per principle, from 0 to 100</caption>" in content


def test_dashboard_distributes_overall_scores_in_ten_point_bins(client, national, coordinator):
    response = dashboard(client, coordinator)

    counts = {item.label: item.count for item in response.context["figures"].distribution}
    assert counts == {
        "0–9": 0,
        "10–19": 0,
        "20–29": 0,
        "30–39": 0,
        "40–49": 0,
        "50–59": 1,
        "60–69": 0,
        "70–79": 0,
        "80–89": 1,
        "90–100": 1,
    }
    assert 'class="histogram"' in response.content.decode()


def test_dashboard_averages_evidence_coverage(client, national, coordinator):
    response = dashboard(client, coordinator)

    # (3/4 + 2/2 + 1/4) / 3
    assert response.context["figures"].coverage == pytest.approx(2 / 3)
    assert "67 %" in response.content.decode()


def test_dashboard_breaks_figures_down_per_region(client, national, coordinator):
    regions = dashboard(client, coordinator).context["figures"].regions

    assert [(line.region, line.assessments, line.submitted, line.average_score) for line in regions] == [
        ("Mazowieckie", 2, 2, 65.0),
        ("Małopolskie", 1, 1, 100.0),
    ]


def test_dashboard_of_an_admin_counts_every_country(client, national, admin_user):
    figures = dashboard(client, admin_user).context["figures"]

    assert figures.total == 4
    assert {line.region for line in figures.regions} == {"Mazowieckie", "Małopolskie", "Cluj"}


def test_coordinator_of_another_country_sees_none_of_its_figures(client, national, call, coordinator_other):
    response = dashboard(client, coordinator_other, call=call.pk)

    # Only their own country's school (Romania) is counted: Poland is absent from every figure.
    figures = response.context["figures"]
    assert figures.total == 1
    assert [(str(status), count) for status, count in figures.statuses if count] == [("submitted", 1)]
    assert figures.averages == dict.fromkeys(CODES, 10.0)
    assert [line.region for line in figures.regions] == ["Cluj"]
    content = response.content.decode()
    assert "Mazowieckie" not in content
    assert "Małopolskie" not in content


def test_dashboard_defaults_to_the_newest_call_with_assessments(client, national, call, coordinator, today):
    Call.objects.create(
        name="Next call",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=5),
        framework=call.framework,
    )

    response = dashboard(client, coordinator)

    assert response.context["call"] == call


def test_dashboard_shows_the_call_asked_for(client, national, call, coordinator, today):
    later = Call.objects.create(
        name="Next call",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=5),
        framework=call.framework,
    )

    response = dashboard(client, coordinator, call=later.pk)

    assert response.context["call"] == later
    assert response.context["figures"].total == 0


def test_dashboard_of_an_unknown_call_is_404(client, national, coordinator):
    assert dashboard(client, coordinator, call="999999").status_code == 404


@pytest.mark.parametrize("name", ["national_dashboard", "national_export", "label_register"])
@pytest.mark.parametrize("actor", ["leader", "teacher", "outsider"])
def test_who_is_not_a_coordinator_gets_404(client, call, request, name, actor):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse(name)).status_code == 404


# The CSV export


def test_export_has_one_row_per_counted_assessment_with_its_columns(client, national, coordinator):
    response, rows = export(client, coordinator)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="etwinning-schools-etwinning-school-label-2026-2027.csv"'
    )
    header, *lines = rows
    assert header[:7] == ["School", "Country", "Region", "City", "Status (code)", "Status", "Submitted at"]
    assert header[7:12] == ["Principle 1", "Principle 2", "Principle 3", "Principle 4", "Principle 5"]
    assert header[12:] == ["Overall score", "Profile match (code)", "Decided at", "Label valid until"]
    assert [line[0] for line in lines] == ["Alpha", "Beta", "Gamma"]
    alpha = lines[0]
    assert alpha[1:6] == ["PL", "Mazowieckie", "Kraków", "submitted", "Submitted"]
    assert alpha[6] == timezone.localdate().isoformat()
    assert alpha[7:] == ["80.0", "60.0", "70.0", "90.0", "100.0", "80.0", "early", "", ""]


def test_export_speaks_the_request_language(client, national, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("national_export"), headers={"accept-language": "pl"})

    header, alpha, *_rest = csv.reader(io.StringIO(response.content.decode("utf-8")[1:]))
    assert header[:4] == ["Szkoła", "Kraj", "Region", "Miejscowość"]
    assert alpha[4:6] == ["submitted", "Wysłana"]


def test_export_keeps_names_in_any_alphabet(client, call, poland, coordinator):
    school = SchoolFactory(name="Szkoła ąęłż Гимназия № 1", country=poland, region="Łódzkie")
    make_assessment(call=call, school=school, status=Status.SUBMITTED, scores=[50] * 5)

    _response, rows = export(client, coordinator)

    assert rows[1][0] == "Szkoła ąęłż Гимназия № 1"
    assert rows[1][2] == "Łódzkie"


def test_export_defuses_formulas_in_school_data(client, call, poland, coordinator):
    school = SchoolFactory(
        name='=HYPERLINK("http://evil.example")', country=poland, region="+48", city="@SUM(A1)"
    )
    make_assessment(call=call, school=school, status=Status.SUBMITTED, scores=[50] * 5)

    _response, rows = export(client, coordinator)

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][2:4] == ["'+48", "'@SUM(A1)"]


def test_export_for_a_coordinator_of_another_country_leaves_out_this_country(
    client, national, call, coordinator_other
):
    _response, rows = export(client, coordinator_other, call=call.pk)

    assert [line[0] for line in rows[1:]] == ["Liceul Omega"]


def test_export_of_an_admin_covers_every_country(client, national, admin_user):
    _response, rows = export(client, admin_user)

    assert [line[0] for line in rows[1:]] == ["Alpha", "Beta", "Gamma", "Liceul Omega"]


# The label register


@pytest.fixture
def labels(call, poland, today):
    """Three awarded schools in Poland (one label expired), one in Romania, one not awarded."""
    valid = {"Current": 400, "Lapsed": -1, "Ending": 10}
    for name, days in valid.items():
        make_assessment(
            call=call,
            school=SchoolFactory(name=name, country=poland),
            status=Status.AWARDED,
            scores=[80] * 5,
            decided_at=timezone.now() - datetime.timedelta(days=30),
            label_valid_until=today + datetime.timedelta(days=days),
        )
    make_assessment(
        call=call,
        school=SchoolFactory(name="Liceul Omega", country=CountryFactory(code="RO")),
        status=Status.AWARDED,
        scores=[80] * 5,
        label_valid_until=today + datetime.timedelta(days=100),
    )
    make_assessment(
        call=call,
        school=SchoolFactory(name="Declined", country=poland),
        status=Status.NOT_AWARDED,
        scores=[20] * 5,
    )


def register(client, user):
    client.force_login(user)
    return client.get(reverse("label_register"))


def test_register_lists_awarded_schools_latest_validity_first(client, labels, coordinator):
    response = register(client, coordinator)

    assert [item.school.name for item in response.context["page"]] == ["Current", "Ending", "Lapsed"]


def test_register_flags_expired_labels(client, labels, coordinator):
    content = register(client, coordinator).content.decode()

    assert content.count(">Expired</span>") == 1
    expired_row = content[content.index('<th scope="row">Lapsed') :].split("</tr>")[0]
    assert ">Expired</span>" in expired_row


def test_register_for_a_coordinator_of_another_country_leaves_out_this_country(
    client, labels, coordinator_other
):
    response = register(client, coordinator_other)

    assert [item.school.name for item in response.context["page"]] == ["Liceul Omega"]
    assert "Current" not in response.content.decode()


def test_register_of_an_admin_covers_every_country(client, labels, admin_user):
    names = [item.school.name for item in register(client, admin_user).context["page"]]

    assert names == ["Current", "Liceul Omega", "Ending", "Lapsed"]


def test_register_shows_fifty_schools_a_page(client, call, poland, coordinator, today):
    for number in range(51):
        make_assessment(
            call=call,
            school=SchoolFactory(country=poland),
            status=Status.AWARDED,
            label_valid_until=today + datetime.timedelta(days=number),
        )

    page = register(client, coordinator).context["page"]

    assert len(page) == 50
    assert page.paginator.num_pages == 2


# Query budgets


def add_assessments(call: Call, country, count: int) -> None:
    for number in range(count):
        make_assessment(
            call=call,
            school=SchoolFactory(country=country, region=f"Region {number % 4}"),
            status=Status.AWARDED if number % 3 else Status.SUBMITTED,
            scores=[number % 100] * 5,
            expecting=3,
            covered=number % 3,
            label_valid_until=datetime.date(2030, 1, 1),
        )


# Session, user and countries; then the calls, the default call, the principles and the rows
# (dashboard and export), or the count and the page (register).
BUDGETS = {"national_dashboard": 7, "national_export": 7, "label_register": 5}


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("name", BUDGETS)
def test_query_count_does_not_grow_with_the_assessments(
    client, call, poland, coordinator, django_assert_max_num_queries, name, count
):
    add_assessments(call, poland, count)
    client.force_login(coordinator)

    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(reverse(name))

    assert response.status_code == 200
