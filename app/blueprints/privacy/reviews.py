"""Human review of automated rankings, asked by candidates and answered by staff."""

from sqlalchemy.orm import selectinload

from app.audit import record_event
from app.blueprints.privacy.consents import _newest_first
from app.blueprints.privacy.policy import PrivacyError
from app.extensions import db
from app.models import (
    HumanReviewRequest,
    Job,
    ReviewStatus,
    Role,
    User,
)
from app.models.base import utcnow
from app.notify import notify
from app.urls import site_path

# ---------------------------------------------------------------- human review of rankings


def request_review(user: User, message: str, job: Job | None = None) -> HumanReviewRequest:
    """File a candidate's request for a person to review their automated ranking; tell staff."""
    if user.role != Role.CANDIDATE:
        raise PrivacyError("not_candidate")
    review = HumanReviewRequest(user_id=user.id, job_id=job.id if job else None)
    review.message = message.strip()[:2000]
    db.session.add(review)
    db.session.flush()
    record_event(user, "review.requested", "human_review", review.id)
    staff = db.session.execute(
        db.select(User).where(User.role.in_([Role.STAFF, Role.ADMIN]), User.active.is_(True))
    ).scalars()
    for member in staff:
        notify(member, "review_requested", site_path("privacy.staff_privacy"), number=review.id)
    return review


def review_requests_of(user: User) -> list[HumanReviewRequest]:
    """The person's review requests, newest first."""
    return _newest_first(HumanReviewRequest, user)


def review_queue(limit: int = 50) -> list[HumanReviewRequest]:
    """Open requests first (oldest first), then the latest answered ones."""
    # The page shows each request's person, job and employer: load them with the list.
    shown = (
        selectinload(HumanReviewRequest.user),
        selectinload(HumanReviewRequest.job).selectinload(Job.organisation),
    )
    waiting = db.session.execute(
        db.select(HumanReviewRequest)
        .options(*shown)
        .where(HumanReviewRequest.status == ReviewStatus.OPEN)
        .order_by(HumanReviewRequest.id)
    ).scalars()
    answered = db.session.execute(
        db.select(HumanReviewRequest)
        .options(*shown)
        .where(HumanReviewRequest.status == ReviewStatus.ANSWERED)
        .order_by(HumanReviewRequest.answered_at.desc())
        .limit(limit)
    ).scalars()
    return [*waiting, *answered]


def answer_review(review: HumanReviewRequest, staff: User, answer: str) -> None:
    """Answer a review request; the candidate is told."""
    answer = answer.strip()
    if not answer:
        raise PrivacyError("answer_required", "answer")
    review.answer = answer[:4000]
    review.status, review.answered_by_id, review.answered_at = (
        ReviewStatus.ANSWERED,
        staff.id,
        utcnow(),
    )
    db.session.flush()
    record_event(staff, "review.answered", "human_review", review.id)
    if review.user.active:
        notify(review.user, "review_answered", site_path("privacy.account_privacy"))
