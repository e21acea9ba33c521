"""job alerts: the board's "welcome commitments" filter, so a saved search keeps it

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 16:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    # Batch mode for SQLite; existing alerts ask for no commitment (an empty list).
    with op.batch_alter_table("job_alerts") as batch_op:
        batch_op.add_column(
            sa.Column("commitments", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade():
    with op.batch_alter_table("job_alerts") as batch_op:
        batch_op.drop_column("commitments")
