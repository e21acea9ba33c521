"""Employer organisation membership."""

from app.extensions import db
from app.mail import send_mail
from app.models import EmployerMembership, EmployerOrganisation, MembershipStatus, User
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
