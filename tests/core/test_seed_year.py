"""The demo's program year: idempotent, and true to the portal's own invariants."""

from app.blueprints.reports.services import Period, compute_indicators, default_period
from app.clock import today
from app.extensions import db
from app.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CheckIn,
    EmployerOrganisation,
    FundingRequest,
    FundingStatus,
    Job,
    JobStatus,
    Role,
    User,
)
from app.models.reference import MONTREAL_REGION
from app.seed import DEMO_PASSWORD, seed_demo
from app.seed_year import seed_program_year


def _count(stmt) -> int:
    return db.session.execute(stmt).scalar_one()


def _counts() -> dict[str, int]:
    return {
        m.__name__: _count(db.select(db.func.count()).select_from(m))
        for m in (
            User,
            EmployerOrganisation,
            Job,
            Application,
            ApplicationEvent,
            CheckIn,
            FundingRequest,
        )
    }


def test_program_year_is_idempotent_and_keeps_the_invariants(app):
    seed_demo()
    first = seed_program_year(DEMO_PASSWORD, scale=0.25)
    db.session.commit()
    assert first.organisations == 10 and first.jobs > 30 and first.candidates == 100
    assert first.applications > 20 and first.hires > 0 and first.matches > 0
    counts = _counts()
    again = seed_program_year(DEMO_PASSWORD, scale=0.25)
    db.session.commit()
    assert again.organisations == again.applications == 0
    assert _counts() == counts

    # Every hired application went through staff pre-qualification, and has its check-ins.
    hired = (
        db.session.execute(
            db.select(Application).where(Application.status == ApplicationStatus.HIRED)
        )
        .scalars()
        .all()
    )
    assert hired
    for application in hired:
        reached = {e.to_status for e in application.events}
        assert ApplicationStatus.PREQUALIFIED in reached, application.id
        months = set(
            db.session.execute(
                db.select(CheckIn.months).where(CheckIn.application_id == application.id)
            ).scalars()
        )
        assert {1, 3, 6, 12} <= months
    # No published job of an unapproved organisation; every job outside Montréal.
    published = (
        db.session.execute(db.select(Job).where(Job.status == JobStatus.PUBLISHED)).scalars().all()
    )
    assert published and all(job.organisation.is_approved for job in published)
    assert _count(db.select(db.func.count(Job.id)).where(Job.region_code == MONTREAL_REGION)) == 0
    # Some jobs closed, filled or expired (still published, past their closing date).
    statuses = {job.status for job in db.session.execute(db.select(Job)).scalars()}
    assert {JobStatus.CLOSED, JobStatus.FILLED} <= statuses
    assert any(job.closing_date < today() for job in published)

    # The indicators count what the tables hold, for the default period.
    start, end = default_period(today())
    period = Period(start, end)
    indicators = compute_indicators(period, today(), {}, "")
    candidates = _count(
        db.select(db.func.count(User.id)).where(
            User.role == Role.CANDIDATE, period.holds(User.created_at)
        )
    )
    assert indicators.registered == candidates > 100
    assert indicators.activity["applications"] == _count(
        db.select(db.func.count(Application.id)).where(period.holds(Application.created_at))
    )

    def reached(status):
        return _count(
            db.select(db.func.count(db.distinct(ApplicationEvent.application_id))).where(
                ApplicationEvent.to_status == status, period.holds(ApplicationEvent.created_at)
            )
        )

    assert indicators.activity["hires"] == reached(ApplicationStatus.HIRED) >= len(hired)
    assert indicators.activity["prequalified"] == reached(ApplicationStatus.PREQUALIFIED)

    # No payment without approval; the indicators' funding is what the requests hold.
    requests = db.session.execute(db.select(FundingRequest)).scalars().all()
    assert len({r.status for r in requests}) >= 4 and first.funding_requests > 0
    for req in requests:
        if req.status == FundingStatus.PAID:
            assert req.approved_cents and req.decided_at and req.paid_cents <= req.approved_cents
    submitted = [r for r in requests if period.start_at <= r.submitted_at < period.end_at]
    assert indicators.funding_total.requested == len(submitted)
    assert indicators.funding_total.paid_cents == sum(
        r.paid_cents or 0 for r in requests if r.paid_on and start <= r.paid_on <= end
    )
