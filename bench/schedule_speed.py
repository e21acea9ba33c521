"""Friday interview scheduler speed on this machine.

Usage: .venv/bin/python bench/schedule_speed.py [--employers 60] [--candidates 400]
       [--requests 1000] [--runs 5] [--seed 2026]

A Friday session 09:00-16:00 (America/Montreal), 15-minute slots, 5-minute buffer, at most 12
interviews per employer; random requests (fixed seed) with random match scores; about a quarter of
the employers and a third of the candidates have partial availability (windows off the grid).
Prints the median solve time of the runs, the number placed, the unplaced by reason, interviews
per candidate, and confirms that `check()` finds nothing wrong. Target: under 2 s.
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.scheduling import Request, SessionSpec, Window, check, grid_starts, solve  # noqa: E402

TZ = ZoneInfo("America/Montreal")
FRIDAY = (2026, 3, 6)
TARGET_SECONDS = 2.0


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(*FRIDAY, hour, minute, tzinfo=TZ)


def employer_windows(rng: random.Random) -> list[Window]:
    kind = rng.choice(["morning", "afternoon", "lunch break", "late start"])
    if kind == "morning":
        return [Window(at(9), at(12))]
    if kind == "afternoon":
        return [Window(at(13), at(16))]
    if kind == "lunch break":
        return [Window(at(9), at(11, 50)), Window(at(13, 10), at(16))]
    return [Window(at(10, rng.randrange(60)), at(16))]


def candidate_windows(rng: random.Random) -> list[Window]:
    windows = []
    for _ in range(rng.randint(1, 3)):
        start = at(9) + timedelta(minutes=rng.randrange(0, 390))
        windows.append(Window(start, start + timedelta(minutes=rng.randrange(30, 240))))
    return windows


def build(args: argparse.Namespace):
    rng = random.Random(args.seed)
    session = SessionSpec(at(9), at(16), slot_minutes=15, buffer_minutes=5, max_per_employer=12)
    employers = list(range(1, args.employers + 1))
    candidates = list(range(1001, 1001 + args.candidates))
    requests = [
        Request(i, rng.choice(employers), rng.choice(candidates), rng.randint(0, 100))
        for i in range(1, args.requests + 1)
    ]
    employer_av = {e: employer_windows(rng) for e in employers if rng.random() < 0.25}
    candidate_av = {c: candidate_windows(rng) for c in candidates if rng.random() < 0.33}
    return session, requests, employer_av, candidate_av


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=60)
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    session, requests, employer_av, candidate_av = build(args)
    print(
        f"{args.employers} employers, {args.candidates} candidates, {len(requests)} requests; "
        f"{len(grid_starts(session))} grid times 09:00-16:00, cap {session.max_per_employer}; "
        f"partial availability: {len(employer_av)} employers, {len(candidate_av)} candidates"
    )

    timings = []
    schedule = None
    for _ in range(args.runs):
        began = time.perf_counter()
        result = solve(session, requests, employer_av, candidate_av)
        timings.append(time.perf_counter() - began)
        if schedule is not None and result != schedule:
            raise SystemExit("solve is not deterministic")
        schedule = result
    assert schedule is not None
    median = statistics.median(timings)
    verdict = "OK" if median < TARGET_SECONDS else "TOO SLOW"
    print(
        f"solve: median {median:.3f} s of {args.runs} runs "
        f"(min {min(timings):.3f}, max {max(timings):.3f}); target < {TARGET_SECONDS:.0f} s: {verdict}"
    )

    reasons = Counter(reason for _, reason in schedule.unplaced)
    print(f"placed: {len(schedule.slots)}  unplaced: {len(schedule.unplaced)}")
    for reason, n in sorted(reasons.items()):
        print(f"  {reason:<15} {n}")
    per_candidate = Counter(s.candidate_id for s in schedule.slots)
    asked = {r.candidate_id for r in requests}
    spread = Counter(per_candidate.get(c, 0) for c in asked)
    print(
        "interviews per candidate (of those with requests): "
        + ", ".join(f"{k}: {spread[k]}" for k in sorted(spread))
    )
    per_employer = Counter(s.employer_id for s in schedule.slots)
    full = sum(1 for n in per_employer.values() if n >= session.max_per_employer)
    print(f"employers at the cap: {full} of {args.employers}")

    began = time.perf_counter()
    problems = check(schedule, session, employer_av, candidate_av)
    print(f"check(): {len(problems)} problems in {time.perf_counter() - began:.3f} s")
    if problems:
        raise SystemExit("\n".join(problems[:10]))


if __name__ == "__main__":
    main()
