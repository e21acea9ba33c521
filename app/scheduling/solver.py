"""Friday interview scheduler: pure Python, no Flask, no database.

Every Friday, employers meet the candidates selected for them in short video interviews. Given the
session (start, end, slot length, buffer, cap per employer), the interview requests (employer,
candidate, match score) and who is available when, `solve` places each request on the session's
grid of start times, `check` lists what is wrong with a schedule, and `move_slot`, `swap_slots`,
`place_slot` and `cancel_slot` are the checked manual edits of the staff portal.

Times are timezone-aware datetimes (the program uses America/Montreal). They are compared as
instants and all arithmetic is done in UTC, so a schedule is right whatever zone each datetime
carries; slots are returned in the time zone of `SessionSpec.start`.

Hard constraints (checked by `check`, kept by `solve` and by every edit):

- a slot lies inside the session and inside the availability of both its employer and its
  candidate (a person missing from an availability mapping is available for the whole session; a
  person mapped to an empty list is never available; touching windows are merged);
- nobody is in two slots that overlap or are less than `buffer_minutes` apart;
- an employer has at most `max_per_employer` slots.

How `solve` chooses (see `solve` for the details):

1. Duplicates: of several requests for the same employer and candidate, the best score (then the
   lowest id) is kept; the others are unplaced as "duplicate".
2. Rounds: round r gives each candidate at most their r-th interview, so every candidate who can
   have a first interview is served before anyone gets a second. Within a round, requests go by
   score (highest first), then by request id. Each request takes the earliest free grid time; if
   there is none, the augmenting step below is tried at once.
3. Improvement, repeated until nothing changes:
   - retry every unplaced request, candidates with the fewest interviews first: a free grid time,
     else the augmenting step: pick a grid time where exactly one placed slot (of the same employer
     or of the same candidate) is in the way and move that slot to another free grid time that
     suits its own employer and candidate;
   - rebalance: if an unplaced request of candidate D could be placed once a slot of the same
     employer belonging to a candidate C with at least two more interviews than D is removed, that
     slot gives way (C keeps at least one more interview than D had) and goes back to the unplaced
     requests to be retried.
   Every successful retry adds an interview and every rebalance lowers the sum of the squared
   interview counts without changing their total, so the loop ends.

At the end no unplaced request can be put on any free grid time as the schedule stands, and no
unplaced request of a candidate D can take the place of a slot of a candidate with at least two
more interviews than D. The output is a function of the input set: requests are sorted first, so
their order does not matter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

__all__ = [
    "ConflictError",
    "Request",
    "Schedule",
    "SessionSpec",
    "Slot",
    "Window",
    "cancel_slot",
    "check",
    "grid_starts",
    "move_slot",
    "place_slot",
    "solve",
    "swap_slots",
]

# Reasons a request is left unplaced.
EMPLOYER_CAP = "employer_cap"
NO_COMMON_TIME = "no_common_time"
CONFLICT = "conflict"
DUPLICATE = "duplicate"
CANCELLED = "cancelled"  # set by cancel_slot, never by solve
REASONS = (EMPLOYER_CAP, NO_COMMON_TIME, CONFLICT, DUPLICATE, CANCELLED)

# ConflictError codes.
OUTSIDE_SESSION = "outside_session"
UNAVAILABLE = "unavailable"
EMPLOYER_BUSY = "employer_busy"
CANDIDATE_BUSY = "candidate_busy"
UNKNOWN_SLOT = "unknown_slot"
CONFLICT_CODES = (
    OUTSIDE_SESSION,
    UNAVAILABLE,
    EMPLOYER_BUSY,
    CANDIDATE_BUSY,
    EMPLOYER_CAP,
    UNKNOWN_SLOT,
)

Availability = Mapping[int, Sequence["Window"]]


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")


@dataclass(frozen=True)
class Window:
    """A span of time when a person is available."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, "Window.start")
        _require_aware(self.end, "Window.end")
        if self.end <= self.start:
            raise ValueError("Window.end must be after Window.start")


@dataclass(frozen=True)
class SessionSpec:
    """A Friday session: slot starts are start + k * (slot_minutes + buffer_minutes)."""

    start: datetime
    end: datetime
    slot_minutes: int = 15
    buffer_minutes: int = 5
    max_per_employer: int = 8

    def __post_init__(self) -> None:
        _require_aware(self.start, "SessionSpec.start")
        _require_aware(self.end, "SessionSpec.end")
        if self.end <= self.start:
            raise ValueError("SessionSpec.end must be after SessionSpec.start")
        if self.slot_minutes <= 0:
            raise ValueError("slot_minutes must be positive")
        if self.buffer_minutes < 0:
            raise ValueError("buffer_minutes must not be negative")
        if self.max_per_employer < 0:
            raise ValueError("max_per_employer must not be negative")


@dataclass(frozen=True)
class Request:
    """An employer asks to meet a candidate; `score` is their match score (0 to 100)."""

    id: int
    employer_id: int
    candidate_id: int
    score: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 100:
            raise ValueError(f"request {self.id}: score must be between 0 and 100")


@dataclass(frozen=True)
class Slot:
    """A placed interview."""

    request_id: int
    employer_id: int
    candidate_id: int
    start: datetime
    end: datetime


@dataclass
class Schedule:
    """Placed slots (sorted by start, employer, candidate) and unplaced (request id, reason)."""

    slots: list[Slot] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


class ConflictError(Exception):
    """A manual edit would break the schedule; `code` is stable, `detail` is English prose."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------------------------
# Time helpers


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def _clock(value: datetime, tz: tzinfo | None) -> str:
    return value.astimezone(tz).strftime("%H:%M")


def _span(start: datetime, end: datetime, tz: tzinfo | None) -> str:
    return f"{_clock(start, tz)}–{_clock(end, tz)}"


def _too_close(
    a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime, buffer: timedelta
) -> bool:
    """True when two intervals overlap or are less than `buffer` apart."""
    return a_start < b_end + buffer and b_start < a_end + buffer


def _grid_utc(session: SessionSpec) -> list[datetime]:
    step = _minutes(session.slot_minutes + session.buffer_minutes)
    length = _minutes(session.slot_minutes)
    end = _utc(session.end)
    starts = []
    current = _utc(session.start)
    while current + length <= end:
        starts.append(current)
        current += step
    return starts


def grid_starts(session: SessionSpec) -> list[datetime]:
    """The session's grid of slot start times, in the time zone of `session.start`."""
    tz = session.start.tzinfo
    return [start.astimezone(tz) for start in _grid_utc(session)]


class _Availability:
    """Availability windows per person, merged and in UTC."""

    def __init__(self, windows: Availability | None) -> None:
        self._merged: dict[int, list[tuple[datetime, datetime]]] = {}
        for person, person_windows in (windows or {}).items():
            spans = sorted((_utc(w.start), _utc(w.end)) for w in person_windows)
            merged: list[tuple[datetime, datetime]] = []
            for start, end in spans:
                if merged and start <= merged[-1][1]:
                    if end > merged[-1][1]:
                        merged[-1] = (merged[-1][0], end)
                else:
                    merged.append((start, end))
            self._merged[person] = merged

    def covers(self, person: int, start: datetime, end: datetime) -> bool:
        """True when [start, end] (UTC) lies inside one of the person's windows."""
        merged = self._merged.get(person)
        if merged is None:
            return True  # no availability given: the whole session
        return any(w_start <= start and end <= w_end for w_start, w_end in merged)


# --------------------------------------------------------------------------------------------
# Solver


class _Solver:
    """Mutable placement state on the grid: who is where, and the moves that change it."""

    def __init__(
        self,
        session: SessionSpec,
        requests: Iterable[Request],
        employers: _Availability,
        candidates: _Availability,
    ) -> None:
        self.cap = session.max_per_employer
        self.grid = _grid_utc(session)
        length = _minutes(session.slot_minutes)
        self.req: dict[int, Request] = {}
        self.feasible: dict[int, tuple[int, ...]] = {}
        emp_ok: dict[int, frozenset[int]] = {}
        cand_ok: dict[int, frozenset[int]] = {}

        def ok_times(avail: _Availability, person: int) -> frozenset[int]:
            return frozenset(
                i
                for i, start in enumerate(self.grid)
                if avail.covers(person, start, start + length)
            )

        for r in requests:
            self.req[r.id] = r
            if r.employer_id not in emp_ok:
                emp_ok[r.employer_id] = ok_times(employers, r.employer_id)
            if r.candidate_id not in cand_ok:
                cand_ok[r.candidate_id] = ok_times(candidates, r.candidate_id)
            self.feasible[r.id] = tuple(sorted(emp_ok[r.employer_id] & cand_ok[r.candidate_id]))

        self.at: dict[int, int] = {}  # request id -> grid index
        self.emp_at: dict[int, dict[int, int]] = defaultdict(dict)  # employer -> index -> request
        self.cand_at: dict[int, dict[int, int]] = defaultdict(dict)
        self.n_emp: Counter[int] = Counter()
        self.n_cand: Counter[int] = Counter()

    # -- elementary changes

    def _put(self, rid: int, index: int) -> None:
        r = self.req[rid]
        self.at[rid] = index
        self.emp_at[r.employer_id][index] = rid
        self.cand_at[r.candidate_id][index] = rid
        self.n_emp[r.employer_id] += 1
        self.n_cand[r.candidate_id] += 1

    def _take(self, rid: int) -> int:
        r = self.req[rid]
        index = self.at.pop(rid)
        del self.emp_at[r.employer_id][index]
        del self.cand_at[r.candidate_id][index]
        self.n_emp[r.employer_id] -= 1
        self.n_cand[r.candidate_id] -= 1
        return index

    def _free(self, rid: int, index: int) -> bool:
        r = self.req[rid]
        return index not in self.emp_at[r.employer_id] and index not in self.cand_at[r.candidate_id]

    # -- placement strategies

    def direct(self, rid: int) -> bool:
        """Place on the earliest free grid time both people can make."""
        if self.n_emp[self.req[rid].employer_id] >= self.cap:
            return False
        for index in self.feasible[rid]:
            if self._free(rid, index):
                self._put(rid, index)
                return True
        return False

    def augment(self, rid: int) -> bool:
        """Free a time by moving one placed slot of the same employer or candidate elsewhere.

        For each grid time both people can make (earliest first) where exactly one placed slot is
        in the way, move that slot to the earliest other free grid time that suits its own
        employer and candidate, then place `rid` in the freed time. Counts do not change, so no
        candidate loses or gains an interview by the move.
        """
        r = self.req[rid]
        if self.n_emp[r.employer_id] >= self.cap:
            return False
        emp_at = self.emp_at[r.employer_id]
        cand_at = self.cand_at[r.candidate_id]
        for index in self.feasible[rid]:
            blockers = {b for b in (emp_at.get(index), cand_at.get(index)) if b is not None}
            if len(blockers) != 1:
                continue
            (blocker,) = blockers
            for other in self.feasible[blocker]:
                if other != index and self._free(blocker, other):
                    self._take(blocker)
                    self._put(blocker, other)
                    self._put(rid, index)
                    return True
        return False

    def rebalance(self, rid: int) -> int | None:
        """Give `rid` the place of a slot whose candidate has two or more extra interviews.

        Only slots of the same employer can help (removing any other slot frees neither person
        `rid` needs). The slot given up belongs to the candidate with the most interviews, then
        has the lowest score, then the highest request id. Returns the displaced request id.
        """
        r = self.req[rid]
        floor = self.n_cand[r.candidate_id] + 2
        victims = [
            v
            for v in self.emp_at[r.employer_id].values()
            if self.n_cand[self.req[v].candidate_id] >= floor
        ]
        victims.sort(key=lambda v: (-self.n_cand[self.req[v].candidate_id], self.req[v].score, -v))
        for victim in victims:
            index = self._take(victim)
            if self.direct(rid):
                return victim
            self._put(victim, index)
        return None

    def retry_order(self, rids: Iterable[int]) -> list[int]:
        """Fewest interviews first, then highest score, then lowest id."""
        return sorted(
            rids,
            key=lambda i: (self.n_cand[self.req[i].candidate_id], -self.req[i].score, i),
        )


def solve(
    session: SessionSpec,
    requests: list[Request],
    employer_availability: Availability | None = None,
    candidate_availability: Availability | None = None,
) -> Schedule:
    """Place the requests on the session's grid; see the module docstring for the rules.

    Raises ValueError when two requests share an id.
    """
    seen: set[int] = set()
    for r in requests:
        if r.id in seen:
            raise ValueError(f"request id {r.id} appears twice")
        seen.add(r.id)

    ordered = sorted(requests, key=lambda r: (-r.score, r.id))
    unplaced: dict[int, str] = {}

    # 1. Duplicates: keep the best-scored request of each employer-candidate pair.
    live: list[Request] = []
    pairs: set[tuple[int, int]] = set()
    for r in ordered:
        pair = (r.employer_id, r.candidate_id)
        if pair in pairs:
            unplaced[r.id] = DUPLICATE
        else:
            pairs.add(pair)
            live.append(r)

    state = _Solver(
        session, live, _Availability(employer_availability), _Availability(candidate_availability)
    )
    pending = []
    for r in live:
        if state.feasible[r.id]:
            pending.append(r)
        else:
            unplaced[r.id] = NO_COMMON_TIME

    # 2. Rounds: each candidate gets at most one more interview per round. `pending` stays in
    # (score desc, id) order; a request tried in a round is not tried again by the rounds.
    waiting: set[int] = set()
    while pending:
        served: set[int] = set()
        later: list[Request] = []
        for r in pending:
            if r.candidate_id in served:
                later.append(r)
            elif state.direct(r.id) or state.augment(r.id):
                served.add(r.candidate_id)
            else:
                waiting.add(r.id)
        pending = later

    # 3. Improvement until stable: retries (each adds an interview) and rebalances (each lowers
    # the sum of squared interview counts at the same total), so this terminates.
    changed = True
    while changed:
        changed = False
        for rid in state.retry_order(waiting):
            if state.direct(rid) or state.augment(rid):
                waiting.discard(rid)
                changed = True
        for rid in state.retry_order(waiting):
            victim = state.rebalance(rid)
            if victim is not None:
                waiting.discard(rid)
                waiting.add(victim)
                changed = True

    for rid in waiting:
        employer = state.req[rid].employer_id
        unplaced[rid] = EMPLOYER_CAP if state.n_emp[employer] >= state.cap else CONFLICT

    tz = session.start.tzinfo
    length = _minutes(session.slot_minutes)
    slots = []
    for rid, index in state.at.items():
        r = state.req[rid]
        start = state.grid[index]
        slots.append(
            Slot(
                rid,
                r.employer_id,
                r.candidate_id,
                start.astimezone(tz),
                (start + length).astimezone(tz),
            )
        )
    return Schedule(_sorted_slots(slots), sorted(unplaced.items()))


def _sorted_slots(slots: Iterable[Slot]) -> list[Slot]:
    return sorted(slots, key=lambda s: (_utc(s.start), s.employer_id, s.candidate_id, s.request_id))


# --------------------------------------------------------------------------------------------
# Checking


def check(
    schedule: Schedule,
    session: SessionSpec,
    employer_availability: Availability | None = None,
    candidate_availability: Availability | None = None,
) -> list[str]:
    """Describe every broken constraint of `schedule` (an empty list when it is valid)."""
    tz = session.start.tzinfo
    employers = _Availability(employer_availability)
    candidates = _Availability(candidate_availability)
    session_start, session_end = _utc(session.start), _utc(session.end)
    length = _minutes(session.slot_minutes)
    buffer = _minutes(session.buffer_minutes)
    problems: list[str] = []

    ids = Counter(s.request_id for s in schedule.slots)
    for rid, n in sorted(ids.items()):
        if n > 1:
            problems.append(f"request {rid} is scheduled {n} times")
    unplaced_ids = Counter(rid for rid, _ in schedule.unplaced)
    for rid, n in sorted(unplaced_ids.items()):
        if n > 1:
            problems.append(f"request {rid} is listed unplaced {n} times")
        if rid in ids:
            problems.append(f"request {rid} is both scheduled and listed unplaced")

    by_employer: dict[int, list[Slot]] = defaultdict(list)
    by_candidate: dict[int, list[Slot]] = defaultdict(list)
    for s in schedule.slots:
        start, end = _utc(s.start), _utc(s.end)
        when = _span(start, end, tz)
        if end - start != length:
            problems.append(
                f"request {s.request_id} lasts {(end - start) / _minutes(1):g} minutes, "
                f"not {session.slot_minutes}"
            )
        if start < session_start or end > session_end:
            problems.append(
                f"request {s.request_id} at {when} is outside the session "
                f"({_span(session_start, session_end, tz)})"
            )
        if not employers.covers(s.employer_id, start, end):
            problems.append(
                f"request {s.request_id}: employer {s.employer_id} is not available {when}"
            )
        if not candidates.covers(s.candidate_id, start, end):
            problems.append(
                f"request {s.request_id}: candidate {s.candidate_id} is not available {when}"
            )
        by_employer[s.employer_id].append(s)
        by_candidate[s.candidate_id].append(s)

    for kind, groups in (("employer", by_employer), ("candidate", by_candidate)):
        for person, person_slots in sorted(groups.items()):
            person_slots.sort(key=lambda s: (_utc(s.start), s.request_id))
            for i, a in enumerate(person_slots):
                for b in person_slots[i + 1 :]:
                    if _too_close(_utc(a.start), _utc(a.end), _utc(b.start), _utc(b.end), buffer):
                        problems.append(
                            f"{kind} {person} has requests {a.request_id} "
                            f"({_span(a.start, a.end, tz)}) and {b.request_id} "
                            f"({_span(b.start, b.end, tz)}) less than "
                            f"{session.buffer_minutes} minutes apart"
                        )
    for employer, employer_slots in sorted(by_employer.items()):
        if len(employer_slots) > session.max_per_employer:
            problems.append(
                f"employer {employer} has {len(employer_slots)} interviews "
                f"(maximum {session.max_per_employer})"
            )
    return problems


# --------------------------------------------------------------------------------------------
# Manual edits


def _find(schedule: Schedule, request_id: int) -> Slot:
    for s in schedule.slots:
        if s.request_id == request_id:
            return s
    raise ConflictError(UNKNOWN_SLOT, f"request {request_id} has no scheduled interview")


def _validate(
    slot: Slot,
    others: Sequence[Slot],
    session: SessionSpec,
    employers: _Availability,
    candidates: _Availability,
    *,
    count_cap: bool = False,
) -> None:
    """Raise ConflictError unless `slot` fits beside `others` (which must not contain it)."""
    tz = session.start.tzinfo
    start, end = _utc(slot.start), _utc(slot.end)
    when = _span(start, end, tz)
    if start < _utc(session.start) or end > _utc(session.end):
        raise ConflictError(
            OUTSIDE_SESSION,
            f"{when} is outside the session ({_span(session.start, session.end, tz)})",
        )
    if not employers.covers(slot.employer_id, start, end):
        raise ConflictError(UNAVAILABLE, f"employer {slot.employer_id} is not available {when}")
    if not candidates.covers(slot.candidate_id, start, end):
        raise ConflictError(UNAVAILABLE, f"candidate {slot.candidate_id} is not available {when}")
    buffer = _minutes(session.buffer_minutes)
    gap = f"interviews need {session.buffer_minutes} minutes between them"
    for attr, code, kind in (
        ("employer_id", EMPLOYER_BUSY, "employer"),
        ("candidate_id", CANDIDATE_BUSY, "candidate"),
    ):
        person = getattr(slot, attr)
        for other in others:
            if getattr(other, attr) == person and _too_close(
                start, end, _utc(other.start), _utc(other.end), buffer
            ):
                raise ConflictError(
                    code,
                    f"{kind} {person} already has request {other.request_id} at "
                    f"{_span(other.start, other.end, tz)}; {gap}",
                )
    if count_cap:
        n = sum(1 for other in others if other.employer_id == slot.employer_id)
        if n >= session.max_per_employer:
            raise ConflictError(
                EMPLOYER_CAP,
                f"employer {slot.employer_id} already has {n} interviews "
                f"(maximum {session.max_per_employer})",
            )


def _at(slot: Slot, start: datetime, session: SessionSpec) -> Slot:
    _require_aware(start, "new_start")
    tz = session.start.tzinfo
    return Slot(
        slot.request_id,
        slot.employer_id,
        slot.candidate_id,
        start.astimezone(tz),
        (_utc(start) + _minutes(session.slot_minutes)).astimezone(tz),
    )


def move_slot(
    schedule: Schedule,
    session: SessionSpec,
    request_id: int,
    new_start: datetime,
    employer_availability: Availability | None = None,
    candidate_availability: Availability | None = None,
) -> Schedule:
    """Move a scheduled interview to `new_start` (any time, not only the grid)."""
    current = _find(schedule, request_id)
    moved = _at(current, new_start, session)
    others = [s for s in schedule.slots if s.request_id != request_id]
    _validate(
        moved,
        others,
        session,
        _Availability(employer_availability),
        _Availability(candidate_availability),
    )
    return Schedule(_sorted_slots([*others, moved]), list(schedule.unplaced))


def swap_slots(
    schedule: Schedule,
    session: SessionSpec,
    request_a: int,
    request_b: int,
    employer_availability: Availability | None = None,
    candidate_availability: Availability | None = None,
) -> Schedule:
    """Exchange the times of two scheduled interviews; both must be valid afterwards."""
    a = _find(schedule, request_a)
    b = _find(schedule, request_b)
    if request_a == request_b:
        return Schedule(list(schedule.slots), list(schedule.unplaced))
    new_a = _at(a, b.start, session)
    new_b = _at(b, a.start, session)
    others = [s for s in schedule.slots if s.request_id not in (request_a, request_b)]
    employers = _Availability(employer_availability)
    candidates = _Availability(candidate_availability)
    _validate(new_a, [*others, new_b], session, employers, candidates)
    _validate(new_b, [*others, new_a], session, employers, candidates)
    return Schedule(_sorted_slots([*others, new_a, new_b]), list(schedule.unplaced))


def place_slot(
    schedule: Schedule,
    session: SessionSpec,
    request: Request,
    start: datetime,
    employer_availability: Availability | None = None,
    candidate_availability: Availability | None = None,
) -> Schedule:
    """Schedule a request by hand (an unplaced one, or a new one) at `start`.

    Besides the checks of `move_slot`, raises "employer_cap" when the employer is full. Raises
    ValueError when the request is already scheduled (move it instead).
    """
    if any(s.request_id == request.id for s in schedule.slots):
        raise ValueError(f"request {request.id} is already scheduled; use move_slot")
    template = Slot(request.id, request.employer_id, request.candidate_id, start, start)
    slot = _at(template, start, session)
    _validate(
        slot,
        schedule.slots,
        session,
        _Availability(employer_availability),
        _Availability(candidate_availability),
        count_cap=True,
    )
    unplaced = [(rid, why) for rid, why in schedule.unplaced if rid != request.id]
    return Schedule(_sorted_slots([*schedule.slots, slot]), unplaced)


def cancel_slot(schedule: Schedule, request_id: int) -> Schedule:
    """Remove a scheduled interview; the request is listed unplaced as "cancelled"."""
    _find(schedule, request_id)
    slots = [s for s in schedule.slots if s.request_id != request_id]
    unplaced = sorted([*schedule.unplaced, (request_id, CANCELLED)])
    return Schedule(slots, unplaced)
