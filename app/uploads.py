"""Check uploads by their real content, not their name."""

from dataclasses import dataclass
from typing import BinaryIO

import filetype
from flask import Request
from flask_babel import lazy_gettext as _l

CV_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


class UploadRequest(Request):
    """A request that closes every temporary upload file it opened, even one cut off mid-way.

    Werkzeug drops the half-received file of a truncated multipart body without closing it.
    """

    def _get_file_stream(self, *args, **kwargs):
        stream = super()._get_file_stream(*args, **kwargs)
        self.__dict__.setdefault("_upload_streams", []).append(stream)
        return stream

    def close(self) -> None:
        super().close()
        for stream in self.__dict__.pop("_upload_streams", []):
            stream.close()


class UploadRejected(ValueError):
    """The file is not acceptable; `message` says why in the user's language."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class CheckedUpload:
    mime: str
    extension: str
    size: int


def check_upload(stream: BinaryIO, allowed: dict[str, str], max_bytes: int) -> CheckedUpload:
    """Sniff the file's real type and size; raise UploadRejected if it is not allowed."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise UploadRejected(_l("The file is empty."))
    if size > max_bytes:
        raise UploadRejected(
            _l("The file is too large: %(max)s MB at most.", max=max_bytes // (1024 * 1024))
        )
    head = stream.read(8192)
    stream.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise UploadRejected(_l("This type of file is not accepted."))
    return CheckedUpload(mime=kind.mime, extension=allowed[kind.mime], size=size)
