"""An employer and a candidate whose application was pre-qualified, and one who was not."""

from dataclasses import dataclass

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.conversations import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, Application, ApplicationStatus, Role, User


@dataclass
class Parties:
    employer: User
    colleague: User
    candidate: User
    application: Application
    other_candidate: User
    other_application: Application  # submitted, not pre-qualified
    staff: User

    def conversation(self):
        conversation = svc.open_with_employer(self.application)
        db.session.commit()
        return conversation


@pytest.fixture
def parties(app, make_employer, make_job, make_candidate, make_user) -> Parties:
    from app.models import EmployerMembership, MembershipRole, MembershipStatus

    staff = make_user(Role.STAFF, email="staff@example.org")
    employer = make_employer(region="02", name="Fromagerie Lac", email="rh@fromagerie.example")
    colleague = make_user(Role.EMPLOYER, email="collegue@fromagerie.example")
    db.session.add(
        EmployerMembership(
            user=colleague,
            organisation=employer.organisation,
            role=MembershipRole.MEMBER,
            status=MembershipStatus.ACTIVE,
        )
    )
    job = make_job(employer.organisation)
    candidate = make_candidate(email="amina@example.org", full_name="Amina Diallo")
    application = apply_to_job(candidate.candidate_profile, job, "", program_today())
    transition_application(
        application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="Profil solide."
    )
    other = make_candidate(email="omar@example.org", full_name="Omar Haddad")
    other_application = apply_to_job(other.candidate_profile, job, "", program_today())
    db.session.commit()
    return Parties(employer, colleague, candidate, application, other, other_application, staff)
