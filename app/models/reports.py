"""Indicators computed ahead of time, so that no visitor waits for a cold computation."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class IndicatorSnapshot(db.Model):
    """The program's indicators for one period and region, as `flask reports refresh` left them.

    `data` holds the figures without any language: region and partner names are put in at display.
    """

    __tablename__ = "indicator_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    # "" for the whole program (a unique constraint treats NULLs as distinct).
    region_code: Mapped[str] = mapped_column(String(2), default="")
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (
        UniqueConstraint("start", "end", "region_code", name="uq_indicator_snapshot_period"),
    )
