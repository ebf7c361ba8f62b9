"""Forms: they validate what a person typed; services do the writing."""

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.dates import ACTION_PLAN_YEARS, years_later
from assessment.languages import language_choices
from assessment.models import (
    ActionItem,
    Assessment,
    Principle,
    PrincipleFeedback,
    Response,
    School,
    SurveyGroup,
    SurveyQuestion,
    SurveyStatement,
    User,
)
from assessment.services.surveys import COMMENT_MAX_LENGTH
from assessment.tasks import email_enqueue

# Accounts and membership


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal next to the field it names, or above the form if none matches."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "preferred_language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Invitations and password resets reach a person by email, so every account needs one.
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        cast(forms.ChoiceField, self.fields["preferred_language"]).choices = language_choices()


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the teacher"),
        help_text=_("We email them a link to join the school."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its email sent as a task: retried when the mail server fails."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_enqueue(to=to_email, subject=subject, body=render_to_string(email_template_name, context))


class SignUpForm(UserCreationForm):
    """A new account for the person an invitation was sent to; the email comes from the invitation."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("first_name", "last_name", "username", "preferred_language")

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Known before validation, so that the password validators can refuse a password
        # that looks like the person's email address.
        self.instance.email = email
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["first_name"].widget.attrs["autofocus"] = True
        cast(forms.ChoiceField, self.fields["preferred_language"]).choices = language_choices()


# The school's data and the self-assessment.


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "region",
            "city",
            "etwinning_registered_on",
            "active_teachers",
            "quality_label_projects",
            "in_public_register",
        ]
        widgets = {"etwinning_registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_etwinning_registered_on(self) -> datetime.date:
        registered_on = self.cleaned_data["etwinning_registered_on"]
        if registered_on > timezone.localdate():
            raise forms.ValidationError(_("The registration date cannot be in the future."))
        return registered_on


class ResponseForm(forms.Form):
    """One statement's answer. `version` is the answer's version when the editor loaded it."""

    level = forms.ChoiceField(choices=[("", ""), *Response.Level.choices], required=False)
    justification = forms.CharField(
        label=_("Justification"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    # Sent by "save my merged answer" after a conflict: the version the editor has now seen.
    version_seen = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    # Fields only a tampered request can get wrong: a 400, not a message to the user.
    TAMPER_FIELDS = frozenset({"level", "version", "version_seen"})

    @property
    def base_version(self) -> int:
        seen = self.cleaned_data.get("version_seen")
        return self.cleaned_data["version"] if seen is None else seen

    @property
    def is_tampered(self) -> bool:
        return bool(self.TAMPER_FIELDS & set(self.errors))


class ESafetyForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["esafety_answer", "esafety_comment"]
        widgets = {
            "esafety_answer": forms.RadioSelect,
            "esafety_comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["esafety_answer"].required = True
        cast(forms.ChoiceField, self.fields["esafety_answer"]).choices = Assessment.ESafety.choices


class ActionStepForm(forms.ModelForm):
    """A step of the action plan as the leader writes it, within the plan's two years."""

    class Meta:
        model = ActionItem
        fields = ["action", "owner", "due_on", "success_indicator"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "success_indicator": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_due_on(self) -> datetime.date:
        due_on = self.cleaned_data["due_on"]
        today = timezone.localdate()
        if due_on < today:
            raise forms.ValidationError(_("The due date cannot be in the past."))
        if due_on > years_later(today, ACTION_PLAN_YEARS):
            raise forms.ValidationError(
                _("The action plan covers the next two years: choose an earlier date.")
            )
        return due_on


class ActionItemForm(ActionStepForm):
    """A new step, for the principle whose section of the plan it is added in."""

    class Meta(ActionStepForm.Meta):
        fields = ["principle", *ActionStepForm.Meta.fields]
        widgets = {**ActionStepForm.Meta.widgets, "principle": forms.HiddenInput()}

    def __init__(self, *args: Any, principles: QuerySet[Principle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["principle"]).queryset = principles


class SubmitForm(forms.Form):
    declaration = forms.BooleanField(
        required=False,
        label=_(
            "I declare on my honour that the information in this self-assessment is true and that "
            "the school's staff took part in preparing it."
        ),
    )


# Evidence.


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; what they may contain is decided by `uploads.inspect_upload`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class WebLinkValidator(URLValidator):
    """Django's check of an address, for web links only, with one message for each way a link
    can be wrong: another kind of address, or no address at all. (Its own code, not "invalid":
    a form field puts its own message in place of an "invalid" one.)"""

    def __init__(self) -> None:
        super().__init__(schemes=["http", "https"])

    def __call__(self, value: Any) -> None:
        scheme, separator, _rest = str(value).partition(":")
        if separator and scheme.lower() not in self.schemes and "." not in scheme:
            raise ValidationError(_("Only web links (http or https) can be added."), code="not_web")
        super().__call__(value)


class WebLinkField(forms.URLField):
    """A URL field whose one validator is `WebLinkValidator` (a form field adds its
    `validators` to the defaults, and two checks would say the same thing twice)."""

    default_validators = [WebLinkValidator()]


class EvidenceForm(forms.Form):
    """Files or a link, for one statement (or the eSafety item)."""

    # Django's form metaclass takes declared fields off the class, so this does not hide the
    # form's own `files` (the uploads); only the type checker sees the two meet.
    files = MultipleFileField(label=_("Files"), required=False)  # type: ignore[assignment]
    url = WebLinkField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    statement = forms.IntegerField(required=False, widget=forms.HiddenInput)
    esafety = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A refused link already has its own message; otherwise something must be given.
        if not data.get("files") and not data.get("url") and "url" not in self.errors:
            raise forms.ValidationError(_("Choose one or more files, or give a link."))
        if data.get("url") and not data.get("title"):
            self.add_error("title", _("Give the link a title."))
        return data


class EvidenceSectionForm(forms.Form):
    """Which section of evidence a button was pressed in: a statement's, or the eSafety item's."""

    statement = forms.IntegerField(required=False)
    esafety = forms.BooleanField(required=False)


class EvidenceAttachForm(EvidenceSectionForm):
    evidence = forms.IntegerField()


# The national review.


class FeedbackForm(forms.Form):
    agreement = forms.ChoiceField(
        label=_("Your view of the school's self-assessment"),
        choices=[("", _("Not given"))] + PrincipleFeedback.Agreement.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the school"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (never shown to the school)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    CHOICES = {
        "return": _("Return to the school for changes"),
        "award": _("Award the eTwinning School label"),
        "decline": _("Do not award the label"),
    }
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=CHOICES,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the school"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning or declining."),
    )

    def decision_label(self) -> str:
        """The chosen decision as the form names it; call once the form is valid."""
        return str(self.CHOICES[self.cleaned_data["decision"]])


class SurveyOpenForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"), choices=SurveyGroup.choices)
    language = forms.ChoiceField(
        label=_("Language of the poster"),
        choices=language_choices,
        help_text=_("Respondents can still choose their own language on the survey."),
    )


class SurveyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Survey code"),
        max_length=20,
        help_text=_("The eight letters and digits on the poster or given by the school, such as ABCD-2345."),
    )

    def clean_code(self) -> str:
        """The code as stored: upper case, without the dash or spaces people type."""
        return "".join(char for char in self.cleaned_data["code"].upper() if char.isalnum())


class SurveyAnswerForm(forms.Form):
    """A level (or "I don't know") per statement of the survey, and the open questions."""

    STATEMENT_PREFIX, QUESTION_PREFIX = "s", "q"

    def __init__(
        self,
        data: Any = None,
        *,
        statements: list[SurveyStatement],
        questions: list[SurveyQuestion],
        levels: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        self._statements, self._questions = statements, questions
        for item in statements:
            self.fields[f"{self.STATEMENT_PREFIX}{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=levels,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer, or “I don't know”.")},
            )
        for question in questions:
            self.fields[f"{self.QUESTION_PREFIX}{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def sections(self) -> list[dict[str, Any]]:
        """The form by principle: its statements' fields, then its open question's."""
        sections: dict[int, dict[str, Any]] = {}
        for item in self._statements:
            principle = item.statement.principle
            section = sections.setdefault(
                principle.pk, {"principle": principle, "statements": [], "question": None}
            )
            section["statements"].append(self[f"{self.STATEMENT_PREFIX}{item.pk}"])
        for question in self._questions:
            if question.principle_id in sections:
                sections[question.principle_id]["question"] = self[f"{self.QUESTION_PREFIX}{question.pk}"]
        return list(sections.values())

    def unknown_fields(self) -> list[str]:
        """Answers sent for statements or questions that are not in this survey."""
        return [
            name
            for name in self.data
            if name[:1] in {self.STATEMENT_PREFIX, self.QUESTION_PREFIX}
            and name[1:].isdigit()
            and name not in self.fields
        ]

    def answers(self) -> tuple[dict[int, str], dict[int, str]]:
        """(levels by survey statement id, comments by question id), once valid."""
        levels, comments = {}, {}
        for name, value in self.cleaned_data.items():
            if name.startswith(self.STATEMENT_PREFIX):
                levels[int(name[1:])] = value
            else:
                comments[int(name[1:])] = value
        return levels, comments


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "The school is emailed this reason; the public verification page says only that the label was revoked."
        ),
    )
    confirmed = forms.BooleanField(
        label=_(
            "I confirm that the label is revoked at once: its verification page and its credential say so."
        ),
    )
