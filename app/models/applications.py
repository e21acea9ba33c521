"""Applications to jobs and their history."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.candidates import CandidateProfile
from app.models.jobs import Job


class ApplicationStatus(LabelledEnum):
    SUBMITTED = "submitted"
    PREQUALIFIED = "prequalified"
    SHORTLISTED = "shortlisted"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEWED = "interviewed"
    OFFER = "offer"
    HIRED = "hired"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self in (
            ApplicationStatus.HIRED,
            ApplicationStatus.DECLINED,
            ApplicationStatus.WITHDRAWN,
        )


S = ApplicationStatus
STATUS_LABELS = set_labels(
    ApplicationStatus,
    {
        S.SUBMITTED: _l("Submitted"),
        S.PREQUALIFIED: _l("Pre-qualified by the program"),
        S.SHORTLISTED: _l("Shortlisted by the employer"),
        S.INTERVIEW_SCHEDULED: _l("Interview scheduled"),
        S.INTERVIEWED: _l("Interviewed"),
        S.OFFER: _l("Job offer"),
        S.HIRED: _l("Hired"),
        S.DECLINED: _l("Not retained"),
        S.WITHDRAWN: _l("Withdrawn"),
    },
)

# The path an application normally follows, for timelines.
MAIN_PATH = [
    S.SUBMITTED,
    S.PREQUALIFIED,
    S.SHORTLISTED,
    S.INTERVIEW_SCHEDULED,
    S.INTERVIEWED,
    S.OFFER,
    S.HIRED,
]


# An employer may invite to a site visit once it has shown interest in the candidate.
SITE_VISIT_STAGES = (S.SHORTLISTED, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.OFFER)


class Actor(enum.StrEnum):
    CANDIDATE = "candidate"
    EMPLOYER = "employer"
    STAFF = "staff"


_ANY_SIDE = {Actor.EMPLOYER, Actor.STAFF}
# Every allowed transition, and who may make it, in one place.
TRANSITIONS: dict[ApplicationStatus, dict[ApplicationStatus, set[Actor]]] = {
    S.SUBMITTED: {
        S.PREQUALIFIED: {Actor.STAFF},
        S.DECLINED: {Actor.STAFF},
        S.WITHDRAWN: {Actor.CANDIDATE},
    },
    S.PREQUALIFIED: {
        S.SHORTLISTED: {Actor.EMPLOYER},
        S.DECLINED: _ANY_SIDE,
        S.WITHDRAWN: {Actor.CANDIDATE},
    },
    S.SHORTLISTED: {
        S.INTERVIEW_SCHEDULED: _ANY_SIDE,
        S.INTERVIEWED: {Actor.EMPLOYER},
        S.OFFER: {Actor.EMPLOYER},
        S.DECLINED: _ANY_SIDE,
        S.WITHDRAWN: {Actor.CANDIDATE},
    },
    S.INTERVIEW_SCHEDULED: {
        S.INTERVIEWED: _ANY_SIDE,
        S.DECLINED: _ANY_SIDE,
        S.WITHDRAWN: {Actor.CANDIDATE},
    },
    S.INTERVIEWED: {
        S.OFFER: {Actor.EMPLOYER},
        S.DECLINED: _ANY_SIDE,
        S.WITHDRAWN: {Actor.CANDIDATE},
    },
    S.OFFER: {S.HIRED: {Actor.EMPLOYER}, S.DECLINED: _ANY_SIDE, S.WITHDRAWN: {Actor.CANDIDATE}},
    S.HIRED: {},
    S.DECLINED: {},
    S.WITHDRAWN: {},
}


class DeclineReason(LabelledEnum):
    PROFILE = "profile"
    LANGUAGE = "language"
    WORK_PERMIT = "work_permit"
    EXPERIENCE = "experience"
    OTHER_CANDIDATE = "other_candidate"
    JOB_CLOSED = "job_closed"
    NO_RESPONSE = "no_response"
    OTHER = "other"


DECLINE_LABELS = set_labels(
    DeclineReason,
    {
        DeclineReason.PROFILE: _l("Your profile does not match the requirements of this job."),
        DeclineReason.LANGUAGE: _l("The job needs a higher level of French or English."),
        DeclineReason.WORK_PERMIT: _l("The job needs a work permit you do not have yet."),
        DeclineReason.EXPERIENCE: _l("The job needs more experience in this occupation."),
        DeclineReason.OTHER_CANDIDATE: _l("The employer chose another candidate."),
        DeclineReason.JOB_CLOSED: _l("The job has been closed or filled."),
        DeclineReason.NO_RESPONSE: _l("We could not reach you."),
        DeclineReason.OTHER: _l("Another reason, explained in the note."),
    },
)


class CandidateReason(LabelledEnum):
    """Why a candidate withdraws an application or declines a Friday interview (the indicators
    count them, so the program learns what stops people)."""

    FOUND_JOB = "found_job"
    NOT_REGION = "not_region"
    FAMILY = "family"
    SALARY = "salary"
    JOB_FIT = "job_fit"
    OTHER = "other"


CANDIDATE_REASON_LABELS = set_labels(
    CandidateReason,
    {
        CandidateReason.FOUND_JOB: _l("I found another job"),
        CandidateReason.NOT_REGION: _l("This region does not suit me"),
        CandidateReason.FAMILY: _l("My family cannot move"),
        CandidateReason.SALARY: _l("The salary does not suit me"),
        CandidateReason.JOB_FIT: _l("The job does not suit me"),
        CandidateReason.OTHER: _l("Another reason"),
    },
)


class DeclineMessage(db.Model):
    """The program's own wording of a decline reason, in both languages (the catalog's text is
    used for a language left empty)."""

    __tablename__ = "decline_messages"

    reason: Mapped[DeclineReason] = mapped_column(str_enum(DeclineReason), primary_key=True)
    text_fr: Mapped[str] = mapped_column(Text, default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Application(db.Model):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus), default=ApplicationStatus.SUBMITTED, index=True
    )
    prequal_rationale: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[DeclineReason | None] = mapped_column(str_enum(DeclineReason))
    decline_note: Mapped[str] = mapped_column(Text, default="")
    withdraw_reason: Mapped[CandidateReason | None] = mapped_column(str_enum(CandidateReason))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    job: Mapped[Job] = relationship()
    candidate: Mapped[CandidateProfile] = relationship()
    events: Mapped[list["ApplicationEvent"]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id", cascade="all, delete-orphan"
    )
    site_visit: Mapped["SiteVisit | None"] = relationship(
        back_populates="application", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("job_id", "candidate_id", name="uq_application_job_candidate"),
    )

    @property
    def can_invite_to_site_visit(self) -> bool:
        """The employer has shown interest and has not invited the candidate yet."""
        return self.status in SITE_VISIT_STAGES and self.site_visit is None

    @property
    def visit_can_be_funded(self) -> bool:
        """An accepted site visit to a job outside Montréal (travel funding may pay the trip)."""
        visit = self.site_visit
        return (
            visit is not None
            and visit.status == SiteVisitStatus.ACCEPTED
            and not self.job.region.is_montreal
        )


class ApplicationEvent(db.Model):
    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    from_status: Mapped[ApplicationStatus | None] = mapped_column(str_enum(ApplicationStatus))
    to_status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="events")
    actor: Mapped["User | None"] = relationship()  # noqa: F821


class SiteVisitStatus(LabelledEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"


SITE_VISIT_LABELS = set_labels(
    SiteVisitStatus,
    {
        SiteVisitStatus.PROPOSED: _l("Site visit proposed by the employer"),
        SiteVisitStatus.ACCEPTED: _l("Site visit accepted"),
        SiteVisitStatus.DECLINED: _l("Site visit declined"),
    },
)


class SiteVisit(db.Model):
    """An employer invites a candidate to visit its site (which opens travel funding)."""

    __tablename__ = "site_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[SiteVisitStatus] = mapped_column(
        str_enum(SiteVisitStatus), default=SiteVisitStatus.PROPOSED
    )
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship(back_populates="site_visit")
