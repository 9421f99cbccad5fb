"""Settings of the BerAKHLAK platform: one module, every value read from the environment.

See ``.env.example`` for each variable. The embedded default is an SQLite file in ``data/`` of the
checkout (WAL mode, busy timeout), so a fresh clone works with no configuration; production sets
``DATABASE_URL`` to PostgreSQL.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from berakhlak.lib.env import ImproperEnv, env, envbool, envint, envlist, load_dotenv, project_env_file

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent

# `.env` of the project root (or $BERAKHLAK_ENV_FILE): fills in variables the environment does not set.
# Not read under the test suite.
ENV_FILE = project_env_file(BASE_DIR)
if ENV_FILE:
    load_dotenv(ENV_FILE)
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / "data")))

TESTING = "pytest" in sys.modules or envbool("BERAKHLAK_TESTING", False)
DEBUG = envbool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi bila DEBUG mati / SECRET_KEY is required when DEBUG is off "
            "(see .env.example)"
        )

# The secret of the anonymous answering paths (personal links, "spent" keys, draft encryption:
# berakhlak.lib.anonymity). Never in the database; SECRET_KEY when unset. Changing it voids live links.
ANONYMITY_SECRET = env("ANONYMITY_SECRET", "") or ""

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if not DEBUG else ["*"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "axes",
    "berakhlak.audit",
    "berakhlak.framework",
    "berakhlak.org",
    "berakhlak.accounts",
    "berakhlak.front",
    "berakhlak.demo",
    "berakhlak.surveys",
    "berakhlak.performance",
    "berakhlak.feedback360",
    "django_tasks",
    "django_tasks_db",
    "berakhlak.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "berakhlak.lib.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "berakhlak.lib.middleware.PrivateNoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
    "berakhlak.lib.middleware.RejectBadCharactersMiddleware",
]

ROOT_URLCONF = "berakhlak.urls"
WSGI_APPLICATION = "berakhlak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "berakhlak.accounts.context_processors.scope",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DEFAULT_SQLITE = DATA_DIR / "berakhlak.sqlite3"
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=envint("CONN_MAX_AGE", 0))
except Exception as exc:  # dj_database_url raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r} tidak dikenali / not understood: {exc}") from exc
if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not TESTING:
        # The file (and so its -wal and -shm, which SQLite creates with the file's mode) readable by
        # the service user only: created 0600, or tightened to it if an older install left it wider.
        from berakhlak.lib.files import secure_sqlite_file

        secure_sqlite_file(_db["NAME"])
    _db["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids "database is locked"
        # upgrades inside transactions; the timeout is the busy timeout in seconds.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
    }
elif _db["ENGINE"].startswith("django.db.backends.postgresql"):
    _db.setdefault("OPTIONS", {})
    _db["TEST"] = {"NAME": env("TEST_DATABASE_NAME", None)}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "berakhlak.accounts.backends.NipOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The activation / password-reset form: requests an hour per client address (any identifier), and
# link mails an hour per account (further requests get the same answer and no mail).
ACTIVATION_LIMIT_PER_IP = envint("ACTIVATION_LIMIT_PER_IP", 10)
ACTIVATION_LIMIT_PER_ACCOUNT = envint("ACTIVATION_LIMIT_PER_ACCOUNT", 3)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The client's address (berakhlak.lib.clientip): REMOTE_ADDR, or with BEHIND_PROXY=1 the address the
# outermost of TRUSTED_PROXY_COUNT reverse proxies appended to X-Forwarded-For (never the left-most entry).
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1)

# django-axes: lock an (account, client address) pair after repeated failures. The account is what the
# typed name means for the login backend (any case, username or NIP, NIP with spaces): see
# berakhlak.accounts.lockout. A failure storm from elsewhere does not lock the real user at their address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "berakhlak.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "berakhlak.accounts.lockout.lockout_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
AXES_ENABLED = envbool("AXES_ENABLED", True)

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = env("LANGUAGE_CODE", "id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- static files, uploads -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"
# Uploaded files (SKP evidence) readable by the service user and its group only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Static files: WhiteNoise serves them from STATIC_ROOT (filled by `berakhlak serve`, which runs
# collectstatic when the sources changed), with content-hashed names, gzip and Brotli copies and a
# far-future Cache-Control. The test suite needs no collected manifest: plain storage, files found
# by the finders at request time.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if TESTING
        else "berakhlak.lib.staticstorage.StaticFilesStorage",
    },
}
if TESTING:
    WHITENOISE_AUTOREFRESH = True
    WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_UPLOAD_MB = envint("IMPORT_MAX_UPLOAD_MB", 200)
# Web imports: the upload is streamed into this private folder (0700, files 0600; the size limit is enforced
# while streaming), imported by a background task (berakhlak.org.tasks) and deleted when the job ends.
# `berakhlak worker` must see the same folder.
IMPORT_UPLOAD_DIR = Path(env("IMPORT_UPLOAD_DIR", str(DATA_DIR / "imports")))
IMPORT_PROBLEMS_KEPT = envint("IMPORT_PROBLEMS_KEPT", 1000)  # problem lines kept on an import job (all are counted)
# A job still checking/importing after this long was cut off (worker killed): the next job run marks it
# FAILED and deletes its file, with any upload file left that old.
IMPORT_JOB_STALE_HOURS = envint("IMPORT_JOB_STALE_HOURS", 6)
SKP_EVIDENCE_MAX_MB = envint("SKP_EVIDENCE_MAX_MB", 5)  # bukti dukung (evidence) files of SKP realisations

# --- e-mail ---------------------------------------------------------------------------------
# DEBUG off: SMTP from the environment. The console backend (which prints every message, personal
# survey links included, to the process output) only when chosen explicitly, and then the system
# check berakhlak.W001 warns at every start. DEBUG on (the demo): the console. Tests: locmem.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")  # or EMAIL_HOST_PASSWORD_FILE
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperEnv("EMAIL_USE_TLS dan EMAIL_USE_SSL tidak boleh keduanya aktif / "
                      "EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive (STARTTLS on 587, or SSL on 465)")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "berakhlak@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Absolute address of the site, for links sent by e-mail or printed (survey invitations)
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# --- background tasks (Django Tasks API: django-tasks + django-tasks-db; `berakhlak worker`) ----
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if TESTING or envbool("TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}

# --- security headers ----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
# HTTPS only by default when DEBUG is off: secure cookies, redirect to https, HSTS for a year.
# Plain HTTP on loopback (benchmarks, the serve test): SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0. The demo
# (DEBUG on) and the test suite run on plain HTTP.
_HTTPS_ONLY = not DEBUG and not TESTING
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", _HTTPS_ONLY)
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _HTTPS_ONLY)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if _HTTPS_ONLY else 0)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperEnv(f"SECURE_HSTS_SECONDS={SECURE_HSTS_SECONDS}: harus >= 0 / must be 0 or more")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading commits the whole registrable domain to HTTPS in browsers for months: the agency opts in
# (SECURE_HSTS_PRELOAD=1); until then Django's reminder (security.W021) is silenced, see docs/deploy.md.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Trust X-Forwarded-Proto only behind a TLS-terminating proxy that sets it (docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)

# Logs: no line may hold a survey token or a 360 form key (berakhlak.lib.logredact). The filter sits
# on the loggers that print request paths and on every handler; Django's own "django" handlers
# (console in DEBUG, mail to ADMINS) are removed, so its records reach the filtered root console.
# `berakhlak serve` puts the same filter on gunicorn's access and error logs.
LOG_LEVEL = env("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "berakhlak.lib.logredact.RedactSecretsFilter"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}",
                          "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "filters": ["redact_secrets"]},
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},  # to the filtered root console
        "django.request": {"filters": ["redact_secrets"]},
        "django.security.csrf": {"filters": ["redact_secrets"]},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False,
                          "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
