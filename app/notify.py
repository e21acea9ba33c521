"""Notify people: an in-app notification and an email, each in the recipient's language.

Every notification belongs to a category (CATEGORY_OF_KIND); the person's preferences for that
category say whether it shows in the portal and whether its email goes right away, waits for the
daily digest or is not sent. Security mails (sign-in, password, email change) do not come here:
they go straight through `app.mail.send_mail` and cannot be turned off.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from app.extensions import db
from app.mail import send_mail
from app.models import (
    ApplicationStatus,
    DeclineReason,
    DigestItem,
    EmailChoice,
    FundingStatus,
    Notification,
    NotificationPreference,
    User,
)
from app.models.base import utcnow
from app.urls import external_url, public_link

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
    "match_new_job": _l("A new job matches your profile: %(job)s (score %(score)s out of 100)."),
    "match_new_candidates": _l(
        "New candidates pre-qualified by the program rank among the best matches for %(job)s: "
        "%(count)s."
    ),
    "alert_jobs": _l("New jobs for your alert %(name)s: %(count)s."),
    # Conversations (the "message_" prefix is the "messages" category of the preferences).
    "message_received": _l("%(org)s sent you a message."),
    "message_from_candidate": _l("%(candidate)s sent you a message."),
    "message_reported": _l("A message was reported (report no. %(number)s): it awaits moderation."),
    "organisation_approved": _l(
        "The program approved your organisation %(org)s: you can now publish your jobs."
    ),
    "organisation_refused": _l(
        "The program did not approve your organisation %(org)s. Reason: %(motive)s"
    ),
}

# ---------------------------------------------------------------- categories and preferences

# The categories a person chooses for, in the order of the preferences page.
CATEGORY_LABELS = {
    "applications": _l("Applications and jobs"),
    "matches": _l("New matches"),
    "alerts": _l("Job alerts"),
    "interviews": _l("Friday interviews and site visits"),
    "funding": _l("Travel funding"),
    "followup": _l("Follow-up by a partner organization"),
    "messages": _l("Messages"),
    "other": _l("Other notifications"),
}
CATEGORIES = tuple(CATEGORY_LABELS)
DEFAULT_CATEGORY = "other"  # a kind not listed below: its own category, on by default

# Each notification kind in one category. Add a new kind here (a kind left out goes to "other").
CATEGORY_OF_KIND = {
    "application_received": "applications",
    "application_status": "applications",
    "application_declined": "applications",
    "application_prequalified": "applications",
    "application_withdrawn": "applications",
    "application_to_review": "applications",
    "invited_to_apply": "applications",
    "job_expiring": "applications",
    "organisation_approved": "applications",
    "organisation_refused": "applications",
    "match_new_job": "matches",
    "match_new_candidates": "matches",
    "review_requested": "matches",
    "review_answered": "matches",
    "alert_jobs": "alerts",
    "interview_proposed": "interviews",
    "interview_scheduled": "interviews",
    "interview_scheduled_employer": "interviews",
    "interview_reminder": "interviews",
    "interview_moved": "interviews",
    "interview_cancelled": "interviews",
    "interview_booked": "interviews",
    "freed_slot_offered": "interviews",
    "friday_nudge_candidate": "interviews",
    "friday_nudge_employer": "interviews",
    "interview_change_asked": "interviews",
    "interview_not_placed": "interviews",
    "interview_proposal_expired": "interviews",
    "interview_scheduled_freed": "interviews",
    "site_visit_invited": "interviews",
    "site_visit_accepted": "interviews",
    "site_visit_declined": "interviews",
    "funding_status": "funding",
    "funding_submitted": "funding",
    "funding_answered": "funding",
    "funding_receipts": "funding",
    "funding_cancelled": "funding",
    "funding_message": "funding",
    "case_contact_due": "followup",
    "check_in_due": "followup",
    "message_received": "messages",
    "message_from_candidate": "messages",
    "message_reported": "messages",
}

# Alerts have their own frequency (each alert's): their email is on or off, never in the digest.
NO_DIGEST = frozenset({"alerts"})
# New matches may be many: by default they wait for the daily digest.
DEFAULT_EMAIL = {"matches": EmailChoice.DAILY}


def category_of(kind: str) -> str:
    """The preference category of a notification kind ("other" when it is not mapped)."""
    category = CATEGORY_OF_KIND.get(kind, DEFAULT_CATEGORY)
    return category if category in CATEGORY_LABELS else DEFAULT_CATEGORY


@dataclass
class Preference:
    category: str
    portal: bool = True
    email: EmailChoice = EmailChoice.IMMEDIATE
    min_score: int | None = None

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self.category])

    @property
    def digest_allowed(self) -> bool:
        return self.category not in NO_DIGEST


def _default(category: str) -> Preference:
    return Preference(category, email=DEFAULT_EMAIL.get(category, EmailChoice.IMMEDIATE))


def _from_row(row: NotificationPreference) -> Preference:
    return Preference(row.category, row.portal, row.email, row.min_score)


def get_preferences(user: User) -> list[Preference]:
    """The person's choice for every category, defaults filled in (one query)."""
    rows = {
        r.category: r
        for r in db.session.execute(
            db.select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        ).scalars()
    }
    return [_from_row(rows[c]) if c in rows else _default(c) for c in CATEGORIES]


def get_preference(user: User, category: str) -> Preference:
    """The person's choice for one category (its default when they never chose)."""
    row = db.session.execute(
        db.select(NotificationPreference).where(
            NotificationPreference.user_id == user.id, NotificationPreference.category == category
        )
    ).scalar_one_or_none()
    return _from_row(row) if row is not None else _default(category)


def _row_for(user: User, category: str) -> NotificationPreference:
    row = db.session.execute(
        db.select(NotificationPreference).where(
            NotificationPreference.user_id == user.id, NotificationPreference.category == category
        )
    ).scalar_one_or_none()
    if row is None:
        default = _default(category)
        row = NotificationPreference(
            user_id=user.id, category=category, portal=default.portal, email=default.email
        )
        db.session.add(row)
    return row


def save_preferences(user: User, choices: list[Preference]) -> None:
    """Store the person's choices (a digest where a category has none becomes "right away")."""
    for choice in choices:
        if choice.category not in CATEGORY_LABELS:
            continue
        row = _row_for(user, choice.category)
        row.portal = choice.portal
        email = choice.email
        if email == EmailChoice.DAILY and choice.category in NO_DIGEST:
            email = EmailChoice.IMMEDIATE
        row.email = email
        row.min_score = choice.min_score if choice.category == "matches" else None
    db.session.flush()


def unsubscribe(user: User, categories: list[str]) -> None:
    """Stop the emails of these categories only (the portal and the other categories stay)."""
    for category in categories:
        if category in CATEGORY_LABELS:
            _row_for(user, category).email = EmailChoice.OFF
    db.session.flush()


# ---------------------------------------------------------------- one-click unsubscribe (RFC 8058)

UNSUBSCRIBE_SALT = "unsubscribe"


def unsubscribe_token(user: User, categories: list[str]) -> str:
    """A signed, non-expiring token naming the person and the categories a mail belongs to."""
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)
    return serializer.dumps({"u": user.id, "c": sorted(set(categories))})


def read_unsubscribe_token(token: str) -> tuple[User, list[str]] | None:
    """The person and categories a token names, or None when it is forged or the account gone."""
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)
    try:
        data = serializer.loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    categories = [c for c in data.get("c") or [] if c in CATEGORY_LABELS]
    user = db.session.get(User, data["u"])
    if user is None or user.deleted_at is not None or not categories:
        return None
    return user, categories


def mail_footer(user: User, categories: list[str]) -> dict:
    """The headers and links every non-security mail carries: one-click unsubscribe from its
    categories (List-Unsubscribe, RFC 8058) and the preferences page."""
    link = external_url("notifications.unsubscribe", token=unsubscribe_token(user, categories))
    return {
        "headers": {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        "unsubscribe_link": link,
        "preferences_link": external_url("notifications.preferences"),
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
    """Tell the user in the portal and by email, in their language, as their preferences for the
    kind's category say (the email right away, or in the daily digest)."""
    if kind not in NOTIFICATION_TEXTS:
        raise KeyError(kind)
    category = category_of(kind)
    preference = get_preference(user, category)
    note = Notification(user_id=user.id, kind=kind, params=params, link=path)
    if preference.portal:
        db.session.add(note)
    if not (email and user.active):
        return note
    if preference.email == EmailChoice.DAILY and preference.digest_allowed:
        db.session.add(
            DigestItem(
                user_id=user.id,
                category=category,
                kind=kind,
                params=params,
                link=path,
                attachments=attachments or [],
            )
        )
    elif preference.email != EmailChoice.OFF:
        with force_locale(user.locale):
            summary = render_notification(note)
        footer = mail_footer(user, [category])
        send_mail(
            user.email,
            "notification",
            user.locale,
            attachments=attachments,
            headers=footer.pop("headers"),
            user=user,
            summary=summary,
            link=public_link(path),
            **footer,
        )
    return note


def send_digests() -> int:
    """Send each person their pending notifications in one email, in their language (run daily;
    what is sent is deleted, so a second run sends nothing); return how many emails."""
    items = list(
        db.session.execute(
            db.select(DigestItem).order_by(DigestItem.user_id, DigestItem.id)
        ).scalars()
    )
    by_user: dict[int, list[DigestItem]] = {}
    for item in items:
        by_user.setdefault(item.user_id, []).append(item)
    sent = 0
    for user_id, pending in by_user.items():
        user = db.session.get(User, user_id)
        if user is not None and user.active and user.deleted_at is None:
            with force_locale(user.locale):
                lines = [
                    (
                        str(NOTIFICATION_TEXTS[i.kind]) % localised_params(i.params),
                        public_link(i.link),
                    )
                    for i in pending
                    if i.kind in NOTIFICATION_TEXTS
                ]
            categories = sorted({i.category for i in pending})
            footer = mail_footer(user, categories)
            attachments = [a for i in pending for a in (i.attachments or [])]
            send_mail(
                user.email,
                "digest",
                user.locale,
                attachments=attachments,
                headers=footer.pop("headers"),
                user=user,
                lines=lines,
                **footer,
            )
            sent += 1
        for item in pending:
            db.session.delete(item)
    db.session.flush()
    return sent


def run_digests() -> None:
    """Send the daily digests (the RQ cron job; idempotent: what is sent is deleted)."""
    send_digests()


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
