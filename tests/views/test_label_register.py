"""The label register: each label's validity on the page, the filter by validity, and the CSV."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, Call, School
from tests.factories import CountryFactory, SchoolFactory

pytestmark = pytest.mark.django_db

Status = Assessment.Status


def award(*, call: Call, school: School, days_left: int | None, today: datetime.date) -> Assessment:
    """An awarded assessment whose label ends `days_left` days from today (None: no end date)."""
    return Assessment.objects.create(
        school=school,
        call=call,
        status=Status.AWARDED,
        submitted_at=timezone.now() - datetime.timedelta(days=60),
        decided_at=timezone.now() - datetime.timedelta(days=30),
        label_valid_until=None if days_left is None else today + datetime.timedelta(days=days_left),
    )


@pytest.fixture
def poland(school_a):
    return school_a.country


@pytest.fixture
def labels(call, poland, today):
    """Polish labels on each side of the 90-day warning and of their last day, one Romanian
    label, and a school that was not awarded."""
    for name, days_left in {
        "Current": 400,
        "Ninety-one days": 91,
        "Ninety days": 90,
        "Ending": 10,
        "Last day": 0,
        "Lapsed": -1,
        "Long lapsed": -800,
    }.items():
        award(call=call, school=SchoolFactory(name=name, country=poland), days_left=days_left, today=today)
    romania = CountryFactory(code="RO", name_en="Romania")
    award(call=call, school=SchoolFactory(name="Liceul Omega", country=romania), days_left=30, today=today)
    Assessment.objects.create(
        school=SchoolFactory(name="Declined", country=poland), call=call, status=Status.NOT_AWARDED
    )


def register(client, user, **params):
    client.force_login(user)
    return client.get(reverse("label_register"), params)


def names(response) -> list[str]:
    return [assessment.school.name for assessment in response.context["page"]]


def row_of(content: str, school: str) -> str:
    return content[content.index(f'<th scope="row">{school}</th>') :].split("</tr>")[0]


def register_csv(client, user, **params) -> tuple[object, list[list[str]]]:
    client.force_login(user)
    response = client.get(reverse("label_register_csv"), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(text[1:])))


# Validity on the page


def test_register_gives_each_label_its_validity_on_the_day(client, labels, coordinator):
    response = register(client, coordinator)

    validity = {assessment.school.name: assessment.validity for assessment in response.context["page"]}
    assert validity == {
        "Current": "valid",
        "Ninety-one days": "valid",
        "Ninety days": "expiring",
        "Ending": "expiring",
        "Last day": "expiring",
        "Lapsed": "expired",
        "Long lapsed": "expired",
    }


def test_register_marks_expired_expiring_and_valid_labels_apart(client, labels, coordinator):
    content = register(client, coordinator).content.decode()

    assert '<span class="badge text-bg-secondary ms-1">Expired</span>' in row_of(content, "Lapsed")
    assert '<span class="badge text-bg-warning ms-1">Expires soon</span>' in row_of(content, "Ending")
    assert '<span class="badge text-bg-success ms-1">Valid</span>' in row_of(content, "Current")
    assert content.count(">Expired</span>") == 2
    assert content.count(">Expires soon</span>") == 3
    assert content.count(">Valid</span>") == 2


def test_register_marks_nothing_for_a_label_without_an_end_date(client, call, poland, coordinator, today):
    award(call=call, school=SchoolFactory(name="Undated", country=poland), days_left=None, today=today)

    response = register(client, coordinator)

    assert [assessment.validity for assessment in response.context["page"]] == [""]
    assert "badge" not in row_of(response.content.decode(), "Undated")


def test_register_speaks_the_request_language(client, labels, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("label_register"), headers={"accept-language": "pl"}).content.decode()

    assert ">Wygasła</span>" in row_of(content, "Lapsed")


# The filter


@pytest.mark.parametrize(
    ("validity", "expected"),
    [
        (
            "",
            ["Current", "Ninety-one days", "Ninety days", "Ending", "Last day", "Lapsed", "Long lapsed"],
        ),
        ("valid", ["Current", "Ninety-one days", "Ninety days", "Ending", "Last day"]),
        ("expiring", ["Ninety days", "Ending", "Last day"]),
        ("expired", ["Lapsed", "Long lapsed"]),
    ],
)
def test_register_filters_labels_by_validity(client, labels, coordinator, validity, expected):
    response = register(client, coordinator, validity=validity)

    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["validity"] == validity


def test_register_shows_the_filter_chosen(client, labels, coordinator):
    content = register(client, coordinator, validity="expiring").content.decode()

    assert '<option value="expiring" selected>Expiring within 90 days</option>' in content
    assert f'href="{reverse("label_register_csv")}?validity=expiring"' in content


def test_register_says_when_no_label_matches_the_filter(client, call, poland, coordinator, today):
    award(call=call, school=SchoolFactory(country=poland), days_left=400, today=today)

    content = register(client, coordinator, validity="expired").content.decode()

    assert "No label matches this filter." in content


def test_register_ignores_an_unknown_filter_and_says_so(client, labels, coordinator):
    response = register(client, coordinator, validity='"><script>alert(1)</script>')

    assert response.status_code == 200
    assert len(names(response)) == 7
    assert response.context["validity"] == ""
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert 'class="form-select is-invalid" aria-describedby="validity-error"' in content
    # The CSV link does not carry the unknown value along.
    assert f'href="{reverse("label_register_csv")}"' in content


def test_register_pages_keep_the_filter(client, call, poland, coordinator, today):
    for number in range(51):
        award(call=call, school=SchoolFactory(country=poland), days_left=-1 - number, today=today)
    award(call=call, school=SchoolFactory(name="Still valid", country=poland), days_left=400, today=today)

    first = register(client, coordinator, validity="expired")
    assert len(first.context["page"]) == 50
    assert 'href="?validity=expired&amp;page=2"' in first.content.decode()

    second = register(client, coordinator, validity="expired", page=2)
    assert len(second.context["page"]) == 1
    assert "Still valid" not in second.content.decode()
    assert 'href="?validity=expired&amp;page=1"' in second.content.decode()


# The CSV


def test_csv_has_a_line_per_label_with_its_columns(client, labels, coordinator, today):
    response, rows = register_csv(client, coordinator)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="etwinning-school-labels-{today.isoformat()}.csv"'
    )
    header, *lines = rows
    assert header == [
        "School",
        "Country",
        "Region",
        "Call",
        "Awarded on",
        "Label valid until",
        "Validity (code)",
        "Validity",
    ]
    assert [line[0] for line in lines] == [
        "Current",
        "Ninety-one days",
        "Ninety days",
        "Ending",
        "Last day",
        "Lapsed",
        "Long lapsed",
    ]
    awarded_on = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert lines[3] == [
        "Ending",
        "PL",
        "Małopolskie",
        "eTwinning School Label 2026-2027",
        awarded_on,
        (today + datetime.timedelta(days=10)).isoformat(),
        "expiring",
        "Expires soon",
    ]
    assert [line[6:] for line in lines] == [
        ["valid", "Valid"],
        ["valid", "Valid"],
        ["expiring", "Expires soon"],
        ["expiring", "Expires soon"],
        ["expiring", "Expires soon"],
        ["expired", "Expired"],
        ["expired", "Expired"],
    ]


def test_csv_applies_the_filter(client, labels, coordinator, today):
    response, rows = register_csv(client, coordinator, validity="expired")

    assert [line[0] for line in rows[1:]] == ["Lapsed", "Long lapsed"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="etwinning-school-labels-expired-{today.isoformat()}.csv"'
    )


def test_csv_refuses_an_unknown_filter(client, labels, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("label_register_csv"), {"validity": "=cmd|' /C calc'!A0"})

    assert response.status_code == 400
    assert "Lapsed" not in response.content.decode()


def test_csv_leaves_a_missing_region_empty(client, call, poland, coordinator, today):
    award(
        call=call, school=SchoolFactory(name="Nowhere", country=poland, region=""), days_left=5, today=today
    )

    _response, rows = register_csv(client, coordinator)

    assert rows[1][:3] == ["Nowhere", "PL", ""]


def test_csv_speaks_the_request_language(client, labels, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("label_register_csv"), headers={"accept-language": "pl"})

    header, *lines = csv.reader(io.StringIO(response.content.decode("utf-8")[1:]))
    assert header[:4] == ["Szkoła", "Kraj", "Region", "Nabór"]
    assert lines[-1][6:] == ["expired", "Wygasła"]


def test_csv_defuses_formulas_in_school_data(client, call, poland, coordinator, today):
    school = SchoolFactory(name='=HYPERLINK("http://evil.example")', country=poland, region="-2+3")
    award(call=call, school=school, days_left=5, today=today)
    Call.objects.filter(pk=call.pk).update(name="@SUM(A1)")

    _response, rows = register_csv(client, coordinator)

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][2:4] == ["'-2+3", "'@SUM(A1)"]


# Who sees what


def test_csv_for_a_coordinator_of_another_country_leaves_out_this_country(client, labels, coordinator_other):
    _response, rows = register_csv(client, coordinator_other)

    assert [line[:2] for line in rows[1:]] == [["Liceul Omega", "RO"]]


def test_csv_for_a_coordinator_leaves_out_other_countries(client, labels, coordinator):
    _response, rows = register_csv(client, coordinator, validity="expiring")

    assert "Liceul Omega" not in {line[0] for line in rows}
    assert {line[1] for line in rows[1:]} == {"PL"}


def test_filtered_register_of_another_country_leaves_out_this_country(client, labels, coordinator_other):
    response = register(client, coordinator_other, validity="expiring")

    assert names(response) == ["Liceul Omega"]
    assert "Ending" not in response.content.decode()


def test_csv_of_an_admin_covers_every_country(client, labels, admin_user):
    _response, rows = register_csv(client, admin_user, validity="expiring")

    assert [line[0] for line in rows[1:]] == ["Ninety days", "Liceul Omega", "Ending", "Last day"]


@pytest.mark.parametrize("actor", ["leader", "teacher", "outsider"])
def test_who_is_not_a_coordinator_gets_404_for_the_csv(client, labels, request, actor):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse("label_register_csv")).status_code == 404


# Query budgets: session, user, countries, then the count and the page (register) or the
# rows (CSV). The same whatever the number of labels.

BUDGETS = {"label_register": 5, "label_register_csv": 4}


def queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


def add_labels(call: Call, country, count: int, today: datetime.date) -> None:
    """Expired, expiring and valid labels in turn: even the smaller list has one of each, as an
    empty page skips its query, which is not growth."""
    for number in range(count):
        days_left = (-30, 30, 200)[number % 3]
        award(call=call, school=SchoolFactory(country=country), days_left=days_left, today=today)


@pytest.mark.parametrize("validity", ["", "valid", "expiring", "expired"])
@pytest.mark.parametrize("name", BUDGETS)
def test_query_count_does_not_grow_with_the_labels(
    client, call, poland, coordinator, today, django_assert_max_num_queries, name, validity
):
    client.force_login(coordinator)
    url, params = reverse(name), {"validity": validity}
    add_labels(call, poland, 3, today)
    small = queries(client, url, params)
    add_labels(call, poland, 60, today)

    with django_assert_max_num_queries(BUDGETS[name]):
        large = queries(client, url, params)

    assert large == small
