"""Personalised follow-up (accompagnement): a partner's case file on each candidate."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.orgs import PartnerOrganisation


class CaseStep(LabelledEnum):
    FIRST_CONTACT = "first_contact"
    EXPLORATORY_VISIT = "exploratory_visit"
    INTERVIEW = "interview"
    OFFER = "offer"
    ARRIVAL = "arrival"
    HOUSING = "housing"
    SCHOOLING = "schooling"
    SPOUSE_JOB = "spouse_job"
    FRANCIZATION = "francization"


CASE_STEP_LABELS = set_labels(
    CaseStep,
    {
        CaseStep.FIRST_CONTACT: _l("First contact"),
        CaseStep.EXPLORATORY_VISIT: _l("Exploratory visit"),
        CaseStep.INTERVIEW: _l("Interview"),
        CaseStep.OFFER: _l("Job offer"),
        CaseStep.ARRIVAL: _l("Arrival in the region"),
        CaseStep.HOUSING: _l("Housing"),
        CaseStep.SCHOOLING: _l("School or daycare enrolment"),
        CaseStep.SPOUSE_JOB: _l("Spouse's job search"),
        CaseStep.FRANCIZATION: _l("French courses (francization)"),
    },
)


class CaseFile(db.Model):
    __tablename__ = "case_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id"), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner_organisations.id"), index=True)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    next_contact_on: Mapped[date | None] = mapped_column(Date, index=True)
    next_contact_note: Mapped[str] = mapped_column(String(300), default="")
    reminded_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    candidate: Mapped["CandidateProfile"] = relationship()  # noqa: F821
    partner: Mapped[PartnerOrganisation] = relationship()
    region: Mapped["Region"] = relationship()  # noqa: F821
    advisor: Mapped["User | None"] = relationship()  # noqa: F821
    steps: Mapped[list["CaseStepRecord"]] = relationship(
        back_populates="case", order_by="CaseStepRecord.position", cascade="all, delete-orphan"
    )
    notes: Mapped[list["CaseNote"]] = relationship(
        back_populates="case", order_by="CaseNote.id.desc()", cascade="all, delete-orphan"
    )
    check_ins: Mapped[list["CheckIn"]] = relationship(
        back_populates="case", order_by="CheckIn.due_on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class CaseStepRecord(db.Model):
    __tablename__ = "case_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_files.id"), index=True)
    step: Mapped[CaseStep] = mapped_column(str_enum(CaseStep))
    position: Mapped[int]
    done_on: Mapped[date | None] = mapped_column(Date)
    not_applicable: Mapped[bool] = mapped_column(default=False)

    case: Mapped[CaseFile] = relationship(back_populates="steps")

    __table_args__ = (UniqueConstraint("case_id", "step", name="uq_case_step"),)


class CaseNote(db.Model):
    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_files.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[CaseFile] = relationship(back_populates="notes")
    author: Mapped["User | None"] = relationship()  # noqa: F821


class CheckIn(db.Model):
    """A post-hiring check-in (1, 3, 6 and 12 months); its answers feed the program reports."""

    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_files.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    months: Mapped[int]
    due_on: Mapped[date] = mapped_column(Date, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    still_employed: Mapped[bool | None]
    still_in_region: Mapped[bool | None]
    comment: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[CaseFile] = relationship(back_populates="check_ins")
    application: Mapped["Application"] = relationship()  # noqa: F821

    __table_args__ = (UniqueConstraint("application_id", "months", name="uq_checkin_months"),)
