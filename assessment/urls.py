from django.urls import path, register_converter

from assessment.views import (
    accounts,
    coordinator,
    credentials,
    evidence,
    national,
    public,
    questionnaire,
    reports,
    respondents,
    review,
    school,
    surveys,
)


class TokenConverter:
    """A secret of a link (an invitation, a survey, a label's page): URL-safe letters only, so
    that nothing else (a NUL byte, which PostgreSQL refuses in text) ever reaches a query."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CountryCodeConverter(TokenConverter):
    regex = "[A-Za-z]{2}"


class FrameworkCodeConverter(TokenConverter):
    """A principle's code ("1", "2", ...), as the framework file gives them."""

    regex = "[A-Za-z0-9.]+"


register_converter(TokenConverter, "token")
register_converter(FrameworkCodeConverter, "framework_code")
register_converter(CountryCodeConverter, "country")

urlpatterns = [
    path("", public.home, name="home"),
    path("about/", public.about, name="about"),
    # Accounts and school membership.
    path("accounts/profile/", accounts.profile, name="profile"),
    path("invitations/<token:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("schools/<int:pk>/members/", accounts.school_members, name="school_members"),
    path("members/<int:pk>/remove/", accounts.member_remove, name="member_remove"),
    # The school's side.
    path("schools/", school.school_list, name="school_list"),
    path("schools/<int:pk>/", school.school_dashboard, name="school_dashboard"),
    path("schools/<int:pk>/edit/", school.school_edit, name="school_edit"),
    path("schools/<int:pk>/calls/<int:call_pk>/start/", school.assessment_start, name="assessment_start"),
    # The questionnaire.
    path("assessments/<int:pk>/", questionnaire.overview, name="assessment_overview"),
    path("assessments/<int:pk>/esafety/", questionnaire.esafety, name="assessment_esafety"),
    path(
        "assessments/<int:pk>/principles/<framework_code:code>/",
        questionnaire.principle,
        name="assessment_principle",
    ),
    path(
        "assessments/<int:pk>/statements/<int:statement_pk>/",
        questionnaire.response_save,
        name="response_save",
    ),
    path("assessments/<int:pk>/action-plan/", questionnaire.action_plan, name="action_plan"),
    path("actions/<int:pk>/edit/", questionnaire.action_edit, name="action_edit"),
    path("actions/<int:pk>/remove/", questionnaire.action_remove, name="action_remove"),
    path("assessments/<int:pk>/submit/", questionnaire.submit, name="assessment_submit"),
    # Results and the report.
    path("assessments/<int:pk>/results/", reports.results, name="assessment_results"),
    path("assessments/<int:pk>/report/", reports.report, name="assessment_report"),
    # The school's surveys of its staff, students and parents.
    path("assessments/<int:pk>/surveys/", surveys.surveys, name="assessment_surveys"),
    path("assessments/<int:pk>/surveys/counts/", surveys.survey_counts, name="survey_counts"),
    path("assessments/<int:pk>/surveys.csv", surveys.survey_results_csv, name="survey_results_csv"),
    path("surveys/<int:pk>/close/", surveys.survey_close, name="survey_close"),
    path("surveys/<int:pk>/reopen/", surveys.survey_reopen, name="survey_reopen"),
    path("surveys/<int:pk>/poster/", surveys.survey_poster, name="survey_poster"),
    # Answering a survey: anyone with its link or code, no account.
    path("survey/", respondents.survey_enter, name="survey_enter"),
    path("survey/<token:token>/", respondents.survey_answer, name="survey_answer"),
    path("survey/<token:token>/thanks/", respondents.survey_done, name="survey_done"),
    # National coordinators.
    path("coordinator/", coordinator.inbox, name="coordinator_inbox"),
    path("coordinator/dashboard/", national.dashboard, name="national_dashboard"),
    path("coordinator/export.csv", national.export_csv, name="national_export"),
    path("coordinator/labels/", national.label_register, name="label_register"),
    path("coordinator/labels.csv", national.label_register_csv, name="label_register_csv"),
    path("assessments/<int:pk>/review/", review.review, name="assessment_review"),
    path(
        "assessments/<int:pk>/review/feedback/<framework_code:code>/",
        review.feedback_save,
        name="review_feedback",
    ),
    path("assessments/<int:pk>/review/notes/", review.note_add, name="review_note"),
    path("assessments/<int:pk>/review/decision/", review.decide, name="review_decision"),
    path("assessments/<int:pk>/certificate/", review.certificate, name="label_certificate"),
    # The label's credential: the school's downloads, a coordinator's revocation.
    path(
        "assessments/<int:pk>/label/credential.json",
        credentials.credential_download,
        name="credential_download",
    ),
    path("assessments/<int:pk>/label/badge.png", credentials.credential_badge, name="credential_badge"),
    path("assessments/<int:pk>/label/revoke/", review.label_revoke, name="label_revoke"),
    # Anyone may check a label: its page, its badge, the keys and the issuers' documents.
    path("verify/<token:code>/", credentials.verify, name="credential_verify"),
    path("verify/<token:code>/badge.svg", credentials.badge_svg, name="credential_badge_svg"),
    path("verify/<token:code>/badge.png", credentials.badge_png, name="credential_badge_png"),
    path("labels/<country:code>/", credentials.public_register, name="public_register"),
    path(".well-known/credential-keys.json", credentials.keys, name="credential_keys"),
    path(".well-known/credential-keys/<token:kid>", credentials.key, name="credential_key"),
    path("issuers/<country:code>/", credentials.issuer, name="credential_issuer"),
    path(
        "issuers/<country:code>/achievement/", credentials.issuer_achievement, name="credential_achievement"
    ),
    path("issuers/<country:code>/revocations.json", credentials.revocations, name="credential_revocations"),
    # Evidence.
    path("assessments/<int:pk>/evidence/add/", evidence.evidence_add, name="evidence_add"),
    path("assessments/<int:pk>/evidence/attach/", evidence.evidence_attach, name="evidence_attach"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/thumbnail/", evidence.evidence_thumbnail, name="evidence_thumbnail"),
    path("evidence/<int:pk>/confirm/", evidence.evidence_confirm, name="evidence_confirm"),
    path("evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
]
