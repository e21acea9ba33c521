"""A candidate with mutual interest in a Saguenay employer, and advisors of two partners."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.funding import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import (
    Actor,
    Application,
    ApplicationStatus,
    Municipality,
    PartnerOrganisation,
    Role,
    User,
)


@dataclass
class Flow:
    candidate: User
    employer: User
    application: Application
    promis: User
    alpa: User
    staff: User
    origin: Municipality
    destination: Municipality

    def trip(self, **changes) -> svc.TripData:
        data = dict(
            depart_on=program_today() + timedelta(days=7),
            return_on=program_today() + timedelta(days=8),
            origin_id=self.origin.id,
            mode=svc.TravelMode.CAR,
            nights=1,
            meal_days=2,
            note="",
        )
        data.update(changes)
        if "depart_on" in changes and "return_on" not in changes:
            data["return_on"] = changes["depart_on"] + timedelta(days=1)
        return svc.TripData(**data)

    def submit(self, **changes):
        req = svc.submit_request(
            self.candidate.candidate_profile,
            self.application,
            self.trip(**changes),
            program_today(),
        )
        db.session.commit()
        return req


def _city(name: str, region: str) -> Municipality:
    return db.session.execute(
        db.select(Municipality).filter_by(name=name, region_code=region)
    ).scalar_one()


def _partner(code: str) -> PartnerOrganisation:
    return db.session.execute(db.select(PartnerOrganisation).filter_by(code=code)).scalar_one()


@pytest.fixture
def flow(app, make_employer, make_job, make_candidate, make_user) -> Flow:
    staff = make_user(Role.STAFF)
    employer = make_employer(region="02")
    destination = _city("Saguenay", "02")
    employer.organisation.municipality = destination
    job = make_job(employer.organisation)
    candidate = make_candidate(email="amina@example.org")
    application = apply_to_job(candidate.candidate_profile, job, "", program_today())
    for to, who, actor in (
        (ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF),
        (ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER),
        (ApplicationStatus.INTERVIEW_SCHEDULED, employer, Actor.EMPLOYER),
        (ApplicationStatus.INTERVIEWED, employer, Actor.EMPLOYER),
    ):
        transition_application(application, to, who, actor, note="ok")
    promis = make_user(Role.PARTNER, email="karim@promis.example", partner=_partner("promis"))
    alpa = make_user(Role.PARTNER, email="marc@alpa.example", partner=_partner("alpa"))
    db.session.commit()
    return Flow(
        candidate, employer, application, promis, alpa, staff, _city("Montréal", "06"), destination
    )
