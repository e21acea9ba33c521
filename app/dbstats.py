"""Planner statistics after bulk writes.

A freshly filled table has no statistics: PostgreSQL then guesses its plans (the plain job board's
SQL went from 24 ms to 5 ms once analysed) and SQLite ignores the better indexes. Bulk writers (the
scale seeding, large imports) call `analyze` once they are done; it runs in the current transaction
on both databases.
"""

from sqlalchemy import text

from app.extensions import db

# Above this many rows written, an import refreshes the statistics of the tables it wrote.
BULK_ROWS = 200


def analyze(*tables: str) -> None:
    """Refresh the planner's statistics of the tables (all of them when none is named)."""
    dialect = db.session.get_bind().dialect.name
    if dialect not in {"sqlite", "postgresql"}:
        return
    db.session.flush()
    known = set(db.metadata.tables)
    for name in tables or ("",):
        if name and name not in known:
            raise ValueError(name)
        db.session.execute(text(f"ANALYZE {name}".strip()))
