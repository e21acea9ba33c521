"""Conversations: an employer organisation or a partner's case file, and one candidate.

A conversation has two sides. The candidate is one; the other is every active member of the
employer organisation (`organisation_id`), or every advisor of the case file's partner
organisation (`case_id`). Who may read is computed from those links, never stored per person, so
a colleague who joins the organisation later sees the history too.
"""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, str_enum, utcnow


class MessageSide(enum.StrEnum):
    """Who wrote a message: the candidate, an employer's member, or a partner advisor."""

    CANDIDATE = "candidate"
    EMPLOYER = "employer"
    PARTNER = "partner"


class Conversation(db.Model):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate_profiles.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer_organisations.id"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_files.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    candidate: Mapped["CandidateProfile"] = relationship()  # noqa: F821
    organisation: Mapped["EmployerOrganisation | None"] = relationship()  # noqa: F821
    case: Mapped["CaseFile | None"] = relationship()  # noqa: F821
    messages: Mapped[list["ConversationMessage"]] = relationship(
        back_populates="conversation",
        order_by="ConversationMessage.id",
        cascade="all, delete-orphan",
    )

    # One conversation per candidate and organisation (a case file has one, by its unique id).
    __table_args__ = (
        UniqueConstraint("candidate_id", "organisation_id", name="uq_conversation_candidate_org"),
    )

    @property
    def other_side(self) -> MessageSide:
        return MessageSide.EMPLOYER if self.organisation_id is not None else MessageSide.PARTNER


class ConversationMessage(db.Model):
    __tablename__ = "conversation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    # None once the author's account is erased: the message shows "Deleted account".
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    side: Mapped[MessageSide] = mapped_column(str_enum(MessageSide))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the author's account is erased: the text and files are gone, the row stays.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
    author: Mapped["User | None"] = relationship()  # noqa: F821
    attachments: Mapped[list["MessageAttachment"]] = relationship(
        back_populates="message", order_by="MessageAttachment.id", cascade="all, delete-orphan"
    )


class MessageAttachment(db.Model):
    __tablename__ = "message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("conversation_messages.id"), index=True)
    file_key: Mapped[str] = mapped_column(String(80))
    mime: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]

    message: Mapped[ConversationMessage] = relationship(back_populates="attachments")


class ConversationRead(db.Model):
    """How far one person has read a conversation (the unread count starts after it)."""

    __tablename__ = "conversation_reads"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    last_read_id: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("conversation_id", "user_id", name="uq_conversation_read_user"),
    )


class MessageReport(db.Model):
    """A participant's report of a message, in the staff's moderation queue until handled."""

    __tablename__ = "message_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("conversation_messages.id"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    message: Mapped[ConversationMessage] = relationship()
    reporter: Mapped["User | None"] = relationship(foreign_keys=[reporter_id])  # noqa: F821
    handled_by: Mapped["User | None"] = relationship(foreign_keys=[handled_by_id])  # noqa: F821
