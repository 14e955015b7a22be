"""Maillage settings. Every deployment knob is an environment variable: see `.env.example`."""

import secrets
from pathlib import Path

import dj_database_url

from maillage.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("MAILLAGE_VAR_DIR", BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # Local use: a random key kept under var/ so that sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "widget_tweaks",
    "dsfr",
    "django_tasks",
    "django_tasks_db",
    "maillage.core",
    "maillage.territory",
    "maillage.network",
    "maillage.programme",
    "maillage.participation",
    "maillage.attendance",
    "maillage.reporting",
    "maillage.library",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "maillage" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # French plural rule for |pluralize in every template: « 0 résultat »
            "builtins": ["maillage.core.templatetags.french"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.core.context_processors.site_config",
                "maillage.core.context_processors.navigation",
            ],
        },
    },
]

# SQLite under var/ by default; DATABASE_URL (postgres://…) switches to PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "maillage.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "maillage" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maillage <ne-pas-repondre@maillage.localhost>")

# Shared by every web worker of a machine (rate limits, throttling). With web servers on several machines,
# use the database cache: CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache, CACHE_LOCATION=cache
# (then run `manage.py createcachetable`).
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"),
        "LOCATION": env_str("CACHE_LOCATION", str(VAR_DIR / "cache")),
    }
}

# Behind a reverse proxy that sets X-Forwarded-For, rate limits use the client's address from that header.
MAILLAGE_TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

DSFR_MARK_OPTIONAL_FIELDS = True
DSFR_USE_INTEGRITY_CHECKSUMS = True

# Upload limits for imports (bytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAILLAGE_IMPORT_MAX_BYTES = env_int("MAILLAGE_IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# Official territorial files: read from this directory when it exists, else downloaded from the publisher.
_shared_data = BASE_DIR.parent / "shared" / "data"
MAILLAGE_DATA_DIR = env_path("MAILLAGE_DATA_DIR", _shared_data if _shared_data.is_dir() else None)
MAILLAGE_DATA_BASE_URL = env_str("MAILLAGE_DATA_BASE_URL", "")

# GDPR: people without activity for this many years are flagged for review.
MAILLAGE_RETENTION_YEARS = env_int("MAILLAGE_RETENTION_YEARS", 3)

# Legal notice and privacy page (LCEN art. 6, GDPR art. 13): who publishes this instance. The defaults
# describe the demonstration instance; a centre sets its own in the environment (docs/deploiement.md).
MAILLAGE_LEGAL = {
    "publisher": env_str(
        "MAILLAGE_LEGAL_PUBLISHER", "Centre de ressources politique de la ville fictif (démonstration)"
    ),
    "address": env_str("MAILLAGE_LEGAL_ADDRESS", "adresse postale du centre (à renseigner)"),
    "contact": env_str("MAILLAGE_LEGAL_CONTACT", "contact@centre-ressources.example"),
    "director": env_str("MAILLAGE_LEGAL_DIRECTOR", "la directrice ou le directeur du centre (à renseigner)"),
    "host": env_str(
        "MAILLAGE_LEGAL_HOST", "hébergeur de l'instance (nom, adresse, téléphone ; à renseigner)"
    ),
    "dpo": env_str("MAILLAGE_LEGAL_DPO", ""),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Library (médiathèque): ingestion limits, see docs/mediatheque.md ---
LIBRARY_MAX_UPLOAD_BYTES = env_int("LIBRARY_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
LIBRARY_MAX_PAGES = env_int("LIBRARY_MAX_PAGES", 2000)
LIBRARY_MAX_PIXELS = env_int("LIBRARY_MAX_PIXELS", 60_000_000)
LIBRARY_EXTRACTION_TIMEOUT = env_int("LIBRARY_EXTRACTION_TIMEOUT", 3600)
LIBRARY_EXTRACTION_MEMORY_MB = env_int("LIBRARY_EXTRACTION_MEMORY_MB", 3072)
LIBRARY_OCR_REPAIR = env_bool("LIBRARY_OCR_REPAIR", True)
# Knowledge of the OCR repair rebuilt with the library's clean texts (`manage.py rebuild_ocr_knowledge`)
LIBRARY_OCR_KNOWLEDGE = env_path("LIBRARY_OCR_KNOWLEDGE", VAR_DIR / "textkit" / "knowledge-library.pickle")
