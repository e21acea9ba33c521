"""apply invitations: an employer invites a matched candidate to apply once per job

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:15:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "apply_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_apply_invitations_job_id_jobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate_profiles.id"],
            name=op.f("fk_apply_invitations_candidate_id_candidate_profiles"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"], ["users.id"], name=op.f("fk_apply_invitations_invited_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apply_invitations")),
        sa.UniqueConstraint("job_id", "candidate_id", name="uq_apply_invitation_job_candidate"),
    )


def downgrade():
    op.drop_table("apply_invitations")
