"""The register of confidentiality incidents."""

from dataclasses import dataclass
from datetime import date

from app.audit import record_event
from app.blueprints.privacy.policy import PrivacyError
from app.extensions import db
from app.models import (
    IncidentReport,
    User,
)

# ---------------------------------------------------------------- incident register


@dataclass
class IncidentData:
    discovered_on: date
    nature: str
    occurred_on: date | None = None
    data_involved: str = ""
    people_affected: int = 0
    risk_assessment: str = ""
    serious_risk: bool = False
    measures: str = ""
    commission_notified_on: date | None = None
    people_notified_on: date | None = None


def list_incidents() -> list[IncidentReport]:
    """The register, latest discovery first."""
    return list(
        db.session.execute(
            db.select(IncidentReport).order_by(
                IncidentReport.discovered_on.desc(), IncidentReport.id.desc()
            )
        ).scalars()
    )


def save_incident(staff: User, data: IncidentData, incident: IncidentReport | None = None):
    """Record a confidentiality incident, or complete one already in the register."""
    if not data.nature.strip():
        raise PrivacyError("nature_required", "nature")
    if data.occurred_on and data.occurred_on > data.discovered_on:
        raise PrivacyError("occurred_after_discovery", "occurred_on")
    created = incident is None
    if incident is None:
        incident = IncidentReport(created_by_id=staff.id)
        db.session.add(incident)
    for key, value in vars(data).items():
        setattr(incident, key, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    record_event(
        staff, "incident.recorded" if created else "incident.updated", "incident", incident.id
    )
    return incident
