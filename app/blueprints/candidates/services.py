"""Candidate profile operations."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from app.audit import record_event
from app.clock import add_months, today
from app.errors import DomainError, Problems, StaleError
from app.extensions import db
from app.models import (
    CandidateProfile,
    ConsentPurpose,
    ConsentRecord,
    CredentialRecognition,
    EducationLevel,
    Household,
    Job,
    JobStatus,
    Occupation,
    Region,
    User,
    WorkStatus,
)
from app.models.base import utcnow
from app.phones import is_valid_phone, normalise_phone
from app.storage import delete_file, save_file
from app.uploads import CV_TYPES, check_upload

CV_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ProfileData:
    phone: str = ""
    country: str = ""
    city: str = ""
    timezone: str = "America/Montreal"
    arrival_date: date | None = None
    work_status: WorkStatus | None = None
    permit_expiry: date | None = None
    permit_employer_name: str = ""
    permit_employer_neq: str = ""
    french_level: int | None = None
    english_level: int | None = None
    education_level: EducationLevel | None = None
    education_field: str = ""
    credential_recognition: CredentialRecognition | None = None
    experience_years: int | None = None
    occupation_codes: list[str] = field(default_factory=list)
    desired_titles: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    region_codes: list[str] = field(default_factory=list)
    regions_anywhere: bool = False
    household: Household | None = None
    children_count: int = 0
    partner_occupation: str = ""
    partner_skills: list[str] = field(default_factory=list)
    partner_french_level: int | None = None
    partner_english_level: int | None = None
    partner_work_status: WorkStatus | None = None
    availability_date: date | None = None
    summary: str = ""


def get_profile(user: User) -> CandidateProfile:
    """Return the candidate's profile, creating an empty (private) one on first use."""
    if user.candidate_profile is None:
        profile = CandidateProfile(user=user)
        db.session.add(profile)
        db.session.flush()
    return user.candidate_profile


EARLIEST_ARRIVAL = date(1940, 1, 1)
PERMITS = (WorkStatus.OPEN_WORK_PERMIT, WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT)


class ProfileError(DomainError):
    """A profile field that cannot be saved as given; `field` names it."""


def check_profile(data: ProfileData, today: date, current: CandidateProfile | None = None) -> None:
    """Raise every implausible field at once (imports and forms run the same rules).

    `current` is the saved profile: a date already saved is not refused for having passed since.
    """
    problems = Problems(ProfileError)
    if data.phone and not is_valid_phone(data.phone):
        problems.add("phone_invalid", "phone")
    if data.arrival_date is not None:
        if data.arrival_date < EARLIEST_ARRIVAL:
            problems.add("arrival_too_old", "arrival_date")
        elif data.arrival_date > add_months(today, 12):
            problems.add("arrival_too_far", "arrival_date")
    if data.permit_expiry is not None:
        if data.work_status in (WorkStatus.CITIZEN, WorkStatus.PERMANENT_RESIDENT):
            problems.add("expiry_without_permit", "permit_expiry")
        elif data.work_status in PERMITS and data.permit_expiry < today:
            problems.add("permit_expired", "permit_expiry")
        elif data.permit_expiry > add_months(today, 120):
            problems.add("permit_too_far", "permit_expiry")
    neq = "".join(c for c in data.permit_employer_neq if not c.isspace())
    if neq and not (neq.isdigit() and len(neq) == 10):
        problems.add("neq_invalid", "permit_employer_neq")
    saved = current.availability_date if current is not None else None
    available = data.availability_date
    if available and available < today and available != saved:
        problems.add("availability_past", "availability_date")
    problems.raise_any()


def update_profile(
    profile: CandidateProfile, data: ProfileData, version: int | None = None, on: date | None = None
) -> None:
    """Save the profile; raise StaleError if another tab saved it since the form was loaded, and
    the plausibility rules' errors (`check_profile`) all at once."""
    if version is not None and version != profile.version:
        raise StaleError()
    check_profile(data, on or today(), profile)
    data.phone = normalise_phone(data.phone)
    if data.work_status != WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT:
        data.permit_employer_name = data.permit_employer_neq = ""  # only a closed permit names one
    data.permit_employer_neq = "".join(data.permit_employer_neq.split())
    simple = {k: v for k, v in vars(data).items() if k not in ("occupation_codes", "region_codes")}
    for key, value in simple.items():
        setattr(profile, key, value)
    if data.household == Household.ALONE or data.household is None:
        profile.partner_occupation, profile.partner_skills = "", []
        profile.partner_french_level = profile.partner_english_level = None
        profile.partner_work_status = None
    profile.occupations = _load(Occupation, Occupation.noc, data.occupation_codes)
    profile.regions = [] if data.regions_anywhere else _load(Region, Region.code, data.region_codes)
    # Every save is stamped, a change of occupations or regions alone too (it updates no column
    # of the row): the stored matches and the cards shown of them go stale by this stamp.
    profile.updated_at = utcnow()
    db.session.flush()


def _load(model, column, keys: list[str]) -> list:
    if not keys:
        return []
    return list(db.session.execute(db.select(model).where(column.in_(keys))).scalars())


def store_cv(profile: CandidateProfile, stream: BinaryIO, filename: str) -> None:
    """Check and store a CV (PDF or DOCX, 5 MB at most), replacing the previous one."""
    checked = check_upload(stream, CV_TYPES, CV_MAX_BYTES, "cv")
    old = profile.cv_key
    profile.cv_key = save_file(stream, checked.extension)
    profile.cv_filename = (filename or f"cv.{checked.extension}")[-200:]
    profile.cv_mime = checked.mime
    profile.cv_size = checked.size
    profile.cv_uploaded_at = utcnow()
    db.session.flush()
    delete_file(old)


def remove_cv(profile: CandidateProfile) -> None:
    """Delete the stored CV."""
    delete_file(profile.cv_key)
    profile.cv_key = profile.cv_filename = profile.cv_mime = None
    profile.cv_size = profile.cv_uploaded_at = None


def set_consents(profile: CandidateProfile, staff_review: bool, employer_display: bool) -> None:
    """Give or withdraw each consent; a withdrawal takes effect at once."""
    now = utcnow()
    changes = {}
    if staff_review != profile.consents_to_staff_review:
        profile.consent_staff_review_at = now if staff_review else None
        changes["staff_review"] = staff_review
    if employer_display != profile.consents_to_employer_display:
        profile.consent_employer_display_at = now if employer_display else None
        changes["employer_display"] = employer_display
    if changes:
        record_event(profile.user, "consent_changed", "candidate", profile.id, **changes)
        # Every path that changes a consent leaves a versioned record (Law 25).
        if profile.user is not None:
            for purpose, given in changes.items():
                db.session.add(
                    ConsentRecord(
                        user_id=profile.user.id, purpose=ConsentPurpose(purpose), given=given
                    )
                )
            db.session.flush()


COMPLETENESS_ITEMS = [
    ("phone", _l("a phone number"), lambda p: bool(p.phone)),
    ("country", _l("where you live now"), lambda p: bool(p.country and p.city)),
    ("work_status", _l("your work status"), lambda p: p.work_status is not None),
    (
        "french_level",
        _l("your French and English levels"),
        lambda p: p.french_level is not None and p.english_level is not None,
    ),
    ("education_level", _l("your education"), lambda p: p.education_level is not None),
    ("experience_years", _l("your years of experience"), lambda p: p.experience_years is not None),
    ("occupation-search", _l("the occupations you are looking for"), lambda p: bool(p.occupations)),
    ("skills", _l("at least three skills"), lambda p: len(p.skills or []) >= 3),
    (
        "regions",
        _l("the regions where you would settle"),
        lambda p: p.regions_anywhere or bool(p.regions),
    ),
    ("availability_date", _l("when you can start"), lambda p: p.availability_date is not None),
    ("summary", _l("a short summary"), lambda p: len(p.summary or "") >= 40),
    ("cv", _l("your CV"), lambda p: p.cv_key is not None),
]


def completeness(profile: CandidateProfile) -> tuple[int, list[tuple[str, str]]]:
    """Return the percentage filled and the (anchor, label) of what is still missing."""
    missing = [
        (anchor, str(label)) for anchor, label, done in COMPLETENESS_ITEMS if not done(profile)
    ]
    percent = round(100 * (len(COMPLETENESS_ITEMS) - len(missing)) / len(COMPLETENESS_ITEMS))
    return percent, missing


def suggest_skills(profile: CandidateProfile, lang: str = "fr", limit: int = 12) -> list[str]:
    """Suggest skills for the candidate's occupations: those most asked for in published jobs,
    then the occupations' typical skills from the vocabulary, leaving out what they already list."""
    from app.matching.normalise import default_vocabulary

    codes = [o.noc for o in profile.occupations]
    if not codes:
        return []
    vocab = default_vocabulary()
    have = {vocab.skill_concept(s) or s.casefold() for s in profile.skills or []}
    rows = db.session.execute(
        db.select(Job.skills_required, Job.skills_nice)
        .where(Job.noc.in_(codes), Job.status == JobStatus.PUBLISHED)
        .order_by(Job.id.desc())
        .limit(300)
    ).all()
    counts: Counter[str] = Counter()
    for required, nice in rows:
        counts.update(s.strip() for s in (required or []) + (nice or []) if s.strip())
    suggestions: list[str] = []
    for text in [s for s, _ in counts.most_common()] + [
        vocab.skills[i].label(lang) for code in codes for i in vocab.occupation_skills.get(code, [])
    ]:
        key = vocab.skill_concept(text) or text.casefold()
        if key not in have:
            have.add(key)
            suggestions.append(text)
    return suggestions[:limit]


def record_cv_access(viewer: User, profile: CandidateProfile) -> None:
    """Log that someone other than the candidate opened their CV."""
    if profile.user_id != viewer.id:
        record_event(viewer, "cv_viewed", "candidate", profile.id)
