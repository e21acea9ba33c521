"""Administration: accounts and partner organisations."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import joinedload

from app import importing, sessions
from app.audit import record_event
from app.blueprints.auth.services import create_user, invitation_link
from app.blueprints.staff.search import match
from app.clock import PROGRAM_TZ
from app.errors import DomainError, StaleError
from app.extensions import db
from app.forms import MAX_DB_INT, page_offset
from app.mail import send_mail
from app.models import AuditEvent, EmployerOrganisation, PartnerOrganisation, Region, Role, User
from app.phones import is_valid_phone, normalise_phone
from app.urls import external_url

PAGE_SIZE = 25


class AdminError(DomainError):
    """An administrator action that is refused (e.g. deactivating one's own account)."""


def search_users(query: str, role: str | None, page: int) -> tuple[list[User], int]:
    """Return one page of accounts matching a name or email, and the total count."""
    stmt = db.select(User)
    rank = None
    if query:
        stmt, rank = match(stmt, query, db.session.get_bind().dialect.name)
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == Role(role))
    total = db.session.execute(db.select(db.func.count()).select_from(stmt.subquery())).scalar_one()
    users = db.session.execute(
        stmt.options(joinedload(User.partner_organisation))
        .order_by(*([rank] if rank is not None else []), User.created_at.desc(), User.id.desc())
        .limit(PAGE_SIZE)
        .offset(page_offset(page, PAGE_SIZE))
    ).scalars()
    return list(users), total


def list_partners() -> list[PartnerOrganisation]:
    """Return the partner organisations by name."""
    return list(
        db.session.execute(
            db.select(PartnerOrganisation).order_by(PartnerOrganisation.name)
        ).scalars()
    )


def invite_user(
    admin: User, email: str, full_name: str, role: Role, locale: str, partner_id: int | None
) -> User:
    """Create a partner, staff or admin account and mail its holder a link to choose a password."""
    partner = db.session.get(PartnerOrganisation, partner_id) if partner_id else None
    # The random password is never shown: the holder sets their own through the invitation.
    user = create_user(email, secrets.token_urlsafe(32), full_name, role, locale, partner=partner)
    send_mail(
        user.email,
        "invitation",
        user.locale,
        user=user,
        inviter=admin,
        link=invitation_link(user),
        login_link=external_url("auth.login"),
    )
    return user


@dataclass
class PartnerData:
    name: str
    description_fr: str
    description_en: str
    email: str
    phone: str
    website: str
    region_codes: list[str]
    version: int


def update_partner(partner: PartnerOrganisation, data: PartnerData) -> None:
    """Save a partner organisation; raise StaleError if it changed since the form was loaded."""
    if data.version != partner.version:
        raise StaleError()
    if data.phone and not is_valid_phone(data.phone):
        raise AdminError("phone_invalid", "phone")
    partner.name = data.name.strip()
    partner.description_fr = data.description_fr
    partner.description_en = data.description_en
    partner.email = data.email
    partner.phone = normalise_phone(data.phone)
    partner.website = data.website
    partner.regions = list(
        db.session.execute(db.select(Region).where(Region.code.in_(data.region_codes))).scalars()
    )
    db.session.flush()


def regions_served_elsewhere(partner: PartnerOrganisation) -> dict[str, str]:
    """Map each region code served by another partner to that partner's name."""
    served: dict[str, str] = {}
    for other in list_partners():
        if other.id != partner.id:
            for region in other.regions:
                served[region.code] = other.name
    return served


def set_active(admin: User, user: User, active: bool) -> None:
    """Deactivate (every session ends at once) or reactivate an account."""
    if user.id == admin.id:
        raise AdminError("self")
    if user.active == active:
        return
    user.active = active
    if not active:
        sessions.end_all(user)
    record_event(admin, "admin.activated" if active else "admin.deactivated", "user", user.id)
    db.session.flush()


def view_user(admin: User, user_id: int) -> User:
    """Load an account for an administrator and record that it was viewed (404 if absent)."""
    user = db.get_or_404(User, user_id)
    record_event(admin, "account.viewed", "user", user.id)
    return user


def employer_organisations() -> list:
    """List (id, name) of every employer organisation, by name, for the import form."""
    return list(
        db.session.execute(
            db.select(EmployerOrganisation.id, EmployerOrganisation.name).order_by(
                EmployerOrganisation.name, EmployerOrganisation.id
            )
        )
    )


def import_organisation(organisation_id: int | None) -> EmployerOrganisation | None:
    """Return the employer the imported jobs go to: the one chosen, or the import organisation."""
    if organisation_id:
        return db.session.get(EmployerOrganisation, organisation_id)
    return importing.get_import_organisation()


def end_sessions(admin: User, user: User) -> int:
    """End every open session of an account; return how many."""
    count = sessions.end_all(user)
    record_event(admin, "admin.sessions_ended", "user", user.id, count=count)
    return count


JOURNAL_PAGE = 50


@dataclass
class JournalFilters:
    actor_id: int | None = None
    action: str = ""
    subject_type: str = ""
    subject_id: int | None = None
    since: date | None = None
    until: date | None = None
    before_id: int | None = None  # keyset pagination: the list goes on below this id


def journal(filters: JournalFilters) -> list[AuditEvent]:
    """One page of the audit log, newest first (keyset pagination: no growing OFFSET)."""
    ids = (filters.actor_id, filters.subject_id, filters.before_id)
    if any(i is not None and not 0 <= i <= MAX_DB_INT for i in ids):
        return []  # an id no database integer holds (typed in the URL) matches nothing
    stmt = db.select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if filters.actor_id:
        stmt = stmt.where(AuditEvent.actor_id == filters.actor_id)
    if filters.action:
        stmt = stmt.where(AuditEvent.action.like(f"{filters.action}%"))
    if filters.subject_type:
        stmt = stmt.where(AuditEvent.subject_type == filters.subject_type)
    if filters.subject_id:
        stmt = stmt.where(AuditEvent.subject_id == filters.subject_id)
    if filters.since:
        start = datetime.combine(filters.since, time.min, tzinfo=PROGRAM_TZ)
        stmt = stmt.where(AuditEvent.created_at >= start)
    if filters.until:
        end = datetime.combine(filters.until, time.max, tzinfo=PROGRAM_TZ)
        stmt = stmt.where(AuditEvent.created_at <= end)
    if filters.before_id:
        stmt = stmt.where(AuditEvent.id < filters.before_id)
    rows = db.session.execute(stmt.order_by(AuditEvent.id.desc()).limit(JOURNAL_PAGE)).all()
    for event, actor in rows:
        event.actor = actor
    return [event for event, _actor in rows]


def journal_choices() -> tuple[list[str], list[str]]:
    """The action families and subject types present in the log, for the filters."""
    actions = db.session.execute(db.select(AuditEvent.action).distinct()).scalars()
    families = sorted({a.split(".")[0] for a in actions})
    subjects = sorted(db.session.execute(db.select(AuditEvent.subject_type).distinct()).scalars())
    return families, subjects
