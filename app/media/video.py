"""Video uploads: content sniffing, plus optional ffmpeg helpers (posters, demo clips).

Every ffmpeg helper degrades gracefully: when ffmpeg is missing or fails, it returns
False or None instead of raising, so the portal works without it.
"""

import logging
import math
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

from app.uploads import IMAGE_TYPES, CheckedUpload, check_upload

VIDEO_TYPES = {"video/mp4": "mp4", "video/webm": "webm"}
VIDEO_MAX_BYTES = 500 * 1024 * 1024
POSTER_TYPES = IMAGE_TYPES

FFMPEG_TIMEOUT = 60
FFPROBE_TIMEOUT = 30

log = logging.getLogger(__name__)


def check_video(stream: BinaryIO) -> CheckedUpload:
    """Sniff an uploaded video (MP4 or WebM only); raise UploadRejected otherwise."""
    return check_upload(stream, VIDEO_TYPES, VIDEO_MAX_BYTES, "file")


def ffmpeg_available() -> bool:
    """Whether the ffmpeg program is installed."""
    return shutil.which("ffmpeg") is not None


def _arg(path: Path | str) -> str:
    # An absolute path never starts with "-" (an option) or "name:" (an ffmpeg protocol).
    return str(Path(path).absolute())


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess | None:
    """Run a program without a shell; None if it could not start or timed out."""
    try:
        # Argument list, no shell; the program is an absolute path from shutil.which.
        return subprocess.run(  # noqa: S603
            args,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("%s failed to run: %s", Path(args[0]).name, exc)
        return None


def _ffmpeg(args: list[str], out_path: Path) -> bool:
    """Run ffmpeg with `args`; True if it succeeded and wrote a non-empty `out_path`."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return False
    result = _run([ffmpeg, "-y", "-loglevel", "error", *args, _arg(out_path)], FFMPEG_TIMEOUT)
    try:
        if result is not None and result.returncode == 0 and out_path.stat().st_size > 0:
            return True
    except OSError:
        pass
    if result is not None and result.returncode != 0:
        log.warning("ffmpeg failed: %s", result.stderr.decode("utf-8", "replace")[-500:])
    out_path.unlink(missing_ok=True)
    return False


def make_poster(video_path: Path, out_path: Path, at_seconds: float = 1.0) -> bool:
    """Save one frame of the video as a JPEG at most 640 px wide; False if it cannot."""
    try:
        at = float(at_seconds)
        if not at > 0 or not math.isfinite(at):
            at = 0.0
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        frame = ["-frames:v", "1", "-vf", "scale=640:-2"]
        if _ffmpeg(["-ss", f"{at:.3f}", "-i", _arg(video_path), *frame], out_path):
            return True
        # A clip shorter than `at_seconds` has no frame there: fall back to the first one.
        return at > 0 and _ffmpeg(["-ss", "0", "-i", _arg(video_path), *frame], out_path)
    except Exception:  # never raise: a missing poster is not worth failing an upload
        log.exception("poster generation failed")
        return False


def make_demo_clip(out_path: Path, seconds: int = 3, label: str = "") -> bool:
    """Generate a small test-pattern WebM (VP8, silent Opus if possible); False if it cannot.

    `label` becomes the clip's title metadata.
    """
    try:
        seconds = min(max(int(seconds), 1), 600)
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        video_in = ["-f", "lavfi", "-i", f"testsrc=duration={seconds}:size=320x240:rate=25"]
        audio_in = ["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono"]
        video_out = ["-c:v", "libvpx", "-b:v", "300k", "-pix_fmt", "yuv420p"]
        tail = ["-metadata", f"title={label}", "-f", "webm"] if label else ["-f", "webm"]
        with_audio = [*video_in, *audio_in, "-shortest", *video_out, "-c:a", "libopus", *tail]
        if _ffmpeg(with_audio, out_path):
            return True
        # The audio encoder may be missing from this ffmpeg build: try without sound.
        return _ffmpeg([*video_in, *video_out, "-an", *tail], out_path)
    except Exception:  # never raise: demo clips are a convenience
        log.exception("demo clip generation failed")
        return False


def probe_duration(path: Path) -> float | None:
    """The media's duration in seconds, read with ffprobe; None if unknown."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    args = [ffprobe, "-v", "error", "-show_entries", "format=duration"]
    result = _run([*args, "-of", "default=noprint_wrappers=1:nokey=1", _arg(path)], FFPROBE_TIMEOUT)
    if result is None or result.returncode != 0:
        return None
    try:
        duration = float(result.stdout.decode("ascii", "replace").strip().splitlines()[0])
    except (ValueError, IndexError):
        return None
    return duration if math.isfinite(duration) and duration >= 0 else None
