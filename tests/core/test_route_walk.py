"""Walk every registered route with hostile values, as each role: no input may give a 5xx.

Ids of 20 digits and 2**31 in every `<int:...>`, 40-digit numbers and undecodable bytes in every
string argument, and junk query strings (a 30-digit page, an age of 999999 or of `%FF%FE`, a
5000-character search) on every page. GET only, plus an empty POST on POST routes (CSRF is off
in tests, so the form itself answers: 400, 404, 405, a redirect or the form again, never a 5xx).
"""

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from app.extensions import db
from app.models import Role
from tests.conftest import PASSWORD

HUGE = "9" * 20
INT_VALUES = (HUGE, str(2**31))
STRING_VALUES = ("1" * 40, "%FF%FE")
# Every name a view reads from the query string, with junk in it.
QUERY_NAMES = (
    "page age q region group type sort mine kind language noc status role actor action subject "
    "subject_id since until before from to occupation_q next"
).split()
QUERIES = (
    "page=" + "9" * 30,
    "age=999999",
    "age=%FF%FE",
    "q=" + "x" * 5000,
    "&".join(f"{name}={'9' * 30}" for name in QUERY_NAMES),
    "&".join(f"{name}=%FF%FE" for name in QUERY_NAMES),
    "&".join(f"{name}=%C2%B2" for name in QUERY_NAMES),  # "²": a digit to str.isdigit() only
)
POST_OK = {200, 302, 303, 400, 403, 404, 405, 422}
ROLES = ("anonymous", "candidate", "employer", "partner", "staff", "admin")

# Exact (role, method, url) cases that still give a 5xx because a route file must change (see
# the xfail reason); the walk skips them and test_known_5xx proves each one until it is fixed.
KNOWN_5XX: dict[tuple[str, str, str], str] = {}

ARGUMENT = re.compile(r"<(?:[^<>:]+:)?([^<>]+)>")
# The English twins (/en/...) run the same views: the walk visits a sample of them (their
# pages, plain), not every one with every junk value, so it does not take twice as long.
ENGLISH_SAMPLE = {
    "main.index",
    "main.dashboard",
    "jobs.board",
    "jobs.detail",
    "jobs.feed",
    "regions.detail",
    "candidates.profile",
    "account.index",
    "auth.login",
    "funding.partner_queue",
    "staff.users",
}


def _fill(rule: Rule, ints: str, strings: str) -> str:
    def value(match: re.Match) -> str:
        converter = rule._converters[match.group(1)]
        if isinstance(converter, IntegerConverter):
            return ints
        if isinstance(converter, AnyConverter) and strings == "valid":
            return converter.regex.split("|")[0].strip("(?:)") or "x"
        return "x" if strings == "valid" else strings

    return ARGUMENT.sub(value, rule.rule)


def _requests(app: Flask) -> Iterator[tuple[str, str]]:
    """Every (method, url) of the walk, GETs first, then the POSTs (signing out last)."""
    gets, posts, last = [], [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "lang_code" in rule.arguments:
            if rule.endpoint in ENGLISH_SAMPLE and "GET" in rule.methods:
                gets.append(("GET", _fill(rule, "1", "valid").replace("/x/", "/en/", 1)))
            continue
        urls = (
            [_fill(rule, i, s) for i, s in zip(INT_VALUES, STRING_VALUES, strict=True)]
            if rule.arguments
            else []
        )
        # The page itself (ids that may exist: 1), with each junk query string (a page that
        # names an object gets the ones that set every name at once: most are a 404 anyway).
        base = _fill(rule, "1", "valid") if rule.arguments else rule.rule
        queries = QUERIES[-3:] if rule.arguments else QUERIES
        if "GET" in rule.methods:
            gets += [("GET", u) for u in urls]
            if rule.endpoint != "static":
                gets += [("GET", base)] + [("GET", f"{base}?{q}") for q in queries]
        if "POST" in rule.methods:
            target = last if rule.endpoint == "auth.logout" else posts
            target += [("POST", u) for u in urls] + ([] if rule.arguments else [("POST", base)])
    yield from gets + posts + last


@pytest.fixture
def people(app, make_user, make_employer, make_candidate, make_job) -> dict:
    """One account of each role, with a published job so that id 1 exists for some routes."""
    from app.models import EmployerMembership

    employer = make_employer()
    membership = db.session.execute(
        db.select(EmployerMembership).filter_by(user_id=employer.id)
    ).scalar_one()
    make_job(membership.organisation)
    return {
        "anonymous": None,
        "candidate": make_candidate(),
        "employer": employer,
        "partner": make_user(Role.PARTNER),
        "staff": make_user(Role.STAFF),
        "admin": make_user(Role.ADMIN),
    }


def _client(app: Flask, user):
    client = app.test_client()
    if user is not None:
        signed_in = client.post("/connexion", data={"email": user.email, "password": PASSWORD})
        assert signed_in.status_code == 303, signed_in.status_code
    return client


def _status(client, method: str, url: str) -> int | str:
    """The response's status, or the exception the view raised (tests propagate them)."""
    try:
        response = client.open(url, method=method, data={} if method == "POST" else None)
    except Exception as exc:  # noqa: BLE001 - every crash is listed, not only the first
        db.session.rollback()
        return f"500 {type(exc).__name__}: {str(exc)[:150]}"
    response.close()
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_no_route_gives_a_5xx(app, people, role):
    client = _client(app, people[role])
    failures, count = [], 0
    for method, url in _requests(app):
        if (role, method, url) in KNOWN_5XX:
            continue
        if role != "anonymous" and url == "/deconnexion":
            # Still signed in at the end of the walk: the pages above were seen as this role.
            assert _status(client, "GET", "/compte/") == 200
        status = _status(client, method, url)
        count += 1
        if isinstance(status, str) or status >= 500 or (method == "POST" and status not in POST_OK):
            failures.append(f"{method} {url[:120]} -> {status}")
    assert not failures, f"{role}: {len(failures)} of {count} requests failed:\n" + "\n".join(
        failures
    )
    assert count > 300


@pytest.mark.parametrize(
    ("role", "method", "url"),
    [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=reason))
        for case, reason in KNOWN_5XX.items()
    ]
    or [pytest.param("anonymous", "GET", "/", marks=pytest.mark.skip(reason="none left"))],
)
def test_known_5xx(app, people, role, method, url):
    status = _status(_client(app, people[role]), method, url)
    assert isinstance(status, int) and status < 500, status
