"""jobs (status, closing_date) index: the board counts open jobs from the index alone

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 14:40:00

"""
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_jobs_status_closing", "jobs", ["status", "closing_date"])
    op.execute("ANALYZE jobs")  # without statistics on the new index the planner may misuse it


def downgrade():
    op.drop_index("ix_jobs_status_closing", table_name="jobs")
