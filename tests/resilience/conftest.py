"""Fixtures for failure and scale-out tests: a real Redis server, and apps sharing one database."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.conftest import IS_POSTGRES, TEST_DB_URL

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """Start a throwaway redis-server (no persistence) and return its URL."""
    if not os.path.exists(REDIS_SERVER):
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("redis-server is required (REQUIRE_REDIS=1): apt-get install redis-server")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - a fixed binary and our own arguments
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    client = Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except Exception:  # noqa: BLE001 - not up yet
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server) -> Iterator[str]:
    """The test Redis, emptied before each test."""
    from redis import Redis

    client = Redis.from_url(redis_server)
    client.flushall()
    client.close()
    yield redis_server


@pytest.fixture
def dead_redis_url() -> str:
    """A Redis URL where nothing listens."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def shared_db_url(tmp_path) -> str:
    """A database several app instances can open at once (a SQLite file, or the test PostgreSQL)."""
    return TEST_DB_URL if IS_POSTGRES else f"sqlite:///{tmp_path}/shared.sqlite3"


@pytest.fixture(autouse=True)
def _limiter_storage_alive():
    """The limiter is one object per process: a test that killed its storage must not leak that."""
    yield
    from app.extensions import limiter

    limiter._storage_dead = False
