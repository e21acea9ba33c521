"""Read WebVTT caption files and explain, line by line, what is wrong with a bad one."""

import codecs
import html
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

VTT_ERROR_CODES = ("header", "timestamp", "order", "empty", "encoding", "too_large")

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMESTAMP_RE = re.compile(rf"^{_TIMESTAMP}$")
_TIMING_RE = re.compile(
    rf"^(?P<start>{_TIMESTAMP})[ \t]*-->[ \t]*(?P<end>{_TIMESTAMP})(?:[ \t]+.*)?$"
)
_LOOKS_LIKE_TIME_RE = re.compile(r"\d+:\d+")
_TAG_RE = re.compile(r"<[^>]*>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
_TEXT_LIMIT = 40


@dataclass(frozen=True)
class Cue:
    """One caption: shown from `start` to `end` (seconds), as plain text."""

    start: float
    end: float
    text: str


class VttError(ValueError):
    """A caption file was refused; `line` is 1-based, `message` is for the user."""

    def __init__(self, code: str, line: int, text: str = "", max_bytes: int = 0) -> None:
        if code not in VTT_ERROR_CODES:
            raise ValueError(f"unknown WebVTT error code: {code}")
        self.code = code
        self.line = line
        self.text = _shorten(text)
        self.max_bytes = max_bytes
        super().__init__(f"WebVTT {code} error at line {line}: {self.text!r}")

    @property
    def message(self):
        """A sentence naming the line, translated when rendered."""
        line, text = self.line, self.text
        if self.code == "header":
            if line == 1:
                return _l(
                    "Line %(line)s: a caption file must start with “WEBVTT” (found “%(text)s”).",
                    line=line,
                    text=text,
                )
            return _l(
                "Line %(line)s: leave a blank line between the “WEBVTT” heading and “%(text)s”.",
                line=line,
                text=text,
            )
        if self.code == "timestamp":
            return _l(
                "Line %(line)s: the timestamp “%(text)s” is not valid (expected 00:01:02.500).",
                line=line,
                text=text,
            )
        if self.code == "order":
            return _l(
                "Line %(line)s: the caption must end after it starts (“%(text)s”).",
                line=line,
                text=text,
            )
        if self.code == "empty":
            if text:
                return _l(
                    "Line %(line)s: the caption “%(text)s” has no text.", line=line, text=text
                )
            return _l("Line %(line)s: the file contains no captions.", line=line)
        if self.code == "encoding":
            return _l(
                "Line %(line)s: the file is not UTF-8 text; save it again as UTF-8.", line=line
            )
        return _l(
            "Line %(line)s: the file is too large: %(max)s kB at most.",
            line=line,
            max=max(1, self.max_bytes // 1000),
        )


def _shorten(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def _seconds(match: re.Match, first_group: int) -> float:
    hours, minutes, seconds, millis = match.group(*range(first_group, first_group + 4))
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _bad_timestamp(line: str) -> str:
    """The part of a timing line to show the user: the first timestamp that is not valid."""
    parts = line.split("-->")
    if len(parts) == 2:
        for part in parts:
            token = part.split()[0] if part.split() else ""
            if not _TIMESTAMP_RE.match(token):
                return token or line
    return line


def _is_keyword_block(line: str) -> bool:
    for keyword in _SKIPPED_BLOCKS:
        if line == keyword or line.startswith((keyword + " ", keyword + "\t")):
            return True
    return False


def _clean_text(lines: list[str]) -> str:
    text = "\n".join(_TAG_RE.sub("", line).rstrip() for line in lines)
    return html.unescape(text).strip()


def _parse_cue(timing_no: int, timing: str, text_lines: list[str]) -> Cue:
    match = _TIMING_RE.match(timing)
    if match is None:
        raise VttError("timestamp", timing_no, _bad_timestamp(timing))
    start, end = _seconds(match, 2), _seconds(match, 7)
    if end <= start:
        raise VttError("order", timing_no, timing)
    text = _clean_text(text_lines)
    if not text:
        raise VttError("empty", timing_no, timing)
    return Cue(start=start, end=end, text=text)


def _timing_index(block: list[tuple[int, str]]) -> int:
    """Where the timing line of a cue block is: first, or after an identifier."""
    firsts = [text for _, text in block[:2]]
    for index, text in enumerate(firsts):
        if "-->" in text:
            return index
    # No arrow: blame the line that looks like a time, else the one after the identifier.
    for index, text in enumerate(firsts):
        if _LOOKS_LIKE_TIME_RE.search(text):
            return index
    return len(firsts) - 1


def _cues_in_block(block: list[tuple[int, str]]) -> list[Cue]:
    start = _timing_index(block)
    timing_no, timing = block[start]
    if "-->" not in timing:
        raise VttError("timestamp", timing_no, _bad_timestamp(timing))
    cues = []
    text_lines: list[str] = []
    # A line with an arrow inside the text starts a new cue, as browsers read it.
    for number, line in block[start + 1 :]:
        if "-->" in line:
            cues.append(_parse_cue(timing_no, timing, text_lines))
            timing_no, timing, text_lines = number, line, []
        else:
            text_lines.append(line)
    cues.append(_parse_cue(timing_no, timing, text_lines))
    return cues


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise VttError("encoding", 1) from None


def parse_vtt(data: bytes, max_bytes: int = 1_000_000) -> list[Cue]:
    """Parse a WebVTT file into cues in file order; raise VttError if it is not valid."""
    if len(data) > max_bytes:
        raise VttError("too_large", 1, max_bytes=max_bytes)
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    header = lines[0] if lines else ""
    if not (header.startswith("WEBVTT") and header[6:7] in ("", " ", "\t")):
        raise VttError("header", 1, header)

    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    # The first block is the heading and its metadata; a cue there needs a blank line first.
    for number, line in blocks[0]:
        if "-->" in line:
            raise VttError("header", number, line)

    cues: list[Cue] = []
    for block in blocks[1:]:
        if _is_keyword_block(block[0][1]):
            continue
        cues.extend(_cues_in_block(block))
    if not cues:
        raise VttError("empty", max(len(lines), 1))
    return cues


def demo_vtt(lines: list[str], seconds_each: float = 1.0) -> str:
    """A WebVTT file with one cue per line (the demo's captions)."""
    cues = []
    for i, text in enumerate(lines):
        start, end = i * seconds_each, (i + 1) * seconds_each
        cues.append(f"{_demo_ts(start)} --> {_demo_ts(end)}\n{text}")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _demo_ts(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"
