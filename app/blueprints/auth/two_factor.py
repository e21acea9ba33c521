"""Two-factor authentication: TOTP (RFC 6238) with pyotp, and one-time recovery codes."""

import hashlib
import secrets
import time

import pyotp
import segno
from flask import current_app

from app.extensions import db
from app.models import User
from app.models.base import utcnow

ISSUER = "Maillage"
RECOVERY_CODES = 10
STEP = 30  # seconds per code


def required_for(user: User) -> bool:
    """Staff, partner and admin accounts must use a second factor (configurable)."""
    return user.role.value in current_app.config["TWO_FACTOR_REQUIRED_ROLES"]


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG (no image request, no script)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#1b2330", light="#ffffff")


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _matching_counter(secret: str, code: str, now: float) -> int | None:
    """The time step whose code this is, allowing one step of clock drift either way."""
    totp = pyotp.TOTP(secret)
    current = int(now // STEP)
    for counter in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.at(counter * STEP), code):
            return counter
    return None


def check_code(user: User, code: str, now: float | None = None) -> bool:
    """Accept a TOTP code once, or a recovery code (which is then used up)."""
    if not user.has_two_factor:
        return False
    code = _clean(code)
    if code.isdigit() and len(code) == 6:
        counter = _matching_counter(user.totp_secret, code, time.time() if now is None else now)
        last = user.totp_last_counter
        if counter is None or (last is not None and counter <= last):
            return False
        user.totp_last_counter = counter
        db.session.flush()
        return True
    return use_recovery_code(user, code)


def use_recovery_code(user: User, code: str) -> bool:
    digest = _digest(_clean(code))
    remaining = list(user.recovery_codes or [])
    if digest not in remaining:
        return False
    remaining.remove(digest)
    user.recovery_codes = remaining
    db.session.flush()
    return True


def _digest(code: str) -> str:
    # Recovery codes are 50 random bits: a plain hash is enough, unlike a password.
    return hashlib.sha256(code.encode()).hexdigest()


def new_recovery_codes(user: User) -> list[str]:
    """Replace the recovery codes; return them once, in clear, for the person to keep."""
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    user.recovery_codes = [_digest(_clean(c)) for c in codes]
    db.session.flush()
    return codes


def enable(user: User, secret: str, code: str, now: float | None = None) -> list[str] | None:
    """Turn two-factor authentication on when the code proves the app holds the secret."""
    code = _clean(code)
    counter = _matching_counter(secret, code, time.time() if now is None else now)
    if not (code.isdigit() and counter is not None):
        return None
    user.totp_secret, user.totp_enabled_at, user.totp_last_counter = secret, utcnow(), counter
    return new_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret, user.totp_enabled_at, user.totp_last_counter = None, None, None
    user.recovery_codes = []
    db.session.flush()
