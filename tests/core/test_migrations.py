"""The migrations build the same schema as the models, on SQLite and on PostgreSQL."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app.extensions import db
from app.fulltext import is_index_object
from tests.conftest import IS_POSTGRES, TEST_DB_URL, make_app


@pytest.fixture
def empty_database_url(tmp_path):
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"maillage_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(TEST_DB_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield TEST_DB_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def include_object(obj, name, type_, reflected, compare_to):
    return not is_index_object(name)


def _assert_full_text_index(engine) -> None:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'jobs'")
            ).scalars()
            assert {"jobs_fts_insert", "jobs_fts_delete", "jobs_fts_update"} <= set(triggers)
        else:
            columns = {c["name"] for c in inspect(conn).get_columns("jobs")}
            assert "search_vector" in columns


def test_upgrade_matches_models_and_downgrade_is_clean(empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object}
            )
            diff = compare_metadata(ctx, db.metadata)
        assert diff == []
        assert "users" in inspect(db.engine).get_table_names()
        # The full-text index of jobs survives every later migration (SQLite's batch mode copies
        # a table and loses its triggers: such a migration must reinstall the index).
        _assert_full_text_index(db.engine)
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.session.remove()
        db.engine.dispose()
