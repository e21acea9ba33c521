"""Video uploads are sniffed by content; ffmpeg helpers work, or fail without raising."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from app.media import video
from app.media.video import (
    POSTER_TYPES,
    VIDEO_MAX_BYTES,
    VIDEO_TYPES,
    check_video,
    ffmpeg_available,
    make_demo_clip,
    make_poster,
    probe_duration,
)
from app.uploads import IMAGE_TYPES, UploadRejected

needs_ffmpeg = pytest.mark.skipif(
    not shutil.which("ffmpeg"), reason="Debian package ffmpeg not installed"
)
needs_ffprobe = pytest.mark.skipif(
    not shutil.which("ffprobe"), reason="Debian package ffmpeg not installed"
)

JPEG_MAGIC = b"\xff\xd8"


def ffmpeg(*args: str) -> None:
    # Test helper: fixed argument list, ffmpeg found on PATH by the skip marker above.
    subprocess.run(  # noqa: S603
        [shutil.which("ffmpeg") or "ffmpeg", "-y", "-loglevel", "error", *args],
        check=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, Path]:
    """One-second MP4 and WebM clips, generated once for the module."""
    if not shutil.which("ffmpeg"):
        pytest.skip("Debian package ffmpeg not installed")
    root = tmp_path_factory.mktemp("clips")
    source = ["-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10"]
    ffmpeg(*source, "-c:v", "mpeg4", str(root / "clip.mp4"))
    ffmpeg(*source, "-c:v", "libvpx", "-b:v", "100k", str(root / "clip.webm"))
    ffmpeg(*source, "-c:v", "libvpx", "-b:v", "100k", str(root / "clip.mkv"))
    return {p.suffix[1:]: p for p in root.iterdir()}


def check_bytes(data: bytes):
    with io.BytesIO(data) as stream:
        return check_video(stream)


def test_constants():
    assert VIDEO_TYPES == {"video/mp4": "mp4", "video/webm": "webm"}
    assert VIDEO_MAX_BYTES == 500 * 1024 * 1024
    assert POSTER_TYPES == IMAGE_TYPES


@needs_ffmpeg
@pytest.mark.parametrize(("kind", "mime"), [("mp4", "video/mp4"), ("webm", "video/webm")])
def test_real_videos_are_accepted(clips, kind, mime):
    with clips[kind].open("rb") as stream:
        checked = check_video(stream)
        assert stream.tell() == 0
    assert (checked.mime, checked.extension) == (mime, kind)
    assert checked.size == clips[kind].stat().st_size


@needs_ffmpeg
def test_matroska_renamed_to_webm_is_rejected(clips):
    with pytest.raises(UploadRejected):
        check_bytes(clips["mkv"].read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        b"WEBVTT\n\n00:01.000 --> 00:02.000\nThis is text, not a video.\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
    ],
    ids=["windows-exe", "elf", "text", "png"],
)
def test_non_videos_are_rejected(data):
    with pytest.raises(UploadRejected):
        check_bytes(data)


def test_empty_file_is_rejected():
    with pytest.raises(UploadRejected):
        check_bytes(b"")


@needs_ffmpeg
def test_size_limit(clips, monkeypatch):
    data = clips["webm"].read_bytes()
    monkeypatch.setattr(video, "VIDEO_MAX_BYTES", len(data))
    assert check_bytes(data).mime == "video/webm"
    monkeypatch.setattr(video, "VIDEO_MAX_BYTES", len(data) - 1)
    with pytest.raises(UploadRejected):
        check_bytes(data)


def test_size_limit_applies_before_sniffing(monkeypatch):
    monkeypatch.setattr(video, "VIDEO_MAX_BYTES", 10)
    with pytest.raises(UploadRejected) as info:
        check_bytes(b"\x1a\x45\xdf\xa3" + b"\x00" * 100)
    assert "large" in str(info.value) or "MB" in str(info.value)


def test_rejection_message_renders(app):
    with pytest.raises(UploadRejected) as info:
        check_bytes(b"MZ" + b"\x00" * 100)
    assert str(info.value.message).strip()


def test_ffmpeg_available_follows_path(monkeypatch):
    assert ffmpeg_available() == (shutil.which("ffmpeg") is not None)
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    assert ffmpeg_available() is False


@needs_ffmpeg
@pytest.mark.parametrize("kind", ["mp4", "webm"])
def test_make_poster_writes_a_jpeg(clips, kind, tmp_path):
    out = tmp_path / "posters" / "poster.jpg"
    assert make_poster(clips[kind], out, at_seconds=0.5) is True
    assert out.read_bytes()[:2] == JPEG_MAGIC


@needs_ffmpeg
def test_make_poster_past_the_end_falls_back_to_the_first_frame(clips, tmp_path):
    out = tmp_path / "poster.jpg"
    assert make_poster(clips["webm"], out, at_seconds=30) is True
    assert out.read_bytes()[:2] == JPEG_MAGIC


@needs_ffmpeg
def test_make_poster_of_a_non_video_returns_false(tmp_path):
    bogus = tmp_path / "bogus.mp4"
    bogus.write_bytes(b"MZ" + b"\x00" * 100)
    out = tmp_path / "poster.jpg"
    assert make_poster(bogus, out) is False
    assert not out.exists()
    assert make_poster(tmp_path / "missing.mp4", out) is False


def test_helpers_without_ffmpeg(monkeypatch, tmp_path):
    monkeypatch.setattr(video.shutil, "which", lambda name: None)
    assert make_poster(tmp_path / "a.mp4", tmp_path / "a.jpg") is False
    assert make_demo_clip(tmp_path / "a.webm") is False
    assert probe_duration(tmp_path / "a.webm") is None
    assert list(tmp_path.iterdir()) == []


def test_helpers_never_raise_when_ffmpeg_cannot_start(monkeypatch, tmp_path):
    monkeypatch.setattr(video.shutil, "which", lambda name: str(tmp_path / "no-such-ffmpeg"))
    assert make_poster(tmp_path / "a.mp4", tmp_path / "a.jpg") is False
    assert make_demo_clip(tmp_path / "a.webm") is False
    assert probe_duration(tmp_path / "a.webm") is None


def test_helpers_never_raise_on_timeout(monkeypatch, tmp_path):
    def timeout(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], 60)

    monkeypatch.setattr(video.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(video.subprocess, "run", timeout)
    assert make_poster(tmp_path / "a.mp4", tmp_path / "a.jpg") is False
    assert make_demo_clip(tmp_path / "a.webm") is False
    assert probe_duration(tmp_path / "a.webm") is None


@needs_ffmpeg
def test_make_demo_clip_is_a_small_webm(tmp_path):
    out = tmp_path / "demo" / "clip.webm"
    assert make_demo_clip(out, seconds=2, label="Soudeur ou soudeuse") is True
    assert out.stat().st_size < 500_000
    with out.open("rb") as stream:
        assert check_video(stream).mime == "video/webm"


@needs_ffmpeg
def test_make_demo_clip_retries_without_audio(monkeypatch, tmp_path):
    calls = []
    real_run = video._run

    def no_opus(args, timeout):
        calls.append(args)
        if "libopus" in args:
            return subprocess.CompletedProcess(args, 1, b"", b"Unknown encoder 'libopus'")
        return real_run(args, timeout)

    monkeypatch.setattr(video, "_run", no_opus)
    out = tmp_path / "clip.webm"
    assert make_demo_clip(out, seconds=1) is True
    assert len(calls) == 2
    assert "anullsrc=r=44100:cl=mono" not in calls[1]
    with out.open("rb") as stream:
        assert check_video(stream).mime == "video/webm"


@needs_ffprobe
def test_probe_duration(tmp_path):
    out = tmp_path / "clip.webm"
    assert make_demo_clip(out, seconds=2) is True
    duration = probe_duration(out)
    assert duration is not None
    assert duration == pytest.approx(2.0, abs=0.2)


@needs_ffprobe
def test_probe_duration_of_a_non_video_is_none(tmp_path):
    bogus = tmp_path / "bogus.webm"
    bogus.write_bytes(b"not a video")
    assert probe_duration(bogus) is None
    assert probe_duration(tmp_path / "missing.webm") is None
