"""Employer organisations and the partner organisations of Emplois en région."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, pick, set_labels, str_enum, utcnow
from app.models.reference import Municipality, Region

partner_regions = Table(
    "partner_regions",
    db.metadata,
    Column("partner_id", ForeignKey("partner_organisations.id"), primary_key=True),
    Column("region_code", ForeignKey("regions.code"), primary_key=True),
)


class PartnerOrganisation(db.Model):
    __tablename__ = "partner_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(255), default="")
    version: Mapped[int] = mapped_column(default=1)

    regions: Mapped[list[Region]] = relationship(
        secondary=partner_regions, order_by=Region.code, lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}

    def description(self, locale: str) -> str:
        """Return the description in the given locale."""
        return self.description_en if locale.startswith("en") else self.description_fr


class OrganisationSize(enum.StrEnum):
    MICRO = "1-9"
    SMALL = "10-49"
    MEDIUM = "50-199"
    LARGE = "200+"

    @property
    def label(self) -> str:
        # Employee counts read the same in both languages.
        return self.value


class VettingStatus(LabelledEnum):
    """Where the program's check of a new organisation stands: only approved ones publish jobs."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


VETTING_LABELS = set_labels(
    VettingStatus,
    {
        VettingStatus.PENDING: _l("Awaiting vetting by the program"),
        VettingStatus.APPROVED: _l("Approved by the program"),
        VettingStatus.REFUSED: _l("Refused by the program"),
    },
)


class Commitment(LabelledEnum):
    """A welcome commitment an organisation makes to newcomers (column `welcome_<value>`)."""

    HOUSING = "housing"
    FRANCISATION = "francisation"
    RELOCATION = "relocation"
    FAMILY = "family"

    @property
    def column(self) -> str:
        return f"welcome_{self.value}"

    @classmethod
    def parse(cls, values) -> frozenset["Commitment"]:
        """The commitments named by `values` (a query string's, a form's, a stored list's);
        values no longer known are left out."""
        return frozenset(cls(v) for v in values or () if v in cls._value2member_map_)


COMMITMENT_LABELS = set_labels(
    Commitment,
    {
        Commitment.HOUSING: _l("Help with housing"),
        Commitment.FRANCISATION: _l("French classes at work"),
        Commitment.RELOCATION: _l("Relocation support"),
        Commitment.FAMILY: _l("Settlement help for the family"),
    },
)


class EmployerOrganisation(db.Model):
    __tablename__ = "employer_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    neq: Mapped[str] = mapped_column(String(10), unique=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    sector: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[OrganisationSize | None] = mapped_column(str_enum(OrganisationSize))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    logo_key: Mapped[str | None] = mapped_column(String(80))
    logo_mime: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    welcome_housing: Mapped[bool] = mapped_column(default=False)
    welcome_francisation: Mapped[bool] = mapped_column(default=False)
    welcome_relocation: Mapped[bool] = mapped_column(default=False)
    welcome_family: Mapped[bool] = mapped_column(default=False)
    # Vetting: a new organisation waits for the program's check before its jobs are published.
    vetting_status: Mapped[VettingStatus] = mapped_column(
        str_enum(VettingStatus), default=VettingStatus.PENDING, index=True
    )
    vetting_reason: Mapped[str] = mapped_column(Text, default="")
    check_neq_found: Mapped[bool] = mapped_column(default=False)
    check_outside_montreal: Mapped[bool] = mapped_column(default=False)
    check_contact_reached: Mapped[bool] = mapped_column(default=False)
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    vetted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    vetted_by: Mapped["User | None"] = relationship(foreign_keys=[vetted_by_id])  # noqa: F821
    municipality: Mapped[Municipality | None] = relationship()
    memberships: Mapped[list["EmployerMembership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    def description(self, locale: str) -> str:
        """Return the description in the locale, falling back on the other language."""
        return pick(locale, self.description_fr, self.description_en)

    @property
    def is_approved(self) -> bool:
        return self.vetting_status == VettingStatus.APPROVED

    def is_visible_to(self, user) -> bool:
        """Approved organisations (their pages, logo and jobs) are public; the others only to
        their own members and to staff."""
        if self.is_approved:
            return True
        if user is None or not user.is_authenticated:
            return False
        return user.sees_unapproved(self)

    @property
    def commitments(self) -> list[Commitment]:
        """The welcome commitments the organisation makes, in a fixed order."""
        return [c for c in Commitment if getattr(self, c.column)]


class MembershipStatus(enum.StrEnum):
    PENDING = "pending"
    ACTIVE = "active"


class MembershipRole(enum.StrEnum):
    OWNER = "owner"
    MEMBER = "member"


class EmployerMembership(db.Model):
    __tablename__ = "employer_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("employer_organisations.id"), index=True
    )
    role: Mapped[MembershipRole] = mapped_column(str_enum(MembershipRole))
    status: Mapped[MembershipStatus] = mapped_column(str_enum(MembershipStatus))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[EmployerOrganisation] = relationship(back_populates="memberships")
    user: Mapped["User"] = relationship(back_populates="membership")  # noqa: F821


class EmployerInvitation(db.Model):
    __tablename__ = "employer_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("employer_organisations.id"), index=True
    )
    email: Mapped[str] = mapped_column(String(255))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[EmployerOrganisation] = relationship()
