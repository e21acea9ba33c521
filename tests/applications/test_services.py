"""Application workflow: applying, transitions, history, notifications."""

from datetime import timedelta

import pytest

from app.blueprints.applications import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import (
    Actor,
    ApplicationStatus,
    CandidateReason,
    DeclineReason,
    Notification,
    Role,
)

S = ApplicationStatus


@pytest.fixture
def setup(make_employer, make_job, make_candidate, make_user):
    employer = make_employer(locale="en_CA")
    job = make_job(employer.organisation)
    candidate = make_candidate(locale="fr_CA")
    staff = make_user(Role.STAFF)
    return employer, job, candidate, staff


def test_the_employer_hears_of_an_application_once_prequalified(app, setup, outbox):
    employer, job, candidate, staff = setup
    application = svc.apply_to_job(candidate.candidate_profile, job, "  Bonjour  ", program_today())
    assert application.status == S.SUBMITTED and application.message == "Bonjour"
    assert [e.to_status for e in application.events] == [S.SUBMITTED]
    assert outbox(employer.email) == []  # the gate: nothing before staff pre-qualify
    svc.transition_application(application, S.PREQUALIFIED, staff, Actor.STAFF, note="Solide")
    mail = outbox(employer.email)[-1]
    assert mail.locale == "en_CA" and candidate.full_name in mail.body
    with pytest.raises(svc.ApplicationError) as err:
        svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    assert err.value.code == "duplicate"


def test_cannot_apply_to_a_closed_job(app, setup):
    _, job, candidate, _ = setup
    with pytest.raises(svc.ApplicationError) as err:
        svc.apply_to_job(candidate.candidate_profile, job, "", program_today() + timedelta(days=60))
    assert err.value.code == "job_closed"


def test_full_path_to_hired_with_history(app, setup):
    employer, job, candidate, staff = setup
    a = svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    with pytest.raises(svc.ApplicationError):
        svc.transition_application(
            a, S.SHORTLISTED, employer, Actor.EMPLOYER
        )  # not yet pre-qualified
    with pytest.raises(svc.ApplicationError) as err:
        svc.transition_application(a, S.PREQUALIFIED, staff, Actor.STAFF)
    assert err.value.code == "rationale_required"
    svc.transition_application(a, S.PREQUALIFIED, staff, Actor.STAFF, note="Six ans en soudure MIG")
    for status in (S.SHORTLISTED, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.OFFER, S.HIRED):
        svc.transition_application(a, status, employer, Actor.EMPLOYER)
    assert a.status == S.HIRED and a.prequal_rationale == "Six ans en soudure MIG"
    assert [e.to_status for e in a.events] == [
        S.SUBMITTED,
        S.PREQUALIFIED,
        S.SHORTLISTED,
        S.INTERVIEW_SCHEDULED,
        S.INTERVIEWED,
        S.OFFER,
        S.HIRED,
    ]
    assert a.events[1].actor_id == staff.id and a.events[-1].actor_id == employer.id
    assert svc.allowed_moves(a, Actor.EMPLOYER) == []


def test_decline_needs_a_reason_and_is_shown_in_the_candidate_language(app, setup, outbox):
    employer, job, candidate, staff = setup
    a = svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    with pytest.raises(svc.ApplicationError) as err:
        svc.transition_application(a, S.DECLINED, staff, Actor.STAFF)
    assert err.value.code == "reason_required"
    with pytest.raises(svc.ApplicationError) as err:
        svc.transition_application(a, S.DECLINED, staff, Actor.STAFF, reason=DeclineReason.OTHER)
    assert err.value.code == "note_required"
    svc.transition_application(a, S.DECLINED, staff, Actor.STAFF, reason=DeclineReason.LANGUAGE)
    mail = outbox(candidate.email)[-1]
    assert mail.locale == "fr_CA"
    assert "niveau" in mail.body.lower() or "français" in mail.body.lower()
    note = (
        db.session.execute(db.select(Notification).where(Notification.user_id == candidate.id))
        .scalars()
        .all()[-1]
    )
    assert note.kind == "application_declined" and note.params["reason"] == "language"


def test_only_the_candidate_withdraws_and_not_after_the_end(app, setup):
    employer, job, candidate, staff = setup
    a = svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    with pytest.raises(svc.ApplicationError):
        svc.transition_application(a, S.WITHDRAWN, employer, Actor.EMPLOYER)
    with pytest.raises(svc.ApplicationError) as err:
        svc.transition_application(a, S.WITHDRAWN, candidate, Actor.CANDIDATE)
    assert err.value.code == "withdraw_reason_required"
    svc.transition_application(
        a, S.WITHDRAWN, candidate, Actor.CANDIDATE, withdraw_reason=CandidateReason.SALARY
    )
    assert a.withdraw_reason == CandidateReason.SALARY
    with pytest.raises(svc.ApplicationError):
        svc.transition_application(a, S.PREQUALIFIED, staff, Actor.STAFF, note="x")


def test_timeline_and_queue(app, setup, make_candidate):
    _, job, candidate, staff = setup
    a = svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    private = make_candidate(staff_review=False)
    svc.apply_to_job(private.candidate_profile, job, "", program_today())
    assert svc.prequalification_queue() == [a]
    assert svc.get_reviewable_application(a.id) == a
    svc.transition_application(a, S.PREQUALIFIED, staff, Actor.STAFF, note="ok")
    steps = dict(svc.timeline(a))
    assert (
        steps[S.SUBMITTED] == "done"
        and steps[S.PREQUALIFIED] == "current"
        and steps[S.HIRED] == "todo"
    )
    assert svc.prequalification_queue() == []
