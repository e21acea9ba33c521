"""Score and rank candidates for a job, vectorised with numpy over the whole pool.

Hard requirements (work authorisation when required, minimum French and English levels) make a
candidate ineligible: ineligible candidates are always ranked below eligible ones. Soft factors
give a score from 0 to 100 whose components add up to it; their weights live in WEIGHTS.
"""

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from rapidfuzz import fuzz, process

from app.matching.normalise import FUZZY_CUTOFF, Term, Vocabulary

AUTHORISED_STATUSES = {
    "citizen",
    "permanent_resident",
    "open_work_permit",
    "employer_specific_work_permit",
}
ANYWHERE = "*"


@dataclass(frozen=True)
class Weights:
    occupation: float = 30
    required_skills: float = 35
    nice_skills: float = 8
    region: float = 12
    experience: float = 10
    availability: float = 5

    def items(self) -> list[tuple[str, float]]:
        return list(vars(self).items())


WEIGHTS = Weights()
assert abs(sum(w for _, w in WEIGHTS.items()) - 100) < 1e-9

# How close two NOC codes are: same unit group, then same minor, sub-major and major group.
OCCUPATION_LEVELS = ((1, 1.0), (10, 0.6), (100, 0.4), (1000, 0.2))


@dataclass
class JobSpec:
    id: object
    noc: str
    skills_required: list[str] = field(default_factory=list)
    skills_nice: list[str] = field(default_factory=list)
    region: str = ""
    french_min: int = 0
    english_min: int = 0
    experience_min: int = 0
    work_permit_required: bool = True
    start_date: date | None = None
    title: str = ""


@dataclass
class CandidateSpec:
    id: object
    nocs: list[str] = field(default_factory=list)
    desired_titles: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    french: int | None = None
    english: int | None = None
    experience: int | None = None
    regions: list[str] = field(default_factory=list)
    work_status: str | None = None
    available: date | None = None
    summary: str = ""

    def all_terms(self, vocab: Vocabulary) -> list[Term]:
        """The skills as listed, then known skills named in the summary (never dropped)."""
        listed = vocab.terms(self.skills)
        known = {t.concept for t in listed if t.concept is not None}
        extra = (
            [t for t in vocab.terms_in_text(self.summary) if t.concept not in known]
            if self.summary
            else []
        )
        return listed + extra


@dataclass
class Match:
    candidate_id: object
    index: int
    score: int
    eligible: bool
    components: dict[str, int]


def similarity(terms: list[Term], keys: list[str], concepts: np.ndarray) -> np.ndarray:
    """Similarity 0..100 of each term to each known string (len(terms) x len(keys), uint8).

    Two strings mapped to known concepts match only when the concepts are the same ('soudure TIG'
    is not 'soudure MIG'); when either side is unknown, they match by fuzzy ratio above the cutoff.
    """
    k, d = len(terms), len(keys)
    sim = np.zeros((k, d), dtype=np.uint8)
    if not k or not d:
        return sim
    for j, term in enumerate(terms):
        if term.concept is not None:
            sim[j] = np.where(concepts == term.concept, 100, 0)
    fuzzy = process.cdist(
        [t.key for t in terms],
        keys,
        scorer=fuzz.ratio,
        dtype=np.uint8,
        workers=-1,
        score_cutoff=FUZZY_CUTOFF,
    )
    known = np.array([t.concept is not None for t in terms])
    fuzzy[known[:, None] & (concepts >= 0)[None, :]] = 0
    return np.maximum(sim, fuzzy)


def _reduce_max(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Max of each row's slice of `values` (last axis), 0 for empty rows."""
    n = len(indptr) - 1
    pad = np.zeros(values.shape[:-1] + (1,), dtype=values.dtype)
    padded = np.concatenate([values, pad], axis=-1)
    starts = indptr[:-1]
    out = np.maximum.reduceat(padded, starts, axis=-1)[..., :n]
    empty = indptr[1:] == starts
    out[..., empty] = 0
    return out


def _ranked(eligible, points, components, top):
    """Yield (index, index, score, eligible, components), best first."""
    scores = np.rint(points).astype(np.int16)
    order = np.lexsort((np.arange(len(scores)), -scores, ~eligible))
    for i in order if top is None else order[:top]:
        parts = _apportion({name: float(c[i]) for name, c in components.items()})
        yield int(i), int(i), int(scores[i]), bool(eligible[i]), parts


def _apportion(points: dict[str, float]) -> dict[str, int]:
    """Round component points to integers that still add up to the rounded total."""
    total = int(round(sum(points.values())))
    floors = {k: int(np.floor(v)) for k, v in points.items()}
    rest = total - sum(floors.values())
    for key in sorted(points, key=lambda k: points[k] - floors[k], reverse=True)[: max(rest, 0)]:
        floors[key] += 1
    return floors


class CandidatePool:
    """Candidates turned into arrays once, then ranked for any number of jobs."""

    def __init__(self, candidates: list[CandidateSpec], vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.candidates = candidates
        self.ids = [c.id for c in candidates]
        n = len(candidates)
        self.french = np.array([c.french or 0 for c in candidates], dtype=np.int16)
        self.english = np.array([c.english or 0 for c in candidates], dtype=np.int16)
        self.experience = np.array(
            [-1 if c.experience is None else c.experience for c in candidates], dtype=np.float32
        )
        self.authorised = np.array(
            [c.work_status in AUTHORISED_STATUSES for c in candidates], dtype=bool
        )
        self.anywhere = np.array([ANYWHERE in c.regions for c in candidates], dtype=bool)
        self.region_mask = np.array(
            [
                sum(1 << int(r) for r in set(c.regions) if r.isdigit() and 1 <= int(r) <= 17)
                for c in candidates
            ],
            dtype=np.int64,
        )
        self.available = np.array(
            [c.available.toordinal() if c.available else 0 for c in candidates], dtype=np.int32
        )
        vocab.prefetch(s for c in candidates for s in c.skills)
        # Skills: each distinct normalised string once, then a CSR matrix candidates x strings.
        term_ids: dict[str, int] = {}
        self.terms: list[Term] = []
        indices, indptr = [], [0]
        for c in candidates:
            for term in c.all_terms(vocab):
                tid = term_ids.get(term.key)
                if tid is None:
                    tid = term_ids[term.key] = len(self.terms)
                    self.terms.append(term)
                indices.append(tid)
            indptr.append(len(indices))
        self.skill_indices = np.array(indices, dtype=np.int32)
        self.skill_indptr = np.array(indptr, dtype=np.int64)
        self.term_keys = [t.key for t in self.terms]
        self.term_concept = np.array(
            [-1 if t.concept is None else t.concept for t in self.terms], dtype=np.int32
        )
        # Inverted index: for each distinct string, the candidates who wrote it.
        owners = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.skill_indptr))
        order = np.argsort(self.skill_indices, kind="stable")
        self.postings = owners[order]
        self.postings_ptr = np.searchsorted(
            self.skill_indices[order], np.arange(len(self.terms) + 1)
        )
        # Occupations: declared codes plus the codes of the titles they typed.
        noc_indices, noc_indptr = [], [0]
        for c in candidates:
            codes = {code for code in c.nocs if code and code.isdigit()}
            codes.update(filter(None, (vocab.occupation_for_title(t) for t in c.desired_titles)))
            noc_indices.extend(int(code) for code in codes)
            noc_indptr.append(len(noc_indices))
        self.noc_indices = np.array(noc_indices, dtype=np.int32)
        self.noc_indptr = np.array(noc_indptr, dtype=np.int64)
        self.size = n

    # ---------------------------------------------------------------- components

    def skill_best(self, job_terms: list[Term]) -> tuple[np.ndarray, np.ndarray]:
        """For each job skill and candidate: the best similarity (k x N) and the string giving it.

        Only the candidate strings similar to a job skill are visited, through an inverted
        index, so the cost follows the number of matches, not the size of the pool.
        """
        k = len(job_terms)
        best = np.zeros((k, self.size), dtype=np.uint8)
        best_term = np.full((k, self.size), -1, dtype=np.int32)
        if not k:
            return best, best_term
        sim = similarity(job_terms, self.term_keys, self.term_concept)
        for j in range(k):
            hits = np.flatnonzero(sim[j])
            if not hits.size:
                continue
            hits = hits[
                np.argsort(sim[j, hits], kind="stable")
            ]  # ascending: the best is written last
            starts = self.postings_ptr[hits]
            lengths = self.postings_ptr[hits + 1] - starts
            offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
            rows = self.postings[offsets + np.arange(lengths.sum())]
            best[j, rows] = np.repeat(sim[j, hits], lengths)
            best_term[j, rows] = np.repeat(hits, lengths)
        return best, best_term

    def skill_coverage(self, job_terms: list[Term]) -> np.ndarray:
        """Fraction of the job skills each candidate has (1 when the job lists none)."""
        if not job_terms:
            return np.ones(self.size, dtype=np.float32)
        best, _ = self.skill_best(job_terms)
        return best.mean(axis=0, dtype=np.float32) / 100.0

    def occupation_fit(self, noc: str) -> np.ndarray:
        """How close each candidate's occupations are to the job's (0..1)."""
        if not noc or not noc.isdigit() or not self.noc_indices.size:
            return np.zeros(self.size, dtype=np.float32)
        target = int(noc)
        values = np.zeros(self.noc_indices.shape, dtype=np.float32)
        for divisor, level in reversed(OCCUPATION_LEVELS):
            values[self.noc_indices // divisor == target // divisor] = level
        return _reduce_max(values, self.noc_indptr)

    # ---------------------------------------------------------------- ranking

    def score(self, job: JobSpec) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """Return eligibility (N bool), points (N float) and each component's points."""
        vocab = self.vocab
        eligible = (self.french >= job.french_min) & (self.english >= job.english_min)
        if job.work_permit_required:
            eligible &= self.authorised
        required = self.skill_coverage(vocab.terms(job.skills_required))
        nice = self.skill_coverage(vocab.terms(job.skills_nice))
        region_bit = 1 << int(job.region) if job.region and job.region.isdigit() else 0
        region = (((self.region_mask & region_bit) != 0) | self.anywhere).astype(np.float32)
        if job.experience_min > 0:
            experience = np.clip(self.experience / job.experience_min, 0, 1)
            experience[self.experience < 0] = 0.5  # unknown: half credit
        else:
            experience = np.ones(self.size, dtype=np.float32)
        if job.start_date:
            late = self.available > job.start_date.toordinal()
            availability = np.where(late, 0.5, 1.0).astype(np.float32)
        else:
            availability = np.ones(self.size, dtype=np.float32)
        fractions = {
            "occupation": self.occupation_fit(job.noc),
            "required_skills": required,
            "nice_skills": nice,
            "region": region,
            "experience": experience,
            "availability": availability,
        }
        components = {name: fractions[name] * weight for name, weight in WEIGHTS.items()}
        points = sum(components.values())
        return eligible, points, components

    def rank(self, job: JobSpec, top: int | None = None) -> list[Match]:
        """Rank the pool for a job: eligible first, then by score, then by input order."""
        if not self.size:
            return []
        eligible, points, components = self.score(job)
        return [
            Match(self.ids[i], *rest) for i, *rest in _ranked(eligible, points, components, top)
        ]


@dataclass
class JobMatch:
    job_id: object
    index: int
    score: int
    eligible: bool
    components: dict[str, int]


def _segment_mean(values: np.ndarray, indptr: np.ndarray, empty: float) -> np.ndarray:
    """Mean of each row's slice of `values`; `empty` for rows without values."""
    counts = np.diff(indptr)
    sums = np.add.reduceat(np.concatenate([values, [0]]), indptr[:-1])[: len(counts)]
    out = np.full(len(counts), empty, dtype=np.float32)
    has = counts > 0
    out[has] = sums[has] / counts[has]
    return out


class JobPool:
    """Open jobs turned into arrays once, then ranked for one candidate at a time."""

    def __init__(self, jobs: list[JobSpec], vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.jobs = jobs
        self.ids = [j.id for j in jobs]
        self.size = len(jobs)
        self.french_min = np.array([j.french_min for j in jobs], dtype=np.int16)
        self.english_min = np.array([j.english_min for j in jobs], dtype=np.int16)
        self.permit = np.array([j.work_permit_required for j in jobs], dtype=bool)
        self.region = np.array(
            [int(j.region) if j.region.isdigit() else 0 for j in jobs], dtype=np.int64
        )
        self.noc = np.array([int(j.noc) if j.noc.isdigit() else -1 for j in jobs], dtype=np.int64)
        self.experience_min = np.array([j.experience_min for j in jobs], dtype=np.float32)
        self.start = np.array(
            [j.start_date.toordinal() if j.start_date else 0 for j in jobs], dtype=np.int64
        )
        term_ids: dict[str, int] = {}
        self.terms: list[Term] = []

        def csr(lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
            indices, indptr = [], [0]
            for skills in lists:
                for term in vocab.terms(skills):
                    tid = term_ids.get(term.key)
                    if tid is None:
                        tid = term_ids[term.key] = len(self.terms)
                        self.terms.append(term)
                    indices.append(tid)
                indptr.append(len(indices))
            return np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)

        self.required, self.required_ptr = csr([j.skills_required for j in jobs])
        self.nice, self.nice_ptr = csr([j.skills_nice for j in jobs])
        self.term_keys = [t.key for t in self.terms]
        self.term_concept = np.array(
            [-1 if t.concept is None else t.concept for t in self.terms], dtype=np.int32
        )

    def rank_for(self, candidate: CandidateSpec, top: int | None = None) -> list[JobMatch]:
        """Rank every job for one candidate: eligible first, then by score, then by input order."""
        if not self.size:
            return []
        vocab = self.vocab
        sim = similarity(candidate.all_terms(vocab), self.term_keys, self.term_concept)
        best = (
            sim.max(axis=0).astype(np.float32) / 100.0
            if sim.size
            else np.zeros(len(self.terms), np.float32)
        )
        required = _segment_mean(best[self.required], self.required_ptr, 1.0)
        nice = _segment_mean(best[self.nice], self.nice_ptr, 1.0)
        codes = {int(c) for c in candidate.nocs if c and c.isdigit()}
        codes.update(
            int(c) for c in filter(None, map(vocab.occupation_for_title, candidate.desired_titles))
        )
        occupation = np.zeros(self.size, dtype=np.float32)
        for code in codes:
            for divisor, level in OCCUPATION_LEVELS:
                hit = (self.noc // divisor == code // divisor) & (occupation < level)
                occupation[hit] = level
        if ANYWHERE in candidate.regions:
            region = np.ones(self.size, dtype=np.float32)
        else:
            wanted = [int(r) for r in candidate.regions if r.isdigit()]
            region = np.isin(self.region, wanted).astype(np.float32)
        if candidate.experience is None:
            experience = np.where(self.experience_min > 0, 0.5, 1.0)
        else:
            experience = np.where(
                self.experience_min > 0,
                np.clip(candidate.experience / np.maximum(self.experience_min, 1), 0, 1),
                1.0,
            )
        if candidate.available:
            late = (self.start > 0) & (candidate.available.toordinal() > self.start)
            availability = np.where(late, 0.5, 1.0)
        else:
            availability = np.ones(self.size, dtype=np.float32)
        eligible = (self.french_min <= (candidate.french or 0)) & (
            self.english_min <= (candidate.english or 0)
        )
        if candidate.work_status not in AUTHORISED_STATUSES:
            eligible &= ~self.permit
        fractions = {
            "occupation": occupation,
            "required_skills": required,
            "nice_skills": nice,
            "region": region,
            "experience": experience.astype(np.float32),
            "availability": availability.astype(np.float32),
        }
        components = {name: fractions[name] * weight for name, weight in WEIGHTS.items()}
        points = sum(components.values())
        return [
            JobMatch(self.ids[i], *rest) for i, *rest in _ranked(eligible, points, components, top)
        ]
