"""A job page at its English address, reached from the French one by the language switch link."""

import re

from playwright.sync_api import expect

from app.extensions import db


def _open_job_id(live_app) -> int:
    from app.blueprints.jobs.publishing import sitemap_jobs
    from app.clock import today

    with live_app.app_context():
        jobs = sitemap_jobs(today())
        db.session.remove()
    assert jobs, "the demo data should have open jobs"
    return jobs[0][0]


def _alternates(page) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('link[rel=alternate][hreflang]')]"
        ".map(l => [l.hreflang, l.getAttribute('href')]))"
    )


def test_a_job_page_in_english_by_the_switch_link(page, a11y, live_app):
    job_id = _open_job_id(live_app)
    root = live_app.config["PUBLIC_URL"].rstrip("/")
    page.goto(f"/postes/{job_id}?source=courriel")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    french = {
        "fr-CA": f"{root}/postes/{job_id}?source=courriel",
        "en-CA": f"{root}/en/jobs/{job_id}?source=courriel",
        "x-default": f"{root}/postes/{job_id}?source=courriel",
    }
    assert _alternates(page) == french
    switch = page.get_by_role("link", name="English", exact=True)
    expect(switch).to_have_attribute("hreflang", "en-CA")
    expect(switch).to_have_attribute("lang", "en")
    switch.focus()
    page.keyboard.press("Enter")  # a plain link: the keyboard follows it
    expect(page).to_have_url(re.compile(rf"/en/jobs/{job_id}\?source=courriel$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    expect(page.get_by_role("link", name="Jobs", exact=True).first).to_have_attribute(
        "href", "/en/jobs"
    )
    assert _alternates(page) == french  # the same pair, both ways
    a11y.check(page, "job-en-address")
    back = page.get_by_role("link", name="Français", exact=True)
    expect(back).to_have_attribute("hreflang", "fr-CA")
    back.click()
    expect(page).to_have_url(re.compile(rf"/postes/{job_id}\?source=courriel$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    a11y.check(page, "job-fr-address")
