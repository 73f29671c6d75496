"""Django settings for Hearth, read from the environment (django-environ).

``HEARTH_MODE`` chooses the defaults:

- ``production`` (the default): nothing insecure is assumed. ``SECRET_KEY``, ``DATABASE_URL``
  and ``ALLOWED_HOSTS`` must be set; cookies are secure; HSTS is on; ``DEBUG`` is off.
- ``demo``: a synthetic council on SQLite in ``var/``, served on 127.0.0.1, with a secret key
  generated into ``var/`` on first use (never committed). Every page says it is a demo.
- ``dev``: as demo, with ``DEBUG`` on.
- ``test``: used by the test suite; the database still comes from ``DATABASE_URL`` so CI can
  run the same suite on SQLite and PostgreSQL.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(environ.Env().str("HEARTH_HOME", default=str(Path.cwd()))).resolve()
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
HEARTH_MODE: str = env.str("HEARTH_MODE", default="production")
if HEARTH_MODE not in {"production", "demo", "dev", "test"}:
    raise environ.ImproperlyConfigured(
        f"HEARTH_MODE must be production, demo, dev or test, not {HEARTH_MODE!r}"
    )
PRODUCTION = HEARTH_MODE == "production"
DEMO = HEARTH_MODE in {"demo", "dev"}


def _local_secret_key() -> str:
    """A per-checkout key for demo/dev/test, kept in var/ (git-ignored), never in the repo."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
    DATABASES = {
        "default": env.db(
            "DATABASE_URL",
            default=f"sqlite:///{VAR_DIR / ('demo.sqlite3' if DEMO else 'test.sqlite3')}",
        )
    }

DEBUG = env.bool("DEBUG", default=HEARTH_MODE == "dev")
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo server read while a generator writes.
    DATABASES["default"].setdefault(
        "OPTIONS",
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 30},
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"
# Change history of case records (django-auditlog), with the child each change is about.
AUDITLOG_LOGENTRY_MODEL = "access.ChangeEntry"
# Old and new values stored as JSON, not text, so the history page can show each field.
AUDITLOG_STORE_JSON_CHANGES = True
# django-auditlog 3.4's own migrations create its stock table even when the model is swapped
# (jazzband/django-auditlog#804, fixed upstream in #805): a table no model owns, whose foreign
# key to the users makes PostgreSQL refuse ``flush``. With the model swapped the app needs no
# table of its own, so its migrations are not run.
MIGRATION_MODULES = {"auditlog": None}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "hearth.core",
    "hearth.access",
    "hearth.organisation",
    "hearth.people",
    "hearth.frontdoor",
    "hearth.earlyhelp",
    "hearth.cin",
    "hearth.assessment",
    "hearth.protection",
    "hearth.care",
    "hearth.adoption",
    "hearth.leavingcare",
    "hearth.practice",
    "hearth.timescales",
    "hearth.returns",
    "hearth.performance",
    "hearth.synthetic",
    "hearth.governance",
    "hearth.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: names the signed-in user on every change history entry.
    "hearth.access.history.ChangeActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "hearth.config.urls"
WSGI_APPLICATION = "hearth.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.ui.context_processors.hearth",
            ],
        },
    },
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if HEARTH_MODE == "test":
    # Hashing cost is not what the suite tests; argon2 stays the production hasher.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# Background work (statutory returns) is queued in the database and run by `hearth db_worker`:
# no broker. The test suite runs tasks at once, in the request (tests/returns/test_worker.py
# runs the database backend and its worker once, so that path is tested too).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if HEARTH_MODE == "test" else "django_tasks_db.DatabaseBackend",
    }
}

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))

# Session and cookie hardening; production must be served over HTTPS.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The council this installation serves. The demo is a synthetic council with Essex's codes.
HEARTH_LA_NAME: str = env.str(
    "HEARTH_LA_NAME", default="Synthetic Essex (demonstration data)" if not PRODUCTION else ""
)
HEARTH_LA_DFE_NUMBER: str = env.str("HEARTH_LA_DFE_NUMBER", default="881")
HEARTH_LA_ONS_CODE: str = env.str("HEARTH_LA_ONS_CODE", default="E10000012")

# Retention periods of children's social care files, in years (hearth.governance.retention cites
# the regulations behind each default); a council's own schedule may set longer ones.
HEARTH_RETENTION_YEARS: dict[str, int] = {
    "adopted": env.int("HEARTH_RETENTION_ADOPTED_YEARS", default=100),
    "looked_after": env.int("HEARTH_RETENTION_LOOKED_AFTER_YEARS", default=75),
    "died_in_care": env.int("HEARTH_RETENTION_DIED_IN_CARE_YEARS", default=15),
    "other": env.int("HEARTH_RETENTION_OTHER_YEARS", default=25),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
