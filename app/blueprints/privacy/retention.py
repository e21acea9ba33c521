"""Retention: the purge of inactive accounts and expired funding records."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_

from app.audit import record_event
from app.blueprints.followup.services import add_months
from app.blueprints.privacy.erasure import erase_account
from app.blueprints.privacy.policy import RETENTION
from app.clock import PROGRAM_TZ
from app.extensions import db
from app.mail import send_mail
from app.models import (
    CandidateProfile,
    FundingRequest,
    Role,
    User,
)
from app.models.base import utcnow
from app.urls import external_url

# ---------------------------------------------------------------- retention


@dataclass
class PurgeReport:
    warned: int = 0
    erased: int = 0
    funding_deleted: int = 0


def _months_before(moment: datetime, months: int) -> datetime:
    return datetime.combine(add_months(moment.date(), -months), moment.timetz())


def purge(now: datetime | None = None) -> PurgeReport:
    """Apply the retention policy: warn then erase inactive candidates; drop old funding records."""
    now = now or utcnow()
    report = PurgeReport()
    inactive_since = _months_before(now, RETENTION.inactive_candidate_months)
    last_seen = db.func.coalesce(User.last_login_at, User.created_at)
    candidates = db.session.execute(
        db.select(User).where(
            User.role == Role.CANDIDATE, User.deleted_at.is_(None), last_seen <= inactive_since
        )
    ).scalars()
    for user in list(candidates):
        if user.retention_warned_at is None:
            _warn(user, now)
            report.warned += 1
        elif user.retention_warned_at <= now - timedelta(days=RETENTION.warning_days):
            erase_account(user, reason="retention")
            report.erased += 1
    report.funding_deleted = _purge_funding(now)
    db.session.flush()
    return report


def _warn(user: User, now: datetime) -> None:
    user.retention_warned_at = now
    erase_on = (now + timedelta(days=RETENTION.warning_days)).date()
    send_mail(
        user.email,
        "retention_warning",
        user.locale,
        user=user,
        months=RETENTION.inactive_candidate_months,
        erase_on=erase_on,
        link=external_url("auth.login"),
    )
    record_event(None, "privacy.retention_warning", "user", user.id)


def _purge_funding(now: datetime) -> int:
    limit_day = add_months(now.astimezone(PROGRAM_TZ).date(), -12 * RETENTION.funding_years)
    limit_moment = _months_before(now, 12 * RETENTION.funding_years)
    old = db.session.execute(
        db.select(FundingRequest)
        .join(CandidateProfile, FundingRequest.candidate_id == CandidateProfile.id)
        .join(User, CandidateProfile.user_id == User.id)
        .where(
            User.deleted_at.is_not(None),
            or_(
                FundingRequest.paid_on <= limit_day,
                and_(FundingRequest.paid_on.is_(None), FundingRequest.updated_at <= limit_moment),
            ),
        )
    ).scalars()
    count = 0
    for req in list(old):
        record_event(None, "privacy.funding_purged", "funding_request", req.id)
        db.session.delete(req)
        count += 1
    return count
