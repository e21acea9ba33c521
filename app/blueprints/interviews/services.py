"""Friday interview sessions."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.clock import PROGRAM_TZ, today
from app.extensions import db
from app.models import InterviewSession, User

FRIDAY = 4


class SessionError(Exception):
    """A session that cannot be saved; `field` names the form field, `code` the reason."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(code)
        self.field = field
        self.code = code


@dataclass
class SessionData:
    day: date
    start_time: time
    end_time: time
    slot_minutes: int = 15
    buffer_minutes: int = 5
    max_per_employer: int = 8
    registration_deadline: datetime | None = None  # wall-clock time in America/Montreal


def create_session(staff: User, data: SessionData) -> InterviewSession:
    """Create a Friday session after checking its date, window and deadline."""
    if data.day.weekday() != FRIDAY:
        raise SessionError("day", "not_friday")
    if data.day < today():
        raise SessionError("day", "past")
    starts = datetime.combine(data.day, data.start_time, tzinfo=PROGRAM_TZ)
    ends = datetime.combine(data.day, data.end_time, tzinfo=PROGRAM_TZ)
    if ends - starts < timedelta(minutes=data.slot_minutes):
        raise SessionError("end_time", "window_too_short")
    deadline = data.registration_deadline or starts - timedelta(days=2)
    if deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=PROGRAM_TZ)
    if deadline >= starts:
        raise SessionError("registration_deadline", "deadline_after_start")
    if db.session.execute(
        db.select(InterviewSession.id).where(InterviewSession.day == data.day)
    ).first():
        raise SessionError("day", "duplicate")
    session = InterviewSession(
        day=data.day,
        start_time=data.start_time,
        end_time=data.end_time,
        slot_minutes=data.slot_minutes,
        buffer_minutes=data.buffer_minutes,
        max_per_employer=data.max_per_employer,
        registration_deadline=deadline,
        created_by_id=staff.id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def list_sessions() -> list[InterviewSession]:
    """Upcoming sessions first (soonest first), then past ones (latest first)."""
    sessions = list(
        db.session.execute(db.select(InterviewSession).order_by(InterviewSession.day)).scalars()
    )
    now = today()
    return [s for s in sessions if s.day >= now] + [s for s in reversed(sessions) if s.day < now]


def slot_count(session: InterviewSession) -> int:
    """How many interview slots fit in the session's window."""
    step = session.slot_minutes + session.buffer_minutes
    minutes = (session.ends_at() - session.starts_at()).total_seconds() / 60
    return int((minutes + session.buffer_minutes) // step)


def next_friday(start: date) -> date:
    """The first Friday on or after a date."""
    return start + timedelta(days=(FRIDAY - start.weekday()) % 7)
