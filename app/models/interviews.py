"""Friday interview sessions."""

import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import JSON, Date, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.applications import CandidateReason
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow


class SessionStatus(LabelledEnum):
    OPEN = "open"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CLOSED = "closed"


SESSION_STATUS_LABELS = set_labels(
    SessionStatus,
    {
        SessionStatus.OPEN: _l("Open for registration"),
        SessionStatus.SCHEDULED: _l("Schedule drafted"),
        SessionStatus.PUBLISHED: _l("Schedule published"),
        SessionStatus.CLOSED: lazy_pgettext("session", "Closed"),
    },
)


class InterviewSession(db.Model):
    __tablename__ = "interview_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    # Wall-clock times in America/Montreal, the program's time zone.
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    slot_minutes: Mapped[int] = mapped_column(default=15)
    buffer_minutes: Mapped[int] = mapped_column(default=5)
    max_per_employer: Mapped[int] = mapped_column(default=8)
    registration_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus), default=SessionStatus.OPEN
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    def starts_at(self) -> datetime:
        """The session's start as an aware datetime in America/Montreal."""
        from app.clock import PROGRAM_TZ

        return datetime.combine(self.day, self.start_time, tzinfo=PROGRAM_TZ)

    def ends_at(self) -> datetime:
        """The session's end as an aware datetime in America/Montreal."""
        from app.clock import PROGRAM_TZ

        return datetime.combine(self.day, self.end_time, tzinfo=PROGRAM_TZ)


class RequestStatus(LabelledEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


REQUEST_STATUS_LABELS = set_labels(
    RequestStatus,
    {
        RequestStatus.PROPOSED: _l("Waiting for the candidate's answer"),
        RequestStatus.ACCEPTED: _l("Accepted"),
        RequestStatus.DECLINED: _l("Declined"),
        RequestStatus.EXPIRED: _l("Expired without an answer"),
    },
)


class InterviewRequest(db.Model):
    """An employer asks to meet a candidate for a job at a session.

    A proposal made from the employer's matches has no application until the candidate accepts
    (the employer does not know who they are before): the pair is always `job_id` and
    `candidate_id`; `application_id` is set from the start (pipeline) or on acceptance (match).
    """

    __tablename__ = "interview_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("interview_sessions.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate_profiles.id"), index=True
    )
    # The employer's short personal note to the candidate (why them).
    note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Why the last scheduler run could not place it (a solver reason code), shown to both sides.
    unplaced_reason: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(default=0)
    status: Mapped[RequestStatus] = mapped_column(
        str_enum(RequestStatus), default=RequestStatus.PROPOSED
    )
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[CandidateReason | None] = mapped_column(str_enum(CandidateReason))

    session: Mapped[InterviewSession] = relationship()
    application: Mapped["Application | None"] = relationship()  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821
    candidate: Mapped["CandidateProfile | None"] = relationship()  # noqa: F821

    __table_args__ = (
        UniqueConstraint("session_id", "application_id", name="uq_request_session_application"),
        UniqueConstraint(
            "session_id", "job_id", "candidate_id", name="uq_request_session_job_candidate"
        ),
    )


class SlotStatus(enum.StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    HELD = "held"
    NO_SHOW_CANDIDATE = "no_show_candidate"
    NO_SHOW_EMPLOYER = "no_show_employer"
    CANCELLED = "cancelled"


class InterviewSlot(db.Model):
    __tablename__ = "interview_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("interview_sessions.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("interview_requests.id"), unique=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[SlotStatus] = mapped_column(str_enum(SlotStatus), default=SlotStatus.PROPOSED)
    # Unguessable (192 bits); shown only to the two parties and to staff, never logged.
    room: Mapped[str] = mapped_column(String(64))
    # After the interview each side says whether it wants to continue ("continue" or "stop").
    candidate_decision: Mapped[str | None] = mapped_column(String(10))
    candidate_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    employer_decision: Mapped[str | None] = mapped_column(String(10))
    employer_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    reminded_24h_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_1h_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    request: Mapped[InterviewRequest] = relationship()

    __mapper_args__ = {"version_id_col": version}


class AvailabilityParty(enum.StrEnum):
    CANDIDATE = "candidate"  # party_id: a candidate profile
    EMPLOYER = "employer"  # party_id: an employer organisation


class InterviewAvailability(db.Model):
    """A range of time (UTC) when a candidate or an employer can attend a session.

    A party with no range for a session is available for the whole window (the default)."""

    __tablename__ = "interview_availability"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("interview_sessions.id"), index=True)
    party: Mapped[AvailabilityParty] = mapped_column(str_enum(AvailabilityParty))
    party_id: Mapped[int]
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChangeKind(enum.StrEnum):
    MOVE = "move"
    CANCEL = "cancel"


class ChangeStatus(LabelledEnum):
    PENDING = "pending"
    APPLIED = "applied"
    REFUSED = "refused"


CHANGE_STATUS_LABELS = set_labels(
    ChangeStatus,
    {
        ChangeStatus.PENDING: _l("Waiting for the program"),
        ChangeStatus.APPLIED: _l("Done"),
        ChangeStatus.REFUSED: _l("Refused by the program"),
    },
)


class InterviewChange(db.Model):
    """A party asks, after publication, to move or cancel their interview, with a reason."""

    __tablename__ = "interview_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("interview_slots.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[ChangeKind] = mapped_column(str_enum(ChangeKind))
    reason: Mapped[str] = mapped_column(String(500))
    new_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[ChangeStatus] = mapped_column(
        str_enum(ChangeStatus), default=ChangeStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    slot: Mapped[InterviewSlot] = relationship()
    requested_by: Mapped["User | None"] = relationship()  # noqa: F821


class OfferStatus(enum.StrEnum):
    OFFERED = "offered"  # waiting for the offered pair's answer
    TAKEN = "taken"  # taken, by the offered pair or by a move into it
    DECLINED = "declined"  # every waiting pair declined or none fits


class FreedSlot(db.Model):
    """A time an employer's cancelled or moved interview left free, offered to the best waiting
    pair. Whoever takes it bumps `version`: of two takers at once, one wins (StaleDataError)."""

    __tablename__ = "freed_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("interview_sessions.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("employer_organisations.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("interview_requests.id"))
    status: Mapped[OfferStatus] = mapped_column(str_enum(OfferStatus), default=OfferStatus.OFFERED)
    # The requests whose pair declined this time (so the next offer goes further down).
    declined: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    version: Mapped[int] = mapped_column(default=1)

    request: Mapped[InterviewRequest | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint(
            "session_id", "organisation_id", "starts_at", name="uq_freed_slot_session_org_start"
        ),
    )


class InterviewNudge(db.Model):
    """A reminder sent once before a session's deadline: to an employer with open jobs and no
    proposal (`target_id`: the organisation), or for an unanswered proposal (the request)."""

    __tablename__ = "interview_nudges"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("interview_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # "employer" or "candidate"
    target_id: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("session_id", "kind", "target_id", name="uq_nudge_session_kind_target"),
    )
