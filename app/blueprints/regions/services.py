"""Reference look-ups for regions and municipalities."""

from datetime import date

from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app.extensions import db
from app.models import Job, Municipality, PartnerOrganisation, Region, partner_regions


def list_regions() -> list[Region]:
    """Return the 17 administrative regions in code order."""
    return list(db.session.execute(db.select(Region).order_by(Region.code)).scalars())


def region_choices(locale: str, blank_label: str = "") -> list[SelectChoice]:
    """Return 'code – name' choices for a select, with a blank first option."""
    return [SelectChoice("", blank_label)] + [
        SelectChoice(r.code, f"{r.code} – {r.name(locale)}") for r in list_regions()
    ]


def list_municipalities(region_code: str | None) -> list[Municipality]:
    """Return the municipalities of a region, by name (none for an unknown region)."""
    if not region_code:
        return []
    return list(
        db.session.execute(
            db.select(Municipality)
            .where(Municipality.region_code == region_code)
            .order_by(Municipality.name)
        ).scalars()
    )


def municipality_choices(region_code: str | None, blank_label: str = "") -> list[SelectChoice]:
    """Return the municipalities of a region as select choices, with a blank first option."""
    return [SelectChoice("", blank_label)] + [
        SelectChoice(str(m.id), m.name) for m in list_municipalities(region_code)
    ]


def get_region_by_slug(slug: str) -> Region | None:
    """Return the region with this slug."""
    return db.session.execute(db.select(Region).where(Region.slug == slug)).scalar_one_or_none()


def count_open_jobs(region: Region, today: date) -> int:
    """Count the region's open jobs (`Job.open_clause`, as on the board)."""
    return db.session.execute(
        db.select(db.func.count(Job.id)).where(
            Job.region_code == region.code,
            Job.open_clause(today),
        )
    ).scalar_one()


def serving_partner(region: Region) -> PartnerOrganisation | None:
    """Return the partner organisation that serves the region, if any."""
    return (
        db.session.execute(
            db.select(PartnerOrganisation)
            .join(partner_regions, partner_regions.c.partner_id == PartnerOrganisation.id)
            .where(partner_regions.c.region_code == region.code)
        )
        .scalars()
        .first()
    )


def region_directory(today: date) -> list[tuple[Region, int]]:
    """Every region with its municipalities and its count of open jobs (two queries)."""
    # Imported here: the jobs blueprint imports this module.
    from app.blueprints.jobs.services import open_jobs_query

    counts = dict(
        db.session.execute(
            open_jobs_query(today)
            .with_only_columns(Job.region_code, db.func.count(Job.id))
            .group_by(Job.region_code)
        ).all()
    )
    regions = db.session.execute(
        db.select(Region).options(selectinload(Region.municipalities)).order_by(Region.code)
    ).scalars()
    return [(region, counts.get(region.code, 0)) for region in regions]
