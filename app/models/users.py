"""Accounts and roles."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.orgs import EmployerMembership, PartnerOrganisation


class Role(LabelledEnum):
    CANDIDATE = "candidate"
    EMPLOYER = "employer"
    PARTNER = "partner"
    STAFF = "staff"
    ADMIN = "admin"


ROLE_TITLES = set_labels(
    Role,
    {
        Role.CANDIDATE: _l("Candidate"),
        Role.EMPLOYER: _l("Employer"),
        Role.PARTNER: _l("Partner advisor"),
        Role.STAFF: _l("Program staff"),
        Role.ADMIN: _l("Administrator"),
    },
)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(120))
    # The folded words of the name and email address, indexed for the administrators' search
    # (app/blueprints/staff/search.py).
    search_text: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[Role] = mapped_column(str_enum(Role), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="fr_CA")
    # The private address of the person's calendar feed (/calendrier/<token>.ics); None: off.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Where the person reads times (an IANA zone); a candidate's profile zone takes precedence.
    timezone: Mapped[str] = mapped_column(
        String(64), default="America/Montreal", server_default="America/Montreal"
    )
    active: Mapped[bool] = mapped_column(default=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    privacy_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    privacy_consent_version: Mapped[str | None] = mapped_column(String(20))
    # Bumped to end every session of the user (password reset, deactivation).
    session_version: Mapped[int] = mapped_column(default=1)
    partner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_organisations.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor authentication (TOTP); recovery codes are stored as SHA-256 hashes.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last time step accepted: a code is good once (no replay within its 30 seconds).
    totp_last_counter: Mapped[int | None]
    recovery_codes: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    # Privacy: the retention warning, and the erasure of the account.
    retention_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner_organisation: Mapped[PartnerOrganisation | None] = relationship()
    membership: Mapped[EmployerMembership | None] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    candidate_profile: Mapped["CandidateProfile | None"] = relationship(  # noqa: F821
        back_populates="user"
    )

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def organisation(self):
        """The employer organisation the user is an active member of, if any."""
        m = self.membership
        return m.organisation if m is not None and m.status == "active" else None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def sees_unapproved(self, organisation) -> bool:
        """Whether the user may see an organisation the program has not approved (and its jobs
        and logo): its own members and staff."""
        own = self.organisation
        return self.has_role(Role.STAFF) or (own is not None and own.id == organisation.id)

    def has_role(self, *roles: Role) -> bool:
        """Tell whether the user holds one of the roles (an admin holds staff rights too)."""
        if self.role == Role.ADMIN and Role.STAFF in roles:
            return True
        return self.role in roles


class UserSession(db.Model):
    """A signed-in session, held on the server so that it can be ended there."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the random token kept in the signed session cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A staff, partner or admin session counts only once the second factor is checked.
    two_factor_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
