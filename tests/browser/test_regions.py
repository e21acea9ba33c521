"""Region media in Chromium: play, switch captions, seek from the transcript, filter the library."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Video

pytestmark = pytest.mark.skipif(
    not shutil.which("ffmpeg"), reason="Debian package ffmpeg not installed"
)


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll an expression with page.evaluate (wait_for_function needs eval, which our CSP forbids)."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def _demo_video_id(live_app) -> int:
    with live_app.app_context():
        video = (
            db.session.execute(db.select(Video).where(Video.region_code == "02")).scalars().first()
        )
        assert video is not None, "flask seed demo should create demo videos when ffmpeg is present"
        return video.id


def test_play_switch_captions_and_seek_from_the_transcript(page, a11y, live_app):
    video_id = _demo_video_id(live_app)
    page.goto(f"/regions/videos/{video_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bienvenue au Saguenay–Lac-Saint-Jean"
    )
    a11y.check(page, "player-fr")
    player = page.locator("#player")
    wait_until(page, "document.getElementById('player').readyState >= 1")
    # The viewer's language is the default caption track.
    assert page.evaluate(
        "[...document.getElementById('player').textTracks].map(t => [t.language, t.mode])"
    ) == [["fr", "showing"], ["en", "disabled"]]
    page.evaluate("v => { v.muted = true; return v.play(); }", player.element_handle())
    wait_until(page, "document.getElementById('player').currentTime > 0.2")
    page.evaluate("document.getElementById('player').pause()")

    page.get_by_role("radio", name="English").check()
    assert page.evaluate(
        "[...document.getElementById('player').textTracks].map(t => [t.language, t.mode])"
    ) == [["fr", "disabled"], ["en", "showing"]]

    line = page.get_by_role("button", name=re.compile("Nous vous accompagnons"))
    line.click()
    wait_until(page, "Math.abs(document.getElementById('player').currentTime - 2.0) < 0.3")
    wait_until(page, "document.querySelector('[aria-current=true]') !== null")
    expect(page.locator(".cue[aria-current='true']")).to_contain_text("Nous vous accompagnons")
    line.focus()
    page.keyboard.press("Enter")  # the transcript works from the keyboard too
    wait_until(page, "Math.abs(document.getElementById('player').currentTime - 2.0) < 0.3")

    # The player itself is played from the keyboard: its own buttons, reached with Tab.
    page.evaluate("document.getElementById('player').muted = true")
    assert page.evaluate("document.getElementById('player').tabIndex") == 0
    toggle = page.get_by_role("button", name="Lire la vidéo")
    toggle.focus()
    page.keyboard.press("Enter")
    wait_until(page, "!document.getElementById('player').paused")
    expect(page.get_by_role("button", name="Mettre la vidéo en pause")).to_be_focused()
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('player').paused")
    before = page.evaluate("document.getElementById('player').currentTime")
    assert before > 1
    page.get_by_role("button", name="Reculer de 10 secondes").focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('player').currentTime < 0.1")

    with page.expect_response(re.compile(r"/fichier$")) as response:
        page.reload()
    assert response.value.status in (200, 206)


def test_filter_the_library_with_htmx_in_both_languages(page, a11y, live_app):
    page.goto("/regions/videos")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vidéos sur les régions")
    expect(page.locator("#results .video-card")).to_have_count(2)
    page.get_by_label("Région").select_option("12")
    expect(page).to_have_url(re.compile(r"region=12"))
    expect(page.locator("#results .video-card")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Visite de la Beauce")
    a11y.check(page, "library-fr")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(re.compile(r"region=12"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Videos about the regions")
    page.get_by_label("Kind of video").select_option("organisation")
    expect(page).to_have_url(re.compile(r"kind=organisation"))
    expect(page.locator("#results .video-card")).to_have_count(0)
    page.get_by_label("Region").select_option("")
    expect(page.locator("#results .video-card")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Welcome to Saguenay–Lac-Saint-Jean")
    a11y.check(page, "library-en")
    page.goto("/regions/saguenay-lac-saint-jean")
    expect(page.get_by_text("Mariana")).to_be_visible()
    a11y.check(page, "region-en")


def test_play_pause_and_captions_from_the_keyboard_alone(page, a11y, live_app):
    """No mouse: Tab to the player's buttons, Space and Enter to play and pause, arrow keys in
    the caption choice to turn captions off and on again (English, then French)."""
    video_id = _demo_video_id(live_app)
    page.goto(f"/regions/videos/{video_id}")
    wait_until(page, "document.getElementById('player').readyState >= 1")
    page.evaluate("document.getElementById('player').muted = true")
    tracks = "[...document.getElementById('player').textTracks].map(t => t.mode)"
    # From the video itself (focusable, then its native controls), Tab reaches the play button.
    page.locator("#player").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "play-toggle":
            break
    expect(page.get_by_role("button", name="Lire la vidéo")).to_be_focused()
    page.keyboard.press("Space")
    wait_until(page, "!document.getElementById('player').paused")
    expect(page.get_by_role("button", name="Mettre la vidéo en pause")).to_be_focused()
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('player').paused")
    # Tab past the two seek buttons into the caption choice (French is on: the page's language).
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="Français")).to_be_focused()
    assert page.evaluate(tracks) == ["showing", "disabled"]
    page.keyboard.press("ArrowDown")  # English
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    assert page.evaluate(tracks) == ["disabled", "showing"]
    page.keyboard.press("ArrowDown")  # None: captions off
    expect(page.get_by_role("radio", name="Aucun")).to_be_checked()
    assert page.evaluate(tracks) == ["disabled", "disabled"]
    page.keyboard.press("ArrowDown")  # back to French: captions on again
    expect(page.get_by_role("radio", name="Français")).to_be_checked()
    assert page.evaluate(tracks) == ["showing", "disabled"]
    # Shift+Tab goes back to the play button, and Space plays again with captions showing.
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Lire la vidéo")).to_be_focused()
    page.keyboard.press("Space")
    wait_until(page, "!document.getElementById('player').paused")
    a11y.check(page)
