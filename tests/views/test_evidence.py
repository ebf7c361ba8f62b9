import errno

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from assessment.models import Evidence, Membership, Statement
from assessment.services.evidence import Target, evidence_add_files, evidence_remove
from assessment.submission import submission_problems
from tests import files
from tests.conftest import evidence_storage
from tests.factories import MembershipFactory
from tests.hostile import HOSTILE

HTMX = {"HX-Request": "true"}


def statement(code: str = "4.3") -> Statement:
    return Statement.objects.get(code=code)


def add(client, assessment, *uploads, code: str = "4.3", htmx: bool = False, **fields):
    data = {"statement": statement(code).pk, "files": list(uploads), **fields}
    return client.post(reverse("evidence_add", args=[assessment.pk]), data, headers=HTMX if htmx else {})


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_teacher_adds_several_files_at_once_to_a_statement(client, assessment, teacher):
    client.force_login(teacher)
    response = add(
        client, assessment, upload("Open day.png", files.png()), upload("Programme.pdf", files.PDF)
    )
    assert response.status_code == 302
    items = {item.original_name: item for item in statement().evidence.all()}
    assert set(items) == {"Open day.png", "Programme.pdf"}
    assert items["Open day.png"].content_type == "image/png"
    assert items["Programme.pdf"].added_by == teacher
    assert items["Programme.pdf"].size == len(files.PDF)


def test_files_are_stored_under_random_names_in_the_private_storage(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, upload("Plan lekcji.pdf", files.PDF))
    item = Evidence.objects.get()
    assert "Plan" not in item.file.name and item.file.name.startswith(f"{assessment.pk}/")
    assert storages["evidence"].exists(item.file.name)
    # No URL of the site serves the storage directly.
    for path in (f"/{item.file.name}", f"/media/{item.file.name}", f"/static/{item.file.name}"):
        assert client.get(path).status_code == 404


def test_htmx_adding_answers_with_the_updated_list(client, assessment, teacher):
    client.force_login(teacher)
    response = add(client, assessment, upload("Programme.pdf", files.PDF), htmx=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Programme.pdf" in page and "added by" in page
    assert "PDF · Programme.pdf · " in page


def test_a_link_is_added_with_its_title(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, url="https://twinspace.etwinning.net/123", title="Our TwinSpace")
    item = Evidence.objects.get()
    assert (item.kind, item.url, item.title) == (
        "link",
        "https://twinspace.etwinning.net/123",
        "Our TwinSpace",
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.pdf", b"", "The submitted file is empty."),
        ("setup.pdf", files.EXECUTABLE, "Programs and scripts are not accepted as evidence."),
        ("page.png", files.HTML, "Web pages and SVG images are not accepted as evidence"),
        ("drawing.png", files.SVG, "Web pages and SVG images are not accepted as evidence"),
        (
            "archive.docx",
            files.zip_of({"notes.txt": b"hello"}),
            "This ZIP archive is not an office document.",
        ),
    ],
)
def test_a_refused_file_is_named_with_its_reason_and_nothing_is_stored(
    client, assessment, teacher, name, content, reason
):
    client.force_login(teacher)
    response = add(
        client, assessment, upload(name, content, "image/png"), title="Kept title", description="Kept text"
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert reason in page
    assert 'value="Kept title"' in page and "Kept text</textarea>" in page
    assert not Evidence.objects.exists()


def test_one_refused_file_stores_none_of_the_batch(client, assessment, teacher, tmp_path):
    client.force_login(teacher)
    response = add(client, assessment, upload("ok.pdf", files.PDF), upload("bad.pdf", files.EXECUTABLE))
    assert response.status_code == 422
    assert not Evidence.objects.exists()
    assert not list((tmp_path / "evidence").rglob("*")) or not any(
        p.is_file() for p in (tmp_path / "evidence").rglob("*")
    )


def test_a_file_over_the_size_limit_is_refused(client, assessment, teacher, settings):
    settings.EVIDENCE_MAX_FILE_SIZE = 100
    client.force_login(teacher)
    response = add(client, assessment, upload("big.pdf", files.PDF + b" " * 200))
    assert response.status_code == 422
    assert "The file is larger than 100" in response.content.decode()
    assert not Evidence.objects.exists()


def test_files_over_the_assessments_quota_are_refused(client, assessment, teacher, settings):
    settings.EVIDENCE_MAX_ASSESSMENT_SIZE = len(files.PDF) + 10
    client.force_login(teacher)
    assert add(client, assessment, upload("first.pdf", files.PDF)).status_code == 302
    response = add(client, assessment, upload("second.png", files.png()))
    assert response.status_code == 422
    assert "These files do not fit" in response.content.decode()
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x"])
def test_only_web_links_are_accepted(client, assessment, teacher, url):
    client.force_login(teacher)
    response = add(client, assessment, url=url, title="Link")
    assert response.status_code == 422
    assert not Evidence.objects.exists()


def test_a_link_needs_a_title(client, assessment, teacher):
    client.force_login(teacher)
    response = add(client, assessment, url="https://example.org")
    assert response.status_code == 422
    assert "Give the link a title." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("plan\x07\x1b.pdf", "plan.pdf"),
        (("a" * 296) + ".pdf", None),
        (b"plan\xff\xfe.pdf".decode("utf-8", "surrogateescape"), None),
    ],
)
def test_awkward_file_names_are_made_safe_and_the_file_kept(assessment, teacher, name, expected):
    [item] = evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload(name, files.PDF)],
        target=Target(statement=statement()),
    )
    assert "/" not in item.original_name and "\\" not in item.original_name
    assert item.original_name.isprintable()
    assert len(item.original_name) <= 150 and item.original_name.endswith(".pdf")
    item.original_name.encode("utf-8")  # no lone surrogates left
    if expected:
        assert item.original_name == expected


def test_the_same_file_twice_is_stored_once_and_linked(client, assessment, teacher, tmp_path):
    client.force_login(teacher)
    add(client, assessment, upload("plan.pdf", files.PDF), code="4.3")
    add(client, assessment, upload("plan (copy).pdf", files.PDF), code="4.4")
    item = Evidence.objects.get()
    assert sorted(item.statements.values_list("code", flat=True)) == ["4.3", "4.4"]
    stored = [path for path in (tmp_path / "evidence").rglob("*") if path.is_file()]
    assert len(stored) == 1


def test_download_is_an_attachment_with_the_original_name_and_detected_type(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, upload("Plan lekcji – Kraków.pdf", files.PDF, "text/html"))
    item = Evidence.objects.get()
    response = client.get(reverse("evidence_download", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Plan%20lekcji%20%E2%80%93%20Krak%C3%B3w.pdf" in disposition
    assert b"".join(response.streaming_content) == files.PDF


def test_image_evidence_has_a_server_made_thumbnail(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, upload("photo.png", files.png(1200, 800)))
    response = client.get(reverse("evidence_thumbnail", args=[Evidence.objects.get().pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    import io

    from PIL import Image

    assert max(Image.open(io.BytesIO(response.content)).size) <= 320


def test_outsiders_and_other_countries_coordinators_get_404_on_download(
    client, submitted, outsider, coordinator_other
):
    item = submitted.evidence.first()
    for person in (outsider, coordinator_other):
        client.force_login(person)
        assert client.get(reverse("evidence_download", args=[item.pk])).status_code == 404


def test_a_teacher_removes_their_own_evidence_but_not_another_teachers(
    client, assessment, teacher, school_a, tmp_path
):
    other = MembershipFactory(school=school_a, role=Membership.Role.TEACHER).user
    [own] = evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload("mine.pdf", files.PDF)],
        target=Target(statement=statement()),
    )
    [theirs] = evidence_add_files(
        assessment=assessment,
        user=other,
        files=[upload("theirs.png", files.png())],
        target=Target(statement=statement()),
    )
    client.force_login(teacher)
    page = client.get(reverse("assessment_principle", args=[assessment.pk, "4"])).content.decode()
    assert reverse("evidence_remove", args=[own.pk]) in page
    assert reverse("evidence_remove", args=[theirs.pk]) not in page
    assert client.post(reverse("evidence_remove", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("evidence_remove", args=[own.pk])).status_code == 302
    assert list(Evidence.objects.all()) == [theirs]


def test_removing_evidence_deletes_its_file_after_commit(
    assessment, teacher, django_capture_on_commit_callbacks
):
    [item] = evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload("mine.pdf", files.PDF)],
        target=Target(statement=statement()),
    )
    name = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=item)
    assert not storages["evidence"].exists(name)


def test_submitted_evidence_survives_its_file_leaving_the_store(client, submitted, teacher):
    item = submitted.evidence.first()
    storages["evidence"].delete(item.file.name)
    client.force_login(teacher)
    response = client.get(reverse("evidence_download", args=[item.pk]))
    assert response.status_code == 404
    assert "no longer available" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.snapshot["evidence"][0]["sha256"] == item.sha256
    assert client.get(reverse("assessment_principle", args=[submitted.pk, "1"])).status_code == 200


def test_the_checklist_asks_for_evidence_where_statements_expect_it(assessment, leader, today):
    texts = [problem.message for problem in submission_problems(assessment, today=today)]
    assert "Attach the school's eSafety policy, as a document or a link." in texts
    assert any(text.startswith("Models for other schools: statements 4.1, 4.2") for text in texts)


def test_a_not_applicable_statement_needs_no_evidence(assessment, teacher, today):
    from assessment.services.assessments import response_save
    from assessment.submission import statements_missing_evidence

    response_save(
        assessment=assessment,
        statement=statement("4.5"),
        user=teacher,
        level="na",
        justification="No",
        version=0,
    )
    assert "4.5" not in [s.code for s in statements_missing_evidence(assessment)]
    assert "4.4" in [s.code for s in statements_missing_evidence(assessment)]


def test_the_overview_counts_evidence_per_principle(client, assessment, teacher):
    evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload("a.pdf", files.PDF)],
        target=Target(statement=statement("4.3")),
    )
    client.force_login(teacher)
    page = client.get(reverse("assessment_overview", args=[assessment.pk])).content.decode()
    assert "1 piece of evidence" in page


def test_a_refusal_is_explained_in_the_readers_language(client, assessment, teacher):
    client.force_login(teacher)
    data = {"statement": statement().pk, "files": [upload("setup.pdf", files.EXECUTABLE)]}
    response = client.post(
        reverse("evidence_add", args=[assessment.pk]), data, headers={"accept-language": "bg"}
    )
    with translation.override("bg"):
        reason = translation.gettext("Programs and scripts are not accepted as evidence.")
    assert reason != "Programs and scripts are not accepted as evidence."
    assert reason in response.content.decode()


@pytest.fixture
def evidence_storage_class(settings, tmp_path):
    """Use one of tests.fake_storage's failing storages for evidence."""

    def use(name: str) -> None:
        settings.STORAGES = {
            **settings.STORAGES,
            "evidence": evidence_storage(tmp_path / "evidence", f"tests.fake_storage.{name}"),
        }

    return use


def stored_files(tmp_path) -> list:
    return [path for path in (tmp_path / "evidence").rglob("*") if path.is_file()]


@pytest.mark.parametrize("storage", ["DiskFullStorage", "ObjectStoreDownStorage"])
def test_a_storage_that_cannot_take_the_file_is_a_503_with_the_reason_next_to_the_field_and_nothing_kept(
    client, assessment, teacher, tmp_path, evidence_storage_class, caplog, storage
):
    evidence_storage_class(storage)
    client.force_login(teacher)

    response = add(
        client, assessment, upload("plan.pdf", files.PDF), title="Kept title", description="Kept text"
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert "The files could not be stored just now (the storage is unavailable or full)" in page
    assert 'value="Kept title"' in page and "Kept text</textarea>" in page
    assert not Evidence.objects.exists()
    assert stored_files(tmp_path) == []
    assert "could not be stored" in caplog.text


def test_a_full_disk_answers_an_htmx_upload_in_its_section(
    client, assessment, teacher, evidence_storage_class
):
    evidence_storage_class("DiskFullStorage")
    client.force_login(teacher)

    response = add(client, assessment, upload("plan.pdf", files.PDF), htmx=True)

    assert response.status_code == 503
    assert "the storage is unavailable or full" in response.content.decode()


def test_a_worker_stopped_mid_batch_leaves_no_file_behind(
    assessment, teacher, tmp_path, evidence_storage_class
):
    from tests.fake_storage import SecondFileFailsStorage

    SecondFileFailsStorage.saved = 0
    evidence_storage_class("SecondFileFailsStorage")

    with pytest.raises(SystemExit):
        evidence_add_files(
            assessment=assessment,
            user=teacher,
            files=[upload("one.pdf", files.PDF), upload("two.png", files.png())],
            target=Target(statement=statement()),
        )

    assert SecondFileFailsStorage.saved == 2
    assert not Evidence.objects.exists()
    assert stored_files(tmp_path) == []


def test_a_database_failure_after_the_files_are_written_removes_them(
    assessment, teacher, tmp_path, monkeypatch
):
    from django.db import DatabaseError

    def database_gone(self, *args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Evidence, "save", database_gone)

    with pytest.raises(DatabaseError):
        evidence_add_files(
            assessment=assessment,
            user=teacher,
            files=[upload("one.pdf", files.PDF)],
            target=Target(statement=statement()),
        )

    assert stored_files(tmp_path) == []


def test_a_download_while_the_storage_is_down_is_a_503(client, assessment, teacher, monkeypatch):
    [item] = evidence_add_files(
        assessment=assessment,
        user=teacher,
        files=[upload("one.pdf", files.PDF)],
        target=Target(statement=statement()),
    )

    def unreadable(self, name, mode="rb"):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(type(storages["evidence"]), "open", unreadable)
    client.force_login(teacher)

    response = client.get(reverse("evidence_download", args=[item.pk]))

    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.parametrize("kind", HOSTILE)
def test_every_hostile_file_is_refused_by_the_upload_with_its_reason_and_nothing_kept(
    client, assessment, teacher, tmp_path, kind
):
    make, name, reason = HOSTILE[kind]
    client.force_login(teacher)

    response = add(client, assessment, upload(name, make(), "application/pdf"), title="Kept title")

    page = response.content.decode()
    assert response.status_code == 422
    assert escape(gettext(reason).split("%(")[0]) in page
    assert 'value="Kept title"' in page
    assert not Evidence.objects.exists()
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("report.pdf\x00.html", files.PDF, "report.pdf"),
        ("lesson\u202efdp.exe", files.PDF, "lessonfdp.pdf"),
        ("invoice.pdf.exe", files.PDF, "invoice.pdf"),
        ("photo.png.html", files.png(), "photo.png"),
    ],
)
def test_the_stored_name_ends_as_its_content_whatever_the_browser_sent(
    client, assessment, teacher, name, content, stored
):
    client.force_login(teacher)

    assert add(client, assessment, upload(name, content)).status_code == 302
    item = Evidence.objects.get()
    assert item.original_name == stored
    response = client.get(reverse("evidence_download", args=[item.pk]))
    assert f'filename="{stored}"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a link", "Enter a valid URL."),
        ("https://", "Enter a valid URL."),
        ("javascript:alert(1)", "Only web links (http or https) can be added."),
        ("ftp://example.org/x", "Only web links (http or https) can be added."),
    ],
)
def test_a_wrong_link_is_explained_once(client, assessment, teacher, url, message):
    client.force_login(teacher)
    response = add(client, assessment, url=url, title="Link")
    page = response.content.decode()
    assert response.status_code == 422
    assert page.count('class="invalid-feedback" id="url-error-') == 1
    assert escape(message) in page


def test_an_address_without_its_scheme_is_taken_as_a_web_link(client, assessment, teacher):
    client.force_login(teacher)
    assert add(client, assessment, url="example.org/project:2026", title="Link").status_code == 302
    assert Evidence.objects.get().url == "https://example.org/project:2026"


def test_the_title_typed_for_several_files_begins_each_ones_title(client, assessment, teacher):
    client.force_login(teacher)
    add(
        client,
        assessment,
        upload("Open day.png", files.png()),
        upload("Programme.pdf", files.PDF),
        title="Open day 2026",
    )
    assert sorted(Evidence.objects.values_list("title", flat=True)) == [
        "Open day 2026 – Open day.png",
        "Open day 2026 – Programme.pdf",
    ]


def test_several_files_without_a_title_are_named_after_their_files(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, upload("Open day.png", files.png()), upload("Programme.pdf", files.PDF))
    assert sorted(Evidence.objects.values_list("title", flat=True)) == ["Open day.png", "Programme.pdf"]


def test_a_file_already_in_the_self_assessment_says_so_and_keeps_what_was_typed_for_this_statement(
    client, assessment, teacher
):
    client.force_login(teacher)
    add(client, assessment, upload("plan.pdf", files.PDF), code="4.3", title="Plan of the year")
    response = add(
        client,
        assessment,
        upload("plan (copy).pdf", files.PDF),
        code="4.4",
        title="Mentoring in the plan",
        description="Page 3: two new schools mentored each year.",
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        escape(
            "“plan (copy).pdf” is already in this self-assessment as “Plan of the year”, so it was not "
            "stored a second time; it is now used here too."
        )
        in page
    )
    item = Evidence.objects.get()
    assert item.title == "Plan of the year"
    use = item.uses.get(statement__code="4.4")
    assert (use.title, use.description) == (
        "Mentoring in the plan",
        "Page 3: two new schools mentored each year.",
    )
    section = page[page.index('id="evidence-' + str(statement("4.4").pk)) :]
    assert "Mentoring in the plan" in section.split("</section>")[0]
    assert "Page 3: two new schools mentored each year." in section.split("</section>")[0]
    other = page[page.index('id="evidence-' + str(statement("4.3").pk)) :].split("</section>")[0]
    assert "Plan of the year" in other and "Mentoring in the plan" not in other


def test_an_htmx_upload_of_a_file_already_there_says_so_in_its_section(client, assessment, teacher):
    client.force_login(teacher)
    add(client, assessment, upload("plan.pdf", files.PDF), code="4.3")
    response = add(client, assessment, upload("again.pdf", files.PDF), code="4.4", htmx=True)
    section = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in section
    assert escape("“again.pdf” is already in this self-assessment as “plan.pdf”") in section


def test_what_was_written_for_a_statement_reaches_the_report_and_the_review(
    client, assessment, leader, today, coordinator
):
    from assessment.reports.data import report_data
    from assessment.services.assessments import assessment_submit
    from tests.conftest import complete

    complete(assessment, user=leader, today=today)
    evidence_add_files(
        assessment=assessment,
        user=leader,
        files=[upload("plan.txt", b"Plan of the year, agreed by the staff.")],
        target=Target(statement=statement("2.1")),
        title="Staff agreement",
        description="Signed by all twelve teachers.",
    )
    assessment_submit(assessment=assessment, user=leader, declaration_accepted=True, today=today)
    data = report_data(assessment, language="en")
    lines = {line.code: line for principle in data.principles for line in principle.statements}
    assert lines["2.1"].evidence_titles == ["Staff agreement"]
    assert lines["2.2"].evidence_titles == ["plan.txt"]
    client.force_login(coordinator)
    review = client.get(reverse("assessment_review", args=[assessment.pk])).content.decode()
    assert "Staff agreement" in review
