"""Job alerts: a candidate's saved search, mailed with the jobs published since its last run."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow
from app.models.jobs import Job


class AlertFrequency(LabelledEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


ALERT_FREQUENCY_LABELS = set_labels(
    AlertFrequency,
    {
        AlertFrequency.IMMEDIATE: _l("As soon as a job is posted"),
        AlertFrequency.DAILY: _l("Once a day"),
        AlertFrequency.WEEKLY: _l("Once a week"),
    },
)


class JobAlert(db.Model):
    """A named search of the job board (its criteria are the board's filters)."""

    __tablename__ = "job_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    q: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(2), default="")
    occupation_group: Mapped[str] = mapped_column(String(2), default="")
    job_type: Mapped[str] = mapped_column(String(20), default="")
    meets_languages: Mapped[bool] = mapped_column(default=False)
    # The board's "welcome commitments" filter (`welcome`): Commitment values, all required.
    commitments: Mapped[list[str]] = mapped_column(JSON, default=list)
    frequency: Mapped[AlertFrequency] = mapped_column(
        str_enum(AlertFrequency), default=AlertFrequency.DAILY
    )
    # Jobs published after this moment are the alert's news; set when it is created, then at
    # every run.
    last_run_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class JobAlertJob(db.Model):
    """A job an alert has sent: each job goes once per alert."""

    __tablename__ = "job_alert_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("job_alerts.id", ondelete="CASCADE"))
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    job: Mapped[Job] = relationship()

    __table_args__ = (UniqueConstraint("alert_id", "job_id", name="uq_job_alert_job"),)
