"""An upload cut off mid-way, or a request failing after the file was stored: no file, no row."""

import io
import os
from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from app.clock import today as program_today
from app.extensions import db
from app.models import FundingReceipt
from tests.funding.conftest import flow  # noqa: F401 - the funding fixture

PDF = b"%PDF-1.4\n" + b"x" * 200_000 + b"\n%%EOF\n"
BOUNDARY = "----maillage-test-boundary"


def multipart(field: str, cut: int | None = None) -> bytes:
    """A multipart body with one PDF file field, cut after `cut` bytes when given."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="doc.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = head + PDF + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body[:cut] if cut else body


def stored_files(app) -> list[str]:
    root = app.config["UPLOAD_DIR"]
    return [f for _, _, files in os.walk(root) for f in files]


@pytest.fixture
def empty_uploads(app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    app.extensions.pop("maillage_storage", None)
    return app


def post_cut(client, url: str, field: str, cut: int, declared_full: bool):
    """Send a body cut after `cut` bytes; optionally announce the full length (a dropped link)."""
    data = multipart(field, cut)
    headers = {"Content-Length": str(len(multipart(field)))} if declared_full else {}
    return client.post(
        url,
        input_stream=io.BytesIO(data),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        headers=headers or {"Content-Length": str(len(data))},
    )


@pytest.mark.parametrize("declared_full", [False, True])
@pytest.mark.parametrize("cut", [150, 100_000])
def test_cv_cut_off_leaves_no_file_and_no_row(
    empty_uploads, client, auth, make_candidate, cut, declared_full
):
    user = make_candidate()
    auth.login(user)
    r = post_cut(client, "/candidat/profil/cv", "cv", cut, declared_full)
    assert r.status_code in (200, 400)
    db.session.refresh(user.candidate_profile)
    assert user.candidate_profile.cv_key is None
    assert stored_files(empty_uploads) == []
    # The whole body goes through.
    full = client.post(
        "/candidat/profil/cv",
        data=multipart("cv"),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert full.status_code == 303 and len(stored_files(empty_uploads)) == 1


def test_cv_stored_then_commit_fails_leaves_no_file(
    empty_uploads, client, auth, make_candidate, monkeypatch
):
    user = make_candidate()
    auth.login(user)

    def broken_commit():
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(db.session, "commit", broken_commit)
    r = client.post("/candidat/profil/cv", data={"cv": (io.BytesIO(PDF), "cv.pdf")})
    monkeypatch.undo()
    assert r.status_code == 503
    db.session.refresh(user.candidate_profile)
    assert user.candidate_profile.cv_key is None and stored_files(empty_uploads) == []


def _approved_request(flow):  # noqa: F811
    from app.blueprints.funding import services as svc

    req = flow.submit(depart_on=program_today(), return_on=program_today() + timedelta(days=1))
    svc.approve(req, flow.promis, req.requested_cents, "", req.version)
    db.session.commit()
    return req


@pytest.mark.parametrize("declared_full", [False, True])
def test_receipt_cut_off_leaves_no_file_and_no_row(
    empty_uploads,
    client,
    auth,
    flow,  # noqa: F811
    declared_full,
):
    req = _approved_request(flow)
    auth.login(flow.candidate)
    url = f"/candidat/deplacements/{req.id}/recus"
    r = post_cut(client, url, "receipt", 100_000, declared_full)
    assert r.status_code in (400, 422)
    assert db.session.execute(db.select(db.func.count(FundingReceipt.id))).scalar_one() == 0
    assert stored_files(empty_uploads) == []
