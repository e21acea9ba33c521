"""One set of Babel formatting helpers (app/i18n.py), in both languages."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale

from app import i18n

NB = "\u00a0"
NNB = "\u202f"
# Friday 18 December 2026, 15:30 UTC: 10:30 in Québec (UTC-5), 16:30 in Paris (UTC+1).
MOMENT = datetime(2026, 12, 18, 15, 30, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")

CASES = {
    "fr_CA": {
        "clock": "10 h 30",
        "clock_on_the_hour": "9 h",
        "clock_paris": "16 h 30",
        "local_time": "18 déc. 2026, 10 h 30",
        "local_time_paris": "18 déc. 2026, 16 h 30",
        "long_date": "18 décembre 2026",
        "full_date": "vendredi 18 décembre 2026",
        "duration": ["1 h 30", "45 min", "2 h"],
        "percentage": [f"42{NB}%", f"25,5{NB}%"],
        "money": f"1{NB}234,50{NB}$",
        "interview_paris": "vendredi 18 décembre 2026, 10 h 30 (heure du Québec) — 16 h 30 à Paris",
    },
    "en_CA": {
        "clock": f"10:30{NNB}a.m.",
        "clock_on_the_hour": f"9:00{NNB}a.m.",
        "clock_paris": f"4:30{NNB}p.m.",
        "local_time": f"Dec 18, 2026, 10:30{NNB}a.m.",
        "local_time_paris": f"Dec 18, 2026, 4:30{NNB}p.m.",
        "long_date": "December 18, 2026",
        "full_date": "Friday, December 18, 2026",
        "duration": [f"1{NB}h{NB}30{NB}min", f"45{NB}min", f"2{NB}h"],
        "percentage": ["42%", "25.5%"],
        "money": "$1,234.50",
        "interview_paris": (
            f"Friday, December 18, 2026, 10:30{NNB}a.m. Québec time — 4:30{NNB}p.m. in Paris"
        ),
    },
}


def _nb(text: str) -> str:
    """French spaces in these results are no-break spaces (U+00A0)."""
    return text.replace(" ", NB)


@pytest.mark.parametrize("locale", CASES)
def test_formatting_helpers(app, locale):
    want = CASES[locale]
    fr = locale == "fr_CA"
    with app.test_request_context(), force_locale(locale):
        assert i18n.clock_time(MOMENT).replace(NB, " ") == want["clock"].replace(NB, " ")
        assert i18n.clock_time(time(9, 0)).replace(NB, " ") == want["clock_on_the_hour"]
        assert i18n.clock_time(MOMENT, PARIS).replace(NB, " ") == want["clock_paris"]
        assert i18n.local_time(MOMENT).replace(NB, " ") == want["local_time"]
        # A date-time read in a zone other than Québec's: the day and time of that zone.
        assert i18n.local_time(MOMENT, PARIS).replace(NB, " ") == want["local_time_paris"]
        late = datetime(2026, 12, 18, 23, 30, tzinfo=UTC)  # already the 19th in Paris
        assert "19" in i18n.local_time(late, PARIS) and "18" in i18n.local_time(late)
        assert i18n.long_date(date(2026, 12, 18)) == want["long_date"]
        assert i18n.full_date(date(2026, 12, 18)) == want["full_date"]
        got = [i18n.duration(m) for m in (90, 45, 120)]
        assert got == ([_nb(d) for d in want["duration"]] if fr else want["duration"])
        assert [i18n.percentage(0.42), i18n.percentage(0.255, digits=1)] == want["percentage"]
        assert i18n.money(1234.5) == want["money"]
        when = i18n.interview_when(MOMENT, PARIS).replace(NB, " ")
        assert when == want["interview_paris"]


@pytest.mark.parametrize("locale", CASES)
def test_no_seconds_anywhere_a_person_reads_a_time(app, locale):
    moment = datetime(2026, 12, 2, 16, 39, 51, tzinfo=UTC)
    with app.test_request_context(), force_locale(locale):
        for text in (i18n.local_time(moment), i18n.clock_time(moment)):
            assert "51" not in text and " s" not in text


def test_templates_share_the_helpers(app):
    from flask import render_template_string

    with app.test_request_context(), force_locale("en_CA"):
        out = render_template_string(
            "{{ percentage(0.42) }}|{{ long_date(day) }}|{{ duration(90) }}", day=date(2026, 1, 5)
        )
    assert out == f"42%|January 5, 2026|1{NB}h{NB}30{NB}min"


@pytest.mark.parametrize(
    ("locale", "expected"), [("fr_CA", "15 janvier 2027"), ("en_CA", "January 15, 2027")]
)
def test_a_match_reason_shows_the_permit_expiry_as_a_day(app, locale, expected):
    from app.matching.explain import render_reason

    with app.test_request_context(), force_locale(locale):
        text = render_reason(
            {"code": "permit_expired", "params": {"expiry": "2027-01-15"}}, locale[:2]
        )
    assert expected in text and "2027-01-15" not in text


def test_templates_format_times_only_through_the_helpers():
    """No strftime, no Flask-Babel datetimeformat/timeformat (their 'medium' shows seconds), no
    hand-made "42 %": times go through clock_time/local_time, percentages through percentage."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "templates"
    bad = re.compile(r"strftime|datetimeformat|\|timeformat|&nbsp;%")
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.suffix in {".html", ".txt", ".xml"} and bad.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
