"""Notify people: an in-app notification and an email, each in the recipient's language."""

from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.mail import send_mail
from app.models import ApplicationStatus, DeclineReason, FundingStatus, Notification, User
from app.models.base import utcnow
from app.urls import public_link

# One line per kind, rendered in the reader's language each time it is shown.
NOTIFICATION_TEXTS = {
    "application_received": _l("New application from %(candidate)s for %(job)s."),
    "application_status": _l("Your application for %(job)s is now: %(status)s."),
    "application_declined": _l("Your application for %(job)s was not retained. Reason: %(reason)s"),
    "application_prequalified": _l("%(candidate)s was pre-qualified by the program for %(job)s."),
    "application_withdrawn": _l("%(candidate)s withdrew their application for %(job)s."),
    "job_expiring": _l(
        "Your job %(job)s closes on %(closing)s. Renew it in one click to keep it on the board."
    ),
    "invited_to_apply": _l("%(org)s invites you to apply to %(job)s."),
    "interview_proposed": _l(
        "%(org)s proposes a Friday interview on %(day)s for %(job)s. Please answer."
    ),
    "interview_scheduled": _l("Your interview with %(org)s for %(job)s: %(when)s."),
    "interview_scheduled_employer": _l("Interview with %(candidate)s for %(job)s: %(when)s."),
    "interview_reminder": _l("Reminder: interview for %(job)s, %(when)s."),
    "interview_moved": _l("Your interview for %(job)s was moved to %(when)s."),
    "freed_slot_offered": _l(
        "A Friday interview time freed up for %(job)s: %(when)s. The candidate can take it or"
        " decline it from the interviews page."
    ),
    "interview_scheduled_freed": _l("Your interview for %(job)s is confirmed: %(when)s."),
    "interview_change_asked": _l(
        "A change was asked for the interview for %(job)s on %(when)s; the program decides."
    ),
    "friday_nudge_employer": _l(
        "Friday session of %(day)s: you have open jobs and no candidate proposed yet. Proposals"
        " close on %(deadline)s."
    ),
    "friday_nudge_candidate": _l(
        "%(org)s is waiting for your answer to a Friday interview proposal. Answer before"
        " %(deadline)s."
    ),
    "interview_not_placed": _l(
        "Friday session of %(day)s: the interview for %(job)s could not be placed (%(why)s). If a"
        " time frees up, it may be offered for this interview."
    ),
    "interview_proposal_expired": _l(
        "%(candidate)s did not answer your Friday interview proposal for %(job)s (session of"
        " %(day)s): the proposal has expired."
    ),
    "interview_cancelled": _l("Your interview for %(job)s on %(when)s was cancelled."),
    "interview_booked": _l(
        "The program booked a Friday interview on %(day)s with %(org)s for %(job)s."
    ),
    "application_to_review": _l("New application to pre-qualify: %(candidate)s for %(job)s."),
    "site_visit_invited": _l("%(org)s invites you to visit its site about %(job)s. Please answer."),
    "site_visit_accepted": _l("%(candidate)s accepted your site visit invitation for %(job)s."),
    "site_visit_declined": _l("%(candidate)s declined your site visit invitation for %(job)s."),
    "funding_status": _l("Your travel funding request is now: %(funding_status)s."),
    "funding_submitted": _l("New travel funding request no. %(number)s to review."),
    "funding_answered": _l("The candidate answered your questions on request no. %(number)s."),
    "funding_receipts": _l("Receipts were sent for travel funding request no. %(number)s."),
    "funding_cancelled": _l(
        "Travel funding request no. %(number)s was cancelled by the candidate."
    ),
    "funding_message": _l("New message on travel funding request no. %(number)s."),
    "case_contact_due": _l("Follow-up: contact %(candidate)s is due."),
    "check_in_due": _l(
        "%(org)s asks how things are going, %(months)s months after your hiring. Please answer."
    ),
    "review_requested": _l(
        "A candidate asks for a human review of an automated ranking (request no. %(number)s)."
    ),
    "review_answered": _l("The program team answered your request for a human review."),
}


def bilingual(fr: str, en: str) -> dict[str, str]:
    """Wrap a text that exists in both languages, for storage in notification parameters."""
    return {"fr": fr or en, "en": en or fr}


def localised_params(params: dict) -> dict:
    """Resolve stored parameters into text in the current language."""
    lang = str(get_locale() or "fr")[:2]
    out = {}
    for key, value in params.items():
        if isinstance(value, dict):
            out[key] = value.get(lang) or next(iter(value.values()), "")
        elif key == "status":
            out[key] = ApplicationStatus(value).label
        elif key == "funding_status":
            out[key] = FundingStatus(value).label
        elif key == "reason":
            out[key] = DeclineReason(value).label
        else:
            out[key] = value
    return out


def render_notification(note: Notification) -> str:
    """Return the notification's text in the current language."""
    return str(NOTIFICATION_TEXTS[note.kind]) % localised_params(note.params)


def notify(
    user: User,
    kind: str,
    path: str,
    email: bool = True,
    attachments: list[dict] | None = None,
    **params,
) -> Notification:
    """Record an in-app notification for the user and email it in their language."""
    if kind not in NOTIFICATION_TEXTS:
        raise KeyError(kind)
    note = Notification(user_id=user.id, kind=kind, params=params, link=path)
    db.session.add(note)
    if email and user.active:
        with force_locale(user.locale):
            summary = render_notification(note)
        send_mail(
            user.email,
            "notification",
            user.locale,
            attachments=attachments,
            user=user,
            summary=summary,
            link=public_link(path),
        )
    return note


def unread_count(user: User) -> int:
    """Count the user's unread notifications."""
    return db.session.execute(
        db.select(db.func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    ).scalar_one()


def list_notifications(user: User, limit: int = 50) -> list[Notification]:
    """Return the user's latest notifications, newest first."""
    return list(
        db.session.execute(
            db.select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id.desc())
            .limit(limit)
        ).scalars()
    )


def mark_all_read(user: User) -> None:
    """Mark every notification of the user as read."""
    db.session.execute(
        db.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
