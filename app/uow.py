"""The unit of work: one place decides whether a request's changes are committed or rolled back.

Routes never call `db.session.commit()` or `rollback()` themselves:
- a POST runs its service call through `attempt()`, which commits on success and, on a `DomainError`
  (or a duplicate submission), rolls back and puts the translated message where the user sees it;
- a GET that must write (an audited read, a default created on first use) calls `write_on_read()`
  with its reason, and the changes are committed after the view, if the response is not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import Flask, Response, flash, g
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import Form

from app.errors import DomainError, StaleError
from app.extensions import db

T = TypeVar("T")

DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What `attempt` did: truthy when the service ran and its changes were committed."""

    ok: bool
    value: T | None = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.ok

    @property
    def duplicate(self) -> bool:
        """The same submission was already recorded (a double click, a retry)."""
        return self.error is not None and self.error.code == DUPLICATE


def attempt(
    form: Form | None,
    messages: Mapping[str, Any],
    fn: Callable[..., T],
    *args: Any,
    **kwargs: Any,
) -> Outcome[T]:
    """Run one service call as the request's unit of work.

    On success: commit, and return the service's result in a truthy `Outcome`.
    On a `DomainError`: roll back, put `messages[code]` on `form[field]` (or on the form as a whole,
    or flash it when there is no form), and return a falsy `Outcome` holding the error; the form
    keeps what the user typed.
    On an `IntegrityError` (the same submission twice at once): roll back and treat it as the domain
    error `duplicate`, so the route can show the row that won (`outcome.duplicate`).
    """
    try:
        value = fn(*args, **kwargs)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        attach_error(form, messages, err)
        return Outcome(False, error=err)
    except StaleDataError:  # a versioned row changed between the read and the write
        db.session.rollback()
        err = StaleError()
        attach_error(form, messages, err)
        return Outcome(False, error=err)
    except IntegrityError:
        db.session.rollback()
        err = DomainError(DUPLICATE)
        if DUPLICATE in messages:
            attach_error(form, messages, err)
        return Outcome(False, error=err)
    return Outcome(True, value=value)


def attach_error(form: Form | None, messages: Mapping[str, Any], err: DomainError) -> None:
    """Show a domain error (or each of `DomainErrors`) where it belongs: on its field, on the form,
    or as a flash message; a message already shown there is not repeated."""
    for one in getattr(err, "errors", None) or [err]:
        message = (
            messages.get(one.code)
            or getattr(one, "message", None)
            or messages.get("invalid")
            or one.code
        )
        if form is None:
            flash(str(message), "error")
            continue
        field = form._fields.get(one.field) if one.field else None
        shown = field.errors if field is not None else form.form_errors
        if str(message) in (str(m) for m in shown):
            continue
        if field is not None:
            field.errors = [*field.errors, message]  # errors may be a tuple before validation
        else:
            form.form_errors.append(message)


def write_on_read(reason: str) -> None:
    """Declare that this GET writes on purpose (say why); commit its changes after the view."""
    g.uow_write_reason = reason


def _commit_declared_writes(response: Response) -> Response:
    if g.pop("uow_write_reason", None) is not None:
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
    return response


def init_app(app: Flask) -> None:
    """Commit the writes a GET view declared, once the view has answered."""
    app.after_request(_commit_declared_writes)
