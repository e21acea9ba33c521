"""Jobs as other sites read them: schema.org JobPosting data, Atom feeds, and the sitemap's entries.

JobPosting follows the properties search engines document for job postings (required: title,
description, datePosted, hiringOrganization, jobLocation; recommended: validThrough,
employmentType, baseSalary, identifier, directApply), with the language of the posting.
"""

from datetime import UTC, datetime, time
from decimal import Decimal

from app.clock import PROGRAM_TZ
from app.extensions import db
from app.models import Job, JobType, SalaryUnit
from app.urls import external_url

FULL_TIME_HOURS = Decimal(30)
FEED_SIZE = 50


def _employment_type(job: Job) -> list[str]:
    types = []
    if job.hours_per_week is not None:
        types.append("FULL_TIME" if job.hours_per_week >= FULL_TIME_HOURS else "PART_TIME")
    if job.job_type in (JobType.TEMPORARY, JobType.SEASONAL):
        types.append("TEMPORARY")
    return types or ["FULL_TIME"]


def _salary(job: Job) -> dict | None:
    if job.salary_min is None and job.salary_max is None:
        return None
    value: dict = {
        "@type": "QuantitativeValue",
        "unitText": "HOUR" if job.salary_unit == SalaryUnit.HOURLY else "YEAR",
    }
    if job.salary_min is not None and job.salary_max is not None:
        value |= {"minValue": float(job.salary_min), "maxValue": float(job.salary_max)}
    else:
        value["value"] = float(job.salary_min if job.salary_min is not None else job.salary_max)
    return {"@type": "MonetaryAmount", "currency": "CAD", "value": value}


def job_posting(job: Job, locale: str) -> dict:
    """The schema.org JobPosting of an open job, in the page's language."""
    lang = "en" if locale.startswith("en") else "fr"
    org = job.organisation
    hiring: dict = {"@type": "Organization", "name": org.name}
    if org.is_approved:
        hiring["sameAs"] = external_url("employers.public_profile", org_id=org.id, lang_code=lang)
    address = {
        "@type": "PostalAddress",
        "addressRegion": "QC",
        "addressCountry": "CA",
    }
    if job.municipality is not None:
        address["addressLocality"] = job.municipality.name
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title(locale),
        "description": job.description(locale) or job.title(locale),
        "inLanguage": f"{lang}-CA",
        "identifier": {"@type": "PropertyValue", "name": "Maillage", "value": str(job.id)},
        "url": external_url("jobs.detail", job_id=job.id, lang_code=lang),
        "datePosted": (job.published_at or job.created_at).date().isoformat(),
        "employmentType": _employment_type(job),
        "hiringOrganization": hiring,
        "jobLocation": {
            "@type": "Place",
            "address": address,
            "containedInPlace": {"@type": "AdministrativeArea", "name": job.region.name(locale)},
        },
        "occupationalCategory": f"NOC 2021 {job.noc}",
        "directApply": True,
        "totalJobOpenings": job.positions,
    }
    if job.closing_date is not None:
        # Open until the end of its closing day, Québec time.
        end = datetime.combine(job.closing_date, time(23, 59), tzinfo=PROGRAM_TZ)
        data["validThrough"] = end.isoformat()
    if job.start_date is not None:
        data["jobStartDate"] = job.start_date.isoformat()
    if job.skills_required:
        data["skills"] = ", ".join(job.skills_required)
    salary = _salary(job)
    if salary:
        data["baseSalary"] = salary
    return data


def feed_jobs(today, region: str | None = None) -> list[Job]:
    """The most recently published open jobs, for a feed (one query)."""
    from sqlalchemy.orm import joinedload

    from app.blueprints.jobs.services import open_jobs_query

    stmt = open_jobs_query(today).options(
        joinedload(Job.organisation), joinedload(Job.region), joinedload(Job.municipality)
    )
    if region:
        stmt = stmt.where(Job.region_code == region)
    stmt = stmt.order_by(Job.published_at.desc(), Job.id.desc()).limit(FEED_SIZE)
    return list(db.session.execute(stmt).scalars())


def atom_time(value: datetime | None) -> str:
    return (value or datetime(2026, 1, 1, tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


def sitemap_jobs(today) -> list[tuple[int, datetime | None]]:
    """(id, last change) of every open job."""
    from app.blueprints.jobs.services import open_jobs_query

    stmt = open_jobs_query(today).with_only_columns(Job.id, Job.updated_at).order_by(Job.id)
    return [(row.id, row.updated_at) for row in db.session.execute(stmt)]
