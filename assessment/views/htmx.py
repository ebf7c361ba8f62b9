"""What htmx adds to a request: pages answer its requests with the part they swap in."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
