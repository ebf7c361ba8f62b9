"""What every page's navigation needs to know about the person looking at it."""

from collections.abc import Callable
from functools import partial

from django.http import HttpRequest

from assessment import permissions


def roles(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """Whether to show the coordinators' links.

    A callable, which templates call only when they use it: partials (the autosave answers)
    then cost no query, and a page costs at most one, cached on the user for the request.
    """
    return {"is_coordinator": partial(permissions.is_coordinator, request.user)}
