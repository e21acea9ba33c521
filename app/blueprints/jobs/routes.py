"""Public job board, job pages, occupation look-up, and employers' job postings."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.blueprints.jobs import bp, publishing
from app.blueprints.jobs import services as svc
from app.blueprints.jobs.forms import JOB_ERRORS, JobForm
from app.blueprints.matching.services import schedule_recompute
from app.blueprints.regions.services import list_regions, municipality_choices, region_choices
from app.clock import today as program_today
from app.extensions import db
from app.forms import arg_int
from app.i18n import is_english_address
from app.models import Commitment, JobStatus, JobType, Occupation, Role
from app.models.jobs import JOB_TRANSITIONS
from app.models.reference import MONTREAL_REGION
from app.rendering import render
from app.security import role_required
from app.uow import attempt
from app.urls import safe_next


def _today() -> date:
    return program_today()


def _candidate_profile():
    if current_user.is_authenticated and current_user.role == Role.CANDIDATE:
        return current_user.candidate_profile
    return None


@bp.get("/postes")
def board():
    """List open jobs with live filters; the URL carries the filters."""
    args = request.args
    filters = svc.BoardFilters(
        q=args.get("q", "").strip()[:100],
        region=args.get("region", ""),
        group=args.get("group", "")[:2],
        job_type=args.get("type", ""),
        meets_languages=args.get("mine") == "1",
        commitments=Commitment.parse(args.getlist("welcome")),
        sort=args.get("sort", ""),
        page=arg_int("page", 1, low=1, source=args),
    )
    profile = _candidate_profile()
    jobs, total = svc.search_jobs(filters, _today(), profile)
    return render(
        "jobs/board.html",
        block="results",
        jobs=jobs,
        total=total,
        filters=filters,
        page_only={"regions": lambda: [r for r in list_regions() if not r.is_montreal]},
        job_types=list(JobType),
        commitments=list(Commitment),
        page_size=svc.PAGE_SIZE,
        profile=profile,
        saved_ids=svc.saved_job_ids(current_user) if profile else set(),
        alert_args=svc.search_args,
    )


@bp.get("/postes/<int:job_id>")
def detail(job_id: int):
    """Show a job, with a link to its region."""
    job = svc.get_public_job(job_id, current_user) or abort(404)
    profile = _candidate_profile()
    is_open = job.is_open(_today())
    return render(
        "jobs/detail.html",
        job=job,
        open=is_open,
        profile=profile,
        saved=profile is not None and job.id in svc.saved_job_ids(current_user),
        # Search engines list open postings only.
        posting=publishing.job_posting(job, str(get_locale())) if is_open else None,
    )


@bp.get("/postes/flux.atom")
def feed():
    """An Atom feed of the newest open jobs, overall or in a region (?region=02), in French or
    English (at its /en/ address, or ?lang=en as before)."""
    lang = "en" if is_english_address() or request.args.get("lang") == "en" else "fr"
    region = request.args.get("region", "")
    regions = {r.code: r for r in list_regions() if not r.is_montreal}
    if region and region not in regions:
        abort(404)
    with force_locale(f"{lang}_CA"):
        body = render_template(
            "jobs/feed.xml",
            jobs=publishing.feed_jobs(_today(), region or None),
            region=regions.get(region),
            lang=lang,
            locale=f"{lang}_CA",
            atom_time=publishing.atom_time,
        )
    return Response(body, mimetype="application/atom+xml")


@bp.post("/postes/<int:job_id>/sauvegarder")
@role_required(Role.CANDIDATE)
def toggle_saved(job_id: int):
    """Save the job in "Saved jobs", or take it out (the button says which)."""
    job = svc.get_public_job(job_id, current_user) or abort(404)
    if outcome := attempt(None, JOB_ERRORS, svc.toggle_saved_job, current_user, job):
        flash(
            _("The job is in your saved jobs.")
            if outcome.value
            else _("The job is no longer in your saved jobs."),
            "success",
        )
    return redirect(
        safe_next(request.form.get("next")) or url_for("jobs.detail", job_id=job.id), 303
    )


@bp.get("/candidat/postes-sauvegardes")
@role_required(Role.CANDIDATE)
def saved():
    """The candidate's saved jobs; a job that closed since says so."""
    return render("jobs/saved.html", items=svc.saved_jobs(current_user), today=_today())


@bp.get("/employeurs/postes/<int:job_id>/apercu")
@role_required(Role.EMPLOYER)
def preview(job_id: int):
    """The job as candidates will see it (drafts included), with a banner saying so."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    return render("jobs/detail.html", job=job, open=False, preview=True, profile=None)


@bp.post("/employeurs/postes/<int:job_id>/dupliquer")
@role_required(Role.EMPLOYER)
def duplicate(job_id: int):
    """Start a new draft from an existing job."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    if outcome := attempt(None, JOB_ERRORS, svc.duplicate_job, job):
        flash(_("A copy is saved as a draft: change what differs, then publish it."), "success")
        return redirect(url_for("jobs.edit_job", job_id=outcome.value.id), 303)
    return redirect(url_for("jobs.manage", job_id=job.id), 303)


@bp.get("/professions")
def occupation_search():
    """Return occupations matching a few letters, as checkboxes or radio buttons (htmx)."""
    kind = "radio" if request.args.get("kind") == "radio" else "checkbox"
    name = "noc" if kind == "radio" else "occupations"
    chosen = set(request.args.getlist(name))
    results = [
        o
        for o in svc.search_occupations(request.args.get("occupation_q", ""))
        if o.noc not in chosen
    ]
    return render(
        "jobs/_fragments.html",
        block="occupation_results",
        results=results,
        kind=kind,
        name=name,
        query=request.args.get("occupation_q", ""),
    )


# ---------------------------------------------------------------- employers


def _organisation():
    return current_user.organisation or abort(404)


def _job_form(job=None) -> JobForm:
    form = JobForm()
    locale = str(get_locale())
    form.region.choices = [
        c for c in region_choices(locale, _("Choose a region")) if c.value != MONTREAL_REGION
    ]
    noc = request.form.get("noc") or (job.noc if job else None)
    occupation = db.session.get(Occupation, noc) if noc else None
    form.noc.choices = (
        [SelectChoice(occupation.noc, f"{occupation.title(locale)} ({occupation.noc})")]
        if occupation
        else []
    )
    if job is not None and request.method == "GET":
        form.from_model(job)
    elif request.method == "GET":
        form.region.data = _organisation().region_code
    form.municipality.choices = municipality_choices(form.region.data, _("Choose a municipality"))
    return form


def _save_job(form: JobForm, job=None):
    """Validate and save; return the job, or None with errors placed on the form."""
    if not form.validate_on_submit():
        return None
    if job is None:
        outcome = attempt(form, JOB_ERRORS, svc.create_job, _organisation(), form.to_data())
        return outcome.value if outcome else None
    outcome = attempt(form, JOB_ERRORS, svc.update_job, job, form.to_data(), form.seen_version())
    return job if outcome else None


@bp.get("/employeurs/postes")
@role_required(Role.EMPLOYER)
def my_jobs():
    """List the organisation's jobs with their status."""
    return render(
        "jobs/mine.html",
        jobs=svc.organisation_jobs(_organisation()),
        today=_today(),
    )


@bp.route("/employeurs/postes/nouveau", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def new_job():
    """Create a job posting (saved as a draft)."""
    form = _job_form()
    job = _save_job(form) if request.method == "POST" else None
    if job is None:
        return render("jobs/form.html", block="form", form=form, job=None)
    flash(_("The job is saved as a draft. Publish it when it is ready."), "success")
    return redirect(url_for("jobs.manage", job_id=job.id), 303)


@bp.route("/employeurs/postes/<int:job_id>/modifier", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def edit_job(job_id: int):
    """Edit one of the organisation's jobs."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    form = _job_form(job)
    if request.method == "POST" and _save_job(form, job) is not None:
        schedule_recompute("job", job.id)
        flash(_("The job is saved."), "success")
        return redirect(url_for("jobs.manage", job_id=job.id), 303)
    return render("jobs/form.html", block="form", form=form, job=job)


@bp.get("/employeurs/postes/<int:job_id>")
@role_required(Role.EMPLOYER)
def manage(job_id: int):
    """Show one of the organisation's jobs with its status actions."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    allowed = [s for s in JobStatus if s in JOB_TRANSITIONS[job.status]]
    return render("jobs/manage.html", job=job, allowed=allowed)


@bp.post("/employeurs/postes/<int:job_id>/renouveler")
@role_required(Role.EMPLOYER)
def renew(job_id: int):
    """Keep a published job on the board 60 more days, in one click."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    if attempt(None, JOB_ERRORS, svc.renew_job, job, _today()):
        flash(
            _(
                "The job stays on the board until %(day)s.",
                day=format_date(job.closing_date, "long"),
            ),
            "success",
        )
    return redirect(url_for("jobs.manage", job_id=job.id), 303)


@bp.post("/employeurs/postes/<int:job_id>/statut")
@role_required(Role.EMPLOYER)
def change_status(job_id: int):
    """Publish, close or mark a job as filled."""
    job = svc.get_organisation_job(current_user.organisation, job_id) or abort(404)
    status = request.form.get("status", "")
    if status not in {s.value for s in JobStatus}:
        flash(JOB_ERRORS["transition"], "error")
        return redirect(url_for("jobs.manage", job_id=job.id), 303)
    if not attempt(None, JOB_ERRORS, svc.change_job_status, job, JobStatus(status), _today()):
        return redirect(url_for("jobs.manage", job_id=job.id), 303)
    schedule_recompute("job", job.id)
    flash(_("The job is now: %(status)s.", status=job.status.label), "success")
    return redirect(url_for("jobs.manage", job_id=job.id), 303)
