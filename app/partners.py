"""Partner look-ups shared by funding and follow-up: who serves a region, who advises."""

from app.extensions import db
from app.models import PartnerOrganisation, Role, User, partner_regions


def partner_for_region(region_code: str) -> PartnerOrganisation | None:
    """Return the partner organisation that serves a region."""
    return db.session.execute(
        db.select(PartnerOrganisation)
        .join(partner_regions, partner_regions.c.partner_id == PartnerOrganisation.id)
        .where(partner_regions.c.region_code == region_code)
        .order_by(PartnerOrganisation.id)
        .limit(1)
    ).scalar_one_or_none()


def partner_advisors(partner_id: int) -> list[User]:
    """Return a partner's active advisors, by name."""
    return list(
        db.session.execute(
            db.select(User)
            .where(
                User.role == Role.PARTNER,
                User.partner_organisation_id == partner_id,
                User.active.is_(True),
            )
            .order_by(User.full_name)
        ).scalars()
    )


def partners() -> list[PartnerOrganisation]:
    """Return every partner organisation, by name."""
    return list(
        db.session.execute(
            db.select(PartnerOrganisation).order_by(PartnerOrganisation.name)
        ).scalars()
    )
