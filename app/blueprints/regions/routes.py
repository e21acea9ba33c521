"""Region pages and reference look-ups."""

from flask import abort, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.regions import bp
from app.blueprints.regions.media_services import (
    can_publish_in,
    region_organisations,
    region_testimonials,
    region_videos,
)
from app.blueprints.regions.services import (
    count_open_jobs,
    get_region_by_slug,
    municipality_choices,
    region_directory,
    serving_partner,
)
from app.clock import today as program_today
from app.rendering import render


@bp.get("/")
def index():
    """List the administrative regions."""
    return render(
        "regions/index.html", directory=region_directory(program_today()), locale=str(get_locale())
    )


@bp.get("/<slug>")
def detail(slug: str):
    """Show a region: its cities, its partner organisation and its open jobs."""
    region = get_region_by_slug(slug) or abort(404)
    prospects = _partner_prospects(region)
    return render(
        "regions/detail.html",
        region=region,
        locale=str(get_locale()),
        open_jobs=count_open_jobs(region, program_today()),
        partner=serving_partner(region),
        prospects=prospects,
        videos=region_videos(region),
        testimonials=region_testimonials(region),
        organisations=region_organisations(region),
        can_edit=current_user.is_authenticated and can_publish_in(current_user, region.code),
    )


def _partner_prospects(region):
    from flask_login import current_user

    from app.blueprints.matching.services import family_prospects

    if region.is_montreal or not current_user.is_authenticated:
        return None
    return family_prospects(getattr(current_user, "candidate_profile", None), region.code)


@bp.get("/municipalites")
def municipality_options():
    """Return the <option> list of a region's municipalities (htmx)."""
    choices = municipality_choices(request.args.get("region"), _("Choose a municipality"))
    return render("regions/_fragments.html", choices=choices)
