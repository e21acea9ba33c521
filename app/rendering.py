"""Render a whole page, or one block of it for htmx."""

from collections.abc import Callable

from flask import make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale, get_translations
from jinja2 import ext as jinja_i18n
from jinja2_fragments.flask import render_block

from app.i18n import babel_locale, bound_formatters


def is_htmx_fragment_request() -> bool:
    """True for an htmx request that wants a fragment (not boosted, not a history restore)."""
    h = request.headers
    return (
        h.get("HX-Request") == "true"
        and h.get("HX-Boosted") != "true"
        and h.get("HX-History-Restore-Request") != "true"
    )


def _bound_gettext() -> dict:
    """gettext, ngettext and the number formatters bound to this request's language.

    A page calls gettext dozens of times; Flask-Babel's own callables look the catalog up through
    the request context on each call. Jinja resolves `gettext` from the template context first, so
    the page's calls go straight to the catalog (same newstyle behaviour: escaping, named
    placeholders).
    """
    make_gettext = getattr(jinja_i18n, "_make_new_gettext", None)
    make_ngettext = getattr(jinja_i18n, "_make_new_ngettext", None)
    make_pgettext = getattr(jinja_i18n, "_make_new_pgettext", None)
    if None in (make_gettext, make_ngettext, make_pgettext):  # another Jinja: keep Flask-Babel's
        return {}
    translations = get_translations()
    return {
        "gettext": make_gettext(translations.ugettext),
        "ngettext": make_ngettext(translations.ungettext),
        "pgettext": make_pgettext(translations.upgettext),
        # Number and money formatters bound to the locale, parsed once per process.
        **bound_formatters(babel_locale(str(get_locale() or "fr_CA"))),
    }


def render(
    template: str,
    block: str | None = None,
    status: int = 200,
    page_only: dict[str, Callable[[], object]] | None = None,
    **context,
) -> ResponseReturnValue:
    """Render the page, or only `block` of it when htmx asks for a fragment.

    `page_only`: what only the rest of the page shows (a filter form's choices), as functions called
    only when the whole page is rendered: a fragment does not pay for them.
    """
    context.update(_bound_gettext())
    fragment = bool(block) and is_htmx_fragment_request()
    if page_only and not fragment:
        context.update({name: make() for name, make in page_only.items()})
    if fragment:
        # Live regions outside the block take their new text out of band (macros/live.html).
        context["htmx_fragment"] = True
        body = render_block(template, block, **context)
        # Flash messages travel with every fragment as an out-of-band swap.
        body += render_template("macros/flash_oob.html")
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
