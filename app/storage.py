"""File storage outside static/, under random names; local disk by default."""

import secrets
from pathlib import Path
from typing import BinaryIO

from flask import Response, current_app, send_file


def _root() -> Path:
    root = Path(current_app.config["UPLOAD_DIR"])
    root.mkdir(parents=True, exist_ok=True)
    return root


def _path(key: str) -> Path:
    # Keys are generated here (hex + extension); refuse anything else, so no path can escape.
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise ValueError("bad storage key")
    return _root() / key[:2] / key


def save_file(stream: BinaryIO, extension: str) -> str:
    """Store a stream under a new random name and return its key."""
    key = f"{secrets.token_hex(16)}.{extension}"
    path = _path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    stream.seek(0)
    with path.open("wb") as out:
        while chunk := stream.read(1024 * 1024):
            out.write(chunk)
    return key


def file_path(key: str) -> Path:
    """Return the local path of a stored file (for send_file)."""
    return _path(key)


def delete_file(key: str | None) -> None:
    """Remove a stored file if it exists."""
    if key:
        _path(key).unlink(missing_ok=True)


def send_stored_file(
    key: str, mimetype: str | None, download_name: str | None = None, max_age: int | None = None
) -> Response:
    """Send a stored file (Range requests get 206); as an attachment when a name is given."""
    return send_file(
        file_path(key),
        mimetype=mimetype,
        as_attachment=download_name is not None,
        download_name=download_name,
        conditional=True,
        max_age=max_age,
    )
