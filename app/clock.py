"""The program's clock: every date is a date in Québec (America/Montreal)."""

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PROGRAM_TZ = ZoneInfo("America/Montreal")


def now() -> datetime:
    """The current instant, aware, in UTC: the one clock the interview room's window reads
    (tests and demos move it by replacing this function)."""
    return datetime.now(UTC)


def today() -> date:
    """Return today's date in Québec, whatever the server's time zone."""
    return datetime.now(PROGRAM_TZ).date()


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later, on the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
