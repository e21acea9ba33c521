"""Rendered cards kept per worker process, under keys that name what they show.

A job card on the board or a match card costs a dozen macro calls, URL builds and catalog look-ups
to render, the same for every visitor until the job, the organisation or the match changes. Each
card's HTML is kept in the worker's memory (`fragment_cache`, a bounded in-process cache: no
round trip per card) under a key made of the values the card displays, or of the version stamps
that change with them (a job's `updated_at`, a match's `computed_at`), and of the page's
language and address language. A change makes a new key: nothing has to be invalidated, and
workers never disagree; old keys fall out of the bounded cache. What depends on the viewer
(save buttons, invitation forms with their CSRF token, states) stays outside the cached part.

Templates use Flask-Caching's tag:
`{% cache None, "board-job", job_card_key(job) %}...{% endcache %}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import get_locale
from flask_caching import make_template_fragment_key

from app.extensions import fragment_cache
from app.i18n import is_english_address

if TYPE_CHECKING:
    from app.models import Job, MatchResult, Organisation


def _page_language() -> str:
    return f"{get_locale()}:{'en' if is_english_address() else 'fr'}"


def page_key(*parts: object) -> str:
    """A key for a block of a page that depends only on `parts` (version stamps included) and
    on the page's language."""
    return "|".join([_page_language(), *map(str, parts)])


def nav_key(*counts: object) -> str:
    """The main menu: which links the reader has (their role, and for an employer whether they
    belong to an organisation), the page it marks as current, and the counts it shows. The
    sign-out form, with its CSRF token, stays outside."""
    from flask import request
    from flask_login import current_user

    from app.models import Role

    if current_user and current_user.is_authenticated:
        employs = current_user.role == Role.EMPLOYER and current_user.organisation is not None
        who = f"{current_user.role.value}:{int(employs)}"
    else:
        who = "-"
    return page_key("nav", who, request.endpoint, *counts)


def _organisation(org: Organisation) -> str:
    commitments = ",".join(c.value for c in org.commitments)
    return f"{org.id}:{int(org.is_approved)}:{commitments}:{org.name}"


def job_card_key(job: Job) -> str:
    """A job card: the job as last saved (title, place, type, salary, closing date) and its
    organisation's name, approval and welcome commitments."""
    return job_key(job.id, job.updated_at, job.organisation)


def job_key(job_id: int, updated_at, organisation: Organisation) -> str:
    """`job_card_key` from the values it is made of (a page may read them without the job)."""
    stamp = updated_at.isoformat() if updated_at else ""
    return f"{_page_language()}|{job_id}:{stamp}|{_organisation(organisation)}"


def match_card_key(match: MatchResult, viewer: str) -> str:
    """A match card: the stored match (score, points and reasons change only when it is
    recomputed) and what the card shows of the job and its employer, or of the candidate (the
    profile as last saved: `update_profile` stamps every save, collections included)."""
    stamp = match.computed_at.isoformat() if match.computed_at else ""
    head = (
        f"{_page_language()}|{viewer}|{match.job_id}:{match.candidate_id}:{stamp}"
        f":{match.score}:{int(bool(match.eligible))}:{len(getattr(match, 'explained', None) or ())}"
    )
    if viewer == "candidate":
        return f"{head}|{job_card_key(match.job)}"
    p = match.candidate
    saved = p.updated_at.isoformat() if p.updated_at else ""
    who = p.display_name if viewer == "staff" else getattr(match, "code", "")
    return f"{head}|{p.id}:{p.version}:{saved}|{who}"


def is_cached(name: str, key: str) -> bool:
    """Whether the card `name` (the template's fragment name) is kept under `key` in this
    worker: a page loads what a card shows only for the cards it must render."""
    return fragment_cache.get(make_template_fragment_key(name, vary_on=[key])) is not None
