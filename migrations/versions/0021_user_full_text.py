"""full-text index of accounts for the administrators' search

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 13:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    # The same words the application writes (app/blueprints/staff/search.py).
    from app.fulltext import USERS, user_search_text

    bind = op.get_bind()
    for row in bind.execute(sa.text("SELECT id, full_name, email FROM users")).all():
        bind.execute(
            sa.text("UPDATE users SET search_text = :t WHERE id = :i"),
            {"t": user_search_text(row.full_name, row.email), "i": row.id},
        )
    USERS.install(bind)


def downgrade():
    from app.fulltext import USERS

    USERS.drop(op.get_bind())
    with op.batch_alter_table("users") as batch:
        batch.drop_column("search_text")
