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


@dataclass
class Match:
    candidate_id: object
    index: int
    score: int
    eligible: bool
    components: dict[str, int]


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
        # Skills: each distinct normalised string once, then a CSR matrix candidates x strings.
        term_ids: dict[str, int] = {}
        self.terms: list[Term] = []
        indices, indptr = [], [0]
        for c in candidates:
            for term in vocab.terms(c.skills):
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

    def skill_similarity(self, job_terms: list[Term]) -> np.ndarray:
        """Similarity 0..100 of each job skill to each distinct candidate string (k x D, uint8)."""
        k, d = len(job_terms), len(self.terms)
        sim = np.zeros((k, d), dtype=np.uint8)
        if not k or not d:
            return sim
        for j, term in enumerate(job_terms):
            if term.concept is not None:
                sim[j] = np.where(self.term_concept == term.concept, 100, 0)
        fuzzy = process.cdist(
            [t.key for t in job_terms],
            self.term_keys,
            scorer=fuzz.ratio,
            dtype=np.uint8,
            workers=-1,
            score_cutoff=FUZZY_CUTOFF,
        )
        # Two known concepts are compared by identity only: 'soudure TIG' is not 'soudure MIG'.
        job_known = np.array([t.concept is not None for t in job_terms])
        both_known = job_known[:, None] & (self.term_concept >= 0)[None, :]
        fuzzy[both_known] = 0
        return np.maximum(sim, fuzzy)

    def skill_coverage(self, job_terms: list[Term]) -> tuple[np.ndarray, np.ndarray | None]:
        """Fraction of the job skills each candidate has (N), and the per-skill best (k x N)."""
        if not job_terms:
            return np.ones(self.size, dtype=np.float32), None
        sim = self.skill_similarity(job_terms)
        best = _reduce_max(sim[:, self.skill_indices], self.skill_indptr)
        return best.mean(axis=0, dtype=np.float32) / 100.0, best

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
        required, _ = self.skill_coverage(vocab.terms(job.skills_required))
        nice = (
            self.skill_coverage(vocab.terms(job.skills_nice))[0]
            if job.skills_nice
            else np.zeros(self.size, np.float32)
        )
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
        scores = np.rint(points).astype(np.int16)
        order = np.lexsort((np.arange(self.size), -scores, ~eligible))
        if top is not None:
            order = order[:top]
        return [
            Match(
                candidate_id=self.ids[i],
                index=int(i),
                score=int(scores[i]),
                eligible=bool(eligible[i]),
                components=_apportion({name: float(c[i]) for name, c in components.items()}),
            )
            for i in order
        ]
