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
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

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
    # Before allauth, so its templates/allauth/ and account/, mfa/ overrides win (GOV.UK).
    "hearth.ui",
    # Sign-in (issue 6): allauth's account, MFA (TOTP, passkeys, recovery codes) and OIDC SSO.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: names the signed-in user on every change history entry.
    "hearth.access.history.ChangeActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Signed in but no second factor: nothing but MFA set-up and sign-out (issue 6).
    "hearth.access.mfa.MFARequiredMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Sign-in (issue 6; DESIGN.md "Access": staff sign in with MFA, SSO is configuration).
# django-axes checks for a lockout before any other backend looks at the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ACCOUNT_ADAPTER = "hearth.access.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "hearth.access.adapters.SocialAccountAdapter"
MFA_ADAPTER = "hearth.access.adapters.MFAAdapter"
# Councils give staff a username; accounts are created by administrators (no sign-up, no
# e-mail verification round trip, which would need a mail server the demo does not have).
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # the session ends with the browser and after 30 idle minutes
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor here, never the only one
MFA_TOTP_ISSUER = "Hearth"
MFA_ALLOW_UNVERIFIED_EMAIL = True  # administrators vouch for the account, not an e-mail link
MFA_RECOVERY_CODE_COUNT = 10
# Browsers allow WebAuthn on http://localhost only; the demo runs there without TLS.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
SOCIALACCOUNT_LOGIN_ON_GET = False  # a POST (with CSRF token) starts single sign-on

# django-axes: 5 failed sign-ins for one username lock that username for a while. Locking by
# username (not IP address) because a council's staff share a few outgoing addresses; the
# attempt is counted whether or not the username exists, so the lockout reveals nothing.
AXES_FAILURE_LIMIT = env.int("HEARTH_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("HEARTH_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# allauth's own throttle, on the same terms: per username (which also covers guessing the
# second-factor code, where django-axes does not look) and, against password spraying (one
# password tried on many usernames), 30 failures a minute from one network address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"30/m/ip,{AXES_FAILURE_LIMIT}/{int(AXES_COOLOFF_TIME.total_seconds())}s/key",
}
AXES_LOCKOUT_CALLABLE = "hearth.access.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# axes.W006 asks for ip_address in the lockout parameters. Not here: a council's staff reach
# Hearth through a few shared addresses, so 5 failures from one address would lock out a whole
# office; per-address failures are throttled by allauth instead (ACCOUNT_RATE_LIMITS).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]


def _oidc_providers() -> dict[str, object]:
    """Single sign-on through the council's OpenID Connect provider (Microsoft Entra ID).

    Configured only from the environment: ``HEARTH_OIDC_SERVER_URL`` (for Entra ID
    ``https://login.microsoftonline.com/<tenant id>/v2.0``), ``HEARTH_OIDC_CLIENT_ID`` and
    ``HEARTH_OIDC_CLIENT_SECRET``; ``HEARTH_OIDC_NAME`` labels the button. None set: no SSO.
    """
    names = ("HEARTH_OIDC_SERVER_URL", "HEARTH_OIDC_CLIENT_ID", "HEARTH_OIDC_CLIENT_SECRET")
    values = {name: env.str(name, default="") for name in names}
    missing = [name for name, value in values.items() if not value]
    if len(missing) == len(names):
        return {}
    if missing:
        raise environ.ImproperlyConfigured(
            "single sign-on needs HEARTH_OIDC_SERVER_URL, HEARTH_OIDC_CLIENT_ID and "
            f"HEARTH_OIDC_CLIENT_SECRET together; missing: {', '.join(missing)}"
        )
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [{
                "provider_id": env.str("HEARTH_OIDC_PROVIDER_ID", default="council"),
                "name": env.str("HEARTH_OIDC_NAME", default="your council account"),
                "client_id": values["HEARTH_OIDC_CLIENT_ID"],
                "secret": values["HEARTH_OIDC_CLIENT_SECRET"],
                "settings": {"server_url": values["HEARTH_OIDC_SERVER_URL"]},
            }],
        }
    }


SOCIALACCOUNT_PROVIDERS = _oidc_providers()

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
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): every script and style is a static file of our own, so
# no 'unsafe-inline' anywhere; the TOTP QR code is a data: image. A form may post only here,
# except the sign-on redirect to the council's identity provider.
_OIDC_SERVER_URL = env.str("HEARTH_OIDC_SERVER_URL", default="")
_OIDC_ORIGIN = "/".join(_OIDC_SERVER_URL.split("/")[:3]) if _OIDC_SERVER_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *([_OIDC_ORIGIN] if _OIDC_ORIGIN else [])],
    },
}
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
