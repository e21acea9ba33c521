"""CPU per request, in-process (Flask test client, no network), per page, with anchors.

Usage: .venv/bin/python bench/pages.py [--requests 200] [--candidates 50000 --jobs 5000]
       DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/pages.py

For a temporary SQLite file (and PostgreSQL when DATABASE_URL points to a server: a throwaway
database there) it migrates, loads the demo data and the scale data set, computes the stored matches
of the demo job and candidate and the indicators' default views (as `flask reports refresh` does
from cron), then times each page: the process CPU time (time.process_time: Python, templates and
the database driver; SQLite runs in-process, PostgreSQL's own work is not counted) and the wall time,
median and p99 over the requests. The anchors, measured the same way in the same run, are a Flask
hello-world and a minimal Flask-SQLAlchemy page listing 20 jobs joined with their employer
(bench/anchor_app.py). It prints the targets of issue 21 and whether each is met.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Job, User  # noqa: E402
from app.seed import DEMO_PASSWORD, seed_demo  # noqa: E402
from app.seed_scale import seed_scale  # noqa: E402

STAFF = "personnel@demo.maillage.example"
ADMIN = "admin@demo.maillage.example"
EMPLOYER = "employeur@demo.maillage.example"
CANDIDATE = "candidate@demo.maillage.example"
PARTNER = "promis@demo.maillage.example"

# CPU ms per request, full page (issue 21).
TARGETS = {
    "job board": 4.0,
    "job board, region + group": 4.0,
    "job board, keyword": 4.0,
    "job board, region + keyword": 4.0,
    "job detail": 2.0,
    "candidate: jobs for me": 5.0,
    "employer: matched candidates": 5.0,
    "partner: funding queue": 4.0,
    "staff: indicators": 4.0,
}


def pages(job_id: int) -> list[tuple[str, str, str | None, bool]]:
    rows = [
        ("job board", "/postes", None),
        ("job board, region + group", "/postes?region=02&group=7", None),
        ("job board, keyword", "/postes?q=soudeur", None),
        ("job board, region + keyword", "/postes?region=02&q=soud", None),
        ("job board, page 50", "/postes?page=50", None),
        ("job detail", f"/postes/{job_id}", None),
        ("candidate: jobs for me", "/candidat/postes-pour-moi", CANDIDATE),
        ("candidate: my applications", "/candidatures", CANDIDATE),
        ("employer: matched candidates", f"/employeurs/postes/{job_id}/correspondances", EMPLOYER),
        ("employer: pipeline", f"/employeurs/postes/{job_id}/candidats", EMPLOYER),
        ("partner: funding queue", "/partenaires/demandes", PARTNER),
        ("staff: indicators", "/programme/indicateurs", STAFF),
        ("staff: pre-qualification", "/programme/prequalification", STAFF),
        ("admin: accounts search", "/programme/admin/comptes?q=demo", ADMIN),
    ]
    fragments = {"job board", "job board, region + keyword", "staff: indicators"}
    out = []
    for name, path, user in rows:
        out.append((name, path, user, False))
        if name in fragments:
            out.append((name, path, user, True))
    return out


def sign_in(client, email: str) -> None:
    """Sign a demo account in, with its two-step code when it has one (the published demo key)."""
    import pyotp

    from app.seed import DEMO_TOTP_SECRET

    r = client.post("/connexion", data={"email": email, "password": DEMO_PASSWORD})
    if r.headers.get("Location", "").endswith("/connexion/code"):
        r = client.post("/connexion/code", data={"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
    assert r.status_code in (302, 303), (email, r.status_code)
    assert client.get("/tableau-de-bord").status_code == 200, email


def time_requests(client, path: str, headers: dict, n: int) -> tuple[float, float, float]:
    """(median CPU ms, p99 CPU ms, median wall ms) over n requests, after two warm-ups."""
    for _ in range(2):
        client.get(path, headers=headers)
    cpu, wall = [], []
    for _ in range(n):
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(path, headers=headers)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    cpu.sort()
    return statistics.median(cpu), cpu[max(int(len(cpu) * 0.99) - 1, 0)], statistics.median(wall)


def run(url: str, args) -> list[str]:
    from app.blueprints.matching import services as matching
    from app.blueprints.reports.services import refresh_indicators, region_codes
    from app.clock import today

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = url
    config.RATELIMIT_ENABLED = False
    config.WTF_CSRF_ENABLED = False
    config.TWO_FACTOR_REQUIRED_ROLES = ()  # in-process timing: the second factor is not measured
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        if args.candidates or args.jobs:
            seed_scale(args.candidates, args.jobs)
            db.session.commit()
        employer = db.session.execute(db.select(User).filter_by(email=EMPLOYER)).scalar_one()
        job = db.session.execute(
            db.select(Job).where(Job.organisation_id == employer.organisation.id).order_by(Job.id)
        ).scalars().first()
        matching.recompute_job(job)
        candidate = db.session.execute(db.select(User).filter_by(email=CANDIDATE)).scalar_one()
        matching.recompute_candidate(candidate.candidate_profile)
        refresh_indicators(today(), region_codes())
        db.session.commit()
        job_id = job.id
        count = db.session.execute(db.select(db.func.count(Job.id))).scalar_one()
        db.session.remove()

    from anchor_app import create_anchor_app

    anchor_app = create_anchor_app(url)
    anchor = anchor_app.test_client()
    lines = [
        f"data: {count} jobs, {args.candidates} generated candidates; {args.requests} requests "
        "a page",
        f"{'page':44} {'cpu p50':>8} {'cpu p99':>8} {'wall p50':>9}",
    ]
    anchors = {}
    for name, path in (("anchor: hello-world", "/hello"), ("anchor: 20 joined rows", "/rows")):
        with anchor_app.app_context():
            cpu50, cpu99, wall = time_requests(anchor, path, {}, args.requests)
        anchors[name] = cpu50
        lines.append(f"{name:44} {cpu50:8.2f} {cpu99:8.2f} {wall:9.2f}")
    results = {}
    clients: dict[str | None, object] = {}
    for name, path, user, htmx in pages(job_id):
        if user not in clients:
            client = app.test_client()
            if user:
                sign_in(client, user)
            clients[user] = client
        headers = {"HX-Request": "true"} if htmx else {}
        cpu50, cpu99, wall = time_requests(clients[user], path, headers, args.requests)
        results[(name, htmx)] = cpu50
        label = name + (", htmx fragment" if htmx else "")
        lines.append(f"{label:44} {cpu50:8.2f} {cpu99:8.2f} {wall:9.2f}")
    lines.append("")
    lines.append(
        f"anchors: hello-world {anchors['anchor: hello-world']:.2f} ms, "
        f"20 joined rows {anchors['anchor: 20 joined rows']:.2f} ms CPU a request"
    )
    for name, target in TARGETS.items():
        value = results[(name, False)]
        verdict = "met" if value <= target else "NOT met"
        lines.append(f"target {name}: ≤ {target:.0f} ms -> {value:.2f} ms, {verdict}")
    for (name, htmx), value in results.items():
        if htmx:
            saving = 1 - value / results[(name, False)]
            verdict = "met" if saving >= 0.30 else "NOT met"
            lines.append(f"target {name}, fragment ≥ 30% cheaper -> {100 * saving:.0f}%, {verdict}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--candidates", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.no_sqlite:
        tmp = tempfile.mkdtemp()
        print("== SQLite file")
        print("\n".join(run(f"sqlite:///{tmp}/bench.sqlite3", args)), flush=True)
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgresql"):
        from throwaway import throwaway_database

        with throwaway_database(server, "maillage_pages") as url:
            print("\n== PostgreSQL")
            print("\n".join(run(url, args)), flush=True)


if __name__ == "__main__":
    main()
