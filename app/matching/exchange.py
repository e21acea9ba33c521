"""`flask match rank`: rank an exchange-format document on its own, without the database."""

from datetime import date

from flask_babel import force_locale

from app.matching.explain import explain_many, render_reason
from app.matching.normalise import default_vocabulary, read_data_csv
from app.matching.score import (
    ANYWHERE,
    EDUCATION_RANK,
    PERMIT_SUPPORT,
    CandidatePool,
    CandidateSpec,
    JobSpec,
)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _date(value) -> date | None:
    """An ISO date ('2026-05-01'), None when absent or unreadable."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _choice(value, allowed) -> str | None:
    return value if isinstance(value, str) and value in allowed else None


def job_from_exchange(item: dict) -> JobSpec:
    """Read one job of the exchange format."""
    return JobSpec(
        id=item.get("id"),
        noc=str(item.get("noc") or ""),
        title=item.get("title") or "",
        skills_required=list(item.get("skills_required") or []),
        skills_nice=list(item.get("skills_nice") or []),
        region=str(item.get("region") or ""),
        french_min=_int(item.get("french_level_min")),
        english_min=_int(item.get("english_level_min")),
        experience_min=_int(item.get("experience_years_min")),
        work_permit_required=item.get("work_permit_required", True) is not False,
        start_date=_date(item.get("start_date")),
        employer_neq=str(item.get("employer_neq") or ""),
        permit_support=_choice(item.get("permit_support"), PERMIT_SUPPORT),
        education_min=_choice(item.get("education_min"), EDUCATION_RANK),
    )


def candidate_from_exchange(item: dict) -> CandidateSpec:
    """Read one candidate of the exchange format (desired titles count as occupations)."""
    regions = [str(r) for r in item.get("regions") or []]
    return CandidateSpec(
        id=item.get("id"),
        nocs=[str(n) for n in item.get("noc") or []],
        desired_titles=list(item.get("desired_titles") or []),
        skills=list(item.get("skills") or []),
        summary=item.get("summary") or "",
        french=_int(item.get("french_level")),
        english=_int(item.get("english_level")),
        experience=_int(item.get("experience_years")),
        regions=[ANYWHERE] if ANYWHERE in regions else regions,
        work_status=item.get("work_status"),
        permit_employer_neq=str(item.get("permit_employer_neq") or ""),
        permit_expiry=_date(item.get("permit_expiry")),
        education=_choice(item.get("education"), EDUCATION_RANK),
        credential_recognition=_choice(
            item.get("credential_recognition"), ("none", "in_progress", "recognized")
        ),
    )


def rank_document(document: dict, top: int | None = None, lang: str = "en") -> dict:
    """Return {"rankings": {job_id: [{"candidate", "score", "reasons"}, ...]}}, best first."""
    pool = CandidatePool(
        [candidate_from_exchange(c) for c in document.get("candidates", [])], default_vocabulary()
    )
    rankings = {}
    names = {
        r["code"]: r["name_en" if lang == "en" else "name_fr"] for r in read_data_csv("regions.csv")
    }
    with force_locale("en_CA" if lang == "en" else "fr_CA"):
        for item in document.get("jobs", []):
            job = job_from_exchange(item)
            matches = pool.rank(job, top=top)
            rankings[str(job.id)] = [
                {
                    "candidate": m.candidate_id,
                    "score": m.score,
                    "eligible": m.eligible,
                    "reasons": [render_reason(r, lang, names) for r in reasons],
                }
                for m, reasons in zip(matches, explain_many(pool, job, matches), strict=True)
            ]
    return {"rankings": rankings}
