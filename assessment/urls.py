from django.urls import path

from assessment.views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("about/", public.about, name="about"),
]
