"""Time the foundation pages in-process (no network): p50/p99 per page, in milliseconds.

Usage: .venv/bin/python bench/pages.py [--requests 300]
Seeds a temporary SQLite database with the reference and demo data first.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.config import Config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.seed import DEMO_PASSWORD, seed_demo  # noqa: E402

PAGES = [
    ("home", "/", None),
    ("regions", "/regions/", None),
    ("login form", "/connexion", None),
    ("healthz", "/healthz", None),
    ("dashboard (staff)", "/tableau-de-bord", "personnel@demo.maillage.example"),
    ("accounts search (admin)", "/programme/admin/comptes?q=demo", "admin@demo.maillage.example"),
    (
        "accounts search, htmx fragment",
        "/programme/admin/comptes?q=demo",
        "admin@demo.maillage.example",
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp}/bench.sqlite3"
    config.RATELIMIT_ENABLED = False
    config.WTF_CSRF_ENABLED = False
    app = create_app(config)
    with app.app_context():
        db.create_all()
        seed_demo()
        db.session.commit()
    print(f"{'page':34} {'p50 ms':>8} {'p99 ms':>8}")
    for name, path, user in PAGES:
        client = app.test_client()
        if user:
            client.post("/connexion", data={"email": user, "password": DEMO_PASSWORD})
        headers = {"HX-Request": "true"} if "htmx" in name else {}
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(path, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        timings.sort()
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(f"{name:34} {statistics.median(timings):8.2f} {p99:8.2f}")


if __name__ == "__main__":
    main()
