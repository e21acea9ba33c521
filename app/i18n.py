"""Locale selection and formatting helpers."""

from datetime import datetime
from functools import lru_cache, partial

from babel import Locale
from babel import numbers as babel_numbers
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

LANGUAGE_NAMES = {"fr_CA": "Français", "en_CA": "English"}


def normalise_locale(code: str | None) -> str | None:
    """Map 'fr', 'fr-CA', 'en_US'... onto a supported locale, or None."""
    if not code:
        return None
    lang = code.replace("-", "_").split("_")[0].lower()
    return {"fr": "fr_CA", "en": "en_CA"}.get(lang)


def is_english_address() -> bool:
    """True when the current request came in at an English (/en/) address."""
    if not has_request_context():
        return False
    rule = request.url_rule
    if rule is not None:
        return "lang_code" in rule.arguments
    return request.path == "/en" or request.path.startswith("/en/")


def select_locale() -> str:
    """Choose the locale: the address's language (/en/ is English), else what this browser or
    account chose (the session, then the account); a French address is otherwise French, and
    a request that matched no page (a 404) follows Accept-Language."""
    if not has_request_context():
        # CLI commands and background jobs: French, unless a caller uses force_locale.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if is_english_address():
        return "en_CA"
    chosen = normalise_locale(session.get("lang"))
    if chosen:
        return chosen
    if current_user and current_user.is_authenticated:
        return current_user.locale
    if request.url_rule is not None:
        # A French address is French for whoever has not chosen English (search engines too).
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    best = request.accept_languages.best_match(["fr", "fr-CA", "en", "en-CA"])
    return normalise_locale(best) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """Return 'fr' or 'en' for the current request."""
    return str(get_locale() or "fr").split("_")[0]


@lru_cache(maxsize=16)
def babel_locale(code: str) -> Locale:
    """The Babel locale of a code, parsed once per process."""
    return Locale.parse(code)


def _current() -> Locale:
    return babel_locale(str(get_locale() or "fr_CA"))


def money(amount: float, locale: Locale | None = None) -> str:
    """Format a CAD amount for the current locale (1 234,50 $ in French)."""
    return _money(amount, str(locale or _current()))


@lru_cache(maxsize=16)
def _currency_pattern(code: str):
    return babel_numbers.parse_pattern(babel_locale(code).currency_formats["standard"])


@lru_cache(maxsize=8192)
def _money(amount, code: str) -> str:
    # Amounts repeat (salaries, funding ceilings): each is formatted once per locale, with the
    # locale's currency pattern parsed once (what babel.numbers.format_currency does each call).
    return _currency_pattern(code).apply(amount, babel_locale(code), currency="CAD")


def cents(amount: int | None, locale: Locale | None = None) -> str:
    """Format an amount stored in integer cents for the current locale."""
    return money((amount or 0) / 100, locale)


def number(value: float, locale: Locale | None = None) -> str:
    """Format a number for the current locale."""
    return babel_numbers.format_decimal(value, locale=locale or _current())


def bound_formatters(locale: Locale) -> dict:
    """number, money and cents bound to one locale: what a template rendering uses."""
    return {
        "number": partial(number, locale=locale),
        "money": partial(money, locale=locale),
        "cents": partial(cents, locale=locale),
        "percentage": partial(percentage, locale=locale),
    }


def dateformat(value, format: str = "medium") -> str:
    """The `dateformat` filter: Flask-Babel's, with each calendar date formatted once per
    language and format (cards repeat the same closing dates); date-times go straight through,
    since they depend on the reader's time zone."""
    from datetime import date

    from flask_babel import format_date

    if type(value) is date:
        return _date_text(value, format, str(get_locale()))
    return format_date(value, format)


@lru_cache(maxsize=4096)
def _date_text(value, format: str, _locale: str) -> str:
    from flask_babel import format_date

    return format_date(value, format)


def percentage(ratio: float, locale: Locale | None = None, digits: int = 0) -> str:
    """A ratio (0.42) as a percentage for the current locale: "42 %" in French, "42%" in
    English (Babel; `digits` decimals at most)."""
    pattern = "#,##0%" if digits == 0 else "#,##0." + "#" * digits + "%"
    loc = locale or _current()
    # The locale's own pattern carries its spacing ("42 %"): keep it, only the decimals change.
    standard = str(loc.percent_formats[None].pattern)
    pattern = standard.replace("#,##0", pattern.removesuffix("%"), 1) if digits else standard
    return babel_numbers.format_percent(ratio, pattern, locale=loc)


def long_date(value, locale: Locale | None = None) -> str:
    """A day as people read it: "18 décembre 2026" / "December 18, 2026" (Babel)."""
    from babel.dates import format_date

    return format_date(value, "long", locale=locale or _current())


def full_date(value, locale: Locale | None = None) -> str:
    """A day with its weekday: "vendredi 18 décembre 2026" / "Friday, December 18, 2026"."""
    from babel.dates import format_date

    return format_date(value, "full", locale=locale or _current())


def duration(minutes: int, locale: Locale | None = None) -> str:
    """A length of time in hours and minutes: "1 h 30", "45 min", "2 h" in French (OQLF);
    "1 h 30 min", "45 min", "2 h" in English. Never seconds."""
    hours, rest = divmod(int(round(minutes)), 60)
    french = str(locale or _current()).startswith("fr")
    nbsp = "\u00a0"
    if not hours:
        return f"{rest}{nbsp}min"
    if not rest:
        return f"{hours}{nbsp}h"
    return f"{hours}{nbsp}h{nbsp}{rest:02d}" if french else f"{hours}{nbsp}h{nbsp}{rest}{nbsp}min"


def clock_time(value, tz=None) -> str:
    """A time of day as people read it: "10 h 30" in French, "10:30 a.m." in English (Babel's
    short format). A wall-clock `time` is shown as is; an aware datetime in `tz` (Québec)."""
    from babel.dates import format_time

    from app.clock import PROGRAM_TZ

    if isinstance(value, datetime):
        value = value.astimezone(tz or PROGRAM_TZ).time()
    locale = get_locale()
    if str(locale).startswith("fr"):
        # The OQLF's way ("9 h", "9 h 05"), not Babel's fr_CA pattern ("09 h 00").
        return format_time(value, "H 'h'" if value.minute == 0 else "H 'h' mm", locale=locale)
    return format_time(value, "short", locale=locale)


def local_time(value, tz=None) -> str:
    """Format an aware datetime as day, month, year and time of day in a time zone (Québec by
    default): "18 déc. 2026, 10 h 30" / "Dec 18, 2026, 10:30 a.m." (Babel; no seconds)."""
    from babel.dates import format_date

    from app.clock import PROGRAM_TZ

    local = value.astimezone(tz or PROGRAM_TZ)
    return f"{format_date(local, 'medium', locale=get_locale())}, {clock_time(local, tz)}"


def user_zone(user):
    """The zone a person reads times in: a candidate's profile zone, else the account's, else
    Québec's (an unknown name falls back to Québec too)."""
    from zoneinfo import ZoneInfo

    from app.clock import PROGRAM_TZ

    profile = getattr(user, "candidate_profile", None) if user is not None else None
    name = (profile.timezone if profile is not None else None) or getattr(user, "timezone", None)
    try:
        return ZoneInfo(name) if name else PROGRAM_TZ
    except (KeyError, ValueError):
        return PROGRAM_TZ


def interview_when(moment: datetime, tz=None) -> str:
    """An interview's day and time in Québec, then in the reader's zone when it differs, in the
    current language: "vendredi 18 décembre 2026, 10 h 30 (heure du Québec) — 9 h 30 à Bogotá",
    "Friday, December 18, 2026, 10:30 a.m. Québec time — 9:30 a.m. in Bogotá" (Babel)."""
    from babel.dates import format_date, get_timezone_location
    from flask_babel import gettext as _

    from app.clock import PROGRAM_TZ

    locale = get_locale()
    quebec = moment.astimezone(PROGRAM_TZ)
    text = _(
        "%(day)s, %(time)s Québec time",
        day=format_date(quebec, "full", locale=locale),
        time=clock_time(quebec),
    )
    there = moment.astimezone(tz) if tz is not None else quebec
    if there.utcoffset() == quebec.utcoffset():
        return text
    city = get_timezone_location(tz, locale=locale, return_city=True)
    time = clock_time(there, tz)
    if there.date() != quebec.date():
        return _(
            "%(quebec)s — %(day)s, %(time)s in %(city)s",
            quebec=text,
            day=format_date(there, "full", locale=locale),
            time=time,
            city=city,
        )
    return _("%(quebec)s — %(time)s in %(city)s", quebec=text, time=time, city=city)


def interview_when_both(moment: datetime, tz=None) -> dict[str, str]:
    """`interview_when` written in each language, for a notification read later in either."""
    from flask_babel import force_locale

    out = {}
    for lang, loc in (("fr", "fr_CA"), ("en", "en_CA")):
        with force_locale(loc):
            out[lang] = interview_when(moment, tz)
    return out
