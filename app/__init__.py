"""Maillage: the portal of the regional employment program for immigrants."""

from pathlib import Path

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.config import Config, TestConfig, config_from_env
from app.extensions import (
    babel,
    cache,
    csrf,
    db,
    fragment_cache,
    limiter,
    login_manager,
    migrate,
)

HTMX_VERSION = "2.0.11"
HTMX_FILE = f"vendor/htmx-{HTMX_VERSION}.min.js"
HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
HTMX_SRI = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
CDN_ORIGIN = "https://cdn.jsdelivr.net"


def create_app(config: object | dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, CLI and error pages."""
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent.parent / "instance"))
    from app.urls import BoundedIntegerConverter

    # Before any route is added: every <int:...> refuses (404) ids a database integer cannot hold.
    app.url_map.converters["int"] = BoundedIntegerConverter
    from app.uploads import UploadRequest

    app.request_class = UploadRequest  # closes half-received uploads
    if config is None:
        config = config_from_env()
    elif isinstance(config, type):
        config = config()
    if isinstance(config, dict):
        app.config.from_object(Config())
        app.config.update(config)
    else:
        app.config.from_object(config)
    if app.config.get("REDIS_URL") and app.config.get("RATELIMIT_STORAGE_URI") == "memory://":
        # Several workers must share their counters.
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # Fail fast when the database does not answer (a 503 page, not a hung worker).
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("connect_timeout", app.config.get("DATABASE_CONNECT_TIMEOUT", 5))
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    _init_extensions(app)
    _init_templates(app)
    _register_blueprints(app)
    from app.urls import add_english_rules

    add_english_rules(app)  # after every blueprint: each page gets its /en/ twin
    from app.security import require_second_factor

    app.before_request(require_second_factor)

    from app import uow
    from app.errors import register_error_handlers
    from app.headers import register_security_headers

    uow.init_app(app)
    register_error_handlers(app)
    register_security_headers(app)

    from app.cli import register_cli

    register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    from app.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    # In-process on purpose: a card is read a dozen times a page, a network hop each would cost
    # more than rendering it; its keys change with its content, so workers never disagree.
    fragment_cache.init_app(
        app,
        config={
            "CACHE_TYPE": app.config["FRAGMENT_CACHE_TYPE"],
            "CACHE_THRESHOLD": app.config["FRAGMENT_CACHE_THRESHOLD"],
            "CACHE_DEFAULT_TIMEOUT": 6 * 3600,
            "CACHE_NO_NULL_WARNING": True,
        },
    )
    babel.init_app(app, locale_selector=select_locale)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = app.config["SESSION_PROTECTION"]
    from app.security import sign_in_required

    login_manager.unauthorized_handler(sign_in_required)

    from app.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        uid, _, version = user_id.partition(":")
        if not uid.isdigit() or not version.isdigit():
            return None
        from app import sessions

        # The cookie's session must still be open on the server (logout, timeouts, admin). Its
        # record is read with its user, in one query: the lookup below finds the user in memory.
        if not sessions.valid_for(int(uid)):
            return None
        user = db.session.get(User, int(uid))
        if user is None or user.session_version != int(version):
            return None
        return user


def _init_templates(app: Flask) -> None:
    from app import i18n, urls
    from app.models import Role

    app.jinja_env.policies["ext.i18n.trimmed"] = True
    from app.i18n import dateformat
    from app.phones import display_phone

    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.filters["dateformat"] = dateformat
    # A stored site path (a notification's link) in the language of the page showing it.
    app.jinja_env.filters["localise"] = lambda path: urls.localise_path(
        path, "en" if i18n.is_english_address() else "fr"
    )

    @app.context_processor
    def current_locale() -> dict:
        # Templates read `locale` (for names, dates and money); views no longer pass it.
        return {"locale": str(get_locale())}

    @app.context_processor
    def header_counts() -> dict:
        from flask_login import current_user

        from app.blueprints.conversations.services import HeaderCounts

        if current_user and current_user.is_authenticated:
            # Lazy: the one query runs only if the page shows the header (not for htmx fragments).
            counts = HeaderCounts(current_user)
            return {
                "unread_notifications": counts.lazy("notifications"),
                "unread_messages": counts.lazy("messages"),
                "open_reports": counts.lazy("reports"),
            }
        return {"unread_notifications": 0, "unread_messages": 0, "open_reports": 0}

    def skill_label(text: str) -> str:
        from app.matching.normalise import skill_in

        return skill_in(text, i18n.current_language())

    def lang_if_other(fr: str, en: str):
        """` lang="en"` (or fr) on an element whose bilingual text is shown in the other
        language than the page's (only one language was written): WCAG 3.1.2."""
        from markupsafe import Markup

        from app.models.base import picked_language

        page = i18n.current_language()
        shown = picked_language(page, fr or "", en or "")
        # `shown` is "fr" or "en", never user input.
        return Markup(' lang="{}"').format(shown) if shown != page else ""

    from app.fragments import job_card_key, match_card_key, nav_key

    app.jinja_env.globals.update(
        job_card_key=job_card_key,
        match_card_key=match_card_key,
        nav_key=nav_key,
        lang_if_other=lang_if_other,
        skill_label=skill_label,
        get_locale=get_locale,
        current_language=i18n.current_language,
        language_names=i18n.LANGUAGE_NAMES,
        money=i18n.money,
        cents=i18n.cents,
        local_time=i18n.local_time,
        page_address=urls.page_address,
        switch_address=urls.switch_address,
        public_link=urls.public_link,
        interview_when=i18n.interview_when,
        clock_time=i18n.clock_time,
        long_date=i18n.long_date,
        full_date=i18n.full_date,
        duration=i18n.duration,
        percentage=i18n.percentage,
        number=i18n.number,
        Role=Role,
        htmx_cdn=app.config.get("HTMX_CDN", False),
        htmx_file=HTMX_FILE,
        htmx_cdn_url=HTMX_CDN_URL,
        htmx_sri=HTMX_SRI,
    )


# Every blueprint, the modules that hold its views, and its URL prefix. The rule for prefixes: a
# blueprint whose pages all belong to one audience area gets that area's prefix here (/compte,
# /employeurs, /regions, /programme, /candidat); a blueprint that serves several audiences spells
# each route's full path in its decorators, and has none here.
BLUEPRINTS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("main", ("routes",), None),
    ("auth", ("routes",), None),
    ("account", ("routes",), "/compte"),
    ("employers", ("routes",), "/employeurs"),
    ("regions", ("routes", "media_routes"), "/regions"),
    ("staff", ("routes", "imports"), "/programme"),
    ("candidates", ("routes",), "/candidat"),
    ("jobs", ("routes",), None),
    ("applications", ("routes",), None),
    ("matching", ("routes",), None),
    ("interviews", ("routes",), None),
    ("funding", ("routes",), None),
    ("followup", ("routes",), None),
    ("conversations", ("routes",), None),
    ("reports", ("routes",), None),
    ("privacy", ("routes",), None),
    ("ops", ("routes",), None),
    ("alerts", ("routes",), "/candidat"),
    ("notifications", ("routes",), "/compte"),
)


def _register_blueprints(app: Flask) -> None:
    import importlib

    for name, view_modules, prefix in BLUEPRINTS:
        package = importlib.import_module(f"app.blueprints.{name}")
        for module in view_modules:  # the views attach themselves to `bp` on import
            importlib.import_module(f"app.blueprints.{name}.{module}")
        app.register_blueprint(package.bp, url_prefix=prefix)


__all__ = ["create_app", "TestConfig"]
