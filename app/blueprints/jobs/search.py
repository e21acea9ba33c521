"""Full-text search of jobs that ignores accents, case and plural endings, ranked by relevance.

Each job keeps `search_title` (its titles) and `search_text` (titles, descriptions, skills and
employer name), folded ('Fromagère' -> 'fromagere') with each word reduced to a stem ('soudeurs' ->
'soudeur'). Both are rebuilt before every flush that adds or changes a job, or renames its
organisation, so the service, the import, the seed and the CLI all keep them true.

The database indexes them, so a search never scans the table:
- SQLite: an FTS5 table `jobs_fts` over the two columns (external content: the rows live in `jobs`),
  kept in sync by triggers on `jobs`, ranked with bm25 (a title word weighs five times a body word);
- PostgreSQL: a generated `tsvector` column `jobs.search_vector` (titles weight A, the rest B),
  with a GIN index, ranked with ts_rank.
Folding happens in Python on both sides, with the `simple` configuration on PostgreSQL: one rule for
French and English text, identical on both databases, and no `unaccent` extension to install.

A query is folded and stemmed the same way; each of its words must start a word of the job.

The index is created with the table (`after_create`, for `db.create_all`) and by migration 0020
(`install_index`). SQLite's batch migrations rebuild a table by copying it: a migration that alters
`jobs` in batch mode must call `install_index` again (tests/core/test_migrations.py checks it).
"""

import re

from sqlalchemy import DDL, column, event, func, inspect, literal_column, select, table, text
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


# -- the index ---------------------------------------------------------------------------------

TITLE_WEIGHT = 5.0

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5("
    "search_title, search_text, content='jobs', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS jobs_fts_insert AFTER INSERT ON jobs BEGIN "
    "INSERT INTO jobs_fts(rowid, search_title, search_text) "
    "VALUES (new.id, new.search_title, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS jobs_fts_delete AFTER DELETE ON jobs BEGIN "
    "INSERT INTO jobs_fts(jobs_fts, rowid, search_title, search_text) "
    "VALUES ('delete', old.id, old.search_title, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS jobs_fts_update AFTER UPDATE OF search_title, search_text "
    "ON jobs BEGIN "
    "INSERT INTO jobs_fts(jobs_fts, rowid, search_title, search_text) "
    "VALUES ('delete', old.id, old.search_title, old.search_text); "
    "INSERT INTO jobs_fts(rowid, search_title, search_text) "
    "VALUES (new.id, new.search_title, new.search_text); END",
    "INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS jobs_fts_insert",
    "DROP TRIGGER IF EXISTS jobs_fts_delete",
    "DROP TRIGGER IF EXISTS jobs_fts_update",
    "DROP TABLE IF EXISTS jobs_fts",
)
_PG_DDL = (
    "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(search_title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(search_text, '')), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_jobs_search_vector ON jobs USING gin (search_vector)",
)
_PG_DROP = (
    "DROP INDEX IF EXISTS ix_jobs_search_vector",
    "ALTER TABLE jobs DROP COLUMN IF EXISTS search_vector",
)
# Schema objects that live outside the models (autogenerate and the schema test skip them).
INDEX_OBJECTS = {"search_vector", "ix_jobs_search_vector"}


def is_index_object(name: str | None) -> bool:
    return bool(name) and (name in INDEX_OBJECTS or name.startswith("jobs_fts"))


def install_index(bind) -> None:
    """Create the full-text index of jobs and fill it from the rows already there."""
    statements = {"sqlite": _SQLITE_DDL, "postgresql": _PG_DDL}.get(bind.dialect.name, ())
    for statement in statements:
        bind.execute(text(statement))


def drop_index(bind) -> None:
    statements = {"sqlite": _SQLITE_DROP, "postgresql": _PG_DROP}.get(bind.dialect.name, ())
    for statement in statements:
        bind.execute(text(statement))


for _dialect, _statements in (("sqlite", _SQLITE_DDL), ("postgresql", _PG_DDL)):
    for _statement in _statements:
        event.listen(Job.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
event.listen(
    Job.__table__, "before_drop", DDL("DROP TABLE IF EXISTS jobs_fts").execute_if(dialect="sqlite")
)


_FTS_TABLE = table("jobs_fts", column("rowid"))


def match(stmt, q: str, dialect: str):
    """Restrict a select of jobs to those matching every word of `q`; return it and its rank.

    The rank orders best first when used in ORDER BY.
    """
    words = [w.strip() for w in query_words(q)]
    if not words:
        return stmt, None
    if dialect == "sqlite":
        expression = " AND ".join(f'"{w}"*' for w in words)
        fts = literal_column("jobs_fts")
        stmt = stmt.join(_FTS_TABLE, _FTS_TABLE.c.rowid == Job.id).where(
            fts.op("MATCH")(expression)
        )
        return stmt, func.bm25(fts, TITLE_WEIGHT, 1.0)
    if dialect == "postgresql":
        query = func.to_tsquery(literal_column("'simple'"), " & ".join(f"{w}:*" for w in words))
        vector = literal_column("jobs.search_vector")
        stmt = stmt.where(vector.op("@@")(query))
        return stmt, func.ts_rank(vector, query).desc()
    # Any other database: the stored words, scanned.
    for word in words:
        stmt = stmt.where(Job.search_text.contains(f" {word}", autoescape=True))
    return stmt, None
