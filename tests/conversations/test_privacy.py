"""Conversations in "download my data" and in the erasure of an account."""

import io

import pytest

from app.blueprints.conversations import services as svc
from app.blueprints.privacy import services as privacy
from app.errors import DomainError
from app.extensions import db
from app.models import ConversationMessage, ConversationRead, MessageAttachment, MessageReport
from app.storage import file_exists
from tests.privacy.test_services import _zip

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _exchange(parties):
    conversation = parties.conversation()
    mine = svc.post_message(
        conversation, parties.candidate, svc.MessageData("Mon CV", io.BytesIO(PDF), "cv.pdf")
    )
    theirs = svc.post_message(conversation, parties.employer, svc.MessageData("Merci, reçu."))
    svc.report_message(conversation, theirs.id, parties.candidate, "Test")
    db.session.commit()
    return conversation, mine, theirs


def test_the_download_holds_the_conversations_and_their_files(app, parties):
    conversation, mine, theirs = _exchange(parties)
    data, archive = _zip(privacy.export_data(parties.candidate))
    (exported,) = data["conversations"]
    assert exported["with"] == "Fromagerie Lac"
    assert [m["body"] for m in exported["messages"]] == ["Mon CV", "Merci, reçu."]
    assert exported["messages"][0]["from"] == "you"
    assert exported["reports"] == [
        {"message_when": exported["reports"][0]["message_when"], "reason": "Test"}
    ]
    file = exported["messages"][0]["attachments"][0]["file"]
    assert archive.read(file) == PDF
    # The employer's download holds the messages they wrote, not the candidate's.
    employer_data, _archive = _zip(privacy.export_data(parties.employer))
    assert [m["body"] for m in employer_data["conversations"][0]["messages"]] == ["Merci, reçu."]


def test_erasure_blanks_the_persons_messages_and_keeps_the_other_sides(app, parties):
    conversation, mine, theirs = _exchange(parties)
    key = mine.attachments[0].file_key
    privacy.erase_account(parties.candidate)
    db.session.commit()
    erased = db.session.get(ConversationMessage, mine.id)
    assert erased.body == "" and erased.author_id is None and erased.erased_at is not None
    assert db.session.execute(db.select(MessageAttachment)).first() is None
    assert not file_exists(key)
    assert db.session.get(ConversationMessage, theirs.id).body == "Merci, reçu."
    assert (
        db.session.execute(
            db.select(ConversationRead).where(ConversationRead.user_id == parties.candidate.id)
        ).first()
        is None
    )
    assert db.session.execute(db.select(MessageReport.reporter_id)).scalar_one() is None
    # The employer still reads the conversation, closed, with a deleted author shown as such.
    with pytest.raises(DomainError) as closed:
        svc.post_message(conversation, parties.employer, svc.MessageData("Encore là ?"))
    assert closed.value.code == "closed"


def test_the_employer_sees_a_closed_conversation_after_erasure(client, auth, parties):
    conversation, _mine, _theirs = _exchange(parties)
    privacy.erase_account(parties.candidate)
    db.session.commit()
    auth.login(parties.employer)
    page = client.get(f"/messages/{conversation.id}")
    assert page.status_code == 200 and "Compte supprimé" in page.text
    assert "Merci, reçu." in page.text and "Mon CV" not in page.text
    assert 'name="body"' not in page.text  # closed: no form
