"""The data download: everything held about a person, as data.json and their files."""

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_
from sqlalchemy.orm import joinedload

from app.audit import record_event
from app.blueprints.privacy.consents import consent_history
from app.blueprints.privacy.reviews import review_requests_of
from app.extensions import db
from app.models import (
    Application,
    AuditEvent,
    AvailabilityParty,
    CandidateProfile,
    CaseFile,
    Conversation,
    ConversationMessage,
    DigestItem,
    EmployerMembership,
    FundingRequest,
    HumanReviewRequest,
    InterviewAvailability,
    InterviewRequest,
    InterviewSlot,
    Job,
    JobAlert,
    JobAlertJob,
    MatchNotice,
    MessageReport,
    Notification,
    Role,
    SavedJob,
    User,
    UserSession,
)
from app.models.base import utcnow
from app.notify import get_preferences, render_notification
from app.storage import file_path

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
        subjects["conversation"] = list(
            db.session.execute(
                db.select(Conversation.id).where(Conversation.candidate_id == profile.id)
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


def _about(user: User):
    """SQL condition: the audit entry is about the person (any of their subjects)."""
    return or_(
        *(
            and_(AuditEvent.subject_type == kind, AuditEvent.subject_id.in_(ids))
            for kind, ids in _subjects(user).items()
        )
    )


def access_log(user: User) -> list[dict]:
    """Every audit entry about the person: what, when, and who (name and role)."""
    where = _about(user)
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


# What each logged access was and why it happened, as the person reads it on their privacy page.
ACCESS_LABELS = {
    "match.shown": (
        _l("saw your anonymised profile among the matches of a job"),
        _l("finding candidates for a job (your name, contact details and CV stay hidden)"),
    ),
    "match.invited": (
        _l("invited you to apply to a job"),
        _l("finding candidates for a job (without learning who you are)"),
    ),
    "profile_viewed": (
        _l("saw your profile with your name"),
        _l("reviewing your application"),
    ),
    "cv_viewed": (_l("opened your CV"), _l("reviewing your application")),
    "funding.viewed": (
        _l("opened your travel funding request"),
        _l("deciding on the funding of your trip"),
    ),
    "funding.receipt_viewed": (_l("opened one of your receipts"), _l("paying your trip")),
    "funding.document_viewed": (
        _l("opened a document you sent for your travel funding request"),
        _l("deciding on the funding of your trip"),
    ),
    "case.viewed": (
        _l("opened your follow-up file"),
        _l("following your hiring and settlement (or overseeing that follow-up)"),
    ),
    "account.viewed": (_l("opened your account"), _l("account administration")),
    "conversation.moderated": (
        _l("read one of your conversations"),
        _l("moderating the messages exchanged on the portal"),
    ),
    "conversation.attachment_moderated": (
        _l("opened a file attached to one of your conversations"),
        _l("moderating the messages exchanged on the portal"),
    ),
}


@dataclass
class Disclosure:
    when: datetime
    who: str  # the organisation (employers, partners) or the person and role (program staff)
    what: str
    why: str


def disclosures(user: User, limit: int = 200) -> list[Disclosure]:
    """Who accessed the person's information, newest first: each organisation that saw their
    anonymised or identified profile or CV, each staff member or advisor who opened a file."""
    where = _about(user)
    rows = db.session.execute(
        db.select(AuditEvent, User)
        .join(User, AuditEvent.actor_id == User.id)
        .options(
            joinedload(User.membership).joinedload(EmployerMembership.organisation),
            joinedload(User.partner_organisation),
        )
        .where(where, AuditEvent.action.in_(ACCESS_LABELS), AuditEvent.actor_id != user.id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    ).all()
    out = []
    for event, actor in rows:
        what, why = ACCESS_LABELS[event.action]
        out.append(Disclosure(event.created_at, _who(actor), str(what), str(why)))
    return out


def _who(actor: User) -> str:
    if actor.role == Role.EMPLOYER:
        membership = actor.membership
        return membership.organisation.name if membership else str(_l("An employer"))
    if actor.role == Role.PARTNER and actor.partner_organisation is not None:
        return f"{actor.partner_organisation.name} ({actor.full_name})"
    return str(_l("%(name)s, program team", name=actor.full_name))


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
                "site_visit": (
                    {
                        "message": visit.message,
                        "status": _plain(visit.status),
                        "proposed_at": _plain(visit.created_at),
                        "answered_at": _plain(visit.responded_at),
                    }
                    if (visit := application.site_visit) is not None
                    else None
                ),
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
                "checklist": [_info_item(i, files) for i in req.info_items],
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


def _info_item(item, files: list) -> dict:
    out = {
        "question": item.question,
        "answer": item.answer,
        "asked_at": _plain(item.asked_at),
        "answered_at": _plain(item.answered_at),
    }
    if item.document_key:
        name = f"files/checklist/{item.id}-{_safe_name(item.document_name, 'document')}"
        files.append((name, item.document_key))
        out["document"] = {"filename": item.document_name, "type": item.document_mime, "file": name}
    return out


def _message(message: ConversationMessage, user: User, files: list) -> dict:
    out = {
        "from": "you" if message.author_id == user.id else message.side.value,
        "author": message.author.full_name if message.author else "",
        "body": message.body,
        "when": _plain(message.created_at),
        "attachments": [],
    }
    for a in message.attachments:
        name = f"files/messages/{a.id}-{_safe_name(a.filename, 'attachment')}"
        files.append((name, a.file_key))
        out["attachments"].append({"filename": a.filename, "type": a.mime, "file": name})
    return out


def _conversations(user: User, files: list) -> list[dict]:
    """A candidate's conversations whole (they are about them); for anyone else, the messages
    they wrote, with whom."""
    profile = user.candidate_profile
    if profile is not None:
        mine = Conversation.candidate_id == profile.id
    else:
        mine = Conversation.id.in_(
            db.select(ConversationMessage.conversation_id).where(
                ConversationMessage.author_id == user.id
            )
        )
    out = []
    for c in db.session.execute(
        db.select(Conversation).where(mine).order_by(Conversation.id)
    ).scalars():
        messages = [m for m in c.messages if profile is not None or m.author_id == user.id]
        out.append(
            {
                "with": c.organisation.name if c.organisation else c.case.partner.name,
                "candidate": c.candidate.display_name if profile is None else "you",
                "created_at": _plain(c.created_at),
                "messages": [_message(m, user, files) for m in messages],
                "reports": [
                    {"message_when": _plain(r.message.created_at), "reason": r.reason}
                    for r in db.session.execute(
                        db.select(MessageReport)
                        .join(ConversationMessage)
                        .where(
                            MessageReport.reporter_id == user.id,
                            ConversationMessage.conversation_id == c.id,
                        )
                        .order_by(MessageReport.id)
                    ).scalars()
                ],
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
                "calendar_token",
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
        data["friday_proposals_from_matches"] = [
            {
                "session_day": _plain(r.session.day),
                "organisation": r.job.organisation.name if r.job else None,
                "status": _plain(r.status),
                "note": r.note,
                "proposed_at": _plain(r.created_at),
            }
            for r in db.session.execute(
                db.select(InterviewRequest)
                .where(
                    InterviewRequest.candidate_id == profile.id,
                    InterviewRequest.application_id.is_(None),
                )
                .order_by(InterviewRequest.id)
            ).scalars()
        ]
        data["friday_availability"] = [
            {
                "session": a.session_id,
                "from": _plain(a.starts_at),
                "to": _plain(a.ends_at),
            }
            for a in db.session.execute(
                db.select(InterviewAvailability)
                .where(
                    InterviewAvailability.party == AvailabilityParty.CANDIDATE,
                    InterviewAvailability.party_id == profile.id,
                )
                .order_by(InterviewAvailability.starts_at)
            ).scalars()
        ]
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
    data["saved_jobs"] = [
        {"job": _job(s.job), "saved_at": _plain(s.created_at)}
        for s in db.session.execute(
            db.select(SavedJob).where(SavedJob.user_id == user.id).order_by(SavedJob.id)
        ).scalars()
    ]
    data |= _alerts_and_preferences(user)
    data["conversations"] = _conversations(user, files)
    data["access_log"] = access_log(user)
    data["sign_in_sessions"] = sign_in_sessions(user)
    return data, files


def sign_in_sessions(user: User) -> list[dict]:
    """The person's sign-in sessions: when each began, was last used and ended (the token's hash
    is a secret and stays out; no address or browser is recorded)."""
    return [
        {
            "created_at": _plain(s.created_at),
            "last_seen_at": _plain(s.last_seen_at),
            "ended_at": _plain(s.ended_at),
            "second_factor_at": _plain(s.two_factor_at),
        }
        for s in db.session.execute(
            db.select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id)
        ).scalars()
    ]


def _alerts_and_preferences(user: User) -> dict:
    """Job alerts (with the jobs each sent), notification preferences, pending digest items and
    the new-match notices sent to the person."""
    alerts = db.session.execute(
        db.select(JobAlert).where(JobAlert.user_id == user.id).order_by(JobAlert.id)
    ).scalars()
    out: dict = {"job_alerts": []}
    for alert in alerts:
        sent = db.session.execute(
            db.select(JobAlertJob).where(JobAlertJob.alert_id == alert.id).order_by(JobAlertJob.id)
        ).scalars()
        out["job_alerts"].append(
            {
                "name": alert.name,
                "keywords": alert.q,
                "region": alert.region,
                "occupation_group": alert.occupation_group,
                "job_type": alert.job_type,
                "meets_languages": alert.meets_languages,
                "welcome_commitments": list(alert.commitments or []),
                "frequency": alert.frequency.value,
                "created_at": _plain(alert.created_at),
                "last_run_at": _plain(alert.last_run_at),
                "jobs_sent": [{"job": _job(s.job), "sent_at": _plain(s.sent_at)} for s in sent],
            }
        )
    out["notification_preferences"] = [
        {"category": p.category, "portal": p.portal, "email": p.email.value}
        | ({"min_score": p.min_score} if p.category == "matches" else {})
        for p in get_preferences(user)
    ]
    out["digest_pending"] = [
        {"kind": i.kind, "link": i.link, "created_at": _plain(i.created_at)}
        for i in db.session.execute(
            db.select(DigestItem).where(DigestItem.user_id == user.id).order_by(DigestItem.id)
        ).scalars()
    ]
    profile = user.candidate_profile
    out["match_notices"] = (
        [
            {"job": n.job_id, "created_at": _plain(n.created_at)}
            for n in db.session.execute(
                db.select(MatchNotice)
                .where(MatchNotice.candidate_id == profile.id, MatchNotice.audience == "candidate")
                .order_by(MatchNotice.id)
            ).scalars()
        ]
        if profile is not None
        else []
    )
    return out


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
