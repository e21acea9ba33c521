"""File storage outside static/, under random names: local disk by default, or an S3 store.

One interface, whatever the backend (STORAGE_BACKEND = "local" or "s3"):
- `save_file(stream, extension)` stores a whole file and returns its key. A file is never visible
  half-written (local: written to a temporary name, then renamed; S3: an object exists only once
  its upload completes). If the transaction that was to reference it rolls back, the file is
  removed, so a failed or cut-off request leaves neither a row nor a file.
- `delete_file(key)` removes a file once the transaction commits (a rollback keeps it, so a row
  never points to a file that is gone).
- `send_stored_file(...)` answers a download after the route's access check; with STORAGE_SERVE
  set, the web server sends the bytes (nginx X-Accel-Redirect or X-Sendfile) and the worker is free.
- `file_path(key)` gives a local path (S3: a cached copy), for ffmpeg and the data download.
"""

import logging
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import Response, current_app, request_tearing_down, send_file
from sqlalchemy import event

from app.extensions import db

log = logging.getLogger("maillage.storage")
CHUNK = 1024 * 1024


def _check_key(key: str) -> str:
    # Keys are generated here (hex + extension); refuse anything else, so no path can escape.
    if not key or "/" in key or "\\" in key or key.startswith(".") or ".." in key:
        raise ValueError("bad storage key")
    return key


def _relative(key: str) -> str:
    return f"{key[:2]}/{_check_key(key)}"


def _write_whole(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file under a temporary name, then rename it: never visible half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LocalStorage:
    """Files under UPLOAD_DIR, two-character subfolders."""

    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / _relative(key)

    def save(self, stream: BinaryIO, key: str) -> None:
        def copy(out: BinaryIO) -> None:
            while chunk := stream.read(CHUNK):
                out.write(chunk)

        _write_whole(self.path(key), copy)

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def local_path(self, key: str) -> Path:
        return self.path(key)


class S3Storage:
    """Objects in an S3-compatible bucket (AWS, MinIO, Ceph...), with a local read cache."""

    def __init__(self, bucket: str, prefix: str, cache_dir: str, **client_options) -> None:
        import boto3

        self.bucket = bucket
        self.prefix = prefix
        self.cache = Path(cache_dir)
        self.client = boto3.client("s3", **client_options)

    def object_key(self, key: str) -> str:
        return f"{self.prefix}{_relative(key)}"

    def save(self, stream: BinaryIO, key: str) -> None:
        # upload_fileobj uses a multipart upload for large files: the object appears when complete.
        self.client.upload_fileobj(stream, self.bucket, self.object_key(key))

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))
        (self.cache / _relative(key)).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError:
            return False
        return True

    def local_path(self, key: str) -> Path:
        path = self.cache / _relative(key)
        if not path.is_file():
            _write_whole(
                path,
                lambda out: self.client.download_fileobj(self.bucket, self.object_key(key), out),
            )
        return path


def backend() -> LocalStorage | S3Storage:
    """The application's storage backend, built once per application."""
    store = current_app.extensions.get("maillage_storage")
    if store is None:
        cfg = current_app.config
        if cfg.get("STORAGE_BACKEND") == "s3":
            options = {"region_name": cfg.get("S3_REGION")}
            if cfg.get("S3_ENDPOINT_URL"):
                options["endpoint_url"] = cfg["S3_ENDPOINT_URL"]
            cache = Path(current_app.instance_path) / "storage-cache"
            store = S3Storage(cfg["S3_BUCKET"], cfg.get("S3_PREFIX") or "", str(cache), **options)
        else:
            store = LocalStorage(cfg["UPLOAD_DIR"])
        current_app.extensions["maillage_storage"] = store
    return store


# Files saved or deleted by the current transaction, kept in the session's info dictionary.
_NEW = "maillage_new_files"
_GONE = "maillage_deleted_files"


def _info() -> dict:
    return db.session().info


def save_file(stream: BinaryIO, extension: str) -> str:
    """Store a stream under a new random name and return its key (removed if the request fails)."""
    key = f"{secrets.token_hex(16)}.{extension}"
    stream.seek(0)
    store = backend()
    store.save(stream, key)
    db.session.connection()  # open the transaction now, so its rollback is seen
    _info().setdefault(_NEW, []).append((store, key))
    return key


def file_path(key: str) -> Path:
    """Return a local path of a stored file (for ffmpeg or an archive)."""
    return backend().local_path(key)


def delete_file(key: str | None) -> None:
    """Remove a stored file once the transaction commits."""
    if key:
        _check_key(key)
        _info().setdefault(_GONE, []).append((backend(), key))


def file_exists(key: str) -> bool:
    """Tell whether a stored file is there."""
    return backend().exists(key)


def _remove(pairs) -> None:
    for store, key in pairs:
        try:
            store.delete(key)
        except Exception:  # noqa: BLE001 - a leftover file must not fail the request
            log.warning("could not remove stored file %s", key, exc_info=True)


@event.listens_for(db.session, "after_commit")
def _after_commit(session) -> None:
    session.info.pop(_NEW, None)
    _remove(session.info.pop(_GONE, []))


@event.listens_for(db.session, "after_soft_rollback")
def _after_rollback(session, previous_transaction) -> None:
    if session.in_transaction():  # a savepoint: the outer transaction may still commit
        return
    _discard(session.info)


@request_tearing_down.connect
def _discard_uncommitted(sender, **extra) -> None:
    # A request that ends without committing (an error, a cut-off upload) keeps no new file.
    _discard(_info())


def _discard(info: dict) -> None:
    """Forget the uncommitted transaction's files: remove the new ones, keep the deleted ones."""
    info.pop(_GONE, None)
    _remove(info.pop(_NEW, []))


def clean_download_name(name: str | None, fallback: str = "fichier") -> str:
    """Clean a file name for a download: no control, NUL or direction characters, no folders."""
    text = unicodedata.normalize("NFC", name or "")
    # Line breaks and tabs become spaces; other controls (NUL...) and format characters (U+202E
    # reverses the text shown, to pass "exe.pdf" for "fdp.exe") go.
    text = "".join(
        " " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c)[0] != "C"
    )
    text = " ".join(text.replace("/", "_").replace("\\", "_").split()).strip(" .")
    if len(text) > 150:
        stem, ext = os.path.splitext(text)
        text = stem[: 150 - len(ext[:10])].rstrip(" .") + ext[:10]
    return text or fallback


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.replace('"', "").replace("%", "")


def attachment_header(name: str | None) -> str:
    """A Content-Disposition for an attachment: an ASCII name, and the real one (RFC 6266)."""
    clean = clean_download_name(name)
    stem, ext = os.path.splitext(clean)
    simple = (_ascii(stem).strip() if _ascii(stem).strip(" ._-") else "fichier") + _ascii(ext)
    encoded = quote(clean, safe="!#$&+-.^_`|~")  # RFC 5987 attr-char, as Werkzeug's send_file
    return f"attachment; filename=\"{simple}\"; filename*=UTF-8''{encoded}"


def send_stored_file(
    key: str, mimetype: str | None, download_name: str | None = None, max_age: int | None = None
) -> Response:
    """Send a stored file (Range requests get 206); as an attachment when a name is given.

    Call it after the access check. With STORAGE_SERVE = "x-accel" or "x-sendfile" the response
    carries only headers and the web server in front sends the bytes. An attachment's name is
    cleaned (`attachment_header`) and the response is never cached (`no-store`).
    """
    mode = current_app.config.get("STORAGE_SERVE") or ""
    if mode in ("x-accel", "x-sendfile"):
        response = Response(b"", mimetype=mimetype or "application/octet-stream")
        if mode == "x-accel":
            prefix = current_app.config.get("STORAGE_ACCEL_PREFIX") or "/_stockage/"
            response.headers["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + _relative(key)
        else:
            response.headers["X-Sendfile"] = str(file_path(key).resolve())
        if max_age is not None:
            response.cache_control.private = True
            response.cache_control.max_age = max_age
    else:
        response = send_file(file_path(key), mimetype=mimetype, conditional=True, max_age=max_age)
    if download_name is not None:
        response.headers["Content-Disposition"] = attachment_header(download_name)
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response
