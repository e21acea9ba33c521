"""Background work: an RQ queue when REDIS_URL is set, otherwise inline.

Everything that may run in the background goes through `enqueue(func, *args)` (run it now or on a
worker) or `enqueue_after_commit(func, *args)` (only once the request's transaction is committed,
so a worker never looks for rows that are not there yet). Functions take plain ids, so a job can
be queued from one process and run in another, and every one is idempotent: running it twice, or
again after a failure half-way, leaves the same result. On a worker each job runs in one
transaction, committed at its end and rolled back if it fails; RQ retries it with growing waits
(JOB_RETRY_INTERVALS), then leaves it in the failed-job registry, where staff see it and can
retry it (/programme/taches).

If Redis cannot be reached the work runs inline and a warning is logged: a slower request is
better than lost work.
"""

import importlib
import logging
from collections.abc import Callable

from flask import Flask, current_app, has_app_context
from sqlalchemy import event

from app.extensions import db

QUEUE_NAME = "maillage"
log = logging.getLogger("maillage.tasks")


def _redis():
    from redis import Redis

    # Short timeouts: a dead Redis must cost a request half a second, not a hang.
    return Redis.from_url(
        current_app.config["REDIS_URL"], socket_connect_timeout=0.5, socket_timeout=2
    )


def queue():
    """The application's RQ queue (REDIS_URL must be set)."""
    from rq import Queue

    return Queue(QUEUE_NAME, connection=_redis())


_queue = queue  # looked up at call time, so tests can put a fake queue in its place


def redis_status() -> str | None:
    """'ok' or 'unreachable' when Redis is configured, None when it is not."""
    if not current_app.config.get("REDIS_URL"):
        return None
    from redis.exceptions import RedisError

    try:
        _redis().ping()
    except RedisError:
        return "unreachable"
    return "ok"


def _name(func: Callable) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def _resolve(name: str) -> Callable:
    module, _, attr = name.partition(":")
    if not module.startswith("app."):
        raise ValueError(f"not an application task: {name}")
    return getattr(importlib.import_module(module), attr)


def enqueue(func: Callable, *args):
    """Run func(*args) on an RQ worker when Redis is configured, inline otherwise or if it is down.

    Returns the RQ job, or None when the work ran inline. Inline work shares the caller's
    session and transaction; the caller commits.
    """
    if current_app.config.get("REDIS_URL"):
        from redis.exceptions import RedisError
        from rq import Retry

        intervals = list(current_app.config.get("JOB_RETRY_INTERVALS") or (10, 60, 300))
        try:
            return _queue().enqueue(
                run_job,
                _name(func),
                *args,
                retry=Retry(max=len(intervals), interval=intervals),
                description=f"{func.__qualname__}{args!r}",
            )
        except RedisError as err:
            log.warning(
                "Redis unreachable (%s): running %s inline", type(err).__name__, _name(func)
            )
    func(*args)
    return None


def enqueue_after_commit(func: Callable, *args) -> None:
    """Queue func(*args) once the current transaction commits (dropped if it rolls back).

    Without Redis the function runs at once, in the caller's transaction, as before.
    """
    if not current_app.config.get("REDIS_URL"):
        func(*args)
        return
    db.session.connection()  # open the transaction now, so its rollback is seen
    _pending().append((func, args))


def _pending() -> list:
    return db.session().info.setdefault("maillage_after_commit", [])


@event.listens_for(db.session, "after_commit")
def _flush_pending(session) -> None:
    pending = session.info.pop("maillage_after_commit", [])
    for func, args in pending:
        enqueue(func, *args)


@event.listens_for(db.session, "after_soft_rollback")
def _drop_pending(session, previous_transaction) -> None:
    if not session.in_transaction():
        session.info.pop("maillage_after_commit", None)


_worker_app: Flask | None = None


def _app() -> Flask:
    global _worker_app
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    return _worker_app


def run_job(name: str, *args) -> None:
    """Run one queued task in a single transaction (what `rq worker maillage` executes)."""
    func = _resolve(name)
    if has_app_context():  # an in-process worker (tests, an `rq` SimpleWorker in a shell)
        _run_in_transaction(func, args)
        return
    with _app().app_context():  # its teardown closes the session
        _run_in_transaction(func, args)


def _run_in_transaction(func: Callable, args: tuple) -> None:
    try:
        func(*args)
        db.session.commit()
    except BaseException:
        # Nothing half-done is kept: RQ retries the whole job later.
        db.session.rollback()
        raise
