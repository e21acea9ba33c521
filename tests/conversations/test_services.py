"""Conversation rules: who may talk, messages and files, unread counts, moderation."""

import io

import pytest

from app.blueprints.conversations import services as svc
from app.errors import DomainError, DomainErrors
from app.extensions import db
from app.models import AuditEvent, MessageSide, Notification
from app.uploads import UploadRejected

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _send(conversation, user, body="Bonjour", file=None, name="cv.pdf"):
    data = svc.MessageData(body, io.BytesIO(file) if file is not None else None, name)
    message = svc.post_message(conversation, user, data)
    db.session.commit()
    return message


def _kinds(user):
    return [
        n.kind
        for n in db.session.execute(
            db.select(Notification).where(
                Notification.user_id == user.id, Notification.kind.startswith("message_")
            )
        ).scalars()
    ]


def test_only_a_prequalified_application_or_an_interview_opens_a_conversation(app, parties):
    assert svc.may_talk(parties.candidate.candidate_profile.id, parties.employer.organisation.id)
    with pytest.raises(DomainError) as refused:
        svc.open_with_employer(parties.other_application)
    assert refused.value.code == "not_allowed"
    first = parties.conversation()
    assert svc.open_with_employer(parties.application).id == first.id  # one per pair


def test_a_message_notifies_the_other_side_once_per_burst(app, parties):
    conversation = parties.conversation()
    _send(conversation, parties.candidate, "Bonjour, je suis disponible.")
    _send(conversation, parties.candidate, "Et aussi le lundi.")
    # Both members of the organisation are told, once while the first message is unread.
    assert _kinds(parties.employer) == ["message_from_candidate"]
    assert _kinds(parties.colleague) == ["message_from_candidate"]
    svc.mark_read(conversation, parties.employer)
    _send(conversation, parties.employer, "Merci, à lundi.")
    assert _kinds(parties.candidate) == ["message_received"]
    _send(conversation, parties.candidate, "Parfait.")
    assert _kinds(parties.employer) == ["message_from_candidate"] * 2
    assert _kinds(parties.colleague) == ["message_from_candidate"]  # still has unread ones


def test_empty_too_long_and_disguised_messages_are_refused(app, parties):
    conversation = parties.conversation()
    with pytest.raises(DomainError) as empty:
        _send(conversation, parties.candidate, "   ")
    assert empty.value.code == "message_required" and empty.value.field == "body"
    with pytest.raises(DomainError) as long:
        _send(conversation, parties.candidate, "x" * (svc.MESSAGE_MAX_CHARS + 1))
    assert long.value.code == "message_too_long"
    exe = b"MZ\x90\x00\x03" + b"\x00" * 200  # a Windows program renamed .pdf
    with pytest.raises(UploadRejected) as disguised:
        _send(conversation, parties.candidate, "Mon CV", exe, "cv.pdf")
    assert disguised.value.field == "attachment"
    db.session.rollback()
    assert svc.thread(conversation) == []


def test_an_attachment_is_stored_with_its_sniffed_type(app, parties):
    conversation = parties.conversation()
    message = _send(conversation, parties.candidate, "", PDF, "../../mon cv.pdf")
    (attachment,) = message.attachments
    assert attachment.mime == "application/pdf" and attachment.filename == "mon cv.pdf"
    assert svc.get_attachment(conversation, attachment.id) is attachment


def test_unread_counts_follow_read_marks_in_one_query(app, parties, count_queries):
    conversation = parties.conversation()
    _send(conversation, parties.candidate, "Un")
    _send(conversation, parties.candidate, "Deux")
    assert svc.header_counts(parties.employer)["messages"] == 2
    assert svc.header_counts(parties.colleague)["messages"] == 2
    assert svc.header_counts(parties.candidate)["messages"] == 0  # their own messages
    svc.mark_read(conversation, parties.employer)
    db.session.commit()
    db.session.refresh(parties.employer)  # a request has its user loaded already
    with count_queries() as statements:
        counts = svc.header_counts(parties.employer)
    assert len(statements) == 1
    assert counts["messages"] == counts["reports"] == 0
    # Reading the conversation read its message notice too; the pre-qualification one is left.
    assert counts["notifications"] == 1 and _kinds(parties.employer) == ["message_from_candidate"]
    assert [r.unread for r in svc.list_conversations(parties.colleague)] == [2]


def test_links_are_safe_and_markup_is_escaped():
    html = svc.render_body(
        "Voir https://example.org/poste?id=1&x=2, <script>alert(1)</script> javascript:alert(1)"
    )
    assert '<a href="https://example.org/poste?id=1&amp;x=2" rel="nofollow noopener">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert 'href="https://www.example.org"' in svc.render_body("www.example.org.")


def test_only_participants_reach_a_conversation(app, parties, make_employer, make_user):
    from app.models import Role

    conversation = parties.conversation()
    stranger = make_employer(region="02")
    assert svc.get_conversation(parties.colleague, conversation.id) is conversation
    assert svc.get_conversation(parties.candidate, conversation.id) is conversation
    assert svc.get_conversation(stranger, conversation.id) is None
    assert svc.get_conversation(parties.other_candidate, conversation.id) is None
    assert svc.get_conversation(make_user(Role.PARTNER), conversation.id) is None
    assert svc.get_conversation(parties.staff, conversation.id) is None  # staff: moderation


def test_a_case_file_conversation_joins_the_partner_advisors(app, parties, make_user):
    from app.blueprints.followup.services import ensure_case_file
    from app.models import PartnerOrganisation, Role

    case = ensure_case_file(parties.candidate.candidate_profile, "02")
    other = (
        db.session.execute(
            db.select(PartnerOrganisation).where(PartnerOrganisation.id != case.partner_id)
        )
        .scalars()
        .first()
    )
    advisor = make_user(Role.PARTNER, partner=case.partner)
    outsider = make_user(Role.PARTNER, partner=other)
    conversation = svc.open_on_case(case)
    db.session.commit()
    _send(conversation, advisor, "Bonjour, je suis votre conseillère.")
    assert _kinds(parties.candidate) == ["message_received"]
    assert svc.get_conversation(advisor, conversation.id) is conversation
    assert svc.get_conversation(outsider, conversation.id) is None
    with pytest.raises(DomainError):
        svc.post_message(conversation, parties.employer, svc.MessageData("Intrus"))


def test_reports_reach_staff_and_a_moderation_reading_is_logged(app, parties):
    conversation = parties.conversation()
    message = _send(conversation, parties.employer, "Message déplacé")
    report = svc.report_message(conversation, message.id, parties.candidate, "Propos déplacés")
    db.session.commit()
    assert svc.open_reports() == [report]
    assert _kinds(parties.staff) == ["message_reported"]
    assert svc.header_counts(parties.staff)["reports"] == 1
    svc.record_moderation_read(conversation, parties.staff)
    svc.handle_report(report.id, parties.staff)
    db.session.commit()
    assert svc.open_reports() == []
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "conversation.moderated")
    ).scalar_one()
    assert (event.actor_id, event.subject_id) == (parties.staff.id, conversation.id)
    assert event.detail == {"purpose": "moderation"}
    with pytest.raises(DomainError):
        svc.report_message(conversation, 10**6, parties.candidate, "")
    with pytest.raises(DomainError):
        svc.report_message(conversation, message.id, parties.candidate, "x" * 1001)


def test_every_problem_of_a_message_is_raised(app, parties):
    with pytest.raises(DomainError) as empty:
        svc.check_message(svc.MessageData(""))
    assert not isinstance(empty.value, DomainErrors)
    assert svc.side_of(parties.employer) == MessageSide.EMPLOYER


def test_a_word_attachment_is_checked_as_a_cv_is(app, parties):
    from tests.core.test_hardening import _docx

    conversation = parties.conversation()
    message = _send(conversation, parties.candidate, "Lettre", _docx(b"<w:document/>"), "l.docx")
    assert message.attachments[0].mime.endswith("wordprocessingml.document")
    too_many_parts = _docx(b"<w:document/>", extra_entries=1001)  # over ZIP_MAX_ENTRIES
    with pytest.raises(UploadRejected) as refused:
        _send(conversation, parties.candidate, "Lettre", too_many_parts, "l.docx")
    assert refused.value.field == "attachment"


def test_an_interview_together_opens_a_conversation_and_a_cancelled_one_does_not(app, parties):
    from datetime import time, timedelta

    from app.models import InterviewRequest, InterviewSession, InterviewSlot, SlotStatus
    from app.models.base import utcnow

    now = utcnow()
    session = InterviewSession(
        day=now.date(), start_time=time(9), end_time=time(12), registration_deadline=now
    )
    request = InterviewRequest(session=session, application=parties.other_application)
    db.session.add(request)
    db.session.flush()
    slot = InterviewSlot(
        session_id=session.id,
        request_id=request.id,
        starts_at=now,
        ends_at=now + timedelta(minutes=15),
        room="r" * 32,
        status=SlotStatus.CANCELLED,
    )
    db.session.add(slot)
    db.session.commit()
    ids = parties.other_candidate.candidate_profile.id, parties.employer.organisation.id
    assert not svc.may_talk(*ids)
    slot.status = SlotStatus.CONFIRMED
    db.session.commit()
    assert svc.may_talk(*ids)
