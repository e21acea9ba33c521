"""Friday interview sessions."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.blueprints.applications.services import org_members, transition_application
from app.blueprints.matching.services import pseudonym
from app.clock import PROGRAM_TZ, today
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import interview_when_both, user_zone
from app.models import (
    Actor,
    Application,
    ApplicationStatus,
    AvailabilityParty,
    CandidateProfile,
    CandidateReason,
    ChangeKind,
    ChangeStatus,
    FreedSlot,
    InterviewAvailability,
    InterviewChange,
    InterviewRequest,
    InterviewSession,
    InterviewSlot,
    Job,
    MatchResult,
    OfferStatus,
    RequestStatus,
    Role,
    SessionStatus,
    SlotStatus,
    User,
)
from app.models.base import utcnow
from app.notify import bilingual, notify
from app.scheduling import (
    ConflictError,
    Request,
    Schedule,
    SessionSpec,
    Slot,
    Window,
    grid_starts,
    move_slot,
    place_slot,
    solve,
    swap_slots,
)
from app.urls import public_link, site_path

FRIDAY = 4


def when_in_both_languages(moment: datetime, tz=None) -> dict[str, str]:
    """An interview's day and time in Québec (and in the reader's zone `tz` when it differs), as
    each language writes it, for notifications read later in either."""
    return interview_when_both(moment, tz)


# Why the scheduler left a request unplaced, as both parties read it.
UNPLACED_REASON_TEXTS = {
    "employer_cap": _l("the employer reached its maximum of interviews"),
    "no_common_time": _l("no common free time"),
    "conflict": _l("every common time is already taken"),
    "duplicate": _l("the same pair was requested twice"),
    "cancelled": _l("cancelled"),
}


def _reason_both(code: str) -> dict[str, str]:
    from flask_babel import force_locale

    text = UNPLACED_REASON_TEXTS.get(code, code)
    out = {}
    for lang, loc in (("fr", "fr_CA"), ("en", "en_CA")):
        with force_locale(loc):
            out[lang] = str(text)
    return out


class SessionError(DomainError):
    """A Friday-session operation that cannot proceed; `code` says why, `field` where."""


SESSION_HORIZON_DAYS = 366  # a session is planned at most a year ahead


@dataclass
class SessionData:
    day: date | None
    start_time: time | None
    end_time: time | None
    slot_minutes: int = 15
    buffer_minutes: int = 5
    max_per_employer: int = 8
    registration_deadline: datetime | None = None  # wall-clock time in America/Montreal


def _deadline(data: SessionData) -> datetime | None:
    """The registration deadline (two days before the start by default), or None if unknown."""
    if data.day is None or data.start_time is None:
        return None
    starts = datetime.combine(data.day, data.start_time, tzinfo=PROGRAM_TZ)
    deadline = data.registration_deadline or starts - timedelta(days=2)
    return deadline if deadline.tzinfo else deadline.replace(tzinfo=PROGRAM_TZ)


def check_session(data: SessionData) -> None:
    """Raise every problem of a new session at once: its Friday, window and deadline."""
    problems = Problems(SessionError)
    if data.day is not None:
        if data.day.weekday() != FRIDAY:
            problems.add("not_friday", "day")
        if data.day < today():
            problems.add("past", "day")
        elif data.day > today() + timedelta(days=SESSION_HORIZON_DAYS):
            problems.add("too_far", "day")
        elif db.session.execute(
            db.select(InterviewSession.id).where(InterviewSession.day == data.day)
        ).first():
            problems.add("duplicate", "day")
    if data.day and data.start_time and data.end_time and data.slot_minutes:
        starts = datetime.combine(data.day, data.start_time, tzinfo=PROGRAM_TZ)
        ends = datetime.combine(data.day, data.end_time, tzinfo=PROGRAM_TZ)
        if ends - starts < timedelta(minutes=data.slot_minutes):
            problems.add("window_too_short", "end_time")
        if _deadline(data) >= starts:
            problems.add("deadline_after_start", "registration_deadline")
    problems.raise_any()


def create_session(staff: User, data: SessionData) -> InterviewSession:
    """Create a Friday session after checking its date, window and deadline."""
    check_session(data)
    deadline = _deadline(data)
    session = InterviewSession(
        day=data.day,
        start_time=data.start_time,
        end_time=data.end_time,
        slot_minutes=data.slot_minutes,
        buffer_minutes=data.buffer_minutes,
        max_per_employer=data.max_per_employer,
        registration_deadline=deadline,
        created_by_id=staff.id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def list_sessions() -> list[InterviewSession]:
    """Upcoming sessions first (soonest first), then past ones (latest first)."""
    sessions = list(
        db.session.execute(db.select(InterviewSession).order_by(InterviewSession.day)).scalars()
    )
    now = today()
    return [s for s in sessions if s.day >= now] + [s for s in reversed(sessions) if s.day < now]


def slot_count(session: InterviewSession) -> int:
    """How many interview slots fit in the session's window."""
    step = session.slot_minutes + session.buffer_minutes
    minutes = (session.ends_at() - session.starts_at()).total_seconds() / 60
    return int((minutes + session.buffer_minutes) // step)


def next_friday(start: date) -> date:
    """The first Friday on or after a date."""
    return start + timedelta(days=(FRIDAY - start.weekday()) % 7)


# ---------------------------------------------------------------- requests

JOIN_EARLY = timedelta(minutes=5)
# A confirmed interview, and the outcomes staff may record for it.
OUTCOMES = (SlotStatus.HELD, SlotStatus.NO_SHOW_CANDIDATE, SlotStatus.NO_SHOW_EMPLOYER)
CONFIRMED_OR_DONE = (SlotStatus.CONFIRMED, *OUTCOMES)


def open_sessions() -> list[InterviewSession]:
    """Sessions still taking requests (deadline not passed), soonest first."""
    now = utcnow()
    return list(
        db.session.execute(
            db.select(InterviewSession)
            .where(
                InterviewSession.status == SessionStatus.OPEN,
                InterviewSession.registration_deadline > now,
            )
            .order_by(InterviewSession.day)
        ).scalars()
    )


def employer_sessions() -> list[InterviewSession]:
    """Sessions an employer follows: open ones, and those whose schedule is not published yet
    (an accepted proposal stays in view, with its state, until the schedule is out)."""
    return list(
        db.session.execute(
            db.select(InterviewSession)
            .where(
                InterviewSession.status.in_([SessionStatus.OPEN, SessionStatus.SCHEDULED]),
                InterviewSession.day >= today(),
            )
            .order_by(InterviewSession.day)
        ).scalars()
    )


def is_open(session: InterviewSession) -> bool:
    """The session still takes proposals and answers."""
    return session.status == SessionStatus.OPEN and session.registration_deadline > utcnow()


def request_party_name(request: InterviewRequest) -> str:
    """How the employer names the candidate of a request: by name once there is an
    application (pipeline, or accepted), otherwise by the job's anonymous code."""
    from flask_babel import gettext as _

    if request.application is not None:
        return request.application.candidate.display_name
    return _("Candidate %(code)s", code=pseudonym(request.job, request.candidate_id))


def get_open_session(session_id: int) -> InterviewSession | None:
    """Return a session still taking requests."""
    session = db.session.get(InterviewSession, session_id)
    if (
        session is None
        or session.status != SessionStatus.OPEN
        or session.registration_deadline <= utcnow()
    ):
        return None
    return session


# A request that holds a place under the employer's cap (declined and expired ones do not).
LIVE_REQUESTS = (RequestStatus.PROPOSED, RequestStatus.ACCEPTED)
NOTE_MAX = 500


def _organisation_requests(session_ids: list[int], org_id: int) -> list[InterviewRequest]:
    """The organisation's requests for some sessions, with jobs and candidates loaded."""
    return list(
        db.session.execute(
            db.select(InterviewRequest)
            .join(Job, Job.id == InterviewRequest.job_id)
            .options(
                joinedload(InterviewRequest.job),
                joinedload(InterviewRequest.candidate).joinedload(CandidateProfile.user),
            )
            .where(InterviewRequest.session_id.in_(session_ids), Job.organisation_id == org_id)
            .order_by(InterviewRequest.id)
        ).scalars()
    )


def organisation_requests(session: InterviewSession, org_id: int) -> list[InterviewRequest]:
    """The organisation's requests for a session."""
    return _organisation_requests([session.id], org_id)


def organisation_requests_by_session(
    sessions: list[InterviewSession], org_id: int
) -> dict[int, list[InterviewRequest]]:
    """The organisation's requests for each session, in one query (for the sessions list)."""
    by_session: dict[int, list[InterviewRequest]] = {s.id: [] for s in sessions}
    for request in _organisation_requests(list(by_session), org_id):
        by_session[request.session_id].append(request)
    return by_session


def live_request_count(session: InterviewSession, org_id: int) -> int:
    """How many of the employer's requests count under its cap: pending and accepted ones."""
    return sum(r.status in LIVE_REQUESTS for r in organisation_requests(session, org_id))


def proposable_applications(org_id: int) -> list[Application]:
    """The organisation's shortlisted applicants, whom it may propose for a Friday."""
    return list(
        db.session.execute(
            db.select(Application)
            .join(Application.job)
            .options(
                joinedload(Application.candidate).joinedload(CandidateProfile.user),
                joinedload(Application.job),
            )
            .where(
                Job.organisation_id == org_id, Application.status == ApplicationStatus.SHORTLISTED
            )
            .order_by(Application.id)
        ).scalars()
    )


def next_open_session() -> InterviewSession | None:
    """The soonest session still taking proposals, where "Propose for a Friday" sends them."""
    return next(iter(open_sessions()), None)


def _check_cap(session: InterviewSession, org_id: int, adding: int, field: str) -> None:
    if live_request_count(session, org_id) + adding > session.max_per_employer:
        raise SessionError("over_cap", field)


def _new_request(
    employer: User,
    session: InterviewSession,
    job: Job,
    profile: CandidateProfile,
    application: Application | None,
    note: str,
    score: int,
) -> InterviewRequest:
    """Record a proposal and tell the candidate (the note travels with it)."""
    request = InterviewRequest(
        session=session,
        application=application,
        job_id=job.id,
        candidate_id=profile.id,
        proposed_by_id=employer.id,
        note=note.strip()[:NOTE_MAX],
        score=score,
    )
    db.session.add(request)
    if profile.user is not None:
        notify(
            profile.user,
            "interview_proposed",
            site_path("interviews.mine"),
            org=job.organisation.name,
            job=bilingual(job.title_fr, job.title_en),
            day=_day_both(session.day),
        )
    return request


def _day_both(day: date, form: str = "full") -> dict[str, str]:
    """A session's day as each language writes it ("vendredi 18 décembre 2026")."""
    from babel.dates import format_date

    return {lang: format_date(day, form, locale=loc) for lang, loc in _LOCALES}


_LOCALES = (("fr", "fr_CA"), ("en", "en_CA"))


def propose_candidates(
    employer: User, session: InterviewSession, application_ids: list[int], note: str = ""
) -> list[InterviewRequest]:
    """Propose shortlisted applicants for a session, within the cap; tell each candidate."""
    org = employer.organisation
    allowed = {a.id: a for a in proposable_applications(org.id)}
    existing = {(r.job_id, r.candidate_id) for r in organisation_requests(session, org.id)}
    chosen = [
        allowed[i]
        for i in dict.fromkeys(application_ids)
        if i in allowed and (allowed[i].job_id, allowed[i].candidate_id) not in existing
    ]
    if not chosen:
        raise SessionError("nothing_to_propose", "applications")
    _check_cap(session, org.id, len(chosen), "applications")
    scores = _match_scores(chosen)
    requests = [
        _new_request(
            employer,
            session,
            a.job,
            a.candidate,
            a,
            note,
            scores.get((a.job_id, a.candidate_id), 0),
        )
        for a in chosen
    ]
    db.session.flush()
    return requests


def propose_match(
    employer: User, session: InterviewSession, job: Job, candidate_id: int, note: str = ""
) -> InterviewRequest | None:
    """Propose a matched candidate, still anonymous, for a session (None: not a match the
    employer may see). The candidate learns who proposes; the employer learns who they are only
    when they accept."""
    match = db.session.execute(
        db.select(MatchResult).where(
            MatchResult.job_id == job.id, MatchResult.candidate_id == candidate_id
        )
    ).scalar_one_or_none()
    profile = match.candidate if match else None
    if profile is None or profile.user is None or not profile.consents_to_employer_display:
        return None
    if db.session.execute(
        db.select(InterviewRequest.id).where(
            InterviewRequest.session_id == session.id,
            InterviewRequest.job_id == job.id,
            InterviewRequest.candidate_id == candidate_id,
        )
    ).first():
        raise SessionError("already_proposed", "note")
    _check_cap(session, job.organisation_id, 1, "note")
    application = db.session.execute(
        db.select(Application).where(
            Application.job_id == job.id, Application.candidate_id == candidate_id
        )
    ).scalar_one_or_none()
    request = _new_request(employer, session, job, profile, application, note, match.score)
    db.session.flush()  # a twin sent at once fails here on the unique constraint
    return request


def proposed_candidates(session: InterviewSession | None, job: Job) -> dict[int, RequestStatus]:
    """The job's candidates already proposed for the session, with each proposal's status."""
    if session is None:
        return {}
    rows = db.session.execute(
        db.select(InterviewRequest.candidate_id, InterviewRequest.status).where(
            InterviewRequest.session_id == session.id, InterviewRequest.job_id == job.id
        )
    )
    return dict(rows.all())


def _match_scores(applications: list[Application]) -> dict[tuple[int, int], int]:
    pairs = db.session.execute(
        db.select(MatchResult.job_id, MatchResult.candidate_id, MatchResult.score).where(
            MatchResult.candidate_id.in_([a.candidate_id for a in applications])
        )
    )
    return {(j, c): s for j, c, s in pairs}


def request_counts(session: InterviewSession) -> dict[RequestStatus, int]:
    """How many of the session's requests are in each status."""
    rows = db.session.execute(
        db.select(InterviewRequest.status, db.func.count())
        .where(InterviewRequest.session_id == session.id)
        .group_by(InterviewRequest.status)
    )
    return dict(rows.all())


def candidate_requests(profile: CandidateProfile) -> list[InterviewRequest]:
    """The candidate's interview requests, newest session first."""
    return list(
        db.session.execute(
            db.select(InterviewRequest)
            .options(
                joinedload(InterviewRequest.session),
                joinedload(InterviewRequest.job).joinedload(Job.organisation),
            )
            .where(InterviewRequest.candidate_id == profile.id)
            .order_by(InterviewRequest.id.desc())
        ).scalars()
    )


def respond_to_request(
    profile: CandidateProfile,
    request_id: int,
    accept: bool,
    reason: CandidateReason | None = None,
) -> InterviewRequest | None:
    """Accept or decline a proposal before the deadline (None if not the candidate's to answer);
    a decline says why (the indicators count the reasons).

    Accepting a proposal made from the matches creates the candidate's application, already
    shortlisted: the proposal came through the program, and the employer now sees who they are.
    """
    request = db.session.get(InterviewRequest, request_id)
    if (
        request is None
        or request.candidate_id != profile.id
        or request.status != RequestStatus.PROPOSED
        or request.session.registration_deadline <= utcnow()
    ):
        return None
    if not accept and reason is None:
        raise SessionError("decline_reason_required", "reason")
    request.decline_reason = None if accept else reason
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.responded_at = utcnow()
    if accept and request.application is None:
        request.application = _application_from_proposal(request, profile)
    db.session.flush()
    return request


def _application_from_proposal(request: InterviewRequest, profile: CandidateProfile) -> Application:
    from app.models import ApplicationEvent

    existing = db.session.execute(
        db.select(Application).where(
            Application.job_id == request.job_id, Application.candidate_id == profile.id
        )
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    application = Application(
        job_id=request.job_id, candidate=profile, status=ApplicationStatus.SHORTLISTED
    )
    db.session.add(application)
    db.session.flush()
    db.session.add_all(
        [
            ApplicationEvent(
                application=application,
                to_status=ApplicationStatus.SUBMITTED,
                actor_id=profile.user_id,
            ),
            ApplicationEvent(
                application=application,
                from_status=ApplicationStatus.SUBMITTED,
                to_status=ApplicationStatus.SHORTLISTED,
                actor_id=request.proposed_by_id,
                note="Friday interview proposal accepted",
            ),
        ]
    )
    return application


def requests_in(session: InterviewSession, status: RequestStatus):
    """Select the session's requests in one state (callers add their eager loads and order)."""
    return db.select(InterviewRequest).where(
        InterviewRequest.session_id == session.id, InterviewRequest.status == status
    )


def expire_requests(session: InterviewSession) -> int:
    """Proposals nobody answered by the deadline expire, so they block no slot; the employer
    who proposed is told (the candidate stays anonymous if they came from the matches)."""
    if session.registration_deadline > utcnow():
        return 0
    stale = list(
        db.session.execute(
            requests_in(session, RequestStatus.PROPOSED).options(
                joinedload(InterviewRequest.job).joinedload(Job.organisation)
            )
        ).scalars()
    )
    for request in stale:
        request.status = RequestStatus.EXPIRED
        job = request.job
        who = (
            request.application.candidate.display_name
            if request.application is not None
            else bilingual(
                *(
                    str(_code_label(lang, pseudonym(job, request.candidate_id)))
                    for lang in ("fr_CA", "en_CA")
                )
            )
        )
        for member in org_members(job.organisation):
            notify(
                member,
                "interview_proposal_expired",
                site_path("interviews.employer_sessions"),
                candidate=who,
                job=bilingual(job.title_fr, job.title_en),
                day=_day_both(session.day),
            )
    db.session.flush()
    return len(stale)


def _code_label(locale: str, code: str) -> str:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    with force_locale(locale):
        return _("Candidate %(code)s", code=code)


def expire_due_requests() -> int:
    """Expire the unanswered proposals of every open session whose deadline has passed."""
    due = db.session.execute(
        db.select(InterviewSession).where(
            InterviewSession.status == SessionStatus.OPEN,
            InterviewSession.registration_deadline <= utcnow(),
        )
    ).scalars()
    return sum(expire_requests(session) for session in due)


# ---------------------------------------------------------------- scheduling and slots


def run_scheduler(session: InterviewSession) -> list[tuple[InterviewRequest, str]]:
    """Place every accepted request on the session's grid; return the unplaced ones with reasons.

    A published (or closed) schedule is final: running again would erase its interviews and
    their outcomes, so it is refused."""
    if session.status in (SessionStatus.PUBLISHED, SessionStatus.CLOSED):
        raise SessionError("bad_status", "status")
    expire_requests(session)
    db.session.execute(db.delete(InterviewSlot).where(InterviewSlot.session_id == session.id))
    accepted = list(
        db.session.execute(
            requests_in(session, RequestStatus.ACCEPTED).options(
                joinedload(InterviewRequest.application).joinedload(Application.job)
            )
        ).scalars()
    )
    by_id = {r.id: r for r in accepted}
    employers, candidates = session_availability(session)
    schedule = solve(
        _spec(session),
        [
            Request(
                id=r.id,
                employer_id=r.application.job.organisation_id,
                candidate_id=r.application.candidate_id,
                score=r.score,
            )
            for r in accepted
        ],
        employers,
        candidates,
    )
    unplaced = dict(schedule.unplaced)
    for request in accepted:
        request.unplaced_reason = unplaced.get(request.id)
    for slot in schedule.slots:
        db.session.add(
            InterviewSlot(
                session_id=session.id,
                request_id=slot.request_id,
                starts_at=slot.start,
                ends_at=slot.end,
                room=secrets.token_urlsafe(24),
            )
        )
    session.status = SessionStatus.SCHEDULED
    db.session.flush()
    return [(by_id[request_id], reason) for request_id, reason in schedule.unplaced]


def unplaced_requests(session: InterviewSession) -> list[tuple[InterviewRequest, str]]:
    """The accepted requests the last scheduler run could not place, with the reason."""
    rows = db.session.execute(
        requests_in(session, RequestStatus.ACCEPTED)
        .options(
            joinedload(InterviewRequest.application)
            .joinedload(Application.candidate)
            .joinedload(CandidateProfile.user)
        )
        .where(InterviewRequest.unplaced_reason.is_not(None))
        .order_by(InterviewRequest.id)
    ).scalars()
    return [(r, r.unplaced_reason) for r in rows]


# Both parties of a slot, loaded with it (no query per row).
_SLOT_PARTIES = (
    joinedload(InterviewSlot.request)
    .joinedload(InterviewRequest.application)
    .joinedload(Application.job)
    .joinedload(Job.organisation),
    joinedload(InterviewSlot.request)
    .joinedload(InterviewRequest.application)
    .joinedload(Application.candidate)
    .joinedload(CandidateProfile.user),
)


def session_slots(session: InterviewSession) -> list[InterviewSlot]:
    """The session's slots in time order, with both parties loaded."""
    return list(
        db.session.execute(
            db.select(InterviewSlot)
            .options(*_SLOT_PARTIES)
            .where(InterviewSlot.session_id == session.id)
            .order_by(InterviewSlot.starts_at, InterviewSlot.id)
        ).scalars()
    )


def publish_schedule(session: InterviewSession, publisher: User) -> int:
    """Confirm every proposed slot; tell both sides in their language, with an .ics invitation."""
    if session.status != SessionStatus.SCHEDULED:
        raise SessionError("not_scheduled", "status")
    slots = session_slots(session)
    for slot in slots:
        slot.status = SlotStatus.CONFIRMED
        application = slot.request.application
        if application.status == ApplicationStatus.SHORTLISTED:
            transition_application(
                application, ApplicationStatus.INTERVIEW_SCHEDULED, publisher, Actor.STAFF
            )
        org = application.job.organisation
        title = bilingual(application.job.title_fr, application.job.title_en)
        text = slot_ics(slot, f"Maillage — {org.name}", public_link(site_path("interviews.mine")))
        ics = [{"name": "entrevue-maillage.ics", "mime": "text/calendar", "text": text}]
        if application.candidate.user is not None:
            candidate = application.candidate.user
            notify(
                candidate,
                "interview_scheduled",
                site_path("interviews.mine"),
                attachments=ics,
                org=org.name,
                job=title,
                when=when_in_both_languages(slot.starts_at, user_zone(candidate)),
            )
        for member in org_members(org):
            notify(
                member,
                "interview_scheduled_employer",
                site_path("interviews.mine"),
                attachments=ics,
                candidate=application.candidate.display_name,
                job=title,
                when=when_in_both_languages(slot.starts_at, user_zone(member)),
            )
    for request, reason in unplaced_requests(session):
        # Told now, once the schedule is final: a freed time may still come their way.
        application = request.application
        people = [application.candidate.user, *org_members(application.job.organisation)]
        for person in filter(None, people):
            notify(
                person,
                "interview_not_placed",
                site_path("interviews.mine"),
                job=bilingual(application.job.title_fr, application.job.title_en),
                day=_day_both(session.day, "long"),
                why=_reason_both(reason),
            )
    session.status = SessionStatus.PUBLISHED
    db.session.flush()
    return len(slots)


def my_slots(user: User, include_past: bool = True) -> list[InterviewSlot]:
    """The confirmed slots where the user is a party (as the candidate or as the employer)."""
    stmt = (
        db.select(InterviewSlot)
        .join(InterviewSlot.request)
        .join(InterviewRequest.application)
        .join(Application.job)
        .options(*_SLOT_PARTIES)
        .where(
            InterviewSlot.status.in_(CONFIRMED_OR_DONE if include_past else [SlotStatus.CONFIRMED])
        )
        .order_by(InterviewSlot.starts_at)
    )
    if user.role == Role.CANDIDATE:
        profile = user.candidate_profile
        stmt = stmt.where(Application.candidate_id == (profile.id if profile else -1))
    elif user.role == Role.EMPLOYER:
        org = user.organisation
        stmt = stmt.where(Job.organisation_id == (org.id if org else -1))
    else:
        return []
    return list(db.session.execute(stmt).scalars())


JOIN_LATE = timedelta(minutes=15)


def room_open(slot: InterviewSlot, now: datetime) -> bool:
    """The room admits its two parties from 5 minutes before the start to 15 after the end."""
    return (
        slot.status in CONFIRMED_OR_DONE
        and slot.starts_at - JOIN_EARLY <= now <= slot.ends_at + JOIN_LATE
    )


def join_url(slot: InterviewSlot, now: datetime) -> str | None:
    """The room's address for a party inside the window (None outside): with
    VIDEO_ROOM_JWT_SECRET, on the self-hosted Jitsi domain with a signed token limiting entry to
    this room and window; otherwise the public room. Only the portal's redirect uses it."""
    if not room_open(slot, now):
        return None
    config = current_app.config
    if not config.get("VIDEO_ROOM_JWT_SECRET"):
        return JitsiRooms(config["VIDEO_ROOM_BASE_URL"]).url(slot.room)
    return JitsiRooms(f"https://{config['VIDEO_ROOM_DOMAIN']}").url(slot.room)


def room_token(slot: InterviewSlot, user: User) -> str | None:
    """A Jitsi JWT (HS256) for one party: the room, and nbf/exp bounding the join window; None
    without VIDEO_ROOM_JWT_SECRET (public rooms)."""
    import jwt

    config = current_app.config
    secret = config.get("VIDEO_ROOM_JWT_SECRET")
    if not secret:
        return None
    claims = {
        "aud": "jitsi",
        "iss": config["VIDEO_ROOM_JWT_APP_ID"],
        "sub": config["VIDEO_ROOM_DOMAIN"],
        "room": JitsiRooms.name(slot.room),
        "nbf": int((slot.starts_at - JOIN_EARLY).timestamp()),
        "exp": int((slot.ends_at + JOIN_LATE).timestamp()),
        "context": {"user": {"name": user.full_name}},
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def enter_room(user: User, slot: InterviewSlot, now: datetime) -> str | None:
    """Where a party goes to join (None outside the window); the entry is audited."""
    from urllib.parse import urlencode

    from app.audit import record_event

    url = join_url(slot, now)
    if url is None:
        return None
    record_event(user, "interview.room_entered", "interview_slot", slot.id)
    token = room_token(slot, user)
    return f"{url}?{urlencode({'jwt': token})}" if token else url


class JitsiRooms:
    """The default room provider: a Jitsi Meet server; another service only needs url()."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    @staticmethod
    def name(room: str) -> str:
        return f"maillage-{room}"

    def url(self, room: str) -> str:
        return f"{self.base_url}/{self.name(room)}"


# ---------------------------------------------------------------- calendar and reminders


def slot_ics(slot: InterviewSlot, summary: str, description: str, cancelled: bool = False) -> str:
    """An iCalendar event for a slot, in America/Montreal with its VTIMEZONE; one UID per slot,
    and the slot's version as SEQUENCE, so an update or a cancellation replaces the event."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Maillage//Friday interviews//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"interview-{slot.id}@maillage")
    event.add("dtstamp", utcnow())
    event.add("dtstart", slot.starts_at.astimezone(PROGRAM_TZ))
    event.add("dtend", slot.ends_at.astimezone(PROGRAM_TZ))
    event.add("sequence", slot.version)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("summary", summary)
    event.add("description", description)
    from email.utils import parseaddr

    name, address = parseaddr(current_app.config["MAIL_FROM"])
    organizer = icalendar.vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = icalendar.vText(name or "Maillage")
    event.add("organizer", organizer)
    application = slot.request.application
    people = [application.candidate.user, *org_members(application.job.organisation)]
    for person in filter(None, people):
        attendee = icalendar.vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = icalendar.vText(person.full_name)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def get_party_slot(user: User, slot_id: int, include_past: bool = False) -> InterviewSlot | None:
    """Return a slot the user is a party to (None otherwise, for a 404)."""
    return next((s for s in my_slots(user, include_past) if s.id == slot_id), None)


def send_reminders(now: datetime) -> int:
    """Remind both sides 24 hours and 1 hour before each confirmed interview; return how many."""
    sent = 0
    for field, lead in (
        ("reminded_24h_at", timedelta(hours=24)),
        ("reminded_1h_at", timedelta(hours=1)),
    ):
        due = (
            db.session.execute(
                db.select(InterviewSlot).where(
                    InterviewSlot.status == SlotStatus.CONFIRMED,
                    InterviewSlot.starts_at > now,
                    InterviewSlot.starts_at <= now + lead,
                    getattr(InterviewSlot, field).is_(None),
                )
            )
            .scalars()
            .all()
        )
        for slot in due:
            application = slot.request.application
            title = bilingual(application.job.title_fr, application.job.title_en)
            people = [application.candidate.user, *org_members(application.job.organisation)]
            for person in filter(None, people):
                notify(
                    person,
                    "interview_reminder",
                    site_path("interviews.mine"),
                    job=title,
                    when=when_in_both_languages(slot.starts_at, user_zone(person)),
                )
                sent += 1
            setattr(slot, field, now)
            if (
                field == "reminded_24h_at"
                and slot.reminded_1h_at is None
                and slot.starts_at <= now + timedelta(hours=1)
            ):
                slot.reminded_1h_at = now  # one message is enough when both are due
    db.session.flush()
    return sent


# ---------------------------------------------------------------- during and after

DECISIONS = ("continue", "stop")


def mark_attendance(slot: InterviewSlot, status: SlotStatus) -> None:
    """Staff record how a confirmed interview went: held, or who did not show up."""
    if status not in OUTCOMES or slot.status not in CONFIRMED_OR_DONE:
        raise SessionError("bad_status", "status")
    slot.status = status
    db.session.flush()


def record_decision(
    user: User, slot: InterviewSlot, decision: str, note: str, now: datetime
) -> bool:
    """Record one side's "continue" or "stop" after the interview; True when both said continue."""
    if decision not in DECISIONS or now < slot.starts_at:
        raise SessionError("too_early" if decision in DECISIONS else "bad_decision", "decision")
    if user.role == Role.CANDIDATE:
        slot.candidate_decision, slot.candidate_note = decision, note.strip()[:1000]
    else:
        slot.employer_decision, slot.employer_note = decision, note.strip()[:1000]
    if slot.status == SlotStatus.CONFIRMED:
        slot.status = SlotStatus.HELD
    mutual = slot.candidate_decision == "continue" and slot.employer_decision == "continue"
    application = slot.request.application
    if mutual and application.status == ApplicationStatus.INTERVIEW_SCHEDULED:
        transition_application(
            application,
            ApplicationStatus.INTERVIEWED,
            user,
            Actor.EMPLOYER if user.role == Role.EMPLOYER else Actor.STAFF,
        )
    db.session.flush()
    return mutual


def no_show_counts() -> dict[int, int]:
    """How many interviews each candidate profile missed (visible to staff)."""
    rows = db.session.execute(
        db.select(Application.candidate_id, db.func.count(InterviewSlot.id))
        .join(InterviewSlot.request)
        .join(InterviewRequest.application)
        .where(InterviewSlot.status == SlotStatus.NO_SHOW_CANDIDATE)
        .group_by(Application.candidate_id)
    )
    return dict(rows.all())


# ---------------------------------------------------------------- manual changes by staff

ACTIVE_SLOTS = (SlotStatus.PROPOSED, SlotStatus.CONFIRMED)


def _spec(session: InterviewSession):
    return SessionSpec(
        start=session.starts_at(),
        end=session.ends_at(),
        slot_minutes=session.slot_minutes,
        buffer_minutes=session.buffer_minutes,
        max_per_employer=session.max_per_employer,
    )


def grid_times(session: InterviewSession) -> list[datetime]:
    """The session's interview start times, in Québec time."""
    return [t.astimezone(PROGRAM_TZ) for t in grid_starts(_spec(session))]


def _live_schedule(session: InterviewSession) -> tuple[dict[int, InterviewSlot], Schedule]:
    """The session's live slots (by request) and the same as the solver's schedule."""
    active = {s.request_id: s for s in session_slots(session) if s.status in ACTIVE_SLOTS}
    schedule = Schedule(
        slots=[
            Slot(
                request_id=s.request_id,
                employer_id=s.request.application.job.organisation_id,
                candidate_id=s.request.application.candidate_id,
                start=s.starts_at,
                end=s.ends_at,
            )
            for s in active.values()
        ],
        unplaced=[],
    )
    return active, schedule


def _edit(slot: InterviewSlot, version: int, edit) -> list[InterviewSlot]:
    """Apply a solver edit to the session's live slots; refuse a stale form or any conflict."""
    if version != slot.version:
        raise SessionError("stale", "slot")
    session = db.session.get(InterviewSession, slot.session_id)
    active, schedule = _live_schedule(session)
    try:
        result = edit(schedule, _spec(session))
    except ConflictError as err:
        raise SessionError(err.code, "slot") from err
    changed = []
    for new in result.slots:
        row = active[new.request_id]
        if (row.starts_at, row.ends_at) != (new.start, new.end):
            row.starts_at, row.ends_at = new.start, new.end
            changed.append(row)
    db.session.flush()  # the version check of each row happens here: a concurrent edit fails
    for row in changed:
        if row.status == SlotStatus.CONFIRMED:
            _tell_parties(row, "interview_moved")
    return changed


def move_interview(slot: InterviewSlot, new_start: datetime, version: int) -> None:
    """Move an interview, refusing a stale form, any conflict or a time outside either side's
    availability; both sides get the update."""
    session = db.session.get(InterviewSession, slot.session_id)
    employers, candidates = session_availability(session)
    _edit(
        slot,
        version,
        lambda schedule, spec: move_slot(
            schedule, spec, slot.request_id, new_start, employers, candidates
        ),
    )


def swap_interviews(slot: InterviewSlot, other_id: int, version: int) -> None:
    """Exchange the times of two interviews of the same session, if both stay valid."""
    other = db.session.get(InterviewSlot, other_id)
    if other is None or other.session_id != slot.session_id or other.id == slot.id:
        raise SessionError("unknown_slot", "slot")
    _edit(
        slot,
        version,
        lambda schedule, spec: swap_slots(schedule, spec, slot.request_id, other.request_id),
    )


def cancel_interview(slot: InterviewSlot, version: int) -> None:
    """Cancel an interview; both sides get a cancellation that removes it from their calendar."""
    if version != slot.version:
        raise SessionError("stale", "slot")
    was_confirmed = slot.status == SlotStatus.CONFIRMED
    slot.status = SlotStatus.CANCELLED
    db.session.flush()
    if was_confirmed:
        _tell_parties(slot, "interview_cancelled", cancelled=True)


def _tell_parties(slot: InterviewSlot, kind: str, cancelled: bool = False) -> None:
    application = slot.request.application
    org = application.job.organisation
    text = slot_ics(
        slot,
        f"Maillage — {org.name}",
        public_link(site_path("interviews.mine")),
        cancelled=cancelled,
    )
    ics = [{"name": "entrevue-maillage.ics", "mime": "text/calendar", "text": text}]
    title = bilingual(application.job.title_fr, application.job.title_en)
    people = [application.candidate.user, *org_members(org)]
    for person in filter(None, people):
        when = when_in_both_languages(slot.starts_at, user_zone(person))
        notify(person, kind, site_path("interviews.mine"), attachments=ics, job=title, when=when)


def bookable_applications(session: InterviewSession) -> list[Application]:
    """Shortlisted applications not yet in the session, which staff may book directly."""
    taken = db.select(InterviewRequest.application_id).where(
        InterviewRequest.session_id == session.id
    )
    return list(
        db.session.execute(
            db.select(Application)
            .options(
                joinedload(Application.candidate).joinedload(CandidateProfile.user),
                joinedload(Application.job).joinedload(Job.organisation),
            )
            .where(
                Application.status == ApplicationStatus.SHORTLISTED, Application.id.not_in(taken)
            )
            .order_by(Application.id)
        ).scalars()
    )


def host_booking(staff: User, session: InterviewSession, application_id: int) -> InterviewRequest:
    """Book both sides directly (a hosted booking): the request is accepted without asking."""
    application = next((a for a in bookable_applications(session) if a.id == application_id), None)
    if application is None:
        raise SessionError("nothing_to_propose", "application")
    org_id = application.job.organisation_id
    _check_cap(session, org_id, 1, "application")
    request = InterviewRequest(
        session=session,
        application=application,
        job_id=application.job_id,
        candidate_id=application.candidate_id,
        proposed_by_id=staff.id,
        status=RequestStatus.ACCEPTED,
        responded_at=utcnow(),
    )
    db.session.add(request)
    db.session.flush()
    if application.candidate.user is not None:
        notify(
            application.candidate.user,
            "interview_booked",
            site_path("interviews.mine"),
            org=application.job.organisation.name,
            job=bilingual(application.job.title_fr, application.job.title_en),
            day=_day_both(session.day),
        )
    return request


# ---------------------------------------------------------------- availability

AVAILABILITY_ROWS = 4  # ranges a person may give per session (the form's rows)


@dataclass
class AvailabilityData:
    """What a person typed: wall-clock ranges in their own zone, row by row."""

    ranges: list[tuple[time | None, time | None]]
    tz: object  # a ZoneInfo
    version: int | None = None


def _party(user: User) -> tuple[AvailabilityParty, int] | None:
    """Whose availability the user gives: their candidate profile, or their organisation."""
    if user.role == Role.CANDIDATE and user.candidate_profile is not None:
        return AvailabilityParty.CANDIDATE, user.candidate_profile.id
    if user.role == Role.EMPLOYER and user.organisation is not None:
        return AvailabilityParty.EMPLOYER, user.organisation.id
    return None


def availability_session(user: User, session_id: int) -> InterviewSession | None:
    """A session the user may give availability for (None: a 404): it takes proposals, and a
    candidate has a live proposal in it (an employer may always give theirs)."""
    session = get_open_session(session_id)
    party = _party(user)
    if session is None or party is None:
        return None
    if (
        party[0] == AvailabilityParty.CANDIDATE
        and not db.session.execute(
            db.select(InterviewRequest.id).where(
                InterviewRequest.session_id == session.id,
                InterviewRequest.candidate_id == party[1],
                InterviewRequest.status.in_(LIVE_REQUESTS),
            )
        ).first()
    ):
        return None
    return session


def _availability_rows(session_id: int, party: AvailabilityParty, party_id: int):
    return list(
        db.session.execute(
            db.select(InterviewAvailability)
            .where(
                InterviewAvailability.session_id == session_id,
                InterviewAvailability.party == party,
                InterviewAvailability.party_id == party_id,
            )
            .order_by(InterviewAvailability.starts_at)
        ).scalars()
    )


def availability_of(user: User, session: InterviewSession) -> list[tuple[datetime, datetime]]:
    """The user's ranges for the session (UTC); the whole window when none is given."""
    party = _party(user)
    rows = _availability_rows(session.id, *party) if party else []
    if not rows:
        return [(session.starts_at(), session.ends_at())]
    return [(r.starts_at, r.ends_at) for r in rows]


def availability_version(user: User, session: InterviewSession) -> int:
    """A stamp of the saved ranges (the highest row id, 0 for none): a form drawn from an older
    stamp is stale, since each save replaces the rows."""
    party = _party(user)
    rows = _availability_rows(session.id, *party) if party else []
    return max((r.id for r in rows), default=0)


def _instant(session: InterviewSession, clock: time, tz) -> datetime:
    """A wall-clock time in the person's zone, on the local day nearest the session."""
    middle = session.starts_at() + (session.ends_at() - session.starts_at()) / 2
    base = middle.astimezone(tz).date()
    options = [datetime.combine(base + timedelta(days=k), clock, tzinfo=tz) for k in (-1, 0, 1)]
    return min(options, key=lambda moment: abs(moment - middle))


def check_availability(
    session: InterviewSession, data: AvailabilityData
) -> list[tuple[datetime, datetime]]:
    """Read the typed ranges; raise every problem at once (a half-filled row, an end before its
    start, a time outside the session, two ranges that overlap)."""
    problems = Problems(SessionError)
    start, end = session.starts_at(), session.ends_at()
    ranges: list[tuple[datetime, datetime, int]] = []
    for n, (clock_from, clock_to) in enumerate(data.ranges, start=1):
        if clock_from is None and clock_to is None:
            continue
        if clock_from is None or clock_to is None:
            problems.add("incomplete", f"start_{n}" if clock_from is None else f"end_{n}")
            continue
        moment_from = _instant(session, clock_from, data.tz)
        moment_to = _instant(session, clock_to, data.tz)
        if moment_to <= moment_from:
            problems.add("end_before_start", f"end_{n}")
            continue
        if moment_from < start or moment_from >= end:
            problems.add("outside_window", f"start_{n}")
        if moment_to > end or moment_to <= start:
            problems.add("outside_window", f"end_{n}")
        ranges.append((moment_from, moment_to, n))
    ordered = sorted(ranges)
    for (_, a_to, _), (b_from, _, n) in zip(ordered, ordered[1:], strict=False):
        if b_from < a_to:
            problems.add("overlap", f"start_{n}")
    problems.raise_any()
    return [(a, b) for a, b, _ in sorted(ranges)]


def set_availability(user: User, session: InterviewSession, data: AvailabilityData) -> int:
    """Replace the user's ranges for an open session (none typed: the whole window); refuse a
    form drawn before another save. Returns how many ranges are stored."""
    from app.errors import StaleError

    if not is_open(session):
        raise SessionError("closed", "start_1")
    if data.version is None or data.version != availability_version(user, session):
        raise StaleError(None)  # on the form as a whole: the rows keep what was typed
    ranges = check_availability(session, data)
    party, party_id = _party(user)
    db.session.execute(
        db.delete(InterviewAvailability).where(
            InterviewAvailability.session_id == session.id,
            InterviewAvailability.party == party,
            InterviewAvailability.party_id == party_id,
        )
    )
    whole = [(session.starts_at(), session.ends_at())]
    if ranges and ranges != whole:
        db.session.add_all(
            InterviewAvailability(
                session_id=session.id, party=party, party_id=party_id, starts_at=a, ends_at=b
            )
            for a, b in ranges
        )
    db.session.flush()
    return len(ranges)


def session_availability(session: InterviewSession) -> tuple[dict, dict]:
    """Everyone's windows for the solver: (employers by organisation, candidates by profile)."""
    employers: dict[int, list[Window]] = {}
    candidates: dict[int, list[Window]] = {}
    for row in db.session.execute(
        db.select(InterviewAvailability).where(InterviewAvailability.session_id == session.id)
    ).scalars():
        side = employers if row.party == AvailabilityParty.EMPLOYER else candidates
        side.setdefault(row.party_id, []).append(Window(row.starts_at, row.ends_at))
    return employers, candidates


# ---------------------------------------------------------------- changes asked by the parties


@dataclass
class ChangeData:
    kind: str  # "move" or "cancel"
    reason: str
    new_start: datetime | None = None
    version: int | None = None


def change_cutoff(slot: InterviewSlot) -> datetime:
    """The last moment a party may ask to move or cancel the interview."""
    hours = current_app.config["INTERVIEW_CHANGE_CUTOFF_HOURS"]
    return slot.starts_at - timedelta(hours=hours)


def move_options(slot: InterviewSlot) -> list[datetime]:
    """The session's times the interview could move to: free for both, within both sides'
    availability (the solver's own check), other than its current time."""
    session = db.session.get(InterviewSession, slot.session_id)
    active, schedule = _live_schedule(session)
    employers, candidates = session_availability(session)
    spec = _spec(session)
    options = []
    for start in grid_starts(spec):
        if start == slot.starts_at:
            continue
        try:
            move_slot(schedule, spec, slot.request_id, start, employers, candidates)
        except ConflictError:
            continue
        options.append(start)
    return options


def check_change(slot: InterviewSlot, data: ChangeData, now: datetime) -> None:
    """Raise every problem of a change request at once."""
    problems = Problems(SessionError)
    if data.version is not None and data.version != slot.version:
        problems.add("stale", None)
    if now > change_cutoff(slot):
        problems.add("too_late", None)
    if not data.reason.strip():
        problems.add("reason_required", "reason")
    if data.kind == ChangeKind.MOVE and data.new_start not in move_options(slot):
        problems.add("slot_taken", "new_start")
    problems.raise_any()


def request_change(user: User, slot: InterviewSlot, data: ChangeData, now: datetime):
    """A party asks to move or cancel their published interview (before the cut-off, with a
    reason). Applied at once unless staff approval is required; staff see every request."""
    if slot.status != SlotStatus.CONFIRMED:
        raise SessionError("bad_status", None)
    check_change(slot, data, now)
    change = InterviewChange(
        slot_id=slot.id,
        requested_by_id=user.id,
        kind=ChangeKind(data.kind),
        reason=data.reason.strip()[:500],
        new_starts_at=data.new_start,
    )
    db.session.add(change)
    db.session.flush()
    if not current_app.config["INTERVIEW_CHANGES_NEED_APPROVAL"]:
        apply_change(change)
        return change
    application = slot.request.application
    for person in filter(
        None, [application.candidate.user, *org_members(application.job.organisation)]
    ):
        notify(
            person,
            "interview_change_asked",
            site_path("interviews.mine"),
            job=bilingual(application.job.title_fr, application.job.title_en),
            when=when_in_both_languages(slot.starts_at, user_zone(person)),
        )
    return change


def apply_change(change: InterviewChange) -> None:
    """Carry out a change (at once, or when staff approve it); the time it frees is offered."""
    if change.status != ChangeStatus.PENDING:
        raise SessionError("bad_status", None)
    slot = change.slot
    session = db.session.get(InterviewSession, slot.session_id)
    org_id = slot.request.application.job.organisation_id
    old_start = slot.starts_at
    if change.kind == ChangeKind.MOVE:
        if change.new_starts_at not in move_options(slot):
            raise SessionError("slot_taken", "new_start")
        _claim_freed(session, org_id, change.new_starts_at)
        employers, candidates = session_availability(session)
        _edit(
            slot,
            slot.version,
            lambda schedule, spec: move_slot(
                schedule, spec, slot.request_id, change.new_starts_at, employers, candidates
            ),
        )
    else:
        cancel_interview(slot, slot.version)
    change.status, change.decided_at = ChangeStatus.APPLIED, utcnow()
    db.session.flush()
    offer_freed_slot(session, org_id, old_start)


def refuse_change(change: InterviewChange) -> None:
    """Staff refuse a pending change: the interview stays as it is."""
    if change.status != ChangeStatus.PENDING:
        raise SessionError("bad_status", None)
    change.status, change.decided_at = ChangeStatus.REFUSED, utcnow()
    db.session.flush()


def session_changes(session: InterviewSession) -> list[InterviewChange]:
    """Every change the parties asked for in a session, newest first (the staff page)."""
    return list(
        db.session.execute(
            db.select(InterviewChange)
            .join(InterviewChange.slot)
            .where(InterviewSlot.session_id == session.id)
            .order_by(InterviewChange.id.desc())
        ).scalars()
    )


# ---------------------------------------------------------------- freed slots


def _claim_freed(session: InterviewSession, org_id: int, start: datetime) -> None:
    """Mark a freed time as taken; the version check at flush makes one of two takers lose."""
    freed = db.session.execute(
        db.select(FreedSlot).where(
            FreedSlot.session_id == session.id,
            FreedSlot.organisation_id == org_id,
            FreedSlot.starts_at == start,
            FreedSlot.status == OfferStatus.OFFERED,
        )
    ).scalar_one_or_none()
    if freed is not None:
        freed.status = OfferStatus.TAKEN
        db.session.flush()


def waiting_requests(session: InterviewSession) -> list[InterviewRequest]:
    """Accepted requests the scheduler could not place, best match first."""
    return list(
        db.session.execute(
            requests_in(session, RequestStatus.ACCEPTED)
            .where(InterviewRequest.unplaced_reason.is_not(None))
            .order_by(InterviewRequest.score.desc(), InterviewRequest.id)
        ).scalars()
    )


def _fits(session: InterviewSession, request: InterviewRequest, start: datetime) -> bool:
    _, schedule = _live_schedule(session)
    employers, candidates = session_availability(session)
    pair = Request(
        id=request.id,
        employer_id=request.application.job.organisation_id,
        candidate_id=request.candidate_id,
        score=request.score,
    )
    try:
        place_slot(schedule, _spec(session), pair, start, employers, candidates)
    except (ConflictError, ValueError):
        return False
    return True


def offer_freed_slot(session: InterviewSession, org_id: int, start: datetime) -> FreedSlot | None:
    """Offer a freed time to the best waiting pair it suits (by match score); None if none."""
    freed = db.session.execute(
        db.select(FreedSlot).where(
            FreedSlot.session_id == session.id,
            FreedSlot.organisation_id == org_id,
            FreedSlot.starts_at == start,
        )
    ).scalar_one_or_none()
    if freed is None:
        freed = FreedSlot(session_id=session.id, organisation_id=org_id, starts_at=start)
        db.session.add(freed)
    declined = set(freed.declined or [])
    best = next(
        (
            r
            for r in waiting_requests(session)
            if r.id not in declined
            and r.application.job.organisation_id == org_id
            and _fits(session, r, start)
        ),
        None,
    )
    freed.request_id = best.id if best else None
    freed.status = OfferStatus.OFFERED if best else OfferStatus.DECLINED
    db.session.flush()
    if best is not None:
        for person in filter(None, [best.candidate.user, *org_members(best.job.organisation)]):
            notify(
                person,
                "freed_slot_offered",
                site_path("interviews.mine"),
                job=bilingual(best.job.title_fr, best.job.title_en),
                when=when_in_both_languages(start, user_zone(person)),
            )
    return freed if best else None


def offers_for(user: User) -> list[FreedSlot]:
    """The freed times offered to the candidate, still open."""
    profile = user.candidate_profile if user.role == Role.CANDIDATE else None
    if profile is None:
        return []
    return list(
        db.session.execute(
            db.select(FreedSlot)
            .join(FreedSlot.request)
            .where(
                FreedSlot.status == OfferStatus.OFFERED,
                InterviewRequest.candidate_id == profile.id,
            )
            .order_by(FreedSlot.starts_at)
        ).scalars()
    )


def answer_offer(user: User, offer_id: int, accept: bool, version: int | None) -> FreedSlot | None:
    """The candidate takes or declines a freed time (None: not theirs). Taking it places and
    confirms the interview and sends both sides the invitation; of two takers at once, the
    version check lets one win and the other gets a "taken" error."""
    from app.errors import StaleError

    offer = db.session.get(FreedSlot, offer_id)
    profile = user.candidate_profile
    if offer is None or offer.request is None or profile is None:
        return None
    if offer.request.candidate_id != profile.id:
        return None
    if offer.status != OfferStatus.OFFERED:
        raise SessionError("slot_taken", None)
    if version != offer.version:
        raise StaleError(None)
    session = db.session.get(InterviewSession, offer.session_id)
    request = offer.request
    if not accept:
        offer.declined = [*(offer.declined or []), request.id]
        db.session.flush()
        offer_freed_slot(session, offer.organisation_id, offer.starts_at)
        return offer
    if not _fits(session, request, offer.starts_at):
        raise SessionError("slot_taken", None)
    offer.status = OfferStatus.TAKEN
    db.session.flush()  # the race is decided here
    slot = InterviewSlot(
        session_id=session.id,
        request_id=request.id,
        starts_at=offer.starts_at,
        ends_at=offer.starts_at + timedelta(minutes=session.slot_minutes),
        room=secrets.token_urlsafe(24),
        status=SlotStatus.CONFIRMED,
    )
    db.session.add(slot)
    request.unplaced_reason = None
    db.session.flush()
    application = request.application
    if application.status == ApplicationStatus.SHORTLISTED:
        transition_application(
            application, ApplicationStatus.INTERVIEW_SCHEDULED, user, Actor.STAFF
        )
    _tell_parties(slot, "interview_scheduled_freed")
    return offer


def my_changes(user: User) -> dict[int, InterviewChange]:
    """The latest change asked for each of the user's slots."""
    changes: dict[int, InterviewChange] = {}
    slot_ids = [s.id for s in my_slots(user)]
    for change in db.session.execute(
        db.select(InterviewChange)
        .where(InterviewChange.slot_id.in_(slot_ids))
        .order_by(InterviewChange.id)
    ).scalars():
        changes[change.slot_id] = change
    return changes


# ---------------------------------------------------------------- calendar subscription


def enable_calendar(user: User) -> str:
    """Give the person a new private feed address (the old one, if any, stops working)."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.calendar_token


def disable_calendar(user: User) -> None:
    """Turn the person's feed off: its address stops working."""
    user.calendar_token = None
    db.session.flush()


def user_for_calendar(token: str) -> User | None:
    """The active person whose feed this is (None for an unknown or revoked address)."""
    if not token or len(token) > 64:
        return None
    user = db.session.execute(
        db.select(User).where(User.calendar_token == token)
    ).scalar_one_or_none()
    return user if user is not None and user.active and user.deleted_at is None else None


def calendar_feed(user: User) -> str:
    """The person's calendar (iCalendar, for Google Calendar, Outlook or Apple Calendar): their
    Friday interviews, accepted site visits with approved trips, advisor contacts and check-ins."""
    import icalendar

    from app.models import CaseFile, CheckIn, FundingRequest, FundingStatus

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Maillage//Calendar//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Maillage")
    link = public_link(site_path("interviews.mine"))
    for slot in my_slots(user, include_past=True):
        org = slot.request.application.job.organisation
        event = icalendar.Event()
        event.add("uid", f"interview-{slot.id}@maillage")
        event.add("dtstamp", utcnow())
        event.add("dtstart", slot.starts_at.astimezone(PROGRAM_TZ))
        event.add("dtend", slot.ends_at.astimezone(PROGRAM_TZ))
        event.add("sequence", slot.version)
        event.add("summary", f"Maillage — {org.name}")
        event.add("description", link)
        calendar.add_component(event)

    def day_event(uid: str, start: date, end: date, summary: str) -> None:
        event = icalendar.Event()
        event.add("uid", f"{uid}@maillage")
        event.add("dtstamp", utcnow())
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))
        event.add("summary", summary)
        calendar.add_component(event)

    profile = user.candidate_profile if user.role == Role.CANDIDATE else None
    trips = db.select(FundingRequest).where(
        FundingRequest.status.in_(
            [FundingStatus.APPROVED, FundingStatus.RECEIPTS_SUBMITTED, FundingStatus.PAID]
        )
    )
    if profile is not None:
        trips = trips.where(FundingRequest.candidate_id == profile.id)
    elif user.role == Role.EMPLOYER and user.organisation is not None:
        trips = (
            trips.join(FundingRequest.application)
            .join(Application.job)
            .where(Job.organisation_id == user.organisation.id)
        )
    else:
        trips = None
    for trip in db.session.execute(trips).scalars() if trips is not None else []:
        org = trip.application.job.organisation.name
        day_event(f"visit-{trip.id}", trip.depart_on, trip.return_on, f"Maillage — {org}")
    cases = db.select(CaseFile).where(CaseFile.next_contact_on.is_not(None))
    if profile is not None:
        cases = cases.where(CaseFile.candidate_id == profile.id)
    else:
        cases = cases.where(CaseFile.advisor_id == user.id)
    for case in db.session.execute(cases).scalars():
        name = case.partner.name if profile is not None else case.candidate.display_name
        day_event(
            f"contact-{case.id}", case.next_contact_on, case.next_contact_on, f"Maillage — {name}"
        )
    if profile is not None:
        for check in db.session.execute(
            db.select(CheckIn)
            .join(CheckIn.application)
            .where(Application.candidate_id == profile.id, CheckIn.answered_at.is_(None))
        ).scalars():
            day_event(
                f"checkin-{check.id}", check.due_on, check.due_on, "Maillage — suivi / check-in"
            )
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


# ---------------------------------------------------------------- nudges before the deadline

EMPLOYER_NUDGE = timedelta(hours=48)
CANDIDATE_NUDGE = timedelta(hours=24)


def _nudge_once(session: InterviewSession, kind: str, target_id: int) -> bool:
    """Record a nudge; False if it was already sent (each is sent once)."""
    from app.models import InterviewNudge

    if db.session.execute(
        db.select(InterviewNudge.id).where(
            InterviewNudge.session_id == session.id,
            InterviewNudge.kind == kind,
            InterviewNudge.target_id == target_id,
        )
    ).first():
        return False
    db.session.add(InterviewNudge(session_id=session.id, kind=kind, target_id=target_id))
    return True


def send_nudges(now: datetime) -> int:
    """Before a session's deadline: remind each employer with open jobs and no proposal yet
    (48 h before) and each candidate with an unanswered proposal (24 h before); once each, in
    the recipient's language. Returns how many people were reminded."""
    from app.models import EmployerOrganisation

    sent = 0
    sessions = db.session.execute(
        db.select(InterviewSession).where(
            InterviewSession.status == SessionStatus.OPEN,
            InterviewSession.registration_deadline > now,
            InterviewSession.registration_deadline <= now + EMPLOYER_NUDGE,
        )
    ).scalars()
    for session in list(sessions):
        path = site_path("interviews.employer_sessions")
        proposing = (
            db.select(Job.organisation_id)
            .join(InterviewRequest, InterviewRequest.job_id == Job.id)
            .where(InterviewRequest.session_id == session.id)
        )
        orgs = db.session.execute(
            db.select(EmployerOrganisation)
            .join(Job, Job.organisation_id == EmployerOrganisation.id)
            .where(
                Job.open_clause(today()),
                EmployerOrganisation.id.not_in(proposing),
            )
            .distinct()
        ).scalars()
        for org in list(orgs):
            if not _nudge_once(session, "employer", org.id):
                continue
            for member in org_members(org):
                notify(
                    member,
                    "friday_nudge_employer",
                    path,
                    day=_day_both(session.day, "long"),
                    deadline=when_in_both_languages(
                        session.registration_deadline, user_zone(member)
                    ),
                )
                sent += 1
        if session.registration_deadline > now + CANDIDATE_NUDGE:
            continue
        for request in db.session.execute(requests_in(session, RequestStatus.PROPOSED)).scalars():
            person = request.candidate.user if request.candidate else None
            if person is None or not _nudge_once(session, "candidate", request.id):
                continue
            notify(
                person,
                "friday_nudge_candidate",
                site_path("interviews.mine"),
                org=request.job.organisation.name,
                deadline=when_in_both_languages(session.registration_deadline, user_zone(person)),
            )
            sent += 1
    db.session.flush()
    return sent
