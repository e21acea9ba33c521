"""Matching in the portal: build the engine's inputs from the database, store and read results."""

import json
import logging
from collections.abc import Iterator

from sqlalchemy import delete, insert
from sqlalchemy.orm import joinedload, selectinload

from app.audit import record_event
from app.blueprints.matching.notices import send_match_notices
from app.bulk import insert_rows, rows_replaced, stored
from app.clock import today
from app.dbstats import analyze
from app.errors import DomainError
from app.extensions import db
from app.matching.normalise import default_vocabulary
from app.matching.score import ANYWHERE, CandidatePool, CandidateSpec, JobPool, JobSpec
from app.models import (
    ApplyInvitation,
    AuditEvent,
    CandidateProfile,
    CredentialRecognition,
    Job,
    MatchResult,
    User,
)
from app.models.base import utcnow
from app.models.candidates import (
    EducationLevel,
    WorkStatus,
    candidate_occupations,
    candidate_regions,
)

log = logging.getLogger("maillage.tasks")

TOP_PER_JOB = 200
TOP_PER_CANDIDATE = 50


# The portal's recognition states in the engine's three (not needed: nothing to recognise).
_RECOGNITION = {
    CredentialRecognition.NOT_STARTED: "none",
    CredentialRecognition.IN_PROGRESS: "in_progress",
    CredentialRecognition.RECOGNISED: "recognized",
}
# The portal's diploma levels in the engine's scale (a DEP sits with secondary studies there).
_EDUCATION = {"vocational": "secondary"}


def _education(level) -> str | None:
    return _EDUCATION.get(level.value, level.value) if level is not None else None


def job_spec(job: Job) -> JobSpec:
    """Turn a job into the engine's input (the employer's NEQ says whom a closed permit names)."""
    return JobSpec(
        id=job.id,
        noc=job.noc,
        skills_required=list(job.skills_required or []),
        skills_nice=list(job.skills_nice or []),
        region=job.region_code,
        french_min=job.french_level_min,
        english_min=job.english_level_min,
        experience_min=job.experience_years_min,
        work_permit_required=job.work_permit_required,
        start_date=job.start_date,
        title=job.title_fr or job.title_en,
        employer_neq=job.organisation.neq if job.organisation is not None else "",
        permit_support=job.permit_support.value if job.permit_support else None,
        education_min=_education(job.education_min),
    )


def load_candidate_specs(profile_ids: list[int] | None = None) -> list[CandidateSpec]:
    """Read candidate profiles in three queries (no per-profile query) as engine inputs."""
    cols = db.select(
        CandidateProfile.id,
        CandidateProfile.desired_titles,
        CandidateProfile.skills,
        CandidateProfile.french_level,
        CandidateProfile.english_level,
        CandidateProfile.experience_years,
        CandidateProfile.regions_anywhere,
        CandidateProfile.work_status,
        CandidateProfile.availability_date,
        CandidateProfile.summary,
        CandidateProfile.permit_employer_neq,
        CandidateProfile.permit_expiry,
        CandidateProfile.education_level,
        CandidateProfile.credential_recognition,
    ).order_by(CandidateProfile.id)
    # An erased account's profile is kept only as an anonymous anchor: it is never ranked.
    cols = cols.where(~CandidateProfile.user.has(User.deleted_at.is_not(None)))
    occ = db.select(candidate_occupations.c.candidate_id, candidate_occupations.c.noc)
    reg = db.select(candidate_regions.c.candidate_id, candidate_regions.c.region_code)
    if profile_ids is not None:
        cols = cols.where(CandidateProfile.id.in_(profile_ids))
        occ = occ.where(candidate_occupations.c.candidate_id.in_(profile_ids))
        reg = reg.where(candidate_regions.c.candidate_id.in_(profile_ids))
    nocs: dict[int, list[str]] = {}
    for cid, noc in db.session.execute(occ):
        nocs.setdefault(cid, []).append(noc)
    regions: dict[int, list[str]] = {}
    for cid, code in db.session.execute(reg):
        regions.setdefault(cid, []).append(code)
    # Enum members to the engine's strings, looked up once each (a member's `.value` is a
    # descriptor call: 150,000 of them for a pool).
    status = {None: None, **{s: s.value for s in WorkStatus}}
    education = {None: None, **{e: _education(e) for e in EducationLevel}}
    specs = []
    for row in db.session.execute(cols):
        specs.append(
            CandidateSpec(
                id=row.id,
                nocs=nocs.get(row.id, []),
                desired_titles=row.desired_titles or [],  # new lists, decoded for this row
                skills=row.skills or [],
                french=row.french_level,
                english=row.english_level,
                experience=row.experience_years,
                regions=[ANYWHERE] if row.regions_anywhere else regions.get(row.id, []),
                work_status=status[row.work_status],
                available=row.availability_date,
                summary=row.summary or "",
                permit_employer_neq=row.permit_employer_neq or "",
                permit_expiry=row.permit_expiry,
                education=education[row.education_level],
                credential_recognition=_RECOGNITION.get(row.credential_recognition),
            )
        )
    return specs


def _open_jobs(ids: list[int] | None = None) -> list[Job]:
    """The open jobs (or those of them with these ids), with their employer."""
    stmt = (
        db.select(Job)
        .options(joinedload(Job.organisation))  # its NEQ, for closed permits
        .where(_is_open())
        .order_by(Job.id)
    )
    if ids is not None:
        stmt = stmt.where(Job.id.in_(ids))
    return list(db.session.execute(stmt).scalars())


def _is_open():
    return Job.open_clause(today())


def _row(job_id: int, candidate_id: int, match, now, reasons: list | None = None) -> dict:
    return {
        "job_id": job_id,
        "candidate_id": candidate_id,
        "score": match.score,
        "eligible": match.eligible,
        "components": match.components,
        "reasons": reasons,
        "computed_at": now,
    }


# The recompute of one job or one profile explains the rows its pages show first; the rest (and
# the bulk recompute) are explained the first time a page shows them.
EXPLAINED_PER_JOB = 50


def _explain_ranked_candidates(pool: CandidatePool, spec, ranked: list) -> list[list[dict]]:
    """The reasons of the best ranked candidates for one job (a small pool of just them)."""
    from app.matching.explain import explain_many
    from app.matching.score import Match

    if not ranked:
        return []
    sub = CandidatePool([pool.candidates[m.index] for m in ranked], pool.vocab)
    matches = [
        Match(m.candidate_id, i, m.score, m.eligible, m.components) for i, m in enumerate(ranked)
    ]
    return explain_many(sub, spec, matches)


# Pools are rebuilt only when the data behind them changed: (engine, database, count, latest edit).
_POOL_CACHE: dict[str, tuple[tuple, object]] = {}


def _cached(name: str, stamp_query, build):
    stamp = (str(db.engine.url), *db.session.execute(stamp_query).one())
    cached = _POOL_CACHE.get(name)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    pool = build()
    _POOL_CACHE[name] = (stamp, pool)
    return pool


def candidate_pool() -> CandidatePool:
    """Every candidate as an engine pool, cached per process until a profile changes."""
    return _cached(
        "candidates",
        db.select(db.func.count(CandidateProfile.id), db.func.max(CandidateProfile.updated_at)),
        lambda: CandidatePool(load_candidate_specs(), default_vocabulary()),
    )


def job_pool() -> JobPool:
    """Every open job as an engine pool, cached per process until a job changes."""
    return _cached(
        "jobs",
        db.select(db.func.count(Job.id), db.func.max(Job.updated_at), db.literal(str(today()))),
        lambda: JobPool([job_spec(j) for j in _open_jobs()], default_vocabulary()),
    )


def recompute_job(job: Job, pool: CandidatePool | None = None) -> int:
    """Rank every candidate for one job and store the best; return how many rows were stored."""
    pool = pool or candidate_pool()
    rows = []
    if job.is_open(today()):
        now = utcnow()
        spec = job_spec(job)
        ranked = pool.rank(spec, top=TOP_PER_JOB)
        reasons = _explain_ranked_candidates(pool, spec, ranked[:EXPLAINED_PER_JOB])
        rows = [
            _row(job.id, m.candidate_id, m, now, reasons[i] if i < len(reasons) else None)
            for i, m in enumerate(ranked)
        ]
    # Rank first, then replace in the caller's transaction: readers see the old set until commit.
    db.session.execute(delete(MatchResult).where(MatchResult.job_id == job.id))
    if rows:
        db.session.execute(insert(MatchResult.__table__), rows)
        send_match_notices(job_ids=[job.id])
    return len(rows)


def _candidate_reasons(
    pool: CandidatePool, shown: list[tuple[JobSpec, object]]
) -> list[list[dict]]:
    """The reasons of one candidate (`pool` holds only them) for each (job, match) shown, with
    the points each suggested step would add."""
    from app.matching.explain import add_gains, explain
    from app.matching.score import Match

    items = []
    for spec, m in shown:
        match = Match(pool.ids[0], 0, m.score, m.eligible, m.components)
        items.append((spec, match, explain(pool, spec, match)))
    add_gains(pool, items)
    return [reasons for *_, reasons in items]


def recompute_candidate(profile: CandidateProfile, pool: JobPool | None = None) -> int:
    """Rank every open job for one candidate and store the best ones."""
    pool = pool or job_pool()
    specs = load_candidate_specs([profile.id])
    rows = []
    if specs:  # none for an erased account
        now = utcnow()
        ranked = pool.rank_for(specs[0], top=TOP_PER_CANDIDATE)
        jobs = {j.id: j for j in pool.jobs}
        single = CandidatePool(specs, pool.vocab)
        reasons = _candidate_reasons(single, [(jobs[m.job_id], m) for m in ranked])
        rows = [
            _row(m.job_id, profile.id, m, now, why) for m, why in zip(ranked, reasons, strict=True)
        ]
    db.session.execute(delete(MatchResult).where(MatchResult.candidate_id == profile.id))
    if rows:
        db.session.execute(insert(MatchResult.__table__), rows)
        send_match_notices(candidate_ids=[profile.id])
    return len(rows)


# The columns a bulk recompute writes (reasons stay NULL until a page shows the match).
_BULK_COLUMNS = ("job_id", "candidate_id", "score", "eligible", "components", "computed_at")


def _components_json(ranked, templates: dict) -> list[str]:
    """Each ranked row's points per component as JSON, from one format string per set of
    components that apply (`templates`, shared by a whole recompute): a microsecond a row."""
    names, out = ranked.names, []
    for row, has in zip(ranked.parts, ranked.present, strict=True):
        key = (*names, *has)
        found = templates.get(key)
        if found is None:
            kept = [n for n, h in zip(names, has, strict=True) if h]
            body = ", ".join(f"{json.dumps(n)}: %d" for n in kept)
            found = templates[key] = ("{" + body + "}", len(kept) == len(names))
        template, whole = found
        values = row if whole else [v for v, h in zip(row, has, strict=True) if h]
        out.append(template % tuple(values))
    return out


def _ranked_rows(pool: CandidatePool, jobs: list[Job], now) -> Iterator[list[tuple]]:
    """For each job in turn, its best candidates as rows of `_BULK_COLUMNS`."""
    stamp = stored(MatchResult.__table__.c.computed_at, now)
    ids, templates = pool.ids, {}
    specs = [(job.id, job_spec(job)) for job in jobs]  # from here on, plain data only
    for job_id, spec in specs:
        ranked = pool.rank_table(spec, top=TOP_PER_JOB)
        components = _components_json(ranked, templates)
        yield [
            (job_id, ids[i], score, ok, parts, stamp)
            for i, score, ok, parts in zip(
                ranked.order, ranked.scores, ranked.eligible, components, strict=True
            )
        ]


def _store_ranked(
    pool: CandidatePool, jobs: list[Job], batch: int = 20_000, into: str | None = None
) -> int:
    """Rank the jobs and write their rows in batches, in the caller's transaction (tuples
    straight to the driver: a Core insert of dicts costs three times as much for a million
    rows). A writer thread was tried: sqlite3 and COPY hold the interpreter for most of their
    work, so it overlapped nothing."""
    table, written, buffer = MatchResult.__table__, 0, []
    for rows in _ranked_rows(pool, jobs, utcnow()):
        buffer += rows
        if len(buffer) >= batch:
            written += insert_rows(table, _BULK_COLUMNS, buffer, into)
            buffer = []
    return written + insert_rows(table, _BULK_COLUMNS, buffer, into)


def recompute_all(batch: int = 20_000) -> int:
    """Recompute every open job's best candidates; candidates' lists refresh when they look."""
    pool = candidate_pool()
    # Jobs of one occupation and title in a row: the pool keeps their occupation evidence.
    jobs = sorted(_open_jobs(), key=lambda j: (j.noc or "", j.title_fr or j.title_en, j.id))
    with rows_replaced(MatchResult.__table__) as into:  # every row is new: index them at the end
        stored_rows = _store_ranked(pool, jobs, batch, into)
    # A million new rows: without fresh statistics PostgreSQL plans the next incremental
    # recompute's notice queries badly (300 ms of SQL instead of 18 ms).
    analyze(MatchResult.__tablename__)
    return stored_rows


def recompute_jobs(job_ids: list[int]) -> int:
    """Replace the stored matches of these jobs: one batch of a recompute split over workers
    (each worker ranks against its own cached pool of candidates). Idempotent."""
    pool = candidate_pool()
    db.session.execute(delete(MatchResult).where(MatchResult.job_id.in_(job_ids)))
    return _store_ranked(pool, _open_jobs(job_ids))


def split_recompute_all(batch: int = 250) -> int:
    """Recompute every open job in batches of `batch` jobs, each an RQ job that any worker may
    take (several workers share a full recompute); without Redis the batches run here, one after
    the other. Matches of jobs no longer open are removed now. Return the number of batches."""
    from app.tasks import enqueue

    ids = list(db.session.execute(db.select(Job.id).where(_is_open()).order_by(Job.id)).scalars())
    db.session.execute(delete(MatchResult).where(MatchResult.job_id.not_in(ids)))
    batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
    for chunk in batches:
        enqueue(recompute_jobs, chunk)
    return len(batches)


MATCH_PAGE = 10


def jobs_for_candidate(
    profile: CandidateProfile, region: str = "", limit: int = 30, offset: int = 0
) -> list[MatchResult]:
    """Return the candidate's stored matches with open jobs, best first (one region or all)."""
    stmt = (
        db.select(MatchResult)
        .join(MatchResult.job)
        # The region comes from the session: the page lists every region for its filter.
        .options(joinedload(MatchResult.job).joinedload(Job.organisation))
        .where(
            MatchResult.candidate_id == profile.id,
            Job.open_clause(today()),
        )
        .order_by(MatchResult.eligible.desc(), MatchResult.score.desc(), MatchResult.job_id)
        .limit(limit)
        .offset(offset)
    )
    if region:
        stmt = stmt.where(Job.region_code == region)
    return list(db.session.execute(stmt).scalars())


def has_results(profile: CandidateProfile) -> bool:
    """Tell whether the candidate's matches were computed since the profile last changed."""
    latest = db.session.execute(
        db.select(db.func.max(MatchResult.computed_at)).where(
            MatchResult.candidate_id == profile.id
        )
    ).scalar_one()
    return latest is not None and latest >= profile.updated_at


def candidates_for_job(
    job: Job, consenting_only: bool, limit: int = 50, offset: int = 0
) -> list[MatchResult]:
    """Return the job's stored matches, best first; for employers, only consenting candidates."""
    stmt = (
        db.select(MatchResult)
        .join(MatchResult.candidate)
        .options(joinedload(MatchResult.candidate).joinedload(CandidateProfile.user))
        .where(MatchResult.job_id == job.id)
        .order_by(MatchResult.eligible.desc(), MatchResult.score.desc(), MatchResult.candidate_id)
        .limit(limit)
        .offset(offset)
    )
    if consenting_only:
        stmt = stmt.where(CandidateProfile.consent_employer_display_at.is_not(None))
    return list(db.session.execute(stmt).scalars())


def load_card_details(profiles: list[CandidateProfile]) -> None:
    """Load the occupations and regions that match cards show, for the cards a page must render
    (the others are kept rendered, app/fragments.py): two queries, whatever their number."""
    if profiles:
        db.session.execute(
            db.select(CandidateProfile)
            .where(CandidateProfile.id.in_([p.id for p in profiles]))
            .options(
                selectinload(CandidateProfile.occupations), selectinload(CandidateProfile.regions)
            )
        ).scalars().all()


class InvitationError(DomainError):
    """An invitation to apply that cannot be sent (`already_invited`)."""


def invited_candidates(job: Job) -> set[int]:
    """The candidates already invited to apply to this job (one query)."""
    return set(
        db.session.execute(
            db.select(ApplyInvitation.candidate_id).where(ApplyInvitation.job_id == job.id)
        ).scalars()
    )


def record_anonymised_views(viewer: User, job: Job, rows: list) -> int:
    """Log that the employer was shown these candidates' anonymised profiles (the candidate
    sees it on their privacy page): one audit row per person, job and candidate and day, so a
    reload or a page seen again the same day writes nothing. Return the rows written."""
    ids = [row.candidate_id for row in rows]
    if not ids:
        return 0
    since = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    already = {
        candidate_id
        for candidate_id, detail in db.session.execute(
            db.select(AuditEvent.subject_id, AuditEvent.detail).where(
                AuditEvent.actor_id == viewer.id,
                AuditEvent.action == "match.shown",
                AuditEvent.subject_type == "candidate",
                AuditEvent.subject_id.in_(ids),
                AuditEvent.created_at >= since,
            )
        )
        if (detail or {}).get("job") == job.id
    }
    detail = {"job": job.id, "organisation": job.organisation_id}
    new = [cid for cid in ids if cid not in already]
    if new:
        db.session.execute(
            insert(AuditEvent),
            [
                {
                    "actor_id": viewer.id,
                    "action": "match.shown",
                    "subject_type": "candidate",
                    "subject_id": cid,
                    "detail": detail,
                }
                for cid in new
            ],
        )
    return len(new)


def invite_to_apply(job: Job, candidate_id: int, employer: User | None = None) -> bool:
    """Tell a matched, consenting candidate that the employer invites them to apply (once per
    job and candidate: a second one is refused with InvitationError("already_invited"))."""
    from app.notify import bilingual, notify
    from app.urls import site_path

    match = db.session.execute(
        db.select(MatchResult).where(
            MatchResult.job_id == job.id, MatchResult.candidate_id == candidate_id
        )
    ).scalar_one_or_none()
    profile = match.candidate if match else None
    if profile is None or profile.user is None or not profile.consents_to_employer_display:
        return False
    if candidate_id in invited_candidates(job):
        raise InvitationError("already_invited")
    db.session.add(
        ApplyInvitation(
            job_id=job.id,
            candidate_id=candidate_id,
            invited_by_id=employer.id if employer is not None else None,
        )
    )
    db.session.flush()  # a twin sent at once fails here on the unique constraint
    record_event(
        employer,
        "match.invited",
        "candidate",
        candidate_id,
        job=job.id,
        organisation=job.organisation_id,
    )
    notify(
        profile.user,
        "invited_to_apply",
        site_path("jobs.detail", job_id=job.id),
        org=job.organisation.name,
        job=bilingual(job.title_fr, job.title_en),
    )
    return True


def attach_reasons_for_job(job: Job, rows: list[MatchResult]) -> bool:
    """Give each shown candidate its reasons: stored ones are read; the others are derived once
    (in three queries, whatever the number of rows) and stored. Return whether any was stored."""
    from app.matching.explain import explain_many
    from app.matching.score import Match

    missing = [r for r in rows if r.reasons is None]
    if missing:
        ids = [r.candidate_id for r in missing]
        pool = CandidatePool(load_candidate_specs(ids), default_vocabulary())
        index = {cid: i for i, cid in enumerate(pool.ids)}
        matches = [
            Match(r.candidate_id, index[r.candidate_id], r.score, r.eligible, r.components)
            for r in missing
        ]
        for row, reasons in zip(missing, explain_many(pool, job_spec(job), matches), strict=True):
            row.reasons = reasons
    for row in rows:
        row.explained = row.reasons
    return bool(missing)


def attach_reasons_for_candidate(profile: CandidateProfile, rows: list[MatchResult]) -> bool:
    """Give each job shown to a candidate its reasons: stored ones are read, others derived once
    and stored. Return whether any was stored."""
    missing = [r for r in rows if r.reasons is None]
    if missing:
        pool = CandidatePool(load_candidate_specs([profile.id]), default_vocabulary())
        shown = [(job_spec(row.job), row) for row in missing]
        for row, reasons in zip(missing, _candidate_reasons(pool, shown), strict=True):
            row.reasons = reasons
    for row in rows:
        row.explained = row.reasons
    return bool(missing)


def application_ids_for_job(job: Job) -> dict[int, int]:
    """Map candidate profile id to their application id for this job (one query)."""
    from app.models import Application

    rows = db.session.execute(
        db.select(Application.candidate_id, Application.id).where(Application.job_id == job.id)
    )
    return dict(rows.all())


def partner_prospects(
    profile: CandidateProfile, region_code: str, limit: int = 3
) -> tuple[int, list]:
    """Count the region's open jobs that suit the candidate's partner, and return the best few."""
    if not (profile.partner_occupation or profile.partner_skills):
        return 0, []
    jobs = [j for j in _open_jobs() if j.region_code == region_code]
    if not jobs:
        return 0, []
    partner = _partner_spec(profile, [region_code])
    by_id = {j.id: j for j in jobs}
    ranked = JobPool([job_spec(j) for j in jobs], default_vocabulary()).rank_for(partner)
    good = [m for m in ranked if m.eligible and m.score >= PROSPECT_SCORE]
    return len(good), [(by_id[m.job_id], m.score) for m in good[:limit]]


PROSPECT_SCORE = 50


def family_prospects(profile: CandidateProfile | None, region_code: str) -> dict | None:
    """The partner's prospects in a region as a page shows them ({'count', 'best'}), or None
    when there is no profile or it says nothing of a partner's occupation or skills."""
    if profile is None or not (profile.partner_occupation or profile.partner_skills):
        return None
    count, best = partner_prospects(profile, region_code)
    return {"count": count, "best": best}


def partner_prospect_counts(profile: CandidateProfile, region_codes: set[str]) -> dict[str, int]:
    """For each region, how many open jobs suit the candidate's partner (one ranking of the
    cached job pool, whatever the number of regions); empty without partner details."""
    if not region_codes or not (profile.partner_occupation or profile.partner_skills):
        return {}
    pool = job_pool()
    partner = _partner_spec(profile, sorted(region_codes))
    counts: dict[str, int] = {}
    for m in pool.rank_for(partner):
        region = pool.jobs[m.index].region
        if m.eligible and m.score >= PROSPECT_SCORE and region in region_codes:
            counts[region] = counts.get(region, 0) + 1
    return counts


def _partner_spec(profile: CandidateProfile, regions: list[str]) -> CandidateSpec:
    # The partner's own status; when not given, the candidate's (a family usually shares one).
    status = profile.partner_work_status or profile.work_status
    return CandidateSpec(
        id="partner",
        desired_titles=[profile.partner_occupation] if profile.partner_occupation else [],
        skills=list(profile.partner_skills or []),
        french=profile.partner_french_level,
        english=profile.partner_english_level,
        regions=regions,
        work_status=status.value if status else None,
    )


def pseudonym(job: Job, candidate_id: int) -> str:
    """A stable code naming an anonymised candidate for one job, revealing nothing about them."""
    import hashlib
    import hmac

    from flask import current_app

    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{job.id}:{candidate_id}".encode(), hashlib.sha256).hexdigest()
    return digest[:6].upper()


# ---------------------------------------------------------------- background recompute


def run_recompute(kind: str, object_id: int) -> None:
    """Replace the stored matches of a job or a candidate (idempotent; an RQ job)."""
    if kind == "job":
        job = db.session.get(Job, object_id)
        if job is not None:
            recompute_job(job)
    elif kind == "candidate":
        profile = db.session.get(CandidateProfile, object_id)
        if profile is not None:
            recompute_candidate(profile)


def schedule_recompute(kind: str, object_id: int) -> None:
    """Refresh matches after a committed change: on a worker with Redis, otherwise now.

    Inline, the new results are committed at once; if the computation fails the old results
    stay (the replacement is one transaction) and the page is still served.
    """
    from app.tasks import enqueue

    try:
        enqueue(run_recompute, kind, object_id)
        db.session.commit()  # the inline work, if it ran here; nothing to do if it was queued
    except Exception:
        db.session.rollback()
        log.exception(
            "match recompute for %s %s failed; the previous results stay", kind, object_id
        )
