"""Password hashing (argon2id), signed tokens and role checks."""

import hashlib
import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort, current_app, flash, make_response, redirect, request, url_for
from flask_login import current_user, login_required, login_url
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app import sessions
from app.extensions import login_manager
from app.models import Role
from app.urls import safe_next


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> tuple[bool, str | None]:
    """Check a password; return (ok, new_hash) where new_hash is set when parameters changed."""
    hasher = _hasher()
    try:
        hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False, None
    if hasher.check_needs_rehash(password_hash):
        return True, hasher.hash(password)
    return True, None


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(salt: str, payload: dict[str, Any]) -> str:
    """Sign a payload for a mailed link."""
    return _serializer(salt).dumps(payload)


def email_fingerprint(email: str) -> str:
    """A keyed digest of an address, so that mailed links carry no email (tokens are readable)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:24]


def read_token(salt: str, token: str, max_age: int) -> dict[str, Any] | None:
    """Return the payload of a valid, unexpired token, or None."""
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    return data if isinstance(data, dict) else None


def role_required(*roles: Role) -> Callable:
    """Restrict a view to signed-in users holding one of the roles.

    Others get 403 on a page, and 404 on a URL that names an object, so that a
    wrong role learns nothing about which objects exist.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(404 if kwargs else 403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def sign_in_required():
    """Send a signed-out visitor to the sign-in page, then back (Flask-Login's unauthorized)."""
    if request.headers.get("HX-Request") == "true":
        # An htmx request (a poll every few seconds, a filter) would swap the sign-in page into a
        # fragment or drop it silently: HX-Redirect makes htmx load the sign-in page instead,
        # with the page the person is on (not the fragment's URL) to come back to.
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        page = (
            urlunsplit(("", "", current.path, current.query, ""))
            if (current.netloc == request.host)
            else ""
        )
        target = safe_next(page) or request.full_path.rstrip("?")
        response = make_response("", 401)
        response.headers["HX-Redirect"] = login_url(login_manager.login_view, next_url=target)
        response.headers["Vary"] = "HX-Request"
        return response
    if login_manager.login_message:
        flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def auth_rate_limit() -> str:
    """The limit on sign-up, reset and invitation attempts per address."""
    return current_app.config["AUTH_RATE_LIMIT"]


def login_address_limit() -> str:
    """Failed sign-ins allowed per client address (an office or a library shares one)."""
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def login_account_limit() -> str:
    """Failed sign-ins allowed per account, from every address together (slow guessing too)."""
    return current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"]


def login_account_key() -> str:
    """The rate-limit key of the account being signed in to: a keyed fingerprint of the email
    typed (or of the account waiting for its code), never the address itself."""
    from flask import request, session

    pending = (session.get("pending_2fa") or {}).get("uid")
    if request.endpoint == "auth.login_code" and pending:
        return f"account:{pending}"
    return "account:" + email_fingerprint(request.form.get("email", "").strip().lower())


def failed_attempt(response) -> bool:
    """A sign-in form shown again (200) is a failure; a redirect (303) is a success."""
    return response.status_code == 200


# Pages a staff, partner or admin account may reach before its second factor is set up.
SECOND_FACTOR_EXEMPT = {
    "account.two_factor_setup",
    "auth.logout",
    "main.set_language",
    "main.privacy",
    "static",
}


def require_second_factor():
    """Before each request: an account that must use two-step verification gets nowhere else."""
    # Imported here: the auth blueprint imports this module.
    from app.blueprints.auth.two_factor import required_for

    if request.endpoint in SECOND_FACTOR_EXEMPT or request.endpoint is None:
        return None
    if not current_user.is_authenticated or not required_for(current_user):
        return None
    record = sessions.current()
    if record is not None and record.two_factor_at is not None:
        return None
    return redirect(url_for("account.two_factor_setup"))
