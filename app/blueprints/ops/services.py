"""Read and retry the RQ failed-job registry."""

from dataclasses import dataclass
from datetime import UTC, datetime

from app.tasks import queue


class QueueUnavailable(Exception):
    """Redis is not configured or does not answer."""


@dataclass
class FailedJob:
    id: str
    description: str
    enqueued_at: datetime | None
    ended_at: datetime | None
    error: str
    retries_left: int


def _registry():
    from redis.exceptions import RedisError
    from rq.registry import FailedJobRegistry

    try:
        q = queue()
        q.connection.ping()
    except RedisError as err:
        raise QueueUnavailable from err
    return q, FailedJobRegistry(queue=q)


def list_failed_jobs(limit: int = 200) -> list[FailedJob]:
    """Return the jobs that failed after their last retry, most recent first."""
    from rq.job import Job

    q, registry = _registry()
    ids = registry.get_job_ids(0, limit - 1, desc=True)
    jobs = []
    for job in Job.fetch_many(ids, connection=q.connection):
        if job is None:
            continue
        result = job.latest_result()
        error = ((result.exc_string if result else None) or "").strip().splitlines()
        jobs.append(
            FailedJob(
                id=job.id,
                description=job.description or job.func_name,
                enqueued_at=_aware(job.enqueued_at),
                ended_at=_aware(job.ended_at),
                error=error[-1] if error else "",
                retries_left=job.retries_left or 0,
            )
        )
    return jobs


def _aware(value: datetime | None) -> datetime | None:
    # RQ keeps UTC times without their zone.
    return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


def retry_failed_job(job_id: str) -> bool:
    """Put a failed job back on the queue; False when it is no longer in the registry."""
    from rq.exceptions import InvalidJobOperation, NoSuchJobError

    _, registry = _registry()
    try:  # requeue refuses a job that is gone or not in the failed registry
        registry.requeue(job_id)
    except (InvalidJobOperation, NoSuchJobError):
        return False
    return True
