"""match_results.reasons: the reasons shown with a match, stored instead of derived per view

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 14:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("match_results") as batch:
        batch.add_column(sa.Column("reasons", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("match_results") as batch:
        batch.drop_column("reasons")
