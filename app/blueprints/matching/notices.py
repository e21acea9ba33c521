"""New-match notices, after matches are recomputed: each once per job, candidate and audience.

- A candidate hears of a new open job (published in the last NEW_JOB_DAYS days) whose eligible
  match reaches their threshold: the score they chose in their preferences, or by default a job
  among their NOTICE_TOP_CANDIDATE best eligible matches scoring at least NOTICE_MIN_SCORE.
- An employer's members hear of candidates pre-qualified by the program (an application of
  theirs, to any job, went past staff pre-qualification) who agreed to be shown to employers and
  now rank among a job's NOTICE_TOP_JOB best eligible matches: one notice per job, with the count.

Emails follow each person's preferences for "matches" (by default, the daily digest).
"""

from datetime import timedelta

from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    EmployerMembership,
    Job,
    MatchNotice,
    MatchResult,
    NotificationPreference,
    User,
)
from app.models.base import utcnow
from app.models.orgs import MembershipStatus
from app.notify import bilingual, notify
from app.urls import site_path

NEW_JOB_DAYS = 14
NOTICE_TOP_CANDIDATE = 5
NOTICE_MIN_SCORE = 50
NOTICE_TOP_JOB = 10
PREQUALIFIED = (
    ApplicationStatus.PREQUALIFIED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW_SCHEDULED,
    ApplicationStatus.INTERVIEWED,
    ApplicationStatus.OFFER,
    ApplicationStatus.HIRED,
)


def _open(today):
    return (Job.open_clause(today),)


def _not_noticed(audience: str):
    return ~(
        db.select(MatchNotice.id)
        .where(
            MatchNotice.job_id == MatchResult.job_id,
            MatchNotice.candidate_id == MatchResult.candidate_id,
            MatchNotice.audience == audience,
        )
        .exists()
    )


def _scope(stmt, job_ids, candidate_ids):
    if job_ids is not None:
        stmt = stmt.where(MatchResult.job_id.in_(job_ids))
    if candidate_ids is not None:
        stmt = stmt.where(MatchResult.candidate_id.in_(candidate_ids))
    return stmt


def _pairs_filter(pairs: list[tuple[int, int]]) -> list:
    """Rows of these (job, candidate) pairs. The plain IN lists come first so the database can
    use its indexes (SQLite scans every stored match for a row-value IN on its own)."""
    return [
        MatchResult.candidate_id.in_({c for _j, c in pairs}),
        MatchResult.job_id.in_({j for j, _c in pairs}),
        db.tuple_(MatchResult.job_id, MatchResult.candidate_id).in_(pairs),
    ]


def _better_count(pairs: list[tuple[int, int]], by_job: bool, today) -> dict[tuple[int, int], int]:
    """For each (job, candidate) pair's row, how many eligible stored matches rank above it (on
    open jobs): the candidate's other jobs, or the job's other candidates."""
    other = aliased(MatchResult)
    if by_job:
        key = other.job_id == MatchResult.job_id
        # Said of the other rows too: PostgreSQL, once it has statistics of a million stored
        # matches, otherwise reads them through the wrong index (3 s instead of a millisecond).
        near = other.job_id.in_({j for j, _c in pairs})
    else:
        key = other.candidate_id == MatchResult.candidate_id
        near = other.candidate_id.in_({c for _j, c in pairs})
    stmt = (
        db.select(MatchResult.job_id, MatchResult.candidate_id, db.func.count(other.id))
        .join(other, db.and_(key, other.eligible.is_(True), other.score > MatchResult.score))
        .join(Job, Job.id == other.job_id)
        .where(*_pairs_filter(pairs), near, *_open(today))
        .group_by(MatchResult.job_id, MatchResult.candidate_id)
    )
    return {(j, c): n for j, c, n in db.session.execute(stmt)}


def send_match_notices(
    job_ids: list[int] | None = None, candidate_ids: list[int] | None = None
) -> int:
    """Tell candidates and employers of the new matches among these jobs' or candidates' stored
    results (each pair once); return how many notices were recorded."""
    from app.clock import today as program_today

    today, now = program_today(), utcnow()
    return _candidate_notices(job_ids, candidate_ids, today, now) + _employer_notices(
        job_ids, candidate_ids, today, now
    )


def _candidate_notices(job_ids, candidate_ids, today, now) -> int:
    stmt = (
        db.select(MatchResult, User)
        .join(Job, Job.id == MatchResult.job_id)
        .join(CandidateProfile, CandidateProfile.id == MatchResult.candidate_id)
        .join(User, User.id == CandidateProfile.user_id)
        .where(
            MatchResult.eligible.is_(True),
            *_open(today),
            Job.published_at >= now - timedelta(days=NEW_JOB_DAYS),
            User.active.is_(True),
            User.deleted_at.is_(None),
            _not_noticed("candidate"),
        )
    )
    rows = db.session.execute(_scope(stmt, job_ids, candidate_ids)).all()
    if not rows:
        return 0
    thresholds = dict(
        db.session.execute(
            db.select(NotificationPreference.user_id, NotificationPreference.min_score).where(
                NotificationPreference.category == "matches",
                NotificationPreference.user_id.in_({u.id for _m, u in rows}),
            )
        ).all()
    )
    pairs = [(m.job_id, m.candidate_id) for m, _u in rows]
    better = _better_count(pairs, by_job=False, today=today)
    count = 0
    for match, user in rows:
        threshold = thresholds.get(user.id)
        if threshold is not None:
            wanted = match.score >= threshold
        else:
            rank = better.get((match.job_id, match.candidate_id), 0)
            wanted = match.score >= NOTICE_MIN_SCORE and rank < NOTICE_TOP_CANDIDATE
        if not wanted:
            continue
        job = db.session.get(Job, match.job_id)
        db.session.add(
            MatchNotice(job_id=job.id, candidate_id=match.candidate_id, audience="candidate")
        )
        notify(
            user,
            "match_new_job",
            site_path("jobs.detail", job_id=job.id),
            job=bilingual(job.title_fr, job.title_en),
            score=match.score,
        )
        count += 1
    db.session.flush()
    return count


def _employer_notices(job_ids, candidate_ids, today, now) -> int:
    prequalified = (
        db.select(Application.id)
        .where(
            Application.candidate_id == MatchResult.candidate_id,
            Application.status.in_(PREQUALIFIED),
        )
        .exists()
    )
    stmt = (
        db.select(MatchResult)
        .join(Job, Job.id == MatchResult.job_id)
        .join(CandidateProfile, CandidateProfile.id == MatchResult.candidate_id)
        .where(
            MatchResult.eligible.is_(True),
            *_open(today),
            CandidateProfile.consent_employer_display_at.is_not(None),
            prequalified,
            _not_noticed("employer"),
        )
    )
    rows = list(db.session.execute(_scope(stmt, job_ids, candidate_ids)).scalars())
    if not rows:
        return 0
    pairs = [(m.job_id, m.candidate_id) for m in rows]
    better = _better_count(pairs, by_job=True, today=today)
    by_job: dict[int, list[MatchResult]] = {}
    for match in rows:
        if better.get((match.job_id, match.candidate_id), 0) < NOTICE_TOP_JOB:
            by_job.setdefault(match.job_id, []).append(match)
    count = 0
    for job_id, matches in by_job.items():
        job = db.session.get(Job, job_id)
        for match in matches:
            db.session.add(
                MatchNotice(job_id=job_id, candidate_id=match.candidate_id, audience="employer")
            )
        members = db.session.execute(
            db.select(User)
            .join(EmployerMembership, EmployerMembership.user_id == User.id)
            .where(
                EmployerMembership.organisation_id == job.organisation_id,
                EmployerMembership.status == MembershipStatus.ACTIVE,
                User.active.is_(True),
            )
        ).scalars()
        for member in members:
            notify(
                member,
                "match_new_candidates",
                site_path("matching.employer_matches", job_id=job_id),
                job=bilingual(job.title_fr, job.title_en),
                count=len(matches),
            )
        count += len(matches)
    db.session.flush()
    return count
