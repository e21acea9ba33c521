"""Map free-text titles and skills, in French or English, onto a bilingual vocabulary."""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from app.matching.titles import DeleteIndex, TitleIndex
from app.text import CACHED_LENGTH, fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FUZZY_CUTOFF = 88  # fuzz.ratio on folded text: one typo in a short word, two in a long one
SHORT_CUTOFF = 94  # short strings need more: 'planting' is not 'plating'
DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^0-9a-z+#]+")


def normalise_text(text: str) -> str:
    """Fold accents and case, drop punctuation and plural endings: Soudures -> soudure.

    Short strings (skills, titles) are normalised once per process; long texts are not kept.
    """
    if text and len(text) > CACHED_LENGTH:
        return _normalise(text)
    return _normalise_cached(text)


def _normalise(text: str) -> str:
    """Fold accents and case, drop punctuation and plural endings: Soudures -> soudure."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    return " ".join(
        w[:-1] if len(w) > 3 and w[-1] in "sx" and not w.endswith("ss") else w for w in words
    )


_normalise_cached = lru_cache(maxsize=1 << 18)(_normalise)


@dataclass(frozen=True)
class Skill:
    id: str
    label_fr: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_fr


@dataclass(frozen=True)
class Term:
    """A skill as written by someone, with the concept it maps to (None when unknown)."""

    text: str
    key: str
    concept: int | None


class Vocabulary:
    """Skills and occupations with every surface form, for exact then fuzzy look-up."""

    def __init__(
        self,
        skills: list[dict],
        occupations: list[dict],
        links: list[dict],
        aliases: list[dict] | None = None,
    ) -> None:
        self.skills = [Skill(s["id"], s["label_fr"], s["label_en"]) for s in skills]
        self.skill_index = {s.id: i for i, s in enumerate(self.skills)}
        self.skill_forms: list[str] = []
        self.skill_form_concept: list[int] = []
        self.skill_exact: dict[str, int] = {}
        for i, row in enumerate(skills):
            for form in [row["label_fr"], row["label_en"], *(row.get("synonyms") or "").split("|")]:
                key = normalise_text(form)
                if key and key not in self.skill_exact:
                    self.skill_exact[key] = i
                    self.skill_forms.append(key)
                    self.skill_form_concept.append(i)
        # Every leading run of words of a known form: a phrase of a summary that is not one of
        # these cannot grow into a known form, so the look-up stops there.
        self._phrase_starts: set[str] = set()
        for key in self.skill_exact:
            words = key.split()
            self._phrase_starts.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        self.occupation_titles: dict[str, tuple[str, str]] = {}
        forms: list[tuple[str, str]] = []
        for row in occupations:
            self.occupation_titles[row["noc"]] = (row["title_fr"], row["title_en"])
            texts = [row["title_fr"], row.get("title_fr_f") or "", row["title_en"]]
            texts += (row.get("synonyms") or "").split("|")
            forms += [(t, row["noc"]) for t in texts if t.strip()]
        forms += [(a["alias"], a["noc"]) for a in aliases or [] if a.get("alias")]
        self.titles = TitleIndex(forms)
        self.occupation_skills: dict[str, list[int]] = {}
        for link in links:
            if link["skill_id"] in self.skill_index:
                self.occupation_skills.setdefault(link["noc"], []).append(
                    self.skill_index[link["skill_id"]]
                )
        # How many occupations list a skill: 'teamwork' says little about the trade.
        self.skill_spread = np.zeros(len(self.skills), dtype=np.int32)
        for concepts in self.occupation_skills.values():
            for c in set(concepts):
                self.skill_spread[c] += 1
        self._skill_cache: dict[str, int | None] = {}
        self._skill_slips: DeleteIndex | None = None
        self._term_cache: dict[str, Term] = {}
        self._form_words: list[frozenset[str]] | None = None
        self._slip_cache: dict[str, int | None] = {}
        self._form_lengths: np.ndarray | None = None

    # ---------------------------------------------------------------- skills

    def skill_concept(self, text: str) -> int | None:
        """Return the concept a skill text maps to, exactly or fuzzily, or None."""
        key = normalise_text(text)
        if key not in self._skill_cache:
            self.prefetch([text])
        return self._skill_cache[key]

    def prefetch(self, texts, chunk: int = 4000) -> None:
        """Map many skill texts at once: exact forms, then one multi-threaded cdist per length.

        fuzz.ratio >= FUZZY_CUTOFF needs lengths within a ratio of about 0.78, so each text is
        compared only with the forms of a compatible length (the same answer, a few times less
        work), then texts still unmapped are tried by their words.
        """
        keys = {normalise_text(t) for t in set(texts)}
        misses: dict[int, list[str]] = {}
        for key in keys:
            if key in self._skill_cache:
                continue
            if key in self.skill_exact:
                self._skill_cache[key] = self.skill_exact[key]
            elif len(key) < 4 or not self.skill_forms:
                self._skill_cache[key] = None
            else:
                misses.setdefault(len(key), []).append(key)
        for length, group in sorted(misses.items()):
            index = self._forms_near_length(length)
            if not len(index):
                for key in group:
                    self._skill_cache[key] = self._by_words(key)
                continue
            choices = [self.skill_forms[i] for i in index]
            for start in range(0, len(group), chunk):
                batch = group[start : start + chunk]
                scores = process.cdist(
                    batch,
                    choices,
                    scorer=fuzz.ratio,
                    dtype=np.uint8,
                    workers=-1,
                    score_cutoff=FUZZY_CUTOFF,
                )
                # Every key of the group has the same length, hence the same cutoff: the forms
                # at or above it are found for the whole batch at once.
                cutoff = SHORT_CUTOFF if length <= 10 else FUZZY_CUTOFF
                rows, cols = np.nonzero(scores >= cutoff)
                bounds = np.searchsorted(rows, np.arange(len(batch) + 1))
                for row, key in enumerate(batch):
                    start, stop = bounds[row], bounds[row + 1]
                    found = None
                    if start < stop:
                        hits = cols[start:stop]
                        found = self._best_of(key, hits, scores[row, hits], index)
                    self._skill_cache[key] = found if found is not None else self._by_words(key)

    def _forms_near_length(self, n: int) -> np.ndarray:
        """Indices of the forms whose length allows fuzz.ratio >= FUZZY_CUTOFF with length n."""
        if self._form_lengths is None:
            self._form_lengths = np.array([len(f) for f in self.skill_forms])
        low = n * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF)
        high = n * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF
        lengths = self._form_lengths
        return np.flatnonzero((lengths >= low - 1e-9) & (lengths <= high + 1e-9))

    # A skill written with more or fewer words than a known form: 'infection prevention and
    # control' holds the form 'infection control'; 'coupe au couteau' is most of 'techniques de
    # coupe au couteau'. Only content words count, each weighted by how rare it is among forms,
    # and at least two of them must be shared, so one common word never makes a match.
    SMALL_WORDS = frozenset(
        "a au aux d de du des en et l la le les un une pour sur dans avec par of the and in for "
        "to at on with an or".split()
    )
    WORDS_MIN = 2
    INSIDE_COVER = 0.5  # a form inside the text: the form's words must be most of the text
    OUTSIDE_COVER = 0.7  # the text inside a form: the text must be most of the form

    def _content(self, key: str) -> frozenset[str]:
        return frozenset(w for w in key.split() if w not in self.SMALL_WORDS and len(w) > 1)

    def _word_index(self) -> None:
        self._form_words = [self._content(f) for f in self.skill_forms]
        df: dict[str, int] = {}
        for words in self._form_words:
            for w in words:
                df[w] = df.get(w, 0) + 1
        n = max(len(self.skill_forms), 1)
        self._word_idf = {w: float(np.log(1 + n / f)) for w, f in df.items()}
        self._word_forms: dict[str, list[int]] = {}
        for i, words in enumerate(self._form_words):
            for w in words:
                self._word_forms.setdefault(w, []).append(i)

    def _by_words(self, key: str) -> int | None:
        """The concept whose form shares most of its rare words with key, or None."""
        if self._form_words is None:
            self._word_index()
        words = self._content(key)
        if len(words) < self.WORDS_MIN:
            return None
        idf, unknown = self._word_idf, float(np.log(1 + len(self.skill_forms)))
        weight = {w: idf.get(w, unknown) for w in words}
        total = sum(weight.values())
        candidates: set[int] = set()
        for w in words:
            candidates.update(self._word_forms.get(w, ()))
        best, best_score, tie = None, 0.0, False
        digits = DIGITS.findall(key)
        for i in candidates:
            form = self._form_words[i]
            if DIGITS.findall(self.skill_forms[i]) != digits:
                continue  # 'classe 2' is not 'classe 1'

            shared = words & form
            if len(shared) < self.WORDS_MIN:
                continue
            got = sum(weight[w] for w in shared)
            form_total = sum(idf[w] for w in form)
            inside = shared == form and got / total >= self.INSIDE_COVER
            outside = shared == words and got / form_total >= self.OUTSIDE_COVER
            if not (inside or outside):
                continue
            score = got / total + got / form_total
            concept = self.skill_form_concept[i]
            if score > best_score + 1e-9:
                best, best_score, tie = concept, score, False
            elif abs(score - best_score) <= 1e-9 and concept != best:
                tie = True
        return None if tie else best

    def _one_slip(self, key: str) -> int | None:
        """The concept of the closest form one slip away from key (no comparison with all)."""
        if self._skill_slips is None:
            self._skill_slips = DeleteIndex(self.skill_forms)
        near = self._skill_slips.near(key)
        if not near:
            return None
        cutoff = SHORT_CUTOFF if len(key) <= 10 else FUZZY_CUTOFF
        digits = DIGITS.findall(key)
        scored = sorted(((fuzz.ratio(key, self.skill_forms[i]), i) for i in near), reverse=True)
        for score, i in scored[:5]:
            if score < cutoff:
                break
            if DIGITS.findall(self.skill_forms[i]) == digits:
                return self.skill_form_concept[i]
        return None

    def _best_of(self, key: str, cols, scores, index) -> int | None:
        """The concept of the best-scoring form whose digits agree with key's.

        cols: the columns (positions in `index`, the forms compared) scoring at or above the
        cutoff, in increasing order; scores: their scores. The five best are tried, best first
        and, on a tie, the later column first (the order of a reversed stable argsort of the
        whole row, without sorting the whole row).
        """
        digits = DIGITS.findall(key)
        ranked = sorted(zip(scores.tolist(), cols.tolist(), strict=True), reverse=True)
        for _, col in ranked[:5]:
            form = int(index[col])
            if DIGITS.findall(self.skill_forms[form]) == digits:
                return self.skill_form_concept[form]
        return None

    def terms(self, texts: list[str]) -> list[Term]:
        """Normalise a list of skills; text that maps to nothing is kept, never dropped."""
        out, seen = [], set()
        cache = self._term_cache
        for text in texts:
            term = cache.get(text)
            if term is None:
                key = normalise_text(text)
                term = Term(text=text.strip(), key=key, concept=self.skill_concept(text))
                cache[text] = term
            if term.key and term.key not in seen:
                seen.add(term.key)
                out.append(term)
        return out

    def terms_in_text(self, text: str, max_words: int = 4, slips: bool = False) -> list[Term]:
        """Find known skills named inside free text (a summary), by exact phrase look-up.

        With slips (for profiles that describe their work only in a sentence), phrases of two
        words or more may also be one slip away from a known form ('soudure semi-automatque').
        """
        words = normalise_text(text).split()
        found: dict[int, Term] = {}
        if not slips:
            return self._exact_terms(words, max_words)
        for size in range(max_words, 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                concept = self.skill_exact.get(phrase)
                if concept is None and slips and size >= 2 and len(phrase) >= 8:
                    concept = self._slip_cache.get(phrase, -1)
                    if concept == -1:
                        if len(self._slip_cache) > 200_000:
                            self._slip_cache.clear()  # phrases of sentences: keep it bounded
                        concept = self._slip_cache[phrase] = self._one_slip(phrase)
                if concept is not None and concept not in found and len(phrase) >= 5:
                    found[concept] = Term(text=phrase, key=phrase, concept=concept)
        return list(found.values())

    def _exact_terms(self, words: list[str], max_words: int) -> list[Term]:
        """`terms_in_text` without slips: the same terms in the same order (longest phrases
        first, then by position), each phrase grown word by word while it can still become a
        known form rather than every run of up to `max_words` words tried."""
        starts, exact, hits = self._phrase_starts, self.skill_exact, []
        for start in range(len(words)):
            phrase = ""
            for size, word in enumerate(words[start : start + max_words], start=1):
                phrase = f"{phrase} {word}" if phrase else word
                if phrase not in starts:
                    break
                concept = exact.get(phrase)
                if concept is not None and len(phrase) >= 5:
                    hits.append((-size, start, phrase, concept))
        found: dict[int, Term] = {}
        for _, _, phrase, concept in sorted(hits):
            if concept not in found:
                found[concept] = Term(text=phrase, key=phrase, concept=concept)
        return list(found.values())

    # ---------------------------------------------------------------- occupations

    def occupation_for_title(self, text: str) -> str | None:
        """Return the NOC code a job title maps to, in either language, or None."""
        return self.titles.best(text)

    def occupations_in_text(self, text: str) -> list[tuple[str, float]]:
        """The occupations a summary names, with a confidence 0..1 (may be empty)."""
        return self.titles.in_text(text) if text else []

    def occupations_for_title(self, text: str) -> list[tuple[str, float]]:
        """The NOC codes a title may mean with a confidence 0..1, best first (may be empty)."""
        return self.titles.lookup(text)


def read_data_csv(name: str) -> list[dict]:
    """Read a CSV file of app/data (empty if absent)."""
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def skill_in(text: str, lang: str) -> str:
    """A skill as typed (often in French), shown in `lang` ('fr' or 'en'): the vocabulary's
    label when the text maps to a known skill ("soins d'hygiène" -> "personal hygiene care"),
    else the text as typed."""
    vocab = default_vocabulary()
    concept = vocab.skill_concept(text)
    return text if concept is None else vocab.skills[concept].label(lang)


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """Load the vocabulary shipped in app/data (once per process)."""
    return Vocabulary(
        read_data_csv("skills.csv"),
        read_data_csv("occupations.csv"),
        read_data_csv("occupation_skills.csv"),
        read_data_csv("title_aliases.csv"),
    )
