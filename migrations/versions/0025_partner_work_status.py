"""candidate_profiles.partner_work_status: the spouse or partner's own right to work, for their
job prospects (often an open permit while the candidate's is closed)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 19:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "candidate_profiles",
        sa.Column(
            "partner_work_status",
            sa.Enum(
                "citizen",
                "permanent_resident",
                "open_work_permit",
                "employer_specific_work_permit",
                "none",
                name="workstatus",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
    )


def downgrade():
    with op.batch_alter_table("candidate_profiles") as batch:
        batch.drop_column("partner_work_status")
