"""Time pages in-process (Flask test client, no network): p50/p99 per page, in milliseconds.

Usage: .venv/bin/python bench/pages.py [--requests 300] [--candidates 50000 --jobs 5000]
Seeds a temporary SQLite database with the reference and demo data, plus the scale data set
(`flask seed demo --candidates N --jobs M`) when asked.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Job  # noqa: E402
from app.seed import DEMO_PASSWORD, seed_demo  # noqa: E402
from app.seed_scale import seed_scale  # noqa: E402

STAFF = "personnel@demo.maillage.example"
ADMIN = "admin@demo.maillage.example"
EMPLOYER = "employeur@demo.maillage.example"
CANDIDATE = "candidate@demo.maillage.example"


def pages(job_id: int) -> list[tuple[str, str, str | None, bool]]:
    return [
        ("home", "/", None, False),
        ("healthz (anchor)", "/healthz", None, False),
        ("job board", "/postes", None, False),
        ("job board, htmx fragment", "/postes", None, True),
        ("job board, region + keyword", "/postes?region=02&q=soud", None, False),
        ("job board, filters, fragment", "/postes?region=02&q=soud&group=7", None, True),
        ("job board, page 50", "/postes?page=50", None, False),
        ("job detail", f"/postes/{job_id}", None, False),
        ("candidate: jobs I meet", "/postes?mine=1", CANDIDATE, False),
        ("candidate: profile", "/candidat/profil", CANDIDATE, False),
        ("candidate: my applications", "/candidatures", CANDIDATE, False),
        ("employer: pipeline", None, EMPLOYER, False),
        ("staff: dashboard", "/tableau-de-bord", STAFF, False),
        ("staff: pre-qualification", "/programme/prequalification", STAFF, False),
        ("admin: accounts search", "/programme/admin/comptes?q=demo", ADMIN, False),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--candidates", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp}/bench.sqlite3"
    config.RATELIMIT_ENABLED = False
    config.WTF_CSRF_ENABLED = False
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        if args.candidates or args.jobs:
            seed_scale(args.candidates, args.jobs)
            db.session.commit()
        demo_job = db.session.execute(db.select(Job).order_by(Job.id)).scalars().first()
        job_id = demo_job.id
        jobs = db.session.execute(db.select(db.func.count(Job.id))).scalar_one()
    print(f"data: {jobs} jobs, {args.candidates} generated candidates")
    print(f"{args.requests} requests a page")
    print(f"{'page':34} {'p50 ms':>8} {'p99 ms':>8}")
    for name, path, user, htmx in pages(job_id):
        client = app.test_client()
        if user:
            client.post("/connexion", data={"email": user, "password": DEMO_PASSWORD})
        path = path or f"/employeurs/postes/{job_id}/candidats"
        headers = {"HX-Request": "true"} if htmx else {}
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(path, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        timings.sort()
        p99 = timings[max(int(len(timings) * 0.99) - 1, 0)]
        print(f"{name:34} {statistics.median(timings):8.2f} {p99:8.2f}")


if __name__ == "__main__":
    main()
