"""Personalised follow-up: case files, their checklist, notes, contact reminders and check-ins."""

from datetime import date, datetime

from sqlalchemy.orm import joinedload, selectinload

from app.audit import record_event
from app.clock import add_months
from app.errors import DomainError
from app.extensions import db
from app.models import (
    Application,
    CandidateProfile,
    CaseFile,
    CaseNote,
    CaseStep,
    CaseStepRecord,
    CheckIn,
    Job,
    Role,
    User,
)
from app.models.base import utcnow
from app.notify import bilingual, notify
from app.partners import partner_advisors, partner_for_region
from app.urls import site_path

CHECK_IN_MONTHS = (1, 3, 6, 12)


class FollowUpError(DomainError):
    """A follow-up operation that cannot proceed; `code` says why, `field` where."""


def ensure_case_file(profile: CandidateProfile, region_code: str) -> CaseFile | None:
    """Open the candidate's case file with the partner serving the region, once."""
    case = db.session.execute(
        db.select(CaseFile).where(CaseFile.candidate_id == profile.id)
    ).scalar_one_or_none()
    if case is not None:
        return case
    partner = partner_for_region(region_code)
    if partner is None:
        return None
    case = CaseFile(candidate=profile, partner=partner, region_code=region_code)
    for position, step in enumerate(CaseStep):
        case.steps.append(CaseStepRecord(step=step, position=position))
    db.session.add(case)
    db.session.flush()
    return case


def start_after_hire(application: Application, hired_on: date) -> CaseFile | None:
    """On hiring: open the case file if needed, tick the offer and plan the 1-3-6-12 check-ins."""
    case = ensure_case_file(application.candidate, application.job.region_code)
    if case is None:
        return None
    for record in case.steps:
        if record.step in (CaseStep.INTERVIEW, CaseStep.OFFER) and record.done_on is None:
            record.done_on = hired_on
    existing = {c.months for c in case.check_ins if c.application_id == application.id}
    for months in CHECK_IN_MONTHS:
        if months not in existing:
            case.check_ins.append(
                CheckIn(
                    application_id=application.id,
                    months=months,
                    due_on=add_months(hired_on, months),
                )
            )
    db.session.flush()
    return case


# ---------------------------------------------------------------- reading


def _case_options(stmt):
    return stmt.options(
        joinedload(CaseFile.candidate).joinedload(CandidateProfile.user),
        joinedload(CaseFile.partner),
        joinedload(CaseFile.advisor),
        selectinload(CaseFile.steps),
        selectinload(CaseFile.check_ins)
        .joinedload(CheckIn.application)
        .joinedload(Application.job)
        .joinedload(Job.organisation),
    )


def partner_cases(user: User) -> list[CaseFile]:
    """The case files of the advisor's organisation, the next contact first."""
    stmt = db.select(CaseFile)
    if not user.has_role(Role.STAFF):
        stmt = stmt.where(CaseFile.partner_id == user.partner_organisation_id)
    stmt = _case_options(stmt).order_by(
        CaseFile.next_contact_on.is_(None), CaseFile.next_contact_on, CaseFile.id
    )
    return list(db.session.execute(stmt).unique().scalars())


def get_partner_case(user: User, case_id: int) -> CaseFile | None:
    """The case file if the advisor's organisation follows it, or staff oversee it (None: a 404)."""
    stmt = db.select(CaseFile).where(CaseFile.id == case_id)
    if not user.has_role(Role.STAFF):
        if user.partner_organisation_id is None:
            return None
        stmt = stmt.where(CaseFile.partner_id == user.partner_organisation_id)
    stmt = _case_options(stmt).options(selectinload(CaseFile.notes).joinedload(CaseNote.author))
    return db.session.execute(stmt).unique().scalar_one_or_none()


def candidate_case(profile: CandidateProfile | None) -> CaseFile | None:
    """The candidate's case file, if they were hired through the program."""
    if profile is None:
        return None
    return (
        db.session.execute(
            _case_options(db.select(CaseFile).where(CaseFile.candidate_id == profile.id))
        )
        .unique()
        .scalar_one_or_none()
    )


def case_requests(case: CaseFile) -> list:
    """The candidate's travel funding requests handled by the case file's partner."""
    from app.models import FundingRequest

    return list(
        db.session.execute(
            db.select(FundingRequest)
            .where(
                FundingRequest.candidate_id == case.candidate_id,
                FundingRequest.partner_id == case.partner_id,
            )
            .order_by(FundingRequest.id.desc())
        ).scalars()
    )


def view_case(case: CaseFile, viewer: User) -> None:
    """Record that an advisor opened a case file (an audited read)."""
    record_event(viewer, "case.viewed", "case_file", case.id)


def due_check_ins(case: CaseFile, today: date) -> list[CheckIn]:
    """The check-ins the candidate can answer now."""
    return [c for c in case.check_ins if c.answered_at is None and c.due_on <= today]


def next_step(case: CaseFile) -> CaseStepRecord | None:
    """What happens next in the candidate's follow-up, in plain words."""
    return next((s for s in case.steps if s.done_on is None and not s.not_applicable), None)


# ---------------------------------------------------------------- advisor's work


def assign(case: CaseFile, advisor: User, actor: User) -> None:
    """Give the case file an owner among the partner's advisors."""
    if advisor.role != Role.PARTNER or advisor.partner_organisation_id != case.partner_id:
        raise FollowUpError("advisor", "advisor_id")
    record_event(
        actor, "case.assigned", "case_file", case.id, before=case.advisor_id, after=advisor.id
    )
    case.advisor = advisor
    db.session.flush()


def update_steps(
    case: CaseFile, actor: User, done: set[str], not_applicable: set[str], today: date
) -> None:
    """Tick or untick checklist steps (a step keeps the date it was first ticked)."""
    before = {s.step.value: s.done_on.isoformat() if s.done_on else None for s in case.steps}
    for record in case.steps:
        value = record.step.value
        if value in done and record.done_on is None:
            record.done_on = today
        elif value not in done:
            record.done_on = None
        record.not_applicable = value in not_applicable and value not in done
    after = {s.step.value: s.done_on.isoformat() if s.done_on else None for s in case.steps}
    if before != after:
        record_event(actor, "case.steps", "case_file", case.id, before=before, after=after)
    db.session.flush()


def add_note(case: CaseFile, author: User, body: str) -> CaseNote:
    """Add an advisor's note to the case file (never shown to employers or other partners)."""
    body = body.strip()
    if not body:
        raise FollowUpError("note_required", "body")
    note = CaseNote(author_id=author.id, body=body[:4000])
    case.notes.insert(0, note)
    db.session.flush()
    record_event(author, "case.note", "case_file", case.id, note=note.id)
    return note


def set_next_contact(case: CaseFile, actor: User, day: date | None, note: str, today: date) -> None:
    """Set the date of the advisor's next contact with the candidate."""
    if day is not None and day < today:
        raise FollowUpError("past_date", "next_contact_on")
    record_event(
        actor,
        "case.next_contact",
        "case_file",
        case.id,
        before=case.next_contact_on.isoformat() if case.next_contact_on else None,
        after=day.isoformat() if day else None,
    )
    case.next_contact_on, case.next_contact_note, case.reminded_on = day, note.strip()[:300], None
    db.session.flush()


def answer_check_in(
    check_in: CheckIn, user: User, still_employed: bool, still_in_region: bool, comment: str
) -> None:
    """Record a check-in's answers (by the person or by their advisor)."""
    before = (check_in.still_employed, check_in.still_in_region)
    check_in.still_employed, check_in.still_in_region = still_employed, still_in_region
    check_in.comment = comment.strip()[:2000]
    check_in.answered_at, check_in.answered_by_id = utcnow(), user.id
    db.session.flush()
    record_event(
        user,
        "case.check_in",
        "case_file",
        check_in.case_id,
        check_in=check_in.id,
        before=list(before),
        after=[still_employed, still_in_region],
    )


def send_reminders(today: date) -> int:
    """Remind advisors of contacts due today or earlier, and candidates of check-ins due today."""
    sent = 0
    due = db.session.execute(
        db.select(CaseFile)
        .options(joinedload(CaseFile.candidate))
        .where(
            CaseFile.next_contact_on <= today,
            db.or_(CaseFile.reminded_on.is_(None), CaseFile.reminded_on < CaseFile.next_contact_on),
        )
    ).scalars()
    for case in due:
        for advisor in [case.advisor] if case.advisor else partner_advisors(case.partner_id):
            notify(
                advisor,
                "case_contact_due",
                site_path("followup.partner_case", case_id=case.id),
                candidate=case.candidate.display_name,
            )
            sent += 1
        case.reminded_on = today
    for check_in in db.session.execute(
        db.select(CheckIn)
        .options(joinedload(CheckIn.case).joinedload(CaseFile.candidate))
        .where(CheckIn.due_on == today, CheckIn.answered_at.is_(None))
    ).scalars():
        user = check_in.case.candidate.user
        if user is not None:
            notify(
                user,
                "check_in_due",
                site_path("followup.mine"),
                months=str(check_in.months),
                org=bilingual(check_in.case.partner.name, check_in.case.partner.name),
            )
            sent += 1
    db.session.flush()
    return sent


def check_in_outcomes(
    since: datetime | None = None, until: datetime | None = None, region_code: str | None = None
) -> dict[int, dict[str, int]]:
    """Answered check-ins by month mark: how many, still employed, still in the region.

    `until` is exclusive; `region_code` keeps the check-ins of jobs in that region.
    """
    stmt = db.select(
        CheckIn.months,
        db.func.count(CheckIn.id),
        db.func.sum(db.case((CheckIn.still_employed.is_(True), 1), else_=0)),
        db.func.sum(db.case((CheckIn.still_in_region.is_(True), 1), else_=0)),
    ).where(CheckIn.answered_at.is_not(None))
    if since is not None:
        stmt = stmt.where(CheckIn.answered_at >= since)
    if until is not None:
        stmt = stmt.where(CheckIn.answered_at < until)
    if region_code:
        stmt = (
            stmt.join(Application, Application.id == CheckIn.application_id)
            .join(Job, Job.id == Application.job_id)
            .where(Job.region_code == region_code)
        )
    rows = db.session.execute(stmt.group_by(CheckIn.months)).all()
    return {
        months: {"answered": n, "employed": int(emp or 0), "in_region": int(reg or 0)}
        for months, n, emp, reg in rows
    }
