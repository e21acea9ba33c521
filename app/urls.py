"""URL helpers."""

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import IntegerConverter, ValidationError

from app.forms import MAX_DB_INT


class BoundedIntegerConverter(IntegerConverter):
    """The `int` URL converter, bounded to what a database integer holds: a larger id is a 404.

    Registered as `int` for the whole application, so every `<int:...>` route is covered.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False) -> None:  # noqa: A002
        bound = MAX_DB_INT if max is None or max > MAX_DB_INT else max
        super().__init__(map, fixed_digits, min, bound, signed)

    def to_python(self, value: str) -> int:
        # Refuse a 40-digit id before int() even reads it.
        if len(value.lstrip("-")) > len(str(MAX_DB_INT)):
            raise ValidationError()
        return super().to_python(value)


def safe_next(target: str | None) -> str | None:
    """Return target only if it is a path on this site (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def _adapter():
    parts = urlsplit(current_app.config["PUBLIC_URL"])
    return current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )


def external_url(endpoint: str, **values) -> str:
    """Build an absolute link for mail, from PUBLIC_URL, inside or outside a request."""
    return _adapter().build(endpoint, values, force_external=True)


def site_path(endpoint: str, **values) -> str:
    """Build a site-relative link, inside or outside a request."""
    return _adapter().build(endpoint, values, force_external=False)


def public_link(path: str) -> str:
    """Turn a site-relative path into an absolute link for mail."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def same_site_referrer(referrer: str | None, host: str) -> str | None:
    """Return the path and query of a referrer on this site (it carries URLs pushed by htmx)."""
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != host:
        return None
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
