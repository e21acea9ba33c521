"""Home, dashboard and health operations."""

from sqlalchemy import text

from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    EmployerOrganisation,
    Job,
    MembershipStatus,
    Role,
    User,
    VettingStatus,
)


def check_database() -> bool:
    """Run a trivial query; True when the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        db.session.rollback()
        return False
    return True


def set_language(user: User | None, locale: str) -> None:
    """Remember a signed-in user's language for their pages and emails."""
    if user is not None and user.locale != locale:
        user.locale = locale


def dashboard_context(user: User) -> dict:
    """Gather what the user's dashboard shows for their role."""
    context: dict = {"user": user}
    if user.role == Role.CANDIDATE:
        from app.blueprints.candidates.services import completeness

        profile = user.candidate_profile
        context["percent"], context["missing"] = completeness(profile) if profile else (0, [])
        if profile is not None:
            from app.blueprints.matching.services import (
                has_results,
                jobs_for_candidate,
                recompute_candidate,
            )

            if not has_results(profile):
                recompute_candidate(profile)
            context["top_matches"] = [m for m in jobs_for_candidate(profile, limit=3) if m.eligible]
        context["application_count"] = (
            _count(Application, Application.candidate_id, profile.id) if profile else 0
        )
    if user.role == Role.EMPLOYER and user.membership:
        org = user.membership.organisation
        context["organisation"] = org
        context["pending_members"] = [
            m for m in org.memberships if m.status == MembershipStatus.PENDING
        ]
        context["membership"] = user.membership
    if user.role == Role.PARTNER:
        context["partner"] = user.partner_organisation
    if user.role == Role.EMPLOYER and user.organisation:
        context["job_count"] = _count(Job, Job.organisation_id, user.organisation.id)
    if user.has_role(Role.STAFF):
        context["user_counts"] = _user_counts()
        context["queue_count"] = db.session.execute(
            db.select(db.func.count(Application.id)).where(
                Application.status == ApplicationStatus.SUBMITTED
            )
        ).scalar_one()
        context["vetting_count"] = _count(
            EmployerOrganisation, EmployerOrganisation.vetting_status, VettingStatus.PENDING
        )
    return context


def _count(model, column, value) -> int:
    return db.session.execute(
        db.select(db.func.count(model.id)).where(column == value)
    ).scalar_one()


def _user_counts() -> dict[str, int]:
    rows = db.session.execute(db.select(User.role, db.func.count()).group_by(User.role)).all()
    return {role.value: count for role, count in rows}


PUBLIC_PAGES = ("main.index", "jobs.board", "regions.index", "regions.library", "main.privacy")


def sitemap_entries() -> list[tuple[str, str, str | None]]:
    """(French address, English address, last change as an ISO date or None) of every public
    page, absolute."""
    from app.blueprints.jobs.publishing import sitemap_jobs
    from app.blueprints.regions.services import list_regions
    from app.clock import today
    from app.models import EmployerOrganisation
    from app.models.orgs import VettingStatus
    from app.urls import external_url

    def both(endpoint: str, lastmod: str | None = None, **values) -> tuple[str, str, str | None]:
        return (
            external_url(endpoint, **values),
            external_url(endpoint, **values, lang_code="en"),
            lastmod,
        )

    entries = [both(endpoint) for endpoint in PUBLIC_PAGES]
    entries += [both("regions.detail", slug=r.slug) for r in list_regions() if not r.is_montreal]
    entries += [
        both("jobs.detail", day.date().isoformat() if day else None, job_id=jid)
        for jid, day in sitemap_jobs(today())
    ]
    approved = db.session.execute(
        db.select(EmployerOrganisation.id)
        .where(EmployerOrganisation.vetting_status == VettingStatus.APPROVED)
        .order_by(EmployerOrganisation.id)
    ).scalars()
    entries += [both("employers.public_profile", org_id=oid) for oid in approved]
    return entries
