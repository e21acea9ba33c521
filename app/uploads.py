"""Check uploads by their real content, not their name."""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from flask import Request
from flask_babel import lazy_gettext as _l

from app.errors import MessageError

CV_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
# Office documents and archives are ZIP files: what they expand to is bounded before storing.
ZIP_TYPES = {
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
}
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNCOMPRESSED = 50 * 1024 * 1024
ZIP_MAX_RATIO = 100  # a text document compresses 5 to 20 times; 100 leaves room, a bomb is 1000+
ZIP_RATIO_FLOOR = 10 * 1024 * 1024  # below this, any ratio (a repetitive table compresses well)


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


class UploadRejected(MessageError):
    """The file is not acceptable; `message` says why in the user's language, `field` is the
    form's file field (so the unit of work shows it there)."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__("upload_rejected", message, field)


@dataclass
class CheckedUpload:
    mime: str
    extension: str
    size: int


def check_upload(
    stream: BinaryIO, allowed: dict[str, str], max_bytes: int, field: str | None = None
) -> CheckedUpload:
    """Sniff the file's real type and size; raise UploadRejected (on `field`) if not allowed."""
    try:
        return _check_upload(stream, allowed, max_bytes)
    except UploadRejected as err:
        err.field = err.field or field
        raise


def _check_upload(stream: BinaryIO, allowed: dict[str, str], max_bytes: int) -> CheckedUpload:
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
    if kind.mime in ZIP_TYPES:
        check_archive(stream, size)
    return CheckedUpload(mime=kind.mime, extension=allowed[kind.mime], size=size)


def check_archive(
    stream: BinaryIO,
    size: int,
    max_entries: int = ZIP_MAX_ENTRIES,
    max_total: int = ZIP_MAX_UNCOMPRESSED,
    max_ratio: int = ZIP_MAX_RATIO,
    ratio_floor: int = ZIP_RATIO_FLOOR,
) -> None:
    """Refuse a ZIP-based file (DOCX, XLSX...) that is damaged or expands too much (a "bomb").

    The entry count, the declared sizes and the ratio are checked first; then every entry is
    actually inflated, in chunks, counting the bytes, since a crafted archive can lie about its
    sizes. Nothing is kept in memory beyond one chunk.
    """
    too_big = UploadRejected(
        _l(
            "This document expands to more than %(max)s MB once opened; it cannot be accepted. "
            "Save it again with your word processor, or send a PDF.",
            max=max_total // (1024 * 1024),
        )
    )
    limit = min(max_total, max(ratio_floor, size * max_ratio))
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            if len(entries) > max_entries:
                raise UploadRejected(
                    _l("This document holds too many parts (%(max)s at most).", max=max_entries)
                )
            if sum(e.file_size for e in entries) > limit:
                raise too_big
            total = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(64 * 1024):
                        total += len(chunk)
                        if total > limit:
                            raise too_big
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise UploadRejected(_l("The file is damaged and cannot be opened.")) from None
    except RuntimeError:  # an encrypted entry
        raise UploadRejected(_l("Password-protected documents are not accepted.")) from None
    finally:
        stream.seek(0)
