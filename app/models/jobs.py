"""Job postings."""

import enum
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, pick, set_labels, str_enum, utcnow
from app.models.candidates import EducationLevel
from app.models.orgs import EmployerOrganisation, VettingStatus
from app.models.reference import Municipality, Occupation, Region


class JobStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"
    FILLED = "filled"


JOB_STATUS_LABELS = set_labels(
    JobStatus,
    {
        JobStatus.DRAFT: _l("Draft"),
        JobStatus.PUBLISHED: _l("Published"),
        JobStatus.CLOSED: lazy_pgettext("job", "Closed"),
        JobStatus.FILLED: _l("Filled"),
    },
)

# The allowed moves of a job, in one place.
JOB_TRANSITIONS: dict[JobStatus, set[JobStatus]] = {
    JobStatus.DRAFT: {JobStatus.PUBLISHED},
    JobStatus.PUBLISHED: {JobStatus.CLOSED, JobStatus.FILLED},
    JobStatus.CLOSED: {JobStatus.PUBLISHED, JobStatus.FILLED},
    JobStatus.FILLED: set(),
}


class JobType(LabelledEnum):
    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    SEASONAL = "seasonal"


class PermitSupport(LabelledEnum):
    """Whether the employer can support a new work permit for this job (LMIA / EIMT)."""

    LMIA_OBTAINED = "lmia_obtained"
    LMIA_IN_PROGRESS = "lmia_in_progress"
    EXEMPT = "exempt"
    NONE = "none"


PERMIT_SUPPORT_LABELS = set_labels(
    PermitSupport,
    {
        PermitSupport.LMIA_OBTAINED: _l("Yes: we have a positive LMIA for this job"),
        PermitSupport.LMIA_IN_PROGRESS: _l("Yes: our LMIA application is in progress"),
        PermitSupport.EXEMPT: _l("Yes: this job is exempt from the LMIA"),
        PermitSupport.NONE: _l("No: we cannot support a new work permit"),
    },
)


JOB_TYPE_LABELS = set_labels(
    JobType,
    {
        JobType.PERMANENT: _l("Permanent"),
        JobType.TEMPORARY: _l("Temporary"),
        JobType.SEASONAL: _l("Seasonal"),
    },
)


class SalaryUnit(enum.StrEnum):
    HOURLY = "hourly"
    ANNUAL = "annual"


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("employer_organisations.id"), index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    title_fr: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    noc: Mapped[str] = mapped_column(ForeignKey("occupations.noc"), index=True)
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    skills_required: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills_nice: Mapped[list[str]] = mapped_column(JSON, default=list)

    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))

    french_level_min: Mapped[int] = mapped_column(default=0)
    english_level_min: Mapped[int] = mapped_column(default=0)
    experience_years_min: Mapped[int] = mapped_column(default=0)
    education_min: Mapped[EducationLevel | None] = mapped_column(str_enum(EducationLevel))
    work_permit_required: Mapped[bool] = mapped_column(default=True)
    # None: the employer did not say (a closed permit for another employer then ranks lower).
    permit_support: Mapped[PermitSupport | None] = mapped_column(str_enum(PermitSupport))

    salary_min: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    salary_max: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    salary_unit: Mapped[SalaryUnit] = mapped_column(str_enum(SalaryUnit), default=SalaryUnit.HOURLY)
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    job_type: Mapped[JobType] = mapped_column(str_enum(JobType), default=JobType.PERMANENT)
    positions: Mapped[int] = mapped_column(default=1)
    start_date: Mapped[date | None] = mapped_column(Date)
    closing_date: Mapped[date | None] = mapped_column(Date)
    relocation_help: Mapped[bool] = mapped_column(default=False)
    housing_help: Mapped[bool] = mapped_column(default=False)

    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus), default=JobStatus.DRAFT)
    # Titles, descriptions, skills and employer name, folded (no accents or case) and with plural
    # endings dropped, kept up to date on every write and indexed by the database for full-text
    # search (app/blueprints/jobs/search.py); the titles alone, for ranking.
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_title: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[EmployerOrganisation] = relationship()
    occupation: Mapped[Occupation] = relationship()
    region: Mapped[Region] = relationship()
    municipality: Mapped[Municipality | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_jobs_status_published", "status", "published_at"),
        Index("ix_jobs_status_region", "status", "region_code"),
        # Counting the open jobs reads this index alone, not the wide rows.
        Index("ix_jobs_status_closing", "status", "closing_date", "organisation_id"),
    )

    def title(self, locale: str) -> str:
        """Return the title in the locale, falling back on the other language."""
        return pick(locale, self.title_fr, self.title_en)

    def description(self, locale: str) -> str:
        """Return the description in the locale, falling back on the other language."""
        return pick(locale, self.description_fr, self.description_en)

    def is_open(self, today: date) -> bool:
        """Published, not past its closing date, and of an organisation the program approved."""
        return (
            self.status == JobStatus.PUBLISHED
            and (self.closing_date is None or self.closing_date >= today)
            and self.organisation.is_approved
        )

    @classmethod
    def open_clause(cls, today: date):
        """The SQL of `is_open`: every public list of jobs (board, feed, sitemap, alerts,
        matching, regions) filters on it, so they all agree on what the public sees."""
        return db.and_(
            cls.status == JobStatus.PUBLISHED,
            db.or_(cls.closing_date.is_(None), cls.closing_date >= today),
            # Not among the few organisations awaiting or refused approval: an uncorrelated
            # NOT IN, read once per statement, leaves the planner the (status, closing_date)
            # index, where an EXISTS per row or an IN of the approved ones doubled the board's
            # cost. Not a join: callers may join the organisation themselves.
            cls.organisation_id.not_in(
                db.select(EmployerOrganisation.id).where(
                    EmployerOrganisation.vetting_status != VettingStatus.APPROVED
                )
            ),
        )


class SavedJob(db.Model):
    """A job a candidate keeps in their list ("Postes sauvegardés")."""

    __tablename__ = "saved_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    job: Mapped[Job] = relationship()

    __table_args__ = (UniqueConstraint("user_id", "job_id", name="uq_saved_job_user_job"),)
