"""Consents: what the person agreed to, its history, and correcting the account."""

from app.audit import record_event
from app.blueprints.candidates.services import get_profile, set_consents
from app.blueprints.privacy.policy import PrivacyError
from app.extensions import db
from app.models import (
    ConsentPurpose,
    ConsentRecord,
    Role,
    User,
)

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
