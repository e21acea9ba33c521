"""jobs.search_text: accent-, case- and plural-blind keyword search

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 07:30:00

"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    from app.blueprints.jobs.search import search_text  # the same form the application writes

    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT j.id, j.title_fr, j.title_en, j.skills_required, j.skills_nice, "
            "j.description_fr, j.description_en, o.name FROM jobs j "
            "JOIN employer_organisations o ON o.id = j.organisation_id"
        )
    ).all()
    for row in rows:

        def skills(value):
            if isinstance(value, str):
                value = json.loads(value or "[]")
            return list(value or [])

        text = search_text(
            [row.title_fr, row.title_en],
            skills(row.skills_required) + skills(row.skills_nice),
            row.name,
            [row.description_fr, row.description_en],
        )
        bind.execute(sa.text("UPDATE jobs SET search_text = :t WHERE id = :i"), {"t": text, "i": row.id})


def downgrade():
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("search_text")
