"""ESP Portal settings: one module, driven by the environment.

Nothing set: SQLite file, Celery on kombu's filesystem transport (no server needed), console e-mail, DEBUG on.
DATABASE_URL -> PostgreSQL; REDIS_URL -> Redis as Celery broker and cache.
DJANGO_ENV=production -> refuses to start without SECRET_KEY and ALLOWED_HOSTS; secure cookies, HSTS, CSP.
"""

from decimal import Decimal
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from espportal.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_decimal,
    env_int,
    env_int_list,
    env_list,
    env_str,
    redis_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ESP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_choice("DJANGO_ENV", "development", ("development", "test", "production"))
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must not be on when DJANGO_ENV=production.")

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    # The same bar as Django's security.W009, enforced at start-up instead of only by `check --deploy`.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be a long random value in production (50+ characters, 5+ distinct ones)."
        )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
else:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-do-not-use-in-production-0123456789")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its form and widget templates, found through TEMPLATES (FORM_RENDERER below)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_celery_beat",
    "django_htmx",
    "template_partials",
    "espportal",
    "clients",
    "caseload",
    "employers",
    "outcomes",
    "outcomes.funding",
    "outcomes.quality",
    "outcomes.kpis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "espportal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads a form: no NUL character reaches a view, a draft or the database.
    "espportal.middleware.NulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before ours: the idle timeout and the MFA gate both leave the person a message.
    "django.contrib.messages.middleware.MessageMiddleware",
    "espportal.middleware.UserLanguageMiddleware",
    "espportal.middleware.StaffIdleTimeoutMiddleware",
    "espportal.middleware.RequireMFAMiddleware",
    # After sign-in and MFA: a double click or a retried POST does its work once (espportal/idempotency.py).
    "espportal.idempotency.IdempotentSubmitMiddleware",
    "espportal.middleware.IntegrityErrorMiddleware",
    "espportal.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "espportal.urls"
WSGI_APPLICATION = "espportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "espportal.context_processors.portal",
            ],
        },
    },
]

# Forms render through the project's templates, so templates/django/forms/div.html (the shared error summary on
# top of every form) overrides Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url("DATABASE_URL", DATABASE_URL)}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production.")
else:
    # WAL lets the web process, the Celery worker and beat read while one writes; IMMEDIATE transactions take
    # the write lock up front so two writers queue behind busy_timeout instead of failing "database is locked".
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(VAR_DIR / "espportal.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# A web request that publishes while the broker is down tries twice, at once, and moves on (the outbox sweep
# re-queues later), instead of kombu's default of retrying for seconds inside the request.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
if REDIS_URL:
    redis_url("REDIS_URL", REDIS_URL)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3, **PUBLISH_RETRY}
else:
    # A file cache is shared by the web processes (allauth's rate limits count across them); tests use memory.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}
    }
    if TESTING:
        CELERY_BROKER_URL = "memory://"
        CELERY_BROKER_TRANSPORT_OPTIONS = dict(PUBLISH_RETRY)
    else:
        broker_dir = VAR_DIR / "celery-broker"
        for folder in ("queue", "processed", "control"):
            (broker_dir / folder).mkdir(parents=True, exist_ok=True)
        CELERY_BROKER_URL = "filesystem://"
        CELERY_BROKER_TRANSPORT_OPTIONS = {
            "data_folder_in": str(broker_dir / "queue"),
            "data_folder_out": str(broker_dir / "queue"),
            "processed_folder": str(broker_dir / "processed"),
            "control_folder": str(broker_dir / "control"),
            "store_processed": False,
            **PUBLISH_RETRY,
        }

CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "espportal-test" if TESTING else "espportal")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "America/Toronto"
# Every periodic job, in one place. django-celery-beat's DatabaseScheduler copies these into its tables at
# start-up, where operators can see and pause them in the admin.
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "espportal.tasks.heartbeat", "schedule": 60.0},
    "notifications-sweep": {"task": "espportal.tasks.notifications_sweep", "schedule": 60.0},
    "submissions-purge": {"task": "espportal.tasks.submissions_purge", "schedule": crontab(hour=3, minute=10)},
    # Daily jobs run early in the morning (America/Toronto), before staff arrive; each is idempotent.
    "employers-leads-expire": {"task": "employers.tasks.leads_expire", "schedule": crontab(hour=0, minute=15)},
    "caseload-transfers-complete-overdue": {"task": "caseload.tasks.transfers_complete_overdue",
                                            "schedule": crontab(hour=5, minute=0)},
    "outcomes-retention-checks-run": {"task": "outcomes.tasks.retention_checks_run",
                                      "schedule": crontab(hour=5, minute=30)},
    # After the night's other jobs, so the dashboards' figures include them.
    "kpis-rollup-nightly": {"task": "outcomes.kpis.tasks.kpis_rollup_nightly",
                            "schedule": crontab(hour=2, minute=30)},
    "quality-complaints-escalate": {"task": "outcomes.quality.tasks.complaints_escalate",
                                    "schedule": crontab(hour=6, minute=0)},
    "quality-surveys-issue": {"task": "outcomes.quality.tasks.surveys_issue", "schedule": crontab(hour=6, minute=15)},
    "quality-employer-surveys-deliver": {"task": "outcomes.quality.tasks.employer_surveys_deliver",
                                         "schedule": 300.0},
    "quality-qa-sample-quarter": {"task": "outcomes.quality.tasks.qa_sample_quarter",
                                  "schedule": crontab(hour=3, minute=0, day_of_month=1, month_of_year="1,4,7,10")},
    "funding-ledger-post": {"task": "outcomes.funding.tasks.ledger_post", "schedule": crontab(hour=4, minute=0)},
}

# --- Auth, allauth and MFA --------------------------------------------------------------------------------
AUTH_USER_MODEL = "espportal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "espportal.adapters.AccountAdapter"
# E-mail, or a username for job seekers without e-mail (they choose one with their printed invitation code).
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username", "password1*", "password2*"]  # sign-up is closed (adapters.py)
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_FORMS = {"login": "espportal.account_forms.LoginForm"}
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ESP Portal"
MFA_ADAPTER = "espportal.adapters.MFAAdapter"
# Staff and ministry analysts must have TOTP before they see any client data. The local demo may switch this
# off (ESP_REQUIRE_MFA=false) and then says so on the sign-in page; production always requires it.
ESP_REQUIRE_MFA = True if PRODUCTION else env_bool("ESP_REQUIRE_MFA", True)
ESP_STAFF_IDLE_SECONDS = env_int("ESP_STAFF_IDLE_SECONDS", 30 * 60, minimum=60)
# Audit: opens of one person's record by one user through one route within this many seconds are one visit, one
# "opened" event (the client file shell and its lazily loaded panels).
ESP_AUDIT_OPEN_WINDOW_SECONDS = env_int("ESP_AUDIT_OPEN_WINDOW_SECONDS", 300, minimum=0)
# Job seekers get an account by invitation only (open sign-up stays closed); the one-time link or printed code
# expires after this many days.
ESP_INVITATION_DAYS = env_int("ESP_INVITATION_DAYS", 7, minimum=1)
# Caseload: business days (Mon-Fri) a sending provider has to complete a transfer; days to a first meeting
# after which the manager page flags a wait-time breach.
ESP_TRANSFER_BUSINESS_DAYS = env_int("ESP_TRANSFER_BUSINESS_DAYS", 5, minimum=1)
# Days after a case closed during which a manager of its provider may reopen it (caseload.services.case_reopen).
ESP_CASE_REOPEN_DAYS = env_int("ESP_CASE_REOPEN_DAYS", 30, minimum=0)
ESP_WAIT_BREACH_DAYS = env_int("ESP_WAIT_BREACH_DAYS", 14, minimum=1)
# Outcomes: the hourly pay a job must reach to score on pay in the job-quality index, and the months after a
# start date at which a retention check falls due.
ESP_QUALITY_PAY_THRESHOLD = env_decimal("ESP_QUALITY_PAY_THRESHOLD", "20.00", minimum=Decimal(0))
ESP_RETENTION_MILESTONES = env_int_list("ESP_RETENTION_MILESTONES", [1, 3, 6, 12], minimum=1)
# Complaints: the ministry answers within this many business days (Ontario holidays do not count).
ESP_COMPLAINT_RESPONSE_BUSINESS_DAYS = env_int("ESP_COMPLAINT_RESPONSE_BUSINESS_DAYS", 10, minimum=1)
# QA interviews: how many consenting clients each provider's quarterly sample draws.
ESP_QA_SAMPLE_SIZE = env_int("ESP_QA_SAMPLE_SIZE", 5, minimum=1)
# Surveys: the provider sees an aggregate only when at least this many answered (small-cell rule).
ESP_SURVEY_MIN_CELL = env_int("ESP_SURVEY_MIN_CELL", 5, minimum=1)
# Where links in e-mails to people without an account (employer surveys) point.
ESP_BASE_URL = env_str("ESP_BASE_URL", "http://localhost:8000").rstrip("/")

# --- Sessions and security ----------------------------------------------------------------------------------
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Oversized bodies are refused before anyone parses them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Internationalisation --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- E-mail --------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ESP Portal <no-reply@espportal.invalid>")
# The right-hand side of every notification e-mail's Message-ID (<code@domain>), the same on every attempt.
ESP_MESSAGE_ID_DOMAIN = env_str("ESP_MESSAGE_ID_DOMAIN", "espportal.invalid")
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST must be set when DJANGO_ENV=production (password resets need it).")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- REST API ----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # BI tools pull aggregates without a browser: a token an admin creates for one user ("Token <key>"),
    # revocable by deleting it (audited in espportal.admin).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication",
                                       "rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "espportal.negotiation.ContentNegotiation",  # ?format=xml: a 400, not a 404
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "espportal.api.ApiSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "espportal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ESP Portal API",
    "DESCRIPTION": "Employment service provider portal. Every list is scoped to what the signed-in user may see. "
                   "Lists page by cursor: follow `next` until it is null; there is no total count (notifications and "
                   "the funding ledger page by number and carry `count`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set used by several fields.
    "ENUM_NAME_OVERRIDES": {"AccommodationEnum": "clients.models.Accommodation",
                            "AnswerReasonEnum": "employers.models.AnswerReason"},
}

# --- Logging ---------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))},
}

# --- Portal rules ------------------------------------------------------------------------------------------
ESP_SITE_NAME = "ESP Portal"
# The client file is a shell; each app serves its own panel as an HTMX fragment at a URL taking the client's
# `code`. Listed here by URL name so no app imports another; names that do not resolve are skipped.
CLIENT_FILE_PANELS = [
    "clients:panel_profile",
    "clients:panel_consent",
    "clients:panel_assessment",
    "clients:panel_plan",
    "caseload:client_panel",
    "employers:client_panel",
    "outcomes:client_panel",
]
# The job seeker's /me/ portal gathers the same way: fragments from each app, by URL name, without kwargs.
SEEKER_PORTAL_PANELS = [
    "caseload:me_panel",
    "employers:me_panel",
]

# Covering indexes (INCLUDE columns, e.g. case_open_provider) are PostgreSQL's: SQLite, `make run`'s demo
# database, builds the index without the extra columns, which is all a demo-sized table needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
