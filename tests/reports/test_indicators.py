"""Every indicator on the hand-built history of conftest.py, with its period and region filters."""

import pytest

from app.blueprints.reports import services as svc
from app.blueprints.reports.tables import SLUGS, Cell, build_tables
from app.clock import today as program_today
from app.extensions import db
from app.models import Role

REGIONS = {"02": "Saguenay–Lac-Saint-Jean", "05": "Estrie"}


def indicators(start=None, end=None, region=None) -> svc.Indicators:
    first, last = svc.default_period(program_today())
    period = svc.Period(start or first, end or last, region)
    return svc.compute_indicators(period, program_today(), REGIONS, "No partner")


@pytest.fixture
def ind(world) -> svc.Indicators:
    return indicators()


def test_default_period_is_the_last_twelve_months():
    from datetime import date

    assert svc.default_period(date(2026, 3, 15)) == (date(2025, 3, 16), date(2026, 3, 15))
    assert svc.default_period(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))


# ---------------------------------------------------------------- the default period, every region


def test_candidates_registered_by_furthest_stage(ind):
    # c1 hired, c2 declined after an interview (counts as interviewed), c3 pre-qualified on one
    # job and only submitted on the other, c4 submitted, c5 no application; c6 signed up 2 years ago.
    assert ind.stages == {
        "none": 1,
        "submitted": 1,
        "prequalified": 1,
        "shortlisted": 0,
        "interview_scheduled": 0,
        "interviewed": 1,
        "offer": 0,
        "hired": 1,
    }
    assert list(ind.stages)[0] == "none"
    assert ind.registered == 5


def test_matching_and_application_counts(ind):
    assert ind.activity == {
        "matches": 3,  # eligible, for open jobs: not the closed job's, not the ineligible one
        "invited_to_apply": 3,  # not the old one, not other kinds of notification
        "interview_proposals": 7,  # every interview request but the old one
        "applications": 5,  # c6's application is two years old
        "prequalified": 3,
        "hires": 1,
    }


def test_friday_interviews(ind):
    # Held: two marked held, one confirmed with decisions recorded, and c1's second interview.
    assert ind.interviews == {
        "held": 4,
        "no_show_candidate": 1,
        "no_show_employer": 1,
        "mutual": 1,
    }
    assert ind.mutual_rate == pytest.approx(0.25)


def test_days_from_sign_up_to_first_interview_and_hire(ind):
    # First interviews held: c1 after 60 days (not its second one), c2 after 20, c4 after 4.
    first = ind.delays["interview"]
    assert (first.candidates, first.median, first.mean) == (3, 20.0, 28.0)
    hire = ind.delays["hire"]
    assert (hire.candidates, hire.median, hire.mean) == (1, 90.0, 90.0)


def test_travel_funding_by_partner_and_region(ind):
    by_partner = {r.name: r for r in ind.funding_by_partner}
    promis, collectif = by_partner["PROMIS"], by_partner["Le Collectif"]
    # PROMIS: two filed (60 000 and 40 000), one approved lower (50 000) and paid 45 000.
    assert (promis.requested, promis.requested_cents) == (2, 100_000)
    assert (promis.approved, promis.approved_cents) == (1, 50_000)
    assert (promis.paid, promis.paid_cents) == (1, 45_000)
    # Le Collectif: two filed, one approved; the other was approved then cancelled.
    assert (collectif.requested, collectif.requested_cents) == (2, 50_000)
    assert (collectif.approved, collectif.approved_cents) == (1, 30_000)
    assert (collectif.paid, collectif.paid_cents) == (0, 0)
    by_region = {r.key: r for r in ind.funding_by_region}
    assert set(by_region) == {"02", "05"} and by_region["05"].name == "Estrie"
    assert by_region["02"].requested_cents == 100_000 and by_region["05"].approved_cents == 30_000
    t = ind.funding_total
    assert (t.requested, t.requested_cents, t.approved, t.approved_cents, t.paid, t.paid_cents) == (
        4,
        150_000,
        2,
        80_000,
        1,
        45_000,
    )


def test_cost_per_hire(ind):
    assert ind.cost_per_hire_cents == 45_000


def test_retention_at_six_and_twelve_months(ind):
    assert ind.retention == {
        6: {"answered": 2, "employed": 1, "in_region": 2},  # c2's unanswered one does not count
        12: {"answered": 1, "employed": 1, "in_region": 0},  # c4's answered two years ago
    }


# ---------------------------------------------------------------- filters


def test_region_filter_uses_the_jobs_region(world):
    saguenay = indicators(region="02")
    assert saguenay.registered == 5  # every sign-up of the period...
    # ...staged by their applications to jobs in the region only (c3 only applied there).
    assert saguenay.stages["none"] == 2 and saguenay.stages["submitted"] == 1
    assert saguenay.stages["prequalified"] == 0 and saguenay.stages["hired"] == 1
    assert saguenay.activity == {
        "matches": 2,
        "invited_to_apply": 2,
        "interview_proposals": 3,
        "applications": 3,
        "prequalified": 2,
        "hires": 1,
    }
    assert saguenay.interviews == {
        "held": 3,
        "no_show_candidate": 0,
        "no_show_employer": 0,
        "mutual": 1,
    }
    assert saguenay.delays["interview"].median == 40.0
    assert [r.name for r in saguenay.funding_by_partner] == ["PROMIS"]
    assert saguenay.retention[6] == {"answered": 1, "employed": 1, "in_region": 1}

    estrie = indicators(region="05")
    assert estrie.stages["prequalified"] == 1 and estrie.stages["none"] == 3
    assert estrie.activity["applications"] == 2 and estrie.activity["hires"] == 0
    assert estrie.interviews == {
        "held": 1,
        "no_show_candidate": 1,
        "no_show_employer": 1,
        "mutual": 0,
    }
    assert estrie.mutual_rate == 0
    assert estrie.delays["interview"].candidates == 1 and estrie.delays["hire"].candidates == 0
    assert estrie.funding_total.requested_cents == 50_000 and estrie.funding_total.paid == 0
    assert estrie.cost_per_hire_cents is None  # no hire: no division by zero
    assert estrie.retention[6] == {"answered": 1, "employed": 0, "in_region": 1}

    assert indicators(region="09").registered == 5
    assert indicators(region="09").activity["applications"] == 0


def test_period_filter_keeps_only_what_happened_in_it(world):
    start, end = world.old_period
    old = indicators(start, end)
    assert old.registered == 1 and old.stages["prequalified"] == 1  # c6
    assert old.activity == {
        "matches": 1,
        "invited_to_apply": 1,
        "interview_proposals": 1,
        "applications": 1,
        "prequalified": 1,
        "hires": 0,
    }
    assert old.interviews["held"] == 1 and old.interviews["no_show_candidate"] == 0
    assert old.delays["interview"].median == 10.0
    assert (old.funding_total.requested_cents, old.funding_total.paid_cents) == (70_000, 70_000)
    assert old.retention[12] == {"answered": 1, "employed": 1, "in_region": 1}
    assert old.retention[6]["answered"] == 0


def test_period_bounds_are_whole_days_in_quebec(world):
    from datetime import timedelta

    today = program_today()
    # Only today: nothing of the "days ago" events, but what was recorded today.
    only_today = indicators(today, today)
    assert only_today.activity["applications"] == 5
    assert only_today.interviews["held"] == 0
    # A period ending yesterday misses the applications made today.
    assert indicators(end=today - timedelta(days=1)).activity["applications"] == 0


# ---------------------------------------------------------------- tables and suppression


def test_small_counts_are_suppressed_and_what_rests_on_them():
    assert [Cell(n).csv() for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert Cell(3).csv(suppress=False) == "3"
    assert Cell(12_345, "amount", (4,)).csv() == "x"
    assert Cell(12_345, "amount", (5,)).csv() == "123.45"
    assert Cell(0, "amount", (0,)).csv() == "0.00"
    assert Cell(0.25, "rate", (20, 5)).csv() == "25.0"
    assert Cell(0.25, "rate", (8, 2)).csv() == "x"  # the numerator alone is small
    assert Cell(None, "rate", (0, 0)).csv() == ""
    assert Cell(12.25, "days", (3,)).csv() == "x"
    assert Cell(12.25, "days", (7,)).csv() == "12.2"
    assert Cell("Estrie", "text").csv() == "Estrie"


def test_tables_apply_suppression_to_the_dataset(app, ind):
    from flask_babel import force_locale

    with force_locale("en_CA"):
        tables = {t.slug: t for t in build_tables(ind)}
    assert tuple(tables) == SLUGS
    candidates = tables["candidates"].csv_rows()
    assert candidates[1:] == [
        ["No application yet", "<5"],
        ["Submitted", "<5"],
        ["Pre-qualified by the program", "<5"],
        ["Shortlisted by the employer", "0"],
        ["Interview scheduled", "0"],
        ["Interviewed", "<5"],
        ["Job offer", "0"],
        ["Hired", "<5"],
        ["Total", "5"],
    ]
    assert tables["activity"].csv_rows()[1] == ["Matches shown (eligible, open jobs)", "<5"]
    assert tables["activity"].csv_rows()[3] == ["Friday interview invitations", "7"]
    interviews = tables["interviews"].csv_rows()
    assert interviews[-1][1] == "x"  # 1 mutual out of 4: the rate would reveal it
    assert tables["interviews"].csv_rows(suppress=False)[-1][1] == "25.0"
    funding = tables["funding-partners"].csv_rows()
    assert funding[0][2] == "Amount requested ($)"
    assert funding[-1] == ["Total", "<5", "x", "<5", "x", "<5", "x"]
    assert tables["funding-partners"].csv_rows(suppress=False)[-1] == [
        "Total",
        "4",
        "1500.00",
        "2",
        "800.00",
        "1",
        "450.00",
    ]
    assert tables["cost"].csv_rows(suppress=False)[1:] == [
        ["Travel funding paid", "450.00"],
        ["Hires", "1"],
        ["Cost per hire", "450.00"],
    ]
    assert [row[1] for row in tables["cost"].csv_rows()[1:]] == ["x", "<5", "x"]
    assert tables["delays"].csv_rows(suppress=False)[1] == [
        "From sign-up to first interview",
        "3",
        "20.0",
        "28.0",
    ]
    assert tables["retention"].csv_rows(suppress=False)[1] == [
        "6 months after hiring",
        "2",
        "1",
        "50.0",
        "2",
        "100.0",
    ]


def test_the_query_count_does_not_grow_with_the_data(
    app, world, make_candidate, make_job, count_queries
):
    from app.blueprints.applications.services import apply_to_job
    from app.models import Job

    def run():
        with count_queries() as statements:
            build_tables(indicators())
        return len(statements)

    few = run()
    job = db.session.execute(db.select(Job).order_by(Job.id)).scalars().first()
    for n in range(8):
        user = make_candidate(email=f"more{n}@example.org")
        apply_to_job(user.candidate_profile, job, "", program_today())
    db.session.commit()
    assert indicators().activity["applications"] == 5 + 8
    assert run() == few <= 10


def test_the_dashboard_query_count_does_not_grow(
    app, client, auth, world, make_candidate, count_queries
):
    from app.models import User

    staff = db.session.execute(db.select(User).filter_by(role=Role.STAFF)).scalar_one()
    auth.login(staff)

    def run():
        db.session.expire_all()  # the same starting point each time: nothing cached
        with count_queries() as statements:
            assert client.get("/programme/indicateurs").status_code == 200
        return statements

    few = run()
    for n in range(6):
        make_candidate(email=f"extra{n}@example.org")
    many = run()
    assert len(many) == len(few), [s[:80] for s in many]


def test_values_on_pages_follow_the_readers_language(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en_CA"):
        assert Cell(1 / 3, "rate").show() == "33.3%"
        assert Cell(45_000, "amount", (1,)).show() == "$450.00"
        assert Cell(45_000, "amount", (1,)).show(suppress=True) == "x"
        assert Cell(3).show(suppress=True) == "<5" and Cell(1_234).show() == "1,234"
        assert Cell(None, "days").show() == "—"
    with app.test_request_context(), force_locale("fr_CA"):
        assert Cell(1 / 3, "rate").show() == "33,3\xa0%"
        assert Cell(45_000, "amount").show() == "450,00\xa0$"
