"""Reads of schools: their members and invitations, their calls and their history."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from assessment.models import (
    Assessment,
    Call,
    Invitation,
    Membership,
    School,
    User,
)
from assessment.scoring import code_order, score_changes


def assessments_of_school(school: School) -> list[Assessment]:
    return list(school.assessments.select_related("call").order_by("-call__opens_on"))


def calls_open(*, today: datetime.date) -> list[Call]:
    return list(Call.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on"))


def schools_of(user: User) -> list[School]:
    return list(School.objects.filter(memberships__user=user).select_related("country").order_by("name"))


def call_for(pk: int) -> Call:
    call = Call.objects.select_related("framework").filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def school_members(school: School) -> list[Membership]:
    return list(
        school.memberships.select_related("user").order_by(
            "role", "user__last_name", "user__first_name", "pk"
        )
    )


def invitations_pending(school: School) -> list[Invitation]:
    return list(
        school.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related(
            "invited_by"
        )
    )


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def school_language(school: School) -> str:
    """The language the school reads in: its (first) leader's preferred language."""
    leader = (
        Membership.objects.filter(school=school, role=Membership.Role.LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return leader.user.preferred_language if leader else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class HistoryRow:
    call: str
    scores: dict[str, float | None]
    overall: float | None
    changes: dict[str, float | None]


def school_history(school: School) -> list[HistoryRow]:
    """The school's submitted assessments, oldest first, with the change since the one before."""
    rows: list[HistoryRow] = []
    submitted = (
        school.assessments.exclude(principle_scores__isnull=True)
        .select_related("call")
        .only("principle_scores", "overall_score", "call__name", "call__opens_on")
        .order_by("call__opens_on")
    )
    for assessment in submitted:
        # The scores stored at submission; principle codes sort in principle order.
        stored = assessment.principle_scores or {}
        scores = dict(sorted(stored.items(), key=lambda item: code_order(item[0])))
        before = rows[-1].scores if rows else {}
        changes = score_changes(scores, before) if before else dict.fromkeys(scores)
        rows.append(HistoryRow(assessment.call.name, scores, assessment.overall_score, changes))
    return rows
