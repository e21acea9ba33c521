"""Reference look-ups for regions and municipalities."""

from wtforms import SelectChoice

from app.extensions import db
from app.models import Municipality, Region


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
