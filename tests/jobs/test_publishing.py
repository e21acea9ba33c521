"""Jobs as other sites read them: JobPosting JSON-LD, Atom feeds, the sitemap and robots.txt."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import JobStatus, JobType, SalaryUnit

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# Search engines' documented properties for a job posting.
REQUIRED = {"title", "description", "datePosted", "hiringOrganization", "jobLocation"}
RECOMMENDED = {"validThrough", "employmentType", "baseSalary", "identifier", "directApply"}


def _xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - the portal's own output, in a test


def _json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture
def job(make_employer, make_job):
    org = make_employer(region="02").organisation
    return make_job(
        org,
        title_fr="Soudeur ou soudeuse <b>MIG</b>",
        title_en="MIG welder",
        description_fr="Soudure de pièces & assemblages.",
        description_en="Welding parts.",
        salary_min=Decimal("24.50"),
        salary_max=Decimal("29.00"),
        salary_unit=SalaryUnit.HOURLY,
        hours_per_week=Decimal(40),
        job_type=JobType.PERMANENT,
    )


def test_an_open_job_page_carries_a_complete_job_posting(client, job):
    data = _json_ld(client.get(f"/postes/{job.id}").get_data(as_text=True))
    assert data["@type"] == "JobPosting" and data["@context"] == "https://schema.org/"
    assert REQUIRED <= set(data) and RECOMMENDED <= set(data)
    assert data["title"] == "Soudeur ou soudeuse <b>MIG</b>" and data["inLanguage"] == "fr-CA"
    assert data["employmentType"] == ["FULL_TIME"] and data["directApply"] is True
    assert data["hiringOrganization"]["name"] == job.organisation.name
    assert data["jobLocation"]["address"]["addressRegion"] == "QC"
    assert data["jobLocation"]["containedInPlace"]["name"] == job.region.name("fr_CA")
    salary = data["baseSalary"]
    assert salary["currency"] == "CAD" and salary["value"]["unitText"] == "HOUR"
    assert salary["value"]["minValue"] == 24.5 and salary["value"]["maxValue"] == 29.0
    assert data["validThrough"].startswith(job.closing_date.isoformat())
    assert data["datePosted"] == job.published_at.date().isoformat()


def test_the_json_ld_cannot_break_out_of_its_script(client, make_employer, make_job):
    job = make_job(make_employer().organisation, title_fr="</script><script>alert(1)</script>")
    html = client.get(f"/postes/{job.id}").get_data(as_text=True)
    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)["title"] == "</script><script>alert(1)</script>"


def test_the_posting_is_in_the_readers_language(client, job):
    client.post("/langue", data={"lang": "en"})
    data = _json_ld(client.get(f"/postes/{job.id}").get_data(as_text=True))
    assert data["title"] == "MIG welder" and data["inLanguage"] == "en-CA"
    assert data["description"] == "Welding parts."
    assert data["url"].endswith(f"/en/jobs/{job.id}")
    assert data["hiringOrganization"]["sameAs"].endswith(f"/en/employers/{job.organisation.id}")


def test_the_english_address_carries_the_english_posting(client, job):
    data = _json_ld(client.get(f"/en/jobs/{job.id}").get_data(as_text=True))
    assert data["inLanguage"] == "en-CA" and data["url"].endswith(f"/en/jobs/{job.id}")
    french = _json_ld(client.get(f"/postes/{job.id}").get_data(as_text=True))
    assert french["inLanguage"] == "fr-CA" and french["url"].endswith(f"/postes/{job.id}")


def test_a_closed_job_has_no_posting(client, job):
    from app.blueprints.jobs.services import change_job_status
    from app.clock import today

    change_job_status(job, JobStatus.CLOSED, today())
    db.session.commit()
    html = client.get(f"/postes/{job.id}").get_data(as_text=True)
    assert "application/ld+json" not in html


def test_feeds_overall_and_per_region_in_both_languages(client, job, make_employer, make_job):
    other = make_job(make_employer(region="05").organisation, title_fr="Cuisinier", title_en="Cook")
    response = client.get("/postes/flux.atom")
    assert response.mimetype == "application/atom+xml"
    feed = _xml(response.data)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert {"Soudeur ou soudeuse <b>MIG</b>", "Cuisinier"} <= set(titles)  # escaped, then parsed
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr-CA"
    english = _xml(client.get("/postes/flux.atom?region=05&lang=en").data)
    entries = list(english.iter(f"{ATOM}entry"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Cook"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/en/jobs/{other.id}")  # the English feed links to English pages
    assert "Estrie" in english.findtext(f"{ATOM}title")
    # Its own English address gives the same feed.
    at_english = _xml(client.get("/en/jobs/feed.atom?region=05").data)
    assert [e.findtext(f"{ATOM}title") for e in at_english.iter(f"{ATOM}entry")] == ["Cook"]
    assert at_english.find(f"{ATOM}link[@rel='self']").get("href").endswith(
        "/en/jobs/feed.atom?region=05"
    )
    french_link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert "/en/" not in french_link and "/postes/" in french_link
    assert client.get("/postes/flux.atom?region=06").status_code == 404  # Montréal is not served
    assert client.get("/postes/flux.atom?region=zz").status_code == 404


def test_the_board_points_to_its_feed(client, job):
    html = client.get("/postes").get_data(as_text=True)
    assert 'type="application/atom+xml"' in html and "/postes/flux.atom" in html
    html = client.get("/en/jobs").get_data(as_text=True)
    assert 'href="/en/jobs/feed.atom"' in html


def test_sitemap_lists_public_pages_and_open_jobs_only(client, job, make_employer, make_job):
    from app.models.orgs import VettingStatus

    draft = make_job(job.organisation, publish=False, title_fr="Brouillon")
    pending = make_employer(vetting=VettingStatus.PENDING).organisation
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    locs = [u.findtext(f"{SITEMAP}loc") for u in _xml(response.data).iter(f"{SITEMAP}url")]
    assert any(loc.endswith(f"/postes/{job.id}") for loc in locs)
    assert not any(loc.endswith(f"/postes/{draft.id}") for loc in locs)
    assert any(loc.endswith(f"/employeurs/{job.organisation.id}") for loc in locs)
    assert not any(loc.endswith(f"/employeurs/{pending.id}") for loc in locs)
    assert any(loc.endswith("/postes") for loc in locs) and any("/regions/" in loc for loc in locs)


def test_sitemap_lists_each_page_in_both_languages_with_its_alternates(client, job):
    urls = list(_xml(client.get("/sitemap.xml").data).iter(f"{SITEMAP}url"))
    by_loc = {u.findtext(f"{SITEMAP}loc"): u for u in urls}
    french = next(loc for loc in by_loc if loc.endswith(f"/postes/{job.id}"))
    english = next(loc for loc in by_loc if loc.endswith(f"/en/jobs/{job.id}"))
    assert any(loc.endswith("/en/") for loc in by_loc) and any(
        loc.endswith("/en/regions/") for loc in by_loc
    )
    assert len(by_loc) == len(urls) and len(urls) % 2 == 0
    for loc in (french, english):
        links = {
            a.get("hreflang"): a.get("href")
            for a in by_loc[loc].iter(f"{XHTML}link")
            if a.get("rel") == "alternate"
        }
        assert links == {"fr-CA": french, "en-CA": english, "x-default": french}
        assert by_loc[loc].findtext(f"{SITEMAP}lastmod")


def test_robots_keeps_private_areas_out(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    for path in ("/compte/", "/programme/", "/candidat/", "/employeurs/postes", "/partenaires/"):
        assert f"Disallow: {path}\n" in text
    for path in ("/en/account/", "/en/program/", "/en/candidate/", "/en/employers/jobs"):
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /postes" not in text.replace("/employeurs/postes", "")
    assert "Disallow: /en/jobs" not in text.replace("/en/employers/jobs", "")
    assert re.search(r"^Sitemap: http\S+/sitemap\.xml$", text, re.M)
