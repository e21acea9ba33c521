"""Fixtures: app, client, auth, and factories that return callables.

Each test gets an isolated database: a fresh in-memory SQLite database by default, or, when
TEST_DATABASE_URL points to PostgreSQL, the shared schema emptied after every test.
"""

import os
import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.clock import today as program_today
from app.config import TestConfig
from app.extensions import db
from app.models import OutboxMessage, PartnerOrganisation, Role, User

TEST_DB_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
IS_POSTGRES = TEST_DB_URL.startswith("postgresql")


def _worker_database(url: str, worker: str) -> str:
    """Under pytest-xdist each worker empties its own PostgreSQL database after every test:
    '<name>_<worker>' beside the one given, created on first use."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not found:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


if IS_POSTGRES and os.environ.get("PYTEST_XDIST_WORKER"):
    TEST_DB_URL = _worker_database(TEST_DB_URL, os.environ["PYTEST_XDIST_WORKER"])
    os.environ["TEST_DATABASE_URL"] = TEST_DB_URL  # for subprocesses a test starts
PASSWORD = "correct horse battery"


class IsolatedClient(FlaskClient):
    """A test client whose requests start with a clean `g`.

    Tests keep an app context pushed (to use db.session directly), and Flask reuses a pushed
    context for requests, so per-request caches in `g` (the signed-in user, the locale) would
    otherwise leak from one request, or one client, to the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)


def make_app(**overrides) -> Flask:
    """Build a test application with optional configuration overrides."""
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = TEST_DB_URL  # the worker's own database under xdist
    for key, value in overrides.items():
        setattr(config, key, value)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


@pytest.fixture(scope="session")
def _postgres_schema() -> Iterator[None]:
    if not IS_POSTGRES:
        yield
        return
    app = make_app()
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        db.session.remove()
        db.engine.dispose()
    yield
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _empty_postgres() -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.remove()
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture
def app_factory(_postgres_schema) -> Iterator[Callable[..., Flask]]:
    """Return a callable building an app (with config overrides) on the isolated database."""
    contexts = []

    def factory(**overrides) -> Flask:
        from app.blueprints.matching.services import _POOL_CACHE

        _POOL_CACHE.clear()
        app = make_app(**overrides)
        ctx = app.app_context()
        ctx.push()
        contexts.append(ctx)
        if not IS_POSTGRES:
            db.create_all()
        return app

    yield factory
    for ctx in reversed(contexts):
        if IS_POSTGRES:
            _empty_postgres()
        else:
            db.session.remove()
            db.drop_all()
        db.session.remove()
        # Each test builds its own engine: close its pooled connections now, not at GC time.
        db.engine.dispose()
        ctx.pop()


@pytest.fixture
def app(app_factory) -> Flask:
    return app_factory()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(params=["fr", "en"])
def lang(request) -> str:
    """Run a view test once in French and once in English."""
    return request.param


@pytest.fixture
def lclient(app: Flask, lang: str) -> FlaskClient:
    """A client whose browser asks for the `lang` language, and chose it with the switch (a
    French address is French otherwise: only an /en/ address or a choice makes it English)."""
    c = app.test_client()
    c.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-CA,fr;q=0.9" if lang == "fr" else "en-CA,en;q=0.9"
    with c.session_transaction() as session:
        session["lang"] = f"{lang}_CA"
    return c


@pytest.fixture
def reference(app: Flask) -> None:
    """Load the reference data (regions, municipalities, occupations, partners)."""
    from app.seed import seed_reference

    seed_reference()
    db.session.commit()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Return a factory creating a committed, verified account."""
    from app.blueprints.auth.services import create_user

    counter = iter(range(1, 10_000))

    def factory(
        role: Role = Role.CANDIDATE,
        email: str | None = None,
        locale: str = "fr_CA",
        partner: PartnerOrganisation | None = None,
        verified: bool = True,
        **attrs,
    ) -> User:
        n = next(counter)
        if role == Role.PARTNER and partner is None:
            partner = db.session.execute(db.select(PartnerOrganisation)).scalars().first()
            if partner is None:
                partner = PartnerOrganisation(code=f"p{n}", name=f"Partner {n}")
                db.session.add(partner)
        user = create_user(
            email or f"{role.value}{n}@example.org",
            PASSWORD,
            attrs.pop("full_name", f"Person {n}"),
            role,
            locale,
            partner=partner,
            verified=verified,
        )
        for key, value in attrs.items():
            setattr(user, key, value)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def auth(client: FlaskClient):
    """Sign the test client in and out."""

    class Auth:
        def login(self, user_or_email, password: str = PASSWORD, **extra):
            email = user_or_email if isinstance(user_or_email, str) else user_or_email.email
            return client.post("/connexion", data={"email": email, "password": password, **extra})

        def logout(self):
            return client.post("/deconnexion")

    return Auth()


@pytest.fixture
def outbox(app: Flask) -> Callable[[str], list[OutboxMessage]]:
    """Return a callable listing the mail sent to an address, oldest first."""

    def read(recipient: str) -> list[OutboxMessage]:
        return list(
            db.session.execute(
                db.select(OutboxMessage)
                .where(OutboxMessage.recipient == recipient)
                .order_by(OutboxMessage.id)
            ).scalars()
        )

    return read


def link_in(body: str) -> str:
    """Return the path of the first portal link in a mail body."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


@pytest.fixture
def count_queries(app):
    """Return a context manager counting the SQL statements run inside it."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counter():
        statements: list[str] = []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

    return counter


@pytest.fixture
def make_employer(app, make_user, reference):
    """Return a factory creating an employer user who owns a new organisation (approved by
    default, as most tests need; pass `vetting=VettingStatus.PENDING` for a new one)."""
    from app.models import (
        EmployerMembership,
        EmployerOrganisation,
        MembershipRole,
        MembershipStatus,
        VettingStatus,
    )

    counter = iter(range(1, 10_000))

    def factory(
        region: str = "02",
        name: str | None = None,
        vetting: VettingStatus = VettingStatus.APPROVED,
        **user_attrs,
    ):
        n = next(counter)
        user = make_user(Role.EMPLOYER, **user_attrs)
        org = EmployerOrganisation(
            name=name or f"Entreprise {n}",
            neq=f"11{n:08d}",
            region_code=region,
            vetting_status=vetting,
        )
        db.session.add(
            EmployerMembership(
                user=user,
                organisation=org,
                role=MembershipRole.OWNER,
                status=MembershipStatus.ACTIVE,
            )
        )
        db.session.commit()
        return user

    return factory


@pytest.fixture
def make_job(app, reference):
    """Return a factory creating a published job for an organisation."""
    from datetime import timedelta

    from app.blueprints.jobs.services import JobData, change_job_status, create_job
    from app.models import JobStatus

    def factory(organisation, publish: bool = True, **fields):
        data = JobData(
            title_fr=fields.pop("title_fr", "Soudeur ou soudeuse"),
            title_en=fields.pop("title_en", "Welder"),
            noc=fields.pop("noc", "72106"),
            region_code=fields.pop("region_code", organisation.region_code),
            closing_date=fields.pop("closing_date", program_today() + timedelta(days=30)),
            **fields,
        )
        job = create_job(organisation, data)
        if publish:
            change_job_status(job, JobStatus.PUBLISHED, program_today())
        db.session.commit()
        return job

    return factory


@pytest.fixture
def make_candidate(app, make_user, reference):
    """Return a factory creating a candidate account with a profile."""
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )

    def factory(staff_review: bool = True, **fields):
        user = make_user(
            Role.CANDIDATE,
            **{k: fields.pop(k) for k in ("email", "locale", "full_name") if k in fields},
        )
        profile = get_profile(user)
        data = ProfileData(
            french_level=fields.pop("french_level", 8),
            english_level=fields.pop("english_level", 5),
            **fields,
        )
        update_profile(profile, data)
        if staff_review:
            set_consents(profile, True, False)
        db.session.commit()
        return user

    return factory


def sign_in_demo(client: FlaskClient, email: str):
    """Sign a demo account in, giving the two-step code when the account has one."""
    import pyotp

    from app.blueprints.auth.services import find_user_by_email
    from app.seed import DEMO_PASSWORD, DEMO_TOTP_SECRET

    r = client.post("/connexion", data={"email": email, "password": DEMO_PASSWORD})
    if r.headers.get("Location", "").endswith("/connexion/code"):
        # A code is good once: reset the replay guard instead of waiting for the next one.
        find_user_by_email(email).totp_last_counter = None
        db.session.commit()
        r = client.post("/connexion/code", data={"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
    return r
