"""Sessions held on the server: a new one at each sign-in, idle and absolute limits, a real logout.

The signed cookie only carries a random token; its SHA-256 names a `user_sessions` row. Ending the
row (logout, an administrator, a password change) ends the session wherever the cookie is.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User, UserSession
from app.models.base import utcnow

TOKEN_KEY = "_sid"  # noqa: S105 - the session key name, not a secret
# Writing last_seen_at on every request would cost a write per page: once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user: User, two_factor_done: bool) -> UserSession:
    """Sign the user in with a brand-new session (nothing of the previous one is kept)."""
    _clear_cookie()
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = UserSession(
        token_hash=_hash(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        two_factor_at=now if two_factor_done else None,
    )
    db.session.add(record)
    db.session.flush()
    session[TOKEN_KEY] = token
    session.permanent = True
    login_user(user)
    g.user_session = record
    return record


def current() -> UserSession | None:
    """The session record of this request, if it is still valid (expired ones are ended)."""
    if "user_session" in g:
        return g.user_session
    record = None
    token = session.get(TOKEN_KEY)
    if token:
        record = db.session.execute(
            db.select(UserSession)
            .options(joinedload(UserSession.user))
            .where(UserSession.token_hash == _hash(token))
        ).scalar_one_or_none()
        if record is not None and not _alive(record, utcnow()):
            record = None
    g.user_session = record
    return record


def _alive(record: UserSession, now: datetime) -> bool:
    cfg = current_app.config
    if record.ended_at is not None:
        return False
    if (
        now - record.last_seen_at > cfg["SESSION_IDLE_TIMEOUT"]
        or now - record.created_at > cfg["SESSION_ABSOLUTE_TIMEOUT"]
    ):
        record.ended_at = now
        db.session.commit()
        return False
    if now - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return True


def valid_for(user_id: int) -> bool:
    """Called when Flask-Login loads the user: the cookie's session must be alive and theirs."""
    record = current()
    return record is not None and record.user_id == user_id


def end() -> None:
    """End this session on the server and in the cookie (the language choice is kept)."""
    record = current()
    if record is not None and record.ended_at is None:
        record.ended_at = utcnow()
    logout_user()
    _clear_cookie()
    g.pop("user_session", None)


def _clear_cookie() -> None:
    """Empty the signed cookie, keeping only the language choice."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def end_all(user: User) -> int:
    """End every open session of the user (administrator action, password change, deletion)."""
    now = utcnow()
    records = open_sessions(user)
    for record in records:
        record.ended_at = now
    user.session_version += 1
    db.session.flush()
    return len(records)


def end_others(user: User) -> None:
    """End every open session of the user except this one (password change, lost device)."""
    this = current()
    now = utcnow()
    for record in open_sessions(user):
        if this is None or record.id != this.id:
            record.ended_at = now


def open_sessions(user: User) -> list[UserSession]:
    """The user's sessions that are still open, most recently used first."""
    return list(
        db.session.execute(
            db.select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.last_seen_at.desc())
        ).scalars()
    )
