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
