"""Score and rank candidates for a job, vectorised with numpy over the whole pool.

Hard requirements (work authorisation when required, minimum French and English levels) make a
candidate ineligible: ineligible candidates are always ranked below eligible ones. Soft factors
give a score from 0 to 100 whose components add up to it; their weights live in WEIGHTS.

Occupation evidence gates the score. The occupation (declared NOC, titles mapped to a NOC, titles
close to the job's own), and the skills typical of the job's occupation, say *whether* a candidate
is a match; region, experience and availability (and education when the job asks for some) only
order candidates within that level: their points are multiplied by a gate that is 0 for a
candidate with no occupational relation to the job and 1 from a related occupation upwards. A job
that lists no skills says nothing about them: their credit then follows the same gate.

Work permits: a closed (employer-specific) permit authorises work only for the employer it names
(by NEQ); for another employer it takes a job that says it can support a new permit (LMIA/EIMT
obtained or in progress, or exempt). A permit that expires before the job starts (or before
today) authorises nothing. A closed permit that may not name this employer, when the job says
nothing about support, costs PERMIT_PENALTY points (the 'permit' component, negative). A document
without these fields ranks as it did without them.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from rapidfuzz import fuzz, process

from app.clock import today
from app.matching.normalise import DIGITS, FUZZY_CUTOFF, Term, Vocabulary
from app.matching.titles import NOISE, title_parts, title_words

AUTHORISED_STATUSES = {
    "citizen",
    "permanent_resident",
    "open_work_permit",
    "employer_specific_work_permit",
}
ANYWHERE = "*"
CLOSED_PERMIT = "employer_specific_work_permit"
PERMIT_STATUSES = {"open_work_permit", CLOSED_PERMIT}
PERMIT_SUPPORT = {"lmia_obtained", "lmia_in_progress", "exempt", "none"}
SUPPORTS_NEW_PERMIT = {"lmia_obtained", "lmia_in_progress", "exempt"}
EDUCATION_LEVELS = ("none", "secondary", "college", "bachelor", "master", "doctorate")
EDUCATION_RANK = {name: i for i, name in enumerate(EDUCATION_LEVELS)}
EDUCATION_WEIGHT = 6.0  # taken proportionally from the other weights when a job asks for a level
PERMIT_PENALTY = 6.0  # a closed permit that may not name this employer, support unknown
# Gate: occupational evidence below GATE_LOW opens nothing, from GATE_HIGH the context counts fully.
GATE_LOW, GATE_HIGH = 0.15, 0.55
# A skill listed for more occupations than this says little about the trade ('teamwork').
GENERIC_SPREAD = 8
GENERIC_SKILL_WEIGHT = 0.3
SKILL_OCCUPATION = 0.5  # skills typical of the job's occupation, without a title, count this much
TITLE_FALLBACK = 0.85  # a title close to the job's own counts up to this occupation fit
CONTEXT = ("region", "experience", "availability", "education")


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
    employer_neq: str = ""
    permit_support: str | None = None  # lmia_obtained | lmia_in_progress | exempt | none
    education_min: str | None = None  # one of EDUCATION_LEVELS


# Where a sentence lists things: commas, semicolons, colons, bullets, line ends, 'et', 'and'.
_PIECES = re.compile(r"[,;:\n•|]|\.(?:\s|$)|\s(?:et|and|ainsi que)\s", re.IGNORECASE)


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
    permit_employer_neq: str = ""
    permit_expiry: date | None = None
    education: str | None = None  # one of EDUCATION_LEVELS
    credential_recognition: str | None = None  # none | in_progress | recognized

    def written_skills(self) -> list[str]:
        """The skills as listed; for a profile that lists none, the short pieces of its summary
        ('soudure MIG, lecture de plans et cariste' -> three skills)."""
        if self.skills or not self.summary:
            return self.skills
        pieces = _PIECES.split(self.summary)
        return [p.strip() for p in pieces if p and 1 <= len(p.split()) <= 5 and len(p.strip()) > 2]

    def all_terms(self, vocab: Vocabulary) -> list[Term]:
        """The skills as listed, then known skills named in the summary (never dropped)."""
        listed = vocab.terms(self.written_skills())
        known = {t.concept for t in listed if t.concept is not None}
        extra = (
            [
                t
                for t in vocab.terms_in_text(self.summary, slips=not self.skills)
                if t.concept not in known
            ]
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


def similarity(
    terms: list[Term],
    keys: list[str],
    concepts: np.ndarray,
    unknown: tuple[np.ndarray, list[str]] | None = None,
    words: "WordIndex | None" = None,
) -> np.ndarray:
    """Similarity 0..100 of each term to each known string (len(terms) x len(keys), uint8).

    Two strings mapped to known concepts match only when the concepts are the same ('soudure TIG'
    is not 'soudure MIG'); when either side is unknown, they match by fuzzy ratio above the cutoff.
    So a known term is compared by fuzzy ratio with the unknown strings only (`unknown`: their
    indices and keys, computed here when not given), which is most of the cost saved.
    """
    k, d = len(terms), len(keys)
    sim = np.zeros((k, d), dtype=np.uint8)
    if not k or not d:
        return sim
    for j, term in enumerate(terms):
        if term.concept is not None:
            sim[j] = np.where(concepts == term.concept, 100, 0)
    if unknown is None:
        cols = np.flatnonzero(concepts < 0)
        unknown = (cols, [keys[i] for i in cols])
    cols, unknown_keys = unknown
    known_rows = [j for j, t in enumerate(terms) if t.concept is not None]
    other_rows = [j for j, t in enumerate(terms) if t.concept is None]
    options = dict(scorer=fuzz.ratio, dtype=np.uint8, workers=-1, score_cutoff=FUZZY_CUTOFF)
    if other_rows:
        fuzzy = process.cdist([terms[j].key for j in other_rows], keys, **options)
        sim[other_rows] = np.maximum(sim[other_rows], fuzzy)
    if known_rows and len(cols):
        fuzzy = process.cdist([terms[j].key for j in known_rows], unknown_keys, **options)
        block = sim[np.ix_(known_rows, cols)]
        sim[np.ix_(known_rows, cols)] = np.maximum(block, fuzzy)
    _contained(terms, keys, concepts, sim, words)
    return sim


CONTAINED = 90  # 'coupe au couteau' in 'techniques de coupe au couteau': nearly the same skill
_SMALL_WORDS = frozenset(
    "a au aux d de du des en et l la le les un une pour sur dans avec par of the and in for "
    "to at on with an or".split()
)


def content_words(key: str) -> frozenset[str]:
    """The words of a normalised string that carry meaning (no 'de', 'the', single letters)."""
    return frozenset(w for w in key.split() if w not in _SMALL_WORDS and len(w) > 1)


class WordIndex:
    """Content words of many strings, and which strings hold each word."""

    def __init__(self, keys: list[str]) -> None:
        self.words = [content_words(k) for k in keys]
        self.holders: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for w in words:
                self.holders.setdefault(w, []).append(i)


def _contained(terms, keys, concepts, sim, words: "WordIndex | None") -> None:
    """Credit two strings when the content words of one are all in the other (two at least),
    when either is unknown: fuzzy ratio misses 'plans et devis' in 'lecture de plans et devis'.
    """
    digits = [DIGITS.findall(k) for k in keys] if words is None else None
    if words is None:
        words = WordIndex(keys)
    for j, term in enumerate(terms):
        mine = content_words(term.key)
        if len(mine) < 2:
            continue
        near: set[int] = set()
        for w in mine:
            near.update(words.holders.get(w, ()))
            if len(near) > 50_000:
                break
        own_digits = DIGITS.findall(term.key)
        for i in near:
            if sim[j, i] >= CONTAINED or (term.concept is not None and concepts[i] >= 0):
                continue
            theirs = words.words[i]
            shared = mine & theirs
            if len(shared) >= 2 and (shared == mine or shared == theirs):
                found = digits[i] if digits is not None else DIGITS.findall(keys[i])
                if found == own_digits:
                    sim[j, i] = CONTAINED


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


# Scores a ranking can hold (0..100, with room): the top rows are found from their histogram.
_SCORE_SPAN = 1 << 10


def _order(eligible: np.ndarray, scores: np.ndarray, top: int | None) -> np.ndarray:
    """Indices eligible first, then by score (descending), then by input order; the top only."""
    n = len(scores)
    if top is not None and top < n and n and 0 <= scores.min() and scores.max() < _SCORE_SPAN:
        # The level of each row (eligible above all ineligible, then score): count the rows at
        # each level, keep those at or above the level where the top is reached, and sort only
        # them (a stable sort keeps input order within a level).
        level = scores.astype(np.int32) + eligible * np.int32(_SCORE_SPAN)
        counts = np.bincount(level, minlength=2 * _SCORE_SPAN)
        above = np.cumsum(counts[::-1])
        cut = 2 * _SCORE_SPAN - 1 - int(np.searchsorted(above, top))
        kept = np.flatnonzero(level >= cut)
        return kept[np.argsort(-level[kept], kind="stable")[:top]]
    key = (
        (~eligible).astype(np.int64) << 40
        | (np.int64(1 << 15) - scores.astype(np.int64)) << 24
        | np.arange(n, dtype=np.int64)
    )
    if top is not None and top < n:
        head = np.argpartition(key, top - 1)[:top]
        return head[np.argsort(key[head])]
    return np.argsort(key)


@dataclass
class Ranked:
    """The best rows of one ranking as plain lists, best first: what storing them needs."""

    order: list[int]  # indices in the pool
    scores: list[int]
    eligible: list[bool]
    names: list[str]  # the components, in their order
    parts: list[list[int]]  # each row's points per component
    present: list[list[bool]]  # whether each component applies to the row


def _top(eligible, points, components, top) -> Ranked:
    scores = np.rint(points).astype(np.int16)
    order = _order(eligible, scores, top)
    names = list(components)
    matrix = np.stack([components[name][order] for name in names]).astype(np.float64).T
    present = ~np.isnan(matrix)
    return Ranked(
        order.tolist(),
        scores[order].tolist(),
        eligible[order].tolist(),
        names,
        apportion_rows(matrix).tolist(),
        present.tolist(),
    )


def _ranked(eligible, points, components, top):
    """Yield (index, index, score, eligible, components), best first."""
    r = _top(eligible, points, components, top)
    names = r.names
    for i, score, ok, row, has in zip(
        r.order, r.scores, r.eligible, r.parts, r.present, strict=True
    ):
        yield i, i, score, ok, {name: v for name, v, h in zip(names, row, has, strict=True) if h}


def apportion_rows(matrix: np.ndarray) -> np.ndarray:
    """`_apportion` for every row at once (NaN: a component that does not apply to the row).

    The same integers as row by row: the total is the rounded sum taken left to right, each
    value is floored, and the units left go to the largest fractions, ties to the first column.
    """
    present = ~np.isnan(matrix)
    values = np.where(present, matrix, 0.0)
    total = np.zeros(len(matrix))
    for column in values.T:  # left to right, as sum() over the row's dict does
        total = total + column
    floors = np.floor(values)
    rest = np.rint(total) - floors.sum(axis=1)
    frac = np.where(present, values - floors, -np.inf)
    order = np.argsort(-frac, axis=1, kind="stable")
    position = np.empty_like(order)
    np.put_along_axis(position, order, np.arange(matrix.shape[1])[None, :], axis=1)
    bonus = (position < rest[:, None]) & present
    return (floors + bonus).astype(np.int64)


def _apportion(points: dict[str, float]) -> dict[str, int]:
    """Round component points to integers that still add up to the rounded total."""
    total = int(round(sum(points.values())))
    floors = {k: math.floor(v) for k, v in points.items()}
    rest = total - sum(floors.values())
    for key in sorted(points, key=lambda k: points[k] - floors[k], reverse=True)[: max(rest, 0)]:
        floors[key] += 1
    return floors


def neq_number(value) -> int:
    """A Québec enterprise number (NEQ, 10 digits) as an integer, 0 when absent or malformed."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return int(digits) if len(digits) == 10 else 0


def permit_case(job: JobSpec, candidate: CandidateSpec, on: date | None = None) -> str | None:
    """What a candidate's permit means for a job, or None when nothing needs saying.

    'permit_expired': the permit ends before the job starts (before today without a start date);
    'closed_permit_this_employer': the closed permit names this employer;
    'closed_permit_supported': it names another employer, and this one can support a new permit;
    'closed_permit_no_support': it names another employer, and this one cannot (not authorised);
    'closed_permit_unknown': it may not name this employer, and support is not known.
    """
    status = candidate.work_status
    if status not in PERMIT_STATUSES:
        return None
    start = job.start_date or on or today()
    if candidate.permit_expiry and candidate.permit_expiry < start:
        return "permit_expired"
    if status != CLOSED_PERMIT:
        return None
    job_neq, own = neq_number(job.employer_neq), neq_number(candidate.permit_employer_neq)
    if job_neq and own == job_neq:
        return "closed_permit_this_employer"
    if not (job_neq or own or job.permit_support in PERMIT_SUPPORT):
        return None  # nothing recorded on either side: as before these fields existed
    if job.permit_support in SUPPORTS_NEW_PERMIT:
        return "closed_permit_supported"
    if job.permit_support == "none" and job_neq and own:
        return "closed_permit_no_support"
    return "closed_permit_unknown"


def _candidate_codes(candidate: CandidateSpec, vocab: Vocabulary) -> dict[int, float]:
    """NOC codes a candidate may be in, with a confidence: declared (sure), from the titles
    typed (their doubt), and, when these say nothing, from occupations the summary names."""
    codes: dict[int, float] = {int(c): 1.0 for c in candidate.nocs if c and c.isdigit()}
    for title in candidate.desired_titles:
        for code, conf in vocab.occupations_for_title(title):
            if conf > codes.get(int(code), 0.0):
                codes[int(code)] = conf
    if candidate.summary and max(codes.values(), default=0.0) < 0.8:
        for code, conf in vocab.occupations_in_text(candidate.summary):
            if conf > codes.get(int(code), 0.0):
                codes[int(code)] = conf
    return codes


def _gate(evidence: np.ndarray) -> np.ndarray:
    return np.clip((evidence - GATE_LOW) / (GATE_HIGH - GATE_LOW), 0, 1).astype(np.float32)


def _weights(job_education: bool) -> dict[str, float]:
    """The weights for one job: education takes its share only when the job asks for a level."""
    weights = dict(WEIGHTS.items())
    if job_education:
        scale = (100 - EDUCATION_WEIGHT) / 100
        weights = {k: v * scale for k, v in weights.items()}
        weights["education"] = EDUCATION_WEIGHT
    return weights


def _education_fraction(have: np.ndarray, need: int) -> np.ndarray:
    """1 at or above the level asked, 0.4 one level below, 0 further below, 0.5 when unknown."""
    out = np.where(have >= need, 1.0, np.where(have == need - 1, 0.4, 0.0))
    out[have < 0] = 0.5
    return out.astype(np.float32)


def _combine(fractions: dict[str, np.ndarray], weights: dict, gate, penalty):
    """Points per component (context ones gated) and their total.

    A weight may be an array (one per job); NaN marks a component that does not apply to a row
    (education for a job that asks for none, the permit penalty where there is none).
    """
    components = {}
    for name, weight in weights.items():
        value = (fractions[name] * weight).astype(np.float32, copy=False)
        components[name] = value * gate if name in CONTEXT else value
    # Only a weight per job (an array) can hold NaN: a pool's scalar weights need no check.
    points = _nan_total(
        components.values(), nan=any(isinstance(w, np.ndarray) for w in weights.values())
    )
    if penalty is not None and np.any(penalty > 0):
        applies = penalty > 0
        cut = np.minimum(penalty, points)  # 0 where no penalty applies (points are never < 0)
        components["permit"] = np.where(applies, -cut, np.float32(np.nan))
        # The permit comes last: taking it off the total is what summing every component does.
        points = points - cut
    return points, components


def _nan_total(arrays, nan: bool = True) -> np.ndarray:
    """The sum of the arrays, NaN counting as 0: `np.nansum` of their stack, added in the same
    order, without copying them into one matrix first (a full recompute does it 5,000 times)."""
    total = None
    for values in arrays:
        if nan and np.isnan(values).any():
            values = np.where(np.isnan(values), 0, values).astype(values.dtype)
        total = values.copy() if total is None else np.add(total, values, out=total)
    return total


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
        written = [c.written_skills() for c in candidates]
        vocab.prefetch(s for skills in written for s in skills)
        # Skills: each distinct normalised string once, then a CSR matrix candidates x strings.
        term_ids: dict[str, int] = {}
        self.terms: list[Term] = []
        indices, indptr = [], [0]
        raw_tid: dict[str, int] = {}  # each distinct written skill is normalised once
        summaries: dict[tuple[str, bool], list[Term]] = {}

        def tid_of(term: Term) -> int:
            tid = term_ids.get(term.key)
            if tid is None:
                tid = term_ids[term.key] = len(self.terms)
                self.terms.append(term)
            return tid

        for c, skills in zip(candidates, written, strict=True):
            row: list[int] = []
            for text in skills:
                tid = raw_tid.get(text)
                if tid is None:
                    found = vocab.terms([text])
                    tid = raw_tid[text] = tid_of(found[0]) if found else -1
                if tid >= 0 and tid not in row:
                    row.append(tid)
            if c.summary:
                known = {self.terms[t].concept for t in row} - {None}
                said = summaries.get((c.summary, not c.skills))
                if said is None:  # each distinct summary is read once
                    said = summaries[(c.summary, not c.skills)] = vocab.terms_in_text(
                        c.summary, slips=not c.skills
                    )
                for term in said:
                    if term.concept not in known:
                        tid = tid_of(term)
                        if tid not in row:
                            row.append(tid)
            indices.extend(row)
            indptr.append(len(indices))
        self.skill_indices = np.array(indices, dtype=np.int32)
        self.skill_indptr = np.array(indptr, dtype=np.int64)
        self.term_keys = [t.key for t in self.terms]
        self.term_concept = np.array(
            [-1 if t.concept is None else t.concept for t in self.terms], dtype=np.int32
        )
        self._unknown: tuple[np.ndarray, list[str]] | None = None
        self._similar_cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._title_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._evidence_cache: dict[tuple[str, str], np.ndarray] = {}
        self._occupation_cache: dict[str, np.ndarray] = {}
        self._rows_cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._context_cache: dict[tuple, np.ndarray] = {}
        self._words = WordIndex(self.term_keys)
        # Inverted index: for each distinct string, the candidates who wrote it.
        owners = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.skill_indptr))
        order = np.argsort(self.skill_indices, kind="stable")
        self.postings = owners[order]
        self.postings_ptr = np.searchsorted(
            self.skill_indices[order], np.arange(len(self.terms) + 1)
        )
        # Distinct (candidate, known concept) pairs, sorted by concept.
        concepts = self.term_concept[self.skill_indices] if self.skill_indices.size else owners
        pairs = np.sort((concepts.astype(np.int64) << 32) | owners.astype(np.int64))
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if pairs.size else pairs
        pairs = pairs[(pairs >> 32) >= 0]
        self.concept_sorted = (pairs >> 32).astype(np.int32)
        self.concept_owner = (pairs & 0xFFFFFFFF).astype(np.int32)
        self.concept_ptr = np.searchsorted(
            self.concept_sorted, np.arange(len(vocab.skills) + 1, dtype=np.int32)
        )
        # Occupations: declared codes (sure), plus what the titles they typed may mean.
        noc_indices, noc_conf, noc_indptr = [], [], [0]
        title_ids: dict[tuple[str, ...], int] = {}
        self.title_words: list[tuple[str, ...]] = []
        t_indices, t_indptr = [], [0]
        for c in candidates:
            codes = _candidate_codes(c, vocab)
            for title in c.desired_titles:
                words = tuple(w for w in title_words(title) if w not in NOISE)
                if words:
                    tid = title_ids.get(words)
                    if tid is None:
                        tid = title_ids[words] = len(self.title_words)
                        self.title_words.append(words)
                    t_indices.append(tid)
            noc_indices.extend(codes)
            noc_conf.extend(codes.values())
            noc_indptr.append(len(noc_indices))
            t_indptr.append(len(t_indices))
        self.noc_indices = np.array(noc_indices, dtype=np.int32)
        self.noc_conf = np.array(noc_conf, dtype=np.float32)
        self.noc_indptr = np.array(noc_indptr, dtype=np.int64)
        self._noc_groups: list[np.ndarray] | None = None
        self.title_indices = np.array(t_indices, dtype=np.int32)
        self.title_indptr = np.array(t_indptr, dtype=np.int64)
        self.title_postings: dict[str, list[int]] = {}
        for tid, words in enumerate(self.title_words):
            for w in set(words):
                self.title_postings.setdefault(w, []).append(tid)
        self.title_vocab = list(self.title_postings)
        # Work permits and education.
        statuses = [c.work_status for c in candidates]
        self.closed = np.array([s == CLOSED_PERMIT for s in statuses], dtype=bool)
        self.has_permit = np.array([s in PERMIT_STATUSES for s in statuses], dtype=bool)
        self.permit_neq = np.array(
            [neq_number(c.permit_employer_neq) for c in candidates], dtype=np.int64
        )
        self.permit_expiry = np.array(
            [c.permit_expiry.toordinal() if c.permit_expiry else 0 for c in candidates],
            dtype=np.int64,
        )
        self.education = np.array(
            [EDUCATION_RANK.get(c.education or "", -1) for c in candidates], dtype=np.int16
        )
        self.size = n

    # ---------------------------------------------------------------- components

    def skill_best(
        self, job_terms: list[Term], which: bool = True
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """For each job skill and candidate: the best similarity (k x N) and the string giving it
        (None when `which` is false: scoring needs only the similarity).

        Only the candidate strings similar to a job skill are visited, through an inverted
        index, so the cost follows the number of matches, not the size of the pool.
        """
        k = len(job_terms)
        best = np.zeros((k, self.size), dtype=np.uint8)
        best_term = np.full((k, self.size), -1, dtype=np.int32) if which else None
        if not k:
            return best, best_term
        if best_term is None:  # scoring: each skill's candidates and their best, kept
            for j, (rows, values) in enumerate(self._skill_rows(job_terms)):
                best[j, rows] = values
            return best, best_term
        for j, (hits, values) in enumerate(self._similar(job_terms)):
            if not hits.size:
                continue
            rows, lengths = self._owners(hits), self._lengths(hits)
            best[j, rows] = np.repeat(values, lengths)
            best_term[j, rows] = np.repeat(hits, lengths)
        return best, best_term

    def _lengths(self, hits: np.ndarray) -> np.ndarray:
        """How many candidates wrote each of these strings."""
        return self.postings_ptr[hits + 1] - self.postings_ptr[hits]

    def _owners(self, hits: np.ndarray) -> np.ndarray:
        """The candidates who wrote each of these strings, string after string."""
        starts, lengths = self.postings_ptr[hits], self._lengths(hits)
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return self.postings[offsets + np.arange(lengths.sum())]

    def _skill_rows(self, job_terms: list[Term]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each job skill, the candidates with a similar string and the best similarity
        of each (each row once). Jobs share skills (a full recompute's 5,000 jobs name about a
        hundred distinct ones): kept per skill."""
        cache = self._rows_cache
        out = []
        for term, (hits, values) in zip(job_terms, self._similar(job_terms), strict=True):
            key = (term.key, term.concept)
            hit = cache.get(key)
            if hit is None:
                rows = self._owners(hits)
                spread = np.repeat(values, self._lengths(hits))
                # Strings come in ascending similarity: a row's last value is its best.
                last = np.unique(rows[::-1], return_index=True)
                hit = (last[0], spread[::-1][last[1]])
                if len(cache) >= 512:  # at most 512 skills' rows (a few MB each at most)
                    cache.pop(next(iter(cache)))
                cache[key] = hit
            out.append(hit)
        return out

    def _similar(self, job_terms: list[Term]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each job skill, the pool strings similar to it and how much, ascending.

        Jobs share skills: each one is compared with the pool once, then kept (a few thousand).
        """
        cache = self._similar_cache
        todo = [t for t in job_terms if (t.key, t.concept) not in cache]
        if todo:
            if self._unknown is None:
                cols = np.flatnonzero(self.term_concept < 0)
                self._unknown = (cols, [self.term_keys[i] for i in cols])
            sim = similarity(todo, self.term_keys, self.term_concept, self._unknown, self._words)
            if len(cache) + len(todo) > 4096:
                cache.clear()
            for j, term in enumerate(todo):
                hits = np.flatnonzero(sim[j])
                hits = hits[np.argsort(sim[j, hits], kind="stable")]  # the best is written last
                cache[(term.key, term.concept)] = (hits, sim[j, hits])
        return [cache[(t.key, t.concept)] for t in job_terms]

    def skill_coverage(self, job_terms: list[Term]) -> np.ndarray:
        """Fraction of the job skills each candidate has (1 when the job lists none)."""
        if not job_terms:
            return np.ones(self.size, dtype=np.float32)
        best, _ = self.skill_best(job_terms, which=False)
        return best.mean(axis=0, dtype=np.float32) / 100.0

    def occupation_fit(self, noc: str) -> np.ndarray:
        """How close each candidate's occupations are to the job's (0..1), title doubt included."""
        if not noc or not noc.isdigit() or not self.noc_indices.size:
            return np.zeros(self.size, dtype=np.float32)
        target = int(noc)
        if self._noc_groups is None:
            self._noc_groups = [self.noc_indices // d for d, _ in OCCUPATION_LEVELS]
        values = np.zeros(self.noc_indices.shape, dtype=np.float32)
        for (divisor, level), groups in zip(
            reversed(OCCUPATION_LEVELS), reversed(self._noc_groups), strict=True
        ):
            values[groups == target // divisor] = level
        return _reduce_max(values * self.noc_conf, self.noc_indptr)

    def _occupation_evidence(self, noc: str, title: str) -> np.ndarray:
        """The occupation fit, or the title fit when higher: kept for the last few (occupation,
        title) pairs, since a full recompute takes jobs of one occupation and title together.
        The array is shared: callers make new arrays from it, never change it."""
        key = (noc, title)
        hit = self._evidence_cache.get(key)
        if hit is None:
            fit = self._occupation_cache.get(noc)
            if fit is None:  # a recompute takes jobs of one occupation together, titles apart
                if len(self._occupation_cache) >= 8:
                    self._occupation_cache.pop(next(iter(self._occupation_cache)))
                fit = self._occupation_cache[noc] = self.occupation_fit(noc)
            hit = np.maximum(fit, TITLE_FALLBACK * self.title_fit(title))
            hit.flags.writeable = False
            if len(self._evidence_cache) >= 8:
                self._evidence_cache.pop(next(iter(self._evidence_cache)))
            self._evidence_cache[key] = hit
        return hit

    def title_fit(self, title: str) -> np.ndarray:
        """How close each candidate's titles are to the job's own title (0..1), word by word."""
        out = np.zeros(self.size, dtype=np.float32)
        if not title or not self.title_indices.size:
            return out
        # Jobs share titles: each distinct one is compared with the pool's titles once.
        hit = self._title_cache.get(title)
        if hit is None:
            hit = self._title_sims(title)
            if len(self._title_cache) >= 4096:
                self._title_cache.clear()
            self._title_cache[title] = hit
        sims = np.zeros(len(self.title_words), dtype=np.float32)
        sims[hit[0]] = hit[1]
        return _reduce_max(sims[self.title_indices], self.title_indptr)

    def _title_sims(self, title: str) -> tuple[np.ndarray, np.ndarray]:
        """The pool's distinct titles close to a job's title, and how close (sparse)."""
        index = self.vocab.titles
        sims = np.zeros(len(self.title_words), dtype=np.float32)
        for part in title_parts(title):
            job_words = tuple(w for w in title_words(part) if w not in NOISE)
            if not job_words:
                continue
            near: set[int] = set()
            for w in job_words:
                near.update(self.title_postings.get(w, ()))
                if len(w) >= 5:
                    for other, _, _ in process.extract(
                        w, self.title_vocab, scorer=fuzz.ratio, score_cutoff=84, limit=None
                    ):
                        near.update(self.title_postings[other])
            for tid in near:
                sim = index.similarity(self.title_words[tid], job_words)
                if sim > sims[tid]:
                    sims[tid] = sim
        # Below half the words, a shared word is a look-alike ('préposé', 'opérateur').
        kept = np.flatnonzero(sims >= 0.5)
        return kept, sims[kept]

    def typical_skills(self, noc: str, job_concepts: set[int]) -> np.ndarray:
        """Evidence from skills typical of the job's occupation (0..1; three specific ones = 1).

        Each distinct known skill of a candidate counts once, through an index from skill
        concepts to the candidates who have them.
        """
        wanted = set(self.vocab.occupation_skills.get(noc, ())) | job_concepts
        out = np.zeros(self.size, dtype=np.float32)
        if not wanted or not self.concept_owner.size:
            return out
        spread = self.vocab.skill_spread
        for c in wanted:
            lo, hi = self.concept_ptr[c], self.concept_ptr[c + 1]
            if hi > lo:
                out[self.concept_owner[lo:hi]] += (
                    GENERIC_SKILL_WEIGHT if spread[c] > GENERIC_SPREAD else 1.0
                )
        return np.clip(out / 3.0, 0, 1).astype(np.float32)

    def _context(self, name: str, wanted) -> np.ndarray:
        """How well each candidate meets one of a job's context criteria (0..1), kept per value
        asked (jobs share regions, start dates, minimum experience). Read-only, shared."""
        key = (name, wanted)
        hit = self._context_cache.get(key)
        if hit is None:
            if len(self._context_cache) >= 128:
                self._context_cache.pop(next(iter(self._context_cache)))
            hit = self._context_cache[key] = getattr(self, f"_{name}_fit")(wanted)
            hit.flags.writeable = False
        return hit

    def _region_fit(self, region: str) -> np.ndarray:
        bit = 1 << int(region) if region.isdigit() else 0
        return (((self.region_mask & bit) != 0) | self.anywhere).astype(np.float32)

    def _experience_fit(self, years: float) -> np.ndarray:
        if years <= 0:
            return np.ones(self.size, dtype=np.float32)
        experience = np.clip(self.experience / years, 0, 1)
        experience[self.experience < 0] = 0.5  # unknown: half credit
        return experience

    def _availability_fit(self, start: date | None) -> np.ndarray:
        if not start:
            return np.ones(self.size, dtype=np.float32)
        return np.where(self.available > start.toordinal(), np.float32(0.5), np.float32(1.0))

    def _education_fit(self, need: int) -> np.ndarray:
        return _education_fraction(self.education, need)

    def permits(self, job: JobSpec) -> tuple[np.ndarray, np.ndarray | None]:
        """Work authorisation for this job (N bool) and the rank penalty (None when none)."""
        authorised = self.authorised.copy()
        start = (job.start_date or today()).toordinal()
        expired = self.has_permit & (self.permit_expiry > 0) & (self.permit_expiry < start)
        authorised &= ~expired
        job_neq = neq_number(job.employer_neq)
        support = job.permit_support if job.permit_support in PERMIT_SUPPORT else None
        closed = self.closed & ~expired
        if not (job_neq or support):
            closed &= self.permit_neq > 0  # nothing known on the job's side
        if not closed.any():
            return authorised, None
        this = closed & (self.permit_neq == job_neq) if job_neq else np.zeros(self.size, bool)
        other = closed & ~this
        if support == "none" and job_neq:
            authorised &= ~(other & (self.permit_neq > 0))
        if support in SUPPORTS_NEW_PERMIT:
            points = PERMIT_PENALTY / 2 if support == "lmia_in_progress" else 0
        else:
            points = PERMIT_PENALTY
        return authorised, other * np.float32(points)

    # ---------------------------------------------------------------- ranking

    def score(self, job: JobSpec) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """Return eligibility (N bool), points (N float) and each component's points."""
        vocab = self.vocab
        eligible = (self.french >= job.french_min) & (self.english >= job.english_min)
        authorised, penalty = self.permits(job)
        if job.work_permit_required:
            eligible &= authorised
        else:
            penalty = None
        required_terms = vocab.terms(job.skills_required)
        if required_terms:
            best, _ = self.skill_best(required_terms, which=False)
            best = best.astype(np.float32) / 100.0
            required = best.mean(axis=0)
            spread = vocab.skill_spread
            w = np.array(
                [
                    GENERIC_SKILL_WEIGHT
                    if t.concept is not None and spread[t.concept] > GENERIC_SPREAD
                    else 1.0
                    for t in required_terms
                ],
                dtype=np.float32,
            )
            specific = (best * w[:, None]).sum(axis=0) / w.sum()  # no BLAS threads for this
        else:
            required = np.ones(self.size, dtype=np.float32)
            specific = np.zeros(self.size, dtype=np.float32)
        nice = self.skill_coverage(vocab.terms(job.skills_nice))
        noc = job.noc if job.noc and job.noc.isdigit() else vocab.occupation_for_title(job.title)
        occupation = self._occupation_evidence(noc or "", job.title)
        concepts = {t.concept for t in required_terms if t.concept is not None}
        typical = self.typical_skills(noc or "", concepts)
        occupation = np.maximum(occupation, SKILL_OCCUPATION * typical)
        gate = _gate(np.maximum(np.maximum(occupation, 0.9 * specific), 0.8 * typical))
        # A job that lists no skills says nothing about them: the credit follows the occupation.
        nice_terms = vocab.terms(job.skills_nice)
        if not required_terms:
            required = gate.copy()
        if not nice_terms:
            nice = gate.copy()
        need = EDUCATION_RANK.get(job.education_min or "", -1)
        fractions = {
            "occupation": occupation,
            "required_skills": required,
            "nice_skills": nice,
            "region": self._context("region", job.region or ""),
            "experience": self._context("experience", job.experience_min),
            "availability": self._context("availability", job.start_date),
        }
        if need > 0:
            fractions["education"] = self._context("education", need)
        points, components = _combine(fractions, _weights(need > 0), gate, penalty)
        return eligible, points, components

    def rank(self, job: JobSpec, top: int | None = None) -> list[Match]:
        """Rank the pool for a job: eligible first, then by score, then by input order."""
        if not self.size:
            return []
        eligible, points, components = self.score(job)
        return [
            Match(self.ids[i], *rest) for i, *rest in _ranked(eligible, points, components, top)
        ]

    def rank_table(self, job: JobSpec, top: int) -> Ranked:
        """`rank` as plain lists (indices, not ids), for writing many rankings at once."""
        return _top(*self.score(job), top)


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


def _segment_sum(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Sum of each row's slice of `values` (0 for empty rows)."""
    counts = np.diff(indptr)
    sums = np.add.reduceat(np.concatenate([values, [0]]).astype(np.float32), indptr[:-1])
    return np.where(counts > 0, sums[: len(counts)], 0).astype(np.float32)


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
        spread = vocab.skill_spread
        self.term_weight = np.array(
            [
                GENERIC_SKILL_WEIGHT
                if t.concept is not None and spread[t.concept] > GENERIC_SPREAD
                else 1.0
                for t in self.terms
            ],
            dtype=np.float32,
        )
        # The job's occupation: its NOC, or what its title means.
        self.noc_codes = [
            (j.noc if j.noc and j.noc.isdigit() else vocab.occupation_for_title(j.title)) or ""
            for j in jobs
        ]
        self.noc_eff = np.array(
            [int(code) if code else -1 for code in self.noc_codes], dtype=np.int64
        )
        # Skills typical of each job's occupation, with their weight as evidence.
        w_indices, w_values, w_ptr = [], [], [0]
        for j, code in enumerate(self.noc_codes):
            wanted = set(vocab.occupation_skills.get(code, ()))
            start, end = self.required_ptr[j], self.required_ptr[j + 1]
            wanted |= {int(c) for c in self.term_concept[self.required[start:end]] if c >= 0}
            for c in sorted(wanted):
                w_indices.append(c)
                w_values.append(GENERIC_SKILL_WEIGHT if spread[c] > GENERIC_SPREAD else 1.0)
            w_ptr.append(len(w_indices))
        self.typical = np.array(w_indices, dtype=np.int32)
        self.typical_weight = np.array(w_values, dtype=np.float32)
        self.typical_ptr = np.array(w_ptr, dtype=np.int64)
        # Title words of each job (each alternative it lists), for the title fallback.
        self.job_titles: list[list[tuple[str, ...]]] = []
        self.title_postings: dict[str, list[int]] = {}
        for j, job in enumerate(jobs):
            parts = []
            for part in title_parts(job.title) if job.title else []:
                words = tuple(w for w in title_words(part) if w not in NOISE)
                if words and words not in parts:
                    parts.append(words)
                    for w in set(words):
                        self.title_postings.setdefault(w, []).append(j)
            self.job_titles.append(parts)
        self.title_vocab = list(self.title_postings)
        self.employer_neq = np.array([neq_number(j.employer_neq) for j in jobs], dtype=np.int64)
        self.support = np.array(
            [j.permit_support if j.permit_support in PERMIT_SUPPORT else "" for j in jobs]
        )
        self.education_need = np.array(
            [EDUCATION_RANK.get(j.education_min or "", -1) for j in jobs], dtype=np.int16
        )

    def title_fit(self, titles: list[str]) -> np.ndarray:
        """How close a candidate's titles are to each job's title (0..1), word by word."""
        out = np.zeros(self.size, dtype=np.float32)
        index = self.vocab.titles
        for title in titles:
            words = tuple(w for w in title_words(title) if w not in NOISE)
            if not words:
                continue
            near: set[int] = set()
            for w in words:
                near.update(self.title_postings.get(w, ()))
            for j in set(near) | self._fuzzy_near(words):
                for job_words in self.job_titles[j]:
                    sim = index.similarity(words, job_words)
                    if sim >= 0.5 and sim > out[j]:
                        out[j] = sim
        return out

    def _fuzzy_near(self, words: tuple[str, ...]) -> set[int]:
        """Jobs whose title has a word close to one of these (the only ones worth comparing)."""
        near: set[int] = set()
        for w in words:
            if len(w) < 5:
                continue
            for other, _, _ in process.extract(
                w, self.title_vocab, scorer=fuzz.ratio, score_cutoff=84, limit=None
            ):
                near.update(self.title_postings[other])
        return near

    def permits(self, candidate: CandidateSpec) -> tuple[np.ndarray, np.ndarray | None]:
        """Work authorisation for each job (bool) and the rank penalty (None when none)."""
        status = candidate.work_status
        authorised = np.full(self.size, status in AUTHORISED_STATUSES, dtype=bool)
        if status not in PERMIT_STATUSES:
            return authorised, None
        start = np.where(self.start > 0, self.start, today().toordinal())
        expiry = candidate.permit_expiry.toordinal() if candidate.permit_expiry else 0
        expired = (expiry > 0) & (expiry < start)
        authorised &= ~expired
        if status != CLOSED_PERMIT:
            return authorised, None
        own = neq_number(candidate.permit_employer_neq)
        closed = ~expired
        if not own:
            closed &= (self.employer_neq > 0) | (self.support != "")
        this = closed & (self.employer_neq == own) if own else np.zeros(self.size, dtype=bool)
        other = closed & ~this
        if own:
            authorised &= ~(other & (self.support == "none") & (self.employer_neq > 0))
        full = ~np.isin(self.support, ["lmia_obtained", "exempt", "lmia_in_progress"])
        partial = np.where(self.support == "lmia_in_progress", PERMIT_PENALTY / 2, 0)
        penalty = np.where(other, np.where(full, PERMIT_PENALTY, partial), 0)
        return authorised, penalty.astype(np.float32)

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
        weights = self.term_weight[self.required]
        specific = _segment_sum(best[self.required] * weights, self.required_ptr) / np.maximum(
            _segment_sum(weights, self.required_ptr), 1e-9
        )
        codes = _candidate_codes(candidate, vocab)
        occupation = np.zeros(self.size, dtype=np.float32)
        known = self.noc_eff >= 0
        for code, conf in codes.items():
            for divisor, level in OCCUPATION_LEVELS:
                value = np.float32(level) * np.float32(conf)
                hit = known & (self.noc_eff // divisor == code // divisor) & (occupation < value)
                occupation[hit] = value
        occupation = np.maximum(
            occupation, np.float32(TITLE_FALLBACK) * self.title_fit(candidate.desired_titles)
        )
        concepts = {t.concept for t in candidate.all_terms(vocab) if t.concept is not None}
        has = np.isin(self.typical, list(concepts)) if concepts else np.zeros(0, dtype=bool)
        typical = (
            np.clip(_segment_sum(self.typical_weight * has, self.typical_ptr) / 3.0, 0, 1)
            if concepts
            else np.zeros(self.size, dtype=np.float32)
        )
        occupation = np.maximum(occupation, np.float32(SKILL_OCCUPATION) * typical)
        gate = _gate(
            np.maximum.reduce(
                [occupation, np.float32(0.9) * specific, np.float32(0.8) * typical]
            ).astype(np.float32)
        )
        required = np.where(np.diff(self.required_ptr) > 0, required, gate).astype(np.float32)
        nice = np.where(np.diff(self.nice_ptr) > 0, nice, gate).astype(np.float32)
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
        authorised, penalty = self.permits(candidate)
        eligible &= authorised | ~self.permit
        if penalty is not None:
            penalty = np.where(self.permit, penalty, 0).astype(np.float32)
        fractions = {
            "occupation": occupation,
            "required_skills": required,
            "nice_skills": nice,
            "region": region,
            "experience": experience.astype(np.float32),
            "availability": availability.astype(np.float32),
        }
        asks = self.education_need > 0
        scale = np.where(asks, (100 - EDUCATION_WEIGHT) / 100, 1.0).astype(np.float32)
        weights = {name: (weight * scale).astype(np.float32) for name, weight in WEIGHTS.items()}
        if asks.any():
            have = EDUCATION_RANK.get(candidate.education or "", -1)
            need = self.education_need
            fraction = np.where(have >= need, 1.0, np.where(have == need - 1, 0.4, 0.0))
            fractions["education"] = np.where(have < 0, 0.5, fraction).astype(np.float32)
            weights["education"] = np.where(asks, EDUCATION_WEIGHT, np.nan).astype(np.float32)
        points, components = _combine(fractions, weights, gate, penalty)
        return [
            JobMatch(self.ids[i], *rest) for i, *rest in _ranked(eligible, points, components, top)
        ]
