"""A small, hand-built program history with known indicators (see the numbers in each test).

Everything happens within the last 12 months (the default period), except a few "old" events two
years back. Two regions: Saguenay (02, served by PROMIS) and Estrie (05, served by Le Collectif).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.followup.services import ensure_case_file
from app.blueprints.funding import services as funding
from app.clock import PROGRAM_TZ
from app.clock import today as program_today
from app.extensions import db
from app.models import (
    Actor,
    Application,
    ApplicationStatus,
    CheckIn,
    DeclineReason,
    InterviewRequest,
    InterviewSession,
    InterviewSlot,
    JobStatus,
    MatchResult,
    Municipality,
    Notification,
    PartnerOrganisation,
    RequestStatus,
    Role,
    SlotStatus,
    User,
)
from app.models.base import utcnow
from app.urls import site_path

S = ApplicationStatus


@dataclass
class World:
    now: datetime
    old: datetime
    staff: User
    candidates: dict[str, User]
    applications: dict[str, Application] = field(default_factory=dict)

    @property
    def old_period(self) -> tuple[date, date]:
        """A period around the old events only."""
        day = self.old.astimezone(PROGRAM_TZ).date()
        return day - timedelta(days=15), day + timedelta(days=5)


def _city(name: str, region: str) -> Municipality:
    return db.session.execute(
        db.select(Municipality).filter_by(name=name, region_code=region)
    ).scalar_one()


def _partner(code: str) -> PartnerOrganisation:
    return db.session.execute(db.select(PartnerOrganisation).filter_by(code=code)).scalar_one()


def _session(day: datetime) -> InterviewSession:
    session = InterviewSession(
        day=day.astimezone(PROGRAM_TZ).date(),
        start_time=time(9, 0),
        end_time=time(12, 0),
        registration_deadline=day - timedelta(days=3),
    )
    db.session.add(session)
    return session


def _slot(session, application, starts_at, status, decisions=(None, None), created=None):
    request = InterviewRequest(
        session=session, application=application, status=RequestStatus.ACCEPTED
    )
    if created is not None:
        request.created_at = created
    slot = InterviewSlot(
        session_id=session.id,
        request=request,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=15),
        status=status,
        room=f"room-{application.id}-{starts_at.timestamp():.0f}",
        candidate_decision=decisions[0],
        employer_decision=decisions[1],
    )
    db.session.add_all([request, slot])
    return slot


def _move(application, steps, staff, employer):
    for to in steps:
        if to == S.PREQUALIFIED:
            transition_application(application, to, staff, Actor.STAFF, note="ok")
        elif to == S.DECLINED:
            transition_application(
                application, to, employer, Actor.EMPLOYER, reason=DeclineReason.OTHER_CANDIDATE
            )
        else:
            transition_application(application, to, employer, Actor.EMPLOYER)


@pytest.fixture
def world(app, make_user, make_employer, make_job, make_candidate) -> World:
    now = utcnow()
    old = now - timedelta(days=730)
    today = program_today()
    staff = make_user(Role.STAFF, email="staff@example.org", locale="en_CA")
    e1 = make_employer(region="02", name="Scierie du Fjord")
    e1.organisation.municipality = _city("Saguenay", "02")
    e2 = make_employer(region="05", name="Fromagerie de l'Estrie")
    e2.organisation.municipality = _city("Sherbrooke", "05")
    j1 = make_job(e1.organisation)
    j2 = make_job(e2.organisation, title_fr="Fromager", title_en="Cheesemaker", noc="94140")
    j3 = make_job(e1.organisation, title_fr="Fermé", title_en="Closed")
    db.session.commit()

    signup = {
        "c1": now - timedelta(days=100),
        "c2": now - timedelta(days=50),
        "c3": now - timedelta(days=60),
        "c4": now - timedelta(days=24),
        "c5": now - timedelta(days=2),
        "c6": old - timedelta(days=10),
    }
    users = {}
    for key, created in signup.items():
        user = make_candidate(email=f"{key}@example.org")
        user.created_at = created
        users[key] = user
    w = World(now, old, staff, users)
    p = {k: u.candidate_profile for k, u in users.items()}

    def apply(key, job):
        application = apply_to_job(p[key], job, "", today)
        w.applications[f"{key}{'j1' if job is j1 else 'j2'}"] = application
        return application

    # Applications and their histories.
    a1 = apply("c1", j1)
    _move(
        a1,
        [S.PREQUALIFIED, S.SHORTLISTED, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.OFFER],
        staff,
        e1,
    )
    a2 = apply("c2", j1)
    _move(
        a2,
        [S.PREQUALIFIED, S.SHORTLISTED, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.DECLINED],
        staff,
        e1,
    )
    a3 = apply("c3", j2)
    _move(a3, [S.PREQUALIFIED], staff, e2)
    apply("c3", j1)
    a4 = apply("c4", j2)
    a6 = apply("c6", j1)
    _move(a6, [S.PREQUALIFIED], staff, e1)
    a6.created_at = old
    for event in a6.events:
        event.created_at = old
    db.session.flush()

    # Matches: three eligible for open jobs in the period; the rest do not count.
    for job, key, eligible, computed in (
        (j1, "c1", True, now),
        (j1, "c2", True, now),
        (j1, "c3", False, now),
        (j2, "c4", True, now),
        (j3, "c5", True, now),  # j3 gets closed below
        (j2, "c5", True, old),
    ):
        db.session.add(
            MatchResult(
                job=job, candidate=p[key], score=70, eligible=eligible, computed_at=computed
            )
        )
    j3.status = JobStatus.CLOSED

    # Invitations to apply: three in the period, one old.
    for key, job, created in (("c2", j1, now), ("c4", j2, now), ("c5", j1, now), ("c5", j2, old)):
        db.session.add(
            Notification(
                user_id=users[key].id,
                kind="invited_to_apply",
                params={},
                link=site_path("jobs.detail", job_id=job.id),
                created_at=created,
            )
        )
    db.session.add(Notification(user_id=users["c1"].id, kind="application_received", link="/x"))

    # Friday interviews.
    days = {n: now - timedelta(days=n) for n in (40, 30, 20, 5)}
    sessions = {n: _session(d) for n, d in days.items()}
    old_session = _session(old)
    db.session.flush()
    _slot(sessions[40], a1, days[40], SlotStatus.HELD, ("continue", "continue"))
    _slot(sessions[30], a2, days[30], SlotStatus.CONFIRMED, ("continue", "stop"))
    _slot(sessions[20], a3, days[20], SlotStatus.NO_SHOW_CANDIDATE)
    _slot(sessions[20], a4, days[20], SlotStatus.HELD, ("stop", "stop"))
    _slot(sessions[5], a1, days[5], SlotStatus.HELD)
    _slot(old_session, a6, old, SlotStatus.HELD, created=old)
    _slot(sessions[5], a4, days[5] + timedelta(minutes=20), SlotStatus.NO_SHOW_EMPLOYER)
    _slot(sessions[5], a3, days[5] + timedelta(minutes=40), SlotStatus.CANCELLED)

    # The hire, ten days ago; it opens the case file and plans the check-ins.
    _move(a1, [S.HIRED], staff, e1)
    hired = next(e for e in a1.events if e.to_status == S.HIRED)
    hired.created_at = now - timedelta(days=10)
    db.session.commit()

    # Travel funding.
    promis = make_user(Role.PARTNER, partner=_partner("promis"))
    collectif = make_user(Role.PARTNER, partner=_partner("collectif"))
    origin = _city("Montréal", "06")

    def submit(application, requested, weeks=1):
        data = funding.TripData(
            depart_on=today + timedelta(weeks=weeks),
            return_on=today + timedelta(weeks=weeks, days=1),
            origin_id=origin.id,
            mode=funding.TravelMode.CAR,
            nights=1,
            meal_days=2,
        )
        req = funding.submit_request(application.candidate, application, data, today)
        req.requested_cents = requested
        db.session.flush()
        return req

    f1 = submit(a1, 60_000)
    funding.approve(f1, promis, 50_000, "Lodging capped", None)
    f1.status = funding.FundingStatus.RECEIPTS_SUBMITTED
    funding.mark_paid(f1, promis, today - timedelta(days=10), 45_000, "REF-1", None)
    f2 = submit(a2, 40_000)
    funding.reject(f2, promis, "Not eligible", None)
    f3 = submit(a4, 30_000)
    funding.approve(f3, collectif, 30_000, "", None)
    f5 = submit(a3, 20_000)
    funding.approve(f5, collectif, 20_000, "", None)
    funding.cancel(f5, users["c3"])
    f4 = submit(a6, 70_000)
    funding.approve(f4, promis, 70_000, "", None)
    f4.status = funding.FundingStatus.RECEIPTS_SUBMITTED
    funding.mark_paid(f4, promis, old.date(), 70_000, "REF-OLD", None)
    f4.submitted_at, f4.decided_at = old, old

    # Check-ins: the hire's 6 and 12 months (answered now), and c4's, one of them old.
    for check_in in db.session.execute(
        db.select(CheckIn).where(CheckIn.application_id == a1.id)
    ).scalars():
        if check_in.months == 6:
            check_in.still_employed, check_in.still_in_region = True, True
            check_in.answered_at = now
        if check_in.months == 12:
            check_in.still_employed, check_in.still_in_region = True, False
            check_in.answered_at = now
    case4 = ensure_case_file(p["c4"], "05")
    case2 = ensure_case_file(p["c2"], "02")
    db.session.add_all(
        [
            CheckIn(
                case=case4,
                application_id=a4.id,
                months=6,
                due_on=today,
                answered_at=now,
                still_employed=False,
                still_in_region=True,
            ),
            CheckIn(
                case=case4,
                application_id=a4.id,
                months=12,
                due_on=today,
                answered_at=old,
                still_employed=True,
                still_in_region=True,
            ),
            CheckIn(case=case2, application_id=a2.id, months=6, due_on=today),
        ]
    )
    db.session.commit()
    return w
