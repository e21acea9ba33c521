"""Unit tests of the Friday interview scheduler."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.scheduling import (
    ConflictError,
    Request,
    Schedule,
    SessionSpec,
    Slot,
    Window,
    cancel_slot,
    check,
    grid_starts,
    move_slot,
    place_slot,
    solve,
    swap_slots,
)

TZ = ZoneInfo("America/Montreal")
FRIDAY = (2025, 6, 6)  # a Friday


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(*FRIDAY, hour, minute, tzinfo=TZ)


def session(start=(9, 0), end=(10, 0), **kwargs) -> SessionSpec:
    return SessionSpec(at(*start), at(*end), **kwargs)


def window(start: tuple[int, int], end: tuple[int, int]) -> list[Window]:
    return [Window(at(*start), at(*end))]


def placed(schedule: Schedule) -> dict[int, datetime]:
    return {s.request_id: s.start for s in schedule.slots}


def reasons(schedule: Schedule) -> dict[int, str]:
    return dict(schedule.unplaced)


# -- grid and constraints


def test_grid_starts_every_slot_plus_buffer():
    assert grid_starts(session()) == [at(9, 0), at(9, 20), at(9, 40)]
    # 09:40 + 15 min would end at 09:55, past a 09:50 end.
    assert grid_starts(session(end=(9, 50))) == [at(9, 0), at(9, 20)]


def test_simple_placement_on_grid():
    spec = session()
    schedule = solve(spec, [Request(1, employer_id=10, candidate_id=20, score=80)])
    assert schedule.slots == [Slot(1, 10, 20, at(9, 0), at(9, 15))]
    assert schedule.unplaced == []
    assert check(schedule, spec) == []


def test_buffer_between_interviews_of_the_same_employer():
    spec = session()
    requests = [Request(i, 10, 20 + i, 50) for i in range(1, 4)]
    schedule = solve(spec, requests)
    starts = sorted(s.start for s in schedule.slots)
    assert starts == [at(9, 0), at(9, 20), at(9, 40)]
    for earlier, later in zip(starts, starts[1:], strict=False):
        assert later - (earlier + timedelta(minutes=15)) >= timedelta(minutes=5)
    assert check(schedule, spec) == []


def test_buffer_between_interviews_of_the_same_candidate():
    spec = session()
    schedule = solve(spec, [Request(1, 10, 20, 50), Request(2, 11, 20, 50)])
    assert sorted(placed(schedule).values()) == [at(9, 0), at(9, 20)]


def test_availability_windows_off_the_grid():
    spec = session()
    # 09:07-09:50: 09:00 starts too early, 09:40 ends at 09:55, only 09:20 fits.
    schedule = solve(
        spec, [Request(1, 10, 20)], candidate_availability={20: window((9, 7), (9, 50))}
    )
    assert placed(schedule) == {1: at(9, 20)}
    # The employer's window ends at 09:34, so 09:20-09:35 is out too.
    schedule = solve(
        spec,
        [Request(1, 10, 20)],
        employer_availability={10: window((8, 0), (9, 34))},
        candidate_availability={20: window((9, 7), (9, 50))},
    )
    assert reasons(schedule) == {1: "no_common_time"}


def test_touching_windows_merge_and_empty_list_means_never():
    spec = session()
    split = [Window(at(9, 0), at(9, 25)), Window(at(9, 25), at(9, 40))]
    # 09:20-09:35 straddles the two windows: merged they cover it.
    schedule = solve(
        spec,
        [Request(1, 10, 20)],
        employer_availability={10: split},
        candidate_availability={20: window((9, 10), (10, 0))},
    )
    assert placed(schedule) == {1: at(9, 20)}
    schedule = solve(spec, [Request(1, 10, 20)], employer_availability={10: []})
    assert reasons(schedule) == {1: "no_common_time"}


def test_windows_in_another_time_zone_are_compared_as_instants():
    spec = session()
    utc = ZoneInfo("UTC")
    # 09:20-10:00 in Montréal (EDT, UTC-4) is 13:20-14:00 UTC.
    windows = {
        20: [Window(datetime(*FRIDAY, 13, 20, tzinfo=utc), datetime(*FRIDAY, 14, tzinfo=utc))]
    }
    schedule = solve(spec, [Request(1, 10, 20)], candidate_availability=windows)
    assert placed(schedule) == {1: at(9, 20)}
    assert schedule.slots[0].start.tzinfo == TZ


def test_employer_cap():
    spec = session(max_per_employer=2)
    schedule = solve(spec, [Request(i, 10, 20 + i, 90 - i) for i in range(1, 4)])
    assert set(placed(schedule)) == {1, 2}
    assert reasons(schedule) == {3: "employer_cap"}


def test_zero_cap_leaves_everything_unplaced():
    schedule = solve(session(max_per_employer=0), [Request(1, 10, 20)])
    assert reasons(schedule) == {1: "employer_cap"}


def test_nobody_double_booked():
    spec = session(end=(11, 0))
    rng = random.Random(7)
    requests = [
        Request(i, rng.randrange(3), rng.randrange(6), rng.randrange(101)) for i in range(40)
    ]
    schedule = solve(spec, requests)
    assert check(schedule, spec) == []
    for attr in ("employer_id", "candidate_id"):
        seen = set()
        for s in schedule.slots:
            key = (getattr(s, attr), s.start)
            assert key not in seen
            seen.add(key)


# -- priorities


def test_round_priority_first_interviews_before_second_ones():
    """Candidate 1 is the best match everywhere; by score alone it would take all three times.

    Employer 10 can only meet at 09:00, 11 at 09:20, 12 at 09:40. Candidate 1 (score 95 each)
    gets one interview; candidates 3 and 4, who would otherwise get none, get one each.
    """
    spec = session()
    employers = {
        10: window((9, 0), (9, 15)),
        11: window((9, 20), (9, 35)),
        12: window((9, 40), (9, 55)),
    }
    requests = [
        Request(1, 10, 1, 95),
        Request(2, 11, 1, 95),
        Request(3, 12, 1, 95),
        Request(4, 10, 2, 50),
        Request(5, 11, 3, 50),
        Request(6, 12, 4, 50),
    ]
    schedule = solve(spec, requests, employer_availability=employers)
    assert placed(schedule) == {1: at(9, 0), 5: at(9, 20), 6: at(9, 40)}
    assert reasons(schedule) == {2: "conflict", 3: "conflict", 4: "conflict"}
    per_candidate = [s.candidate_id for s in schedule.slots]
    assert sorted(per_candidate) == [1, 3, 4]


def test_second_interviews_when_nobody_is_waiting():
    spec = session()
    schedule = solve(spec, [Request(1, 10, 1, 90), Request(2, 11, 1, 80), Request(3, 12, 1, 70)])
    assert sorted(placed(schedule).values()) == [at(9, 0), at(9, 20), at(9, 40)]


def test_rebalance_gives_up_a_slot_of_a_candidate_with_two_more_interviews():
    """Candidate 1 wins employer 10's only time in round 1 (score 90 against 50), then gets
    employer 11 in round 2; candidate 2 (only free at 09:00) would be left with nothing, so
    candidate 1 gives up employer 10: each candidate ends with one interview."""
    spec = session(end=(9, 35))
    schedule = solve(
        spec,
        [Request(1, 10, 1, 90), Request(2, 11, 1, 80), Request(3, 10, 2, 50)],
        employer_availability={10: window((9, 0), (9, 15)), 11: window((9, 20), (9, 35))},
        candidate_availability={2: window((9, 0), (9, 15))},
    )
    assert placed(schedule) == {2: at(9, 20), 3: at(9, 0)}
    assert reasons(schedule) == {1: "conflict"}


def test_higher_score_first_within_a_round():
    spec = session(end=(9, 15))  # a single time
    schedule = solve(spec, [Request(1, 10, 20, 40), Request(2, 10, 21, 80)])
    assert placed(schedule) == {2: at(9, 0)}
    assert reasons(schedule) == {1: "conflict"}


def test_equal_scores_go_by_request_id():
    spec = session(end=(9, 15))
    schedule = solve(spec, [Request(7, 10, 20, 60), Request(3, 10, 21, 60)])
    assert placed(schedule) == {3: at(9, 0)}
    assert reasons(schedule) == {7: "conflict"}


def test_duplicate_pairs_keep_the_best_score():
    spec = session()
    schedule = solve(spec, [Request(1, 10, 20, 50), Request(2, 10, 20, 70), Request(3, 10, 20, 70)])
    assert set(placed(schedule)) == {2}
    assert reasons(schedule) == {1: "duplicate", 3: "duplicate"}


def test_no_common_time_versus_conflict():
    spec = session()
    schedule = solve(
        spec,
        [Request(1, 10, 20, 90), Request(2, 10, 21, 50), Request(3, 11, 22, 50)],
        employer_availability={10: window((9, 0), (9, 15)), 11: window((9, 0), (9, 30))},
        candidate_availability={22: window((9, 30), (10, 0))},
    )
    assert placed(schedule) == {1: at(9, 0)}
    assert reasons(schedule) == {2: "conflict", 3: "no_common_time"}


def test_improvement_moves_one_slot_to_free_a_time():
    """Greedy puts request 1 at 09:00; candidate 21 can only make 09:00, so request 1 moves to
    09:20 to let request 2 in."""
    spec = session(end=(9, 35))
    schedule = solve(
        spec,
        [Request(1, 10, 20, 90), Request(2, 10, 21, 50)],
        candidate_availability={21: window((9, 0), (9, 15))},
    )
    assert placed(schedule) == {1: at(9, 20), 2: at(9, 0)}
    assert schedule.unplaced == []


def test_improvement_can_move_a_slot_of_the_same_candidate():
    spec = session(end=(9, 35))
    schedule = solve(
        spec,
        [Request(1, 10, 20, 90), Request(2, 11, 20, 50)],
        employer_availability={11: window((9, 0), (9, 15))},
    )
    assert placed(schedule) == {1: at(9, 20), 2: at(9, 0)}


def test_solve_rejects_repeated_request_ids():
    with pytest.raises(ValueError, match="appears twice"):
        solve(session(), [Request(1, 10, 20), Request(1, 11, 21)])


def test_naive_datetimes_and_bad_values_are_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        SessionSpec(datetime(*FRIDAY, 9), datetime(*FRIDAY, 10))
    with pytest.raises(ValueError, match="after"):
        Window(at(10), at(9))
    with pytest.raises(ValueError, match="score"):
        Request(1, 10, 20, 101)


def test_deterministic_and_independent_of_request_order():
    spec = session(start=(9, 0), end=(12, 0), max_per_employer=4)
    rng = random.Random(11)
    requests = [
        Request(i, rng.randrange(4), rng.randrange(12), rng.randrange(101)) for i in range(50)
    ]
    availability = {
        c: window((9, rng.randrange(0, 59)), (11, rng.randrange(0, 59))) for c in range(0, 12, 3)
    }
    first = solve(spec, requests, candidate_availability=availability)
    assert first == solve(spec, requests, candidate_availability=availability)
    for _ in range(5):
        shuffled = requests[:]
        rng.shuffle(shuffled)
        assert solve(spec, shuffled, candidate_availability=availability) == first
    keys = [(s.start, s.employer_id, s.candidate_id) for s in first.slots]
    assert keys == sorted(keys)
    assert [rid for rid, _ in first.unplaced] == sorted(rid for rid, _ in first.unplaced)


# -- check


def test_check_reports_each_kind_of_violation():
    spec = session(max_per_employer=1)
    bad = Schedule(
        slots=[
            Slot(1, 10, 20, at(8, 50), at(9, 5)),
            Slot(2, 10, 21, at(9, 8), at(9, 23)),
            Slot(3, 11, 21, at(9, 25), at(9, 40)),
            Slot(4, 12, 22, at(9, 40), at(9, 50)),
        ],
        unplaced=[(4, "conflict")],
    )
    problems = check(bad, spec, candidate_availability={22: window((9, 0), (9, 30))})
    text = "\n".join(problems)
    assert "outside the session" in text
    assert "employer 10 has requests 1" in text
    assert "candidate 21 has requests 2" in text
    assert "employer 10 has 2 interviews (maximum 1)" in text
    assert "candidate 22 is not available" in text
    assert "lasts 10 minutes" in text
    assert "request 4 is both scheduled and listed unplaced" in text


# -- manual edits


@pytest.fixture
def base():
    """Two employers, three candidates: 10 meets 20 at 09:00 and 21 at 09:20; 11 meets 22."""
    spec = session(max_per_employer=2)
    schedule = solve(spec, [Request(1, 10, 20, 90), Request(2, 10, 21, 80), Request(3, 11, 22, 70)])
    assert placed(schedule) == {1: at(9, 0), 2: at(9, 20), 3: at(9, 0)}
    return spec, schedule


def test_move_slot(base):
    spec, schedule = base
    moved = move_slot(schedule, spec, 3, at(9, 41))  # off the grid is fine
    assert moved.slots[-1] == Slot(3, 11, 22, at(9, 41), at(9, 56))
    assert check(moved, spec) == []
    assert placed(schedule)[3] == at(9, 0)  # the original is untouched


def test_move_slot_keeps_order_and_validity(base):
    spec, schedule = base
    moved = move_slot(schedule, spec, 1, at(9, 40))
    assert [s.request_id for s in moved.slots] == [3, 2, 1]
    assert check(moved, spec) == []


@pytest.mark.parametrize(
    ("request_id", "new_start", "code", "words"),
    [
        (1, at(8, 50), "outside_session", "outside the session"),
        (1, at(9, 50), "outside_session", "09:50–10:05"),
        (3, at(9, 30), "unavailable", "employer 11 is not available 09:30–09:45"),
        (1, at(9, 30), "employer_busy", "employer 10 already has request 2 at 09:20–09:35"),
        (1, at(9, 39), "employer_busy", "5 minutes between them"),
        (3, at(9, 5), "unavailable", "candidate 22"),
        (42, at(9, 40), "unknown_slot", "request 42"),
    ],
)
def test_move_slot_conflicts(base, request_id, new_start, code, words):
    spec, schedule = base
    employers = {11: [Window(at(9, 0), at(9, 20)), Window(at(9, 40), at(10, 0))]}
    candidates = {22: [Window(at(9, 0), at(9, 15)), Window(at(9, 25), at(10, 0))]}
    with pytest.raises(ConflictError) as caught:
        move_slot(schedule, spec, request_id, new_start, employers, candidates)
    assert caught.value.code == code
    assert words in caught.value.detail
    assert str(caught.value).startswith(code)


def test_move_slot_candidate_busy():
    spec = session()
    schedule = solve(spec, [Request(1, 10, 20), Request(2, 11, 20)])
    assert placed(schedule) == {1: at(9, 0), 2: at(9, 20)}
    with pytest.raises(ConflictError) as caught:
        move_slot(schedule, spec, 1, at(9, 10))
    assert caught.value.code == "candidate_busy"
    assert "candidate 20 already has request 2 at 09:20–09:35" in caught.value.detail


def test_move_next_to_oneself_is_fine(base):
    spec, schedule = base
    moved = move_slot(schedule, spec, 3, at(9, 5))  # overlaps its own old time
    assert placed(moved)[3] == at(9, 5)
    assert check(moved, spec) == []


def test_swap_slots(base):
    spec, schedule = base
    swapped = swap_slots(schedule, spec, 1, 2)
    assert placed(swapped) == {1: at(9, 20), 2: at(9, 0), 3: at(9, 0)}
    assert check(swapped, spec) == []
    assert placed(schedule) == {1: at(9, 0), 2: at(9, 20), 3: at(9, 0)}


def test_swap_slots_conflicts(base):
    spec, schedule = base
    # 3 (employer 11, candidate 22) and 2 (employer 10 at 09:20): 2 would land at 09:00 beside 1.
    with pytest.raises(ConflictError) as caught:
        swap_slots(schedule, spec, 2, 3)
    assert caught.value.code == "employer_busy"
    assert "employer 10 already has request 1" in caught.value.detail
    with pytest.raises(ConflictError) as caught:
        swap_slots(schedule, spec, 3, 2, employer_availability={11: window((9, 0), (9, 15))})
    assert caught.value.code == "unavailable"
    with pytest.raises(ConflictError) as caught:
        swap_slots(schedule, spec, 1, 99)
    assert caught.value.code == "unknown_slot"


def test_swap_slots_candidate_busy():
    spec = session()
    schedule = solve(spec, [Request(1, 10, 20, 90), Request(2, 11, 20, 80), Request(3, 12, 21, 70)])
    assert placed(schedule) == {1: at(9, 0), 2: at(9, 20), 3: at(9, 0)}
    # 2 (candidate 20) would move to 09:00, where candidate 20 already meets employer 10.
    with pytest.raises(ConflictError) as caught:
        swap_slots(schedule, spec, 2, 3)
    assert caught.value.code == "candidate_busy"


def test_cancel_slot(base):
    spec, schedule = base
    cancelled = cancel_slot(schedule, 2)
    assert set(placed(cancelled)) == {1, 3}
    assert reasons(cancelled) == {2: "cancelled"}
    assert check(cancelled, spec) == []
    assert set(placed(schedule)) == {1, 2, 3}
    with pytest.raises(ConflictError) as caught:
        cancel_slot(schedule, 99)
    assert caught.value.code == "unknown_slot"


def test_place_slot_and_employer_cap(base):
    spec, schedule = base
    with pytest.raises(ConflictError) as caught:
        place_slot(schedule, spec, Request(4, 10, 23), at(9, 40))
    assert caught.value.code == "employer_cap"
    assert "employer 10 already has 2 interviews (maximum 2)" in caught.value.detail
    again = place_slot(cancel_slot(schedule, 2), spec, Request(2, 10, 21), at(9, 40))
    assert placed(again)[2] == at(9, 40)
    assert again.unplaced == []
    assert check(again, spec) == []
    with pytest.raises(ValueError, match="already scheduled"):
        place_slot(schedule, spec, Request(1, 10, 20), at(9, 40))
