"""full-text index of jobs: SQLite FTS5 / PostgreSQL tsvector, titles weighted for ranking

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 13:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("search_title", sa.Text(), nullable=False, server_default=""))
    # The same words the application writes (app/blueprints/jobs/search.py).
    from app.blueprints.jobs.search import title_text
    from app.fulltext import JOBS

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title_fr, title_en FROM jobs")).all()
    for row in rows:
        bind.execute(
            sa.text("UPDATE jobs SET search_title = :t WHERE id = :i"),
            {"t": title_text([row.title_fr, row.title_en]), "i": row.id},
        )
    JOBS.install(bind)


def downgrade():
    from app.fulltext import JOBS

    JOBS.drop(op.get_bind())
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("search_title")
