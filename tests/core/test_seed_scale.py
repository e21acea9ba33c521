"""Generated data at scale: counts, realism, determinism and idempotence."""

from sqlalchemy.orm import selectinload

from app.clock import today as program_today
from app.extensions import db
from app.models import (
    CandidateProfile,
    EmployerMembership,
    EmployerOrganisation,
    Job,
    JobStatus,
    MembershipRole,
    MembershipStatus,
    Occupation,
    Role,
    User,
)
from app.seed import DEMO_PASSWORD
from app.seed_scale import SCALE_DOMAIN, seed_scale
from tests.conftest import IS_POSTGRES, _empty_postgres


def count(stmt) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(stmt.subquery())).scalar_one()


def fresh_database(app_factory) -> None:
    """Start again on an empty database (PostgreSQL tests share one: empty it)."""
    db.session.remove()
    if IS_POSTGRES:
        _empty_postgres()
    else:
        app_factory()


def snapshot() -> tuple[list, list]:
    """Return the generated content, free of ids and timestamps, to compare two databases."""
    profiles = db.session.execute(
        db.select(CandidateProfile)
        .join(User)
        .options(selectinload(CandidateProfile.occupations))
        .options(selectinload(CandidateProfile.regions))
        .order_by(User.email)
    ).scalars()
    candidates = [
        (
            p.user.email,
            p.user.full_name,
            p.user.locale,
            p.country,
            p.city,
            p.timezone,
            p.work_status,
            p.french_level,
            p.english_level,
            p.experience_years,
            tuple(p.skills),
            tuple(p.desired_titles),
            tuple(o.noc for o in p.occupations),
            tuple(r.code for r in p.regions),
            p.regions_anywhere,
        )
        for p in profiles
    ]
    jobs = [
        (
            j.external_id,
            j.organisation.neq,
            j.organisation.name,
            j.title_fr,
            j.title_en,
            j.noc,
            j.region_code,
            j.municipality.name,
            j.salary_min,
            j.closing_date,
            tuple(j.skills_required),
        )
        for j in db.session.execute(db.select(Job).order_by(Job.external_id)).scalars()
    ]
    return candidates, jobs


def test_counts_and_accounts(app, reference):
    report = seed_scale(200, 30)
    db.session.commit()
    assert (report.candidates_created, report.organisations_created, report.jobs_created) == (
        200,
        6,
        30,
    )
    candidates = db.select(User).where(
        User.role == Role.CANDIDATE, User.email.like(f"cand%@{SCALE_DOMAIN}")
    )
    assert count(candidates) == 200
    assert count(db.select(CandidateProfile).where(CandidateProfile.user_id.is_not(None))) == 200
    assert count(db.select(EmployerOrganisation).where(EmployerOrganisation.neq.like("8%"))) == 6
    owners = db.session.execute(db.select(EmployerMembership)).scalars().all()
    assert len(owners) == 6
    assert all(m.role == MembershipRole.OWNER for m in owners)
    assert all(m.status == MembershipStatus.ACTIVE for m in owners)
    assert {m.user.email for m in owners} == {f"emp{k}@{SCALE_DOMAIN}" for k in range(1, 7)}
    neqs = [o.neq for o in db.session.execute(db.select(EmployerOrganisation)).scalars()]
    assert all(len(n) == 10 and n.isdigit() and n.startswith("8") for n in neqs)
    assert len(set(neqs)) == 6
    # One hash for everybody: the benchmark must not spend its time in argon2.
    hashes = set(db.session.execute(db.select(User.password_hash)).scalars())
    assert len(hashes) == 1


def test_profiles_are_plausible(app, reference):
    seed_scale(200, 0)
    db.session.commit()
    profiles = db.session.execute(
        db.select(CandidateProfile).options(
            selectinload(CandidateProfile.occupations), selectinload(CandidateProfile.regions)
        )
    ).scalars()
    countries, anywhere, french_skills = set(), 0, 0
    for p in profiles:
        assert p.occupations and p.desired_titles and 3 <= len(p.skills) <= 6
        assert p.regions_anywhere or p.regions
        assert all(r.code != "06" for r in p.regions)
        assert 0 <= p.french_level <= 12 and 0 <= p.english_level <= 12
        assert p.work_status is not None and p.timezone
        countries.add(p.country)
        anywhere += p.regions_anywhere
        french_skills += p.user.locale == "fr_CA"
    assert {"France", "Maroc", "Canada"} <= countries and len(countries) >= 10
    assert 0 < anywhere < 200 and 0 < french_skills < 200


def test_jobs_are_published_outside_montreal_in_a_town_of_their_region(app, reference):
    seed_scale(0, 30)
    db.session.commit()
    jobs = db.session.execute(db.select(Job)).scalars().all()
    assert len(jobs) == 30
    known = set(db.session.execute(db.select(Occupation.noc)).scalars())
    today = program_today()
    for job in jobs:
        assert job.region_code != "06"
        assert job.municipality is not None
        assert job.municipality.region_code == job.region_code
        assert job.status == JobStatus.PUBLISHED and job.is_open(today)
        assert job.closing_date > today
        assert job.noc in known and job.title_fr and job.title_en
        assert job.salary_min < job.salary_max
        assert job.description_fr and job.description_en
    assert len({j.region_code for j in jobs}) >= 3


def test_generation_is_deterministic_and_reruns_add_only_what_is_missing(app_factory):
    app_factory()
    seed_scale(150, 20)
    db.session.commit()
    again = seed_scale(150, 20)
    assert (again.candidates_created, again.organisations_created, again.jobs_created) == (
        0,
        0,
        0,
    )
    grown = seed_scale(200, 30)
    db.session.commit()
    assert (grown.candidates_created, grown.organisations_created, grown.jobs_created) == (
        50,
        2,
        10,
    )
    in_two_steps = snapshot()

    fresh_database(app_factory)
    seed_scale(200, 30)
    db.session.commit()
    assert snapshot() == in_two_steps

    fresh_database(app_factory)
    seed_scale(200, 30, seed=7)
    db.session.commit()
    other_seed = snapshot()
    assert other_seed[0] != in_two_steps[0] and other_seed[1] != in_two_steps[1]


def test_a_generated_candidate_signs_in_with_the_demo_password(app, client, reference):
    seed_scale(5, 0)
    db.session.commit()
    r = client.post(
        "/connexion", data={"email": f"cand3@{SCALE_DOMAIN}", "password": DEMO_PASSWORD}
    )
    assert r.status_code == 303
    assert client.get("/compte/").status_code == 200
    stranger = app.test_client()
    wrong = stranger.post("/connexion", data={"email": f"cand4@{SCALE_DOMAIN}", "password": "x"})
    assert wrong.status_code == 200
    assert stranger.get("/compte/").status_code == 302


def test_seed_demo_command_takes_scale_options(app):
    result = app.test_cli_runner().invoke(
        args=["seed", "demo", "--candidates", "12", "--jobs", "7"]
    )
    assert result.exit_code == 0, result.output
    assert "12 candidates, 2 organisations (with their employer), 7 jobs created" in result.output
    assert count(db.select(Job).where(Job.external_id.like("scale-j%"))) == 7
    assert count(db.select(User).where(User.email.like(f"cand%@{SCALE_DOMAIN}"))) == 12


def test_generated_jobs_are_found_by_keyword_without_accents(app, reference):
    from app.blueprints.jobs.services import BoardFilters, search_jobs
    from app.clock import today
    from app.models import Job

    seed_scale(20, 30)
    db.session.commit()
    jobs = list(db.session.execute(db.select(Job)).scalars())
    assert jobs and all(j.search_text.strip() for j in jobs)
    word = jobs[0].search_text.split()[0]
    found, total = search_jobs(BoardFilters(q=word), today(), None)
    assert total >= 1 and all(f" {word}" in card.whole().search_text for card in found)


def test_the_planner_has_statistics_after_seeding(app, reference):
    from sqlalchemy import text

    seed_scale(60, 10)
    if db.session.get_bind().dialect.name == "sqlite":
        rows = db.session.execute(
            text("SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ('jobs', 'candidate_profiles')")
        ).scalar_one()
        assert rows >= 2
    else:
        tuples = db.session.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = 'jobs'")
        ).scalar_one()
        assert tuples >= 10  # -1 before any ANALYZE
