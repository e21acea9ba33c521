"""The audit log as people read it: translated actions, subjects, field names and values.

The log stores codes (`funding.approved`, `case_file`, `approved_cents`) and a JSON detail; the
administrator's page shows them through these labels, in the reader's language, with dates and
amounts formatted by the Babel helpers and booleans as Yes / No. An unknown code (a future
action not labelled yet) is shown as is rather than hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.i18n import cents, long_date, number
from app.models import AuditEvent
from app.models.applications import DeclineReason
from app.models.followup import CaseStep
from app.models.funding import FundingStatus
from app.models.orgs import VettingStatus
from app.models.privacy import ConsentPurpose

ACTIONS = {
    "account.corrected": _l("Account information corrected"),
    "account.email_changed": _l("Email address changed"),
    "account.password_changed": _l("Password changed"),
    "account.signup_attempt": _l("Sign-up attempted with an existing address"),
    "account.two_factor_off": _l("Two-step verification turned off"),
    "account.two_factor_on": _l("Two-step verification turned on"),
    "account.viewed": _l("Account viewed"),
    "admin.activated": _l("Account reactivated"),
    "admin.deactivated": _l("Account deactivated"),
    "admin.sessions_ended": _l("Sessions ended"),
    "case.assigned": _l("Case file assigned to an advisor"),
    "case.check_in": _l("Check-in answered"),
    "case.next_contact": _l("Next contact date set"),
    "case.note": _l("Case note added"),
    "case.steps": _l("Checklist steps updated"),
    "case.viewed": _l("Case file viewed"),
    "consent_changed": _l("Consent changed"),
    "conversation.attachment_moderated": _l("Attachment opened for moderation"),
    "conversation.moderated": _l("Conversation read for moderation"),
    "conversation.report_handled": _l("Reported message handled"),
    "cv_viewed": _l("CV viewed"),
    "decline_message.edited": _l("Decline wording edited"),
    "funding.document_viewed": _l("Funding document viewed"),
    "funding.policy": _l("Travel funding policy changed"),
    "funding.reassigned": _l("Funding request reassigned"),
    "funding.receipt": _l("Receipt added"),
    "funding.receipt_viewed": _l("Receipt viewed"),
    "funding.submitted": _l("Funding request submitted"),
    "funding.viewed": _l("Funding request viewed"),
    "incident.recorded": _l("Confidentiality incident recorded"),
    "incident.updated": _l("Confidentiality incident updated"),
    "interview.room_entered": _l("Interview room entered"),
    "match.invited": _l("Candidate invited to apply"),
    "organisation.vetted": _l("Organization vetted"),
    "privacy.erased": _l("Account erased"),
    "privacy.export": _l("Personal data downloaded"),
    "privacy.funding_purged": _l("Funding request deleted at the end of its retention period"),
    "privacy.retention_warning": _l("Warned before deletion for inactivity"),
    "profile_viewed": _l("Candidate profile viewed"),
    "region.organisation_added": _l("Organization added to a region's directory"),
    "region.organisation_removed": _l("Organization removed from a region's directory"),
    "review.answered": _l("Human review answered"),
    "review.requested": _l("Human review requested"),
}

# The first part of an action code, for the filter.
FAMILIES = {
    "account": _l("Accounts"),
    "admin": _l("Account administration"),
    "case": _l("Case files"),
    "consent_changed": _l("Consents"),
    "conversation": _l("Conversations"),
    "cv_viewed": _l("CV"),
    "decline_message": _l("Decline wording"),
    "funding": _l("Travel funding"),
    "incident": _l("Confidentiality incidents"),
    "interview": _l("Interviews"),
    "match": _l("Matching"),
    "organisation": _l("Organization vetting"),
    "privacy": _l("Privacy"),
    "profile_viewed": _l("Candidate profiles"),
    "region": _l("Regions"),
    "review": _l("Human reviews"),
}

SUBJECTS = {
    "candidate": _l("Candidate profile"),
    "case_file": _l("Case file"),
    "conversation": _l("Conversation"),
    "decline_message": _l("Decline wording"),
    "employer_organisation": _l("Employer organization"),
    "funding_policy": _l("Travel funding policy"),
    "funding_request": _l("Funding request"),
    "human_review": _l("Human review"),
    "incident": _l("Confidentiality incident"),
    "interview_slot": _l("Interview"),
    "local_organisation": _l("Local organization"),
    "user": _l("Account"),
}

FIELDS = {
    "status": _l("State"),
    "partner_id": _l("Partner organisation"),
    "requested_cents": _l("Amount requested"),
    "approved_cents": _l("Amount approved"),
    "decision_reason": _l("Reason for the decision"),
    "paid_cents": _l("Amount paid"),
    "paid_on": _l("Paid on"),
    "payment_reference": _l("Payment reference"),
    "rate_per_km_cents": _l("Rate per kilometre"),
    "road_factor_permille": _l("Road distance factor (per thousand)"),
    "bus_cap_cents": _l("Bus ceiling"),
    "train_cap_cents": _l("Train ceiling"),
    "plane_cap_cents": _l("Plane ceiling"),
    "lodging_cap_cents": _l("Lodging ceiling per night"),
    "meal_per_diem_cents": _l("Meal allowance per day"),
    "trip_cap_cents": _l("Ceiling per trip"),
    "trips_per_year": _l("Trips per year"),
    "response_days": _l("Response time (days)"),
    "decision": _l("Decision"),
    "reason": _l("Reason"),
    "neq_found": _l("NEQ found in the enterprise register"),
    "outside_montreal": _l("Outside Montréal"),
    "contact_reached": _l("Contact person reached"),
    "jobs_closed": _l("Jobs closed"),
    "job": _l("Job"),
    "organisation": _l("Organization"),
    "application": _l("Application"),
    "note": _l("Note"),
    "report": _l("Report"),
    "attachment": _l("Attachment"),
    "receipt": _l("Receipt"),
    "check_in": _l("Check-in"),
    "count": _l("Number"),
    "files": _l("Files"),
    "fields": _l("Fields"),
    "purpose": _l("Purpose"),
    "full_name": _l("Full name"),
    "locale": _l("Language"),
    "still_employed": _l("Still employed"),
    "still_in_region": _l("Still in the region"),
    "advisor": _l("Advisor"),
    "next_contact_on": _l("Next contact"),
    # Consents, by purpose: short names (their full wording is a sentence on the consent page).
    "staff_review": _l("Consent to review by the program team"),
    "employer_display": _l("Consent to be shown to employers"),
    "testimonial": _l("Consent to the testimonial"),
}

# Codes stored as values, by field.
VALUES = {
    "purpose": {"moderation": _l("Moderation")},
    "locale": {"fr_CA": "Français", "en_CA": "English"},
}
ERASURE_REASONS = {"request": _l("at the person's request"), "retention": _l("inactivity")}
# Actions whose before/after are one value, not a dict of fields: the field they are about.
SCALAR_CHANGES = {"case.assigned": "advisor", "case.next_contact": "next_contact_on"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IDS = {"job", "organisation", "application", "note", "report", "attachment", "receipt"}
IDS |= {"check_in", "partner_id", "advisor"}


@dataclass(frozen=True)
class Detail:
    """One line of an entry's details: a field and its value, or its value before and after."""

    field: str
    value: str | None = None
    before: str | None = None
    after: str | None = None

    @property
    def changed(self) -> bool:
        return self.value is None


def action_label(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    family, _dot, rest = code.partition(".")
    if family == "funding" and rest in FundingStatus.__members__.values():
        return _("Funding request moved to: %(status)s", status=FundingStatus(rest).label)
    return code


def family_label(code: str) -> str:
    return str(FAMILIES.get(code, code))


def subject_label(code: str) -> str:
    return str(SUBJECTS.get(code, code))


def field_label(key: str) -> str:
    if key in FIELDS:
        return str(FIELDS[key])
    if key in ConsentPurpose.__members__.values():
        return ConsentPurpose(key).label
    if key in CaseStep.__members__.values():
        return CaseStep(key).label
    return key


def value_text(key: str, value, action: str = "") -> str:
    """A stored value as a person reads it, in the current language."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        if key == "fields":
            return ", ".join(field_label(v) for v in value)
        return ", ".join(value_text(key, v, action) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            _("%(field)s: %(value)s", field=field_label(k), value=value_text(k, v, action))
            for k, v in value.items()
        )
    if key.endswith("_cents") and isinstance(value, int):
        return cents(value)
    if key in IDS and isinstance(value, int):
        return _("No. %(number)s", number=value)
    if isinstance(value, int | float):
        return number(value)
    text = str(value)
    if ISO_DAY.match(text):
        try:
            return long_date(date.fromisoformat(text))
        except ValueError:
            return text
    if key == "status" and text in FundingStatus.__members__.values():
        return FundingStatus(text).label
    if key == "decision" and text in VettingStatus.__members__.values():
        return VettingStatus(text).label
    if key == "reason" and action == "privacy.erased" and text in ERASURE_REASONS:
        return str(ERASURE_REASONS[text])
    if key == "reason" and action == "decline_message.edited":
        if text in DeclineReason.__members__.values():
            return DeclineReason(text).label
    if key in VALUES and text in VALUES[key]:
        return str(VALUES[key][text])
    return text


def details(event: AuditEvent) -> list[Detail]:
    """The entry's detail, field by field; for a change, only the fields that changed."""
    detail = dict(event.detail or {})
    before, after = detail.pop("before", None), detail.pop("after", None)
    lines: list[Detail] = []
    if event.action == "case.check_in" and isinstance(after, list):
        keys = ("still_employed", "still_in_region")
        before = dict(zip(keys, before or [None, None], strict=False))
        after = dict(zip(keys, after, strict=False))
    if event.action in SCALAR_CHANGES and not isinstance(after, dict):
        key = SCALAR_CHANGES[event.action]
        before, after = {key: before}, {key: after}
    if isinstance(after, dict):
        old = before if isinstance(before, dict) else {}
        for key, new in after.items():
            if before is None:
                if new is not None and new != "":  # a new record: only what it holds
                    lines.append(Detail(field_label(key), value=value_text(key, new, event.action)))
            elif old.get(key) != new:
                lines.append(
                    Detail(
                        field_label(key),
                        before=value_text(key, old.get(key), event.action),
                        after=value_text(key, new, event.action),
                    )
                )
    for key, value in detail.items():
        lines.append(Detail(field_label(key), value=value_text(key, value, event.action)))
    return lines
