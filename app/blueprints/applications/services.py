"""Applications: applying, the status workflow, pipelines and the pre-qualification queue."""

from datetime import date

from flask_babel import force_locale
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record_event
from app.errors import DomainError
from app.extensions import db
from app.models import (
    Actor,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CandidateProfile,
    CandidateReason,
    DeclineMessage,
    DeclineReason,
    EmployerOrganisation,
    Job,
    MembershipStatus,
    User,
)
from app.models.applications import (
    MAIN_PATH,
    TRANSITIONS,
    SiteVisit,
    SiteVisitStatus,
)
from app.models.base import utcnow
from app.notify import bilingual, notify
from app.urls import site_path


class ApplicationError(DomainError):
    """An application operation that cannot proceed; `code` says why, `field` where."""


def _job_title(job: Job) -> dict:
    return bilingual(job.title_fr, job.title_en)


def org_members(org: EmployerOrganisation) -> list[User]:
    """The active members of the organisation (who are told of its applications)."""
    return [m.user for m in org.memberships if m.status == MembershipStatus.ACTIVE]


def find_application(profile: CandidateProfile, job: Job) -> Application | None:
    """Return the candidate's application to this job, if any."""
    return db.session.execute(
        db.select(Application).where(
            Application.job_id == job.id, Application.candidate_id == profile.id
        )
    ).scalar_one_or_none()


def apply_to_job(profile: CandidateProfile, job: Job, message: str, today: date) -> Application:
    """Submit an application; refuse a closed job or a second application to the same job."""
    if not job.is_open(today):
        raise ApplicationError("job_closed", "message")
    if find_application(profile, job) is not None:
        raise ApplicationError("duplicate", "message")
    application = Application(job=job, candidate=profile, message=message.strip())
    db.session.add(application)
    db.session.flush()
    db.session.add(
        ApplicationEvent(
            application=application, to_status=ApplicationStatus.SUBMITTED, actor_id=profile.user_id
        )
    )
    # The employer hears of it once staff have pre-qualified it (application_prequalified).
    return application


def allowed_moves(application: Application, actor: Actor) -> list[ApplicationStatus]:
    """Return the statuses this actor may move the application to, in workflow order."""
    moves = TRANSITIONS[application.status]
    return [s for s in ApplicationStatus if actor in moves.get(s, set())]


def transition_application(
    application: Application,
    to_status: ApplicationStatus,
    actor_user: User,
    actor: Actor,
    *,
    reason: DeclineReason | None = None,
    note: str = "",
    withdraw_reason: CandidateReason | None = None,
) -> None:
    """Move an application, record who did it, and tell the people concerned."""
    if actor not in TRANSITIONS[application.status].get(to_status, set()):
        raise ApplicationError("transition", "status")
    note = note.strip()
    if to_status == ApplicationStatus.WITHDRAWN:
        if withdraw_reason is None:
            raise ApplicationError("withdraw_reason_required", "reason")
        application.withdraw_reason = withdraw_reason
    if to_status == ApplicationStatus.DECLINED:
        if reason is None:
            raise ApplicationError("reason_required", "reason")
        if reason == DeclineReason.OTHER and not note:
            raise ApplicationError("note_required", "note")
        application.decline_reason, application.decline_note = reason, note
    if to_status == ApplicationStatus.PREQUALIFIED:
        if not note:
            raise ApplicationError("rationale_required", "note")
        application.prequal_rationale = note
    from_status = application.status
    application.status = to_status
    db.session.add(
        ApplicationEvent(
            application=application,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor_user.id,
            note=note,
        )
    )
    db.session.flush()
    _notify_transition(application, to_status)
    if to_status == ApplicationStatus.HIRED:
        from app.blueprints.followup.services import start_after_hire
        from app.clock import today

        start_after_hire(application, today())


def decline_wording(reason: DeclineReason) -> dict[str, str] | str:
    """The text of a decline reason as sent: the program's own wording where staff wrote one
    (both languages), else the reason's code (the catalog's text, in the reader's language)."""
    edited = db.session.get(DeclineMessage, reason)
    if edited is None or not (edited.text_fr.strip() or edited.text_en.strip()):
        return reason.value
    standard = catalog_wording(reason)
    return {"fr": edited.text_fr or standard["fr"], "en": edited.text_en or standard["en"]}


def catalog_wording(reason: DeclineReason) -> dict[str, str]:
    """The standard (catalog) wording of a decline reason in French and in English."""
    out = {}
    for lang, locale in (("fr", "fr_CA"), ("en", "en_CA")):
        with force_locale(locale):
            out[lang] = str(reason.label)
    return out


def decline_messages() -> dict[DeclineReason, DeclineMessage]:
    """The wording staff wrote for each decline reason (a reason left out uses the catalog)."""
    return {m.reason: m for m in db.session.execute(db.select(DeclineMessage)).scalars()}


def save_decline_message(staff: User, reason: DeclineReason, text_fr: str, text_en: str) -> None:
    """Set the program's wording of a decline reason (empty: back to the catalog's text)."""
    message = db.session.get(DeclineMessage, reason)
    if message is None:
        message = DeclineMessage(reason=reason)
        db.session.add(message)
    message.text_fr, message.text_en = text_fr.strip(), text_en.strip()
    db.session.flush()
    record_event(staff, "decline_message.edited", "decline_message", 0, reason=reason.value)


def _was_prequalified(application: Application) -> bool:
    return any(e.to_status == ApplicationStatus.PREQUALIFIED for e in application.events)


def _notify_transition(application: Application, to_status: ApplicationStatus) -> None:
    job, profile = application.job, application.candidate
    title = _job_title(job)
    if to_status == ApplicationStatus.WITHDRAWN:
        if not _was_prequalified(application):
            return  # the employer never saw it
        for member in org_members(job.organisation):
            notify(
                member,
                "application_withdrawn",
                site_path("applications.pipeline", job_id=job.id),
                candidate=profile.display_name,
                job=title,
            )
        return
    if profile.user is not None:
        path = site_path("applications.mine") + f"#application-{application.id}"
        if to_status == ApplicationStatus.DECLINED:
            notify(
                profile.user,
                "application_declined",
                path,
                job=title,
                # The program's wording of the reason when staff edited it, in both languages.
                reason=decline_wording(application.decline_reason),
            )
        else:
            notify(profile.user, "application_status", path, job=title, status=to_status.value)
    if to_status == ApplicationStatus.PREQUALIFIED:
        for member in org_members(job.organisation):
            notify(
                member,
                "application_prequalified",
                site_path("applications.pipeline", job_id=job.id),
                candidate=profile.display_name,
                job=title,
            )


def candidate_applications(profile: CandidateProfile) -> list[Application]:
    """Return the candidate's applications, newest first, with jobs and histories loaded."""
    return list(
        db.session.execute(
            db.select(Application)
            .options(
                joinedload(Application.job).joinedload(Job.organisation),
                joinedload(Application.job).joinedload(Job.region),
                selectinload(Application.events),
                selectinload(Application.site_visit),
            )
            .where(Application.candidate_id == profile.id)
            .order_by(Application.created_at.desc(), Application.id.desc())
        ).scalars()
    )


def timeline(application: Application) -> list[tuple[ApplicationStatus, str]]:
    """Return each step of the normal path with its state: 'done', 'current' or 'todo'."""
    reached = {e.to_status for e in application.events}
    steps = []
    for status in MAIN_PATH:
        if status == application.status:
            steps.append((status, "current"))
        elif status in reached:
            steps.append((status, "done"))
        else:
            steps.append((status, "todo"))
    return steps


# The pre-qualification gate: an employer sees an application (name, profile, CV, message) only
# once staff have pre-qualified it; before that, a count. A staff decline, or a withdrawal, before
# pre-qualification stays invisible to the employer.
PREQUALIFIED_OR_LATER = (
    ApplicationStatus.PREQUALIFIED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW_SCHEDULED,
    ApplicationStatus.INTERVIEWED,
    ApplicationStatus.OFFER,
    ApplicationStatus.HIRED,
)


def employer_visible():
    """SQL condition: the application was pre-qualified at some point (so its employer sees it)."""
    was_prequalified = (
        db.select(ApplicationEvent.id)
        .where(
            ApplicationEvent.application_id == Application.id,
            ApplicationEvent.to_status == ApplicationStatus.PREQUALIFIED,
        )
        .exists()
    )
    return db.or_(Application.status.in_(PREQUALIFIED_OR_LATER), was_prequalified)


def job_pipeline(job: Job) -> dict[ApplicationStatus, list[Application]]:
    """Group the employer-visible applications of the job by status, each group oldest first."""
    apps = db.session.execute(
        db.select(Application)
        .options(joinedload(Application.candidate).joinedload(CandidateProfile.user))
        .where(Application.job_id == job.id, employer_visible())
        .order_by(Application.created_at, Application.id)
    ).scalars()
    groups: dict[ApplicationStatus, list[Application]] = {s: [] for s in ApplicationStatus}
    for application in apps:
        groups[application.status].append(application)
    return groups


def under_review_count(job: Job) -> int:
    """How many applications to the job the program is still reviewing (a count, never names)."""
    return db.session.execute(
        db.select(db.func.count(Application.id)).where(
            Application.job_id == job.id, Application.status == ApplicationStatus.SUBMITTED
        )
    ).scalar_one()


def get_employer_application(
    org: EmployerOrganisation | None, application_id: int
) -> Application | None:
    """An employer-visible application to one of the organisation's jobs (None: a 404)."""
    if org is None:
        return None
    return db.session.execute(
        db.select(Application)
        .join(Job, Job.id == Application.job_id)
        .where(Application.id == application_id, Job.organisation_id == org.id, employer_visible())
    ).scalar_one_or_none()


def get_candidate_application(
    profile: CandidateProfile | None, application_id: int
) -> Application | None:
    """Return one of the candidate's own applications (None otherwise, for a 404)."""
    application = db.session.get(Application, application_id)
    if application is None or profile is None or application.candidate_id != profile.id:
        return None
    return application


def get_reviewable_application(application_id: int) -> Application | None:
    """Return an application staff may review: its candidate consented to staff review."""
    application = db.session.get(Application, application_id)
    if application is None or not application.candidate.consents_to_staff_review:
        return None
    return application


def prequalification_queue() -> list[Application]:
    """Return submitted applications awaiting staff review, oldest first."""
    return list(
        db.session.execute(
            db.select(Application)
            .join(Application.candidate)
            .options(
                joinedload(Application.candidate).joinedload(CandidateProfile.user),
                joinedload(Application.job).joinedload(Job.organisation),
            )
            .where(
                Application.status == ApplicationStatus.SUBMITTED,
                CandidateProfile.consent_staff_review_at.is_not(None),
            )
            .order_by(Application.created_at, Application.id)
        ).scalars()
    )


def record_profile_view(viewer: User, application: Application) -> None:
    """Log that an employer or staff member saw a candidate's personal data."""
    record_event(
        viewer, "profile_viewed", "candidate", application.candidate_id, application=application.id
    )


# ---------------------------------------------------------------- site visits


def invite_to_site_visit(application: Application, employer: User, message: str) -> SiteVisit:
    """The employer invites the candidate to visit its site; the candidate is told."""
    if application.site_visit is not None:
        raise ApplicationError("site_visit_exists")
    if not application.can_invite_to_site_visit:
        raise ApplicationError("site_visit_stage")
    visit = SiteVisit(
        application=application, message=message.strip()[:2000], proposed_by_id=employer.id
    )
    db.session.add(visit)
    db.session.flush()
    notify(
        application.candidate.user,
        "site_visit_invited",
        site_path("applications.mine") + f"#application-{application.id}",
        org=application.job.organisation.name,
        job=_job_title(application.job),
    )
    return visit


def answer_site_visit(application: Application, accept: bool) -> SiteVisit:
    """The candidate accepts or declines; the employer's members are told."""
    visit = application.site_visit
    if visit is None or visit.status != SiteVisitStatus.PROPOSED:
        raise ApplicationError("site_visit_answered")
    visit.status = SiteVisitStatus.ACCEPTED if accept else SiteVisitStatus.DECLINED
    visit.responded_at = utcnow()
    db.session.flush()
    for member in org_members(application.job.organisation):
        notify(
            member,
            "site_visit_accepted" if accept else "site_visit_declined",
            site_path("applications.employer_application", application_id=application.id),
            candidate=application.candidate.display_name,
            job=_job_title(application.job),
        )
    return visit
