"""conversations: messages between a candidate and an employer or their partner advisor,
their attachments, read marks and reports; a document on each funding checklist item

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 13:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _fk(table, column, target):
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade():
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        _fk("conversations", "candidate_id", "candidate_profiles"),
        _fk("conversations", "organisation_id", "employer_organisations"),
        _fk("conversations", "case_id", "case_files"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sa.UniqueConstraint("case_id", name=op.f("uq_conversations_case_id")),
        sa.UniqueConstraint(
            "candidate_id", "organisation_id", name="uq_conversation_candidate_org"
        ),
    )
    for column in ("candidate_id", "organisation_id", "last_message_at"):
        op.create_index(op.f(f"ix_conversations_{column}"), "conversations", [column])

    op.create_table(
        "conversation_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "side",
            sa.Enum(
                "candidate", "employer", "partner",
                name="messageside", native_enum=False, length=30,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        _fk("conversation_messages", "conversation_id", "conversations"),
        _fk("conversation_messages", "author_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_messages")),
    )
    for column in ("conversation_id", "author_id"):
        op.create_index(
            op.f(f"ix_conversation_messages_{column}"), "conversation_messages", [column]
        )

    op.create_table(
        "message_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("file_key", sa.String(80), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        _fk("message_attachments", "message_id", "conversation_messages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_attachments")),
    )
    op.create_index(
        op.f("ix_message_attachments_message_id"), "message_attachments", ["message_id"]
    )

    op.create_table(
        "conversation_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("last_read_id", sa.Integer(), nullable=False),
        _fk("conversation_reads", "conversation_id", "conversations"),
        _fk("conversation_reads", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_reads")),
        sa.UniqueConstraint("conversation_id", "user_id", name="uq_conversation_read_user"),
    )
    op.create_index(op.f("ix_conversation_reads_user_id"), "conversation_reads", ["user_id"])

    op.create_table(
        "message_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        _fk("message_reports", "message_id", "conversation_messages"),
        _fk("message_reports", "reporter_id", "users"),
        _fk("message_reports", "handled_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_reports")),
    )
    for column in ("message_id", "reporter_id", "handled_at"):
        op.create_index(op.f(f"ix_message_reports_{column}"), "message_reports", [column])

    with op.batch_alter_table("funding_info_items") as batch:
        batch.add_column(sa.Column("document_key", sa.String(80), nullable=True))
        batch.add_column(sa.Column("document_mime", sa.String(100), nullable=True))
        batch.add_column(sa.Column("document_name", sa.String(255), nullable=True))
        batch.add_column(sa.Column("document_size", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("funding_info_items") as batch:
        for column in ("document_size", "document_name", "document_mime", "document_key"):
            batch.drop_column(column)
    for column in ("handled_at", "reporter_id", "message_id"):
        op.drop_index(op.f(f"ix_message_reports_{column}"), table_name="message_reports")
    op.drop_table("message_reports")
    op.drop_index(op.f("ix_conversation_reads_user_id"), table_name="conversation_reads")
    op.drop_table("conversation_reads")
    op.drop_index(op.f("ix_message_attachments_message_id"), table_name="message_attachments")
    op.drop_table("message_attachments")
    for column in ("author_id", "conversation_id"):
        op.drop_index(
            op.f(f"ix_conversation_messages_{column}"), table_name="conversation_messages"
        )
    op.drop_table("conversation_messages")
    for column in ("last_message_at", "organisation_id", "candidate_id"):
        op.drop_index(op.f(f"ix_conversations_{column}"), table_name="conversations")
    op.drop_table("conversations")
