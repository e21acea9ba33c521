"""Erasure: deleting an account and everything tied to it (some records kept anonymised)."""

import secrets
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, update

from app import sessions
from app.audit import record_event
from app.blueprints.privacy.policy import KEPT_FUNDING, PrivacyError
from app.extensions import db
from app.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ApplyInvitation,
    AvailabilityParty,
    CandidateProfile,
    CaseFile,
    CaseNote,
    ConsentRecord,
    ConversationMessage,
    ConversationRead,
    DigestItem,
    EmployerInvitation,
    FundingRequest,
    HumanReviewRequest,
    InterviewAvailability,
    InterviewChange,
    InterviewRequest,
    InterviewSlot,
    JobAlert,
    JobAlertJob,
    MatchNotice,
    MatchResult,
    MessageReport,
    Notification,
    NotificationPreference,
    OutboxMessage,
    RequestStatus,
    Role,
    SavedJob,
    SlotStatus,
    User,
)
from app.models.base import utcnow
from app.notify import bilingual
from app.storage import delete_file

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
    "interview_proposal_expired",
    "case_contact_due",
    "message_from_candidate",
)


def _scrub_name_in_others_notifications(name: str) -> None:
    if not name:
        return
    label = _deleted_label()
    for model in (Notification, DigestItem):  # digests not sent yet name them too
        notes = db.session.execute(db.select(model).where(model.kind.in_(_NAMING_KINDS))).scalars()
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
        if application.site_visit is not None:
            application.site_visit.message = ""
    # Friday proposals, those from the matches (no application yet) included; availability goes.
    for req in db.session.execute(
        db.select(InterviewRequest).where(InterviewRequest.candidate_id == profile.id)
    ).scalars():
        if req.status == RequestStatus.PROPOSED:
            req.status, req.responded_at = RequestStatus.DECLINED, now
        req.note = ""  # the employer's words about the person
    db.session.execute(
        db.update(InterviewChange)
        .where(InterviewChange.requested_by_id == user.id)
        .values(reason="")
    )
    db.session.execute(
        db.delete(InterviewAvailability).where(
            InterviewAvailability.party == AvailabilityParty.CANDIDATE,
            InterviewAvailability.party_id == profile.id,
        )
    )
    ids = [a.id for a in apps]
    if not ids:
        return
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
        for item in req.info_items:
            delete_file(item.document_key)
            item.document_key = item.document_mime = item.document_name = None
            item.document_size = None
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


def _erase_messages(user: User, now: datetime) -> None:
    """The person's own messages lose their text and files (the row stays, shown as written by
    a deleted account); the other side's messages stay theirs. Read marks go; a report they made
    stays in the moderation queue without their name."""
    for message in db.session.execute(
        db.select(ConversationMessage).where(ConversationMessage.author_id == user.id)
    ).scalars():
        for attachment in message.attachments:
            delete_file(attachment.file_key)
        message.attachments.clear()
        message.body, message.erased_at, message.author_id = "", now, None
    db.session.execute(delete(ConversationRead).where(ConversationRead.user_id == user.id))
    db.session.execute(
        update(MessageReport).where(MessageReport.reporter_id == user.id).values(reporter_id=None)
    )


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
    "permit_employer_name": "",
    "permit_employer_neq": "",
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
    "partner_work_status": None,
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
    db.session.execute(delete(ApplyInvitation).where(ApplyInvitation.candidate_id == profile.id))
    db.session.execute(delete(SavedJob).where(SavedJob.user_id == user.id))
    db.session.execute(delete(MatchNotice).where(MatchNotice.candidate_id == profile.id))
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
    _erase_messages(user, now)
    if user.membership is not None:
        user.membership = None  # delete-orphan: the organisation itself stays
    for model, column in (
        (Notification, Notification.user_id),
        (ConsentRecord, ConsentRecord.user_id),
        (HumanReviewRequest, HumanReviewRequest.user_id),
        (NotificationPreference, NotificationPreference.user_id),
        (DigestItem, DigestItem.user_id),
    ):
        db.session.execute(delete(model).where(column == user.id))
    alert_ids = db.select(JobAlert.id).where(JobAlert.user_id == user.id)
    db.session.execute(delete(JobAlertJob).where(JobAlertJob.alert_id.in_(alert_ids)))
    db.session.execute(delete(JobAlert).where(JobAlert.user_id == user.id))
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
    user.calendar_token = None  # the feed stops with the account
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
