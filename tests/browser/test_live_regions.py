"""Live regions survive htmx swaps and say a short summary (WCAG 4.1.3)."""

import re

from playwright.sync_api import expect


def test_board_status_is_kept_across_swaps_and_says_the_count(page, a11y):
    page.goto("/postes")
    status = page.locator("#results-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(r"^\d+ postes? à pourvoir$"))
    # Mark the element: after the swap it must be the same node, with new text.
    page.evaluate("document.getElementById('results-status').dataset.kept = 'yes'")
    with page.expect_response(re.compile(r"/postes\?")):
        page.get_by_label("Mots-clés").fill("zzzz introuvable")
    expect(status).to_have_text("0 poste à pourvoir")
    assert page.evaluate("document.getElementById('results-status').dataset.kept") == "yes"
    assert page.locator("#results-status").count() == 1
    assert page.evaluate("document.getElementById('results').getAttribute('aria-live')") is None
    a11y.check(page)
