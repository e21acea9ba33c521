"""In-app notifications, rendered in the reader's language when shown."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, set_labels, str_enum, utcnow


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(50))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)


class EmailChoice(LabelledEnum):
    """How a category of notifications reaches a person by email."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    OFF = "off"


EMAIL_CHOICE_LABELS = set_labels(
    EmailChoice,
    {
        EmailChoice.IMMEDIATE: _l("Right away"),
        EmailChoice.DAILY: _l("In a daily digest"),
        EmailChoice.OFF: _l("No email"),
    },
)


class NotificationPreference(db.Model):
    """A person's choice for one category of notifications; no row means the category's default."""

    __tablename__ = "notification_preferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(30))
    portal: Mapped[bool] = mapped_column(default=True)
    email: Mapped[EmailChoice] = mapped_column(str_enum(EmailChoice), default=EmailChoice.IMMEDIATE)
    # Only on the "matches" row: the lowest score of a new job to be told about (None: top matches).
    min_score: Mapped[int | None] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("user_id", "category", name="uq_notification_preference_user_category"),
    )


class DigestItem(db.Model):
    """A notification waiting for the person's daily digest email (deleted once it is sent)."""

    __tablename__ = "digest_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str] = mapped_column(String(50))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(255), default="")
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
