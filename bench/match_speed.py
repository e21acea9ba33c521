"""Matching speed on this machine, each figure next to an anchor measured in the same run.

Usage: .venv/bin/python bench/match_speed.py [--candidates 50000] [--jobs 5000] [--skip-db]
       [--skip-cli] [--skip-rank] [--database-url URL]

--database-url runs parts 2 and 3 on that database (an empty throwaway one, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/speedtmp after `createdb -h 127.0.0.1 -U postgres
speedtmp`; drop it afterwards) instead of a new SQLite file.

Synthetic candidates name 0-2 occupation titles (with slips) and half of them a NOC code, so that
title mapping is part of the pool build.

1. Rank 50,000 candidates (about 15 skills each) for one job with 10 required skills: median of
   repeated runs, pool building excluded; anchor: a naive loop over candidate pairs with
   rapidfuzz's token_set_ratio (timed on a sample, scaled to the whole pool).
2. Recompute every stored match for 5,000 jobs x 50,000 candidates on SQLite or --database-url (seeded with
   `flask seed demo --candidates N --jobs M`), with the peak memory it added.
3. Incremental recompute after one job changes, and after one profile changes.
4. `flask match rank` on 20 jobs x 50,000 candidates from JSON, start-up included.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from app.matching.normalise import default_vocabulary  # noqa: E402
from app.matching.score import CandidatePool, CandidateSpec, JobSpec  # noqa: E402
from app.text import fold  # noqa: E402

STATUSES = [
    "citizen",
    "permanent_resident",
    "open_work_permit",
    "employer_specific_work_permit",
    "none",
]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 6 or rng.random() > 0.15:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :]


def synthetic(n: int, seed: int = 7) -> tuple[list[CandidateSpec], JobSpec, list[str]]:
    """Candidates whose skills come from the vocabulary, in both languages, with some typos."""
    rng = random.Random(seed)
    vocab = default_vocabulary()
    labels = [(s.label_fr, s.label_en) for s in vocab.skills] or [
        (f"compétence {i}", f"skill {i}") for i in range(900)
    ]
    nocs = sorted(vocab.occupation_titles) or ["72106"]
    titles = [t for pair in vocab.occupation_titles.values() for t in pair] or ["soudeur"]
    candidates = [
        CandidateSpec(
            id=i,
            nocs=[rng.choice(nocs)] if rng.random() < 0.5 else [],
            desired_titles=[_typo(rng, rng.choice(titles)) for _ in range(rng.randint(0, 2))],
            skills=[_typo(rng, rng.choice(pair)) for pair in rng.sample(labels, 15)],
            french=rng.randint(0, 12),
            english=rng.randint(0, 12),
            experience=rng.randint(0, 20),
            regions=["*"] if rng.random() < 0.2 else [f"{rng.randint(1, 17):02d}"],
            work_status=rng.choice(STATUSES),
        )
        for i in range(n)
    ]
    required = [rng.choice(pair) for pair in rng.sample(labels, 10)]
    job = JobSpec(
        id="bench",
        noc=nocs[len(nocs) // 2],
        skills_required=required,
        region="02",
        french_min=5,
        english_min=0,
        experience_min=2,
    )
    return candidates, job, required


def bench_rank(n: int) -> None:
    candidates, job, required = synthetic(n)
    vocab = default_vocabulary()
    started = time.perf_counter()
    pool = CandidatePool(candidates, vocab)
    build = time.perf_counter() - started
    started = time.perf_counter()
    pool.rank(job, top=100)
    cold = (time.perf_counter() - started) * 1000
    runs = []
    for _ in range(15):
        started = time.perf_counter()
        pool.rank(job, top=100)
        runs.append((time.perf_counter() - started) * 1000)
    engine = statistics.median(runs)
    sample = candidates[:2000]
    started = time.perf_counter()
    for c in sample:
        mine = [fold(s) for s in c.skills]
        sum(max(fuzz.token_set_ratio(fold(r), s) for s in mine) for r in required)
    naive = (time.perf_counter() - started) * 1000 * n / len(sample)
    print(f"1. rank {n} candidates for one job (10 required skills, 15 skills each)")
    print(
        f"   engine median {engine:8.1f} ms  (first rank {cold:.1f} ms; pool built once in {build:.2f} s, target <= 2 s)"
    )
    print(f"   naive anchor  {naive:8.1f} ms  (pairwise token_set_ratio, timed on 2,000, scaled)")
    print(f"   speed-up      {naive / engine:8.0f} x   (target, issue 13: engine <= 10 ms)")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_database(candidates: int, jobs: int, url: str | None = None) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.blueprints.matching import services
    from app.config import Config
    from app.extensions import db
    from app.models import CandidateProfile, Job, MatchResult
    from app.seed import seed_demo
    from app.seed_scale import seed_scale

    tmp = tempfile.mkdtemp()
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = url or f"sqlite:///{tmp}/speed.sqlite3"
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_demo()
        seed_scale(candidates, jobs)
        db.session.commit()
        before = _rss_mb()
        started = time.perf_counter()
        stored = services.recompute_all()
        db.session.commit()
        elapsed = time.perf_counter() - started
        print(
            f"2. recompute all ({db.engine.dialect.name}): {elapsed:.1f} s for {jobs} jobs x "
            f"{candidates} candidates, "
            f"{stored} rows written; peak memory +{_rss_mb() - before:.0f} MB (target, issue 13: <= 20 s)"
        )
        job = db.session.execute(db.select(Job).order_by(Job.id.desc())).scalars().first()
        profile = (
            db.session.execute(db.select(CandidateProfile).order_by(CandidateProfile.id))
            .scalars()
            .first()
        )
        services.recompute_job(job)  # warm the per-process pools, as a running server has them
        services.recompute_candidate(profile)
        db.session.commit()
        for label, action in (
            ("one job", lambda: services.recompute_job(job)),
            ("one profile", lambda: services.recompute_candidate(profile)),
        ):
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                action()
                db.session.commit()
                runs.append((time.perf_counter() - started) * 1000)
            print(
                f"3. incremental recompute after {label} changes: median {statistics.median(runs):.0f} ms "
                "(target, issue 13: <= 50 ms)"
            )
        rows = db.session.execute(db.select(db.func.count(MatchResult.id))).scalar_one()
        print(f"   stored results now: {rows}")


def bench_cli(n: int) -> None:
    candidates, job, _ = synthetic(n, seed=11)
    document = {
        "jobs": [
            {
                "id": f"j{i}",
                "title": "",
                "description": "",
                "noc": job.noc,
                "skills_required": job.skills_required,
                "skills_nice": [],
                "region": f"{(i % 16) + 1:02d}",
                "city": "",
                "french_level_min": i % 7,
                "english_level_min": 0,
                "experience_years_min": i % 4,
                "work_permit_required": True,
            }
            for i in range(20)
        ],
        "candidates": [
            {
                "id": f"c{c.id}",
                "desired_titles": c.desired_titles,
                "noc": c.nocs,
                "skills": c.skills,
                "summary": "",
                "french_level": c.french,
                "english_level": c.english,
                "experience_years": c.experience,
                "regions": c.regions,
                "work_status": c.work_status,
            }
            for c in candidates
        ],
    }
    path = Path(tempfile.mkdtemp()) / "rank.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "match", "rank", "--input", str(path)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        env={**os.environ, "DATABASE_URL": "sqlite://"},
    )
    elapsed = time.perf_counter() - started
    ranked = sum(len(v) for v in json.loads(result.stdout)["rankings"].values())
    print(
        f"4. flask match rank, 20 jobs x {n} candidates from JSON: {elapsed:.1f} s, start-up included "
        f"({ranked} ranked entries with reasons; target, issue 13: <= 5 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=5_000)
    parser.add_argument("--skip-db", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-rank", action="store_true")
    parser.add_argument("--database-url", help="an empty throwaway database for parts 2 and 3")
    args = parser.parse_args()
    if not args.skip_rank:
        bench_rank(args.candidates)
    if not args.skip_db:
        bench_database(args.candidates, args.jobs, args.database_url)
    if not args.skip_cli:
        bench_cli(args.candidates)


if __name__ == "__main__":
    main()
