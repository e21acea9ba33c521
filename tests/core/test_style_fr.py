"""The French catalog follows docs/style-fr.md: no forbidden forms in any msgstr."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "fr_CA" / "LC_MESSAGES" / "messages.po"

# Placeholders that always start with a digit (numbers, dates, times, amounts): "de" or "que"
# may stand before them. Any other placeholder (a name, a job title, an organisation) may start
# with a vowel, so the sentence must be written without "de"/"que" in front of it.
NUMERIC = {
    "amount",
    "availability",
    "cap",
    "count",
    "date",
    "day",
    "expiry",  # a date: "le 12 décembre 2026"
    "closing",  # a date too
    "deadline",
    "end",
    "experience",
    "first",
    "last",
    "line",
    "max",
    "min",
    "minutes",
    "months",
    "nice",
    "occupation",
    "ref",
    "region",
    "required",
    "score",
    "start",
    "time",
    "version",
    "when",
    "year",
    "years",
}
PROTECTED = re.compile(r"<[^>]*>|%\(\w+\)[a-z]|%[sd]|&#?\w+;|https?://\S+")


def _strings():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="fr_CA")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for s in strings:
            yield message.id, s


def _text(s):
    """Return the French text with placeholders, markup and entities blanked out."""
    return PROTECTED.sub("\u2063", s)


def _offenders(pattern, text=True, flags=0):
    rx = re.compile(pattern, flags)
    return [(mid, s) for mid, s in _strings() if rx.search(_text(s) if text else s)]


def test_no_parenthesised_gender_forms():
    assert _offenders(r"\w\((e|es|ne|nes|s|le|se|ve|-\w+)\)|\(e\)") == []


def test_no_median_point():
    assert _offenders(r"\w[·•.]e\b|\w·") == []


def test_typographic_apostrophe_and_quotes():
    assert _offenders(r"'") == []
    assert _offenders(r'"') == []


def test_no_break_space_before_double_punctuation_and_inside_guillemets():
    # U+00A0 before : ; ? ! and inside « », never a plain space or nothing.
    assert _offenders(r"(?<=[^\u00a0\u2063\s])[;!?]|[ \u202f][;:!?]") == []
    assert _offenders(r"(?<=[\w)]):(?=\s|$)") == []
    assert _offenders(r"«(?!\u00a0)|(?<!\u00a0)»") == []


def test_no_de_or_que_before_a_placeholder_that_may_start_with_a_vowel():
    rx = re.compile(r"(?i)\b(de|que|jusque|lorsque|puisque|ce|le|la|ne|se|me|te)\s+%\((\w+)\)")
    bad = [(mid, s) for mid, s in _strings() for m in rx.finditer(s) if m.group(2) not in NUMERIC]
    assert bad == []


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)e-?mail",  # courriel
        r"(?i)\bstatut(?! de travail| d’immigration| au Canada)",  # état (statut = legal status)
        r"(?i)\bscore",  # note
        r"(?i)\bd[ée]clin",  # refuser
        r"(?i)\braisons? (du refus|donnée|indiquée)",  # motif
        r"(?i)entrevues? (tenue|passée)s?\b",  # entrevue réalisée
        r"(?i)candidatures? correspondantes?",  # personnes candidates qui correspondent
        r"(?i)postes pour moi",  # postes qui me correspondent
        r"(?i)\b(salaire|niveau[^.:;]*?) (maximum|minimum)\b",  # maximal, minimal
        r"(?i)\bfin par fin\b",  # finalité
    ],
)
def test_retired_terms(pattern):
    assert _offenders(pattern) == []
