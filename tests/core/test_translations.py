"""Both catalogs are complete: nothing missing, empty, fuzzy or out of date."""

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["fr_CA", "en_CA"]


def _catalog(locale):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=locale)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_pgettext:1c,2",
            "-o",
            str(pot),
            "--no-location",
            str(ROOT / "app"),
        ]
    )
    with pot.open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_has_no_missing_empty_or_fuzzy_entry(locale):
    catalog = _catalog(locale)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_covers_every_message_in_the_code(locale, extracted):
    catalog = _catalog(locale)
    missing = [m.id for m in extracted if m.id and catalog.get(m.id, context=m.context) is None]
    assert missing == [], "run `flask --app wsgi translate update` and translate"


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_match(locale):
    errors = [(m.id, errs) for m, errs in _catalog(locale).check() if errs]
    assert errors == []


def test_french_uses_quebec_terms():
    text = " ".join(
        s
        for m in _catalog("fr_CA")
        if m.id
        for s in (m.string if isinstance(m.string, tuple) else (m.string,))
    ).lower()
    text = re.sub(r"%\(\w+\)[sd]", "", text)
    assert "courriel" in text
    assert "e-mail" not in text and "email" not in text


@pytest.mark.parametrize("locale", ["fr_CA", "en_CA"])
def test_no_message_is_defined_twice(locale):
    """Branches append to the catalogs and merge by union: a message added on two branches would
    be there twice, and only one of its translations would ever be used."""
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    keys = []
    for block in text.split("\n\n"):
        context = re.search(r'^msgctxt "(.*)"$', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if msgid and msgid.group(1).strip() != '""':
            keys.append((context.group(1) if context else None, msgid.group(1)))
    seen, twice = set(), []
    for key in keys:
        if key in seen:
            twice.append(key)
        seen.add(key)
    assert twice == []
