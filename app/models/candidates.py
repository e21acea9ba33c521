"""Candidate profiles."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.reference import Occupation, Region


class WorkStatus(LabelledEnum):
    CITIZEN = "citizen"
    PERMANENT_RESIDENT = "permanent_resident"
    OPEN_WORK_PERMIT = "open_work_permit"
    EMPLOYER_SPECIFIC_WORK_PERMIT = "employer_specific_work_permit"
    NONE = "none"

    @property
    def authorised_to_work(self) -> bool:
        return self != WorkStatus.NONE


WORK_STATUS_LABELS = set_labels(
    WorkStatus,
    {
        WorkStatus.CITIZEN: _l("Canadian citizen"),
        WorkStatus.PERMANENT_RESIDENT: _l("Permanent resident"),
        WorkStatus.OPEN_WORK_PERMIT: _l("Open work permit"),
        WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT: _l("Employer-specific work permit"),
        WorkStatus.NONE: _l("No work permit yet"),
    },
)


class EducationLevel(LabelledEnum):
    NONE = "none"
    SECONDARY = "secondary"
    VOCATIONAL = "vocational"
    COLLEGE = "college"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        return list(EducationLevel).index(self)


EDUCATION_LABELS = set_labels(
    EducationLevel,
    {
        EducationLevel.NONE: _l("No diploma"),
        EducationLevel.SECONDARY: _l("High school"),
        EducationLevel.VOCATIONAL: _l("Vocational training (DEP or equivalent)"),
        EducationLevel.COLLEGE: _l("College (DEC or equivalent)"),
        EducationLevel.BACHELOR: _l("Bachelor's degree"),
        EducationLevel.MASTER: _l("Master's degree"),
        EducationLevel.DOCTORATE: _l("Doctorate"),
    },
)


class CredentialRecognition(LabelledEnum):
    NOT_NEEDED = "not_needed"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    RECOGNISED = "recognised"


RECOGNITION_LABELS = set_labels(
    CredentialRecognition,
    {
        CredentialRecognition.NOT_NEEDED: _l("Not needed for my occupation"),
        CredentialRecognition.NOT_STARTED: _l("Not started"),
        CredentialRecognition.IN_PROGRESS: _l(
            "In progress (for example with a professional order)"
        ),
        CredentialRecognition.RECOGNISED: _l("Recognised in Québec"),
    },
)


class Household(LabelledEnum):
    ALONE = "alone"
    COUPLE = "couple"
    FAMILY = "family"


HOUSEHOLD_LABELS = set_labels(
    Household,
    {
        Household.ALONE: _l("Alone"),
        Household.COUPLE: _l("As a couple"),
        Household.FAMILY: _l("As a family with children"),
    },
)

candidate_occupations = Table(
    "candidate_occupations",
    db.metadata,
    Column(
        "candidate_id", ForeignKey("candidate_profiles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("noc", ForeignKey("occupations.noc"), primary_key=True),
)

candidate_regions = Table(
    "candidate_regions",
    db.metadata,
    Column(
        "candidate_id", ForeignKey("candidate_profiles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("region_code", ForeignKey("regions.code"), primary_key=True),
)


class CandidateProfile(db.Model):
    __tablename__ = "candidate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Imported profiles (bulk exchange format) have no account until someone claims them.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    phone: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(80), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="America/Montreal")
    arrival_date: Mapped[date | None] = mapped_column(Date)

    work_status: Mapped[WorkStatus | None] = mapped_column(str_enum(WorkStatus))
    permit_expiry: Mapped[date | None] = mapped_column(Date)
    # A closed (employer-specific) permit names one employer: only that one may hire.
    permit_employer_name: Mapped[str] = mapped_column(String(200), default="")
    permit_employer_neq: Mapped[str] = mapped_column(String(10), default="")
    french_level: Mapped[int | None]
    english_level: Mapped[int | None]

    education_level: Mapped[EducationLevel | None] = mapped_column(str_enum(EducationLevel))
    education_field: Mapped[str] = mapped_column(String(200), default="")
    credential_recognition: Mapped[CredentialRecognition | None] = mapped_column(
        str_enum(CredentialRecognition)
    )
    experience_years: Mapped[int | None]

    desired_titles: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    regions_anywhere: Mapped[bool] = mapped_column(default=False)

    household: Mapped[Household | None] = mapped_column(str_enum(Household))
    children_count: Mapped[int] = mapped_column(default=0)
    partner_occupation: Mapped[str] = mapped_column(String(200), default="")
    partner_skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    partner_french_level: Mapped[int | None]
    partner_english_level: Mapped[int | None]
    # The partner's own right to work (None: not said; their prospects then assume the
    # candidate's own status).
    partner_work_status: Mapped[WorkStatus | None] = mapped_column(str_enum(WorkStatus))

    availability_date: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")

    cv_key: Mapped[str | None] = mapped_column(String(80))
    cv_filename: Mapped[str | None] = mapped_column(String(255))
    cv_mime: Mapped[str | None] = mapped_column(String(100))
    cv_size: Mapped[int | None]
    cv_uploaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Private by default (Law 25): each use needs its own consent.
    consent_staff_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_employer_display_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped["User | None"] = relationship(back_populates="candidate_profile")  # noqa: F821
    occupations: Mapped[list[Occupation]] = relationship(
        secondary=candidate_occupations, order_by=Occupation.noc
    )
    regions: Mapped[list[Region]] = relationship(secondary=candidate_regions, order_by=Region.code)

    __mapper_args__ = {"version_id_col": version}

    @property
    def display_name(self) -> str:
        return self.user.full_name if self.user else f"#{self.external_id or self.id}"

    @property
    def consents_to_staff_review(self) -> bool:
        return self.consent_staff_review_at is not None

    @property
    def consents_to_employer_display(self) -> bool:
        return self.consent_employer_display_at is not None
