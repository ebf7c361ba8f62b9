"""The app's URLs and the floor: a bare view that renders a small template for a logged-in
person through the same middleware stack. What every page costs before it does anything."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

FLOOR = engines["django"].from_string(
    "{% load i18n %}<!doctype html><html lang=\"{{ LANGUAGE_CODE }}\"><title>{% translate 'eTwinning School' %}"
    "</title><main><h1>{% translate 'Results' %}</h1><p>{{ request.user.get_username }}</p></main></html>"
)


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR.render({}, request))


urlpatterns = [path("bench/floor/", floor), path("", include("etwinning_school.urls"))]
