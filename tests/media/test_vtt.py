"""WebVTT parsing: valid files, and every kind of error with its exact line."""

import pytest

from app.media.vtt import Cue, VttError, parse_vtt


def vtt(text: str) -> bytes:
    return text.encode("utf-8")


def error_for(data: bytes, **kwargs) -> VttError:
    with pytest.raises(VttError) as info:
        parse_vtt(data, **kwargs)
    return info.value


# Valid files


def test_simple_file():
    data = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nBonjour\n")
    assert parse_vtt(data) == [Cue(start=1.0, end=2.5, text="Bonjour")]


def test_heading_text_and_metadata_lines_are_ignored():
    data = vtt("WEBVTT - Accueil\nKind: captions\nLanguage: fr\n\n00:01.000 --> 00:02.000\nSalut\n")
    assert parse_vtt(data) == [Cue(1.0, 2.0, "Salut")]


def test_identifiers_settings_and_file_order():
    data = vtt(
        "WEBVTT\n\n"
        "intro\n00:00:05.000 --> 00:00:06.000 align:start position:10%\nDeux\n\n"
        "2\n00:00:01.000 --> 00:00:02.000 line:0\nUn\n"
    )
    assert parse_vtt(data) == [Cue(5.0, 6.0, "Deux"), Cue(1.0, 2.0, "Un")]


def test_short_form_and_hours():
    data = vtt("WEBVTT\n\n01:02.345 --> 59:59.999\nA\n\n01:00:00.000 --> 101:00:00.001\nB\n")
    cues = parse_vtt(data)
    assert cues[0] == Cue(62.345, 3599.999, "A")
    assert cues[1].start == 3600.0
    assert cues[1].end == pytest.approx(101 * 3600 + 0.001)


def test_bom_and_crlf():
    data = b"\xef\xbb\xbf" + vtt("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nÉté\r\nChaud\r\n")
    assert parse_vtt(data) == [Cue(1.0, 2.0, "Été\nChaud")]


def test_old_mac_line_endings():
    data = vtt("WEBVTT\r\r00:01.000 --> 00:02.000\rUn\r")
    assert parse_vtt(data) == [Cue(1.0, 2.0, "Un")]


def test_note_style_and_region_blocks_are_skipped():
    data = vtt(
        "WEBVTT\n\n"
        "STYLE\n::cue { color: yellow }\n\n"
        "REGION\nid:bas width:40%\n\n"
        "NOTE Ceci est un commentaire\nsur deux lignes\n\n"
        "NOTE\nun autre\n\n"
        "00:01.000 --> 00:02.000\nTexte\n\n"
        "NOTE fin\n"
    )
    assert parse_vtt(data) == [Cue(1.0, 2.0, "Texte")]


def test_multi_line_text_and_tags_are_stripped():
    data = vtt(
        "WEBVTT\n\n"
        "00:01.000 --> 00:04.000\n"
        "<v Marie Tremblay>Bonjour <i>à tous</i>,</v>\n"
        "<b>bienvenue</b> <c.jaune>au</c> <u>portail</u> &amp; <00:02.000>merci\n"
    )
    assert parse_vtt(data) == [Cue(1.0, 4.0, "Bonjour à tous,\nbienvenue au portail & merci")]


def test_voice_tag_with_class():
    data = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Paul>Attention!\n")
    assert parse_vtt(data)[0].text == "Attention!"


def test_extra_blank_lines_and_no_final_newline():
    data = vtt("WEBVTT\n\n\n\n00:01.000 --> 00:02.000\nA\n\n\n\n00:03.000 --> 00:04.000\nB")
    assert [c.text for c in parse_vtt(data)] == ["A", "B"]


def test_arrow_line_inside_a_block_starts_a_new_cue():
    data = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:03.000 --> 00:04.000\nB\n")
    assert parse_vtt(data) == [Cue(1.0, 2.0, "A"), Cue(3.0, 4.0, "B")]


def test_arrow_without_spaces_is_accepted():
    assert parse_vtt(vtt("WEBVTT\n\n00:01.000-->00:02.000\nA\n")) == [Cue(1.0, 2.0, "A")]


# Errors


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\nWEBVTT\n", b"WEBVTTX\n", b"webvtt\n", b"1\n00:01.000 --> 00:02.000\nA\n"],
)
def test_header_error_is_on_line_1(data):
    err = error_for(data)
    assert (err.code, err.line) == ("header", 1)


def test_header_error_keeps_the_first_line():
    err = error_for(vtt("SRT file\n"))
    assert err.text == "SRT file"


def test_cue_without_blank_line_after_the_heading():
    err = error_for(vtt("WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nA\n"))
    assert (err.code, err.line) == ("header", 3)


@pytest.mark.parametrize(
    ("timing", "bad"),
    [
        ("00:01,000 --> 00:02.000", "00:01,000"),  # SRT comma
        ("00:01.000 --> 00:02.00", "00:02.00"),  # two millisecond digits
        ("00:01.000 --> 00:02.0000", "00:02.0000"),  # four millisecond digits
        ("00:60.000 --> 01:02.000", "00:60.000"),  # seconds >= 60
        ("00:61:00.000 --> 01:02:00.000", "00:61:00.000"),  # minutes >= 60
        ("0:01.000 --> 0:02.000", "0:01.000"),  # one-digit minutes
        ("00:01.000 --> 00:02.000align:start", "00:02.000align:start"),  # no space before settings
        ("00:01.000 --> ", "00:01.000 -->"),  # no end
    ],
)
def test_bad_timestamp(timing, bad):
    err = error_for(vtt(f"WEBVTT\n\n1\n00:00.000 --> 00:00.500\nok\n\n2\n{timing}\nText\n"))
    assert (err.code, err.line, err.text) == ("timestamp", 8, bad)


def test_timing_line_without_arrow():
    err = error_for(vtt("WEBVTT\n\nintro\n00:01.000 -> 00:02.000\nText\n"))
    assert (err.code, err.line) == ("timestamp", 4)
    assert err.text == "00:01.000 -> 00:02.000"


def test_block_without_any_timing_line():
    err = error_for(vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nJust some text\n"))
    assert (err.code, err.line, err.text) == ("timestamp", 6, "Just some text")


def test_timestamp_error_with_crlf_counts_lines_once():
    err = error_for(
        b"WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nA\r\n\r\n00:03 --> 00:04.000\r\nB\r\n"
    )
    assert (err.code, err.line, err.text) == ("timestamp", 6, "00:03")


@pytest.mark.parametrize("timing", ["00:02.000 --> 00:01.000", "00:02.000 --> 00:02.000"])
def test_end_must_come_after_start(timing):
    err = error_for(vtt(f"WEBVTT\n\nNOTE a\nb\n\n{timing}\nText\n"))
    assert (err.code, err.line, err.text) == ("order", 6, timing)


def test_cue_without_text():
    err = error_for(vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nid\n00:03.000 --> 00:04.000\n"))
    assert (err.code, err.line) == ("empty", 7)


def test_cue_with_only_tags_has_no_text():
    err = error_for(vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n"))
    assert (err.code, err.line) == ("empty", 3)


@pytest.mark.parametrize(
    ("data", "last_line"),
    [
        (b"WEBVTT", 1),
        (b"WEBVTT\n", 1),
        (b"WEBVTT\n\nNOTE nothing yet\n", 3),
        (b"WEBVTT\r\n\r\nNOTE nothing yet\r\n\r\n", 4),
    ],
)
def test_file_without_cues_fails_on_the_last_line(data, last_line):
    err = error_for(data)
    assert (err.code, err.line) == ("empty", last_line)


@pytest.mark.parametrize(
    "data",
    [
        "WEBVTT\n\n00:01.000 --> 00:02.000\nÉté\n".encode("latin-1"),
        "WEBVTT\n\n00:01.000 --> 00:02.000\nÉté\n".encode("utf-16"),
        b"\xff\xfe\x00\x00",
    ],
)
def test_non_utf8_is_an_encoding_error_on_line_1(data):
    err = error_for(data)
    assert (err.code, err.line) == ("encoding", 1)


def test_too_large():
    data = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "x" * 200 + "\n")
    err = error_for(data, max_bytes=100)
    assert (err.code, err.line) == ("too_large", 1)
    assert len(parse_vtt(data, max_bytes=len(data))) == 1


def test_text_is_truncated_to_40_characters():
    err = error_for(vtt("WEBVTT\n\n" + "y" * 100 + "\n"))
    assert err.code == "timestamp"
    assert len(err.text) == 40
    assert err.text.startswith("y" * 39)


def test_error_is_a_value_error_with_a_plain_str():
    err = error_for(vtt("WEBVTT\n\n00:02.000 --> 00:01.000\nA\n"))
    assert isinstance(err, ValueError)
    assert "line 3" in str(err)


def test_unknown_code_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        VttError("oops", 1)


# Messages (rendered in the app's default locale)


def test_message_names_the_line_and_the_offending_timestamp(app):
    err = error_for(
        vtt("WEBVTT\n\nid\n00:00:01.000 --> 00:00:02.000\nA\n\n00:03,5 --> 00:04.000\nB\n")
    )
    message = str(err.message)
    assert "7" in message
    assert "00:03,5" in message


@pytest.mark.parametrize(
    "data",
    [
        b"SRT\n",
        b"WEBVTT\n00:01.000 --> 00:02.000\nA\n",
        b"WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n00:09.000 --> 00:08.000\nB\n",
        b"WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n00:09.000 --> 00:10.000\n",
        b"WEBVTT\n\nNOTE x\n",
        b"\xe9t\xe9",
        b"WEBVTT\n\n" + b"x" * 2000,
    ],
)
def test_every_message_renders_with_its_line_number(app, data):
    err = error_for(data, max_bytes=1000)
    message = str(err.message)
    assert message.strip()
    assert str(err.line) in message
    assert err.text in message
    assert "%(" not in message


def test_too_large_message_gives_the_limit(app):
    err = error_for(b"WEBVTT\n\n" + b"x" * 5000, max_bytes=3000)
    assert "3" in str(err.message)
