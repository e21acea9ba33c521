"""testimonials: country of origin and occupation in English too (shown in the reader's language)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03 19:25:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade():
    # Batch mode: SQLite cannot alter a table in place for everything; PostgreSQL adds columns.
    with op.batch_alter_table("testimonials") as batch_op:
        batch_op.add_column(
            sa.Column(
                "country_of_origin_en", sa.String(length=80), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column("occupation_en", sa.String(length=120), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("testimonials") as batch_op:
        batch_op.drop_column("occupation_en")
        batch_op.drop_column("country_of_origin_en")
