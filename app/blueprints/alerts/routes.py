"""A candidate's job alerts: save a board search, list, edit and delete them."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.alerts import bp
from app.blueprints.alerts import services as svc
from app.blueprints.alerts.forms import ALERT_ERRORS, OCCUPATION_GROUPS, AlertForm
from app.blueprints.regions.services import list_regions, region_choices
from app.forms import ConfirmForm
from app.models import Commitment, JobType, Role
from app.models.reference import MONTREAL_REGION
from app.rendering import render
from app.security import role_required
from app.uow import attempt


def _form(**kwargs) -> AlertForm:
    form = AlertForm(**kwargs)
    form.region.choices = [
        c for c in region_choices(str(get_locale()), _("All regions")) if c.value != MONTREAL_REGION
    ]
    return form


def _search_from_args() -> svc.AlertData:
    """The board's search in the query string, as an alert to name."""
    args = request.args
    data = svc.AlertData(
        q=args.get("q", "").strip()[:100],
        region=args.get("region", "")[:2],
        group=args.get("group", "")[:1],
        job_type=args.get("type", "")[:20],
        meets_languages=args.get("mine") == "1",
        commitments=Commitment.parse(args.getlist("welcome")),  # as the board reads them
    )
    data.name = suggested_name(data)
    return data


def suggested_name(data: svc.AlertData) -> str:
    """A name that says what the search is (the person may change it)."""
    parts = [data.q]
    if data.region:
        region = dict((c.value, c.label) for c in region_choices(str(get_locale())))
        parts.append(str(region.get(data.region, "")).split(" – ")[-1])
    parts.append(str(dict(OCCUPATION_GROUPS).get(data.group, "")))
    if data.job_type in {t.value for t in JobType}:
        parts.append(JobType(data.job_type).label)
    parts.extend(str(c.label) for c in sorted(data.commitments, key=list(Commitment).index))
    return " · ".join(p for p in parts if p)[:120]


@bp.get("/alertes")
@role_required(Role.CANDIDATE)
def index():
    """List the candidate's job alerts, with links to edit or delete each."""
    locale = str(get_locale())
    return render(
        "alerts/index.html",
        alerts=svc.user_alerts(current_user),
        regions={r.code: r.name(locale) for r in list_regions()},
        groups={code: str(label) for code, label in OCCUPATION_GROUPS},
        job_types={t.value: t.label for t in JobType},
        commitments=svc.alert_commitments,
        board_args=svc.board_args,
    )


@bp.route("/alertes/nouvelle", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def new():
    """Save the board's current search as a named alert with a frequency."""
    form = _form()
    if request.method == "GET":
        form.fill(_search_from_args())
    elif form.validate_on_submit() and attempt(
        form, ALERT_ERRORS, svc.create_alert, current_user, form.to_data()
    ):
        flash(_("The alert is saved: new jobs that match it will be sent to you."), "success")
        return redirect(url_for("alerts.index"), 303)
    return render("alerts/form.html", block="form", form=form, alert=None)


@bp.route("/alertes/<int:alert_id>/modifier", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def edit(alert_id: int):
    """Change an alert's name, criteria or frequency."""
    alert = svc.get_user_alert(current_user, alert_id) or abort(404)
    form = _form()
    if request.method == "GET":
        form.fill(svc.alert_data(alert))
    elif form.validate_on_submit() and attempt(
        form, ALERT_ERRORS, svc.update_alert, alert, form.to_data()
    ):
        flash(_("The alert is saved."), "success")
        return redirect(url_for("alerts.index"), 303)
    return render("alerts/form.html", block="form", form=form, alert=alert)


@bp.post("/alertes/<int:alert_id>/supprimer")
@role_required(Role.CANDIDATE)
def delete(alert_id: int):
    """Delete one of the candidate's alerts."""
    alert = svc.get_user_alert(current_user, alert_id) or abort(404)
    if ConfirmForm().validate_on_submit() and attempt(None, ALERT_ERRORS, svc.delete_alert, alert):
        flash(_("The alert is deleted."), "success")
    return redirect(url_for("alerts.index"), 303)
