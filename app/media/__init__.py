"""Media helpers: WebVTT captions (vtt) and video uploads (video; ffmpeg is optional)."""
