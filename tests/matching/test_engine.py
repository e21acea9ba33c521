"""The matching engine: normalisation, scoring, ranking and explanations (no database)."""

import pytest

from app.matching.explain import explain, improvements, render_reason
from app.matching.normalise import Vocabulary, normalise_text
from app.matching.score import WEIGHTS, CandidatePool, CandidateSpec, JobSpec

SKILLS = [
    {
        "id": "mig",
        "label_fr": "soudure MIG",
        "label_en": "MIG welding",
        "synonyms": "GMAW|soudage MIG",
    },
    {"id": "tig", "label_fr": "soudure TIG", "label_en": "TIG welding", "synonyms": "GTAW"},
    {
        "id": "plans",
        "label_fr": "lecture de plans",
        "label_en": "blueprint reading",
        "synonyms": "",
    },
    {
        "id": "forklift",
        "label_fr": "conduite de chariot élévateur",
        "label_en": "forklift operation",
        "synonyms": "cariste|chariot élévateur|forklift",
    },
    {
        "id": "hygiene",
        "label_fr": "soins d'hygiène",
        "label_en": "personal hygiene care",
        "synonyms": "",
    },
]
OCCUPATIONS = [
    {
        "noc": "72106",
        "title_fr": "Soudeurs/soudeuses",
        "title_fr_f": "Soudeuse",
        "title_en": "Welders",
        "synonyms": "soudeur|welder",
    },
    {
        "noc": "33102",
        "title_fr": "Préposés aux bénéficiaires",
        "title_fr_f": "Préposée aux bénéficiaires",
        "title_en": "Nurse aides",
        "synonyms": "PAB|orderly",
    },
    {
        "noc": "72100",
        "title_fr": "Machinistes",
        "title_fr_f": "",
        "title_en": "Machinists",
        "synonyms": "opérateur CNC|CNC machinist",
    },
]


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary(SKILLS, OCCUPATIONS, [{"noc": "72106", "skill_id": "mig"}])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("soudure MIG", "mig"),  # French label
        ("MIG welding", "mig"),  # English label
        ("Soudures MIG", "mig"),  # plural, case
        ("soudage mig", "mig"),  # synonym
        ("GMAW", "mig"),  # abbreviation
        ("soudre MIG", "mig"),  # typo
        ("Lecture de plan", "plans"),  # singular
        ("lecture de plans", "plans"),
        ("blueprint readng", "plans"),  # English typo
        ("chariot elevateur", "forklift"),  # missing accents
        ("Cariste", "forklift"),
        ("soins d hygiene", "hygiene"),  # apostrophe and accents
        ("soudure TIG", "tig"),  # look-alike stays distinct
        ("pâtisserie fine", None),  # unknown: kept, not mapped
    ],
)
def test_skill_normalisation_table(vocab, text, expected):
    concept = vocab.skill_concept(text)
    assert (vocab.skills[concept].id if concept is not None else None) == expected


@pytest.mark.parametrize(
    "title, noc",
    [
        ("soudeuse", "72106"),
        ("Welder", "72106"),
        ("soudeurs", "72106"),
        ("PAB", "33102"),
        ("préposée aux bénéficiaires", "33102"),
        ("preposee aux beneficiaires", "33102"),
        ("operateur cnc", "72100"),
        ("astronaute", None),
    ],
)
def test_title_normalisation_table(vocab, title, noc):
    assert vocab.occupation_for_title(title) == noc


def test_unknown_text_is_kept(vocab):
    terms = vocab.terms(["Pâtisserie fine", "MIG welding", "mig welding"])
    assert [t.text for t in terms] == ["Pâtisserie fine", "MIG welding"]
    assert terms[0].concept is None and terms[0].key == "patisserie fine"


def test_normalise_text():
    assert normalise_text("  Soudures   M.I.G. ") == "soudure m i g"


def job(**kw):
    base = dict(
        id="j1",
        noc="72106",
        skills_required=["soudure MIG", "lecture de plans"],
        skills_nice=["soudure TIG"],
        region="02",
        french_min=6,
        english_min=0,
        experience_min=2,
    )
    base.update(kw)
    return JobSpec(**base)


def cand(cid, **kw):
    base = dict(
        id=cid,
        nocs=["72106"],
        skills=["MIG welding", "blueprint reading"],
        french=8,
        english=5,
        experience=4,
        regions=["02"],
        work_status="open_work_permit",
    )
    base.update(kw)
    return CandidateSpec(**base)


def test_perfect_candidate_scores_100_and_components_add_up(vocab):
    pool = CandidatePool(
        [cand("a", skills=["MIG welding", "blueprint reading", "TIG welding"])], vocab
    )
    (m,) = pool.rank(job())
    assert m.eligible and m.score == 100
    assert sum(m.components.values()) == m.score
    assert set(m.components) == {name for name, _ in WEIGHTS.items()}


def test_hard_requirements_rank_ineligible_last(vocab):
    pool = CandidatePool(
        [
            cand(
                "strong-but-no-french",
                french=3,
                skills=["soudure MIG", "lecture de plans", "soudure TIG"],
            ),
            cand("no-permit", work_status="none"),
            cand("weak-but-eligible", nocs=[], skills=["cariste"], regions=["05"]),
        ],
        vocab,
    )
    ranked = pool.rank(job())
    assert [m.candidate_id for m in ranked][0] == "weak-but-eligible"
    assert [m.eligible for m in ranked] == [True, False, False]
    pool2 = CandidatePool([cand("no-permit", work_status="none")], vocab)
    assert pool2.rank(job(work_permit_required=False))[0].eligible


def test_soft_factors_order(vocab):
    pool = CandidatePool(
        [
            cand("all"),
            cand("other-region", regions=["05"]),
            cand("related-occupation", nocs=["72100"]),
            cand("half-skills", skills=["MIG welding"]),
            cand("anywhere", regions=["*"]),
        ],
        vocab,
    )
    scores = {m.candidate_id: m.score for m in pool.rank(job())}
    assert scores["all"] == scores["anywhere"]
    assert scores["all"] > scores["related-occupation"] > 0
    assert scores["all"] - scores["other-region"] == WEIGHTS.region
    assert scores["half-skills"] < scores["all"]


def test_typos_and_language_switch_match_like_exact(vocab):
    pool = CandidatePool(
        [
            cand("fr", skills=["Soudures MIG", "lecture de plan"]),
            cand("en", skills=["GMAW", "blueprint readng"]),
        ],
        vocab,
    )
    scores = {m.candidate_id: m.score for m in pool.rank(job())}
    assert scores["fr"] == scores["en"]


def test_look_alike_skills_do_not_match(vocab):
    pool = CandidatePool([cand("tig-only", skills=["soudure TIG", "lecture de plans"])], vocab)
    (m,) = pool.rank(job(skills_nice=[]))
    reasons = explain(pool, job(skills_nice=[]), m)
    missing = [r for r in reasons if r["code"] == "skills_missing"][0]
    assert missing["params"]["items"] == [{"fr": "soudure MIG", "en": "MIG welding"}]


def test_unmapped_words_match_fuzzily(vocab):
    pool = CandidatePool([cand("a", skills=["pâtisseries fines"])], vocab)
    (m,) = pool.rank(job(skills_required=["patisserie fine"], skills_nice=[]))
    assert m.components["required_skills"] == WEIGHTS.required_skills


def test_empty_pool_and_empty_candidates(vocab):
    assert CandidatePool([], vocab).rank(job()) == []
    (m,) = CandidatePool([CandidateSpec(id="empty")], vocab).rank(job())
    assert not m.eligible and 0 <= m.score < 50


def test_explanations_in_both_languages(app, vocab):
    from flask_babel import force_locale

    pool = CandidatePool([cand("a", french=4, regions=["05"], skills=["MIG welding"])], vocab)
    (m,) = pool.rank(job())
    reasons = explain(pool, job(), m)
    codes = [r["code"] for r in reasons]
    assert codes == [
        "language_gap",
        "occupation_same",
        "skills_matched",
        "skills_missing",
        "region_no",
        "available_yes",
    ]
    matched = reasons[2]["params"]["items"][0]
    assert matched == {"skill": {"fr": "soudure MIG", "en": "MIG welding"}, "word": "MIG welding"}
    with app.test_request_context(), force_locale("fr_CA"):
        text = [render_reason(r, "fr", {"02": "Saguenay–Lac-Saint-Jean"}) for r in reasons]
        assert "Français : niveau 6 demandé, niveau 4 déclaré." in text[0] or "6" in text[0]
        assert "soudure MIG" in text[2] and "lecture de plans" in text[3]
    with app.test_request_context(), force_locale("en_CA"):
        text = [render_reason(r, "en", {"02": "Saguenay–Lac-Saint-Jean"}) for r in reasons]
        assert text[2] == "Matched skill: MIG welding"  # written as the skill is named
        assert text[3] == "Missing skill: blueprint reading"
        assert text[4] == "Saguenay–Lac-Saint-Jean is not among the preferred regions."
    todo = [r["code"] for r in improvements(reasons)]
    assert todo == ["raise_language", "add_skills", "add_region"]


def test_every_criterion_that_counted_has_its_reason(app, vocab):
    """Nice-to-have skills and availability are explained too, with dates as a reader writes them."""
    from datetime import date

    from flask_babel import force_locale

    late = cand("late", skills=["MIG welding", "TIG welding"], available=date(2027, 3, 1))
    spec = job(start_date=date(2027, 1, 15))
    pool = CandidatePool([late], vocab)
    (m,) = pool.rank(spec)
    reasons = {r["code"]: r for r in explain(pool, spec, m)}
    assert reasons["nice_matched"]["params"]["items"][0]["skill"]["en"] == "TIG welding"
    assert m.components["availability"] < WEIGHTS.availability  # the engine counted it late
    assert reasons["available_late"]["params"] == {"available": "2027-03-01", "start": "2027-01-15"}
    with app.test_request_context(), force_locale("fr_CA"):
        text = render_reason(reasons["available_late"], "fr")
        assert "1 mars 2027" in text and "15 janvier 2027" in text
        assert render_reason(reasons["nice_matched"], "fr").startswith("Atout")
    with app.test_request_context(), force_locale("en_CA"):
        assert "March 1, 2027" in render_reason(reasons["available_late"], "en")
    on_time = CandidatePool([cand("now", available=date(2027, 1, 1))], vocab)
    (n,) = on_time.rank(spec)
    codes = [r["code"] for r in explain(on_time, spec, n)]
    assert "available_yes" in codes and "nice_matched" not in codes


def test_points_per_criterion_add_up_to_the_score(app, vocab):
    from flask_babel import force_locale

    from app.matching.explain import points

    pool = CandidatePool(
        [cand("a", french=4, regions=["05"]), cand("b", experience=1), cand("c")], vocab
    )
    for m in pool.rank(job()):
        with app.test_request_context(), force_locale("en_CA"):
            parts = points(m.components)
        assert sum(value for _, value in parts) == m.score
        assert [label for label, _ in parts][:2] == ["Occupation", "Required skills"]
    with app.test_request_context(), force_locale("fr_CA"):
        labels = [label for label, _ in points(pool.rank(job())[0].components)]
    assert labels[:2] == ["Profession", "Compétences exigées"]


def test_both_directions_give_the_same_scores(vocab):
    from datetime import date

    from app.matching.score import JobPool

    jobs = [
        job(),
        job(
            id="j2",
            noc="72100",
            skills_required=["opérateur CNC", "lecture de plans"],
            region="05",
            english_min=5,
            work_permit_required=False,
            experience_min=0,
        ),
        job(
            id="j3",
            noc="33102",
            skills_required=["soins d'hygiène"],
            skills_nice=[],
            region="01",
            start_date=date(2027, 1, 1),
        ),
        job(id="j4", noc="72106", skills_required=[], skills_nice=[], french_min=0),
    ]
    candidates = [
        cand("a"),
        cand("b", french=3, regions=["*"], available=date(2027, 6, 1)),
        cand(
            "c",
            nocs=[],
            desired_titles=["PAB"],
            skills=["soin d hygiene", "cariste"],
            work_status="none",
            experience=None,
        ),
        cand("d", skills=["pâtisserie"], regions=["05"], english=7),
        CandidateSpec(id="empty"),
    ]
    by_job = {
        (j.id, m.candidate_id): (m.score, m.eligible, m.components)
        for j in jobs
        for m in CandidatePool(candidates, vocab).rank(j)
    }
    pool = JobPool(jobs, vocab)
    by_candidate = {
        (m.job_id, c.id): (m.score, m.eligible, m.components)
        for c in candidates
        for m in pool.rank_for(c)
    }
    assert by_job == by_candidate


def test_skills_named_in_the_summary_count(vocab):
    summary = "Huit ans en soudure MIG; je sais aussi faire de la lecture de plans."
    pool = CandidatePool([cand("a", skills=[], summary=summary), cand("b", skills=[])], vocab)
    scores = {m.candidate_id: m.components["required_skills"] for m in pool.rank(job())}
    assert scores["a"] == WEIGHTS.required_skills and scores["b"] == 0
    assert [t.text for t in vocab.terms_in_text("la soudure TIG et le cariste")] == [
        "soudure tig",
        "cariste",
    ]


def test_points_rounded_for_many_rows_at_once_are_those_of_one_row_at_a_time():
    """apportion_rows (used by every ranking) gives _apportion's integers, NaN meaning absent."""
    import math

    import numpy as np

    from app.matching.score import _apportion, apportion_rows

    rng = np.random.default_rng(3)
    for trial in range(400):
        k, n = int(rng.integers(1, 9)), int(rng.integers(1, 12))
        m = rng.uniform(-8, 35, (n, k)).round(int(rng.integers(0, 4)))
        m[rng.random((n, k)) < 0.2] = np.nan
        if trial % 3 == 0:
            m = (m * 2).round() / 2  # halves: ties in rounding and between fractions
        got = apportion_rows(m)
        for r in range(n):
            row = {f"c{j}": v for j, v in enumerate(m[r].tolist()) if not math.isnan(v)}
            mine = {f"c{j}": int(got[r, j]) for j in range(k) if not math.isnan(m[r, j])}
            assert mine == _apportion(row)


def test_context_that_earned_no_points_is_not_given_as_a_reason(vocab):
    """Without occupational fit the region and availability earn nothing: no 'ready to settle
    there' for an unrelated trade, while a region that does not fit is still said."""
    spec = job(skills_required=["soudure MIG"], skills_nice=[])
    unrelated = cand("cook", nocs=["63200"], skills=["cuisine"], regions=["02"])
    elsewhere = cand("away", nocs=["63200"], skills=["cuisine"], regions=["05"])
    pool = CandidatePool([unrelated, elsewhere], vocab)
    by_id = {m.candidate_id: m for m in pool.rank(spec)}
    assert by_id["cook"].components["region"] == 0
    codes = [r["code"] for r in explain(pool, spec, by_id["cook"])]
    assert "region_yes" not in codes and "available_yes" not in codes
    assert "region_no" in [r["code"] for r in explain(pool, spec, by_id["away"])]


def test_the_top_found_from_a_histogram_is_the_order_of_the_full_sort():
    """`_order` keeps only the rows at or above the level where the top is reached: the same
    rows, in the same order (eligible first, score, then input order), as sorting them all."""
    import numpy as np

    from app.matching.score import _order

    rng = np.random.default_rng(11)
    for _ in range(600):
        n = int(rng.integers(1, 300))
        eligible = rng.random(n) < rng.random()
        scores = rng.integers(0, int(rng.integers(1, 101)), n).astype(np.int16)  # many ties
        top = int(rng.integers(1, n + 3))
        key = [(not e, -int(s), i) for i, (e, s) in enumerate(zip(eligible, scores, strict=True))]
        expected = [i for *_, i in sorted(key)][:top]
        assert _order(eligible, scores, top).tolist() == expected
    # Scores outside the histogram's span still rank (the full sort).
    scores = np.array([-3, 5000, 7], dtype=np.int16)
    assert _order(np.array([True, True, False]), scores, 2).tolist() == [1, 0]


def test_phrases_of_a_summary_are_found_longest_first_as_by_trying_every_run(vocab):
    """The summary look-up grows each phrase only while it can become a known form; it finds
    what trying every run of up to four words finds, in the same order."""
    from app.matching.normalise import Term, normalise_text

    def every_run(text: str) -> list[Term]:
        words, found = normalise_text(text).split(), {}
        for size in range(4, 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                concept = vocab.skill_exact.get(phrase)
                if concept is not None and concept not in found and len(phrase) >= 5:
                    found[concept] = Term(text=phrase, key=phrase, concept=concept)
        return list(found.values())

    forms = sorted(vocab.skill_exact)
    texts = [
        "Soudeur : soudure MIG, soudure TIG et lecture de plans; cariste à l'occasion.",
        "J'ai fait du service à la clientèle, de la caisse et de l'entretien ménager.",
        " ".join(forms[::97]),  # known forms side by side: overlapping phrases
        "",
    ]
    for text in texts:
        assert vocab.terms_in_text(text) == every_run(text)
    assert vocab.terms_in_text(texts[0])  # something is found, so the comparison means something


def test_gains_for_many_jobs_at_once_are_each_step_scored_on_its_own(vocab):
    """add_gains scores every changed profile of one candidate in one pool, once per job: each
    gain is still the score of that changed profile alone, less the match's score."""

    from app.matching.explain import _counterfactual, add_gains, explain

    person = cand("c", french=3, regions=["05"], skills=["MIG welding"])
    pool = CandidatePool([person], vocab)
    jobs = [
        job(id="a", french_min=6),
        job(id="b", region="05", skills_required=["soudure MIG", "lecture de plans"]),
        job(id="c", french_min=0, region="09"),
    ]
    items = []
    for spec in jobs:
        match = pool.rank(spec)[0]
        items.append((spec, match, explain(pool, spec, match)))
    add_gains(pool, items)
    checked = 0
    for spec, match, reasons in items:
        for reason in reasons:
            changed = _counterfactual(person, spec, reason)
            if changed is None:
                assert "gain" not in reason["params"]
                continue
            alone = CandidatePool([changed[0]], vocab).rank(changed[1])[0]
            assert reason["params"]["gain"] == max(alone.score - match.score, 0)
            assert reason["params"].get("unlocks", False) == (alone.eligible and not match.eligible)
            checked += 1
    assert checked >= 4  # language, region and skill steps were all measured
