"""Employer organisation membership."""

from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from sqlalchemy.orm import joinedload, selectinload

from app.audit import record_event
from app.blueprints.auth.services import (
    PRIVACY_POLICY_VERSION,
    create_user,
    find_user_by_email,
    normalise_email,
)
from app.errors import DomainError, Problems, StaleError
from app.extensions import db
from app.mail import send_mail
from app.models import (
    Commitment,
    EmployerInvitation,
    EmployerMembership,
    EmployerOrganisation,
    Job,
    JobStatus,
    MembershipRole,
    MembershipStatus,
    Municipality,
    OrganisationSize,
    Role,
    User,
    VettingStatus,
)
from app.models.base import utcnow
from app.notify import notify
from app.phones import is_valid_phone, normalise_phone
from app.security import email_fingerprint, make_token, read_token
from app.storage import delete_file, save_file
from app.uploads import IMAGE_TYPES, check_upload
from app.urls import external_url, site_path


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
    address: str = ""
    phone: str = ""
    commitments: set[Commitment] = field(default_factory=set)


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
    problems = Problems(OrganisationError)
    if municipality is not None and municipality.region_code != data.region_code:
        problems.add("wrong_region", "municipality")
    if not is_valid_phone(data.phone):
        problems.add("phone_invalid", "phone")
    problems.raise_any()
    org.name = data.name.strip()
    org.sector = data.sector.strip()
    org.region_code = data.region_code
    org.municipality = municipality
    org.size = data.size
    org.description_fr = data.description_fr
    org.description_en = data.description_en
    org.address = data.address.strip()
    org.phone = normalise_phone(data.phone)
    for commitment in Commitment:
        setattr(org, commitment.column, commitment in data.commitments)
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


# ---------------------------------------------------------------- vetting


@dataclass
class VettingData:
    """Staff's checklist and decision on an organisation."""

    neq_found: bool
    outside_montreal: bool
    contact_reached: bool
    decision: VettingStatus | None
    reason: str


def pending_organisations() -> list[EmployerOrganisation]:
    """The organisations waiting for vetting, oldest first (the staff queue)."""
    return list(
        db.session.execute(
            db.select(EmployerOrganisation)
            .options(
                joinedload(EmployerOrganisation.region),
                joinedload(EmployerOrganisation.municipality),
                selectinload(EmployerOrganisation.memberships).joinedload(EmployerMembership.user),
            )
            .where(EmployerOrganisation.vetting_status == VettingStatus.PENDING)
            .order_by(EmployerOrganisation.created_at, EmployerOrganisation.id)
        ).scalars()
    )


def organisation_contact(org: EmployerOrganisation) -> User | None:
    """The person to reach about the organisation: its first active owner, else any member."""
    members = sorted(
        org.memberships,
        key=lambda m: (
            m.role != MembershipRole.OWNER,
            m.status != MembershipStatus.ACTIVE,
            m.id or 0,
        ),
    )
    return members[0].user if members else None


def check_vetting(data: VettingData) -> None:
    """Raise every problem of a vetting decision at once."""
    problems = Problems(OrganisationError)
    if data.decision not in (VettingStatus.APPROVED, VettingStatus.REFUSED):
        problems.add("decision_required", "decision")
    if data.decision == VettingStatus.REFUSED and not data.reason.strip():
        problems.add("refusal_reason", "reason")
    checks = (data.neq_found, data.outside_montreal, data.contact_reached)
    if data.decision == VettingStatus.APPROVED and not all(checks):
        problems.add("checks_incomplete", "neq_found")
    problems.raise_any()


def vet_organisation(
    staff: User, org: EmployerOrganisation, data: VettingData, version: int | None = None
) -> None:
    """Record staff's checklist and decision, audit it, and tell the members in their language."""
    if version is not None and version != org.version:
        raise StaleError()
    check_vetting(data)
    org.check_neq_found = data.neq_found
    org.check_outside_montreal = data.outside_montreal
    org.check_contact_reached = data.contact_reached
    org.vetting_status = data.decision
    org.vetting_reason = data.reason.strip()
    org.vetted_by_id = staff.id
    org.vetted_at = utcnow()
    closed = 0
    if org.vetting_status == VettingStatus.REFUSED:
        # A refusal after an approval: candidates must not travel for its jobs any more.
        closed = (
            db.session.execute(
                db.update(Job)
                .where(Job.organisation_id == org.id, Job.status == JobStatus.PUBLISHED)
                .values(status=JobStatus.CLOSED, version=Job.version + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            or 0
        )
    db.session.flush()
    record_event(
        staff,
        "organisation.vetted",
        "employer_organisation",
        org.id,
        decision=org.vetting_status.value,
        reason=org.vetting_reason,
        neq_found=data.neq_found,
        outside_montreal=data.outside_montreal,
        contact_reached=data.contact_reached,
        jobs_closed=closed,
    )
    approved = org.vetting_status == VettingStatus.APPROVED
    for member in org.memberships:
        if member.status == MembershipStatus.ACTIVE:
            notify(
                member.user,
                "organisation_approved" if approved else "organisation_refused",
                site_path("jobs.my_jobs") if approved else site_path("employers.organisation"),
                org=org.name,
                motive=org.vetting_reason,
            )


# ---------------------------------------------------------------- public profile


def get_public_organisation(org_id: int, viewer: User | None = None) -> EmployerOrganisation | None:
    """An organisation the viewer may see: approved by the program, or to its own members and
    staff (None otherwise, for a 404)."""
    org = db.session.get(EmployerOrganisation, org_id)
    return org if org is not None and org.is_visible_to(viewer) else None


def open_jobs_of(org: EmployerOrganisation, today: date) -> list[Job]:
    """The organisation's jobs open on the board, latest first."""
    return list(
        db.session.execute(
            db.select(Job)
            .options(joinedload(Job.region), joinedload(Job.municipality))
            .where(
                Job.organisation_id == org.id,
                Job.open_clause(today),
            )
            .order_by(Job.published_at.desc(), Job.id.desc())
        ).scalars()
    )
