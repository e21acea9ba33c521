"""Match results: jobs for a candidate, matched candidates for employers and staff."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.blueprints.candidates.services import get_profile
from app.blueprints.interviews import services as friday_svc
from app.blueprints.jobs.services import get_organisation_job, saved_job_ids
from app.blueprints.matching import bp
from app.blueprints.matching import services as svc
from app.blueprints.regions.services import list_regions
from app.extensions import db
from app.forms import arg_int
from app.fragments import is_cached, match_card_key
from app.i18n import current_language
from app.matching.explain import improvements, points, render_reason
from app.models import Job, Role
from app.rendering import render
from app.security import role_required
from app.uow import DUPLICATE, attempt, write_on_read

MATCH_ERRORS = {
    "already_invited": _l("You already invited this person to apply to this job."),
    DUPLICATE: _l("You already invited this person to apply to this job."),
}


def _reason_renderer():
    """Render a stored reason in the page's language; the region names are read only when a
    card must be rendered (most are kept rendered)."""
    lang, names = current_language(), {}

    def reason(r: dict) -> str:
        if not names:
            names.update({x.code: x.name(str(get_locale())) for x in list_regions()})
        return render_reason(r, lang, names)

    return reason


@bp.get("/candidat/postes-pour-moi")
@role_required(Role.CANDIDATE)
def jobs_for_me():
    """Rank the open jobs for the candidate, with reasons; filter by region with htmx."""
    created = current_user.candidate_profile is None
    profile = get_profile(current_user)
    first = not svc.has_results(profile)
    if first:
        svc.recompute_candidate(profile)
    region = request.args.get("region", "")
    page = _page()
    matches = svc.jobs_for_candidate(
        profile, region, limit=svc.MATCH_PAGE + 1, offset=(page - 1) * svc.MATCH_PAGE
    )
    has_next, matches = len(matches) > svc.MATCH_PAGE, matches[: svc.MATCH_PAGE]
    if svc.attach_reasons_for_candidate(profile, matches) or created or first:
        # A view that only reads (the usual one) commits nothing.
        write_on_read(
            "the candidate's profile, first ranking and missing reasons are created on first view"
        )
    for match in matches:
        match.card_key = match_card_key(match, "candidate")
    return render(
        "matching/jobs_for_me.html",
        block="results",
        matches=matches,
        region=region,
        regions=[r for r in list_regions() if not r.is_montreal],
        reason=_reason_renderer(),
        improvements=improvements,
        points=points,
        page=page,
        has_next=has_next,
        saved_ids=saved_job_ids(current_user),
        # Each card says how many jobs of its region suit the candidate's partner, if any.
        prospects=svc.partner_prospect_counts(profile, {m.job.region_code for m in matches}),
    )


def _page() -> int:
    """The page asked for (10 matches a page: explaining each one is the page's real cost)."""
    return arg_int("page", 1, low=1, high=50) or 1


def _matches_page(job: Job, viewer: str):
    page = _page()
    matches = svc.candidates_for_job(
        job,
        consenting_only=viewer == "employer",
        limit=svc.MATCH_PAGE + 1,
        offset=(page - 1) * svc.MATCH_PAGE,
    )
    has_next, matches = len(matches) > svc.MATCH_PAGE, matches[: svc.MATCH_PAGE]
    if svc.attach_reasons_for_job(job, matches):
        write_on_read("reasons derived for rows the recompute did not explain are kept")
    applications = svc.application_ids_for_job(job) if viewer == "staff" else {}
    for match in matches:
        match.code = svc.pseudonym(job, match.candidate_id)
        match.card_key = match_card_key(match, viewer)
    svc.load_card_details([m.candidate for m in matches if not is_cached("job-match", m.card_key)])
    invited: set[int] = set()
    friday = friday_svc.next_open_session() if viewer == "employer" else None
    if viewer == "employer":
        write_on_read("each anonymised profile shown to an employer is logged for the candidate")
        svc.record_anonymised_views(current_user, job, matches)
        invited = svc.invited_candidates(job)
    return render(
        "matching/job_matches.html",
        block="results",
        job=job,
        matches=matches,
        viewer=viewer,
        applications=applications,
        invited=invited,
        friday=friday,
        proposed=friday_svc.proposed_candidates(friday, job),
        reason=_reason_renderer(),
        points=points,
        page=page,
        page_size=svc.MATCH_PAGE,
        has_next=has_next,
    )


@bp.get("/employeurs/postes/<int:job_id>/correspondances")
@role_required(Role.EMPLOYER)
def employer_matches(job_id: int):
    """Show the job's best-matched candidates, anonymised, among those who agreed to be shown."""
    job = get_organisation_job(current_user.organisation, job_id) or abort(404)
    return _matches_page(job, "employer")


@bp.post("/employeurs/postes/<int:job_id>/correspondances/actualiser")
@role_required(Role.EMPLOYER)
def refresh_matches(job_id: int):
    """Recompute the job's ranking now and show it (htmx swaps the list)."""
    job = get_organisation_job(current_user.organisation, job_id) or abort(404)
    if not attempt(None, {}, svc.recompute_job, job):
        return _matches_page(job, "employer")
    flash(_("The ranking is up to date."), "success")
    return _matches_page(job, "employer")


@bp.post("/employeurs/postes/<int:job_id>/correspondances/<int:candidate_id>/inviter")
@role_required(Role.EMPLOYER)
def invite_to_apply(job_id: int, candidate_id: int):
    """Invite a matched candidate to apply, without learning who they are."""
    job = get_organisation_job(current_user.organisation, job_id) or abort(404)
    outcome = attempt(None, MATCH_ERRORS, svc.invite_to_apply, job, candidate_id, current_user)
    if outcome and not outcome.value:
        abort(404)
    if not outcome:
        return redirect(url_for("matching.employer_matches", job_id=job.id), 303)
    flash(_("Invitation sent. You will see the person's name if they apply."), "success")
    return redirect(url_for("matching.employer_matches", job_id=job.id), 303)


@bp.get("/programme/postes/<int:job_id>/correspondances")
@role_required(Role.STAFF)
def staff_matches(job_id: int):
    """Show staff the full ranked list for any job."""
    return _matches_page(db.get_or_404(Job, job_id), "staff")
