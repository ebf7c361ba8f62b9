from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person using the app: school leader, teacher, national coordinator or admin.

    What a person may do comes from their memberships and coordinator assignments, never
    from a flag on the account (except `is_superuser` for administrators).
    """

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for the emails you receive and as the default language of reports."),
    )

    # Filled once per request by `assessment.permissions`: not fields.
    _school_roles: dict[int, str]
    _coordinated_countries: frozenset[int]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
