"""The program's clock: every date is a date in Québec (America/Montreal)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

PROGRAM_TZ = ZoneInfo("America/Montreal")


def today() -> date:
    """Return today's date in Québec, whatever the server's time zone."""
    return datetime.now(PROGRAM_TZ).date()
