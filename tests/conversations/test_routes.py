"""Conversation pages: access (someone else's is a 404), bad input, polling, moderation."""

import io
from urllib.parse import unquote

import pytest

from app.extensions import db
from app.models import AuditEvent, ConversationMessage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(conversation) -> str:
    return f"/messages/{conversation.id}"


def test_the_employer_opens_a_conversation_only_with_a_prequalified_candidate(
    client, auth, parties
):
    auth.login(parties.employer)
    refused = client.post(f"/messages/candidatures/{parties.other_application.id}")
    assert refused.status_code == 404
    opened = client.post(f"/messages/candidatures/{parties.application.id}")
    assert opened.status_code == 303 and "/messages/" in opened.headers["Location"]
    page = client.get(opened.headers["Location"])
    assert page.status_code == 200 and "Amina Diallo" in page.text
    assert 'hx-trigger="every 10s"' in page.text


def test_a_candidate_not_prequalified_is_told_why(client, auth, parties, lang):
    auth.login(parties.other_candidate)
    if lang == "en":
        client.post("/langue", data={"lang": "en_CA", "next": "/"})
    r = client.post(f"/messages/candidatures/{parties.other_application.id}", follow_redirects=True)
    expected = (
        "une fois votre candidature" if lang == "fr" else "once the program has pre-qualified"
    )
    assert expected in r.text
    # Someone else's application is not even named.
    assert client.post(f"/messages/candidatures/{parties.application.id}").status_code == 404


def test_bad_messages_keep_the_text_and_show_every_error(client, auth, parties, lang):
    conversation = parties.conversation()
    auth.login(parties.candidate)
    if lang == "en":
        client.post("/langue", data={"lang": "en_CA", "next": "/"})
    empty = client.post(_url(conversation), data={"body": "  "})
    assert empty.status_code == 422
    assert ("Rédigez votre message" if lang == "fr" else "Write your message") in empty.text
    long_text = "Bonjour " * 700
    too_long = client.post(_url(conversation), data={"body": long_text})
    assert too_long.status_code == 422 and long_text.strip() in too_long.text
    assert ("trop long" if lang == "fr" else "too long") in too_long.text
    disguised = client.post(
        _url(conversation),
        data={"body": "Mon CV", "attachment": (io.BytesIO(b"MZ\x90\x00" + b"\0" * 99), "cv.pdf")},
    )
    assert disguised.status_code == 422 and "Mon CV" in disguised.text
    assert ("Ce type de fichier" if lang == "fr" else "This type of file") in disguised.text
    assert db.session.execute(db.select(ConversationMessage)).first() is None


def test_a_message_with_a_file_reaches_the_other_side_only(
    client, auth, parties, make_candidate, make_employer
):
    conversation = parties.conversation()
    auth.login(parties.candidate)
    sent = client.post(
        _url(conversation),
        data={
            "body": "Voici mon CV https://example.org",
            "attachment": (io.BytesIO(PDF), "cv.pdf"),
        },
    )
    assert sent.status_code == 303
    message = db.session.execute(db.select(ConversationMessage)).scalar_one()
    attachment = message.attachments[0]
    file_url = f"{_url(conversation)}/fichiers/{attachment.id}"
    auth.logout()
    auth.login(parties.colleague)
    page = client.get("/messages")
    assert 'class="nav-count"' in page.text and "Amina Diallo" in page.text
    shown = client.get(_url(conversation))
    assert 'rel="nofollow noopener"' in shown.text and file_url in shown.text
    with client.get(file_url) as download:
        assert download.status_code == 200 and download.data == PDF
        assert download.headers["Content-Disposition"].startswith("attachment;")
    auth.logout()
    for stranger in (make_employer(region="02"), parties.other_candidate):
        auth.login(stranger)
        assert client.get(_url(conversation)).status_code == 404
        assert client.get(file_url).status_code == 404
        assert client.post(_url(conversation), data={"body": "x"}).status_code == 404
        auth.logout()


def test_polling_returns_only_the_new_messages_as_a_fragment(client, auth, parties):
    from app.blueprints.conversations import services as svc

    conversation = parties.conversation()
    first = svc.post_message(conversation, parties.candidate, svc.MessageData("Premier"))
    db.session.commit()
    auth.login(parties.employer)
    quiet = client.get(f"{_url(conversation)}?after={first.id}", headers={"HX-Request": "true"})
    assert quiet.status_code == 200 and "<html" not in quiet.text and "Premier" not in quiet.text
    assert f"after={first.id}" in quiet.text
    svc.post_message(conversation, parties.candidate, svc.MessageData("Deuxième"))
    db.session.commit()
    new = client.get(f"{_url(conversation)}?after={first.id}", headers={"HX-Request": "true"})
    assert "Deuxième" in new.text and "Premier" not in new.text and "<html" not in new.text
    assert 'id="poll"' in new.text
    assert svc.header_counts(parties.employer)["messages"] == 0  # what the poll showed is read


def test_report_and_moderation_write_the_access_log(client, auth, parties):
    from app.blueprints.conversations import services as svc

    conversation = parties.conversation()
    message = svc.post_message(conversation, parties.employer, svc.MessageData("Déplacé"))
    db.session.commit()
    auth.login(parties.candidate)
    reported = client.post(
        f"{_url(conversation)}/signaler/{message.id}", data={f"r{message.id}-reason": "Insultant"}
    )
    assert reported.status_code == 303
    assert client.post(f"{_url(conversation)}/signaler/999999").status_code == 404
    assert client.get("/programme/signalements").status_code == 403
    assert client.get(f"/programme/messages/{conversation.id}").status_code == 404
    auth.logout()
    auth.login(parties.staff)
    queue = client.get("/programme/signalements")
    assert "Insultant" in queue.text and "Déplacé" in queue.text
    assert client.get(_url(conversation)).status_code == 404  # staff read through moderation
    page = client.get(f"/programme/messages/{conversation.id}")
    assert page.status_code == 200 and "Déplacé" in page.text and "hx-trigger" not in page.text
    (report,) = svc.open_reports()
    assert client.post(f"/programme/signalements/{report.id}").status_code == 303
    assert svc.open_reports() == []
    assert client.post("/programme/signalements/999999").status_code == 404
    actions = (
        db.session.execute(
            db.select(AuditEvent.action).where(AuditEvent.subject_type == "conversation")
        )
        .scalars()
        .all()
    )
    assert actions.count("conversation.moderated") == 1
    # The candidate sees who read it, and why, on their privacy page.
    from app.blueprints.privacy.export import disclosures

    (seen,) = [d for d in disclosures(parties.candidate) if "conversation" in d.what]
    assert "modération" in seen.why or "moderating" in seen.why


@pytest.mark.parametrize("path", ["/messages/999999", "/messages/999999/fichiers/1"])
def test_unknown_conversation_is_404(client, auth, parties, path):
    auth.login(parties.candidate)
    assert client.get(path).status_code == 404


def test_the_header_count_costs_no_query_in_an_htmx_fragment(client, auth, parties, count_queries):
    from app.blueprints.conversations import services as svc

    conversation = parties.conversation()
    last = svc.post_message(conversation, parties.candidate, svc.MessageData("Un"))
    db.session.commit()
    auth.login(parties.employer)
    client.get(_url(conversation))
    with count_queries() as page:
        client.get("/messages")
    with count_queries() as fragment:
        client.get(f"{_url(conversation)}?after={last.id}", headers={"HX-Request": "true"})
    assert not any("notifications" in s and "count" in s.lower() for s in fragment)
    assert sum("count(notifications.id)" in s for s in page) == 1


def test_polling_after_the_session_ended_sends_htmx_to_sign_in(client, auth, parties):
    from app import sessions

    conversation = parties.conversation()
    db.session.commit()
    auth.login(parties.employer)
    sessions.end_all(parties.employer)
    db.session.commit()
    page = f"http://localhost{_url(conversation)}"
    r = client.get(
        f"{_url(conversation)}?after=0", headers={"HX-Request": "true", "HX-Current-URL": page}
    )
    assert r.status_code == 401 and "<html" not in r.text
    assert r.headers["HX-Redirect"].startswith("/connexion?next=")
    assert unquote(r.headers["HX-Redirect"]).endswith(f"next={_url(conversation)}")
