"""Employer organisation membership."""

from dataclasses import dataclass
from typing import BinaryIO

from app.blueprints.auth.services import (
    PRIVACY_POLICY_VERSION,
    create_user,
    find_user_by_email,
    normalise_email,
)
from app.errors import DomainError, StaleError
from app.extensions import db
from app.mail import send_mail
from app.models import (
    EmployerInvitation,
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    Municipality,
    OrganisationSize,
    Role,
    User,
)
from app.models.base import utcnow
from app.security import email_fingerprint, make_token, read_token
from app.storage import delete_file, save_file
from app.uploads import IMAGE_TYPES, check_upload
from app.urls import external_url


def get_membership_for_review(
    org: EmployerOrganisation, membership_id: int
) -> EmployerMembership | None:
    """Return a pending membership of this organisation, or None."""
    m = db.session.get(EmployerMembership, membership_id)
    if m is None or m.organisation_id != org.id or m.status != MembershipStatus.PENDING:
        return None
    return m


def approve_membership(approver: User, membership: EmployerMembership) -> None:
    """Let a pending colleague into the organisation and tell them."""
    membership.status = MembershipStatus.ACTIVE
    db.session.flush()
    send_mail(
        membership.user.email,
        "join_approved",
        membership.user.locale,
        user=membership.user,
        approver=approver,
        organisation=membership.organisation,
        link=external_url("main.dashboard"),
    )


def refuse_membership(membership: EmployerMembership) -> None:
    """Refuse a join request; the account stays, without an organisation."""
    db.session.delete(membership)
    db.session.flush()


class OrganisationError(DomainError):
    """An organisation operation that cannot proceed; `code` says why, `field` where."""


@dataclass
class OrganisationData:
    name: str
    sector: str
    region_code: str
    municipality_id: int | None
    size: OrganisationSize | None
    description_fr: str
    description_en: str


LOGO_MAX_BYTES = 2 * 1024 * 1024
INVITE_SALT = "employer-invitation"
INVITE_MAX_AGE = 14 * 24 * 3600


def update_organisation(
    org: EmployerOrganisation, data: OrganisationData, version: int | None
) -> None:
    """Save the organisation's profile; refuse a stale edit or a municipality of another region."""
    if version is not None and version != org.version:
        raise StaleError()
    municipality = (
        db.session.get(Municipality, data.municipality_id) if data.municipality_id else None
    )
    if municipality is not None and municipality.region_code != data.region_code:
        raise OrganisationError("wrong_region", "municipality")
    org.name = data.name.strip()
    org.sector = data.sector.strip()
    org.region_code = data.region_code
    org.municipality = municipality
    org.size = data.size
    org.description_fr = data.description_fr
    org.description_en = data.description_en
    db.session.flush()


def save_organisation(
    org: EmployerOrganisation,
    data: OrganisationData,
    version: int | None,
    logo: BinaryIO | None = None,
) -> None:
    """Save the organisation's profile and, when one is sent, its new logo."""
    update_organisation(org, data, version)
    if logo is not None:
        store_logo(org, logo)


def store_logo(org: EmployerOrganisation, stream: BinaryIO) -> None:
    """Check and store the organisation's logo, replacing the previous one."""
    checked = check_upload(stream, IMAGE_TYPES, LOGO_MAX_BYTES, "logo")
    old = org.logo_key
    org.logo_key = save_file(stream, checked.extension)
    org.logo_mime = checked.mime
    db.session.flush()
    delete_file(old)


def invite_colleague(org: EmployerOrganisation, inviter: User, email: str) -> EmployerInvitation:
    """Mail a colleague a link to join the organisation."""
    email = normalise_email(email)
    existing = find_user_by_email(email)
    if existing is not None and existing.membership is not None:
        raise OrganisationError("already_member", "email")
    invitation = EmployerInvitation(organisation=org, email=email, invited_by_id=inviter.id)
    db.session.add(invitation)
    db.session.flush()
    token = make_token(INVITE_SALT, {"id": invitation.id, "ef": email_fingerprint(email)})
    send_mail(
        email,
        "colleague_invitation",
        inviter.locale,
        inviter=inviter,
        organisation=org,
        link=external_url("employers.accept_invitation", token=token),
    )
    return invitation


def invitation_for_token(token: str) -> EmployerInvitation | None:
    """Return the open invitation a valid token points to."""
    data = read_token(INVITE_SALT, token, INVITE_MAX_AGE)
    if not data:
        return None
    invitation = db.session.get(EmployerInvitation, data.get("id"))
    if (
        invitation is None
        or invitation.accepted_at is not None
        or email_fingerprint(invitation.email) != data.get("ef")
    ):
        return None
    return invitation


def accept_invitation(invitation: EmployerInvitation, user: User) -> None:
    """Make the user an active member of the inviting organisation."""
    if user.email != invitation.email:
        raise OrganisationError("other_email", "email")
    if user.role != Role.EMPLOYER or user.membership is not None:
        raise OrganisationError("already_member", "email")
    db.session.add(
        EmployerMembership(
            user=user,
            organisation=invitation.organisation,
            role=MembershipRole.MEMBER,
            status=MembershipStatus.ACTIVE,
        )
    )
    invitation.accepted_at = utcnow()
    if user.email_verified_at is None:
        # The invitation link reached this address.
        user.email_verified_at = utcnow()
    db.session.flush()


def register_invited_employer(
    invitation: EmployerInvitation, full_name: str, password: str, locale: str
) -> User:
    """Create the account of an invited colleague and let them in."""
    user = create_user(invitation.email, password, full_name, Role.EMPLOYER, locale)
    user.privacy_consent_at = utcnow()
    user.privacy_consent_version = PRIVACY_POLICY_VERSION
    accept_invitation(invitation, user)
    return user
