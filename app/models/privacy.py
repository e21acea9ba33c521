"""Privacy (Québec Law 25): consent records, confidentiality incidents, human review requests."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow

# The version of the privacy policy a consent was given under.
PRIVACY_POLICY_VERSION = "2026-11"


class ConsentPurpose(LabelledEnum):
    STAFF_REVIEW = "staff_review"
    EMPLOYER_DISPLAY = "employer_display"
    TESTIMONIAL = "testimonial"


CONSENT_PURPOSE_LABELS = set_labels(
    ConsentPurpose,
    {
        ConsentPurpose.STAFF_REVIEW: _l("Program staff may review my profile to pre-qualify me."),
        ConsentPurpose.EMPLOYER_DISPLAY: _l(
            "Employers may see my profile, without my name, in their matched candidates."
        ),
        ConsentPurpose.TESTIMONIAL: _l("The program may publish my testimonial."),
    },
)


class ConsentRecord(db.Model):
    """One consent given or withdrawn, with the policy version it was given under."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose))
    given: Mapped[bool]
    policy_version: Mapped[str] = mapped_column(String(20), default=PRIVACY_POLICY_VERSION)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_consent_user_purpose", "user_id", "purpose"),)


class IncidentReport(db.Model):
    """The register of confidentiality incidents the law requires."""

    __tablename__ = "incident_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    discovered_on: Mapped[date] = mapped_column(Date)
    nature: Mapped[str] = mapped_column(Text)
    data_involved: Mapped[str] = mapped_column(Text, default="")
    people_affected: Mapped[int] = mapped_column(default=0)
    risk_assessment: Mapped[str] = mapped_column(Text, default="")
    serious_risk: Mapped[bool] = mapped_column(default=False)
    measures: Mapped[str] = mapped_column(Text, default="")
    commission_notified_on: Mapped[date | None] = mapped_column(Date)
    people_notified_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped["User | None"] = relationship()  # noqa: F821


class ReviewStatus(LabelledEnum):
    OPEN = "open"
    ANSWERED = "answered"


REVIEW_STATUS_LABELS = set_labels(
    ReviewStatus, {ReviewStatus.OPEN: _l("Waiting"), ReviewStatus.ANSWERED: _l("Answered")}
)


class HumanReviewRequest(db.Model):
    """A candidate asks a person to review an automated ranking."""

    __tablename__ = "human_review_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus), default=ReviewStatus.OPEN, index=True
    )
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821
