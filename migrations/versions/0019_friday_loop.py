"""the Friday loop run by its people: proposals from matches (with a note), availability per
session, each person's time zone, changes asked after publication, freed slots offered

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 13:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("timezone", sa.String(64), nullable=False, server_default="America/Montreal")
        )
        batch.add_column(sa.Column("calendar_token", sa.String(64), nullable=True))
        batch.create_unique_constraint(op.f("uq_users_calendar_token"), ["calendar_token"])
    with op.batch_alter_table("interview_requests") as batch:
        batch.alter_column("application_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("job_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("candidate_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("note", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("unplaced_reason", sa.String(20), nullable=True))
        batch.create_foreign_key(
            op.f("fk_interview_requests_job_id_jobs"), "jobs", ["job_id"], ["id"]
        )
        batch.create_foreign_key(
            op.f("fk_interview_requests_candidate_id_candidate_profiles"),
            "candidate_profiles",
            ["candidate_id"],
            ["id"],
        )
        batch.create_index(op.f("ix_interview_requests_job_id"), ["job_id"])
        batch.create_index(op.f("ix_interview_requests_candidate_id"), ["candidate_id"])
        batch.create_unique_constraint(
            "uq_request_session_job_candidate", ["session_id", "job_id", "candidate_id"]
        )
    # Every existing request came from an application: copy its pair.
    op.execute(
        "UPDATE interview_requests SET "
        "job_id = (SELECT job_id FROM applications WHERE applications.id = application_id), "
        "candidate_id = (SELECT candidate_id FROM applications "
        "WHERE applications.id = application_id)"
    )
    op.create_table(
        "interview_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "candidate", "employer", name="availabilityparty", native_enum=False, length=30
            ),
            nullable=False,
        ),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interview_availability_session_id_interview_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_availability")),
    )
    op.create_index(
        op.f("ix_interview_availability_session_id"), "interview_availability", ["session_id"]
    )
    op.create_table(
        "interview_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("move", "cancel", name="changekind", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("new_starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "applied", "refused", name="changestatus", native_enum=False, length=30
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["interview_slots.id"],
            name=op.f("fk_interview_changes_slot_id_interview_slots"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_interview_changes_requested_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_changes")),
    )
    op.create_index(op.f("ix_interview_changes_slot_id"), "interview_changes", ["slot_id"])
    op.create_table(
        "freed_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "offered", "taken", "declined", name="offerstatus", native_enum=False, length=30
            ),
            nullable=False,
        ),
        sa.Column("declined", sa.JSON(), nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_freed_slots_session_id_interview_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["employer_organisations.id"],
            name=op.f("fk_freed_slots_organisation_id_employer_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["interview_requests.id"],
            name=op.f("fk_freed_slots_request_id_interview_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freed_slots")),
        sa.UniqueConstraint(
            "session_id", "organisation_id", "starts_at", name="uq_freed_slot_session_org_start"
        ),
    )
    op.create_index(op.f("ix_freed_slots_session_id"), "freed_slots", ["session_id"])
    op.create_table(
        "interview_nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interview_nudges_session_id_interview_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_nudges")),
        sa.UniqueConstraint("session_id", "kind", "target_id", name="uq_nudge_session_kind_target"),
    )
    op.create_index(op.f("ix_interview_nudges_session_id"), "interview_nudges", ["session_id"])


def downgrade():
    op.drop_index(op.f("ix_interview_nudges_session_id"), table_name="interview_nudges")
    op.drop_table("interview_nudges")
    op.drop_index(op.f("ix_freed_slots_session_id"), table_name="freed_slots")
    op.drop_table("freed_slots")
    op.drop_index(op.f("ix_interview_changes_slot_id"), table_name="interview_changes")
    op.drop_table("interview_changes")
    op.drop_index(op.f("ix_interview_availability_session_id"), table_name="interview_availability")
    op.drop_table("interview_availability")
    with op.batch_alter_table("interview_requests") as batch:
        batch.drop_constraint("uq_request_session_job_candidate", type_="unique")
        batch.drop_index(op.f("ix_interview_requests_candidate_id"))
        batch.drop_index(op.f("ix_interview_requests_job_id"))
        batch.drop_constraint(
            op.f("fk_interview_requests_candidate_id_candidate_profiles"), type_="foreignkey"
        )
        batch.drop_constraint(op.f("fk_interview_requests_job_id_jobs"), type_="foreignkey")
        batch.drop_column("unplaced_reason")
        batch.drop_column("note")
        batch.drop_column("candidate_id")
        batch.drop_column("job_id")
        batch.alter_column("application_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("uq_users_calendar_token"), type_="unique")
        batch.drop_column("calendar_token")
        batch.drop_column("timezone")
