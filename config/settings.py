"""OpenHEMIS settings: one module, driven by the environment.

Variables:
  DATABASE_URL   sqlite:///path or postgres://user:pass@host:port/name (default: SQLite file in var/)
  SECRET_KEY     required when DEBUG is off (``make run`` keeps one in var/secret_key)
  DEBUG          1/0, default 0
  ALLOWED_HOSTS  comma-separated, default 127.0.0.1,localhost
  HTTPS          1 when served behind TLS: secure cookies, HSTS, redirect (default: 1 unless DEBUG)
  LOG_LEVEL      default INFO
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEMIS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        SECRET_KEY = key_file.read_text().strip()
    elif DEBUG:
        SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "js_lib_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "axes",
    "hemis.core",
    "hemis.jobs",
    "hemis.access",
    "hemis.audit",
    "hemis.classifiers",
    "hemis.org",
    "hemis.staff",
    "hemis.careers",
    "hemis.academics",
    "hemis.curricula",
    "hemis.students",
    "hemis.movements",
    "hemis.schedule",
    "hemis.teaching",
    "hemis.grading",
    "hemis.electives",
    "hemis.graduation",
    "hemis.documents",
    "hemis.integrations",
    "hemis.exchange",
    "hemis.compliance",
    "hemis.demo",
    "hemis.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hemis.core.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hemis.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hemis.access.middleware.PrincipalMiddleware",
    "hemis.audit.context.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hemis" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "hemis.web.context.shell",
            ],
        },
    },
]

# --- database --------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hemis.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hemis.access.backends.LoginBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Lock out a login from one address after repeated failures; never an address alone.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "web/access/lockout.html"

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- security --------------------------------------------------------------------------------
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything comes from this instance: no CDN, no outside fonts (regulation 2.3).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# --- i18n ------------------------------------------------------------------------------------
LANGUAGE_CODE = "uz"
LANGUAGES = [("uz", "Oʻzbekcha"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "hemis" / "locale"]
LANGUAGE_COOKIE_NAME = "hemis_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Asia/Tashkent"
USE_TZ = True
DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
FORMAT_MODULE_PATH = ["hemis.formats"]

# --- static ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- API and tasks ---------------------------------------------------------------------------
# Our own API (/api/, hemis/api/own): a data-API token (Bearer) or the browser's session; one error shape.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hemis.api.own.auth.TokenAuthentication",
        "hemis.api.own.auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "hemis.api.own.errors.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenHEMIS API",
    "DESCRIPTION": "What the HEMIS-compatible API (/rest/v1) does not cover, and the writes scripts need. "
    "Authenticate with a data-API token (Authorization: Bearer <key>, issued in the integration registry) "
    "or the browser's session (writes: the X-CSRFToken header). Every error answers "
    '{"error": {"code", "message", "fields"}}.',
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The ``<id:pk>`` of hemis/api/own/urls.py: a record's id, at most a database integer.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 2147483647}},
    # Everything from this instance (the CSP): the sidecar's copy of Swagger UI, no validator badge.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# What the scheduler (`manage.py run_scheduler`) starts, and when (local time); see hemis/jobs/scheduler.py.
# Titles are msgids, translated when the job page is shown.
PERIODIC_JOBS = {
    "staff.refresh_statuses": {
        "task": "hemis.staff.tasks.refresh_staff_statuses",
        "title": "Staff status refresh",
        "view_action": "staff.view",
        "result_url": "web:staff_employees",
        "every": "day",
        "at": "00:05",
    },
    "grading.records": {
        "task": "hemis.grading.tasks.refresh_all_records",
        "title": "Academic records refresh",
        "view_action": "grading.view",
        "result_url": "web:grading_debts",
        "every": "day",
        "at": "01:30",
    },
    "compliance.refresh": {
        "task": "hemis.compliance.tasks.refresh_compliance",
        "title": "Compliance refresh",  # the msgid of the on-demand refresh (hemis/web/compliance/views.py)
        "view_action": "compliance.view",
        "result_url": "web:compliance_index",
        "every": "day",
        "at": "02:00",
    },
    "exchange.sync": {
        "task": "hemis.exchange.tasks.sync",
        "title": "Sync with the central registry",
        "view_action": "exchange.view",
        "result_url": "web:exchange_status",
        "every": "hour",
        "at": "00:20",  # twenty minutes past every hour
    },
}
# The exchange with the central registry (annex 1 item 6): how batches leave (hemis/exchange/transports.py).
EXCHANGE_TRANSPORT = os.environ.get("EXCHANGE_TRANSPORT", "hemis.exchange.transports.FileTransport")
EXCHANGE_URL = os.environ.get("EXCHANGE_URL", "")
EXCHANGE_TOKEN = os.environ.get("EXCHANGE_TOKEN", "")
EXCHANGE_TIMEOUT = int(os.environ.get("EXCHANGE_TIMEOUT", "30"))
EXCHANGE_BATCH_SIZE = int(os.environ.get("EXCHANGE_BATCH_SIZE", "500"))

# --- logging: one JSON object a line, for the journal of the host --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "hemis.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# The university this instance serves (overridden by the settings page of the super administrator).
HEMIS_DEMO_PASSWORD = "hemis-demo"  # noqa: S105 - the published demo password, refused without DEBUG
