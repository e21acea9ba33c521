"""job alerts, new-match notices, notification preferences and digests, mail headers

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 13:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _fk(table, column, target, ondelete="CASCADE"):
    parent = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{parent}"), ondelete=ondelete
    )


def upgrade():
    op.create_table(
        "job_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("q", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("occupation_group", sa.String(length=2), nullable=False),
        sa.Column("job_type", sa.String(length=20), nullable=False),
        sa.Column("meets_languages", sa.Boolean(), nullable=False),
        sa.Column("frequency", sa.String(length=30), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("job_alerts", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_alerts")),
    )
    op.create_index(op.f("ix_job_alerts_user_id"), "job_alerts", ["user_id"])
    op.create_table(
        "job_alert_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        _fk("job_alert_jobs", "alert_id", "job_alerts.id"),
        _fk("job_alert_jobs", "job_id", "jobs.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_alert_jobs")),
        sa.UniqueConstraint("alert_id", "job_id", name="uq_job_alert_job"),
    )
    op.create_table(
        "match_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("match_notices", "job_id", "jobs.id"),
        _fk("match_notices", "candidate_id", "candidate_profiles.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_notices")),
        sa.UniqueConstraint("job_id", "candidate_id", "audience", name="uq_match_notice"),
    )
    op.create_table(
        "notification_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("portal", sa.Boolean(), nullable=False),
        sa.Column("email", sa.String(length=30), nullable=False),
        sa.Column("min_score", sa.SmallInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _fk("notification_preferences", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_preferences")),
        sa.UniqueConstraint(
            "user_id", "category", name="uq_notification_preference_user_category"
        ),
    )
    op.create_table(
        "digest_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("link", sa.String(length=255), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("digest_items", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_items")),
    )
    op.create_index(op.f("ix_digest_items_user_id"), "digest_items", ["user_id"])
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("headers", sa.JSON(), server_default="{}", nullable=False))


def downgrade():
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("headers")
    op.drop_index(op.f("ix_digest_items_user_id"), table_name="digest_items")
    op.drop_table("digest_items")
    op.drop_table("notification_preferences")
    op.drop_table("match_notices")
    op.drop_table("job_alert_jobs")
    op.drop_index(op.f("ix_job_alerts_user_id"), table_name="job_alerts")
    op.drop_table("job_alerts")
