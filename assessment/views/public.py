"""Pages anyone may read: the mission and the five principles, and how the label works."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from assessment.selectors import framework_current


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/home.html", {"framework": framework_current()})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/about.html", {"framework": framework_current()})
