"""The one domain error, and error pages in the visitor's language."""

import logging

from flask import Flask, current_app, make_response, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db
from app.rendering import render


class DomainError(Exception):
    """A service refused an operation: `code` says why (a message key), `field` where.

    Each domain subclasses it in one line (`class FundingError(DomainError): pass`) so callers can
    catch one domain's refusals; the unit of work (`app.uow.attempt`) catches them all.
    """

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


class MessageError(DomainError):
    """A refusal whose text is built where it happens (a file's problem, a caption's line):
    `message` is shown as is (a lazy translated string) when the view has no text for `code`."""

    def __init__(self, code: str, message, field: str | None = None) -> None:
        super().__init__(code, field)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class DomainErrors(DomainError):
    """Several refusals found at once: every invalid field of a submission, not the first only."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].code, errors[0].field)
        self.errors = list(errors)


class Problems:
    """Collect a service's refusals, then raise them together.

    problems = Problems(JobError)
    if not data.title: problems.add("title_required", "title_fr")
    ...
    problems.raise_any()
    """

    def __init__(self, kind: type[DomainError] = DomainError) -> None:
        self.kind = kind
        self.errors: list[DomainError] = []

    def add(self, code: str, field: str | None = None) -> None:
        self.errors.append(self.kind(code, field))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise DomainErrors(self.errors)


STALE = "stale"  # the one code for "someone saved this meanwhile" (field: "version")


class StaleError(DomainError):
    """The row changed since the form was drawn; the user's input is kept and shown again."""

    def __init__(self, field: str | None = "version") -> None:
        super().__init__(STALE, field)


ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Access denied"), _l("Your account does not give access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist or is not available to you.")),
    405: (_l("Method not allowed"), _l("This action is not possible on this page.")),
    413: (
        _l("File too large"),
        _l("The file you sent is larger than allowed. Try a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You made too many attempts in a short time. Wait a minute, then try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred on our side. It has been logged; please try again later."),
    ),
}

CSRF_TEXT = _l(
    "Your session expired or the form was sent from another page. "
    "Reload the page and send it again."
)


def register_error_handlers(app: Flask) -> None:
    """Render every HTTP error with the error page template."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render_error(400, CSRF_TEXT)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return _render_error(error.code)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        db.session.rollback()
        return _render_error(500)

    for exc in DATABASE_DOWN:
        app.register_error_handler(exc, database_unavailable)


# The database refused, dropped or timed out: nothing the visitor did, nothing to show them.
DATABASE_DOWN = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
RETRY_AFTER_SECONDS = 30

log = logging.getLogger("maillage.errors")


def database_unavailable(error: Exception):
    """Answer 503 with a page in French and English that needs no database (nor the user's)."""
    log.error(
        "database unavailable on %s %s: %s", request.method, request.path, type(error).__name__
    )
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001, S110 - the connection is gone already; nothing to undo
        pass
    texts = {}
    for lang, locale in (("fr", "fr_CA"), ("en", "en_CA")):
        with force_locale(locale):
            texts[lang] = {
                "title": _("Service temporarily unavailable"),
                "text": _(
                    "The portal cannot reach its data right now. Nothing you entered was "
                    "saved by this request. Please try again in a few minutes."
                ),
                "retry": _("Try again"),
            }
    retry_url = request.full_path.rstrip("?")
    # Straight from the Jinja environment: context processors would look up the signed-in user.
    template = current_app.jinja_env.get_template("errors/unavailable.html")
    body = template.render(texts=texts, retry_url=retry_url)
    response = make_response(body, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _render_error(code: int, detail: str | None = None):
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[400 if code < 500 else 500])
    return render("errors/error.html", status=code, code=code, title=title, text=detail or text)
