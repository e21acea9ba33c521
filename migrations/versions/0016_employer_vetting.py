"""employer vetting, public profiles and welcome commitments; candidates' reasons; decline wording

Existing organisations are approved (their jobs stay on the board); new ones wait for vetting.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 13:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

VETTING = ("pending", "approved", "refused")
CANDIDATE_REASONS = ("found_job", "not_region", "family", "salary", "job_fit", "other")
DECLINE_REASONS = (
    "profile",
    "language",
    "work_permit",
    "experience",
    "other_candidate",
    "job_closed",
    "no_response",
    "other",
)
WELCOME = ("welcome_housing", "welcome_francisation", "welcome_relocation", "welcome_family")
CHECKS = ("check_neq_found", "check_outside_montreal", "check_contact_reached")


def _enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, length=30)


def upgrade():
    with op.batch_alter_table("employer_organisations") as batch:
        batch.add_column(sa.Column("address", sa.String(255), nullable=False, server_default=""))
        batch.add_column(sa.Column("phone", sa.String(40), nullable=False, server_default=""))
        for name in WELCOME + CHECKS:
            batch.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )
        batch.add_column(
            sa.Column(
                "vetting_status",
                _enum(VETTING, "vettingstatus"),
                nullable=False,
                server_default="approved",
            )
        )
        batch.add_column(sa.Column("vetting_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("vetted_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("vetted_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_employer_organisations_vetted_by_id_users"), "users", ["vetted_by_id"], ["id"]
        )
        batch.create_index(op.f("ix_employer_organisations_vetting_status"), ["vetting_status"])
    # The defaults served the rows already there; the application sets every value from now on.
    with op.batch_alter_table("employer_organisations") as batch:
        for name in ("address", "phone", "vetting_status", "vetting_reason", *WELCOME, *CHECKS):
            batch.alter_column(name, server_default=None)

    with op.batch_alter_table("applications") as batch:
        batch.add_column(
            sa.Column("withdraw_reason", _enum(CANDIDATE_REASONS, "candidatereason"), nullable=True)
        )
    with op.batch_alter_table("interview_requests") as batch:
        batch.add_column(
            sa.Column("decline_reason", _enum(CANDIDATE_REASONS, "candidatereason"), nullable=True)
        )

    op.create_table(
        "decline_messages",
        sa.Column("reason", _enum(DECLINE_REASONS, "declinereason"), nullable=False),
        sa.Column("text_fr", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reason", name=op.f("pk_decline_messages")),
    )


def downgrade():
    op.drop_table("decline_messages")
    with op.batch_alter_table("interview_requests") as batch:
        batch.drop_column("decline_reason")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("withdraw_reason")
    with op.batch_alter_table("employer_organisations") as batch:
        batch.drop_index(op.f("ix_employer_organisations_vetting_status"))
        batch.drop_constraint(
            op.f("fk_employer_organisations_vetted_by_id_users"), type_="foreignkey"
        )
        for name in (
            "vetted_at",
            "vetted_by_id",
            "vetting_reason",
            "vetting_status",
            *CHECKS,
            *WELCOME,
            "phone",
            "address",
        ):
            batch.drop_column(name)
