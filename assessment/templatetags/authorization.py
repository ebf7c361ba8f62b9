"""The predicates of `assessment.permissions`, for templates: a page offers only what its
reader may do, by the same rule the view applies when it is done."""

from django import template

from assessment import permissions
from assessment.models import ActionItem, Evidence

register = template.Library()


@register.filter
def can_change_action(user: permissions.Person, action: ActionItem) -> bool:
    return permissions.can_change_action(user, action)


@register.filter
def can_remove_evidence(user: permissions.Person, evidence: Evidence) -> bool:
    return permissions.can_remove_evidence(user, evidence)
