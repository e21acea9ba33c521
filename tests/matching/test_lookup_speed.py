"""The faster look-up helpers give the answers of the slower code they replaced."""

import numpy as np
from rapidfuzz import fuzz

from app.matching.normalise import Vocabulary
from app.matching.titles import TitleIndex

SKILLS = [
    {"id": "a", "label_fr": "soudure classe 1", "label_en": "welding class 1", "synonyms": ""},
    {"id": "b", "label_fr": "soudure classe 2", "label_en": "welding class 2", "synonyms": ""},
    {"id": "c", "label_fr": "cariste", "label_en": "forklift", "synonyms": ""},
    {"id": "d", "label_fr": "soudage tig", "label_en": "tig welding", "synonyms": ""},
    {"id": "e", "label_fr": "soudage mig", "label_en": "mig welding", "synonyms": ""},
]


def _vocab() -> Vocabulary:
    return Vocabulary(SKILLS, [], [])


def test_best_of_takes_the_best_score_then_the_later_column_on_a_tie():
    vocab = _vocab()
    forms = vocab.skill_forms
    index = np.arange(len(forms))
    fr1, fr2 = forms.index("soudure classe 1"), forms.index("soudure classe 2")
    # Both forms score alike for a key without digits: neither has the key's (empty) digits...
    cols = np.array(sorted([fr1, fr2]))
    scores = np.array([95, 95], dtype=np.uint8)
    assert vocab._best_of("soudure classe", cols, scores, index) is None
    # ...and with the key's digits, the one whose digits agree wins even with a lower score.
    scores = np.array([99, 90], dtype=np.uint8) if fr1 < fr2 else np.array([90, 99], np.uint8)
    assert vocab._best_of("soudure classe 2", cols, scores, index) == 1


def test_best_of_breaks_a_tie_for_the_later_column():
    vocab = _vocab()
    forms = vocab.skill_forms
    index = np.arange(len(forms))
    tig, mig = forms.index("soudage tig"), forms.index("soudage mig")
    cols = np.array([tig, mig])  # tig comes first in the form list
    assert tig < mig
    scores = np.array([91, 91], dtype=np.uint8)
    assert vocab._best_of("soudage xig", cols, scores, index) == 4  # mig: the later column
    scores = np.array([92, 91], dtype=np.uint8)
    assert vocab._best_of("soudage xig", cols, scores, index) == 3  # a better score wins


def test_best_of_reads_columns_through_the_index_of_forms_compared():
    vocab = _vocab()
    forms = vocab.skill_forms
    cariste = forms.index("cariste")
    index = np.array([cariste])  # only this form was compared: column 0 is 'cariste'
    assert vocab._best_of("cariste", np.array([0]), np.array([100], np.uint8), index) == 2


def test_skill_prefetch_maps_typos_and_keeps_digits_apart():
    vocab = _vocab()
    assert vocab.skill_concept("soudure clase 2") == 1  # a letter missing; the digit decides
    assert vocab.skill_concept("soudure clase 1") == 0
    assert vocab.skill_concept("carsite") is None  # two letters swapped in a short word: too far


def test_word_score_is_the_ratio_above_the_cutoff_and_is_kept_per_pair():
    index = TitleIndex([("mécanicien de chantier", "72400"), ("soudeur", "72106")])
    r = fuzz.ratio("chatier", "chantier")
    assert r >= index.TOKEN_CUTOFF
    assert index._word_score("chatier", "chantier") == r / 100.0
    assert ("chatier", "chantier") in index._pair_cache
    assert index._word_score("papier", "pain") == 0.0  # too short, too far
    assert index._word_score("soudeur", "moudeur") == 0.0  # another first letter


def test_similarity_counts_rare_words_and_slips():
    index = TitleIndex([("mécanicien de chantier", "72400"), ("mécanicien automobile", "72410")])
    exact = index.similarity(("mecanicien", "chantier"), ("mecanicien", "chantier"))
    slip = index.similarity(("mecanicien", "chatier"), ("mecanicien", "chantier"))
    other = index.similarity(("mecanicien", "chantier"), ("mecanicien", "automobile"))
    assert 0.5 < slip < exact
    assert other < slip
