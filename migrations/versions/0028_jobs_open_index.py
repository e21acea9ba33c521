"""jobs (status, closing_date, organisation_id) index: the board still counts open jobs from the
index alone now that it leaves out organisations not approved

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 18:10:00

"""
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_jobs_status_closing", table_name="jobs")
    op.create_index("ix_jobs_status_closing", "jobs", ["status", "closing_date", "organisation_id"])
    op.execute("ANALYZE jobs")


def downgrade():
    op.drop_index("ix_jobs_status_closing", table_name="jobs")
    op.create_index("ix_jobs_status_closing", "jobs", ["status", "closing_date"])
