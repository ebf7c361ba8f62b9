import datetime
from typing import cast

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.tasks import TaskResultStatus
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from modeltranslation.admin import TabbedTranslationAdmin

from assessment.models import (
    Assessment,
    Call,
    CoordinatorAssignment,
    Country,
    ESafetyItem,
    Framework,
    Invitation,
    Membership,
    Principle,
    ScaleLevel,
    School,
    Statement,
    StatusChange,
    Survey,
    SurveyQuestion,
    SurveyStatement,
    User,
)
from assessment.services.review import label_validity_change


@admin.register(User)
class AppUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), (_("Preferences"), {"fields": ("preferred_language",)}))
    list_display = ("username", "email", "first_name", "last_name", "preferred_language", "is_staff")


@admin.register(Framework)
class FrameworkAdmin(TabbedTranslationAdmin):
    list_display = ("version",)


@admin.register(Principle)
class PrincipleAdmin(TabbedTranslationAdmin):
    list_display = ("code", "short_title", "framework")
    list_filter = ("framework",)
    ordering = ("framework", "order")


@admin.register(Statement)
class StatementAdmin(TabbedTranslationAdmin):
    list_display = ("code", "text", "evidence_expected", "weight", "principle")
    list_filter = ("principle__framework", "principle", "evidence_expected")
    list_select_related = ("principle",)
    search_fields = ("code", "text")


@admin.register(ScaleLevel)
class ScaleLevelAdmin(TabbedTranslationAdmin):
    list_display = ("code", "label", "meaning", "framework")
    list_filter = ("framework",)


@admin.register(ESafetyItem)
class ESafetyItemAdmin(TabbedTranslationAdmin):
    list_display = ("framework", "text")


@admin.register(SurveyStatement)
class SurveyStatementAdmin(TabbedTranslationAdmin):
    list_display = ("statement", "group", "text")
    list_filter = ("statement__principle__framework", "group")
    list_select_related = ("statement",)
    search_fields = ("statement__code", "text")


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(TabbedTranslationAdmin):
    list_display = ("principle", "group", "text")
    list_filter = ("principle__framework", "group")
    list_select_related = ("principle",)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """The schools' surveys, to see which are open; their answers are not shown here, only
    as the school sees them (a group too small stays hidden)."""

    list_display = ("assessment", "group", "is_open", "opened_at", "closed_at")
    list_filter = ("group", "is_open", "assessment__call")
    list_select_related = ("assessment__school", "assessment__call")
    fields = ("assessment", "group", "language", "is_open", "opened_at", "closed_at")
    readonly_fields = ("assessment", "group", "opened_at", "closed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "region", "city")
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("name", "city", "region")
    inlines = [MembershipInline]


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "country")
    list_filter = ("country",)
    list_select_related = ("user", "country")
    autocomplete_fields = ("user",)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("name", "opens_on", "closes_on", "framework")
    list_filter = ("framework",)
    fieldsets = (
        (None, {"fields": ("name", "opens_on", "closes_on", "framework", "label_validity_years")}),
        (
            _("Eligibility"),
            {"fields": ("min_registration_years", "min_active_teachers", "min_quality_label_projects")},
        ),
        (_("Scores"), {"fields": ("profile_threshold", "approaching_threshold")}),
    )


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "from_status", "to_status", "comment")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class AssessmentAdminForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["label_valid_until"]

    def clean_label_valid_until(self) -> datetime.date | None:
        valid_until = self.cleaned_data["label_valid_until"]
        if "label_valid_until" in self.changed_data:
            if self.instance.status != Assessment.Status.AWARDED:
                raise forms.ValidationError(_("Only an awarded label has a validity."))
            if valid_until is None:
                raise forms.ValidationError(_("An awarded label needs the date it is valid until."))
        return valid_until


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only but for an awarded label's validity: the school's answers change only through
    the app, with their version checks, and decisions only through the review."""

    form = AssessmentAdminForm
    list_display = ("school", "call", "status", "submitted_at", "label_valid_until")
    list_filter = ("status", "call", "school__country")
    list_select_related = ("school", "call")
    search_fields = ("school__name",)
    fields = (
        "school",
        "call",
        "status",
        "esafety_answer",
        "esafety_comment",
        "submitted_at",
        "declaration_name",
        "declaration_at",
        "decided_at",
        "decided_by",
        "decision_comment",
        "label_valid_until",
    )
    readonly_fields = fields[:-1]
    inlines = [StatusChangeInline]

    def save_model(self, request: HttpRequest, obj: Assessment, form: forms.ModelForm, change: bool) -> None:
        # A new validity is logged in the status log and told to the school, like a decision.
        if change and "label_valid_until" in form.changed_data:
            label_validity_change(
                # Only staff reach the admin, so its requests always carry a signed-in user.
                assessment=obj,
                user=cast(User, request.user),
                valid_until=form.cleaned_data["label_valid_until"],
            )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "school", "created_at", "expires_at", "accepted_at")
    list_select_related = ("school",)
    readonly_fields = ("token_hash",)


# Background tasks (with TASKS_BACKEND=database): django-tasks-db lists them read-only; here a
# failed one (an email the mail server refused for good, a report the engine could not make)
# can also be run again, once its cause is fixed.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    actions = ["run_again"]

    @admin.action(description=_("Run the selected failed tasks again"))
    def run_again(self, request: HttpRequest, queryset: QuerySet[DBTaskResult]) -> None:
        failed = list(queryset.filter(status=TaskResultStatus.FAILED))
        for result in failed:
            task = import_string(result.task_path).using(
                priority=result.priority, queue_name=result.queue_name, backend=result.backend_name
            )
            task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        self.message_user(
            request,
            ngettext("%(count)d task queued again.", "%(count)d tasks queued again.", len(failed))
            % {"count": len(failed)},
        )
