"""Background work on RQ: queued after the commit, retried with backoff, failures shown to staff."""

import pytest

from app.blueprints.matching import services as matching
from app.extensions import db
from app.models import MatchResult, OutboxMessage, Role


@pytest.fixture
def app(app_factory, redis_url):
    # Retries without waiting, so a burst worker sees every attempt.
    return app_factory(REDIS_URL=redis_url, JOB_RETRY_INTERVALS=(0, 0))


def work() -> None:
    """Run every queued job in this process (jobs share the test's app context)."""
    from rq import SimpleWorker

    from app.tasks import queue

    q = queue()
    SimpleWorker([q], connection=q.connection).work(burst=True)


def failed_ids() -> list[str]:
    from rq.registry import FailedJobRegistry

    from app.tasks import queue

    return FailedJobRegistry(queue=queue()).get_job_ids()


@pytest.fixture
def job_with_candidates(app, make_employer, make_job, make_candidate):
    make_candidate(desired_titles=["Soudeur"], skills=["soudage"], regions_anywhere=True)
    return make_job(make_employer().organisation)


def _matches(job) -> int:
    stmt = db.select(db.func.count(MatchResult.id)).where(MatchResult.job_id == job.id)
    return db.session.execute(stmt).scalar_one()


def test_recompute_runs_on_the_worker_and_is_idempotent(app, job_with_candidates):
    from app.blueprints.matching.services import schedule_recompute
    from app.tasks import queue

    job = job_with_candidates
    schedule_recompute("job", job.id)
    schedule_recompute("job", job.id)  # the same work twice
    assert queue().count == 2 and _matches(job) == 0
    work()
    db.session.expire_all()
    assert _matches(job) == 1 and failed_ids() == []


def test_a_failing_job_is_retried_then_shown_to_staff_who_retry_it(
    app, job_with_candidates, client, auth, make_user, monkeypatch
):
    from app.blueprints.matching.services import schedule_recompute

    job = job_with_candidates
    attempts = []

    def broken(*args, **kwargs):
        attempts.append(1)
        raise RuntimeError("ranking engine unavailable")

    monkeypatch.setattr(matching, "recompute_job", broken)
    schedule_recompute("job", job.id)
    work()
    assert len(attempts) == 3  # the first run and two retries
    [job_id] = failed_ids()

    auth.login(make_user(Role.STAFF))
    page = client.get("/programme/taches").get_data(as_text=True)
    assert "run_recompute" in page and "ranking engine unavailable" in page
    monkeypatch.undo()
    r = client.post(f"/programme/taches/{job_id}/relancer")
    assert r.status_code == 303 and failed_ids() == []
    work()
    db.session.expire_all()
    assert _matches(job) == 1 and failed_ids() == []
    assert client.post(f"/programme/taches/{job_id}/relancer").status_code == 404


def test_the_failed_jobs_page_is_for_staff(client, auth, make_user):
    auth.login(make_user(Role.CANDIDATE))
    assert client.get("/programme/taches").status_code == 403


def test_mail_is_sent_by_the_worker_after_the_commit_and_only_once(app, monkeypatch):
    from types import SimpleNamespace

    from app import mail
    from app.mail import deliver_mail, send_mail
    from app.tasks import queue

    sent = []
    monkeypatch.setattr(mail, "_send_smtp", lambda message: sent.append(message.id))
    app.config["MAIL_SERVER"] = "smtp.example.org"
    message = send_mail(
        "a@example.org",
        "reset_password",
        "fr_CA",
        link="https://x/y",
        user=SimpleNamespace(full_name="A B"),
    )
    assert queue().count == 0  # nothing is queued before the commit
    db.session.commit()
    assert queue().count == 1
    work()
    assert sent == [message.id]
    deliver_mail(message.id)  # a retry after success sends nothing
    assert sent == [message.id]
    assert db.session.get(OutboxMessage, message.id).sent_at is not None


def test_work_queued_by_a_rolled_back_request_is_dropped(app, monkeypatch):
    from app.blueprints.matching.services import run_recompute
    from app.tasks import enqueue_after_commit, queue

    enqueue_after_commit(run_recompute, "job", 1)
    db.session.rollback()
    db.session.commit()
    assert queue().count == 0


def test_failed_jobs_page_without_a_queue(app_factory, make_user):
    app = app_factory()
    from tests.conftest import PASSWORD

    client = app.test_client()
    client.post("/connexion", data={"email": make_user(Role.STAFF).email, "password": PASSWORD})
    assert client.get("/programme/taches").status_code == 200


def test_a_full_recompute_is_split_over_the_workers_by_batches_of_jobs(
    app, make_employer, make_job, make_candidate
):
    """`flask match recompute --all` with Redis queues batches of jobs; any worker takes them and
    the stored matches are those of a single pass."""
    from app.models import JobStatus
    from app.tasks import queue

    org = make_employer().organisation
    jobs = [make_job(org, title_fr=f"Soudeur {i}") for i in range(5)]
    make_candidate(desired_titles=["Soudeur"], skills=["soudage"], regions_anywhere=True)
    closed = make_job(org, title_fr="Soudeur fermé")
    db.session.add(MatchResult(job_id=closed.id, candidate_id=1, score=1, eligible=False))
    closed.status = JobStatus.CLOSED
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["match", "recompute", "--all", "--batch", "2"])
    assert result.exit_code == 0 and "3 batches of jobs queued for the workers" in result.output
    assert queue().count == 3 and _matches(closed) == 0  # a closed job's rows go at once
    work()
    db.session.expire_all()
    assert [_matches(j) for j in jobs] == [1] * 5 and failed_ids() == []
    single = matching.recompute_all()
    db.session.commit()
    assert single == 5
