"""Staff page for background jobs: what failed, and a way to run it again."""

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _

from app.blueprints.ops import bp
from app.blueprints.ops import services as svc
from app.models import Role
from app.rendering import render
from app.security import role_required


@bp.get("/programme/taches")
@role_required(Role.STAFF)
def failed_jobs():
    """List the background jobs that failed after their retries."""
    configured = bool(current_app.config.get("REDIS_URL"))
    jobs, reachable = [], True
    if configured:
        try:
            jobs = svc.list_failed_jobs()
        except svc.QueueUnavailable:
            reachable = False
    return render("ops/failed.html", jobs=jobs, configured=configured, reachable=reachable)


@bp.post("/programme/taches/<job_id>/relancer")
@role_required(Role.STAFF)
def retry(job_id: str):
    """Put a failed job back on the queue."""
    if not current_app.config.get("REDIS_URL"):
        abort(404)
    try:
        done = svc.retry_failed_job(job_id)
    except svc.QueueUnavailable:
        flash(_("The job queue cannot be reached. Try again in a moment."), "error")
    else:
        if not done:
            abort(404)
        flash(_("The job is back in the queue."), "success")
    return redirect(url_for("ops.failed_jobs"), 303)
