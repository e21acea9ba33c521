"""Browser-test harness: the app on a free port, driven by Playwright in Debian's Chromium.

No browser is ever downloaded. When /usr/bin/chromium is missing the browser tests are skipped
with a message naming the package, unless REQUIRE_BROWSER=1 (as in CI), where they fail.
"""

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The application behind the live server, for helpers that are not fixtures (see `login`).
LIVE_APPS: list = []


def confirm_signup(page, email: str) -> None:
    """After "Create my account": the check-your-email page, then the mailed link, opened in
    the same browser (which signs the new account in)."""
    from playwright.sync_api import expect

    from app.extensions import db
    from app.models import OutboxMessage
    from tests.conftest import link_in

    expect(page).to_have_url(re.compile("/inscription/courriel$"))
    expect(page.get_by_text(email)).to_be_visible()
    with LIVE_APPS[0].app_context():
        body = (
            db.session.execute(
                db.select(OutboxMessage.body)
                .where(OutboxMessage.recipient == email)
                .order_by(OutboxMessage.id.desc())
            )
            .scalars()
            .first()
        )
        db.session.remove()
    page.goto(link_in(body))


# Werkzeug's development server, serving a static file to a browser that has already moved on
# (a favicon during a navigation), leaves the file to the garbage collector: a ResourceWarning
# outside any test's code. Only that one is let through; every other warning stays an error.
_STATIC_FILE_LEFT_OPEN = r"ignore:(unclosed file|Exception ignored in).*app/static/"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.filterwarnings(f"{_STATIC_FILE_LEFT_OPEN}:ResourceWarning"))
            item.add_marker(
                pytest.mark.filterwarnings(
                    f"{_STATIC_FILE_LEFT_OPEN}:pytest.PytestUnraisableExceptionWarning"
                )
            )


@pytest.fixture(scope="session")
def live_server(_live) -> str:
    """The base URL of the portal under test."""
    return _live[1]


@pytest.fixture(scope="session")
def live_app(_live):
    """The application behind the live server, for setting up data with the services."""
    return _live[0]


@pytest.fixture(scope="session")
def _live(tmp_path_factory) -> Iterator[tuple]:
    """Serve a fresh portal (migrated, reference and demo data) on a free local port."""
    from flask_migrate import upgrade

    from app.extensions import db
    from app.seed import seed_demo
    from tests.conftest import make_app

    db_path = tmp_path_factory.mktemp("live") / "live.sqlite3"
    app = make_app(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_path}",
        WTF_CSRF_ENABLED=True,
        RATELIMIT_ENABLED=False,
        PROPAGATE_EXCEPTIONS=False,
        UPLOAD_DIR=str(db_path.parent / "uploads"),
    )
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        db.session.remove()
    LIVE_APPS[:] = [app]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Chromium not found: install Debian's 'chromium' package to run the browser tests"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server, locale="fr-CA", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A page the test navigates to may be an error page on purpose; its sub-resources may not.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations: {errors}"


class A11y:
    """Run axe-core on a page; fail on serious or critical violations."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.visited: list[str] = []

    def check(self, page, name: str | None = None) -> None:
        page.wait_for_load_state("networkidle")
        results = self.axe.run(page)
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        self.visited.append(page.url)
        if name:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert bad == [], f"axe violations on {page.url}: {bad}"


@pytest.fixture
def a11y() -> A11y:
    return A11y()


# The innermost elements past the right edge, to say what breaks a reflow.
_OVERFLOWING = """w => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w + 0.5)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > w + 0.5))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
            ' ' + Math.round(e.getBoundingClientRect().right))"""


def assert_reflows(page, width: int = 320, shot: str | None = None) -> None:
    """WCAG 1.4.10: at `width` CSS px the page scrolls only vertically (no horizontal scroll).
    The viewport is put back as it was afterwards; `shot` saves a full-page screenshot."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        page.wait_for_timeout(100)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(_OVERFLOWING, width) if scroll > width else []
        if shot:
            Path(shot).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=shot, full_page=True)
    finally:
        page.set_viewport_size(size)
    assert scroll <= width, f"{page.url} is {scroll}px wide at {width}px: {culprits}"
