"""A match recompute that dies half-way leaves the previous results, whole."""

import pytest

from app.blueprints.matching import services
from app.blueprints.matching.services import schedule_recompute
from app.extensions import db
from app.models import MatchResult
from app.tasks import run_job


@pytest.fixture
def matched_job(app, make_employer, make_job, make_candidate):
    for n in range(3):
        make_candidate(
            email=f"s{n}@example.org",
            desired_titles=["Soudeur"],
            skills=["soudage"],
            regions_anywhere=True,
        )
    job = make_job(make_employer().organisation, skills_required=["soudage"])
    services.recompute_job(job)
    db.session.commit()
    return job


def _rows(job) -> list[tuple]:
    return list(
        db.session.execute(
            db.select(MatchResult.candidate_id, MatchResult.score, MatchResult.computed_at)
            .where(MatchResult.job_id == job.id)
            .order_by(MatchResult.candidate_id)
        ).all()
    )


def _fail_while_writing(monkeypatch):
    """The old rows are deleted in the transaction, then the worker dies while inserting."""
    real_insert = services.insert

    def dying_insert(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(services, "insert", dying_insert)
    return real_insert


def _fail_while_ranking(monkeypatch):
    def dying_rank(self, *args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(services.CandidatePool, "rank", dying_rank)


@pytest.mark.parametrize("failure", [_fail_while_writing, _fail_while_ranking])
def test_a_worker_dying_keeps_the_old_results(matched_job, monkeypatch, failure):
    before = _rows(matched_job)
    assert len(before) == 3
    services._POOL_CACHE.clear()
    failure(monkeypatch)
    with pytest.raises(RuntimeError):
        run_job(
            "app.blueprints.matching.services:run_recompute", "job", matched_job.id
        )  # what the RQ worker runs
    db.session.expire_all()
    assert _rows(matched_job) == before


def test_an_inline_recompute_failing_keeps_the_old_results_and_the_page(
    matched_job, monkeypatch, caplog
):
    before = _rows(matched_job)
    _fail_while_writing(monkeypatch)
    schedule_recompute("job", matched_job.id)  # no exception reaches the route
    db.session.expire_all()
    assert _rows(matched_job) == before
    assert any("previous results stay" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    schedule_recompute("job", matched_job.id)
    after = _rows(matched_job)
    assert len(after) == 3 and after[0][2] > before[0][2]
