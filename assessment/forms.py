"""Forms: they validate what a person typed; services do the writing."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessment.models import User

# Accounts and membership


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Invitations and password resets reach a person by email, so every account needs one.
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the teacher"),
        help_text=_("We email them a link to join the school."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class SignUpForm(UserCreationForm):
    """A new account for the person an invitation was sent to; the email comes from the invitation."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["first_name", "last_name", "username", "preferred_language"]

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Known before validation, so that the password validators can refuse a password
        # that looks like the person's email address.
        self.instance.email = email
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["first_name"].widget.attrs["autofocus"] = True
