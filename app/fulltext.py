"""Full-text indexes kept by the database itself: SQLite FTS5 and PostgreSQL tsvector.

A table that is searched keeps its words folded (no accents or case) in plain text columns, written
by the application (`app.text.fold`); the database indexes those columns, so a search never scans
the table, and both databases answer the same way:

- SQLite: an FTS5 table `<table>_fts` over the columns (external content: the rows stay in the
  table), kept in sync by triggers, ranked with bm25 and the columns' weights;
- PostgreSQL: a generated `tsvector` column `<table>.search_vector` (first column weight A, the
  others B) with a GIN index, ranked with ts_rank. The `simple` configuration: folding already
  happened in Python, one rule for French and English text, and no extension to install.

An index is created with its table (`after_create`, for `db.create_all`) and by a migration
(`install`). SQLite's batch migrations rebuild a table by copying it, which drops its triggers: a
migration that alters an indexed table in batch mode must call `install` again
(tests/core/test_migrations.py checks the triggers after the last migration).
"""

import re
from dataclasses import dataclass

from sqlalchemy import DDL, Table, column, event, func, literal_column, table, text

from app.text import fold

MAX_QUERY_WORDS = 6


@dataclass(frozen=True)
class FullTextIndex:
    table: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    # The statements below are built from this module's constants (table and column names), never
    # from input; the words of a query are bound parameters.
    def _sqlite_ddl(self) -> list[str]:
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        fts, tbl = self.fts, self.table
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"  # noqa: S608
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"  # noqa: S608
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{tbl}', "
            "content_rowid='id', tokenize='unicode61')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {tbl} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {tbl} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {cols} ON {tbl} "
            f"BEGIN {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
        ]

    def _pg_ddl(self) -> list[str]:
        parts = " || ".join(
            f"setweight(to_tsvector('simple'::regconfig, coalesce({c}, '')), '{weight}')"
            for c, weight in zip(self.columns, "AB" + "B" * len(self.columns), strict=False)
        )
        return [
            f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({parts}) STORED",
            f"CREATE INDEX IF NOT EXISTS ix_{self.table}_search_vector ON {self.table} "
            "USING gin (search_vector)",
        ]

    def triggers(self) -> set[str]:
        return {f"{self.fts}_insert", f"{self.fts}_delete", f"{self.fts}_update"}

    def install(self, bind) -> None:
        """Create the index and fill it from the rows already there."""
        for statement in self._ddl(bind.dialect.name):
            bind.execute(text(statement))

    def drop(self, bind) -> None:
        if bind.dialect.name == "sqlite":
            for name in sorted(self.triggers()):
                bind.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            bind.execute(text(f"DROP TABLE IF EXISTS {self.fts}"))
        elif bind.dialect.name == "postgresql":
            bind.execute(text(f"DROP INDEX IF EXISTS ix_{self.table}_search_vector"))
            bind.execute(text(f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS search_vector"))

    def _ddl(self, dialect: str) -> list[str]:
        return {"sqlite": self._sqlite_ddl, "postgresql": self._pg_ddl}.get(dialect, list)()

    def attach(self, model_table: Table) -> None:
        """Create the index whenever `db.create_all` creates the table."""
        for dialect in ("sqlite", "postgresql"):
            for statement in self._ddl(dialect):
                ddl = DDL(statement).execute_if(dialect=dialect)
                event.listen(model_table, "after_create", ddl)
        event.listen(
            model_table,
            "before_drop",
            DDL(f"DROP TABLE IF EXISTS {self.fts}").execute_if(dialect="sqlite"),
        )

    def match(self, stmt, id_column, words: list[str], dialect: str, fallback_column=None):
        """Restrict a select to rows where every word starts a word; return it and its rank.

        The rank orders best first when used in ORDER BY (None when there is nothing to rank).
        """
        if not words:
            return stmt, None
        if dialect == "sqlite":
            fts = literal_column(self.fts)
            shadow = table(self.fts, column("rowid"))
            stmt = stmt.join(shadow, shadow.c.rowid == id_column).where(
                fts.op("MATCH")(" AND ".join(f'"{w}"*' for w in words))
            )
            return stmt, func.bm25(fts, *self.weights)
        if dialect == "postgresql":
            query = func.to_tsquery(literal_column("'simple'"), " & ".join(f"{w}:*" for w in words))
            vector = literal_column(f"{self.table}.search_vector")
            return stmt.where(vector.op("@@")(query)), func.ts_rank(vector, query).desc()
        # Any other database: the stored words, scanned.
        for word in words:
            stmt = stmt.where(fallback_column.contains(f" {word}", autoescape=True))
        return stmt, None


JOBS = FullTextIndex("jobs", ("search_title", "search_text"), (5.0, 1.0))
USERS = FullTextIndex("users", ("search_text",), (1.0,))
INDEXES = (JOBS, USERS)


def is_index_object(name: str | None) -> bool:
    """Schema objects that live outside the models (autogenerate and the schema test skip them)."""
    if not name:
        return False
    return name == "search_vector" or any(
        name.startswith(i.fts) or name == f"ix_{i.table}_search_vector" for i in INDEXES
    )


_WORD = re.compile(r"[a-z0-9]+")


def words(value: str) -> list[str]:
    """Folded words of a text: 'Zoé Tremblay <zoe.t@x.ca>' -> ['zoe', 'tremblay', 'zoe', 't'...]."""
    return _WORD.findall(fold(value or ""))


def user_search_text(full_name: str, email: str) -> str:
    return " " + " ".join(words(f"{full_name} {email}")) + " "
