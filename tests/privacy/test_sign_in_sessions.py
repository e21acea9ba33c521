"""The data download lists the person's sign-in sessions, without any secret."""

import io
import json
import zipfile

from app.extensions import db
from app.models import UserSession


def _download(client) -> dict:
    response = client.post("/compte/confidentialite/telechargement")
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))


def test_the_download_lists_sign_in_sessions_without_their_token(client, auth, make_candidate):
    me = make_candidate(email="me@example.org")
    other = make_candidate(email="them@example.org")
    auth.login(other)
    auth.logout()
    auth.login(me)
    data = _download(client)
    mine = (
        db.session.execute(
            db.select(UserSession).where(UserSession.user_id == me.id).order_by(UserSession.id)
        )
        .scalars()
        .all()
    )
    assert len(data["sign_in_sessions"]) == len(mine) >= 1
    first = data["sign_in_sessions"][0]
    assert set(first) == {"created_at", "last_seen_at", "ended_at", "second_factor_at"}
    assert first["created_at"].startswith(mine[0].created_at.isoformat()[:16])
    text = json.dumps(data)
    for session in db.session.execute(db.select(UserSession)).scalars():
        assert session.token_hash not in text
    assert "token" not in text.lower()
