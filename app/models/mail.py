"""Outgoing mail, kept in an outbox so development and tests can read every message."""

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(255), index=True)
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(5))
    transport: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # [{"name": ..., "mime": ..., "text": ...}]: small text attachments such as .ics invitations.
    attachments: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    # Extra mail headers ({"List-Unsubscribe": ...}), added as they are when sent over SMTP.
    headers: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
