"""Media helpers: WebVTT captions and video uploads (ffmpeg is optional)."""

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
from app.media.vtt import Cue, VttError, parse_vtt

__all__ = [
    "POSTER_TYPES",
    "VIDEO_MAX_BYTES",
    "VIDEO_TYPES",
    "Cue",
    "VttError",
    "check_video",
    "ffmpeg_available",
    "make_demo_clip",
    "make_poster",
    "parse_vtt",
    "probe_duration",
]
