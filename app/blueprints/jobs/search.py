"""Keyword search of jobs that ignores accents, case and plural endings.

Each job keeps `search_text`: its titles, descriptions, skills and employer name, folded
('Fromagère' -> 'fromagere') with each word reduced to a stem ('soudeurs' -> 'soudeur'). It is
rebuilt before every flush that adds or changes a job, or renames its organisation, so the service,
the import, the seed and the CLI all keep it true. A query is folded and stemmed the same way; each
of its words must appear in `search_text`.
"""

import re

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.models import EmployerOrganisation, Job
from app.text import fold

MAX_QUERY_WORDS = 6
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A folded word without its plural ending: 'soudeurs' -> 'soudeur', 'travaux' -> 'travau'.

    Short words are kept as they are ('bus', 'gaz'); the same rule applies to the text and to
    the query, so both sides meet.
    """
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def search_words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(fold(text or ""))]


def search_text(
    titles: list[str], skills: list[str], organisation: str, descriptions: list[str]
) -> str:
    """The stored form: ' word word ... ' (spaces around, so that a word's start is ' word')."""
    parts = [*titles, " ".join(skills), organisation, *descriptions]
    return " " + " ".join(search_words(" ".join(p or "" for p in parts))) + " "


def job_search_text(job: Job) -> str:
    org = job.organisation
    return search_text(
        [job.title_fr, job.title_en],
        [*(job.skills_required or []), *(job.skills_nice or [])],
        org.name if org is not None else "",
        [job.description_fr, job.description_en],
    )


def query_words(q: str) -> list[str]:
    """The query's words, folded and stemmed, each to be found at the start of a word."""
    return [" " + w for w in search_words(q)[:MAX_QUERY_WORDS]]


@event.listens_for(Session, "before_flush")
def _refresh_search_text(session: Session, flush_context, instances) -> None:
    with session.no_autoflush:
        jobs = {o for o in session.new | session.dirty if isinstance(o, Job)}
        for org in session.dirty:
            if isinstance(org, EmployerOrganisation) and inspect(org).attrs.name.history.deleted:
                jobs.update(session.scalars(select(Job).where(Job.organisation_id == org.id)))
        for job in jobs:
            text = job_search_text(job)
            if job.search_text != text:
                job.search_text = text
