from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The admin lives where ADMIN_PATH says, away from the usual address bots try.
    path(settings.ADMIN_PATH, admin.site.urls),
    # Django's set_language view: stores the chosen language in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    # Log in and out, password change and reset (templates in templates/registration/).
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("assessment.urls")),
]
