"""Media through one storage interface: local disk, or an S3-compatible store; served by nginx."""

import io

import pytest

from app import storage
from app.extensions import db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def s3_app(app):
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        import boto3

        boto3.client("s3", region_name="ca-central-1").create_bucket(
            Bucket="maillage-media",
            CreateBucketConfiguration={"LocationConstraint": "ca-central-1"},
        )
        app.config.update(STORAGE_BACKEND="s3", S3_BUCKET="maillage-media", S3_PREFIX="media/")
        app.extensions.pop("maillage_storage", None)
        yield app
        app.extensions.pop("maillage_storage", None)


def test_s3_backend_saves_serves_and_deletes(s3_app):
    key = storage.save_file(io.BytesIO(PDF), "pdf")
    db.session.commit()
    store = storage.backend()
    assert isinstance(store, storage.S3Storage) and storage.file_exists(key)
    body = store.client.get_object(Bucket="maillage-media", Key=f"media/{key[:2]}/{key}")["Body"]
    assert body.read() == PDF
    assert storage.file_path(key).read_bytes() == PDF  # a local copy for ffmpeg or an archive
    with s3_app.test_request_context():
        response = storage.send_stored_file(key, "application/pdf", download_name="cv.pdf")
        response.direct_passthrough = False
        assert response.get_data() == PDF
        response.close()
    storage.delete_file(key)
    assert storage.file_exists(key)  # kept until the commit
    db.session.commit()
    assert not storage.file_exists(key)


def test_s3_upload_of_a_rolled_back_request_is_removed(s3_app):
    db.session.connection()
    key = storage.save_file(io.BytesIO(PDF), "pdf")
    db.session.rollback()
    assert not storage.file_exists(key)


def test_cv_upload_and_download_through_s3(s3_app, client, auth, make_candidate):
    user = make_candidate()
    auth.login(user)
    r = client.post("/candidat/profil/cv", data={"cv": (io.BytesIO(PDF), "cv.pdf")})
    assert r.status_code == 303
    with client.get("/candidat/profil/cv") as download:
        assert download.status_code == 200 and download.data == PDF


@pytest.mark.parametrize(
    "mode, header",
    [("x-accel", "X-Accel-Redirect"), ("x-sendfile", "X-Sendfile")],
)
def test_web_server_sends_the_file_after_the_access_check(
    app, client, auth, make_candidate, mode, header
):
    user = make_candidate()
    auth.login(user)
    client.post("/candidat/profil/cv", data={"cv": (io.BytesIO(PDF), "cv.pdf")})
    app.config["STORAGE_SERVE"] = mode
    db.session.refresh(user.candidate_profile)
    key = user.candidate_profile.cv_key
    r = client.get("/candidat/profil/cv")
    assert r.status_code == 200 and r.data == b""
    assert r.headers[header].endswith(f"{key[:2]}/{key}")
    if mode == "x-accel":
        assert r.headers[header] == f"/_stockage/{key[:2]}/{key}"
    assert r.headers["Content-Type"] == "application/pdf"
    assert "attachment" in r.headers["Content-Disposition"]
    auth.logout()
    denied = client.get("/candidat/profil/cv")
    assert denied.status_code == 302 and header not in denied.headers


def test_storage_keys_cannot_escape(app):
    for bad in ("../etc/passwd", "a/b", ".hidden", "x..y"):
        with pytest.raises(ValueError):
            storage.delete_file(bad)
