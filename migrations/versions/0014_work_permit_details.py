"""work permits: the employer a closed permit names, and whether a job can support a new permit

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 07:35:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("candidate_profiles") as batch:
        batch.add_column(
            sa.Column("permit_employer_name", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("permit_employer_neq", sa.String(10), nullable=False, server_default="")
        )
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(
            sa.Column(
                "permit_support",
                sa.Enum(
                    "lmia_obtained", "lmia_in_progress", "exempt", "none",
                    name="permitsupport", native_enum=False, length=30,
                ),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("permit_support")
    with op.batch_alter_table("candidate_profiles") as batch:
        batch.drop_column("permit_employer_neq")
        batch.drop_column("permit_employer_name")
