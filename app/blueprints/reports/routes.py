"""Program indicators for staff, their CSV exports and the printable report for the funder."""

import csv
import io

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import SelectChoice

from app.blueprints.regions.services import list_regions
from app.blueprints.reports import bp
from app.blueprints.reports import services as svc
from app.blueprints.reports.forms import ReportFilterForm
from app.blueprints.reports.tables import SLUGS, build_tables
from app.clock import today as program_today
from app.fragments import page_key
from app.models import Role
from app.rendering import is_htmx_fragment_request, render
from app.security import role_required
from app.storage import attachment_header
from app.uow import attempt


def _read_filters():
    """Parse the filters; return the form, the period (None when invalid) and the region names."""
    locale = str(get_locale())
    regions = [r for r in list_regions() if not r.is_montreal]
    names = {r.code: r.name(locale) for r in regions}
    form = ReportFilterForm(request.args)
    form.region.choices = [SelectChoice("", _("All regions"))] + [
        SelectChoice(r.code, f"{r.code} – {names[r.code]}") for r in regions
    ]
    today = program_today()
    form.defaults = svc.default_period(today)
    ok = form.validate() and form.check_order(today)
    return form, (form.period(today) if ok else None), names


def _tables(period, names):
    computed_at, indicators = svc.indicators_for(period, program_today(), names, _("No partner"))
    return computed_at, build_tables(indicators)


def _page(template, form, period, names, **context):
    if period is None:
        # Bad filters: the message and what was typed, never a server error.
        status = 200 if is_htmx_fragment_request() else 422
        return render("reports/dashboard.html", block="results", status=status, form=form)
    computed_at, indicators = svc.indicators_for(period, program_today(), names, _("No partner"))
    return render(
        template,
        block="results",
        form=form,
        period=period,
        region_name=names.get(period.region or ""),
        computed_at=computed_at,
        # The tables are built only when their rendered block is not kept for these figures.
        tables=lambda: build_tables(indicators),
        tables_key=page_key(template, period.start, period.end, period.region, computed_at),
        query=_query(period),
        today=program_today(),
    )


def _query(period) -> dict[str, str]:
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    return query | ({"region": period.region} if period.region else {})


@bp.get("/programme/indicateurs")
@role_required(Role.STAFF)
def dashboard():
    """The program's indicators, filterable by period and region."""
    form, period, names = _read_filters()
    return _page("reports/dashboard.html", form, period, names)


@bp.post("/programme/indicateurs/actualiser")
@role_required(Role.STAFF)
def refresh():
    """Compute the default views again now (the scheduled refresh does it every 10 minutes)."""
    busy = {"duplicate": _("The indicators are being computed by someone else: try again shortly.")}
    if attempt(None, busy, svc.refresh_indicators, program_today(), svc.region_codes()):
        flash(_("The indicators were computed again."), "success")
    return redirect(url_for("reports.dashboard", **request.args), code=303)


@bp.get("/programme/indicateurs/rapport")
@role_required(Role.STAFF)
def report():
    """A printable report for the funder, with small counts suppressed."""
    form, period, names = _read_filters()
    return _page("reports/report.html", form, period, names)


@bp.get("/programme/indicateurs/<slug>.csv")
@role_required(Role.STAFF)
def export(slug: str):
    """One indicator table as CSV (UTF-8 with a BOM for Excel), small counts suppressed."""
    if slug not in SLUGS:
        abort(404)
    form, period, names = _read_filters()
    if period is None:
        return _page("reports/dashboard.html", form, period, names)
    table = next(t for t in _tables(period, names)[1] if t.slug == slug)
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(table.csv_rows(suppress=True))
    filename = f"maillage-{slug}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": attachment_header(filename)},
    )
