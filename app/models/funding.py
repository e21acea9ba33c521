"""Travel funding: the versioned policy, requests, their checklist, receipts and messages.

Every amount is an integer number of cents.
"""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.orgs import PartnerOrganisation
from app.models.reference import Municipality


class TravelMode(LabelledEnum):
    CAR = "car"
    BUS = "bus"
    TRAIN = "train"
    PLANE = "plane"


TRAVEL_MODE_LABELS = set_labels(
    TravelMode,
    {
        TravelMode.CAR: _l("Car"),
        TravelMode.BUS: _l("Bus"),
        TravelMode.TRAIN: _l("Train"),
        TravelMode.PLANE: _l("Plane"),
    },
)


class FundingPolicy(db.Model):
    """One version of the funding rules; a change adds a version, it never edits one."""

    __tablename__ = "funding_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    rate_per_km_cents: Mapped[int]
    # Road distance = great-circle distance × road_factor_permille / 1000.
    road_factor_permille: Mapped[int] = mapped_column(default=1250)
    bus_cap_cents: Mapped[int]
    train_cap_cents: Mapped[int]
    plane_cap_cents: Mapped[int]
    lodging_cap_cents: Mapped[int]
    meal_per_diem_cents: Mapped[int]
    trip_cap_cents: Mapped[int]
    trips_per_year: Mapped[int]
    response_days: Mapped[int] = mapped_column(default=5)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def fare_cap(self, mode: TravelMode) -> int | None:
        """The most a public-transport fare is funded for this mode (None for a car)."""
        return {
            TravelMode.BUS: self.bus_cap_cents,
            TravelMode.TRAIN: self.train_cap_cents,
            TravelMode.PLANE: self.plane_cap_cents,
        }.get(mode)


class FundingStatus(LabelledEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    NEEDS_INFO = "needs_info"
    APPROVED = "approved"
    REJECTED = "rejected"
    RECEIPTS_SUBMITTED = "receipts_submitted"
    PAID = "paid"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (FundingStatus.REJECTED, FundingStatus.PAID, FundingStatus.CANCELLED)

    @property
    def awaits_partner(self) -> bool:
        """The partner organisation has the next move (the response-time target applies)."""
        return self in (
            FundingStatus.SUBMITTED,
            FundingStatus.UNDER_REVIEW,
            FundingStatus.RECEIPTS_SUBMITTED,
        )


F = FundingStatus
FUNDING_STATUS_LABELS = set_labels(
    FundingStatus,
    {
        F.SUBMITTED: _l("Submitted"),
        F.UNDER_REVIEW: _l("Under review"),
        F.NEEDS_INFO: _l("Information needed"),
        F.APPROVED: _l("Approved"),
        F.REJECTED: _l("Refused"),
        F.RECEIPTS_SUBMITTED: _l("Receipts sent"),
        F.PAID: _l("Paid"),
        F.CANCELLED: _l("Cancelled"),
    },
)


class Side(enum.StrEnum):
    """Who moves a funding request: the candidate, or the partner organisation."""

    CANDIDATE = "candidate"
    PARTNER = "partner"


_CANDIDATE, _PARTNER = {Side.CANDIDATE}, {Side.PARTNER}
# Every allowed move and who may make it, in one place.
TRANSITIONS: dict[FundingStatus, dict[FundingStatus, set[Side]]] = {
    F.SUBMITTED: {
        F.UNDER_REVIEW: _PARTNER,
        F.NEEDS_INFO: _PARTNER,
        F.APPROVED: _PARTNER,
        F.REJECTED: _PARTNER,
        F.CANCELLED: _CANDIDATE,
    },
    F.UNDER_REVIEW: {
        F.NEEDS_INFO: _PARTNER,
        F.APPROVED: _PARTNER,
        F.REJECTED: _PARTNER,
        F.CANCELLED: _CANDIDATE,
    },
    F.NEEDS_INFO: {
        F.UNDER_REVIEW: _CANDIDATE | _PARTNER,
        F.REJECTED: _PARTNER,
        F.CANCELLED: _CANDIDATE,
    },
    F.APPROVED: {F.RECEIPTS_SUBMITTED: _CANDIDATE, F.CANCELLED: _CANDIDATE},
    F.RECEIPTS_SUBMITTED: {F.PAID: _PARTNER, F.CANCELLED: _CANDIDATE},
    F.REJECTED: {},
    F.PAID: {},
    F.CANCELLED: {},
}


class FundingRequest(db.Model):
    __tablename__ = "funding_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id"), index=True)
    # The application with the employer whose site the candidate visits (the eligibility basis).
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner_organisations.id"), index=True
    )
    policy_id: Mapped[int] = mapped_column(ForeignKey("funding_policies.id"))
    status: Mapped[FundingStatus] = mapped_column(
        str_enum(FundingStatus), default=FundingStatus.SUBMITTED, index=True
    )
    depart_on: Mapped[date] = mapped_column(Date)
    return_on: Mapped[date] = mapped_column(Date)
    origin_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    destination_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    mode: Mapped[TravelMode] = mapped_column(str_enum(TravelMode))
    nights: Mapped[int] = mapped_column(default=0)
    meal_days: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    distance_km: Mapped[int] = mapped_column(default=0)
    transport_cents: Mapped[int] = mapped_column(default=0)
    lodging_cents: Mapped[int] = mapped_column(default=0)
    meals_cents: Mapped[int] = mapped_column(default=0)
    requested_cents: Mapped[int] = mapped_column(default=0)
    approved_cents: Mapped[int | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_cents: Mapped[int | None]
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str] = mapped_column(String(80), default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    candidate: Mapped["CandidateProfile"] = relationship()  # noqa: F821
    application: Mapped["Application"] = relationship()  # noqa: F821
    partner: Mapped[PartnerOrganisation | None] = relationship()
    policy: Mapped[FundingPolicy] = relationship()
    origin: Mapped[Municipality] = relationship(foreign_keys=[origin_id])
    destination: Mapped[Municipality] = relationship(foreign_keys=[destination_id])
    info_items: Mapped[list["FundingInfoItem"]] = relationship(
        back_populates="request", order_by="FundingInfoItem.id", cascade="all, delete-orphan"
    )
    receipts: Mapped[list["FundingReceipt"]] = relationship(
        back_populates="request", order_by="FundingReceipt.id", cascade="all, delete-orphan"
    )
    messages: Mapped[list["FundingMessage"]] = relationship(
        back_populates="request", order_by="FundingMessage.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    # A double click or a network retry cannot file the same trip twice.
    __table_args__ = (
        UniqueConstraint("application_id", "depart_on", name="uq_funding_application_departure"),
    )


class FundingInfoItem(db.Model):
    """One thing the advisor needs; the candidate answers it in place."""

    __tablename__ = "funding_info_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("funding_requests.id"), index=True)
    question: Mapped[str] = mapped_column(String(500))
    answer: Mapped[str] = mapped_column(Text, default="")
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The document the candidate attached to this item, if any (sniffed like a CV).
    document_key: Mapped[str | None] = mapped_column(String(80))
    document_mime: Mapped[str | None] = mapped_column(String(100))
    document_name: Mapped[str | None] = mapped_column(String(255))
    document_size: Mapped[int | None]

    request: Mapped[FundingRequest] = relationship(back_populates="info_items")


class FundingReceipt(db.Model):
    __tablename__ = "funding_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("funding_requests.id"), index=True)
    file_key: Mapped[str] = mapped_column(String(80))
    mime: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[FundingRequest] = relationship(back_populates="receipts")


class FundingMessage(db.Model):
    __tablename__ = "funding_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("funding_requests.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[FundingRequest] = relationship(back_populates="messages")
    author: Mapped["User | None"] = relationship()  # noqa: F821
