"""What a view knows of its request: that a person is logged in, and whether htmx sent it."""

from django.http import HttpRequest

from assessment.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a person, never anonymous.
    For type checking only; Django builds the request."""

    user: User


def is_htmx(request: HttpRequest) -> bool:
    """htmx's requests are answered with the part they swap in."""
    return request.headers.get("HX-Request") == "true"
