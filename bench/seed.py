"""Time the scale seeding: 50,000 candidates and 5,000 jobs (target: under 120 s).

Usage: .venv/bin/python bench/seed.py [--candidates 50000] [--jobs 5000]
Runs on a fresh temporary SQLite file, then, when DATABASE_URL points to PostgreSQL, on a
throwaway database created on that server and dropped afterwards.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    CandidateProfile,
    EmployerMembership,
    EmployerOrganisation,
    Job,
    User,
)
from app.models.candidates import candidate_occupations, candidate_regions  # noqa: E402
from app.seed_scale import seed_scale  # noqa: E402

TARGET_SECONDS = 120


def run(label: str, url: str, candidates: int, jobs: int) -> float:
    """Migrate an empty database at `url`, seed it at scale and print the time and row counts."""
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = url
    app = create_app(config)
    with app.app_context():
        flask_migrate.upgrade()
        start = time.perf_counter()
        report = seed_scale(candidates, jobs)
        db.session.commit()
        elapsed = time.perf_counter() - start
        print(f"\n{label}: {elapsed:.1f} s for seed_scale({candidates}, {jobs}) ({report})")
        for name, table in [
            ("users", User.__table__),
            ("candidate_profiles", CandidateProfile.__table__),
            ("candidate_occupations", candidate_occupations),
            ("candidate_regions", candidate_regions),
            ("employer_organisations", EmployerOrganisation.__table__),
            ("employer_memberships", EmployerMembership.__table__),
            ("jobs", Job.__table__),
        ]:
            rows = db.session.execute(db.select(db.func.count()).select_from(table)).scalar_one()
            print(f"  {name:24} {rows:>8}")
        start = time.perf_counter()
        again = seed_scale(candidates, jobs)
        db.session.commit()
        print(f"  second run: {time.perf_counter() - start:.1f} s ({again})")
        db.session.remove()
        db.engine.dispose()
    verdict = "OK" if elapsed < TARGET_SECONDS else f"SLOWER THAN {TARGET_SECONDS} s"
    print(f"  {verdict}")
    return elapsed


def run_postgres(server_url: str, candidates: int, jobs: int) -> float:
    """Run the benchmark in a throwaway database next to `server_url`."""
    with throwaway_database(server_url, "maillage_bench") as url:
        return run(f"PostgreSQL ({make_url(url).database})", url, candidates, jobs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite file", f"sqlite:///{tmp}/bench.sqlite3", args.candidates, args.jobs)
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgresql"):
        run_postgres(database_url, args.candidates, args.jobs)
    else:
        print("\nPostgreSQL skipped: set DATABASE_URL=postgresql+psycopg://... to include it.")


if __name__ == "__main__":
    main()
