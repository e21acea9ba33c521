"""Jobs: employer postings, the public job board and occupation look-up."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy.orm import joinedload

from app.blueprints.jobs.search import match
from app.errors import DomainError, Problems, StaleError
from app.extensions import db
from app.forms import page_offset
from app.fragments import is_cached, job_key
from app.models import (
    CandidateProfile,
    Commitment,
    EducationLevel,
    EmployerOrganisation,
    Job,
    JobStatus,
    JobType,
    Municipality,
    Occupation,
    PermitSupport,
    Region,
    SalaryUnit,
    SavedJob,
    User,
)
from app.models.base import pick, utcnow
from app.models.jobs import JOB_TRANSITIONS
from app.text import fold

PAGE_SIZE = 20


class JobError(DomainError):
    """A job operation that cannot proceed; `code` says why, `field` where."""


# ---------------------------------------------------------------- occupations


@lru_cache(maxsize=4)
def _occupation_index(_stamp: int) -> tuple[list[str], list[str]]:
    rows = db.session.execute(
        db.select(
            Occupation.noc,
            Occupation.title_fr,
            Occupation.title_fr_f,
            Occupation.title_en,
            Occupation.synonyms,
        )
    ).all()
    keys, texts = [], []
    for noc, fr, fr_f, en, synonyms in rows:
        for text in [fr, fr_f, en, *(synonyms or "").split("|")]:
            if text:
                keys.append(noc)
                texts.append(fold(text))
    return keys, texts


def search_occupations(query: str, limit: int = 8) -> list[Occupation]:
    """Find occupations by title or synonym in either language, tolerant of typos and accents."""
    q = fold(query)
    if len(q) < 2:
        return []
    if q.isdigit():
        return list(
            db.session.execute(
                db.select(Occupation)
                .where(Occupation.noc.startswith(q))
                .order_by(Occupation.noc)
                .limit(limit)
            ).scalars()
        )
    count = db.session.execute(db.select(db.func.count(Occupation.noc))).scalar_one()
    keys, texts = _occupation_index(count)
    best: dict[str, float] = {}
    for _, score, index in process.extract(
        q, texts, scorer=fuzz.WRatio, limit=limit * 6, score_cutoff=60
    ):
        noc = keys[index]
        best[noc] = max(best.get(noc, 0), score)
    ranked = sorted(best, key=lambda noc: (-best[noc], noc))[:limit]
    found = {
        o.noc: o
        for o in db.session.execute(
            db.select(Occupation).where(Occupation.noc.in_(ranked))
        ).scalars()
    }
    return [found[noc] for noc in ranked if noc in found]


# ---------------------------------------------------------------- employer side


@dataclass
class JobData:
    title_fr: str = ""
    title_en: str = ""
    noc: str = ""
    description_fr: str = ""
    description_en: str = ""
    skills_required: list[str] = field(default_factory=list)
    skills_nice: list[str] = field(default_factory=list)
    region_code: str = ""
    municipality_id: int | None = None
    french_level_min: int = 0
    english_level_min: int = 0
    experience_years_min: int = 0
    education_min: EducationLevel | None = None
    work_permit_required: bool = True
    permit_support: PermitSupport | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_unit: SalaryUnit = SalaryUnit.HOURLY
    hours_per_week: Decimal | None = None
    job_type: JobType = JobType.PERMANENT
    positions: int = 1
    start_date: date | None = None
    closing_date: date | None = None
    relocation_help: bool = False
    housing_help: bool = False


def check_job(data: JobData) -> None:
    """Raise every problem of the job's fields at once (JobError, or DomainErrors for several)."""
    problems = Problems(JobError)
    if not (data.title_fr.strip() or data.title_en.strip()):
        problems.add("title_required", "title_fr")
    if not data.noc or db.session.get(Occupation, data.noc) is None:
        problems.add("noc_unknown", "noc")
    if db.session.get(Region, data.region_code or "") is None:
        problems.add("region_required", "region")
    if data.municipality_id is not None:
        m = db.session.get(Municipality, data.municipality_id)
        if m is None or m.region_code != data.region_code:
            problems.add("wrong_region", "municipality")
    if (
        data.salary_min is not None
        and data.salary_max is not None
        and data.salary_min > data.salary_max
    ):
        problems.add("salary_order", "salary_max")
    problems.raise_any()


def create_job(organisation: EmployerOrganisation, data: JobData) -> Job:
    """Create a draft job for the organisation."""
    check_job(data)
    job = Job(organisation=organisation, status=JobStatus.DRAFT, **vars(data))
    db.session.add(job)
    db.session.flush()
    return job


COPIED_FIELDS = tuple(f for f in JobData.__dataclass_fields__ if f not in ("closing_date",))


def duplicate_job(job: Job) -> Job:
    """A new draft with the job's fields (not its dates of publication or closing)."""
    data = JobData(**{name: getattr(job, name) for name in COPIED_FIELDS})
    data.skills_required, data.skills_nice = list(job.skills_required), list(job.skills_nice)
    return create_job(job.organisation, data)


def update_job(job: Job, data: JobData, version: int | None = None) -> None:
    """Save a job's fields; raise StaleError() if someone saved it meanwhile."""
    if version is not None and version != job.version:
        raise StaleError()
    check_job(data)
    for key, value in vars(data).items():
        setattr(job, key, value)
    db.session.flush()


def change_job_status(job: Job, status: JobStatus, today: date) -> None:
    """Move a job along its workflow (draft → published → closed or filled)."""
    if status not in JOB_TRANSITIONS[job.status]:
        raise JobError("transition", "status")
    if status == JobStatus.PUBLISHED:
        if not job.organisation.is_approved:
            # Candidates travel for these jobs: only an organisation the program vetted publishes.
            raise JobError(f"organisation_{job.organisation.vetting_status.value}", "status")
        if job.closing_date is not None and job.closing_date < today:
            raise JobError("closing_past", "closing_date")
        if job.closing_date is None:  # a job does not stay on the board forever
            job.closing_date = today + timedelta(days=JOB_LIFETIME_DAYS)
        job.published_at = job.published_at or utcnow()
    job.status = status
    db.session.flush()


JOB_LIFETIME_DAYS = 60  # without a closing date, a job closes this long after publication
REMIND_DAYS = 7  # the employer is reminded this many days before a job closes


def renew_job(job: Job, today: date) -> None:
    """Keep a published job on the board JOB_LIFETIME_DAYS more (from today)."""
    if job.status != JobStatus.PUBLISHED:
        raise JobError("renew_not_published", "status")
    job.closing_date = max(job.closing_date or today, today + timedelta(days=JOB_LIFETIME_DAYS))
    db.session.flush()


def remind_expiring_jobs(today: date) -> int:
    """Tell each employer whose published job closes in REMIND_DAYS days (run daily: each job
    is reminded once, on that day); return how many jobs."""
    from babel.dates import format_date

    from app.blueprints.applications.services import org_members
    from app.notify import bilingual, notify
    from app.urls import site_path

    day = today + timedelta(days=REMIND_DAYS)
    jobs = db.session.execute(
        db.select(Job)
        .options(joinedload(Job.organisation))
        .where(Job.status == JobStatus.PUBLISHED, Job.closing_date == day)
    ).scalars()
    count = 0
    for job in jobs:
        closing = {
            lang: format_date(day, format="long", locale=loc)
            for lang, loc in (("fr", "fr_CA"), ("en", "en_CA"))
        }
        for member in org_members(job.organisation):
            notify(
                member,
                "job_expiring",
                site_path("jobs.manage", job_id=job.id),
                job=bilingual(job.title_fr, job.title_en),
                closing=closing,
            )
        count += 1
    return count


def saved_job_ids(user: User) -> set[int]:
    """The ids of the jobs the user saved (one query, for buttons on a list)."""
    return set(
        db.session.execute(db.select(SavedJob.job_id).where(SavedJob.user_id == user.id)).scalars()
    )


def saved_jobs(user: User) -> list[SavedJob]:
    """The user's saved jobs, latest first, with each job and its employer."""
    return list(
        db.session.execute(
            db.select(SavedJob)
            .options(joinedload(SavedJob.job).joinedload(Job.organisation))
            .where(SavedJob.user_id == user.id)
            .order_by(SavedJob.created_at.desc(), SavedJob.id.desc())
        ).scalars()
    )


def toggle_saved_job(user: User, job: Job) -> bool:
    """Save the job in the user's list, or take it out if it is there; True when now saved."""
    saved = db.session.execute(
        db.select(SavedJob).where(SavedJob.user_id == user.id, SavedJob.job_id == job.id)
    ).scalar_one_or_none()
    if saved is not None:
        db.session.delete(saved)
        db.session.flush()
        return False
    db.session.add(SavedJob(user_id=user.id, job_id=job.id))
    db.session.flush()
    return True


def close_expired_jobs(today: date) -> int:
    """Close every published job whose closing date has passed; return how many."""
    result = db.session.execute(
        db.update(Job)
        .where(Job.status == JobStatus.PUBLISHED, Job.closing_date < today)
        .values(status=JobStatus.CLOSED, version=Job.version + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def organisation_jobs(organisation: EmployerOrganisation) -> list[Job]:
    """Return the organisation's jobs, newest first, with their occupation."""
    return list(
        db.session.execute(
            db.select(Job)
            .options(joinedload(Job.occupation), joinedload(Job.region))
            .where(Job.organisation_id == organisation.id)
            .order_by(Job.created_at.desc(), Job.id.desc())
        ).scalars()
    )


def get_organisation_job(organisation: EmployerOrganisation | None, job_id: int) -> Job | None:
    """Return the job if it belongs to the organisation (None otherwise, for a 404)."""
    job = db.session.get(Job, job_id)
    if job is None or organisation is None or job.organisation_id != organisation.id:
        return None
    return job


# ---------------------------------------------------------------- public board


SORTS = ("relevance", "recent", "closing", "salary")


@dataclass
class BoardFilters:
    q: str = ""
    region: str = ""
    group: str = ""
    job_type: str = ""
    meets_languages: bool = False
    commitments: frozenset[Commitment] = frozenset()
    sort: str = ""  # "" chooses: relevance with keywords, most recent without
    page: int = 1


def search_args(filters: BoardFilters) -> dict[str, str | list[str]]:
    """The board's query string for these criteria (the ones set; no sort or page)."""
    args: dict[str, str | list[str]] = {
        "q": filters.q,
        "region": filters.region,
        "group": filters.group,
    }
    args = {k: v for k, v in args.items() if v} | (
        {"type": filters.job_type} if filters.job_type else {}
    )
    if filters.commitments:  # url_for repeats a list: ?welcome=housing&welcome=family
        args["welcome"] = sorted(c.value for c in filters.commitments)
    return args | ({"mine": "1"} if filters.meets_languages else {})


def open_jobs_query(today: date):
    """Select the jobs anyone can see: open, of an approved organisation (`Job.open_clause`)."""
    return db.select(Job).where(Job.open_clause(today))


def search_jobs(
    filters: BoardFilters, today: date, profile: CandidateProfile | None
) -> tuple[list[Job], int]:
    """Return one page of open jobs matching the filters, and the total count."""
    stmt, rank = filter_jobs(open_jobs_query(today), filters, profile, with_rank=True)
    total = db.session.execute(db.select(db.func.count()).select_from(stmt.subquery())).scalar_one()
    sort = filters.sort if filters.sort in SORTS else ""
    if not sort:
        # With keywords, the most relevant first; otherwise the most recent.
        sort = "relevance" if rank is not None else "recent"
    elif sort == "relevance" and rank is None:
        sort = "recent"
    order = {
        "relevance": (rank, Job.published_at.desc(), Job.id.desc()),
        "recent": (Job.published_at.desc(), Job.id.desc()),
        "closing": (Job.closing_date.is_(None), Job.closing_date.asc(), Job.id.desc()),
        "salary": (Job.salary_max.is_(None), Job.salary_max.desc(), Job.id.desc()),
    }[sort]
    # The page's jobs as the values their cards' keys are made of: whole jobs are loaded only
    # for the cards this worker has not rendered yet (app/fragments.py).
    keys = stmt.with_only_columns(
        Job.id, Job.updated_at, Job.title_fr, Job.title_en, EmployerOrganisation
    )
    if not filters.commitments:  # filter_jobs joined the organisation for these
        keys = keys.join(EmployerOrganisation, EmployerOrganisation.id == Job.organisation_id)
    rows = db.session.execute(
        keys.order_by(*order).limit(PAGE_SIZE).offset(page_offset(filters.page, PAGE_SIZE))
    ).all()
    cards = [
        BoardCard(job_id, title_fr, title_en, job_key(job_id, updated_at, org))
        for job_id, updated_at, title_fr, title_en, org in rows
    ]
    missing = [c.id for c in cards if not is_cached("board-job", c.card_key)]
    if missing:
        loaded = db.session.execute(
            db.select(Job)
            .options(
                joinedload(Job.organisation), joinedload(Job.region), joinedload(Job.municipality)
            )
            .where(Job.id.in_(missing))
        ).scalars()
        jobs = {job.id: job for job in loaded}
        for card in cards:
            card.job = jobs.get(card.id)
    return cards, total


@dataclass
class BoardCard:
    """A job on the board: what is shown around its card, its card's key, and the job itself
    when its card must be rendered (None when this worker keeps the card)."""

    id: int
    title_fr: str
    title_en: str
    card_key: str
    job: Job | None = None

    def title(self, locale: str) -> str:
        return pick(locale, self.title_fr, self.title_en)

    def whole(self) -> Job:
        """The job, for rendering its card: loaded with the page, or now if its kept card was
        pushed out of the bounded cache since the page checked (rendering other cards can)."""
        if self.job is None:
            self.job = db.session.get(Job, self.id)
        return self.job


def filter_jobs(
    stmt, filters: BoardFilters, profile: CandidateProfile | None, with_rank: bool = False
):
    """Add the board's criteria to a select of jobs (the board and job alerts share it); with
    `with_rank`, also return the keyword relevance to order by (None without keywords)."""
    rank = None
    if filters.q:
        # Accents, case and plural endings do not matter ("fromageres" finds "Fromagère").
        stmt, rank = match(stmt, filters.q, db.session.get_bind().dialect.name)
    if filters.region:
        stmt = stmt.where(Job.region_code == filters.region)
    if filters.group and filters.group.isdigit():
        stmt = stmt.where(Job.noc.startswith(filters.group))
    if filters.job_type in {t.value for t in JobType}:
        stmt = stmt.where(Job.job_type == JobType(filters.job_type))
    if filters.commitments:
        # Every commitment asked for: the employer makes each of them.
        stmt = stmt.join(Job.organisation).where(
            *(getattr(EmployerOrganisation, c.column).is_(True) for c in filters.commitments)
        )
    if filters.meets_languages and profile is not None:
        stmt = stmt.where(
            Job.french_level_min <= (profile.french_level or 0),
            Job.english_level_min <= (profile.english_level or 0),
        )
    return (stmt, rank) if with_rank else stmt


def get_public_job(job_id: int, viewer: User | None = None) -> Job | None:
    """Return a job the viewer may see: published, closed or filled (not a draft), of an
    approved organisation, or of an unapproved one to its members and staff."""
    # One query: the page shows the employer, the town, the region and the occupation.
    job = db.session.get(
        Job,
        job_id,
        options=[
            joinedload(Job.organisation),
            joinedload(Job.municipality),
            joinedload(Job.region),
            joinedload(Job.occupation),
        ],
    )
    if job is None or job.status == JobStatus.DRAFT:
        return None
    return job if job.organisation.is_visible_to(viewer) else None
