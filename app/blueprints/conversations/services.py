"""Conversations: who may write to whom, messages and attachments, read marks, moderation.

Rules:
- an employer organisation and a candidate may talk once one of the candidate's applications to
  the organisation's jobs was pre-qualified (the same gate as every employer view,
  `applications.services.employer_visible`), or once they have an interview together;
- a candidate and the advisors of their case file's partner organisation talk on the case file;
- staff read any conversation for moderation, and each reading is written to the access log.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

import nh3
from markupsafe import Markup, escape
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record_event
from app.blueprints.applications.services import employer_visible
from app.errors import DomainError, Problems
from app.extensions import db
from app.models import (
    Application,
    CandidateProfile,
    CaseFile,
    Conversation,
    ConversationMessage,
    ConversationRead,
    EmployerMembership,
    InterviewRequest,
    InterviewSlot,
    Job,
    MembershipStatus,
    MessageAttachment,
    MessageReport,
    MessageSide,
    Notification,
    Role,
    SlotStatus,
    User,
)
from app.models.base import utcnow
from app.notify import notify
from app.partners import partner_advisors
from app.storage import save_file
from app.uploads import CV_TYPES, IMAGE_TYPES, check_upload
from app.urls import site_path

MESSAGE_MAX_CHARS = 5000
REPORT_REASON_MAX_CHARS = 1000
# Attachments are checked exactly as CVs are (sniffed, size-limited, archives inflated and
# bounded), with images as well.
ATTACHMENT_TYPES = {**CV_TYPES, **IMAGE_TYPES}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


class ConversationError(DomainError):
    """A conversation operation that cannot proceed; `code` says why, `field` where."""


# ---------------------------------------------------------------- who takes part


def side_of(user: User) -> MessageSide | None:
    """The side a person writes from, or None (staff only read, for moderation)."""
    return {
        Role.CANDIDATE: MessageSide.CANDIDATE,
        Role.EMPLOYER: MessageSide.EMPLOYER,
        Role.PARTNER: MessageSide.PARTNER,
    }.get(user.role)


def _participates(user: User):
    """SQL condition: the user is on one side of the conversation (no query of its own)."""
    return _participates_on(side_of(user), user.id, user.partner_organisation_id)


def _participates_on(side: MessageSide | None, user_id, partner_id):
    """The same condition from its parts (values, or bind parameters for a statement built once)."""
    if side == MessageSide.CANDIDATE:
        return Conversation.candidate_id.in_(
            db.select(CandidateProfile.id).where(CandidateProfile.user_id == user_id)
        )
    if side == MessageSide.EMPLOYER:
        return Conversation.organisation_id.in_(
            db.select(EmployerMembership.organisation_id).where(
                EmployerMembership.user_id == user_id,
                EmployerMembership.status == MembershipStatus.ACTIVE,
            )
        )
    if side == MessageSide.PARTNER and partner_id is not None:
        return Conversation.case_id.in_(
            db.select(CaseFile.id).where(CaseFile.partner_id == partner_id)
        )
    return db.false()


def may_talk(candidate_id: int, organisation_id: int) -> bool:
    """Tell whether an organisation and a candidate may write to each other: a pre-qualified
    application to one of its jobs, or an interview together."""
    theirs = db.and_(
        Application.candidate_id == candidate_id, Job.organisation_id == organisation_id
    )
    prequalified = (
        db.select(Application.id)
        .join(Job, Application.job_id == Job.id)
        .where(theirs, employer_visible())
        .exists()
    )
    interviewed = (
        db.select(InterviewSlot.id)
        .join(InterviewRequest, InterviewSlot.request_id == InterviewRequest.id)
        .join(Application, InterviewRequest.application_id == Application.id)
        .join(Job, Application.job_id == Job.id)
        .where(theirs, InterviewSlot.status != SlotStatus.CANCELLED)
        .exists()
    )
    return bool(db.session.execute(db.select(db.or_(prequalified, interviewed))).scalar())


def _find(**links) -> Conversation | None:
    return db.session.execute(db.select(Conversation).filter_by(**links)).scalar_one_or_none()


def open_with_employer(application: Application) -> Conversation:
    """Return the conversation between the application's candidate and the job's organisation,
    opening it on first use; refused unless they may talk."""
    candidate_id, organisation_id = application.candidate_id, application.job.organisation_id
    if not may_talk(candidate_id, organisation_id):
        raise ConversationError("not_allowed")
    conversation = _find(candidate_id=candidate_id, organisation_id=organisation_id)
    if conversation is None:
        conversation = Conversation(candidate_id=candidate_id, organisation_id=organisation_id)
        db.session.add(conversation)
        db.session.flush()
    return conversation


def open_on_case(case: CaseFile) -> Conversation:
    """Return the conversation of a case file (the candidate and the partner's advisors)."""
    conversation = _find(case_id=case.id)
    if conversation is None:
        conversation = Conversation(candidate_id=case.candidate_id, case_id=case.id)
        db.session.add(conversation)
        db.session.flush()
    return conversation


def _with_parties(stmt):
    return stmt.options(
        joinedload(Conversation.candidate).joinedload(CandidateProfile.user),
        joinedload(Conversation.organisation),
        joinedload(Conversation.case).joinedload(CaseFile.partner),
    )


def get_conversation(user: User, conversation_id: int) -> Conversation | None:
    """The conversation if the user takes part in it (None: a 404)."""
    return db.session.execute(
        _with_parties(db.select(Conversation)).where(
            Conversation.id == conversation_id, _participates(user)
        )
    ).scalar_one_or_none()


def get_any_conversation(conversation_id: int) -> Conversation | None:
    """Any conversation, for staff moderation."""
    return db.session.execute(
        _with_parties(db.select(Conversation)).where(Conversation.id == conversation_id)
    ).scalar_one_or_none()


def thread(conversation: Conversation) -> list[ConversationMessage]:
    """The conversation's messages, oldest first, with their authors and files."""
    return list(
        db.session.execute(
            db.select(ConversationMessage)
            .where(ConversationMessage.conversation_id == conversation.id)
            .options(
                joinedload(ConversationMessage.author),
                selectinload(ConversationMessage.attachments),
            )
            .order_by(ConversationMessage.id)
        ).scalars()
    )


# ---------------------------------------------------------------- messages


@dataclass
class MessageData:
    body: str
    stream: BinaryIO | None = None
    filename: str = ""


def check_message(data: MessageData) -> None:
    """Refuse an empty or too long message (every problem at once)."""
    problems = Problems(ConversationError)
    text = (data.body or "").strip()
    if not text and data.stream is None:
        problems.add("message_required", "body")
    if len(text) > MESSAGE_MAX_CHARS:
        problems.add("message_too_long", "body")
    problems.raise_any()


def _other_side_users(conversation: Conversation, side: MessageSide) -> list[User]:
    if side != MessageSide.CANDIDATE:
        user = conversation.candidate.user
        return [user] if user is not None and user.active else []
    if conversation.organisation_id is not None:
        return list(
            db.session.execute(
                db.select(User)
                .join(EmployerMembership, EmployerMembership.user_id == User.id)
                .where(
                    EmployerMembership.organisation_id == conversation.organisation_id,
                    EmployerMembership.status == MembershipStatus.ACTIVE,
                    User.active.is_(True),
                )
                .order_by(User.id)
            ).scalars()
        )
    return partner_advisors(conversation.case.partner_id)


def _already_told(conversation: Conversation, user: User, side: MessageSide, new_id: int) -> bool:
    """The person has earlier unread messages from this side here: they were told already."""
    last_read = _last_read(conversation, user)
    return bool(
        db.session.execute(
            db.select(
                db.select(ConversationMessage.id)
                .where(
                    ConversationMessage.conversation_id == conversation.id,
                    ConversationMessage.side == side,
                    ConversationMessage.id > last_read,
                    ConversationMessage.id != new_id,
                )
                .exists()
            )
        ).scalar()
    )


def _notify_other_side(conversation: Conversation, message: ConversationMessage) -> None:
    path = site_path("conversations.show", conversation_id=conversation.id)
    if message.side == MessageSide.CANDIDATE:
        kind, params = "message_from_candidate", {"candidate": conversation.candidate.display_name}
    elif message.side == MessageSide.EMPLOYER:
        kind, params = "message_received", {"org": conversation.organisation.name}
    else:
        kind, params = "message_received", {"org": conversation.case.partner.name}
    for user in _other_side_users(conversation, message.side):
        # One notice per burst: not again while earlier messages are still unread.
        if not _already_told(conversation, user, message.side, message.id):
            notify(user, kind, path, **params)


def post_message(
    conversation: Conversation, author: User, data: MessageData
) -> ConversationMessage:
    """Add a message (and its attachment) and tell the other side."""
    side = side_of(author)
    if side is None or side not in (MessageSide.CANDIDATE, conversation.other_side):
        raise ConversationError("not_allowed")
    if conversation.candidate.user is None or conversation.candidate.user.deleted_at is not None:
        raise ConversationError("closed")
    if conversation.organisation_id is not None and not may_talk(
        conversation.candidate_id, conversation.organisation_id
    ):
        raise ConversationError("not_allowed")
    check_message(data)
    # Linked by id, not appended to `conversation.messages`: a long thread is not loaded.
    message = ConversationMessage(
        conversation_id=conversation.id, author_id=author.id, side=side, body=data.body.strip()
    )
    if data.stream is not None:
        checked = check_upload(data.stream, ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES, "attachment")
        key = save_file(data.stream, checked.extension)
        name = (data.filename or f"document.{checked.extension}").rsplit("/", 1)[-1][-255:]
        message.attachments.append(
            MessageAttachment(file_key=key, mime=checked.mime, filename=name, size=checked.size)
        )
    db.session.add(message)
    conversation.last_message_at = utcnow()
    db.session.flush()
    mark_read(conversation, author, message.id)
    _notify_other_side(conversation, message)
    return message


def get_attachment(conversation: Conversation, attachment_id: int) -> MessageAttachment | None:
    """An attachment of a message of this conversation (None: a 404)."""
    return db.session.execute(
        db.select(MessageAttachment)
        .join(ConversationMessage, MessageAttachment.message_id == ConversationMessage.id)
        .where(
            MessageAttachment.id == attachment_id,
            ConversationMessage.conversation_id == conversation.id,
        )
    ).scalar_one_or_none()


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]»’'"


def render_body(text: str) -> Markup:
    """A message as safe HTML: the text escaped, its web addresses made into links that do not
    pass the portal's standing on (`rel="nofollow noopener"`), and nothing else."""
    parts, position = [], 0
    for match in _URL.finditer(text or ""):
        url = match.group(0).rstrip(_TRAILING)
        href = url if url.lower().startswith("http") else f"https://{url}"
        parts += [str(escape(text[position : match.start()]))]
        parts += [f'<a href="{escape(href)}">{escape(url)}</a>']
        position = match.start() + len(url)
    parts.append(str(escape((text or "")[position:])))
    # Escaped by hand, then cleaned again by a sanitizer: a link is all that may come out.
    html = nh3.clean(
        "".join(parts),
        tags={"a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
    )
    return Markup(html)  # noqa: S704 - sanitized just above


# ---------------------------------------------------------------- read marks and counts


def _last_read(conversation: Conversation, user: User) -> int:
    return (
        db.session.execute(
            db.select(ConversationRead.last_read_id).where(
                ConversationRead.conversation_id == conversation.id,
                ConversationRead.user_id == user.id,
            )
        ).scalar_one_or_none()
        or 0
    )


def mark_read(conversation: Conversation, user: User, up_to: int | None = None) -> None:
    """Record that the person has read the conversation up to a message (default: the last)."""
    if side_of(user) is None:
        return  # staff moderating leave no read mark
    if up_to is None:
        up_to = db.session.execute(
            db.select(db.func.max(ConversationMessage.id)).where(
                ConversationMessage.conversation_id == conversation.id
            )
        ).scalar_one_or_none()
    if not up_to:
        return
    mark = db.session.execute(
        db.select(ConversationRead).filter_by(conversation_id=conversation.id, user_id=user.id)
    ).scalar_one_or_none()
    if mark is not None and mark.last_read_id >= up_to:
        return  # nothing new (a poll that found nothing writes nothing)
    if mark is None:
        try:  # two tabs reading at once: the other one wrote the mark, which is as good
            with db.session.begin_nested():
                db.session.add(
                    ConversationRead(
                        conversation_id=conversation.id, user_id=user.id, last_read_id=up_to
                    )
                )
        except IntegrityError:
            pass
    else:
        mark.last_read_id = up_to
    # The notices of new messages here are read too: the person has seen the messages.
    db.session.execute(
        db.update(Notification)
        .where(
            Notification.user_id == user.id,
            Notification.read_at.is_(None),
            Notification.kind.startswith("message_"),
            Notification.link == site_path("conversations.show", conversation_id=conversation.id),
        )
        .values(read_at=utcnow())
    )
    db.session.flush()


def _unread_messages(user: User, by_conversation: bool = False):
    """SELECT of the messages the user has not read, from the other side of their conversations."""
    return _unread_on(
        side_of(user), user.id, user.partner_organisation_id, by_conversation=by_conversation
    )


def _unread_on(side: MessageSide | None, user_id, partner_id, by_conversation: bool = False):
    read = db.aliased(ConversationRead)
    columns = (
        (ConversationMessage.conversation_id, db.func.count(ConversationMessage.id))
        if by_conversation
        else (db.func.count(ConversationMessage.id),)
    )
    stmt = (
        db.select(*columns)
        .join(Conversation, ConversationMessage.conversation_id == Conversation.id)
        .outerjoin(read, db.and_(read.conversation_id == Conversation.id, read.user_id == user_id))
        .where(
            _participates_on(side, user_id, partner_id),
            ConversationMessage.side != side,
            ConversationMessage.id > db.func.coalesce(read.last_read_id, 0),
        )
    )
    return stmt.group_by(ConversationMessage.conversation_id) if by_conversation else stmt


def header_counts(user: User) -> dict[str, int]:
    """The header's numbers in one query: unread notifications, unread messages, and (staff)
    reports waiting for moderation."""
    side = side_of(user)
    statement = _header_statement(
        side,
        side == MessageSide.PARTNER and user.partner_organisation_id is not None,
        user.has_role(Role.STAFF),
    )
    row = db.session.execute(
        statement, {"user_id": user.id, "partner_id": user.partner_organisation_id}
    ).one()
    return {"notifications": row[0] or 0, "messages": row[1] or 0, "reports": row[2] or 0}


@lru_cache(maxsize=16)
def _header_statement(side: MessageSide | None, partner_known: bool, staff: bool):
    """The header's query for one kind of person, built once per process (every signed-in page
    runs it): the person's ids are bind parameters."""
    user_id, partner_id = db.bindparam("user_id"), db.bindparam("partner_id")
    notes = db.select(db.func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if side is not None:
        messages = _unread_on(side, user_id, partner_id if partner_known else None)
    else:
        messages = db.select(db.literal(0))
    if staff:
        reports = db.select(db.func.count(MessageReport.id)).where(
            MessageReport.handled_at.is_(None)
        )
    else:
        reports = db.select(db.literal(0))
    return db.select(notes.scalar_subquery(), messages.scalar_subquery(), reports.scalar_subquery())


class HeaderCounts:
    """The header's numbers, read in one query the first time a template shows one of them: an
    htmx fragment, which has no header, costs no query at all."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._values: dict[str, int] | None = None

    def value(self, name: str) -> int:
        if self._values is None:
            self._values = header_counts(self.user)
        return self._values[name]

    def lazy(self, name: str) -> "LazyCount":
        return LazyCount(self, name)


class LazyCount:
    """One of the header's numbers, read when a template tests or prints it."""

    def __init__(self, counts: HeaderCounts, name: str) -> None:
        self.counts, self.name = counts, name

    def __int__(self) -> int:
        return self.counts.value(self.name)

    def __bool__(self) -> bool:
        return int(self) > 0

    def __str__(self) -> str:
        return str(int(self))

    def __eq__(self, other) -> bool:
        return int(self) == other

    __hash__ = None


@dataclass
class ConversationRow:
    conversation: Conversation
    unread: int


def list_conversations(user: User) -> list[ConversationRow]:
    """The user's conversations, latest message first, each with its unread count."""
    conversations = db.session.execute(
        _with_parties(db.select(Conversation))
        .where(_participates(user))
        .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())
    ).scalars()
    unread = dict(db.session.execute(_unread_messages(user, by_conversation=True)).all())
    return [ConversationRow(c, unread.get(c.id, 0)) for c in conversations]


def all_conversations(limit: int = 100) -> list[Conversation]:
    """The latest conversations of everyone, for staff."""
    return list(
        db.session.execute(
            _with_parties(db.select(Conversation))
            .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())
            .limit(limit)
        ).scalars()
    )


# ---------------------------------------------------------------- moderation


def record_moderation_read(conversation: Conversation, staff: User) -> None:
    """Write a staff reading of the conversation to the access log, with its purpose."""
    record_event(
        staff, "conversation.moderated", "conversation", conversation.id, purpose="moderation"
    )


def report_message(
    conversation: Conversation, message_id: int, reporter: User, reason: str
) -> MessageReport:
    """A participant reports a message of the conversation to the program staff."""
    message = db.session.execute(
        db.select(ConversationMessage).where(
            ConversationMessage.id == message_id,
            ConversationMessage.conversation_id == conversation.id,
        )
    ).scalar_one_or_none()
    if message is None:
        raise ConversationError("not_found")
    reason = (reason or "").strip()
    if len(reason) > REPORT_REASON_MAX_CHARS:
        raise ConversationError("reason_too_long", "reason")
    report = MessageReport(message=message, reporter_id=reporter.id, reason=reason)
    db.session.add(report)
    db.session.flush()
    path = site_path("conversations.reports")
    for staff in db.session.execute(
        db.select(User).where(User.role == Role.STAFF, User.active.is_(True)).order_by(User.id)
    ).scalars():
        notify(staff, "message_reported", path, number=report.id)
    return report


def open_reports() -> list[MessageReport]:
    """Reports not handled yet, oldest first."""
    return list(
        db.session.execute(
            db.select(MessageReport)
            .where(MessageReport.handled_at.is_(None))
            .options(
                joinedload(MessageReport.message).joinedload(ConversationMessage.author),
                joinedload(MessageReport.reporter),
            )
            .order_by(MessageReport.id)
        ).scalars()
    )


def handle_report(report_id: int, staff: User) -> MessageReport:
    """Staff mark a report as handled."""
    report = db.session.get(MessageReport, report_id)
    if report is None:
        raise ConversationError("not_found")
    if report.handled_at is None:
        report.handled_at, report.handled_by_id = utcnow(), staff.id
        record_event(
            staff,
            "conversation.report_handled",
            "conversation",
            report.message.conversation_id,
            report=report.id,
        )
        db.session.flush()
    return report
