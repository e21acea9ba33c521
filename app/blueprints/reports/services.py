"""Program indicators: a handful of aggregate queries, whatever the size of the data.

Every indicator takes a `Period` (Québec dates, both ends included) and an optional region code:
the job's region for job-related counts, the destination's region for travel funding.
"""

import statistics
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import union_all

from app.clock import PROGRAM_TZ
from app.extensions import cache, db
from app.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    CandidateProfile,
    CandidateReason,
    FundingRequest,
    FundingStatus,
    IndicatorSnapshot,
    InterviewRequest,
    InterviewSlot,
    Job,
    MatchResult,
    Municipality,
    Notification,
    PartnerOrganisation,
    RequestStatus,
    Role,
    SlotStatus,
    User,
)
from app.models.applications import MAIN_PATH
from app.models.base import utcnow

NO_APPLICATION = "none"
RETENTION_MONTHS = (6, 12)
NO_SHOWS = (SlotStatus.NO_SHOW_CANDIDATE, SlotStatus.NO_SHOW_EMPLOYER)


@dataclass(frozen=True)
class Period:
    """A reporting period in Québec dates, `start` and `end` both included, and a region."""

    start: date
    end: date
    region: str | None = None

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=PROGRAM_TZ)

    @property
    def end_at(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=PROGRAM_TZ)

    def holds(self, column):
        """An SQL condition: the datetime column falls in the period."""
        return db.and_(column >= self.start_at, column < self.end_at)


def default_period(today: date) -> tuple[date, date]:
    """The last 12 months, today included."""
    from app.clock import add_months

    return add_months(today, -12) + timedelta(days=1), today


@dataclass
class Delay:
    """Days between two moments, over a number of candidates."""

    candidates: int = 0
    median: float | None = None
    mean: float | None = None


@dataclass
class FundingRow:
    key: str | None
    name: str
    requested: int = 0
    requested_cents: int = 0
    approved: int = 0
    approved_cents: int = 0
    paid: int = 0
    paid_cents: int = 0

    def add(self, other: "FundingRow") -> None:
        for attr in (
            "requested",
            "requested_cents",
            "approved",
            "approved_cents",
            "paid",
            "paid_cents",
        ):
            setattr(self, attr, getattr(self, attr) + getattr(other, attr))


@dataclass
class Indicators:
    period: Period
    stages: dict[str, int] = field(default_factory=dict)
    activity: dict[str, int] = field(default_factory=dict)
    interviews: dict[str, int] = field(default_factory=dict)
    delays: dict[str, Delay] = field(default_factory=dict)
    funding_by_partner: list[FundingRow] = field(default_factory=list)
    funding_by_region: list[FundingRow] = field(default_factory=list)
    funding_total: FundingRow = field(default_factory=lambda: FundingRow(None, ""))
    retention: dict[int, dict[str, int]] = field(default_factory=dict)
    # Why candidates withdrew ("withdrawn") or declined a Friday interview ("declined"), by reason.
    reasons: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def registered(self) -> int:
        return sum(self.stages.values())

    @property
    def mutual_rate(self) -> float | None:
        held = self.interviews.get("held", 0)
        return self.interviews.get("mutual", 0) / held if held else None

    @property
    def cost_per_hire_cents(self) -> int | None:
        hires = self.activity.get("hires", 0)
        return round(self.funding_total.paid_cents / hires) if hires else None


def _in_region(stmt, period: Period, job_column=Job.region_code):
    return stmt.where(job_column == period.region) if period.region else stmt


def _rank(column):
    """The position of a status along the main path (-1 when off it: declined, withdrawn)."""
    return db.case({s: i for i, s in enumerate(MAIN_PATH)}, value=column, else_=-1)


# ---------------------------------------------------------------- candidates


def count_candidates_by_stage(period: Period) -> dict[str, int]:
    """Candidates who signed up in the period, by the furthest step any application reached.

    The furthest step comes from each application's history, so an application declined after
    an interview still counts as interviewed. With a region, only applications to jobs there
    count, and a candidate with none is in the "no application" group.
    """
    from_events = (
        db.select(
            Application.candidate_id.label("cid"), _rank(ApplicationEvent.to_status).label("r")
        )
        .join(ApplicationEvent.application)
        .join(Application.job)
    )
    from_status = db.select(
        Application.candidate_id.label("cid"), _rank(Application.status).label("r")
    ).join(Application.job)
    ranked = union_all(_in_region(from_events, period), _in_region(from_status, period)).subquery()
    best = (
        db.select(ranked.c.cid, db.func.max(ranked.c.r).label("r"))
        .group_by(ranked.c.cid)
        .subquery()
    )
    stage = db.func.coalesce(best.c.r, -1)
    rows = db.session.execute(
        db.select(stage, db.func.count(User.id))
        .select_from(User)
        .outerjoin(CandidateProfile, CandidateProfile.user_id == User.id)
        .outerjoin(best, best.c.cid == CandidateProfile.id)
        .where(User.role == Role.CANDIDATE, period.holds(User.created_at))
        .group_by(stage)
    ).all()
    counts = {NO_APPLICATION: 0} | {s.value: 0 for s in MAIN_PATH}
    for rank, n in rows:
        key = MAIN_PATH[rank].value if rank is not None and rank >= 0 else NO_APPLICATION
        counts[key] += n
    return counts


# ---------------------------------------------------------------- matching and applications


def _invitations_to_apply(period: Period):
    from app.urls import site_path

    stmt = db.select(db.func.count(Notification.id)).where(
        Notification.kind == "invited_to_apply", period.holds(Notification.created_at)
    )
    if period.region:
        # The notification links to the job's page: the link names the job.
        prefix = site_path("jobs.detail", job_id=0)[:-1]
        link = db.literal(prefix) + db.cast(Job.id, db.String)
        stmt = stmt.join(Job, Notification.link == link).where(Job.region_code == period.region)
    return stmt


def _status_reached(period: Period, status: ApplicationStatus):
    stmt = (
        db.select(db.func.count(db.distinct(ApplicationEvent.application_id)))
        .join(ApplicationEvent.application)
        .join(Application.job)
        .where(ApplicationEvent.to_status == status, period.holds(ApplicationEvent.created_at))
    )
    return _in_region(stmt, period)


def count_activity(period: Period, today: date) -> dict[str, int]:
    """Matches shown, invitations, interview proposals, applications, pre-qualified and hires."""
    matches = _in_region(
        db.select(db.func.count(MatchResult.id))
        .join(MatchResult.job)
        .where(
            MatchResult.eligible.is_(True),
            Job.open_clause(today),
            period.holds(MatchResult.computed_at),
        ),
        period,
    )
    proposals = _in_region(
        db.select(db.func.count(InterviewRequest.id))
        .join(InterviewRequest.application)
        .join(Application.job)
        .where(period.holds(InterviewRequest.created_at)),
        period,
    )
    applications = _in_region(
        db.select(db.func.count(Application.id))
        .join(Application.job)
        .where(period.holds(Application.created_at)),
        period,
    )
    parts = {
        "matches": matches,
        "invited_to_apply": _invitations_to_apply(period),
        "interview_proposals": proposals,
        "applications": applications,
        "prequalified": _status_reached(period, ApplicationStatus.PREQUALIFIED),
        "hires": _status_reached(period, ApplicationStatus.HIRED),
    }
    row = db.session.execute(db.select(*(q.scalar_subquery() for q in parts.values()))).one()
    return {key: int(n or 0) for key, n in zip(parts, row, strict=True)}


# ---------------------------------------------------------------- Friday interviews


def _held():
    """An interview took place: marked held, or either side recorded a decision after it."""
    return db.or_(
        InterviewSlot.status == SlotStatus.HELD,
        db.and_(
            InterviewSlot.status.not_in((*NO_SHOWS, SlotStatus.CANCELLED)),
            db.or_(
                InterviewSlot.candidate_decision.is_not(None),
                InterviewSlot.employer_decision.is_not(None),
            ),
        ),
    )


def count_interviews(period: Period) -> dict[str, int]:
    """Friday interviews that started in the period: held, no-shows, mutual interest."""

    def when(condition):
        return db.func.sum(db.case((condition, 1), else_=0))

    mutual = db.and_(
        _held(),
        InterviewSlot.candidate_decision == "continue",
        InterviewSlot.employer_decision == "continue",
    )
    stmt = (
        db.select(
            when(_held()),
            when(InterviewSlot.status == SlotStatus.NO_SHOW_CANDIDATE),
            when(InterviewSlot.status == SlotStatus.NO_SHOW_EMPLOYER),
            when(mutual),
        )
        .join(InterviewSlot.request)
        .join(InterviewRequest.application)
        .join(Application.job)
        .where(period.holds(InterviewSlot.starts_at))
    )
    row = db.session.execute(_in_region(stmt, period)).one()
    keys = ("held", "no_show_candidate", "no_show_employer", "mutual")
    return {key: int(n or 0) for key, n in zip(keys, row, strict=True)}


# ---------------------------------------------------------------- delays


def _delay(rows) -> Delay:
    days = [(later - signed_up).total_seconds() / 86400 for signed_up, later in rows]
    if not days:
        return Delay()
    return Delay(len(days), statistics.median(days), statistics.fmean(days))


def measure_delays(period: Period) -> dict[str, Delay]:
    """Days from sign-up to the first interview held, and to the first hire, in the period.

    A candidate counts when their first interview (or hire) happened in the period; with a
    region, only interviews and hires for jobs in that region count.
    """
    first_interview = db.func.min(InterviewSlot.starts_at)
    interviews = (
        db.select(User.created_at, first_interview)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .join(Application, Application.candidate_id == CandidateProfile.id)
        .join(Application.job)
        .join(InterviewRequest, InterviewRequest.application_id == Application.id)
        .join(InterviewSlot, InterviewSlot.request_id == InterviewRequest.id)
        .where(_held())
        .group_by(User.id, User.created_at)
        .having(period.holds(first_interview))
    )
    first_hire = db.func.min(ApplicationEvent.created_at)
    hires = (
        db.select(User.created_at, first_hire)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .join(Application, Application.candidate_id == CandidateProfile.id)
        .join(Application.job)
        .join(ApplicationEvent, ApplicationEvent.application_id == Application.id)
        .where(ApplicationEvent.to_status == ApplicationStatus.HIRED)
        .group_by(User.id, User.created_at)
        .having(period.holds(first_hire))
    )
    return {
        "interview": _delay(db.session.execute(_in_region(interviews, period)).all()),
        "hire": _delay(db.session.execute(_in_region(hires, period)).all()),
    }


# ---------------------------------------------------------------- travel funding


def sum_funding(period: Period) -> list[tuple[int | None, str | None, str, FundingRow]]:
    """Travel funding by partner and destination region: requested, approved and paid.

    Requested: submitted in the period. Approved: decided in the period with an approved amount,
    and not cancelled since. Paid: paid on a day of the period.
    """
    req = FundingRequest
    submitted = period.holds(req.submitted_at)
    approved = db.and_(
        req.approved_cents.is_not(None),
        req.status != FundingStatus.CANCELLED,
        period.holds(req.decided_at),
    )
    paid = db.and_(req.paid_cents.is_not(None), req.paid_on.between(period.start, period.end))

    def count(condition):
        return db.func.sum(db.case((condition, 1), else_=0))

    def total(condition, column):
        return db.func.sum(db.case((condition, column), else_=0))

    stmt = (
        db.select(
            PartnerOrganisation.id,
            PartnerOrganisation.name,
            Municipality.region_code,
            count(submitted),
            total(submitted, req.requested_cents),
            count(approved),
            total(approved, req.approved_cents),
            count(paid),
            total(paid, req.paid_cents),
        )
        .join(Municipality, Municipality.id == req.destination_id)
        .outerjoin(PartnerOrganisation, PartnerOrganisation.id == req.partner_id)
        .where(db.or_(submitted, approved, paid))
        .group_by(PartnerOrganisation.id, PartnerOrganisation.name, Municipality.region_code)
    )
    rows = db.session.execute(_in_region(stmt, period, Municipality.region_code)).all()
    return [
        (pid, pname, region, FundingRow(None, "", *(int(v or 0) for v in values)))
        for pid, pname, region, *values in rows
    ]


def _roll_up(funding, region_names: dict[str, str], no_partner: str):
    by_partner: dict[str, FundingRow] = {}
    by_region: dict[str, FundingRow] = {}
    total = FundingRow(None, "")
    for pid, pname, region, row in funding:
        key = str(pid) if pid is not None else ""
        by_partner.setdefault(key, FundingRow(key, pname or no_partner)).add(row)
        by_region.setdefault(region, FundingRow(region, region_names.get(region, region))).add(row)
        total.add(row)
    partners = sorted(by_partner.values(), key=lambda r: (r.key == "", r.name.casefold()))
    regions = sorted(by_region.values(), key=lambda r: r.key or "")
    return partners, regions, total


# ---------------------------------------------------------------- candidates' reasons

NO_REASON = "none"  # a withdrawal or decline recorded before reasons were asked


def count_candidate_reasons(period: Period) -> dict[str, dict[str, int]]:
    """Withdrawn applications and declined Friday interviews of the period, by the reason the
    candidate chose (one query)."""
    withdrawn = _in_region(
        db.select(
            db.literal_column("'withdrawn'").label("kind"),
            Application.withdraw_reason.label("reason"),
            db.func.count(db.distinct(Application.id)).label("n"),
        )
        .join(ApplicationEvent.application)
        .join(Application.job)
        .where(
            ApplicationEvent.to_status == ApplicationStatus.WITHDRAWN,
            Application.status == ApplicationStatus.WITHDRAWN,
            period.holds(ApplicationEvent.created_at),
        )
        .group_by(Application.withdraw_reason),
        period,
    )
    declined = _in_region(
        db.select(
            db.literal_column("'declined'").label("kind"),
            InterviewRequest.decline_reason.label("reason"),
            db.func.count(InterviewRequest.id).label("n"),
        )
        .join(InterviewRequest.application)
        .join(Application.job)
        .where(
            InterviewRequest.status == RequestStatus.DECLINED,
            period.holds(InterviewRequest.responded_at),
        )
        .group_by(InterviewRequest.decline_reason),
        period,
    )
    keys = [r.value for r in CandidateReason] + [NO_REASON]
    counts = {kind: dict.fromkeys(keys, 0) for kind in ("withdrawn", "declined")}
    for kind, reason, n in db.session.execute(union_all(withdrawn, declined)).all():
        key = reason.value if isinstance(reason, CandidateReason) else (reason or NO_REASON)
        counts[kind][key] += int(n)
    return counts


# ---------------------------------------------------------------- all of them


def compute_indicators(
    period: Period, today: date, region_names: dict[str, str], no_partner: str
) -> Indicators:
    """Every indicator for the period and region (eight queries, whatever the data size)."""
    from app.blueprints.followup.services import check_in_outcomes

    partners, regions, total = _roll_up(sum_funding(period), region_names, no_partner)
    outcomes = check_in_outcomes(period.start_at, period.end_at, period.region)
    empty = {"answered": 0, "employed": 0, "in_region": 0}
    return Indicators(
        period=period,
        stages=count_candidates_by_stage(period),
        activity=count_activity(period, today),
        interviews=count_interviews(period),
        delays=measure_delays(period),
        funding_by_partner=partners,
        funding_by_region=regions,
        funding_total=total,
        retention={m: outcomes.get(m, dict(empty)) for m in RETENTION_MONTHS},
        reasons=count_candidate_reasons(period),
    )


INDICATORS_CACHE_SECONDS = 120


@cache.memoize(timeout=INDICATORS_CACHE_SECONDS)
def cached_indicators(
    period: Period, today: date, region_names: dict[str, str], no_partner: str
) -> tuple[datetime, Indicators]:
    """Indicators for filters nobody computed ahead, kept two minutes (shared through Redis).

    Staff switching filters back and forth, or several staff on the same figures, share one
    computation. The default views (the last 12 months, the whole program and each region) are
    computed ahead by `refresh_indicators` and read from `indicator_snapshots` instead.
    """
    return utcnow(), compute_indicators(period, today, region_names, no_partner)


# ---------------------------------------------------------------- computed ahead


# Fields that need more than JSON as they are; every other field of Indicators is stored as is.
_SHAPED = {"period", "delays", "funding_by_partner", "funding_by_region", "funding_total"}


def _plain_fields() -> list[str]:
    return [f.name for f in fields(Indicators) if f.name not in _SHAPED]


def _to_data(ind: Indicators) -> dict:
    """The figures, without names (they are put in, in the reader's language, at display)."""

    def row(r: FundingRow) -> dict:
        return {k: v for k, v in asdict(r).items() if k != "name"}

    data = {name: getattr(ind, name) for name in _plain_fields()}
    data["retention"] = {str(k): v for k, v in ind.retention.items()}
    return data | {
        "delays": {k: asdict(v) for k, v in ind.delays.items()},
        "funding_by_partner": [
            row(r) | {"partner": r.name if r.key else ""} for r in ind.funding_by_partner
        ],
        "funding_by_region": [row(r) for r in ind.funding_by_region],
        "funding_total": row(ind.funding_total),
    }


def _from_data(
    data: dict, period: Period, region_names: dict[str, str], no_partner: str
) -> Indicators:
    def row(d: dict, name: str) -> FundingRow:
        return FundingRow(name=name, **{k: v for k, v in d.items() if k != "partner"})

    partners = [row(d, d["partner"] or no_partner) for d in data["funding_by_partner"]]
    regions = [row(d, region_names.get(d["key"], d["key"])) for d in data["funding_by_region"]]
    plain = {name: data[name] for name in _plain_fields()}
    plain["retention"] = {int(k): v for k, v in data["retention"].items()}
    return Indicators(
        period=period,
        delays={k: Delay(**v) for k, v in data["delays"].items()},
        funding_by_partner=sorted(partners, key=lambda r: (r.key == "", r.name.casefold())),
        funding_by_region=regions,
        funding_total=row(data["funding_total"], ""),
        **plain,
    )


def indicators_for(
    period: Period, today: date, region_names: dict[str, str], no_partner: str
) -> tuple[datetime, Indicators]:
    """The indicators and when they were computed: computed ahead when they were, else now."""
    snapshot = db.session.execute(
        db.select(IndicatorSnapshot).where(
            IndicatorSnapshot.start == period.start,
            IndicatorSnapshot.end == period.end,
            IndicatorSnapshot.region_code == (period.region or ""),
        )
    ).scalar_one_or_none()
    # A snapshot from before a new indicator was added is not used: the next refresh replaces it.
    if snapshot is not None and set(_plain_fields()) <= set(snapshot.data):
        return snapshot.computed_at, _from_data(snapshot.data, period, region_names, no_partner)
    return cached_indicators(period, today, region_names, no_partner)


def region_codes() -> list[str]:
    """The regions the program serves (every region but Montréal)."""
    from app.blueprints.regions.services import list_regions

    return [r.code for r in list_regions() if not r.is_montreal]


def refresh_indicators(today: date, region_codes: list[str]) -> int:
    """Compute the default views ahead (the last 12 months; the program and each region).

    Run by `flask reports refresh` (cron, every 10 minutes) and by staff on demand. Snapshots of
    other periods are removed: only the current default views are kept.
    """
    start, end = default_period(today)
    now = utcnow()
    kept = []
    for region in [None, *region_codes]:
        period = Period(start, end, region)
        data = _to_data(compute_indicators(period, today, {}, ""))
        snapshot = db.session.execute(
            db.select(IndicatorSnapshot).where(
                IndicatorSnapshot.start == start,
                IndicatorSnapshot.end == end,
                IndicatorSnapshot.region_code == (region or ""),
            )
        ).scalar_one_or_none()
        if snapshot is None:
            snapshot = IndicatorSnapshot(start=start, end=end, region_code=region or "")
            db.session.add(snapshot)
        snapshot.computed_at, snapshot.data = now, data
        db.session.flush()
        kept.append(snapshot.id)
    db.session.execute(db.delete(IndicatorSnapshot).where(IndicatorSnapshot.id.not_in(kept)))
    return len(kept)
