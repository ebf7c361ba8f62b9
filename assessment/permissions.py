"""Who may do what: the one vocabulary used by views, templates and tests.

Predicates answer a question (`can_submit(user, assessment)`); fetch helpers
(`get_assessment_for(user, pk, edit=True)`) load the object a request names and
authorize it in the same step. Another school's object is a 404, never a glimpse; a
read-only role asking to change something is a 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from assessment.models import ActionItem, Assessment, Evidence, Invitation, Membership, School, Survey, User

# Whoever is asking: a person logged in, or nobody.
type Person = User | AnonymousUser


def school_roles(user: Person) -> dict[int, str]:
    """{school id: role} for the user's memberships, loaded once per request."""
    if not isinstance(user, User):
        return {}
    if not hasattr(user, "_school_roles"):
        user._school_roles = dict(Membership.objects.filter(user=user).values_list("school_id", "role"))
    return user._school_roles


def coordinated_countries(user: Person) -> frozenset[int]:
    """Ids of the countries the user is a national coordinator of, loaded once per request."""
    if not isinstance(user, User):
        return frozenset()
    if not hasattr(user, "_coordinated_countries"):
        user._coordinated_countries = frozenset(
            user.coordinator_assignments.values_list("country_id", flat=True)
        )
    return user._coordinated_countries


def is_member(user: Person, school: School) -> bool:
    return school.pk in school_roles(user)


def is_leader(user: Person, school: School) -> bool:
    return school_roles(user).get(school.pk) == Membership.Role.LEADER


def is_coordinator(user: Person) -> bool:
    return bool(coordinated_countries(user))


def can_view_school(user: Person, school: School) -> bool:
    return is_member(user, school) or user.is_superuser


def can_manage_school(user: Person, school: School) -> bool:
    """Edit the school's data, invite and remove members, open an assessment."""
    return is_leader(user, school)


def can_view_assessment(user: Person, assessment: Assessment) -> bool:
    # Coordinators read what a school has submitted (and what they returned), never a first draft.
    return (
        is_member(user, assessment.school)
        or user.is_superuser
        or (
            assessment.school.country_id in coordinated_countries(user)
            and assessment.status != assessment.Status.DRAFT
        )
    )


def can_edit_assessment(user: Person, assessment: Assessment) -> bool:
    return assessment.is_draft and is_member(user, assessment.school)


def can_submit(user: Person, assessment: Assessment) -> bool:
    return assessment.is_draft and is_leader(user, assessment.school)


def can_review(user: Person, assessment: Assessment) -> bool:
    """A coordinator of the school's country, while the submission awaits a decision."""
    return assessment.school.country_id in coordinated_countries(user) and assessment.status in {
        assessment.Status.SUBMITTED,
        assessment.Status.IN_REVIEW,
    }


def can_see_internal_notes(user: Person, assessment: Assessment) -> bool:
    return assessment.school.country_id in coordinated_countries(user) or user.is_superuser


def reads_on_review_page(user: Person, assessment: Assessment) -> bool:
    """A coordinator or an admin outside the school reads a submission on its review page,
    which shows what was submitted (the snapshot), never the framework as it is now."""
    return (
        not assessment.is_draft
        and not is_member(user, assessment.school)
        and can_see_internal_notes(user, assessment)
    )


def can_see_national_figures(user: Person) -> bool:
    return is_coordinator(user) or user.is_superuser


def can_add_note(user: Person, assessment: Assessment) -> bool:
    """Internal notes are written by the coordinators of the school's country; an admin reads them."""
    return assessment.school.country_id in coordinated_countries(user)


def coordinated_assessments(user: Person) -> QuerySet[Assessment]:
    """Every assessment a coordinator may list and count: their countries' (an admin's: all),
    never a first draft. The one scope of the inbox, the national figures, the CSV and the
    register; `can_view_assessment` is the same rule for a single assessment."""
    assessments = Assessment.objects.exclude(status=Assessment.Status.DRAFT)
    if user.is_superuser:
        return assessments
    return assessments.filter(school__country_id__in=coordinated_countries(user))


def require_national_figures(user: Person) -> None:
    """The coordinators' pages (inbox, dashboard, export, register) do not exist for anyone else."""
    if not can_see_national_figures(user):
        raise Http404


def can_change_action(user: Person, action: ActionItem) -> bool:
    """Edit or remove a step: the person who added it, or the school's leader, while a draft."""
    return can_edit_assessment(user, action.assessment) and (
        action.created_by_id == user.pk or is_leader(user, action.assessment.school)
    )


def can_remove_evidence(user: Person, evidence: Evidence) -> bool:
    """The person who added it, or the school's leader, while the assessment is a draft."""
    return can_edit_assessment(user, evidence.assessment) and (
        evidence.added_by_id == user.pk or is_leader(user, evidence.assessment.school)
    )


def can_manage_surveys(user: Person, assessment: Assessment) -> bool:
    """Open, close and reopen the school's surveys, and read what respondents wrote in their
    own words (which may name someone): the school's leader."""
    return is_leader(user, assessment.school)


def can_download_credential(user: Person, assessment: Assessment) -> bool:
    """The label's credential and baked badge are the school's: its members (and admins)."""
    return assessment.status == Assessment.Status.AWARDED and (
        is_member(user, assessment.school) or user.is_superuser
    )


def can_revoke_label(user: Person, assessment: Assessment) -> bool:
    """A coordinator of the school's country, or an admin, may revoke an awarded label."""
    return assessment.status == Assessment.Status.AWARDED and (
        assessment.school.country_id in coordinated_countries(user) or user.is_superuser
    )


def get_school_for(user: Person, pk: int, *, manage: bool = False) -> School:
    school = School.objects.select_related("country").filter(pk=pk).first()
    if school is None or not can_view_school(user, school):
        raise Http404
    if manage and not can_manage_school(user, school):
        raise PermissionDenied
    return school


def get_assessment_for(
    user: Person, pk: int, *, edit: bool = False, submit: bool = False, review: bool = False
) -> Assessment:
    # The snapshot (100 KB or so) is read only by the pages that show a submission.
    assessment = (
        Assessment.objects.select_related("school__country", "call__framework")
        .defer("snapshot")
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not can_view_assessment(user, assessment):
        raise Http404
    if edit and not can_edit_assessment(user, assessment):
        raise PermissionDenied
    if submit and not can_submit(user, assessment):
        raise PermissionDenied
    if review and not can_review(user, assessment):
        raise PermissionDenied
    return assessment


def get_review_for(user: Person, pk: int, *, review: bool = False) -> Assessment:
    """The assessment, for someone who may see its review (its country's coordinators, admins):
    for anyone else the review does not exist (404); `review=True` also asks to change it (403
    for an admin, or once decided)."""
    assessment = get_assessment_for(user, pk)
    if not can_see_internal_notes(user, assessment):
        raise Http404
    if review and not can_review(user, assessment):
        raise PermissionDenied
    return assessment


def get_invitation_for(token: str) -> Invitation:
    """The invitation a link names, or 404. The secret token is the permission: anyone holding it may
    join, which is why it is long, random, stored only as a hash, and good for one use."""
    invitation = (
        Invitation.objects.select_related("school", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def get_membership_for(user: Person, pk: int, *, manage: bool = False) -> Membership:
    membership = Membership.objects.select_related("school", "user").filter(pk=pk).first()
    if membership is None or not can_view_school(user, membership.school):
        raise Http404
    if manage and not can_manage_school(user, membership.school):
        raise PermissionDenied
    return membership


def get_action_for(user: Person, pk: int, *, change: bool = False) -> ActionItem:
    action = (
        ActionItem.objects.select_related("assessment__school__country", "assessment__call", "principle")
        .filter(pk=pk)
        .first()
    )
    if action is None or not can_view_assessment(user, action.assessment):
        raise Http404
    if change and not can_change_action(user, action):
        raise PermissionDenied
    return action


def get_evidence_for(user: Person, pk: int, *, edit: bool = False, remove: bool = False) -> Evidence:
    """The item, for someone who may see its assessment; `edit` also asks to work on the draft
    (confirm a copied item), `remove` to remove it."""
    evidence = (
        Evidence.objects.select_related("assessment__school__country", "assessment__call", "added_by")
        .filter(pk=pk)
        .first()
    )
    if evidence is None or not can_view_assessment(user, evidence.assessment):
        raise Http404
    if edit and not can_edit_assessment(user, evidence.assessment):
        raise PermissionDenied
    if remove and not can_remove_evidence(user, evidence):
        raise PermissionDenied
    return evidence


def get_survey_for(user: Person, pk: int, *, manage: bool = False) -> Survey:
    """A school's survey, for whoever may see its assessment; `manage=True`: its leader."""
    survey = (
        Survey.objects.select_related("assessment__school__country", "assessment__call").filter(pk=pk).first()
    )
    if survey is None or not can_view_assessment(user, survey.assessment):
        raise Http404
    if manage and not can_manage_surveys(user, survey.assessment):
        raise PermissionDenied
    return survey
