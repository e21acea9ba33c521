"""Domain models, one module per domain."""

from app.models.mail import OutboxMessage
from app.models.orgs import (
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    PartnerOrganisation,
    partner_regions,
)
from app.models.reference import Municipality, Occupation, Region
from app.models.users import Role, User

__all__ = [
    "EmployerMembership",
    "EmployerOrganisation",
    "MembershipRole",
    "MembershipStatus",
    "Municipality",
    "Occupation",
    "OutboxMessage",
    "PartnerOrganisation",
    "Region",
    "Role",
    "User",
    "partner_regions",
]
