"""Settings for the eTwinning School self-assessment, read from environment variables.

Every variable is documented in README.md. The defaults give the embedded set-up: an
SQLite file and private folders inside the project, email printed to the console.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from etwinning_school.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()
LOG_LEVELS = ("debug", "info", "warning", "error")

DEBUG = env.read_bool("DEBUG", default=False)

SECRET_KEY = env.read_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: use a long random string, "
            "for example the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.read_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its admin classes patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "axes",
    "assessment",
]
N_PLUS_ONE_CHECKS = env.read_bool("N_PLUS_ONE_CHECKS", default=False)
if N_PLUS_ONE_CHECKS:
    # The test suite's N+1 query detector (django-zeal): every request made in the tests fails
    # on a related object loaded one by one for each item of a list. Never in production.
    INSTALLED_APPS.append("zeal")
    ZEAL_RAISE = True

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are served by the app itself (no CDN), right after the security headers.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from them) and before CommonMiddleware
    # (which may redirect, and should do so in the visitor's language).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns away a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]
if N_PLUS_ONE_CHECKS:
    MIDDLEWARE.insert(0, "zeal.middleware.zeal_middleware")

ROOT_URLCONF = "etwinning_school.urls"
WSGI_APPLICATION = "etwinning_school.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assessment.context_processors.roles",
            ],
        },
    },
]

DATABASES = {"default": env.read_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must not hold a request until the app server kills its
    # worker: give up connecting after a few seconds, and cancel any statement that runs for
    # longer than a page may take (0 turns the limit off, for a long migration).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=env.read_int("DATABASE_CONNECT_TIMEOUT", default=5, minimum=1),
        options=f"-c statement_timeout={env.read_int('DATABASE_STATEMENT_TIMEOUT', default=15) * 1000}",
    )

AUTH_USER_MODEL = "assessment.User"
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks the username/address pair out for a while (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.read_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.read_int("LOGIN_LOCKOUT_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.read_int("PROXY_COUNT", default=0)

# Sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env.read_int("SESSION_HOURS", default=10, minimum=1) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Behind HTTPS (HTTPS=true): redirect plain HTTP, secure cookies, HSTS.
HTTPS = env.read_bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.read_int("HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.read_bool("HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.read_bool("HSTS_PRELOAD", default=HTTPS)
if env.read_bool("BEHIND_PROXY", default=False):
    # The load balancer terminates TLS and says so in this header; trust it only behind one.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.read_list("CSRF_TRUSTED_ORIGINS", default=[])
ADMIN_PATH = env.read_str("ADMIN_PATH", default="admin/").strip("/") + "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages of the interface, the questionnaire content and the report. English is the
# source; adding a language is translations only (here, locale/ and the framework file).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("nb", _("Norwegian Bokmål")),
    ("bg", _("Bulgarian")),
    ("nl", _("Dutch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
FORMAT_MODULE_PATH = ["etwinning_school.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The admin's language tabs need jQuery UI; it is served from our own static files.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Uploaded evidence is private: it lives outside STATIC_ROOT and has no URL of its own;
# it is only ever served by a view that checks who is asking.
EVIDENCE_ROOT = env.read_path("EVIDENCE_ROOT", default=BASE_DIR / "var" / "evidence")
EVIDENCE_MAX_FILE_SIZE = env.read_int("EVIDENCE_MAX_FILE_SIZE", default=10 * 1024 * 1024, minimum=1)
EVIDENCE_MAX_ASSESSMENT_SIZE = env.read_int(
    "EVIDENCE_MAX_ASSESSMENT_SIZE", default=200 * 1024 * 1024, minimum=1
)
# Images are decoded in full to be checked; this caps the memory one upload can take.
EVIDENCE_MAX_IMAGE_PIXELS = env.read_int("EVIDENCE_MAX_IMAGE_PIXELS", default=40_000_000, minimum=1)
# Optional virus scanning by a ClamAV daemon, over its Unix socket or TCP (assessment/virus_scan.py).
CLAMD_SOCKET = env.read_path("CLAMD_SOCKET", default=None)
CLAMD_HOST = env.read_str("CLAMD_HOST")
CLAMD_PORT = env.read_int("CLAMD_PORT", default=3310, minimum=1)
CLAMD_TIMEOUT = env.read_int("CLAMD_TIMEOUT", default=30, minimum=1)
# A PDF that takes longer is given up (the engine runs in a child process), well before the
# app server's own worker timeout (30 s with gunicorn's default).
REPORT_RENDER_TIMEOUT = env.read_int("REPORT_RENDER_TIMEOUT", default=20, minimum=1)
# A survey group's answers are shown only once at least this many people have answered, so
# that no single answer can be told apart (assessment/snapshot/records.survey_shown).
SURVEY_MIN_GROUP = env.read_int("SURVEY_MIN_GROUP", default=5, minimum=2)
# Answers one address may send to one survey, and a survey may take in all, per ten minutes:
# a class behind one school address answers at once, a script does not get far. The counts
# live in the cache (CACHES); with several app servers, give them a shared one.
SURVEY_ANSWERS_PER_ADDRESS = env.read_int("SURVEY_ANSWERS_PER_ADDRESS", default=60, minimum=1)
SURVEY_ANSWERS_PER_SURVEY = env.read_int("SURVEY_ANSWERS_PER_SURVEY", default=400, minimum=1)
SURVEY_RATE_WINDOW = 600
# The Ed25519 key that signs the labels' verifiable credentials (PEM, made by
# `manage.py credential_key`), and the public keys of keys retired by a rotation, still
# published so that what they signed verifies (assessment/credentials/keys.py).
CREDENTIAL_KEY_FILE = env.read_path("CREDENTIAL_KEY_FILE", default=BASE_DIR / "var" / "credential-key.pem")
CREDENTIAL_RETIRED_KEYS = [Path(path) for path in env.read_list("CREDENTIAL_RETIRED_KEYS", default=[])]


def _evidence_storage() -> dict:
    """A private local folder, or S3-compatible object storage when a bucket is named."""
    bucket = env.read_str("EVIDENCE_S3_BUCKET")
    if bucket is None:
        return {
            "BACKEND": "assessment.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": EVIDENCE_ROOT, "base_url": None},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.read_str("EVIDENCE_S3_ENDPOINT_URL"),
            "region_name": env.read_str("EVIDENCE_S3_REGION"),
            "access_key": env.read_str("EVIDENCE_S3_ACCESS_KEY"),
            "secret_key": env.read_str("EVIDENCE_S3_SECRET_KEY"),
            "location": env.read_str("EVIDENCE_S3_PREFIX", default="evidence"),
            # Objects stay private; the app streams them after its own permission check.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": _evidence_storage(),
    # Compressed copies and hashed names (cached forever by browsers) after collectstatic.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.read_bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


def _mailers() -> dict:
    """Email is printed to the console unless EMAIL_BACKEND=smtp names a real server."""
    if env.read_choice("EMAIL_BACKEND", ("console", "smtp"), default="console") == "console":
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.read_str("EMAIL_HOST", default="localhost"),
                "port": env.read_int("EMAIL_PORT", default=587, minimum=1),
                "username": env.read_str("EMAIL_HOST_USER", default=""),
                "password": env.read_str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.read_bool("EMAIL_USE_TLS", default=True),
                "timeout": env.read_int("EMAIL_TIMEOUT", default=10, minimum=1),
            },
        }
    }


MAILERS = _mailers()
# The address of the site as people reach it, for links in emails; by default where `make run`
# or `make serve` serves it (HOST and PORT).
SITE_URL = env.read_str(
    "SITE_URL",
    default=f"http://{env.read_str('HOST', default='127.0.0.1')}:{env.read_int('PORT', default=8000, minimum=1)}",
).rstrip("/")
DEFAULT_FROM_EMAIL = env.read_str("DEFAULT_FROM_EMAIL", default="eTwinning School <no-reply@localhost>")
# Who is emailed the traceback of every server error (comma-separated addresses), and from where.
ADMINS = env.read_list("ADMINS", default=[])
SERVER_EMAIL = env.read_str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Every log line goes to standard error, where the app server (or the container) collects it:
# requests that fail with their traceback, refused uploads, failed emails and renders.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} [{process}] {message}", "style": "{"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {
        "handlers": ["stderr"],
        "level": env.read_choice("LOG_LEVEL", LOG_LEVELS, default="info").upper(),
    },
    # Django's own messages, unhandled exceptions among them, reach stderr through the root
    # logger, and the administrators by email when ADMINS is set.
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        # Libraries that narrate their work at INFO: only their warnings are of use.
        "pikepdf": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Every stylesheet and script is served by the app itself: no CDN, no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Background tasks (rendering reports): at once, in the web process, unless a database-backed
# queue is chosen; then `python manage.py db_worker` runs them (see README, Deployment).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env.read_choice("TASKS_BACKEND", ("immediate", "database"), default="immediate")]
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A refused CSRF check gets the branded 403 page, in the visitor's language.
CSRF_FAILURE_VIEW = "assessment.views.errors.csrf_failure"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
