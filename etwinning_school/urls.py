from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from assessment.forms import QueuedPasswordResetForm

urlpatterns = [
    # The admin lives where ADMIN_PATH says, away from the usual address bots try.
    path(settings.ADMIN_PATH, admin.site.urls),
    # Django's set_language view: stores the chosen language in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    # Log in and out, password change and reset (templates in templates/registration/); the
    # reset email goes out as a background task, so it comes before Django's own address.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("assessment.urls")),
]

# Branded error pages in the visitor's language (assessment/views/errors.py).
handler400 = "assessment.views.errors.bad_request"
handler403 = "assessment.views.errors.permission_denied"
handler404 = "assessment.views.errors.page_not_found"
handler500 = "assessment.views.errors.server_error"
