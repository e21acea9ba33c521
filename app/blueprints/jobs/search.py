"""Full-text search of jobs that ignores accents, case and plural endings, ranked by relevance.

Each job keeps `search_title` (its titles) and `search_text` (titles, descriptions, skills and
employer name), folded ('Fromagère' -> 'fromagere') with each word reduced to a stem ('soudeurs' ->
'soudeur'). Both are rebuilt before every flush that adds or changes a job, or renames its
organisation, so the service, the import, the seed and the CLI all keep them true.

The database indexes them (`app.fulltext.JOBS`: SQLite FTS5, PostgreSQL tsvector), so a search
never scans the table; a title word weighs five times a body word in the ranking. A query is folded
and stemmed the same way; each of its words must start a word of the job.
"""

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.fulltext import JOBS as JOBS_INDEX
from app.fulltext import words as folded_words
from app.models import EmployerOrganisation, Job

MAX_QUERY_WORDS = 6


def stem(word: str) -> str:
    """A folded word without its plural ending: 'soudeurs' -> 'soudeur', 'travaux' -> 'travau'.

    Short words are kept as they are ('bus', 'gaz'); the same rule applies to the text and to
    the query, so both sides meet.
    """
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def search_words(text: str) -> list[str]:
    return [stem(w) for w in folded_words(text)]


def search_text(
    titles: list[str], skills: list[str], organisation: str, descriptions: list[str]
) -> str:
    """The stored form: ' word word ... ' (spaces around, so that a word's start is ' word')."""
    parts = [*titles, " ".join(skills), organisation, *descriptions]
    return " " + " ".join(search_words(" ".join(p or "" for p in parts))) + " "


def title_text(titles: list[str]) -> str:
    return " ".join(search_words(" ".join(t or "" for t in titles)))


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
            body = job_search_text(job)
            if job.search_text != body:
                job.search_text = body
            title = title_text([job.title_fr, job.title_en])
            if job.search_title != title:
                job.search_title = title


JOBS_INDEX.attach(Job.__table__)


def match(stmt, q: str, dialect: str):
    """Restrict a select of jobs to those matching every word of `q`; return it and its rank."""
    words = [w.strip() for w in query_words(q)]
    return JOBS_INDEX.match(stmt, Job.id, words, dialect, fallback_column=Job.search_text)
