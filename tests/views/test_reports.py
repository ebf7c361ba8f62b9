import datetime
import errno
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from assessment.models import Call, Principle, Statement
from assessment.reports import cache as report_cache_module
from assessment.reports import engine
from assessment.reports import pdf as report_pdf_module
from assessment.reports.data import report_data
from assessment.reports.engine import StaticFilesOnly, render
from assessment.reports.pdf import cache_name, render_job, report_html, report_pdf, static_roots
from assessment.services.assessments import assessment_start, assessment_submit, response_save
from tests.conftest import LANGUAGES, complete
from tests.reports_helpers import (
    crashing_child,
    hanging_child,
    pdf_fonts,
    pdf_info,
    pdf_objects,
    pdf_text,
    pdf_words,
)
from tests.seed_texts import read_seed

HOSTILE = (
    '<img src="http://evil.example/pixel.png"> <style>body { background: url(http://evil.example/bg) }</style>'
    " <script>alert(1)</script>"
)


def description_in(language: str, framework) -> str:
    """Principle 4's official description (the seeds; English is our rendering)."""
    if language == "en":
        return framework.principles.get(code="4").description_en
    return read_seed(language).principles[3][1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_reads_back_with_the_official_description_in_each_language(submitted, framework, language):
    pdf = report_pdf(submitted, language=language)
    assert description_in(language, framework) in pdf_text(pdf)


def test_the_pdf_is_tagged_with_its_title_and_language(submitted):
    pdf = report_pdf(submitted, language="ro")
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    with translation.override("ro"):
        title = translation.gettext("eTwinning School self-assessment: %(school)s") % {"school": "School A"}
    assert info["Title"] == title
    assert b"/Lang (ro)" in pdf_objects(pdf)


def test_every_font_is_embedded_with_a_unicode_map(submitted):
    fonts = pdf_fonts(report_pdf(submitted, language="bg"))
    assert fonts
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in fonts), fonts
    assert all("DejaVu" in row[0] for row in fonts)


def test_page_numbers_read_page_n_of_total_in_the_reports_language(submitted):
    pdf = report_pdf(submitted, language="nl")
    total = int(pdf_info(pdf)["Pages"])
    with translation.override("nl"):
        label = translation.gettext("Page {page} of {pages}")
    assert label != "Page {page} of {pages}"
    assert label.format(page=2, pages=total) in pdf_text(pdf, page=2)


def test_a_drafts_report_is_marked_draft_on_every_page(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    pdf = report_pdf(assessment, language="pl")
    with translation.override("pl"):
        draft = translation.pgettext("assessment status", "Draft")
    for page in range(1, int(pdf_info(pdf)["Pages"]) + 1):
        assert draft in pdf_text(pdf, page=page)


def test_a_submitted_report_is_not_marked_draft(submitted):
    pdf = report_pdf(submitted, language="en")
    assert "Draft" not in pdf_text(pdf)


def test_hostile_justifications_print_as_text_and_fetch_nothing(assessment, teacher):
    statement = Statement.objects.get(code="1.1")
    response_save(
        assessment=assessment, statement=statement, user=teacher, level="2", justification=HOSTILE, version=0
    )
    rendered = render(render_job(report_html(report_data(assessment, language="en"), for_pdf=True)))
    assert rendered.refused == ()
    assert '<img src="http://evil.example/pixel.png">' in pdf_text(rendered.pdf)


def test_the_fetcher_refuses_everything_but_static_files():
    fetcher = StaticFilesOnly(static_url="https://report.invalid/static/", roots=static_roots())
    for url in (
        "http://evil.example/x.png",
        "file:///etc/passwd",
        "https://report.invalid/static/../../settings.py",
        "https://report.invalid/static/%2e%2e/%2e%2e/etwinning_school/settings.py",
        "https://report.invalid/static/css/../../../manage.py",
    ):
        with pytest.raises(ValueError, match="Only the app's static files"):
            fetcher.fetch(url)
    assert (
        fetcher.fetch("https://report.invalid/static/css/report.css")
        .read()
        .startswith(b"/* The self-assessment")
    )


@pytest.fixture
def renders(monkeypatch) -> list:
    """One item per PDF the engine is asked for."""
    made = []
    real = report_pdf_module.pdf_render
    monkeypatch.setattr(
        report_pdf_module, "pdf_render", lambda html, **kw: made.append(1) or real(html, **kw)
    )
    return made


def test_a_second_download_is_served_from_the_cache(client, submitted, leader, renders):
    client.force_login(leader)
    url = reverse("assessment_report", args=[submitted.pk]) + "?language=bg&format=pdf"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"].startswith('attachment; filename="etwinning-school-school-a-')


def test_the_pdfs_file_name_keeps_the_letters_of_the_schools_name(client, submitted, leader, school_a):
    school_a.name = "Szkoła Podstawowa nr 1 w Łodzi"
    school_a.save()
    client.force_login(leader)

    response = client.get(reverse("assessment_report", args=[submitted.pk]) + "?language=pl&format=pdf")

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "szko%C5%82a-podstawowa-nr-1-w-%C5%82odzi" in disposition


def test_submission_renders_the_report_in_the_leaders_language_in_the_background(
    assessment, leader, today, django_capture_on_commit_callbacks
):
    leader.preferred_language = "nb"
    leader.save()
    complete(assessment, user=leader, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = assessment_submit(
            assessment=assessment, user=leader, declaration_accepted=True, today=today
        )
    assert storages["evidence"].exists(cache_name(submitted, "nb"))


def test_the_preview_is_in_the_chosen_language_whatever_the_interface(client, submitted, leader, framework):
    client.force_login(leader)
    url = reverse("assessment_report", args=[submitted.pk]) + "?language=nb"
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="nb">' in page
    assert escape(framework.principles.get(code="2").title_nb) in page


def test_an_unknown_report_language_is_a_clear_bad_request(client, submitted, leader):
    client.force_login(leader)
    response = client.get(reverse("assessment_report", args=[submitted.pk]) + "?language=xx&format=pdf")
    assert response.status_code == 400
    assert "Unknown report language xx" in response.content.decode()


def test_the_results_page_shows_scores_band_chart_and_table(client, submitted, leader):
    client.force_login(leader)
    page = client.get(reverse("assessment_results", args=[submitted.pk])).content.decode()
    assert '<strong class="overall-score">67</strong> / 100' in page
    assert "Approaching the profile" in page
    assert "based on" not in page and "Not rated yet" not in page  # complete: nothing to qualify
    assert 'role="img" aria-labelledby="scores-title scores-desc"' in page
    assert '<th scope="row">1. Shared leadership</th><td class="text-end">67</td>' in page


def rate_only(assessment, user, ratings: dict[str, str]) -> None:
    for code, level in ratings.items():
        response = assessment.responses.select_related("statement").get(statement__code=code)
        response_save(
            assessment=assessment,
            statement=response.statement,
            user=user,
            level=level,
            justification="",
            version=response.version,
        )


def test_a_drafts_results_say_what_is_not_rated_yet_and_what_a_score_rests_on(client, assessment, leader):
    rate_only(assessment, leader, {"1.1": "4", "1.2": "na", "2.1": "2"})
    in_principle = {code: Statement.objects.filter(principle__code=code).count() for code in "12"}
    client.force_login(leader)
    page = client.get(reverse("assessment_results", args=[assessment.pk])).content.decode()
    rows = dict(re.findall(r'<th scope="row">(\d)\. [^<]*</th><td class="text-end">(.*?)</td>', page))
    assert rows["1"] == (
        f'100 <span class="score-basis">(based on 1 of {in_principle["1"] - 1} statements)</span>'
    )
    assert rows["2"] == f'33 <span class="score-basis">(based on 1 of {in_principle["2"]} statements)</span>'
    assert rows["3"] == rows["4"] == rows["5"] == '<span class="not-rated">Not rated yet</span>'
    rateable = Statement.objects.count() - 1
    assert f"(based on the 2 of {rateable} statements rated so far)" in page

    chart = page[page.index("<svg") : page.index("</svg>")]
    assert chart.count(">Not rated yet</tspan>") == 3
    description = chart[chart.index('<desc id="scores-desc">') : chart.index("</desc>")]
    assert description.count(" Not rated yet") == 3 and "Shared leadership 100, " in description
    [corners] = re.findall(r'class="series current"[^>]*points="([^"]*)"', chart)
    assert len(corners.split()) == 2  # the two rated principles only, none drawn at 0 for the others


def test_a_drafts_report_says_not_rated_yet_in_its_language(assessment, leader):
    rate_only(assessment, leader, {"1.1": "3"})
    html = report_html(report_data(assessment, language="nl"), for_pdf=True)
    assert html.count('<span class="not-rated">Nog geen score</span>') >= 4
    assert "op basis van 1 van" in html


def test_the_previous_assessment_is_overlaid_and_compared(
    client, submitted, school_a, leader, framework, today
):
    later = Call.objects.create(
        name="Next call",
        opens_on=submitted.call.opens_on + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=90),
        framework=framework,
    )
    current = assessment_start(school=school_a, call=later, user=leader, today=today)
    statement = Statement.objects.get(code="1.1")
    response_save(
        assessment=current, statement=statement, user=leader, level="4", justification="Better", version=0
    )
    data = report_data(current, language="en")
    assert data.previous_overall == pytest.approx(200 / 3)
    first = data.principles[0]
    assert (first.score, first.previous_score) == (pytest.approx(100), pytest.approx(200 / 3))
    assert first.change == pytest.approx(100 / 3)
    assert 'class="series previous"' in data.chart
    client.force_login(leader)
    assert (
        "Previous self-assessment"
        in client.get(reverse("assessment_results", args=[current.pk])).content.decode()
    )


def test_render_report_writes_the_pdf(submitted, tmp_path):
    output = tmp_path / "report.pdf"
    call_command(
        "render_report",
        str(submitted.pk),
        "--language",
        "bg",
        "--output",
        str(output),
        stdout=StringIO(),
    )
    assert output.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["999", "--language", "bg"], "There is no assessment with id 999"),
        (["1", "--language", "fr"], "Unknown language 'fr'"),
    ],
)
def test_render_report_explains_bad_arguments(submitted, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("render_report", *arguments, "--output", str(tmp_path / "x.pdf"))


def test_the_results_page_runs_a_fixed_number_of_queries(
    client, assessment, leader, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(20):
        client.get(reverse("assessment_results", args=[assessment.pk]))


def test_a_report_the_engine_cannot_make_is_a_clear_page_and_a_logged_error(
    client, submitted, leader, monkeypatch, caplog
):
    monkeypatch.setattr(engine, "child_main", crashing_child)
    client.force_login(leader)

    response = client.get(reverse("assessment_report", args=[submitted.pk]) + "?language=pl&format=pdf")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    with translation.override("en"):
        assert "The PDF could not be made just now. Try again in a few minutes" in response.content.decode()
    assert f"The PDF of the report of assessment {submitted.pk} in pl could not be made." in caplog.text
    assert "exit code -11" in caplog.text
    assert not storages["evidence"].exists(cache_name(submitted, "pl"))


def test_the_certificate_the_engine_cannot_make_is_the_same_clear_page(
    client, submitted, coordinator, leader, monkeypatch, today
):
    from assessment.services.review import Decision, decision_make

    decision_make(assessment=submitted, user=coordinator, decision=Decision.AWARD, comment="", today=today)
    monkeypatch.setattr(engine, "child_main", hanging_child)
    monkeypatch.setattr(settings, "REPORT_RENDER_TIMEOUT", 1)
    client.force_login(leader)

    response = client.get(reverse("label_certificate", args=[submitted.pk]))

    assert response.status_code == 503
    assert "The PDF could not be made just now" in response.content.decode()


def test_submission_stands_when_the_background_render_fails(
    client, assessment, leader, today, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    complete(assessment, user=leader, today=today)
    monkeypatch.setattr(engine, "child_main", crashing_child)
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment_submit", args=[assessment.pk]), {"declaration": "on"})

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == assessment.Status.SUBMITTED
    assert "could not be made" in caplog.text


def test_a_cut_short_cached_report_is_made_again_not_served(client, submitted, leader, renders, caplog):
    client.force_login(leader)
    url = reverse("assessment_report", args=[submitted.pk]) + "?language=ro&format=pdf"
    whole = client.get(url).content
    name = cache_name(submitted, "ro")
    path = storages["evidence"].path(name)
    with open(path, "r+b") as cached:  # as a disk that filled up during the write left it
        cached.truncate(len(whole) // 2)

    again = client.get(url)

    assert again.status_code == 200
    assert again.content.startswith(b"%PDF-") and again.content.rstrip().endswith(b"%%EOF")
    assert len(renders) == 2
    assert "is incomplete" in caplog.text
    assert storages["evidence"].open(name).read() == again.content


def test_a_full_disk_when_caching_still_serves_the_pdf_and_leaves_no_partial_file(
    client, submitted, leader, monkeypatch, caplog
):
    def disk_full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_cache_module.os, "replace", disk_full)
    client.force_login(leader)

    response = client.get(reverse("assessment_report", args=[submitted.pk]) + "?language=nl&format=pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    folder = Path(storages["evidence"].path(f"reports/{submitted.pk}"))
    assert not [path for path in folder.rglob("*") if path.is_file()]
    assert "could not be cached" in caplog.text


@pytest.fixture
def collected_static(settings, collected_once):
    """Static files as `make serve` has them: collected, compressed, with hashed names."""
    settings.STATIC_ROOT = collected_once
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    return collected_once


MANIFEST_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="module")
def collected_once(tmp_path_factory):
    """`collectstatic` run once for the module's tests (it takes seconds)."""
    folder = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=folder, STORAGES={**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return folder


def test_with_static_manifests_the_report_is_styled_like_in_development(
    submitted, collected_static, settings
):
    styled = report_pdf(submitted, language="bg")
    html = report_html(report_data(submitted, language="bg"), for_pdf=True)

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    development = report_pdf(submitted, language="bg")

    assert re.search(r'href="/static/css/report\.[0-9a-f]{12}\.css"', html)
    assert pdf_info(styled)["Pages"] == pdf_info(development)["Pages"]
    fonts = {row[0].split("+")[-1] for row in pdf_fonts(styled)}
    assert fonts == {row[0].split("+")[-1] for row in pdf_fonts(development)}
    # The stylesheet's sans-serif, not the serif a page without its stylesheet falls back to.
    assert "DejaVu-Sans" in fonts and not [font for font in fonts if "Serif" in font]


def test_the_cache_tells_manifest_renders_apart_from_unstyled_ones(submitted, collected_static, settings):
    hashed = cache_name(submitted, "bg")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    assert cache_name(submitted, "bg") != hashed


def test_the_coverage_says_how_many_pieces_it_rests_on_and_names_the_broad_ones(
    client, submitted, leader, coordinator
):
    statements = Statement.objects.filter(principle__framework=submitted.call.framework).count()
    client.force_login(leader)
    results = client.get(reverse("assessment_results", args=[submitted.pk])).content.decode()
    client.force_login(coordinator)
    review = client.get(reverse("assessment_review", args=[submitted.pk])).content.decode()
    pdf = pdf_text(report_pdf(submitted, language="en"))
    for page in (results, escape(review), pdf):
        assert "of the statements that expect evidence have some, from 1 piece of evidence." in page
    broad = f"The file “plan.txt” supports {statements} statements."
    assert broad in results and broad in review
    assert broad in " ".join(pdf.split())


def test_narrow_evidence_is_not_named_beside_the_coverage(assessment, leader, today):
    complete(assessment, user=leader, today=today)
    item = assessment.evidence.get()
    item.statements.set(Statement.objects.filter(code__in=["1.1", "1.2", "2.1", "2.2"]))
    data = report_data(assessment, language="en")
    assert data.broad_evidence == []
    item.statements.add(Statement.objects.get(code="3.1"))
    data = report_data(assessment, language="en")
    assert [entry.title for entry in data.broad_evidence] == ["plan.txt"]
    assert data.coverage_sources == 1


def test_no_page_of_the_report_is_left_nearly_empty(submitted):
    """Parts follow one another: every page but the cover and the last is filled to at least
    two thirds of its height (A4: 842 points, the text ending 62 points above the bottom)."""
    words = pdf_words(report_pdf(submitted, language="ro"))
    pages = max(word.page for word in words)
    body = [word for word in words if word.bottom < 842 - 62]
    lowest = {page: max(word.bottom for word in body if word.page == page) for page in range(1, pages + 1)}
    assert pages >= 4
    assert [page for page in range(2, pages) if lowest[page] < 842 * 2 / 3] == []


def test_the_charts_labels_print_at_eight_points_or_more(submitted, framework):
    label = Principle.objects.get(framework=framework, code="1").short_title_en.split()[0]
    words = pdf_words(report_pdf(submitted, language="en"))
    on_the_chart = next(word for word in words if word.text == label)  # the chart comes before the table
    assert on_the_chart.size >= 8


def test_the_report_is_in_the_interface_language_unless_another_is_chosen(client, submitted, leader):
    leader.preferred_language = "pl"
    leader.save()
    client.force_login(leader)
    results = client.get(
        reverse("assessment_results", args=[submitted.pk]), headers={"accept-language": "bg"}
    )
    assert '<option value="bg" selected>' in results.content.decode()
    preview = client.get(
        reverse("assessment_report", args=[submitted.pk]) + "?format=html", headers={"accept-language": "bg"}
    )
    assert '<html lang="bg">' in preview.content.decode()
