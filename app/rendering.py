"""Render a whole page, or one block of it for htmx."""

from flask import make_response, render_template, request
from flask.typing import ResponseReturnValue
from jinja2_fragments.flask import render_block


def is_htmx_fragment_request() -> bool:
    """True for an htmx request that wants a fragment (not boosted, not a history restore)."""
    h = request.headers
    return (
        h.get("HX-Request") == "true"
        and h.get("HX-Boosted") != "true"
        and h.get("HX-History-Restore-Request") != "true"
    )


def render(
    template: str, block: str | None = None, status: int = 200, **context
) -> ResponseReturnValue:
    """Render the page, or only `block` of it when htmx asks for a fragment."""
    if block and is_htmx_fragment_request():
        body = render_block(template, block, **context)
        # Flash messages travel with every fragment as an out-of-band swap.
        body += render_template("macros/flash_oob.html")
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
