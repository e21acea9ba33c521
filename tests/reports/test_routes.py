"""The indicators pages: access, filters, htmx fragments, CSV exports and the printable report."""

import csv
import io

import pytest

from app.models import Role

DASHBOARD = "/programme/indicateurs"


@pytest.fixture
def staff_client(client, auth, world):
    auth.login(world.staff)  # an English-speaking staff member
    return client


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER])
def test_only_staff_see_the_indicators(client, auth, make_user, role):
    auth.login(make_user(role))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(DASHBOARD + "/rapport").status_code == 403
    assert client.get(DASHBOARD + "/candidates.csv").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_admins_see_the_indicators(client, auth, make_user):
    auth.login(make_user(Role.ADMIN))
    assert client.get(DASHBOARD).status_code == 200


def test_dashboard_shows_charts_and_tables(staff_client):
    page = staff_client.get(DASHBOARD)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # no chart for the cost per hire (one row) nor for the reasons (none here)
    assert html.count('role="img"') == 7
    assert html.count("<caption") == 9 and 'scope="row"' in html and 'scope="col"' in html
    assert 'aria-label="Friday interviews"' in html
    # Staff see exact counts: 7 interview invitations, 4 held, 45 000 cents paid.
    assert '<td class="num">7</td>' in html
    assert "$450.00" in html
    for slug in ("candidates", "funding-regions", "retention"):
        assert f"/programme/indicateurs/{slug}.csv?from=" in html
    assert "/programme/indicateurs/rapport?from=" in html


def test_dashboard_in_french_and_english(client, auth, world, make_user, lang):
    user = make_user(Role.STAFF, locale=f"{lang}_CA")
    auth.login(user)
    html = client.get(DASHBOARD + "?region=05").get_data(as_text=True)
    assert f'<html lang="{lang}-CA">' in html
    assert 'selected value="05"' in html
    assert "Estrie" in html


def test_htmx_gets_only_the_results(staff_client):
    response = staff_client.get(
        DASHBOARD + "?from=2020-01-01&to=2020-12-31&region=02", headers={"HX-Request": "true"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'id="results"' in html and "report-filters" not in html
    assert "HX-Request" in response.headers["Vary"]
    assert "region=02" in html and "from=2020-01-01" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=abc", "Enter the start date as YYYY-MM-DD"),
        ("to=31/12/2025", "Enter the end date as YYYY-MM-DD"),
        ("from=2025-06-01&to=2025-01-01", "The end of the period is before its start."),
        ("from=2099-01-01", "The end of the period is before its start."),
        ("from=2999-01-01", "Choose a date between 2000-01-01 and 2100-12-31."),
        ("from=0001-01-01", "Choose a date between 2000-01-01 and 2100-12-31."),
        ("region=99", "Choose a region from the list."),
        ("region=06", "Choose a region from the list."),
        ("from=2025-01-01&from=2025-02-01", "Enter the start date as YYYY-MM-DD"),
    ],
)
def test_bad_filters_give_a_message_and_keep_the_input(staff_client, query, message):
    page = staff_client.get(f"{DASHBOARD}?{query}")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert message in html
    assert "<caption" not in html  # no indicators for a period that makes no sense
    if query.startswith("from=abc"):
        assert 'value="abc"' in html
    fragment = staff_client.get(f"{DASHBOARD}?{query}", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and message in fragment.get_data(as_text=True)
    assert staff_client.get(f"{DASHBOARD}/rapport?{query}").status_code == 422
    assert staff_client.get(f"{DASHBOARD}/activity.csv?{query}").status_code == 422


def read_csv(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_export_in_the_users_language_with_small_counts_hidden(staff_client, world):
    response = staff_client.get(f"{DASHBOARD}/funding-regions.csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "funding-regions" in disposition
    rows = read_csv(response)
    assert rows[0] == [
        "Destination region",
        "Requests",
        "Amount requested ($)",
        "Approved",
        "Amount approved ($)",
        "Paid",
        "Amount paid ($)",
    ]
    assert rows[1] == ["Saguenay–Lac-Saint-Jean", "<5", "x", "<5", "x", "<5", "x"]
    assert rows[2] == ["Eastern Townships (Estrie)", "<5", "x", "<5", "x", "0", "0.00"]
    assert rows[-1][0] == "Total"
    activity = read_csv(staff_client.get(f"{DASHBOARD}/activity.csv"))
    assert ["Friday interview invitations", "7"] in activity
    assert ["Applications", "5"] in activity
    assert ["Hires", "<5"] in activity


def test_csv_header_follows_the_users_language(client, auth, world, make_user):
    auth.login(make_user(Role.STAFF, locale="fr_CA"))
    with client.session_transaction() as session:
        session["lang"] = "en_CA"
    english = read_csv(client.get(f"{DASHBOARD}/candidates.csv"))[0]
    with client.session_transaction() as session:
        session["lang"] = "fr_CA"
    french = read_csv(client.get(f"{DASHBOARD}/candidates.csv"))[0]
    assert english == ["Stage", "Candidates"]
    assert french != english or french == ["Stage", "Candidates"]  # until the catalog is done


def test_csv_filters_and_unknown_tables(staff_client, world):
    start, end = world.old_period
    rows = read_csv(staff_client.get(f"{DASHBOARD}/activity.csv?from={start}&to={end}&region=02"))
    assert ["Applications", "<5"] in rows and ["Hires", "0"] in rows
    assert staff_client.get(f"{DASHBOARD}/nope.csv").status_code == 404


def test_printable_report_suppresses_small_counts(staff_client, world):
    from app.clock import today

    page = staff_client.get(f"{DASHBOARD}/rapport?region=02")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<caption") == 9 and 'role="img"' not in html
    assert "&lt;5" in html and ">x<" in html
    assert ">7<" not in html  # Saguenay had 3 interview invitations: suppressed
    assert "Saguenay–Lac-Saint-Jean" in html
    assert today().strftime("%Y") in html and "Printed on" in html
    everywhere = staff_client.get(f"{DASHBOARD}/rapport").get_data(as_text=True)
    assert '<td class="num">7</td>' in everywhere  # 5 and more are shown


def test_indicators_are_computed_once_for_two_minutes(app, count_queries):
    """With a real cache, a second identical request reuses the figures (and says when)."""
    from datetime import date

    from app.blueprints.reports import services as svc
    from app.extensions import cache

    app.config["CACHE_TYPE"] = "SimpleCache"
    cache.init_app(app)
    try:
        period = svc.Period(date(2026, 1, 1), date(2026, 12, 31), None)
        with count_queries() as first:
            at1, _ind = svc.cached_indicators(period, date(2026, 11, 26), {}, "-")
        with count_queries() as second:
            at2, _ind = svc.cached_indicators(period, date(2026, 11, 26), {}, "-")
        other = svc.Period(date(2026, 1, 1), date(2026, 12, 31), "02")
        with count_queries() as third:
            svc.cached_indicators(other, date(2026, 11, 26), {}, "-")
        assert len(first) >= 7 and second == [] and len(third) >= 7
        assert at1 == at2
    finally:
        cache.clear()
        app.config["CACHE_TYPE"] = "NullCache"
        cache.init_app(app)


def test_indicators_still_computed_when_the_cache_is_down(app):
    from datetime import date

    from app.blueprints.reports import services as svc
    from app.extensions import cache

    app.config.update(
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL="redis://127.0.0.1:1/0",  # nobody listens there
        CACHE_OPTIONS={"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    )
    cache.init_app(app)
    try:
        period = svc.Period(date(2026, 1, 1), date(2026, 12, 31), None)
        _at, indicators = svc.cached_indicators(period, date(2026, 11, 26), {}, "-")
        assert indicators.period == period
    finally:
        app.config.update(CACHE_TYPE="NullCache", CACHE_OPTIONS={})
        cache.init_app(app)


def _without_time(html: str) -> str:
    import re

    html = re.sub(r"Figures computed at [^;]*;", "", html)
    return re.sub(r'(csrf_token" value="|X-CSRFToken": ")[^"]+', "", html)


def test_computed_ahead_the_dashboard_runs_no_indicator_query(staff_client, world, count_queries):
    """The default view read from its snapshot shows the same figures as computed live."""
    from app.blueprints.reports import services as svc
    from app.clock import today
    from app.extensions import db

    live = staff_client.get(DASHBOARD).get_data(as_text=True)
    assert svc.refresh_indicators(today(), svc.region_codes()) == 1 + len(svc.region_codes())
    db.session.commit()
    with count_queries() as seen:
        ahead = staff_client.get(DASHBOARD).get_data(as_text=True)
    assert _without_time(ahead) == _without_time(live)
    assert not any("funding_requests" in s or "applications" in s for s in seen), seen
    regional = staff_client.get(DASHBOARD + "?region=02").get_data(as_text=True)
    assert '<td class="num">' in regional
    # Another period is not computed ahead: it is computed when asked.
    with count_queries() as other:
        staff_client.get(DASHBOARD + "?from=2020-01-01&to=2020-12-31")
    assert any("applications" in s for s in other)


def test_a_second_refresh_replaces_the_snapshots(app, world):
    from datetime import timedelta

    from app.blueprints.reports import services as svc
    from app.clock import today
    from app.extensions import db
    from app.models import IndicatorSnapshot

    svc.refresh_indicators(today() - timedelta(days=1), ["02"])
    svc.refresh_indicators(today(), ["02"])
    db.session.commit()
    rows = db.session.execute(db.select(IndicatorSnapshot)).scalars().all()
    assert len(rows) == 2 and {r.end for r in rows} == {today()}
    assert {r.region_code for r in rows} == {"", "02"}


def test_staff_compute_them_again_on_demand(staff_client, world):
    from app.extensions import db
    from app.models import IndicatorSnapshot

    r = staff_client.post(DASHBOARD + "/actualiser?region=05")
    assert r.status_code == 303 and r.headers["Location"].endswith("region=05")
    assert db.session.execute(db.select(db.func.count(IndicatorSnapshot.id))).scalar_one() > 1
    assert "computed again" in staff_client.get(DASHBOARD).get_data(as_text=True)


def test_only_staff_compute_them_again(client, auth, make_user):
    auth.login(make_user(Role.CANDIDATE))
    assert client.post(DASHBOARD + "/actualiser").status_code == 403


def test_the_refresh_command(app, world):
    from app.extensions import db
    from app.models import IndicatorSnapshot

    result = app.test_cli_runner().invoke(args=["reports", "refresh"])
    assert result.exit_code == 0 and "indicator views computed" in result.output
    assert db.session.execute(db.select(db.func.count(IndicatorSnapshot.id))).scalar_one() == 17


def test_the_kept_tables_follow_each_refresh_and_the_language(staff_client, make_candidate):
    # The rendered tables are kept per worker under the snapshot's computation time
    # (app/fragments.py): a refresh with new figures shows them, and English stays English.
    from app.blueprints.reports import services as svc
    from app.clock import today
    from app.extensions import db

    svc.refresh_indicators(today(), svc.region_codes())
    db.session.commit()
    before = staff_client.get(DASHBOARD).get_data(as_text=True)
    for n in range(3):
        make_candidate(email=f"new{n}@example.org")
    svc.refresh_indicators(today(), svc.region_codes())
    db.session.commit()
    after = staff_client.get(DASHBOARD).get_data(as_text=True)
    tables = slice(after.index('class="indicator"'), None)
    assert _without_time(after)[tables] != _without_time(before)[tables]
    assert "Candidates registered, by furthest stage reached" in after  # an English account
    french = staff_client.get(DASHBOARD + "?langue=fr", follow_redirects=True)
    assert "Personnes candidates inscrites, selon l’étape" in french.get_data(as_text=True)
    english = staff_client.get("/en/program/indicators").get_data(as_text=True)
    assert "Candidates registered, by furthest stage reached" in english
    assert "Personnes candidates inscrites" not in english
