"""Configuration classes; production values come from the environment."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = BASE_DIR / "instance"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'maillage.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL")
    # The address people use to reach the portal, for links in mail. In development, without
    # it, the host and port `flask run` serves on (`make run PORT=...` sets it the same way).
    PUBLIC_URL = os.environ.get("PUBLIC_URL") or (
        f"http://{os.environ.get('FLASK_RUN_HOST', '127.0.0.1')}"
        f":{os.environ.get('FLASK_RUN_PORT', '5000')}"
    )
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = 600 * 1024 * 1024
    # How often an open conversation asks for new messages (htmx polling), in seconds.
    CONVERSATION_POLL_SECONDS = int(os.environ.get("CONVERSATION_POLL_SECONDS", "10"))

    BABEL_DEFAULT_LOCALE = "fr_CA"
    BABEL_DEFAULT_TIMEZONE = "America/Montreal"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = ("fr_CA", "en_CA")

    # A long profile form must never be lost to an expired token: tie it to the session instead.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]

    SESSION_PROTECTION = "strong"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # Sessions live on the server (user_sessions): idle and absolute limits, ended at logout.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "60")))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("SESSION_MAX_HOURS", "12")))
    # These roles must use two-factor authentication (TOTP); every other account may.
    TWO_FACTOR_REQUIRED_ROLES = ("staff", "partner", "admin")

    # argon2id; the defaults are argon2-cffi's RFC 9106 "low memory" profile.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4

    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "10 per minute")
    FUNDING_HORIZON_MONTHS = int(os.environ.get("FUNDING_HORIZON_MONTHS", "6"))  # trips ahead
    # Failed sign-ins (and two-step codes): per account from anywhere, and per client address.
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get(
        "LOGIN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes; 30 per day"
    )
    LOGIN_ADDRESS_RATE_LIMIT = os.environ.get("LOGIN_ADDRESS_RATE_LIMIT", "50 per 15 minutes")

    HTMX_CDN = os.environ.get("HTMX_CDN") == "1"
    # Friday interview rooms: a Jitsi Meet server by default.
    VIDEO_ROOM_BASE_URL = os.environ.get("VIDEO_ROOM_BASE_URL", "https://meet.jit.si")
    # Self-hosted Jitsi with token authentication: the portal signs each party's entry (HS256).
    VIDEO_ROOM_JWT_SECRET = os.environ.get("VIDEO_ROOM_JWT_SECRET")
    VIDEO_ROOM_JWT_APP_ID = os.environ.get("VIDEO_ROOM_JWT_APP_ID", "maillage")
    VIDEO_ROOM_DOMAIN = os.environ.get("VIDEO_ROOM_DOMAIN", "meet.jit.si")
    # Where the video service is hosted, as the privacy policy names it in each language.
    VIDEO_ROOM_HOSTING_FR = os.environ.get(
        "VIDEO_ROOM_HOSTING_FR", "le service public meet.jit.si, exploité par 8x8 aux États-Unis"
    )
    VIDEO_ROOM_HOSTING_EN = os.environ.get(
        "VIDEO_ROOM_HOSTING_EN", "the public meet.jit.si service, run by 8x8 in the United States"
    )
    # Friday changes: a party may ask to move or cancel up to this many hours before the start;
    # a move the solver finds valid is applied at once unless staff approval is required.
    INTERVIEW_CHANGE_CUTOFF_HOURS = int(os.environ.get("INTERVIEW_CHANGE_CUTOFF_HOURS", "24"))
    INTERVIEW_CHANGES_NEED_APPROVAL = os.environ.get("INTERVIEW_CHANGES_NEED_APPROVAL") == "1"

    # The person in charge of the protection of personal information (Law 25), named in the policy.
    # By default the law names the person with the highest authority: the program's director.
    PRIVACY_OFFICER_NAME = os.environ.get("PRIVACY_OFFICER_NAME", "Direction du programme Maillage")
    PRIVACY_OFFICER_EMAIL = os.environ.get(
        "PRIVACY_OFFICER_EMAIL", "confidentialite@maillage.example"
    )
    PRIVACY_OFFICER_PHONE = os.environ.get("PRIVACY_OFFICER_PHONE", "1 800 555-0100")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_FROM = os.environ.get("MAIL_FROM", "Maillage <ne-pas-repondre@maillage.example>")

    EMAIL_TOKEN_MAX_AGE = 3 * 24 * 3600
    RESET_TOKEN_MAX_AGE = 3600
    # Counts must be shared by every worker once several run: Redis when REDIS_URL is set.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    # Redis down must not take the portal down: count in memory (per process) until it is back.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Costly summaries (the staff indicators) are cached briefly; every worker shares Redis.
    CACHE_TYPE = "RedisCache" if os.environ.get("REDIS_URL") else "SimpleCache"
    CACHE_REDIS_URL = os.environ.get("REDIS_URL")
    CACHE_KEY_PREFIX = "maillage:cache:"
    CACHE_DEFAULT_TIMEOUT = 120
    CACHE_OPTIONS: dict = (
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        if os.environ.get("REDIS_URL")
        else {}
    )
    # Rendered job and match cards, per worker (app/fragments.py); "NullCache" turns it off.
    FRAGMENT_CACHE_TYPE = os.environ.get("FRAGMENT_CACHE_TYPE", "SimpleCache")
    FRAGMENT_CACHE_THRESHOLD = int(os.environ.get("FRAGMENT_CACHE_THRESHOLD", "5000"))
    RATELIMIT_STORAGE_OPTIONS: dict = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}

    # A database that does not answer must fail fast (a 503 page), not hold every worker.
    DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    # Background jobs (RQ): attempts after the first, and the waits between them (seconds).
    JOB_RETRY_INTERVALS = (10, 60, 300)

    # Media storage: "local" (UPLOAD_DIR) or "s3" (any S3-compatible store).
    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    S3_BUCKET = os.environ.get("S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL")  # MinIO, Ceph...; None for AWS
    S3_REGION = os.environ.get("S3_REGION", "ca-central-1")
    S3_PREFIX = os.environ.get("S3_PREFIX", "")
    # After the access check, let the web server send the bytes: "" (Flask sends them),
    # "x-accel" (nginx, internal location STORAGE_ACCEL_PREFIX) or "x-sendfile" (Apache, lighttpd).
    STORAGE_SERVE = os.environ.get("STORAGE_SERVE", "")
    STORAGE_ACCEL_PREFIX = os.environ.get("STORAGE_ACCEL_PREFIX", "/_stockage/")


class TestConfig(Config):
    TESTING = True
    # Uploads from tests never land in the working copy's instance/ folder.
    UPLOAD_DIR = tempfile.mkdtemp(prefix="maillage-test-uploads-")
    SECRET_KEY = "test-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    # Each test sees fresh figures; the cache itself is tested with SimpleCache on purpose.
    CACHE_TYPE = "NullCache"
    CACHE_NO_NULL_WARNING = True
    # Tests that check two-factor enforcement turn it on with app_factory(...).
    TWO_FACTOR_REQUIRED_ROLES = ()
    # argon2-cffi's cheapest sane profile keeps the suite fast.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8
    ARGON2_PARALLELISM = 1
    MAIL_SERVER = None
    SERVER_NAME = None


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    def __init__(self) -> None:
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")
        self.SECRET_KEY = os.environ["SECRET_KEY"]


def config_from_env() -> object:
    """Pick the configuration named by MAILLAGE_ENV (development by default)."""
    if os.environ.get("MAILLAGE_ENV") == "production":
        return ProductionConfig()
    return Config()
