"""Load benchmark through gunicorn: requests/s, p50/p99 and server CPU per request, per page.

Usage (from a fresh clone, after `make install` or `make test`):

    .venv/bin/python bench/load.py [--duration 10] [--candidates 50000 --jobs 5000]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load.py

For each database (a temporary SQLite file; and PostgreSQL when DATABASE_URL points to a server,
in a throwaway database created there and dropped afterwards) it:
1. migrates, loads the demo accounts and the scale data set (seed_scale, as bench/seed.py does),
   and computes the stored matches of the demo job and the demo candidate;
2. starts gunicorn with the project's gunicorn.conf.py on 127.0.0.1 and a free port, with the
   production configuration (MAILLAGE_ENV=production, a random SECRET_KEY for the run);
3. signs the demo accounts in over HTTP like a browser (CSRF token, then the two-step code from
   the published demo key for staff and partners, computed with pyotp);
4. drives each page with wrk (Debian package `wrk`) at 1 and 16 connections for a fixed time,
   full page and htmx fragment (HX-Request: true), and the trivial /healthz route as the anchor;
5. reads the CPU time of the gunicorn master and workers from /proc before and after each run.

Production cookies are Secure, and this runs over plain http on 127.0.0.1: the script keeps the
production configuration untouched and sends the session cookie itself in wrk's Cookie header
(a client may always send a cookie; only browsers refuse to send a Secure one over http). So the
measured server is exactly the production one.

It prints the table and writes bench/results/load.md.
"""

import argparse
import html
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Issue 21: every page ≥ 0.5× the 20-row anchor's throughput at 16 clients, on both databases.
TARGETS = {"p99_1": 10.0, "p99_16": 50.0, "ratio_sqlite": 0.5, "ratio_postgres": 0.5}
CANDIDATE = "candidate@demo.maillage.example"
EMPLOYER = "employeur@demo.maillage.example"
PARTNER = "promis@demo.maillage.example"
STAFF = "personnel@demo.maillage.example"
ANCHOR = "anchor: hello-world"
ANCHOR_ROWS = "anchor: 20 joined rows"
ANCHORS = ((ANCHOR, "/hello"), (ANCHOR_ROWS, "/rows"))


def pages(job_id: int) -> list[tuple[str, str, str | None]]:
    """(name, path, account) of each page measured; each runs as a full page and as a fragment."""
    return [
        ("job board", "/postes", None),
        ("job board, region + group", "/postes?region=02&group=7", None),
        ("job board, keyword", "/postes?q=soudeur", None),
        ("job detail", f"/postes/{job_id}", None),
        ("candidate: jobs for me", "/candidat/postes-pour-moi", CANDIDATE),
        ("employer: matched candidates", f"/employeurs/postes/{job_id}/correspondances", EMPLOYER),
        ("partner: funding queue", "/partenaires/demandes", PARTNER),
        ("staff: indicators", "/programme/indicateurs", STAFF),
    ]


# ---------------------------------------------------------------- data


def prepare_database(url: str, candidates: int, jobs: int) -> int:
    """Migrate and seed the database at `url`; return the demo employer's first job id."""
    import flask_migrate

    from app import create_app
    from app.blueprints.matching import services as matching
    from app.config import Config
    from app.extensions import db
    from app.models import Job, User
    from app.seed import seed_demo
    from app.seed_scale import seed_scale

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = url
    app = create_app(config)
    with app.app_context():
        start = time.perf_counter()
        flask_migrate.upgrade()
        seed_demo()
        db.session.commit()
        seed_scale(candidates, jobs)
        db.session.commit()
        employer = db.session.execute(db.select(User).filter_by(email=EMPLOYER)).scalar_one()
        job = db.session.execute(
            db.select(Job)
            .where(Job.organisation_id == employer.organisation.id)
            .order_by(Job.id)
            .limit(1)
        ).scalar_one()
        matching.recompute_job(job)
        candidate = db.session.execute(db.select(User).filter_by(email=CANDIDATE)).scalar_one()
        matching.recompute_candidate(candidate.candidate_profile)
        db.session.commit()
        count = db.session.execute(db.select(db.func.count(Job.id))).scalar_one()
        print(
            f"  seeded {count} jobs, {candidates} generated candidates in "
            f"{time.perf_counter() - start:.1f} s"
        )
        job_id = job.id
        db.session.remove()
        db.engine.dispose()
    return job_id


# ---------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    base: str

    def pids(self) -> list[int]:
        """The gunicorn master and its workers."""
        master = self.proc.pid
        found = [master]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                    found.append(int(entry.name))
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU time of the master and its workers, in seconds."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_server(database_url: str, upload_dir: str, app: str = "wsgi:app") -> Server:
    port = free_port()
    env = {
        **os.environ,
        "MAILLAGE_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "BIND": f"127.0.0.1:{port}",
        "UPLOAD_DIR": upload_dir,
        "AUTH_RATE_LIMIT": "100 per minute",
    }
    env.pop("REDIS_URL", None)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "-c", "gunicorn.conf.py", app],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,  # the access log: one line a request
        stderr=subprocess.DEVNULL,
    )
    server = Server(proc, f"http://127.0.0.1:{port}")
    for _ in range(300):
        try:
            with urllib.request.urlopen(server.base + "/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    server.stop()
    raise SystemExit("gunicorn did not start")


# ---------------------------------------------------------------- sign-in over HTTP


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: one cookie jar (Secure cookies sent over http), no redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})  # noqa: S310
        if self.cookies:
            req.add_header("Cookie", self.cookie_header())
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as err:  # 3xx without redirect handling, 4xx, 5xx
            response = err
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, response.read().decode("utf-8", "replace")

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def csrf(self, path: str) -> str:
        _, _, page = self.request(path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        return html.unescape(match.group(1)) if match else ""


def sign_in(base: str, email: str) -> str:
    """Sign a demo account in; return the Cookie header that carries its session."""
    import pyotp

    from app.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET

    browser = Browser(base)
    token = browser.csrf("/connexion")
    status, headers, _ = browser.request(
        "/connexion", {"email": email, "password": DEMO_PASSWORD, "csrf_token": token}
    )
    if headers.get("Location", "").endswith("/connexion/code"):
        totp = pyotp.TOTP(DEMO_TOTP_SECRET)
        for _ in range(3):  # a code is good once per 30-second step (per account)
            token = browser.csrf("/connexion/code")
            status, headers, _ = browser.request(
                "/connexion/code", {"code": totp.now(), "csrf_token": token}
            )
            if status == 303 and not headers.get("Location", "").endswith("/connexion/code"):
                break
            time.sleep(30 - time.time() % 30 + 0.5)
    if status not in (302, 303):
        raise SystemExit(f"could not sign in {email} (HTTP {status})")
    return browser.cookie_header()


# ---------------------------------------------------------------- wrk


@dataclass
class Result:
    page: str
    htmx: bool
    connections: int
    rps: float
    p50: float
    p99: float
    requests: int
    errors: int
    cpu_ms: float
    ratio: float | None = None
    ratio_rows: float | None = None
    notes: list[str] = field(default_factory=list)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, connections: int, seconds: float, headers: dict[str, str]) -> dict:
    threads = min(connections, 2)
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    if "50" not in lat or "99" not in lat:  # no request finished in time
        print(out, file=sys.stderr)
        lat = {"50": "10s", "99": "10s"}
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(lat["50"]),
        "p99": _ms(lat["99"]),
        "requests": total,
        "errors": errors,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def check_page(base: str, path: str, headers: dict, htmx: bool) -> None:
    """Fail early if a page does not answer 200 (or is not a fragment when htmx asks)."""
    browser = Browser(base)
    status, _, body = browser.request(path, headers=headers)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    if htmx and "<html" in body:
        print(f"  note: {path} answers htmx with a whole page")


def measure(
    server: Server, anchors: Server, job_id: int, seconds: float, warmup: float
) -> list[Result]:
    cookies = {}
    for _, _, account in pages(job_id):
        if account and account not in cookies:
            cookies[account] = sign_in(server.base, account)
    runs: list[tuple[Server, str, str, bool, dict]] = [
        (anchors, name, path, False, {}) for name, path in ANCHORS
    ]
    for name, path, account in pages(job_id):
        base_headers = {"Cookie": cookies[account]} if account else {}
        for htmx in (False, True):
            headers = {**base_headers, **({"HX-Request": "true"} if htmx else {})}
            runs.append((server, name, path, htmx, headers))
    for on, _, path, htmx, headers in runs:
        check_page(on.base, path, headers, htmx)
        wrk(on.base + path, 2, warmup, headers)  # fill each worker's caches
    results = []
    for connections in (1, 16):
        for on, name, path, htmx, headers in runs:
            before = on.cpu_seconds()
            stats = wrk(on.base + path, connections, seconds, headers)
            cpu = on.cpu_seconds() - before
            result = Result(
                page=name,
                htmx=htmx,
                connections=connections,
                rps=stats["rps"],
                p50=stats["p50"],
                p99=stats["p99"],
                requests=stats["requests"],
                errors=stats["errors"],
                cpu_ms=1000 * cpu / max(stats["requests"], 1),
            )
            if stats["errors"] or stats["socket_errors"]:
                result.notes.append(f"errors: {stats['errors']} {stats['socket_errors']}".strip())
            results.append(result)
            print(
                f"  {connections:>2}c {name + (' [htmx]' if htmx else ''):42} "
                f"{result.rps:8.0f} req/s  p50 {result.p50:6.1f} ms  p99 {result.p99:6.1f} ms  "
                f"cpu {result.cpu_ms:5.2f} ms/req",
                flush=True,
            )
    for connections in (1, 16):
        hello = next(r for r in results if r.page == ANCHOR and r.connections == connections)
        rows = next(r for r in results if r.page == ANCHOR_ROWS and r.connections == connections)
        for r in results:
            if r.connections == connections:
                r.ratio = r.rps / hello.rps if hello.rps else None
                r.ratio_rows = r.rps / rows.rps if rows.rps else None
    return results


# ---------------------------------------------------------------- report


def verdicts(results: list[Result], ratio_target: float) -> list[str]:
    lines = []
    pages_only = [r for r in results if r.page not in (ANCHOR, ANCHOR_ROWS)]
    for connections, target in ((1, TARGETS["p99_1"]), (16, TARGETS["p99_16"])):
        rows = [r for r in pages_only if r.connections == connections]
        worst = max(rows, key=lambda r: r.p99)
        misses = [r for r in rows if r.p99 > target]
        lines.append(
            f"- {connections} client{'s' if connections > 1 else ''}, p99 ≤ {target:.0f} ms: "
            + ("**met**" if not misses else f"**not met** on {len(misses)} of {len(rows)}")
            + f" (worst: {worst.page}{' [htmx]' if worst.htmx else ''}, {worst.p99:.1f} ms)"
        )
    rows = [r for r in pages_only if r.connections == 16]
    worst = min(rows, key=lambda r: r.ratio_rows or 0)
    misses = [r for r in rows if (r.ratio_rows or 0) < ratio_target]
    lines.append(
        f"- 16 clients, throughput ≥ {ratio_target:.2f}× the 20-row anchor: "
        + ("**met**" if not misses else f"**not met** on {len(misses)} of {len(rows)}")
        + f" (lowest: {worst.page}{' [htmx]' if worst.htmx else ''}, {worst.ratio_rows:.2f}×)"
    )
    saving = [
        (full.page, 1 - frag.cpu_ms / full.cpu_ms)
        for full in pages_only
        for frag in pages_only
        if full.connections == frag.connections == 16
        and full.page == frag.page
        and not full.htmx
        and frag.htmx
        and full.cpu_ms
    ]
    if saving:
        low = min(saving, key=lambda s: s[1])
        lines.append(
            "- htmx fragments ≥ 30% cheaper in server CPU than their page: "
            + ("**met**" if all(v >= 0.30 for _, v in saving) else "**not met**")
            + f" (least saving: {low[0]}, {100 * low[1]:.0f}%)"
        )
    return lines


def table(results: list[Result]) -> list[str]:
    lines = [
        "| page | clients | req/s | p50 ms | p99 ms | × hello-world | × 20 rows | server CPU ms/req |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        name = r.page + (", htmx fragment" if r.htmx else "")
        note = f" ({'; '.join(r.notes)})" if r.notes else ""
        lines.append(
            f"| {name}{note} | {r.connections} | {r.rps:.0f} | {r.p50:.1f} | {r.p99:.1f} | "
            f"{r.ratio:.2f} | {r.ratio_rows:.2f} | {r.cpu_ms:.2f} |"
        )
    return lines


def run_on(label: str, url: str, args, ratio_target: float) -> list[str]:
    print(f"\n== {label}")
    job_id = prepare_database(url, args.candidates, args.jobs)
    with tempfile.TemporaryDirectory() as uploads:
        server = start_server(url, uploads)
        anchors = start_server(url, uploads, app="bench.anchor_app:app")
        try:
            print(
                f"  gunicorn {server.base}, master {server.proc.pid}, "
                f"{len(server.pids()) - 1} workers; anchors on {anchors.base}"
            )
            results = measure(server, anchors, job_id, args.duration, args.warmup)
        finally:
            server.stop()
            anchors.stop()
    lines = [f"### {label}", "", *table(results), "", *verdicts(results, ratio_target), ""]
    print("\n".join(lines))
    return lines


def postgres_run(server_url: str, args) -> list[str]:
    from throwaway import throwaway_database

    with throwaway_database(server_url, "maillage_load") as url:
        return run_on("PostgreSQL", url, args, TARGETS["ratio_postgres"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and level")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=5_000)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "load.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (scripts/ensure-system-deps.sh)")
    cores = os.cpu_count()
    header = [
        "# Load benchmark (bench/load.py)",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}, {cores} cores; gunicorn.conf.py (sync workers, "
        f"2 per core), MAILLAGE_ENV=production; wrk, {args.duration:g} s per page and level "
        f"after a {args.warmup:g} s warm-up; {args.candidates} generated candidates and "
        f"{args.jobs} generated jobs. The anchors, served the same way in the same run "
        "(bench/anchor_app.py): a Flask hello-world, and a minimal Flask-SQLAlchemy page "
        "listing 20 jobs joined with their employer. "
        "Server CPU is the user + system time of the gunicorn master and workers per request "
        "(wrk runs on the same machine and takes its share of the cores).",
        "",
        f"Targets: one client p99 ≤ {TARGETS['p99_1']:.0f} ms; 16 clients p99 ≤ "
        f"{TARGETS['p99_16']:.0f} ms; 16 clients throughput ≥ {TARGETS['ratio_sqlite']}× the "
        f"20-row anchor on SQLite, ≥ {TARGETS['ratio_postgres']}× on PostgreSQL.",
        "",
    ]
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    sections: list[str] = []

    def save() -> None:  # after each database, so a failure later keeps what was measured
        out.write_text("\n".join(header + sections))

    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            sections += run_on(
                "SQLite file", f"sqlite:///{tmp}/load.sqlite3", args, TARGETS["ratio_sqlite"]
            )
        save()
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgresql"):
        sections += postgres_run(database_url, args)
        save()
    else:
        print("\nPostgreSQL skipped: set DATABASE_URL=postgresql+psycopg://... to include it.")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
