"""Job titles as people write them, reduced to a canonical key and matched to occupations.

A title goes through: folding (case, accents), removal of inclusive and feminine markers
('préposé(e)', 'ouvrier·ère', 'soudeur/euse', 'boucher / bouchère', 'boucher ou bouchère'),
plural endings, expansion of common abbreviations ('méc.', 'tech', 'éduc spé'), removal of
small words ('de', 'à la', 'of') and reduction of feminine endings to the masculine form. The
canonical keys of every known form are looked up exactly, then by fuzzy ratio (typos), then by
a token similarity weighted by how rare each word is among occupation titles, so that
'préposé à l'entretien' does not pass for 'préposé aux bénéficiaires' because both say
'préposé', while 'journeyman plumber' still finds 'plumber'.
"""

import math
import re
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from app.text import CACHED_LENGTH, fold

# Inclusive or bracketed feminine endings glued to a word: préposé(e), ouvrier·ère, soudeur/euse.
_SUFFIXES = (
    "e|es|s|x|ne|nes|le|les|se|ses|te|tes|re|res|ere|eres|euse|euses|rice|rices|trice|trices"
    "|ive|ives|ienne|iennes|eure|eures|ee|ees|ice|ices|fe|ve"
)
_INCLUSIVE = re.compile(rf"(?<=[a-z])\s*(?:\(|[·•‧⋅∙.]|/|-)\s*(?:{_SUFFIXES})\)?(?![a-z])")
_PARENS = re.compile(r"\([^)]*\)")
_AUX = re.compile(r"\baux(?:\.|\s*$)")
_TOKEN = re.compile(r"[a-z0-9+#]+|/")

STOPWORDS = frozenset(
    "a au aux d de du des en et l la le les un une pour sur dans avec chez par "
    "of the and in for to at on with an or ou".split()
)
# Words that qualify a title without changing the occupation.
NOISE = frozenset(
    "senior sr junior jr journeyman compagnon qualifie certifie licensed certified "
    "experienced experimente confirme apprenti apprentie apprentice trainee traine stagiaire "
    "temps plein partiel "
    "full part time permanent saisonnier seasonal".split()
)
ABBREVIATIONS = {
    "mec": "mecanicien",
    "meca": "mecanicien",
    "tech": "technicien",
    "techn": "technicien",
    "techno": "technologue",
    "op": "operateur",
    "ope": "operateur",
    "oper": "operateur",
    "opr": "operateur",
    "educ": "educateur",
    "edu": "educateur",
    "spe": "specialise",
    "spec": "specialise",
    "inf": "infirmier",
    "inf.": "infirmier",
    "adj": "adjoint",
    "adjt": "adjoint",
    "admin": "administratif",
    "adm": "administratif",
    "asst": "assistant",
    "mgr": "manager",
    "coord": "coordonnateur",
    "superv": "superviseur",
    "supv": "supervisor",
    "resp": "responsable",
    "elec": "electricien",
    "ind": "industriel",
    "maint": "maintenance",
    "chauff": "chauffeur",
    "dev": "developpeur",
    "prog": "programmeur",
    "rep": "representant",
    "cust": "customer",
    "svc": "service",
    "serv": "service",
    "prepo": "prepose",
    "manut": "manutentionnaire",
    "ass": "assistant",
}
# Feminine endings and their masculine form (longest first; 'trice' not 'rice': 'service').
_ENDINGS = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("onne", "on"),
    ("elle", "el"),
    ("iere", "ier"),
    ("ere", "er"),
    ("ive", "if"),
    ("ee", "e"),
    ("nte", "nt"),
    ("nde", "nd"),
    ("ale", "al"),
)


@lru_cache(maxsize=1 << 16)
def masculine_word(word: str) -> str:
    """'soudeuse' -> 'soudeur', 'technicienne' -> 'technicien', 'préposée' -> 'prepose'."""
    for fem, masc in _ENDINGS:
        if word.endswith(fem) and len(word) > len(fem) + 2:
            return word[: -len(fem)] + masc
    return word


def _plural(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def _variants(a: str, b: str) -> bool:
    """Two words that are the gender forms of one another ('boucher', 'bouchère')."""
    a, b = _plural(a), _plural(b)
    return masculine_word(a) == masculine_word(b) or b in (a + "e", a + "ne", a + "le", a + "se")


def title_words(text: str) -> tuple[str, ...]:
    """The canonical words of a title: 'Préposé(e)s à l'expédition' -> ('prepose', 'expedition').

    Short texts are reduced once per process; long ones (summaries) are not kept.
    """
    if text and len(text) > CACHED_LENGTH:
        return _title_words(text)
    return _title_words_cached(text)


def _title_words(text: str) -> tuple[str, ...]:
    """The canonical words of a title: 'Préposé(e)s à l'expédition' -> ('prepose', 'expedition')."""
    folded = _INCLUSIVE.sub("", fold(text).replace("’", "'"))
    folded = _AUX.sub("auxiliaire", folded)  # 'infirmière aux.': auxiliaire, not 'à les'
    raw = _TOKEN.findall(folded.replace("'", " "))
    words: list[str] = []
    skip = False
    for i, tok in enumerate(raw):
        if skip:
            skip = False
            continue
        if tok in ("/", "ou", "or") and words and i + 1 < len(raw):
            nxt = raw[i + 1]
            if _variants(raw[i - 1], nxt):
                skip = True  # 'boucher / bouchère industrielle': keep one gender
            continue
        if tok == "/":
            continue
        words.append(tok)
    out = []
    for w in words:
        w = ABBREVIATIONS.get(w, w)
        w = _plural(w)
        w = ABBREVIATIONS.get(w, w)
        if w in STOPWORDS:
            continue
        for part in w.split():
            out.append(masculine_word(part))
    return tuple(out)


_title_words_cached = lru_cache(maxsize=1 << 18)(_title_words)


def title_key(text: str) -> str:
    """Canonical key of a title, with qualifiers ('senior', 'journeyman') kept."""
    return " ".join(title_words(text))


def core_key(text: str) -> str:
    """Canonical key without qualifiers: 'journeyman plumber' -> 'plumber'."""
    return " ".join(w for w in title_words(text) if w not in NOISE)


def title_parts(text: str) -> list[str]:
    """The whole title, then each alternative it lists ('Cuisinier / aide-cuisinier', 'A, B')."""
    parts = [text]
    cleaned = _PARENS.sub(" ", _INCLUSIVE.sub("", fold(text)))
    if cleaned != fold(text):
        parts.append(cleaned)
    pieces = re.split(r"\s*(?:/|,|;|\||\s-\s|\bou\b|\bor\b)\s*", cleaned)
    if len(pieces) > 1:
        parts.extend(p for p in pieces if p.strip())
    return parts


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest values, largest first, ties in index order: what a stable
    argsort of the whole array gives, without sorting thousands of values to keep five."""
    if values.size <= 4 * k:
        return np.argsort(-values, kind="stable")[:k]
    kth = np.partition(values, values.size - k)[values.size - k]
    keep = np.flatnonzero(values >= kth)
    return keep[np.argsort(-values[keep], kind="stable")][:k]


class DeleteIndex:
    """Strings within one slip (a letter missing, added, changed or swapped) of a known form.

    Every form is indexed with each of its one-letter deletions, so a look-up costs a few dict
    hits instead of a comparison with every form (the symmetric-delete method).
    """

    def __init__(self, forms: list[str]) -> None:
        self.forms = forms
        # Each form and each of its one-letter deletions, to the forms they come from.
        self.variants: dict[str, list[int]] = {}
        for i, form in enumerate(forms):
            for v in {form, *_deletes(form)}:
                self.variants.setdefault(v, []).append(i)

    def near(self, key: str) -> list[int]:
        """Indices of the forms one slip away from key (or equal to it), in form order.

        A form one slip away shares the key itself or one of its one-letter deletions: a letter
        added to the form, missing from it, changed, or two letters swapped.
        """
        get = self.variants.get
        hits: set[int] = set()
        for q in (key, *_deletes(key)):
            found = get(q)
            if found:
                hits.update(found)
        return sorted(hits)


class TitleIndex:
    """Occupation forms by canonical key, with a rare-word token index for partial matches."""

    FUZZY_CUTOFF = 88
    SHORT_CUTOFF = 94
    TOKEN_CUTOFF = 84  # one slip in a word of six letters or more
    LONG_TOKEN_CUTOFF = 88  # long words: 'cuisiniste' is not 'cuisinier'
    ACCEPT = 0.72  # token similarity from which a title is taken as the occupation
    SPECIFIC = 6.0  # weight of words a form needs to count fully (one rare word, two common ones)
    SLIP_MAX = 30  # longest title looked up whole for one slip
    COMPARED = 5  # forms compared in full for a partial match
    AMBIGUOUS = 0.7  # confidence of an exact match on one common word shared by many titles

    def __init__(self, forms: list[tuple[str, str]]) -> None:
        """forms: (text, noc) pairs, official titles first."""
        self.exact: dict[str, str] = {}
        self.keys: list[str] = []
        self.key_noc: list[str] = []
        self.key_words: list[tuple[str, ...]] = []
        # A form as written (a title, a synonym, an alias) is strong; the pieces of a form that
        # lists alternatives ('Mécaniciens/mécaniciennes de chantier' -> 'mécaniciens') are weak:
        # a strong form takes a key from a weak one.
        self.strong: set[str] = set()
        for text, noc in forms:
            for n, part in enumerate(title_parts(text)):
                words = tuple(w for w in title_words(part) if w not in NOISE)
                key = " ".join(words)
                if not key:
                    continue
                if key not in self.exact:
                    self.exact[key] = noc
                    self.keys.append(key)
                    self.key_noc.append(noc)
                    self.key_words.append(words)
                    if n == 0:
                        self.strong.add(key)
                elif n == 0 and key not in self.strong:
                    self.exact[key] = noc
                    self.key_noc[self.keys.index(key)] = noc
                    self.strong.add(key)
        df: dict[str, int] = {}
        self.postings: dict[str, list[int]] = {}
        for i, words in enumerate(self.key_words):
            for w in set(words):
                df[w] = df.get(w, 0) + 1
                self.postings.setdefault(w, []).append(i)
        n = max(len(self.keys), 1)
        self.idf = {w: math.log(1 + n / f) for w, f in df.items()}
        self.unknown_idf = math.log(1 + n)
        self.vocab_words = list(self.idf)
        self.slips = DeleteIndex(self.keys)
        self.word_slips = DeleteIndex(self.vocab_words)
        self._length_cache: dict[int, tuple[list[str], list[int]]] = {}
        self.key_total = [sum(self.idf[w] for w in words) for words in self.key_words]
        self.key_total_array = np.array(self.key_total, dtype=np.float64)
        self.key_specific = np.minimum(1.0, self.key_total_array / self.SPECIFIC)
        self.posting_arrays = {w: np.array(ids, dtype=np.int64) for w, ids in self.postings.items()}
        self._word_cache: dict[str, list[tuple[str, float]]] = {}
        self._cache: dict[str, list[tuple[str, float]]] = {}
        self._pair_cache: dict[tuple[str, str], float] = {}
        self._canon_cache: dict[tuple, list[tuple[str, float]]] = {}

    def _by_length(self, n: int) -> tuple[list[str], list[int]]:
        """The forms whose length allows a fuzz.ratio of FUZZY_CUTOFF with a key of length n."""
        hit = self._length_cache.get(n)
        if hit is None:
            low, high = n * 0.78, n * 1.28
            index = [i for i, k in enumerate(self.keys) if low <= len(k) <= high]
            hit = self._length_cache[n] = ([self.keys[i] for i in index], index)
        return hit

    @staticmethod
    def _words_agree(words: tuple[str, ...], form: tuple[str, ...]) -> bool:
        """Each word of a title missing from a form it nearly spells is a slip of one of the
        form's words ('chatier' for 'chantier'), not another word ('pain' for 'papier')."""
        for w in words:
            if w in form:
                continue
            need = 75 if len(w) >= 6 else 84
            if not any(f[:1] == w[:1] and fuzz.ratio(w, f) >= need for f in form):
                return False
        return True

    def spread(self, word: str) -> int:
        """How many occupations have a form with this word."""
        return len({self.key_noc[i] for i in self.postings.get(word, ())})

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unknown_idf)  # a word no title has is a specific one

    def similar_words(self, word: str) -> list[tuple[str, float]]:
        """Known words equal or close to a word (typos, prefixes of abbreviations): (word, 0..1)."""
        hit = self._word_cache.get(word)
        if hit is not None:
            return hit
        out = [(word, 1.0)] if word in self.idf else []
        if len(word) >= 5 or word.isalpha() and len(word) >= 4:
            near = [self.vocab_words[i] for i in self.word_slips.near(word)]
            if not near and len(word) >= 9:  # two slips in a long word
                near = [
                    other
                    for other, _, _ in process.extract(
                        word, self.vocab_words, scorer=fuzz.ratio, score_cutoff=84, limit=4
                    )
                ]
            scored = sorted(
                ((o, fuzz.ratio(word, o)) for o in near if o != word and o[:1] == word[:1]),
                key=lambda pair: -pair[1],
            )
            cutoff = self.TOKEN_CUTOFF if len(word) < 8 else self.LONG_TOKEN_CUTOFF
            out += [(o, r / 100.0) for o, r in scored if r >= cutoff][:4]
        if 3 <= len(word) <= 5 and word.isalpha() and not out:
            # An abbreviation written as the start of a word ('manut', 'techn').
            longer = [w for w in self.vocab_words if w.startswith(word) and len(w) > len(word) + 2]
            if len(longer) == 1:
                out.append((longer[0], 0.9))
        self._word_cache[word] = out
        return out

    def _word_score(self, w: str, f: str) -> float:
        """How close two different words are (0 when not a slip of one another), kept per pair:
        the same pairs come back for every title that shares its words."""
        pair = (w, f)
        hit = self._pair_cache.get(pair)
        if hit is None:
            hit = 0.0
            if len(w) >= 5 and len(f) >= 5 and w[0] == f[0]:
                r = fuzz.ratio(w, f)
                cut = self.TOKEN_CUTOFF if min(len(w), len(f)) < 8 else self.LONG_TOKEN_CUTOFF
                hit = r / 100.0 if r >= cut else 0.0
            self._pair_cache[pair] = hit
        return hit

    def similarity(self, words: tuple[str, ...], other: tuple[str, ...]) -> float:
        """How much of a known form the words cover, weighted by rarity (0..1)."""
        if not words or not other:
            return 0.0
        weight = self.weight
        total_form = sum(weight(w) for w in other)
        title_weights = [weight(w) for w in words]
        total_title = sum(title_weights)
        matched_form = matched_title = 0.0
        used: set[int] = set()
        word_score = self._word_score
        for f in other:
            best, best_i = 0.0, -1
            for i, w in enumerate(words):
                if i in used:
                    continue
                s = 1.0 if w == f else word_score(w, f)
                if s > best:
                    best, best_i = s, i
            if best_i >= 0:
                used.add(best_i)
                matched_form += best * weight(f)
                matched_title += best * title_weights[best_i]
        # A form of one common word ('mécanicien', 'préposé') says little on its own.
        specific = min(1.0, total_form / self.SPECIFIC)
        cover_form = matched_form / total_form
        cover_title = matched_title / total_title
        return 0.5 * cover_form * specific + 0.5 * cover_title

    def lookup(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        """Occupations a title may mean, best first: [(noc, confidence 0..1)]."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        # Titles written differently but with the same canonical words share one look-up.
        canon = (title_words(text), limit)
        result = self._canon_cache.get(canon)
        if result is None:
            result = self._canon_cache[canon] = self._lookup(text, limit)
        self._cache[text] = result
        return result

    def _lookup(self, text: str, limit: int) -> list[tuple[str, float]]:
        parts = title_parts(text)
        best: dict[str, float] = {}

        def offer(noc: str, score: float) -> None:
            if score > best.get(noc, 0.0):
                best[noc] = score

        done: set[tuple[str, ...]] = set()
        for n, part in enumerate(parts):
            if n and max(best.values(), default=0.0) >= 1.0:
                break  # the whole title is a known form: its pieces add nothing sure
            words = tuple(w for w in title_words(part) if w not in NOISE)
            key = " ".join(words)
            if not key or words in done:
                continue
            done.add(words)
            whole = 1.0 if n == 0 else 0.95  # a part of a title is a little less sure
            if len(words) == 1 and key not in self.strong and self.spread(words[0]) >= 3:
                whole *= self.AMBIGUOUS  # 'mécanicien', 'préposé': which one?
            noc = self.exact.get(key)
            if noc is not None:
                offer(noc, whole)
                if whole == 1.0:
                    continue
            cutoff = self.SHORT_CUTOFF if len(key) <= 10 else self.FUZZY_CUTOFF
            digits = re.findall(r"\d+", key)
            found = False
            # One slip in a short title; a long one is compared word by word below.
            for i in self.slips.near(key) if len(key) <= self.SLIP_MAX else ():
                score = fuzz.ratio(key, self.keys[i])
                if (
                    score >= cutoff
                    and re.findall(r"\d+", self.keys[i]) == digits
                    and self._words_agree(words, self.key_words[i])
                ):
                    offer(self.key_noc[i], whole * (0.9 + 0.1 * (score - cutoff) / (100 - cutoff)))
                    found = True
            if found and whole == 1.0:
                continue  # a typo of a known title: no need to look word by word
            # Partial matches through the words, rare words counting most: each word is replaced
            # by its closest known spelling, forms sharing words get a quick bound, and only the
            # most promising are compared in full.
            close = [self.similar_words(w) for w in words]
            fixed = tuple(alts[0][0] if alts else w for w, alts in zip(words, close, strict=True))
            shared = np.zeros(len(self.keys), dtype=np.float64)
            for w in set(fixed):
                posting = self.posting_arrays.get(w)
                if posting is not None:
                    shared[posting] += self.weight(w)
            hits = np.flatnonzero(shared)
            if hits.size:
                total = sum(self.weight(w) for w in fixed)
                got = shared[hits]
                bound = 0.5 * self.key_specific[hits] * np.minimum(
                    1.0, got / self.key_total_array[hits]
                ) + 0.5 * np.minimum(1.0, got / total)
                order = _top(bound, self.COMPARED)
            else:
                order, bound = (), None
            for o in order:
                if bound[o] < 0.45:
                    break
                i = int(hits[o])
                s = self.similarity(fixed, self.key_words[i])
                if s >= 0.5:
                    offer(self.key_noc[i], whole * s * (0.95 if fixed != words else 1.0))
            if not found and max(best.values(), default=0.0) < 0.8:
                choices, index = self._by_length(len(key))
                for _, score, i in process.extract(
                    key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3
                ):
                    i = index[i]
                    if re.findall(r"\d+", self.keys[i]) == digits and self._words_agree(
                        words, self.key_words[i]
                    ):
                        offer(
                            self.key_noc[i], whole * (0.9 + 0.1 * (score - cutoff) / (100 - cutoff))
                        )
                        found = True
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return ranked

    IN_TEXT = 0.8  # confidence of an occupation named inside a sentence

    def in_text(self, text: str, max_words: int = 5) -> list[tuple[str, float]]:
        """Occupations named inside free text ('J'ai été soudeur 5 ans'), by exact phrases.

        Only forms as written count, and a single word only when it names one occupation (a
        short one only in capitals, as acronyms are written).
        """
        words = [w for w in title_words(text) if w not in NOISE]
        # Short titles count only as written in capitals (acronyms: 'PAB', not 'tes').
        acronyms = {fold(a) for a in re.findall(r"\b[A-ZÀ-Ý]{2,5}\b", text)}
        found: dict[str, float] = {}
        for size in range(min(max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                key = " ".join(words[start : start + size])
                if key not in self.strong:
                    continue
                if size == 1 and (self.spread(key) >= 3 or len(key) < 5 and key not in acronyms):
                    continue
                found.setdefault(self.exact[key], self.IN_TEXT)
        return list(found.items())

    def best(self, text: str) -> str | None:
        """The occupation a title is taken to mean, or None when no form is close enough."""
        found = self.lookup(text, limit=1)
        if found and found[0][1] >= self.ACCEPT:
            return found[0][0]
        return None
