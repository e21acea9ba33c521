"""Job alerts: saved searches of the board, mailed with the jobs published since their last run."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import joinedload

from app.blueprints.jobs.services import (
    BoardFilters,
    filter_jobs,
    open_jobs_query,
    search_args,
)
from app.clock import today
from app.errors import DomainError, Problems
from app.extensions import db
from app.mail import send_mail
from app.models import (
    AlertFrequency,
    Commitment,
    EmailChoice,
    Job,
    JobAlert,
    JobAlertJob,
    JobType,
    Region,
    User,
)
from app.models.base import utcnow
from app.models.reference import MONTREAL_REGION
from app.notify import get_preference, mail_footer, notify
from app.urls import external_url, site_path

MAX_ALERTS = 20  # per person
MAX_JOBS_PER_ALERT = 50  # in one email; the rest is on the board
# How long after its last run an alert is due: a daily cron at a fixed hour stays daily.
DUE_AFTER = {
    AlertFrequency.IMMEDIATE: timedelta(0),
    AlertFrequency.DAILY: timedelta(hours=23),
    AlertFrequency.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}
# A job published while a run was under way is caught by the next one (never sent twice: each
# job an alert sent is recorded).
OVERLAP = timedelta(hours=1)


class AlertError(DomainError):
    """An alert that cannot be saved; `code` says why, `field` where."""


@dataclass
class AlertData:
    name: str = ""
    q: str = ""
    region: str = ""
    group: str = ""
    job_type: str = ""
    meets_languages: bool = False
    frequency: AlertFrequency = AlertFrequency.DAILY
    commitments: frozenset[Commitment] = frozenset()


def has_criteria(data: AlertData) -> bool:
    """Whether the search narrows the board at all (an alert for every job is refused)."""
    return bool(
        data.q.strip()
        or data.region
        or data.group
        or data.job_type
        or data.meets_languages
        or data.commitments
    )


def check_alert(data: AlertData) -> None:
    """Raise every problem of an alert at once."""
    problems = Problems(AlertError)
    if not data.name.strip():
        problems.add("name_required", "name")
    if not has_criteria(data):
        problems.add("no_criteria")
    if data.region and (
        data.region == MONTREAL_REGION or db.session.get(Region, data.region) is None
    ):
        problems.add("region_unknown", "region")
    if data.group and not (len(data.group) == 1 and data.group.isdigit()):
        problems.add("group_unknown", "group")
    if data.job_type and data.job_type not in {t.value for t in JobType}:
        problems.add("type_unknown", "job_type")
    problems.raise_any()


def _apply(alert: JobAlert, data: AlertData) -> None:
    alert.name = data.name.strip()[:120]
    alert.q = data.q.strip()[:100]
    alert.region, alert.occupation_group, alert.job_type = data.region, data.group, data.job_type
    alert.meets_languages = data.meets_languages
    alert.commitments = sorted(c.value for c in data.commitments)
    alert.frequency = data.frequency


def create_alert(user: User, data: AlertData) -> JobAlert:
    """Save the search as a named alert; it sends the jobs published from now on."""
    check_alert(data)
    count = db.session.execute(
        db.select(db.func.count(JobAlert.id)).where(JobAlert.user_id == user.id)
    ).scalar_one()
    if count >= MAX_ALERTS:
        raise AlertError("too_many")
    now = utcnow()
    alert = JobAlert(user_id=user.id, last_run_at=now, created_at=now)
    _apply(alert, data)
    db.session.add(alert)
    db.session.flush()
    return alert


def update_alert(alert: JobAlert, data: AlertData) -> None:
    """Change an alert's name, criteria or frequency."""
    check_alert(data)
    _apply(alert, data)
    db.session.flush()


def delete_alert(alert: JobAlert) -> None:
    """Delete an alert (and the record of the jobs it sent)."""
    db.session.execute(db.delete(JobAlertJob).where(JobAlertJob.alert_id == alert.id))
    db.session.delete(alert)
    db.session.flush()


def user_alerts(user: User) -> list[JobAlert]:
    """The person's alerts, in the order they were made."""
    return list(
        db.session.execute(
            db.select(JobAlert).where(JobAlert.user_id == user.id).order_by(JobAlert.id)
        ).scalars()
    )


def get_user_alert(user: User, alert_id: int) -> JobAlert | None:
    """The alert if it is the person's (None otherwise, for a 404)."""
    alert = db.session.get(JobAlert, alert_id)
    return alert if alert is not None and alert.user_id == user.id else None


def alert_data(alert: JobAlert) -> AlertData:
    """An alert's fields as the form's data."""
    return AlertData(
        alert.name,
        alert.q,
        alert.region,
        alert.occupation_group,
        alert.job_type,
        alert.meets_languages,
        alert.frequency,
        alert_commitments(alert),
    )


def alert_commitments(alert: JobAlert) -> frozenset[Commitment]:
    """The welcome commitments the alert asks for (values no longer known are left out)."""
    return Commitment.parse(alert.commitments)


def board_filters(alert: JobAlert) -> BoardFilters:
    """The alert as the board's filters."""
    return BoardFilters(
        q=alert.q,
        region=alert.region,
        group=alert.occupation_group,
        job_type=alert.job_type,
        meets_languages=alert.meets_languages,
        commitments=alert_commitments(alert),
    )


def board_args(alert: JobAlert) -> dict[str, str]:
    """The board's query string for this alert's search."""
    return search_args(board_filters(alert))


# ---------------------------------------------------------------- sending


def is_due(alert: JobAlert, now: datetime) -> bool:
    """Whether the alert's frequency says it runs now."""
    return now - alert.last_run_at >= DUE_AFTER[alert.frequency]


def new_jobs(alert: JobAlert, user: User) -> list[Job]:
    """The open jobs matching the alert published since its last run, not sent by it before."""
    since = max(alert.created_at, alert.last_run_at - OVERLAP)
    sent = db.select(JobAlertJob.id).where(
        JobAlertJob.alert_id == alert.id, JobAlertJob.job_id == Job.id
    )
    stmt = filter_jobs(open_jobs_query(today()), board_filters(alert), user.candidate_profile)
    stmt = (
        stmt.where(Job.published_at > since, ~sent.exists())
        .options(joinedload(Job.organisation), joinedload(Job.region))
        .order_by(Job.published_at, Job.id)
        .limit(MAX_JOBS_PER_ALERT)
    )
    return list(db.session.execute(stmt).scalars())


def _job_line(job: Job, locale: str) -> dict[str, str]:
    return {
        "title": job.title(locale),
        "employer": job.organisation.name,
        "region": job.region.name(locale),
        "link": external_url("jobs.detail", job_id=job.id),
    }


def send_alerts(now: datetime) -> int:
    """Send each due alert the jobs published since its last run, each job once per alert, in
    one email per person and frequency, in their language; return how many emails."""
    alerts = db.session.execute(
        db.select(JobAlert)
        .join(User, User.id == JobAlert.user_id)
        .where(User.active.is_(True), User.deleted_at.is_(None))
        .order_by(JobAlert.user_id, JobAlert.frequency, JobAlert.id)
    ).scalars()
    groups: dict[tuple[int, AlertFrequency], list[tuple[JobAlert, list[Job]]]] = {}
    for alert in list(alerts):
        if not is_due(alert, now):
            continue
        user = db.session.get(User, alert.user_id)
        jobs = new_jobs(alert, user)
        for job in jobs:
            db.session.add(JobAlertJob(alert_id=alert.id, job_id=job.id, sent_at=now))
        alert.last_run_at = now
        if jobs:
            groups.setdefault((alert.user_id, alert.frequency), []).append((alert, jobs))
    sent = 0
    for (user_id, _frequency), sections in groups.items():
        user = db.session.get(User, user_id)
        for alert, jobs in sections:
            notify(
                user,
                "alert_jobs",
                site_path("jobs.board", **board_args(alert)),
                email=False,  # the alert's own email follows, with every job in it
                name=alert.name,
                count=len(jobs),
            )
        if get_preference(user, "alerts").email == EmailChoice.OFF:
            continue
        footer = mail_footer(user, ["alerts"])
        send_mail(
            user.email,
            "job_alerts",
            user.locale,
            headers=footer.pop("headers"),
            user=user,
            sections=[(a, [_job_line(j, user.locale) for j in jobs]) for a, jobs in sections],
            total=len({job.id for _a, jobs in sections for job in jobs}),  # distinct jobs
            alerts_link=external_url("alerts.index"),
            **footer,
        )
        sent += 1
    db.session.flush()
    return sent


def run_due_alerts() -> None:
    """Send the due alerts now (the RQ cron job, every few minutes; idempotent)."""
    send_alerts(utcnow())
