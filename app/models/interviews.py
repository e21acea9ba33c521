"""Friday interview sessions."""

import enum
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Time
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, str_enum, utcnow


class SessionStatus(enum.StrEnum):
    OPEN = "open"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return str(SESSION_STATUS_LABELS[self])


SESSION_STATUS_LABELS = {
    SessionStatus.OPEN: _l("Open for registration"),
    SessionStatus.SCHEDULED: _l("Schedule drafted"),
    SessionStatus.PUBLISHED: _l("Schedule published"),
    SessionStatus.CLOSED: _l("Closed"),
}


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
