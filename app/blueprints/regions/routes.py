"""Region pages and reference look-ups."""

from flask import make_response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from app.blueprints.regions import bp
from app.blueprints.regions.services import list_regions, municipality_choices
from app.rendering import render


@bp.get("/")
def index():
    """List the administrative regions."""
    return render("regions/index.html", regions=list_regions(), locale=str(get_locale()))


@bp.get("/municipalites")
def municipality_options():
    """Return the <option> list of a region's municipalities (htmx)."""
    choices = municipality_choices(request.args.get("region"), _("Choose a municipality"))
    response = make_response(render_template("regions/_fragments.html", choices=choices))
    response.vary.add("HX-Request")
    return response
