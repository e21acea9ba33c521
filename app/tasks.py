"""Background work: an RQ queue when REDIS_URL is set, otherwise inline after the commit."""

from flask import current_app

from app.extensions import db


def _queue():
    from redis import Redis
    from rq import Queue

    return Queue("maillage", connection=Redis.from_url(current_app.config["REDIS_URL"]))


def run_recompute(kind: str, object_id: int) -> None:
    """Recompute stored matches for a job or a candidate, then commit (the worker's entry point)."""
    from app.blueprints.matching import services
    from app.models import CandidateProfile, Job

    if kind == "job":
        job = db.session.get(Job, object_id)
        if job is not None:
            services.recompute_job(job)
    elif kind == "candidate":
        profile = db.session.get(CandidateProfile, object_id)
        if profile is not None:
            services.recompute_candidate(profile)
    db.session.commit()


def rq_recompute(kind: str, object_id: int) -> None:
    """Run run_recompute inside an application context (what `rq worker maillage` executes)."""
    from app import create_app

    with create_app().app_context():
        run_recompute(kind, object_id)


def schedule_recompute(kind: str, object_id: int) -> None:
    """Queue a recompute on Redis when configured; otherwise run it now, after the commit."""
    if current_app.config.get("REDIS_URL"):
        _queue().enqueue(rq_recompute, kind, object_id)
    else:
        run_recompute(kind, object_id)
