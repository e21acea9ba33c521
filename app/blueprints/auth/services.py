"""Account operations: sign-up, sign-in, email verification and password reset."""

from dataclasses import dataclass

from flask import current_app

from app import sessions
from app.audit import record_event
from app.errors import DomainError
from app.extensions import db
from app.mail import send_mail
from app.models import (
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    Municipality,
    PartnerOrganisation,
    Role,
    User,
    VettingStatus,
)
from app.models.base import utcnow
from app.phones import is_valid_phone, normalise_phone
from app.security import (
    email_fingerprint,
    hash_password,
    make_token,
    read_token,
    verify_password,
)
from app.urls import external_url

PRIVACY_POLICY_VERSION = "2026-11"
VERIFY_SALT = "verify-email"
RESET_SALT = "reset-password"
INVITE_SALT = "invitation"
INVITE_MAX_AGE = 7 * 24 * 3600


class AccountError(DomainError):
    """A sign-up or account operation that cannot proceed; `field` names the form field."""


@dataclass
class EmployerData:
    organisation_name: str
    neq: str
    region_code: str
    municipality_id: int | None
    address: str = ""
    phone: str = ""


def normalise_email(email: str) -> str:
    """Return the email trimmed and lower-cased, as stored."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """Return the account with this email, if any."""
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def create_user(
    email: str,
    password: str,
    full_name: str,
    role: Role,
    locale: str = "fr_CA",
    partner: PartnerOrganisation | None = None,
    verified: bool = False,
) -> User:
    """Create an account; raise AccountError('taken', 'email') if the email is in use."""
    if find_user_by_email(email):
        raise AccountError("taken", "email")
    if role == Role.PARTNER and partner is None:
        raise AccountError("required", "partner")
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        full_name=full_name.strip(),
        role=role,
        locale=locale,
        partner_organisation=partner if role == Role.PARTNER else None,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    current_app.logger.info("account created: user=%s role=%s", user.id, role.value)
    return user


def warn_of_signup_attempt(email: str, password: str) -> None:
    """Someone signed up with an address that has an account: tell its owner, nobody else.

    The sign-up page answers as for a new account ("check your email"), so it does not reveal
    which addresses have one; the password is hashed anyway so the timing does not either.
    """
    hash_password(password)
    user = find_user_by_email(email)
    if user is None:
        return
    send_mail(
        user.email,
        "signup_attempt",
        user.locale,
        user=user,
        login_link=external_url("auth.login"),
        reset_link=external_url("auth.forgot_password"),
    )
    record_event(None, "account.signup_attempt", "user", user.id)


def register_candidate(email: str, password: str, full_name: str, locale: str) -> User:
    """Sign up a candidate, record their consent and mail the verification link."""
    user = create_user(email, password, full_name, Role.CANDIDATE, locale)
    _record_consent(user)
    send_verification_email(user)
    return user


def register_employer(
    email: str, password: str, full_name: str, locale: str, data: EmployerData
) -> User:
    """Sign up an employer; create its organisation (pending vetting), or ask to join the one
    with that NEQ once the program has approved it."""
    org = db.session.execute(
        db.select(EmployerOrganisation).where(EmployerOrganisation.neq == data.neq)
    ).scalar_one_or_none()
    if org is not None and not org.is_approved:
        # The program is checking this NEQ (or refused it): a second sign-up cannot go round that.
        raise AccountError(f"neq_{org.vetting_status.value}", "neq")
    if not is_valid_phone(data.phone):
        raise AccountError("phone_invalid", "phone")
    user = create_user(email, password, full_name, Role.EMPLOYER, locale)
    _record_consent(user)
    if org is None:
        municipality = (
            db.session.get(Municipality, data.municipality_id) if data.municipality_id else None
        )
        if municipality is not None and municipality.region_code != data.region_code:
            raise AccountError("wrong_region", "municipality")
        org = EmployerOrganisation(
            name=data.organisation_name.strip(),
            neq=data.neq,
            region_code=data.region_code,
            municipality=municipality,
            address=data.address.strip(),
            phone=normalise_phone(data.phone),
            vetting_status=VettingStatus.PENDING,
        )
        db.session.add(org)
        membership = EmployerMembership(
            user=user, organisation=org, role=MembershipRole.OWNER, status=MembershipStatus.ACTIVE
        )
    else:
        # Knowing a NEQ is public information: joining needs a colleague's approval.
        membership = EmployerMembership(
            user=user, organisation=org, role=MembershipRole.MEMBER, status=MembershipStatus.PENDING
        )
    db.session.add(membership)
    db.session.flush()
    send_verification_email(user)
    if membership.status == MembershipStatus.PENDING:
        _notify_members_of_request(org, user)
    return user


def _record_consent(user: User) -> None:
    user.privacy_consent_at = utcnow()
    user.privacy_consent_version = PRIVACY_POLICY_VERSION


def _notify_members_of_request(org: EmployerOrganisation, newcomer: User) -> None:
    for member in org.memberships:
        if member.status == MembershipStatus.ACTIVE:
            send_mail(
                member.user.email,
                "join_request",
                member.user.locale,
                user=member.user,
                newcomer=newcomer,
                organisation=org,
                link=external_url("employers.members"),
            )


def send_verification_email(user: User) -> None:
    """Mail the user a signed link that confirms their email address."""
    token = make_token(VERIFY_SALT, {"uid": user.id, "ef": email_fingerprint(user.email)})
    send_mail(
        user.email,
        "verify_email",
        user.locale,
        user=user,
        link=external_url("auth.verify_email", token=token),
    )


def verify_email(token: str) -> User | None:
    """Mark the email of the token's user as verified; return None for a bad or stale token."""
    data = read_token(VERIFY_SALT, token, current_app.config["EMAIL_TOKEN_MAX_AGE"])
    if not data:
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or email_fingerprint(user.email) != data.get("ef"):
        return None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, upgrading the hash if needed."""
    user = find_user_by_email(email)
    if user is None:
        # Spend the same time as a real check, so timing does not reveal which emails exist.
        hash_password(password)
        return None
    ok, new_hash = verify_password(user.password_hash, password)
    if not ok:
        return None
    if new_hash:
        user.password_hash = new_hash
    user.last_login_at = utcnow()
    # Signing in again cancels a pending retention erasure (see app.blueprints.privacy).
    user.retention_warned_at = None
    return user


def _reset_fingerprint(user: User) -> str:
    # Changing the password changes the hash, so a used link stops working.
    return user.password_hash[-16:]


def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token = make_token(RESET_SALT, {"uid": user.id, "fp": _reset_fingerprint(user)})
    send_mail(
        user.email,
        "reset_password",
        user.locale,
        user=user,
        link=external_url("auth.reset_password", token=token),
    )


def invitation_link(user: User) -> str:
    """Return a link, valid a week, for a newly created account to choose its password."""
    token = make_token(INVITE_SALT, {"uid": user.id, "fp": _reset_fingerprint(user)})
    return external_url("auth.reset_password", token=token)


def user_for_reset_token(token: str) -> User | None:
    """Return the user a valid, unused, unexpired reset or invitation token belongs to."""
    data = read_token(RESET_SALT, token, current_app.config["RESET_TOKEN_MAX_AGE"]) or read_token(
        INVITE_SALT, token, INVITE_MAX_AGE
    )
    if not data:
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.active or data.get("fp") != _reset_fingerprint(user):
        return None
    return user


def reset_password(user: User, password: str) -> None:
    """Set a new password and end every other session of the user."""
    user.password_hash = hash_password(password)
    sessions.end_all(user)
    if user.email_verified_at is None:
        # Following the mailed link proves the address.
        user.email_verified_at = utcnow()


def check_current_password(user: User, password: str) -> None:
    """Re-authentication before a sensitive change."""
    ok, _new_hash = verify_password(user.password_hash, password or "")
    if not ok:
        raise AccountError("wrong_password", "current_password")


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password after checking the current one."""
    check_current_password(user, current_password)
    user.password_hash = hash_password(new_password)
    sessions.end_others(user)
    record_event(user, "account.password_changed", "user", user.id)


def change_email(user: User, current_password: str, new_email: str) -> None:
    """Change the email after checking the password; the new address must be confirmed."""
    check_current_password(user, current_password)
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise AccountError("same_email", "email")
    if find_user_by_email(new_email) is not None:
        raise AccountError("taken", "email")
    user.email, user.email_verified_at = new_email, None
    db.session.flush()
    record_event(user, "account.email_changed", "user", user.id)
    send_verification_email(user)


def set_timezone(user: User, zone: str) -> None:
    """Set the zone the person reads times in (interview times are shown in it and in Québec's)."""
    from zoneinfo import ZoneInfo, available_timezones

    if zone not in available_timezones():
        raise AccountError("timezone", "timezone")
    ZoneInfo(zone)
    user.timezone = zone
    db.session.flush()
