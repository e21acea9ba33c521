"""Privacy (Québec Law 25): consents, the data download, erasure, retention, reviews, incidents."""

import io
import json
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_
from sqlalchemy.orm import selectinload

from app import sessions
from app.audit import record_event
from app.blueprints.candidates.services import get_profile, set_consents
from app.blueprints.followup.services import add_months
from app.clock import PROGRAM_TZ
from app.errors import DomainError
from app.extensions import db
from app.mail import send_mail
from app.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    AuditEvent,
    CandidateProfile,
    CaseFile,
    CaseNote,
    ConsentPurpose,
    ConsentRecord,
    EmployerInvitation,
    FundingRequest,
    FundingStatus,
    HumanReviewRequest,
    IncidentReport,
    InterviewRequest,
    InterviewSlot,
    Job,
    MatchResult,
    Notification,
    OutboxMessage,
    RequestStatus,
    ReviewStatus,
    Role,
    SlotStatus,
    User,
)
from app.models.base import utcnow
from app.notify import bilingual, notify, render_notification
from app.storage import delete_file, file_path
from app.urls import external_url, site_path


class PrivacyError(DomainError):
    """A privacy request cannot be carried out; `code` names the message shown."""


# ---------------------------------------------------------------- the retention policy


@dataclass(frozen=True)
class Retention:
    """Every retention period in one place; the privacy policy states these same values."""

    # A candidate account nobody signed in to for this long is erased...
    inactive_candidate_months: int = 24
    # ...after an email warning this many days before.
    warning_days: int = 30
    # Anonymised funding records are kept for the accounting rules, counted from payment
    # (or from their last update when never paid).
    funding_years: int = 7


RETENTION = Retention()

# Funding requests an erasure keeps (anonymised): money was paid, or committed and still owed.
KEPT_FUNDING = (FundingStatus.PAID, FundingStatus.APPROVED, FundingStatus.RECEIPTS_SUBMITTED)


# ---------------------------------------------------------------- consents

CANDIDATE_PURPOSES = (
    ConsentPurpose.STAFF_REVIEW,
    ConsentPurpose.EMPLOYER_DISPLAY,
    ConsentPurpose.TESTIMONIAL,
)


def _latest_record(user: User, purpose: ConsentPurpose) -> ConsentRecord | None:
    return db.session.execute(
        db.select(ConsentRecord)
        .where(ConsentRecord.user_id == user.id, ConsentRecord.purpose == purpose)
        .order_by(ConsentRecord.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def current_consents(user: User) -> dict[ConsentPurpose, bool]:
    """Return whether each purpose is consented to now (all off until the person says yes)."""
    profile = user.candidate_profile
    testimonial = _latest_record(user, ConsentPurpose.TESTIMONIAL)
    return {
        ConsentPurpose.STAFF_REVIEW: bool(profile and profile.consents_to_staff_review),
        ConsentPurpose.EMPLOYER_DISPLAY: bool(profile and profile.consents_to_employer_display),
        ConsentPurpose.TESTIMONIAL: bool(testimonial and testimonial.given),
    }


def set_consent(user: User, purpose: ConsentPurpose, given: bool) -> bool:
    """Give or withdraw one consent at once; return False when nothing changed."""
    if user.role != Role.CANDIDATE:
        raise PrivacyError("not_candidate")
    current = current_consents(user)
    if current[purpose] == given:
        return False
    profile = get_profile(user)
    if purpose == ConsentPurpose.TESTIMONIAL:
        db.session.add(ConsentRecord(user_id=user.id, purpose=purpose, given=given))
        record_event(user, "consent_changed", "candidate", profile.id, testimonial=given)
        db.session.flush()
        return True
    wanted = {**current, purpose: given}
    set_consents(
        profile, wanted[ConsentPurpose.STAFF_REVIEW], wanted[ConsentPurpose.EMPLOYER_DISPLAY]
    )
    return True


def _newest_first(model, user: User) -> list:
    """Return the person's rows of `model` (a table with `user_id`), newest first."""
    return list(
        db.session.execute(
            db.select(model).where(model.user_id == user.id).order_by(model.id.desc())
        ).scalars()
    )


def consent_history(user: User) -> list[ConsentRecord]:
    """Return the person's consent records, newest first."""
    return _newest_first(ConsentRecord, user)


# ---------------------------------------------------------------- correcting the account


def update_account(user: User, full_name: str, locale: str) -> None:
    """Correct the person's name and language."""
    full_name = full_name.strip()
    if not full_name:
        raise PrivacyError("name_required", "full_name")
    changed = [
        key
        for key, value in (("full_name", full_name[:120]), ("locale", locale))
        if getattr(user, key) != value
    ]
    if changed:
        user.full_name, user.locale = full_name[:120], locale
        record_event(user, "account.corrected", "user", user.id, fields=changed)
        db.session.flush()


# ---------------------------------------------------------------- the data download


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _columns(obj, skip: tuple[str, ...] = ()) -> dict:
    return {
        c.key: _plain(getattr(obj, c.key))
        for c in obj.__table__.columns
        if c.key not in skip and c.key != "version"
    }


def _safe_name(name: str | None, fallback: str) -> str:
    cleaned = re.sub(r"[^\w.\- ]+", "_", (name or "").rsplit("/", 1)[-1]).strip(" .")
    return cleaned[-120:] or fallback


def _subjects(user: User) -> dict[str, list[int]]:
    """Every audit subject that is about the person."""
    subjects: dict[str, list[int]] = {"user": [user.id]}
    profile = user.candidate_profile
    if profile is not None:
        subjects["candidate"] = [profile.id]
        subjects["application"] = list(
            db.session.execute(
                db.select(Application.id).where(Application.candidate_id == profile.id)
            ).scalars()
        )
        subjects["funding_request"] = list(
            db.session.execute(
                db.select(FundingRequest.id).where(FundingRequest.candidate_id == profile.id)
            ).scalars()
        )
        subjects["case_file"] = list(
            db.session.execute(
                db.select(CaseFile.id).where(CaseFile.candidate_id == profile.id)
            ).scalars()
        )
    subjects["human_review"] = list(
        db.session.execute(
            db.select(HumanReviewRequest.id).where(HumanReviewRequest.user_id == user.id)
        ).scalars()
    )
    return {k: v for k, v in subjects.items() if v}


def access_log(user: User) -> list[dict]:
    """Every audit entry about the person: what, when, and who (name and role)."""
    subjects = _subjects(user)
    where = or_(
        *(
            and_(AuditEvent.subject_type == kind, AuditEvent.subject_id.in_(ids))
            for kind, ids in subjects.items()
        )
    )
    rows = db.session.execute(
        db.select(AuditEvent, User)
        .outerjoin(User, AuditEvent.actor_id == User.id)
        .where(where)
        .order_by(AuditEvent.id)
    ).all()
    return [
        {
            "when": _plain(event.created_at),
            "action": event.action,
            "subject": {"type": event.subject_type, "id": event.subject_id},
            "by": (
                {
                    "name": actor.full_name,
                    "role": actor.role.value,
                    "you": actor.id == user.id,
                }
                if actor is not None
                else {"name": "", "role": "system", "you": False}
            ),
            "detail": event.detail or {},
        }
        for event, actor in rows
    ]


def _job(job: Job) -> dict:
    return {
        "id": job.id,
        "title_fr": job.title_fr,
        "title_en": job.title_en,
        "organisation": job.organisation.name,
        "region": job.region_code,
    }


def _applications(profile: CandidateProfile) -> list[dict]:
    apps = db.session.execute(
        db.select(Application)
        .where(Application.candidate_id == profile.id)
        .order_by(Application.id)
    ).scalars()
    out = []
    for application in apps:
        requests = db.session.execute(
            db.select(InterviewRequest, InterviewSlot)
            .outerjoin(InterviewSlot, InterviewSlot.request_id == InterviewRequest.id)
            .where(InterviewRequest.application_id == application.id)
            .order_by(InterviewRequest.id)
        ).all()
        out.append(
            {
                **_columns(application, skip=("candidate_id",)),
                "job": _job(application.job),
                "events": [
                    {
                        "from": _plain(e.from_status),
                        "to": _plain(e.to_status),
                        "when": _plain(e.created_at),
                        "by_role": e.actor.role.value if e.actor else "system",
                        "note": e.note,
                    }
                    for e in application.events
                ],
                "interviews": [
                    {
                        "session_day": _plain(req.session.day),
                        "status": _plain(req.status),
                        "proposed_at": _plain(req.created_at),
                        "answered_at": _plain(req.responded_at),
                        # The candidate's side only: the employer's decision and note are theirs.
                        "slot": (
                            {
                                "starts_at": _plain(slot.starts_at),
                                "ends_at": _plain(slot.ends_at),
                                "status": _plain(slot.status),
                                "your_decision": slot.candidate_decision,
                                "your_note": slot.candidate_note,
                            }
                            if slot is not None
                            else None
                        ),
                    }
                    for req, slot in requests
                ],
            }
        )
    return out


def _funding(profile: CandidateProfile, user: User, files: list) -> list[dict]:
    reqs = db.session.execute(
        db.select(FundingRequest)
        .where(FundingRequest.candidate_id == profile.id)
        .order_by(FundingRequest.id)
    ).scalars()
    out = []
    for req in reqs:
        receipts = []
        for receipt in req.receipts:
            name = f"files/receipts/{receipt.id}-{_safe_name(receipt.filename, 'receipt')}"
            files.append((name, receipt.file_key))
            receipts.append(
                {
                    "filename": receipt.filename,
                    "type": receipt.mime,
                    "size": receipt.size,
                    "uploaded_at": _plain(receipt.uploaded_at),
                    "file": name,
                }
            )
        out.append(
            {
                **_columns(
                    req,
                    skip=(
                        "candidate_id",
                        "policy_id",
                        "origin_id",
                        "destination_id",
                        "decided_by_id",
                    ),
                ),
                "partner": req.partner.name if req.partner else None,
                "origin": req.origin.name,
                "destination": req.destination.name,
                "destination_region": req.destination.region_code,
                "policy_number": req.policy.number,
                "checklist": [
                    {
                        "question": i.question,
                        "answer": i.answer,
                        "asked_at": _plain(i.asked_at),
                        "answered_at": _plain(i.answered_at),
                    }
                    for i in req.info_items
                ],
                "messages": [
                    {
                        "from": "you" if m.author_id == user.id else "advisor",
                        "body": m.body,
                        "when": _plain(m.created_at),
                    }
                    for m in req.messages
                ],
                "receipts": receipts,
            }
        )
    return out


def _case_file(profile: CandidateProfile) -> dict | None:
    case = db.session.execute(
        db.select(CaseFile).where(CaseFile.candidate_id == profile.id)
    ).scalar_one_or_none()
    if case is None:
        return None
    return {
        "partner": case.partner.name,
        "region": case.region_code,
        "created_at": _plain(case.created_at),
        "next_contact_on": _plain(case.next_contact_on),
        "next_contact_note": case.next_contact_note,
        "steps": [
            {"step": s.step.value, "done_on": _plain(s.done_on), "not_applicable": s.not_applicable}
            for s in case.steps
        ],
        "check_ins": [
            {
                **_columns(c, skip=("id", "case_id", "application_id", "answered_by_id")),
                "job": _job(c.application.job),
            }
            for c in case.check_ins
        ],
        "notes": [{"when": _plain(n.created_at), "text": n.body} for n in case.notes],
    }


def _profile(profile: CandidateProfile, files: list) -> dict:
    data = _columns(profile, skip=("user_id", "cv_key"))
    data["occupations"] = [
        {"noc": o.noc, "title_fr": o.title_fr, "title_en": o.title_en} for o in profile.occupations
    ]
    data["regions"] = [r.code for r in profile.regions]
    if profile.cv_key:
        name = f"files/cv/{_safe_name(profile.cv_filename, 'cv')}"
        files.append((name, profile.cv_key))
        data["cv_file"] = name
    return data


def collect_data(user: User) -> tuple[dict, list[tuple[str, str]]]:
    """Everything held about the person, and the stored files to add as (name in ZIP, key)."""
    files: list[tuple[str, str]] = []
    data: dict = {
        "generated_at": _plain(utcnow()),
        "account": _columns(
            user,
            skip=(
                "password_hash",
                "session_version",
                "totp_secret",
                "totp_last_counter",
                "recovery_codes",
                "partner_organisation_id",
            ),
        ),
    }
    data["account"]["two_factor"] = user.totp_enabled_at is not None
    if user.partner_organisation is not None:
        data["partner_organisation"] = user.partner_organisation.name
    if user.membership is not None:
        m = user.membership
        data["organisation_membership"] = {
            "organisation": m.organisation.name,
            "neq": m.organisation.neq,
            "role": m.role.value,
            "status": m.status.value,
            "since": _plain(m.created_at),
        }
    profile = user.candidate_profile
    if profile is not None:
        data["candidate_profile"] = _profile(profile, files)
        data["applications"] = _applications(profile)
        data["funding_requests"] = _funding(profile, user, files)
        data["case_file"] = _case_file(profile)
    with force_locale(user.locale):
        data["notifications"] = [
            {
                "text": render_notification(n),
                "link": n.link,
                "created_at": _plain(n.created_at),
                "read_at": _plain(n.read_at),
            }
            for n in db.session.execute(
                db.select(Notification)
                .where(Notification.user_id == user.id)
                .order_by(Notification.id)
            ).scalars()
        ]
    data["consent_records"] = [
        {"purpose": r.purpose.value, "given": r.given, "policy_version": r.policy_version}
        | {"when": _plain(r.created_at)}
        for r in reversed(consent_history(user))
    ]
    data["human_review_requests"] = [
        {
            "message": r.message,
            "job": _job(r.job) if r.job else None,
            "status": r.status.value,
            "answer": r.answer,
            "created_at": _plain(r.created_at),
            "answered_at": _plain(r.answered_at),
        }
        for r in review_requests_of(user)
    ]
    data["access_log"] = access_log(user)
    return data, files


def export_data(user: User) -> io.BytesIO:
    """Build the ZIP of the person's data (data.json and files/), and log the download."""
    data, files = collect_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
        )
        for name, key in files:
            path = file_path(key)
            if path.exists():
                archive.write(path, name)
    record_event(user, "privacy.export", "user", user.id, files=len(files))
    db.session.flush()
    buffer.seek(0)
    return buffer


# ---------------------------------------------------------------- erasure


def can_self_delete(user: User) -> bool:
    """Candidates and employers delete their own accounts; an admin deactivates the others."""
    return user.role in (Role.CANDIDATE, Role.EMPLOYER)


def _deleted_label() -> dict[str, str]:
    texts = {}
    for locale in ("fr_CA", "en_CA"):
        with force_locale(locale):
            texts[locale[:2]] = _("Deleted account")
    return bilingual(texts["fr"], texts["en"])


# Notifications sent to other people that name a candidate in their parameters.
_NAMING_KINDS = (
    "application_received",
    "application_prequalified",
    "application_withdrawn",
    "application_to_review",
    "interview_scheduled_employer",
    "case_contact_due",
)


def _scrub_name_in_others_notifications(name: str) -> None:
    if not name:
        return
    label = _deleted_label()
    notes = db.session.execute(
        db.select(Notification).where(Notification.kind.in_(_NAMING_KINDS))
    ).scalars()
    for note in notes:
        if (note.params or {}).get("candidate") == name:
            note.params = {**note.params, "candidate": label}


def _erase_applications(profile: CandidateProfile, user: User, now: datetime) -> None:
    apps = list(
        db.session.execute(
            db.select(Application).where(Application.candidate_id == profile.id)
        ).scalars()
    )
    for application in apps:
        if not application.status.is_final:
            application.events.append(
                ApplicationEvent(
                    from_status=application.status,
                    to_status=ApplicationStatus.WITHDRAWN,
                    actor_id=user.id,
                )
            )
            application.status = ApplicationStatus.WITHDRAWN
        application.message = application.prequal_rationale = application.decline_note = ""
        for event in application.events:
            event.note = ""
    ids = [a.id for a in apps]
    if not ids:
        return
    for req in db.session.execute(
        db.select(InterviewRequest).where(InterviewRequest.application_id.in_(ids))
    ).scalars():
        if req.status == RequestStatus.PROPOSED:
            req.status, req.responded_at = RequestStatus.DECLINED, now
    for slot in db.session.execute(
        db.select(InterviewSlot)
        .join(InterviewRequest, InterviewSlot.request_id == InterviewRequest.id)
        .where(InterviewRequest.application_id.in_(ids))
    ).scalars():
        if slot.status in (SlotStatus.PROPOSED, SlotStatus.CONFIRMED) and slot.starts_at > now:
            slot.status = SlotStatus.CANCELLED
        slot.candidate_note = ""


def _anonymise_funding(profile: CandidateProfile) -> None:
    reqs = db.session.execute(
        db.select(FundingRequest).where(FundingRequest.candidate_id == profile.id)
    ).scalars()
    for req in list(reqs):
        for receipt in req.receipts:
            delete_file(receipt.file_key)
        if req.status not in KEPT_FUNDING:
            db.session.delete(req)
            continue
        # Kept for the accounting rules: amounts, dates, partner, destination region, status and
        # payment reference. The free text, the receipts and the departure city go.
        req.receipts.clear()
        req.note = req.decision_reason = ""
        req.origin_id = req.destination_id
        for item in req.info_items:
            item.answer = ""
        for message in req.messages:
            message.body = ""


def _erase_case_file(profile: CandidateProfile) -> None:
    case = db.session.execute(
        db.select(CaseFile).where(CaseFile.candidate_id == profile.id)
    ).scalar_one_or_none()
    if case is None:
        return
    db.session.execute(delete(CaseNote).where(CaseNote.case_id == case.id))
    case.next_contact_on, case.next_contact_note = None, ""
    for check_in in case.check_ins:
        check_in.comment = ""


_BLANK_PROFILE = {
    "phone": "",
    "country": "",
    "city": "",
    "timezone": "America/Montreal",
    "arrival_date": None,
    "work_status": None,
    "permit_expiry": None,
    "french_level": None,
    "english_level": None,
    "education_level": None,
    "education_field": "",
    "credential_recognition": None,
    "experience_years": None,
    "desired_titles": [],
    "skills": [],
    "regions_anywhere": False,
    "household": None,
    "children_count": 0,
    "partner_occupation": "",
    "partner_skills": [],
    "partner_french_level": None,
    "partner_english_level": None,
    "availability_date": None,
    "summary": "",
    "external_id": None,
    "cv_key": None,
    "cv_filename": None,
    "cv_mime": None,
    "cv_size": None,
    "cv_uploaded_at": None,
    "consent_staff_review_at": None,
    "consent_employer_display_at": None,
}


def _erase_profile(profile: CandidateProfile, user: User, now: datetime) -> None:
    delete_file(profile.cv_key)
    for key, value in _BLANK_PROFILE.items():
        setattr(profile, key, value)
    profile.occupations, profile.regions = [], []
    db.session.execute(delete(MatchResult).where(MatchResult.candidate_id == profile.id))
    _erase_applications(profile, user, now)
    _anonymise_funding(profile)
    _erase_case_file(profile)


def erase_account(user: User, reason: str = "request") -> None:
    """Erase or anonymise the person's data at once and end every session of the account.

    Kept: the anonymised account row (so that references hold), application statuses and their
    history without text, case-file steps and check-in answers without comments, funding
    records that carry money (anonymised) and the audit log.
    """
    if user.deleted_at is not None:
        return
    now = utcnow()
    old_email, old_name = user.email, user.full_name
    if user.candidate_profile is not None:
        _erase_profile(user.candidate_profile, user, now)
    if user.membership is not None:
        user.membership = None  # delete-orphan: the organisation itself stays
    for model, column in (
        (Notification, Notification.user_id),
        (ConsentRecord, ConsentRecord.user_id),
        (HumanReviewRequest, HumanReviewRequest.user_id),
    ):
        db.session.execute(delete(model).where(column == user.id))
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == old_email))
    db.session.execute(delete(EmployerInvitation).where(EmployerInvitation.email == old_email))
    sessions.end_all(user)  # every open session, and the cookies' session version
    _scrub_name_in_others_notifications(old_name)
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.full_name = ""
    # Not an argon2 hash: no password can ever match it.
    user.password_hash = "!deleted-" + secrets.token_hex(16)
    user.active = False
    user.deleted_at = now
    user.email_verified_at = user.retention_warned_at = None
    user.privacy_consent_at = user.privacy_consent_version = None
    user.totp_secret = user.totp_enabled_at = None
    user.recovery_codes = []
    record_event(
        user if reason == "request" else None, "privacy.erased", "user", user.id, reason=reason
    )
    db.session.flush()


def delete_own_account(user: User, password: str) -> None:
    """Erase the signed-in person's account once their password is confirmed."""
    from app.security import verify_password

    if not can_self_delete(user):
        raise PrivacyError("not_allowed")
    ok, _new_hash = verify_password(user.password_hash, password or "")
    if not ok:
        raise PrivacyError("wrong_password", "password")
    erase_account(user, reason="request")


# ---------------------------------------------------------------- retention


@dataclass
class PurgeReport:
    warned: int = 0
    erased: int = 0
    funding_deleted: int = 0


def _months_before(moment: datetime, months: int) -> datetime:
    return datetime.combine(add_months(moment.date(), -months), moment.timetz())


def purge(now: datetime | None = None) -> PurgeReport:
    """Apply the retention policy: warn then erase inactive candidates; drop old funding records."""
    now = now or utcnow()
    report = PurgeReport()
    inactive_since = _months_before(now, RETENTION.inactive_candidate_months)
    last_seen = db.func.coalesce(User.last_login_at, User.created_at)
    candidates = db.session.execute(
        db.select(User).where(
            User.role == Role.CANDIDATE, User.deleted_at.is_(None), last_seen <= inactive_since
        )
    ).scalars()
    for user in list(candidates):
        if user.retention_warned_at is None:
            _warn(user, now)
            report.warned += 1
        elif user.retention_warned_at <= now - timedelta(days=RETENTION.warning_days):
            erase_account(user, reason="retention")
            report.erased += 1
    report.funding_deleted = _purge_funding(now)
    db.session.flush()
    return report


def _warn(user: User, now: datetime) -> None:
    user.retention_warned_at = now
    erase_on = (now + timedelta(days=RETENTION.warning_days)).date()
    send_mail(
        user.email,
        "retention_warning",
        user.locale,
        user=user,
        months=RETENTION.inactive_candidate_months,
        erase_on=erase_on,
        link=external_url("auth.login"),
    )
    record_event(None, "privacy.retention_warning", "user", user.id)


def _purge_funding(now: datetime) -> int:
    limit_day = add_months(now.astimezone(PROGRAM_TZ).date(), -12 * RETENTION.funding_years)
    limit_moment = _months_before(now, 12 * RETENTION.funding_years)
    old = db.session.execute(
        db.select(FundingRequest)
        .join(CandidateProfile, FundingRequest.candidate_id == CandidateProfile.id)
        .join(User, CandidateProfile.user_id == User.id)
        .where(
            User.deleted_at.is_not(None),
            or_(
                FundingRequest.paid_on <= limit_day,
                and_(FundingRequest.paid_on.is_(None), FundingRequest.updated_at <= limit_moment),
            ),
        )
    ).scalars()
    count = 0
    for req in list(old):
        record_event(None, "privacy.funding_purged", "funding_request", req.id)
        db.session.delete(req)
        count += 1
    return count


# ---------------------------------------------------------------- human review of rankings


def request_review(user: User, message: str, job: Job | None = None) -> HumanReviewRequest:
    """File a candidate's request for a person to review their automated ranking; tell staff."""
    if user.role != Role.CANDIDATE:
        raise PrivacyError("not_candidate")
    review = HumanReviewRequest(user_id=user.id, job_id=job.id if job else None)
    review.message = message.strip()[:2000]
    db.session.add(review)
    db.session.flush()
    record_event(user, "review.requested", "human_review", review.id)
    staff = db.session.execute(
        db.select(User).where(User.role.in_([Role.STAFF, Role.ADMIN]), User.active.is_(True))
    ).scalars()
    for member in staff:
        notify(member, "review_requested", site_path("privacy.staff_privacy"), number=review.id)
    return review


def review_requests_of(user: User) -> list[HumanReviewRequest]:
    """The person's review requests, newest first."""
    return _newest_first(HumanReviewRequest, user)


def review_queue(limit: int = 50) -> list[HumanReviewRequest]:
    """Open requests first (oldest first), then the latest answered ones."""
    # The page shows each request's person, job and employer: load them with the list.
    shown = (
        selectinload(HumanReviewRequest.user),
        selectinload(HumanReviewRequest.job).selectinload(Job.organisation),
    )
    waiting = db.session.execute(
        db.select(HumanReviewRequest)
        .options(*shown)
        .where(HumanReviewRequest.status == ReviewStatus.OPEN)
        .order_by(HumanReviewRequest.id)
    ).scalars()
    answered = db.session.execute(
        db.select(HumanReviewRequest)
        .options(*shown)
        .where(HumanReviewRequest.status == ReviewStatus.ANSWERED)
        .order_by(HumanReviewRequest.answered_at.desc())
        .limit(limit)
    ).scalars()
    return [*waiting, *answered]


def answer_review(review: HumanReviewRequest, staff: User, answer: str) -> None:
    """Answer a review request; the candidate is told."""
    answer = answer.strip()
    if not answer:
        raise PrivacyError("answer_required", "answer")
    review.answer = answer[:4000]
    review.status, review.answered_by_id, review.answered_at = (
        ReviewStatus.ANSWERED,
        staff.id,
        utcnow(),
    )
    db.session.flush()
    record_event(staff, "review.answered", "human_review", review.id)
    if review.user.active:
        notify(review.user, "review_answered", site_path("privacy.account_privacy"))


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
