"""Stored matches, recompute triggers, the match CLI and the pages."""

import json
import re

import pytest

from app.clock import today as program_today
from app.extensions import db
from app.models import MatchResult, Role


@pytest.fixture
def world(make_employer, make_job, make_candidate):
    employer = make_employer(locale="en_CA")
    job = make_job(employer.organisation, skills_required=["soudure MIG", "lecture de plans"])
    good = make_candidate(
        email="good@example.org",
        occupation_codes=["72106"],
        skills=["soudure MIG", "lecture de plans"],
        region_codes=["02"],
        work_status=None,
    )
    from app.blueprints.candidates.services import set_consents
    from app.models import WorkStatus

    good.candidate_profile.work_status = WorkStatus.OPEN_WORK_PERMIT
    set_consents(good.candidate_profile, True, True)
    other = make_candidate(
        email="other@example.org", occupation_codes=["33102"], skills=["soins d'hygiène"]
    )
    hidden = make_candidate(
        email="hidden@example.org", occupation_codes=["72106"], skills=["soudure MIG"]
    )
    db.session.commit()
    return employer, job, good, other, hidden


def test_recompute_job_stores_ranked_results(app, world):
    from app.blueprints.matching import services

    employer, job, good, other, hidden = world
    assert services.recompute_job(job) == 3
    db.session.commit()
    rows = services.candidates_for_job(job, consenting_only=False)
    assert rows[0].candidate_id == good.candidate_profile.id
    assert rows[0].components and sum(rows[0].components.values()) == rows[0].score
    employer_rows = services.candidates_for_job(job, consenting_only=True)
    assert [r.candidate_id for r in employer_rows] == [good.candidate_profile.id]


def test_recompute_candidate_and_jobs_for_me(app, world, make_job):
    from app.blueprints.matching import services

    employer, job, good, *_ = world
    other_job = make_job(employer.organisation, noc="33102", title_fr="Préposé", region_code="05")
    assert services.recompute_candidate(good.candidate_profile) == 2
    db.session.commit()
    matches = services.jobs_for_candidate(good.candidate_profile)
    assert [m.job_id for m in matches] == [job.id, other_job.id]
    assert [m.job_id for m in services.jobs_for_candidate(good.candidate_profile, region="05")] == [
        other_job.id
    ]
    assert services.has_results(good.candidate_profile)


def test_job_edit_recomputes_inline_without_redis(client, auth, world):
    employer, job, good, *_ = world
    auth.login(employer)
    client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "closed"})
    assert (
        db.session.execute(db.select(MatchResult).where(MatchResult.job_id == job.id)).first()
        is None
    )
    client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "published"})
    assert (
        db.session.execute(
            db.select(db.func.count(MatchResult.id)).where(MatchResult.job_id == job.id)
        ).scalar_one()
        == 3
    )


def test_recompute_is_queued_on_redis_when_configured(app, world, monkeypatch):
    import app.tasks as tasks
    from app.blueprints.matching import services as svc

    queued = []

    class FakeQueue:
        def enqueue(self, func, *args, **options):
            queued.append((func.__name__, args))

    monkeypatch.setattr(tasks, "_queue", lambda: FakeQueue())
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    svc.schedule_recompute("job", 7)
    assert queued == [("run_job", ("app.blueprints.matching.services:run_recompute", "job", 7))]


def test_employer_sees_anonymised_matches_in_english(client, auth, world):
    employer, job, good, other, hidden = world
    from app.blueprints.matching import services

    services.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    html = client.get(f"/employeurs/postes/{job.id}/correspondances").get_data(as_text=True)
    assert re.search(r"Candidate [0-9A-F]{6}", html) and "Matched skills" in html
    assert "good@example.org" not in html and good.full_name not in html
    assert "hidden@example.org" not in html and html.count('class="card match') == 1


def test_employer_invites_a_match_to_apply(client, auth, world, outbox):
    employer, job, good, other, hidden = world
    from app.blueprints.matching import services

    services.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    r = client.post(
        f"/employeurs/postes/{job.id}/correspondances/{good.candidate_profile.id}/inviter"
    )
    assert r.status_code == 303
    assert "vous invite à postuler" in outbox("good@example.org")[-1].body or outbox(
        "good@example.org"
    )
    r = client.post(
        f"/employeurs/postes/{job.id}/correspondances/{hidden.candidate_profile.id}/inviter"
    )
    assert r.status_code == 404


def test_matches_access(client, auth, world, make_employer, make_user):
    employer, job, *_ = world
    auth.login(make_employer())
    assert client.get(f"/employeurs/postes/{job.id}/correspondances").status_code == 404
    auth.logout()
    auth.login(make_user(Role.STAFF))
    assert client.get(f"/programme/postes/{job.id}/correspondances").status_code == 200
    assert client.get("/programme/postes/9999/correspondances").status_code == 404


def test_jobs_for_me_page_with_htmx_region_filter(client, auth, world):
    employer, job, good, *_ = world
    auth.login(good)
    html = client.get("/candidat/postes-pour-moi").get_data(as_text=True)
    assert f"/postes/{job.id}" in html and "automatiquement" in html
    frag = client.get(
        "/candidat/postes-pour-moi?region=05", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert "<html" not in frag and f"/postes/{job.id}" not in frag


def test_match_rank_cli_follows_the_exchange_format(app, tmp_path):
    doc = {
        "jobs": [
            {
                "id": "j1",
                "title": "Soudeur",
                "noc": "72106",
                "skills_required": ["soudure MIG"],
                "skills_nice": [],
                "region": "02",
                "city": "Alma",
                "french_level_min": 6,
                "english_level_min": 0,
                "experience_years_min": 0,
            }
        ],
        "candidates": [
            {
                "id": "c1",
                "desired_titles": ["welder"],
                "noc": [],
                "skills": ["MIG welding"],
                "summary": "",
                "french_level": 3,
                "english_level": 9,
                "experience_years": 4,
                "regions": ["02"],
                "work_status": "citizen",
            },
            {
                "id": "c2",
                "desired_titles": ["soudeuse"],
                "noc": ["72106"],
                "skills": ["soudure mig"],
                "summary": "",
                "french_level": 9,
                "english_level": 2,
                "experience_years": 1,
                "regions": ["*"],
                "work_status": "none",
            },
            {
                "id": "c3",
                "desired_titles": ["aide-cuisinier"],
                "noc": [],
                "skills": ["plonge"],
                "summary": "",
                "french_level": 9,
                "english_level": 2,
                "experience_years": 1,
                "regions": ["02"],
                "work_status": "citizen",
            },
        ],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    result = app.test_cli_runner().invoke(
        args=["match", "rank", "--input", str(path), "--top", "2"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    ranking = out["rankings"]["j1"]
    assert len(ranking) == 2
    assert ranking[0]["candidate"] == "c3"  # the only eligible one comes first
    assert all(0 <= r["score"] <= 100 and isinstance(r["reasons"], list) for r in ranking)


def test_match_recompute_cli(app, world):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["match", "recompute"]).exit_code != 0
    result = runner.invoke(args=["match", "recompute", "--all"])
    assert result.exit_code == 0 and "3 match results stored" in result.output


def test_region_page_shows_partner_prospects(client, auth, make_employer, make_job, make_candidate):
    from app.models import Household

    employer = make_employer(region="02")
    make_job(
        employer.organisation,
        noc="33102",
        title_fr="Préposée aux bénéficiaires",
        skills_required=["soins d'hygiène"],
        french_level_min=0,
        work_permit_required=False,
    )
    make_job(employer.organisation, noc="72106", title_fr="Soudeur")
    couple = make_candidate(
        household=Household.COUPLE,
        partner_occupation="préposée aux bénéficiaires",
        partner_skills=["soins d'hygiène"],
        partner_french_level=8,
    )
    alone = make_candidate()
    auth.login(couple)
    html = client.get("/regions/saguenay-lac-saint-jean").get_data(as_text=True)
    assert "Perspectives pour votre conjoint" in html or "partner" in html.lower()
    assert "Préposée aux bénéficiaires" in html and "Soudeur</a>" not in html
    auth.logout()
    auth.login(alone)
    html = client.get("/regions/saguenay-lac-saint-jean").get_data(as_text=True)
    assert 'id="family-title"' not in html


def test_staff_ranked_list_links_to_the_application(client, auth, world, make_user):
    from app.blueprints.applications.services import apply_to_job
    from app.blueprints.matching import services

    employer, job, good, *_ = world
    application = apply_to_job(good.candidate_profile, job, "", program_today())
    services.recompute_job(job)
    db.session.commit()
    auth.login(make_user(Role.STAFF))
    html = client.get(f"/programme/postes/{job.id}/correspondances").get_data(as_text=True)
    assert f"/programme/candidatures/{application.id}" in html and good.full_name in html


def test_matches_page_query_count_does_not_grow(client, auth, world, make_candidate, count_queries):
    from app.blueprints.candidates.services import set_consents
    from app.blueprints.matching import services

    employer, job, *_ = world
    services.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    path = f"/employeurs/postes/{job.id}/correspondances"
    db.session.expunge_all()
    with count_queries() as few:
        client.get(path)
    for _ in range(6):
        user = make_candidate(
            occupation_codes=["72106"], skills=["soudure MIG"], region_codes=["02", "12"]
        )
        set_consents(user.candidate_profile, True, True)
    db.session.commit()
    services._POOL_CACHE.clear()
    services.recompute_job(db.session.get(type(job), job.id))
    db.session.commit()
    db.session.expunge_all()
    with count_queries() as many:
        html = client.get(path).get_data(as_text=True)
    assert html.count('class="card match') == 7
    assert len(many) == len(few)


def test_candidate_dashboard_shows_best_matches(client, auth, world):
    employer, job, good, *_ = world
    auth.login(good)
    html = client.get("/tableau-de-bord").get_data(as_text=True)
    assert "Vos meilleures correspondances" in html and f"/postes/{job.id}" in html


def test_jobs_for_me_shows_ten_matches_a_page(client, auth, world, make_job):
    import re

    from app.blueprints.matching import services

    employer, job, good, *_ = world
    for n in range(10):
        make_job(employer.organisation, title_fr=f"Soudeur {n}", title_en=f"Welder {n}")
    services.recompute_candidate(good.candidate_profile)
    db.session.commit()
    auth.login(good)
    first = client.get("/candidat/postes-pour-moi").get_data(as_text=True)
    second = client.get("/candidat/postes-pour-moi?page=2").get_data(as_text=True)
    shown = [set(re.findall(r'id="match-(\d+)"', page)) for page in (first, second)]
    assert [len(s) for s in shown] == [10, 1] and not shown[0] & shown[1]
    assert "page=2" in first and "page=1" in second


def test_recomputes_store_the_reasons_the_pages_show(app, world):
    """The stored reasons are the ones the page would derive, for a job and for a candidate."""
    from app.blueprints.matching import services
    from app.matching.explain import explain
    from app.matching.normalise import default_vocabulary
    from app.matching.score import CandidatePool, Match

    employer, job, good, other, hidden = world
    services.recompute_job(job)
    services.recompute_candidate(good.candidate_profile)
    db.session.commit()
    rows = services.candidates_for_job(job, consenting_only=False)
    assert rows and all(r.reasons for r in rows)
    codes = {reason["code"] for reason in rows[0].reasons}
    assert "occupation_same" in codes
    for row in [*rows, *services.jobs_for_candidate(good.candidate_profile)]:
        pool = CandidatePool(
            services.load_candidate_specs([row.candidate_id]), default_vocabulary()
        )
        match = Match(row.candidate_id, 0, row.score, row.eligible, row.components)
        stored = [
            {"code": r["code"], "params": {k: v for k, v in r["params"].items() if k != "gain"}}
            for r in row.reasons
        ]  # a candidate's rows also carry the points of each suggested step
        assert stored == explain(pool, services.job_spec(row.job), match)


def test_a_page_reads_stored_reasons_and_stores_missing_ones_once(
    client, auth, world, count_queries
):
    from app.blueprints.matching import services

    employer, job, *_ = world
    services.recompute_all()  # the bulk recompute stores no reasons
    db.session.commit()
    assert all(r.reasons is None for r in db.session.execute(db.select(MatchResult)).scalars())
    auth.login(employer)
    path = f"/employeurs/postes/{job.id}/correspondances"

    def derives(statements) -> bool:  # load_candidate_specs reads the regions on their own
        spec = re.compile(r"SELECT candidate_regions.candidate_id, candidate_regions.region_code\s")
        return any(spec.match(s.lstrip()) for s in statements)

    with count_queries() as first_seen:
        first = client.get(path)
    assert first.status_code == 200 and derives(first_seen)
    db.session.expire_all()
    shown = services.candidates_for_job(job, consenting_only=True)
    assert shown and all(r.reasons for r in shown)
    # Now the page only reads: no candidate specs are loaded to derive anything.
    with count_queries() as seen:
        again = client.get(path)
    assert again.status_code == 200
    assert not derives(seen) and not any("UPDATE match_results" in s for s in seen), seen
    strip = re.compile(r'(csrf_token" value="|X-CSRFToken": ")[^"]+')
    assert strip.sub("", again.get_data(as_text=True)) == strip.sub(
        "", first.get_data(as_text=True)
    )


def test_what_would_raise_the_score_says_how_many_points_and_is_right(
    app, make_employer, make_job, make_candidate
):
    """The gain shown for a step is what the score becomes once the candidate takes it."""
    from app.blueprints.matching import services
    from app.models import WorkStatus

    employer = make_employer()
    make_job(
        employer.organisation,
        skills_required=["soudure MIG", "lecture de plans"],
        french_level_min=7,
        region_code="02",
    )
    user = make_candidate(
        occupation_codes=["72106"],
        skills=["soudure MIG"],
        region_codes=["05"],
        french_level=4,
        work_status=None,
    )
    profile = user.candidate_profile
    profile.work_status = WorkStatus.OPEN_WORK_PERMIT
    services.recompute_candidate(profile)
    db.session.commit()
    (row,) = services.jobs_for_candidate(profile)
    gains = {r["code"]: r["params"].get("gain") for r in row.reasons}
    unlocks = {r["code"] for r in row.reasons if r["params"].get("unlocks")}
    # French level 4 for a job that needs 7: not eligible; reaching 7 alone makes it so.
    assert not row.eligible and unlocks == {"language_gap"}
    assert gains["region_no"] > 0 and gains["skills_missing"] > 0
    before = row.score

    from app.models import Region

    profile.french_level = 7
    db.session.commit()
    services.recompute_candidate(profile)
    db.session.commit()
    (after,) = services.jobs_for_candidate(profile)
    assert after.eligible and after.score == before + gains["language_gap"]
    score, region_gain = (
        after.score,
        {r["code"]: r["params"].get("gain") for r in after.reasons}["region_no"],
    )
    profile.regions.append(db.session.get(Region, "02"))
    db.session.commit()
    services.recompute_candidate(profile)
    db.session.commit()
    (last,) = services.jobs_for_candidate(profile)
    assert region_gain > 0 and last.score == score + region_gain


def test_the_candidate_page_shows_the_points_of_each_step(client, auth, world):
    employer, job, good, other, hidden = world
    other.locale = "en_CA"
    db.session.commit()
    auth.login(other)
    html = client.get("/candidat/postes-pour-moi").get_data(as_text=True)
    assert "What would raise your score" in html
    assert re.search(r"\(\+\d+ points?\)", html)


def test_jobs_for_me_cards_tell_the_partners_prospects_in_each_region(
    client, auth, make_employer, make_job, make_candidate
):
    from app.models import Household

    employer = make_employer(region="02")
    make_job(
        employer.organisation, noc="72106", title_fr="Soudeur", skills_required=["soudure MIG"]
    )
    for _ in range(2):
        make_job(
            employer.organisation,
            noc="33102",
            title_fr="Préposée aux bénéficiaires",
            skills_required=["soins d'hygiène"],
            french_level_min=0,
            work_permit_required=False,
        )
    couple = make_candidate(
        occupation_codes=["72106"],
        skills=["soudure MIG"],
        region_codes=["02"],
        household=Household.COUPLE,
        partner_occupation="préposée aux bénéficiaires",
        partner_skills=["soins d'hygiène"],
        partner_french_level=8,
        locale="en_CA",
    )
    auth.login(couple)
    html = client.get("/candidat/postes-pour-moi").get_data(as_text=True)
    assert "2 open jobs in Saguenay" in html and "suit your partner" in html
    auth.logout()
    alone = make_candidate(occupation_codes=["72106"], skills=["soudure MIG"], region_codes=["02"])
    auth.login(alone)
    assert "partner" not in client.get("/candidat/postes-pour-moi").get_data(as_text=True).lower()


def test_the_bulk_recompute_stores_what_the_ranking_gives(app, world, make_job, make_candidate):
    """Rows written as tuples straight to the driver (COPY on PostgreSQL) read back as the ORM
    wrote them: the ranking's candidates, scores, eligibility and points, an aware stamp, no
    reasons; the plain indexes dropped for the write on SQLite are there again afterwards."""
    from sqlalchemy import inspect

    from app.blueprints.matching import services
    from app.matching.normalise import default_vocabulary
    from app.matching.score import CandidatePool

    employer, job, *_ = world
    second = make_job(employer.organisation, noc="33102", title_fr="Préposé aux bénéficiaires")
    make_candidate(email="pab@example.org", occupation_codes=["33102"], skills=["soins"])
    db.session.commit()
    assert services.recompute_all() == 2 * 4  # two open jobs, four candidates each
    db.session.commit()
    pool = CandidatePool(services.load_candidate_specs(), default_vocabulary())
    for each in (job, second):
        stored = db.session.execute(
            db.select(MatchResult)
            .where(MatchResult.job_id == each.id)
            .order_by(MatchResult.eligible.desc(), MatchResult.score.desc(), MatchResult.id)
        ).scalars()
        rows = [(r.candidate_id, r.score, r.eligible, r.components, r.reasons) for r in stored]
        ranked = pool.rank(services.job_spec(each), top=services.TOP_PER_JOB)
        assert rows == [(m.candidate_id, m.score, m.eligible, m.components, None) for m in ranked]
    some = db.session.execute(db.select(MatchResult)).scalars().first()
    assert some.computed_at.tzinfo is not None and isinstance(some.eligible, bool)
    names = {i["name"] for i in inspect(db.engine).get_indexes("match_results")}
    assert {"ix_match_job_rank", "ix_match_candidate_rank"} <= names


def test_insert_rows_writes_tuples_in_the_callers_transaction(app, world):
    from app.bulk import insert_rows, stored
    from app.models.base import utcnow

    employer, job, good, other, _ = world
    table = MatchResult.__table__
    stamp = stored(table.c.computed_at, utcnow())
    columns = ("job_id", "candidate_id", "score", "eligible", "components", "computed_at")
    rows = [
        (job.id, good.candidate_profile.id, 71, True, '{"occupation": 71}', stamp),
        (job.id, other.candidate_profile.id, 3, False, '{"occupation": 3}', stamp),
    ]
    assert insert_rows(table, columns, rows) == 2 and insert_rows(table, columns, []) == 0
    db.session.rollback()  # nothing was committed on its own
    assert db.session.execute(db.select(db.func.count(MatchResult.id))).scalar_one() == 0
    insert_rows(table, columns, rows)
    db.session.commit()
    got = db.session.execute(db.select(MatchResult).order_by(MatchResult.score)).scalars().all()
    assert [(m.score, m.eligible, m.components) for m in got] == [
        (3, False, {"occupation": 3}),
        (71, True, {"occupation": 71}),
    ]


def test_a_full_recompute_that_fails_leaves_the_matches_and_their_indexes(app, world, monkeypatch):
    """The plain indexes dropped for the bulk write on SQLite are dropped in the recompute's
    transaction: a failure half-way rolls back to the stored matches, indexes included."""
    from sqlalchemy import inspect

    from app.blueprints.matching import services

    employer, job, *_ = world
    services.recompute_job(job)
    db.session.commit()
    before = db.session.execute(db.select(db.func.count(MatchResult.id))).scalar_one()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "insert_rows", fail)
    with pytest.raises(RuntimeError):
        services.recompute_all()
    db.session.rollback()
    assert db.session.execute(db.select(db.func.count(MatchResult.id))).scalar_one() == before > 0
    names = {i["name"] for i in inspect(db.engine).get_indexes("match_results")}
    assert {"ix_match_job_rank", "ix_match_candidate_rank"} <= names


def test_a_full_recompute_keeps_the_table_as_the_schema_has_it(app, world):
    """On PostgreSQL the rows of a full recompute go into a fresh table that takes the old
    one's place: same indexes, constraints and cascades under the same names, ids still
    counting up from the same sequence. A table others depend on is never swapped."""
    from sqlalchemy import inspect

    from app.blueprints.matching import services
    from app.bulk import swappable
    from app.models import Job
    from tests.conftest import IS_POSTGRES

    employer, job, *_ = world

    def shape():
        found = inspect(db.engine)
        return (
            found.get_pk_constraint("match_results"),
            sorted(
                (i["name"], tuple(i["column_names"])) for i in found.get_indexes("match_results")
            ),
            sorted(
                (u["name"], tuple(u["column_names"]))
                for u in found.get_unique_constraints("match_results")
            ),
            sorted(
                (f["name"], f["referred_table"], f["options"].get("ondelete"))
                for f in found.get_foreign_keys("match_results")
            ),
        )

    before = shape()
    assert swappable(MatchResult.__table__) is IS_POSTGRES
    assert swappable(Job.__table__) is False  # match_results and others point at it
    services.recompute_job(job)
    db.session.commit()
    first_ids = set(db.session.execute(db.select(MatchResult.id)).scalars())
    assert services.recompute_all() == len(first_ids) > 0
    db.session.commit()
    assert shape() == before
    new_ids = set(db.session.execute(db.select(MatchResult.id)).scalars())
    if IS_POSTGRES:  # (SQLite hands out freed ids again and enforces no foreign key here)
        assert min(new_ids) > max(first_ids)  # the sequence went on counting
        db.session.delete(db.session.get(Job, job.id))
        db.session.commit()  # the foreign key still cascades
        assert db.session.execute(db.select(db.func.count(MatchResult.id))).scalar_one() == 0


def test_a_table_with_an_identity_column_is_refilled_not_swapped(app):
    """An identity column's sequence belongs to the column: such a table keeps its rows' path."""
    from sqlalchemy import Column, Identity, Integer, MetaData, Table

    from app.bulk import rows_replaced, swappable

    table = Table(
        "bulk_identity_probe", MetaData(), Column("id", Integer, Identity(), primary_key=True)
    )
    connection = db.session.connection()
    table.create(connection)
    try:
        assert swappable(table) is False
        connection.execute(table.insert())
        with rows_replaced(table) as into:
            assert into == "bulk_identity_probe"
        assert connection.execute(db.select(db.func.count()).select_from(table)).scalar_one() == 0
    finally:
        db.session.rollback()
