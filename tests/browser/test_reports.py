"""Program indicators in Chromium: staff filter them, download a CSV and open the funder report."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_journeys import login

STAFF = "personnel@demo.maillage.example"


def test_staff_filter_the_indicators_download_a_csv_and_print_the_report(page, a11y):
    login(page, STAFF)
    page.get_by_role("link", name=re.compile("^(Indicateurs|Indicators)$")).click()
    expect(page).to_have_url(re.compile("/programme/indicateurs$"))
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("table caption").first).to_be_visible()
    a11y.check(page, "indicators-fr")

    # A filter change reloads the results in place and puts the filters in the address.
    page.locator("#region").select_option("02")
    expect(page).to_have_url(re.compile(r"region=02"))
    csv_link = page.locator('a[href*="/programme/indicateurs/activity.csv"]')
    expect(csv_link).to_have_attribute("href", re.compile("region=02"))
    expect(page.locator("#results [role=status]")).to_contain_text("Saguenay")
    a11y.check(page, "indicators-region-fr")

    with page.expect_download() as info:
        csv_link.click()
    download = info.value
    assert re.match(
        r"maillage-activity-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$", download.suggested_filename
    )
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7 and all(len(r) == 2 for r in rows)  # a header and six indicators
    assert all(re.fullmatch(r"\d+|<5", value) for _, value in rows[1:]), rows

    # Bad input keeps what was typed and says why, without losing the page.
    page.goto("/programme/indicateurs?from=2026-06-01&to=2026-01-01&region=02")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#from")).to_have_value("2026-06-01")
    a11y.check(page, "indicators-error-fr")

    page.goto("/programme/indicateurs?region=02")
    page.locator('a[href*="/programme/indicateurs/rapport"]').click()
    expect(page).to_have_url(re.compile(r"/programme/indicateurs/rapport\?.*region=02"))
    expect(page.locator("table")).to_have_count(9)
    a11y.check(page, "indicators-report-fr")
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("table").first).to_be_visible()
    page.screenshot(path="test-artifacts/indicators-report-print.png", full_page=True)
