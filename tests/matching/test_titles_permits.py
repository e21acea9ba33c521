"""The shipped title table, occupation gating, work permits and education (no database)."""

from datetime import date

import pytest
from flask_babel import force_locale

from app.matching.exchange import candidate_from_exchange, job_from_exchange, rank_document
from app.matching.explain import explain, improvements, render_reason
from app.matching.normalise import default_vocabulary
from app.matching.score import CandidatePool, CandidateSpec, JobPool, JobSpec
from app.matching.titles import title_key
from app.text import fold


@pytest.fixture(scope="module")
def vocab():
    return default_vocabulary()


@pytest.mark.parametrize(
    "title, noc",
    [
        # missing accents
        ("prepose a l'expedition", "14400"),
        ("preposee aux beneficiaires", "33102"),
        ("mecanicien industriel", "72400"),
        # typos
        ("mecanicien de chatier", "72400"),
        ("shipper reeiver", "14400"),
        ("Préposé(e) à l'acueol", "14101"),
        # gender forms
        ("Mécanicien·ne industriel·le", "72400"),
        ("Ouvrier·ère en serre", "85103"),
        ("Éducateur(trice) en CPE", "42202"),
        ("Boucher / bouchère industrielle", "94141"),
        ("boucher industriel ou bouchère industrielle", "94141"),
        ("Opérateur/trice de chariot élévateur", "75101"),
        ("Soudeuses", "72106"),
        # abbreviations and slang
        ("PAB", "33102"),
        ("éduc spé", "42201"),
        ("gyproc", "73102"),
        ("infirmière aux.", "32101"),  # 'aux.' is auxiliaire here, not 'à les'
        ("opé. de chariot élévateur", "75101"),
        # both languages, trade synonyms
        ("millwright", "72400"),
        ("maintenance mechanic", "72400"),
        ("mécanicien de chantier", "72400"),
        ("industrial mechanic", "72400"),
        ("shipper-receiver", "14400"),
        ("commis à l'expédition et à la réception", "14400"),
        ("éducatrice à la petite enfance", "42202"),
        ("éducatrice en service de garde", "42202"),
        ("daycare educator", "42202"),
        ("journeyman plumber", "72300"),
        # nothing close
        ("astronaute", None),
    ],
)
def test_title_table(vocab, title, noc):
    assert vocab.occupation_for_title(title) == noc


@pytest.mark.parametrize(
    "title, not_noc",
    [
        ("préposé à l'entretien", "33102"),
        ("préposé aux bénéficiaires", "65312"),
        ("commis de cuisine", "14401"),
        ("commis d'entrepôt", "65201"),
        ("opérateur de production", "73400"),
        ("opérateur de machinerie lourde", "94140"),
        ("plant electrician", "72400"),
        ("opérateur de machine à pain", "93102"),  # 'pain' is not a slip of 'papier'
    ],
)
def test_look_alikes_do_not_match(vocab, title, not_noc):
    assert vocab.occupation_for_title(title) not in (None, not_noc)
    assert all(noc != not_noc for noc, _ in vocab.occupations_for_title(title))


def test_single_common_word_is_not_an_occupation(vocab):
    # 'mécanicien' alone could be a dozen trades: a doubt, not a mapping.
    assert vocab.occupation_for_title("mécanicien") is None
    assert vocab.occupations_for_title("mécanicien")[0][1] < 0.8


def test_title_keys_fold_gender_and_small_words():
    assert title_key("Préposée à l'expédition") == title_key("prepose a expedition")
    assert title_key("Technicienne") == title_key("technicien")
    assert fold("Manœuvre  ÉLÉVATEUR") == "manoeuvre elevateur"


def _job(**kw):
    base = dict(
        id="j",
        noc="42202",
        title="Éducatrice à la petite enfance",
        skills_required=["premiers soins", "planification d'activités éducatives"],
        region="02",
        experience_min=1,
    )
    base.update(kw)
    return JobSpec(**base)


def _cand(cid, **kw):
    base = dict(id=cid, french=7, english=0, experience=5, regions=["02"], work_status="citizen")
    base.update(kw)
    return CandidateSpec(**base)


def test_unrelated_occupation_scores_low(vocab):
    job = _job()
    housekeeper = _cand("housekeeper", desired_titles=["préposée à l'entretien ménager"])
    educator = _cand("educator", desired_titles=["éducatrice en CPE"], regions=["05"])
    pool = CandidatePool([housekeeper, educator], vocab)
    scores = {m.candidate_id: m.score for m in pool.rank(job)}
    assert scores["housekeeper"] < 15
    assert scores["educator"] > scores["housekeeper"] + 25


def test_unmapped_title_falls_back_to_the_job_title(vocab):
    job = _job(noc="94140", title="Opérateur de bouveteuse", skills_required=[])
    close = _cand("close", desired_titles=["operateur bouveteuse"])
    far = _cand("far", desired_titles=["astronaute"])
    pool = CandidatePool([close, far], vocab)
    by_id = {m.candidate_id: m for m in pool.rank(job)}
    assert by_id["close"].components["occupation"] > 15
    assert by_id["far"].components["occupation"] == 0
    codes = [r["code"] for r in explain(pool, job, by_id["close"])]
    assert "occupation_close" in codes and "occupation_same" not in codes


NEQ, OTHER = "1234567890", "9876543210"


def _permit_rank(job, **cand):
    pool = CandidatePool(
        [
            _cand("anywhere", work_status="open_work_permit", desired_titles=["éducatrice"]),
            _cand("closed", desired_titles=["éducatrice"], **cand),
        ],
        default_vocabulary(),
    )
    matches = {m.candidate_id: m for m in pool.rank(job)}
    return pool, matches


@pytest.mark.parametrize(
    "support, permit_neq, eligible, penalised, code",
    [
        (None, NEQ, True, False, "closed_permit_this_employer"),  # names this employer
        ("none", OTHER, False, True, "closed_permit_no_support"),  # another, no support
        ("lmia_obtained", OTHER, True, False, "closed_permit_supported"),
        ("exempt", OTHER, True, False, "closed_permit_supported"),
        (None, OTHER, True, True, "closed_permit_unknown"),  # another, support unknown
    ],
)
def test_closed_permit_rules(support, permit_neq, eligible, penalised, code):
    job = _job(employer_neq=NEQ, permit_support=support)
    pool, m = _permit_rank(
        job, work_status="employer_specific_work_permit", permit_employer_neq=permit_neq
    )
    assert m["closed"].eligible is eligible
    assert (m["closed"].components.get("permit", 0) < 0) is penalised
    assert sum(m["closed"].components.values()) == m["closed"].score
    if eligible:
        assert (m["closed"].score < m["anywhere"].score) is penalised
    codes = [r["code"] for r in explain(pool, job, m["closed"])]
    assert code in codes
    # The other direction (jobs for one candidate) agrees.
    spec = pool.candidates[1]
    (jm,) = JobPool([job], pool.vocab).rank_for(spec)
    assert (jm.score, jm.eligible, jm.components) == (
        m["closed"].score,
        m["closed"].eligible,
        m["closed"].components,
    )


def test_expired_permit_is_not_authorised(app):
    job = _job(start_date=date(2027, 5, 1))
    pool, m = _permit_rank(job, work_status="open_work_permit", permit_expiry=date(2027, 3, 31))
    assert not m["closed"].eligible and m["anywhere"].eligible
    reasons = explain(pool, job, m["closed"])
    assert reasons[0]["code"] == "permit_expired"
    assert {"code": "renew_permit", "params": {}} in improvements(reasons)
    with app.test_request_context(), force_locale("fr_CA"):
        assert "31 mars 2027" in render_reason(reasons[0], "fr")  # a day as people read it
    # Valid on the start date: authorised.
    _, later = _permit_rank(job, work_status="open_work_permit", permit_expiry=date(2028, 1, 1))
    assert later["closed"].eligible


def test_education_counts_only_when_asked(vocab):
    plain = _job()
    asks = _job(education_min="college")
    cands = [
        _cand("college", desired_titles=["éducatrice"], education="college"),
        _cand("secondary", desired_titles=["éducatrice"], education="secondary"),
    ]
    pool = CandidatePool(cands, vocab)
    before = {m.candidate_id: m for m in pool.rank(plain)}
    after = {m.candidate_id: m for m in pool.rank(asks)}
    assert before["college"].score == before["secondary"].score
    assert "education" not in before["college"].components
    assert after["college"].score > after["secondary"].score
    for m in after.values():
        assert sum(m.components.values()) == m.score
    codes = [r["code"] for r in explain(pool, asks, after["secondary"])]
    assert "education_gap" in codes
    # Jobs for one candidate agree, with jobs that ask and do not ask side by side.
    for cand in cands:
        by_job = {
            m.job_id: m
            for m in JobPool([plain, _job(id="k", education_min="college")], vocab).rank_for(cand)
        }
        assert by_job["j"].components == before[cand.id].components
        assert by_job["k"].components == after[cand.id].components


def test_regulated_occupation_reason(vocab):
    job = _job(noc="31301", title="Infirmière clinicienne", skills_required=[])
    nurse = _cand("n", desired_titles=["infirmière"], credential_recognition="in_progress")
    pool = CandidatePool([nurse], vocab)
    (m,) = pool.rank(job)
    (reason,) = [r for r in explain(pool, job, m) if r["code"] == "regulated"]
    assert reason["params"]["status"] == "in_progress"
    assert improvements([reason])[0]["code"] == "get_recognition"


def test_document_without_new_fields_ranks_as_with_them_absent(app):
    doc = {
        "jobs": [{"id": "j", "noc": "72106", "title": "Soudeur", "skills_required": ["MIG"]}],
        "candidates": [
            {"id": "a", "desired_titles": ["soudeur"], "work_status": "citizen"},
            {
                "id": "b",
                "desired_titles": ["soudeuse"],
                "work_status": "employer_specific_work_permit",
            },
        ],
    }
    with app.app_context():
        plain = rank_document(doc)["rankings"]["j"]
    assert [r["score"] for r in plain] == [plain[0]["score"]] * 2  # a closed permit, no data
    assert all(r["eligible"] for r in plain)
    job = job_from_exchange({**doc["jobs"][0], "permit_support": "maybe", "start_date": "x"})
    assert job.permit_support is None and job.start_date is None
    cand = candidate_from_exchange({"id": "c", "permit_expiry": "2026-01-31", "education": "phd"})
    assert cand.permit_expiry == date(2026, 1, 31) and cand.education is None


@pytest.mark.parametrize(
    "text, concept",
    [
        ("infection prevention and control", "infection-control"),  # holds 'infection control'
        ("first aid certificate", "first-aid"),
        ("lecture de plans et devis", "blueprint-reading"),
        ("Class 2 licence", None),  # numbers must agree: not the class 1 licence
        ("soins des plantes d'intérieur", None),  # one shared word ('soins') is not enough
    ],
)
def test_skills_written_with_more_words(vocab, text, concept):
    vocab.prefetch([text])
    found = vocab.skill_concept(text)
    assert (vocab.skills[found].id if found is not None else None) == concept


def test_typical_skills_without_a_title_count_as_occupation(vocab):
    job = _job(noc="72106", title="Soudeur", skills_required=["soudure MIG"])
    skilled = _cand("skilled", skills=["soudage TIG", "soudure MIG", "lecture de plans"])
    unrelated = _cand("unrelated", skills=["service à la clientèle", "travail d'équipe"])
    pool = CandidatePool([skilled, unrelated], vocab)
    by_id = {m.candidate_id: m for m in pool.rank(job)}
    assert by_id["skilled"].components["occupation"] > 0
    assert by_id["unrelated"].components["occupation"] == 0
    assert by_id["unrelated"].components["region"] == 0  # no occupational evidence: no context


def test_occupation_named_in_the_summary(vocab):
    job = _job(noc="72400", title="Mécanicien industriel", skills_required=[])
    told = _cand("told", summary="J'ai travaillé cinq ans comme mécanicien de chantier en usine.")
    silent = _cand("silent", summary="Je cherche un emploi stable en région.")
    pool = CandidatePool([told, silent], vocab)
    by_id = {m.candidate_id: m for m in pool.rank(job)}
    assert by_id["told"].components["occupation"] >= 20
    assert by_id["silent"].components["occupation"] == 0
    (jm,) = JobPool([job], vocab).rank_for(told)
    assert jm.score == by_id["told"].score


def test_a_sentence_only_profile_still_has_skills(vocab):
    text = "Cinq ans de lecture de plams et de soudure migg en usine."
    plain = {t.concept for t in vocab.terms_in_text(text)}
    careful = {vocab.skills[t.concept].id for t in vocab.terms_in_text(text, slips=True)}
    assert {"blueprint-reading", "mig-welding"} <= careful
    assert len(careful) > len(plain)
    # Used only when no skill is listed: a listed skill list is taken as written.
    listed = CandidateSpec(id="l", skills=["soudure"], summary=text).all_terms(vocab)
    only = CandidateSpec(id="s", summary=text).all_terms(vocab)
    assert len(only) > len(listed) - 1
    assert any(t.concept is not None and vocab.skills[t.concept].id == "mig-welding" for t in only)
    # The pieces of a sentence that lists skills are taken as written skills.
    pieces = CandidateSpec(id="p", summary="Soudure MIG, lecture de plans et cariste.")
    assert pieces.written_skills() == ["Soudure MIG", "lecture de plans", "cariste"]


def test_skill_written_inside_a_longer_one(vocab):
    job = _job(noc="94141", title="Boucher industriel", skills_required=["coupe fine au couteau"])
    inside = _cand("inside", skills=["coupe au couteau fine"])
    partial = _cand("partial", skills=["couteau"])  # one shared word is not the skill
    pool = CandidatePool([inside, partial], vocab)
    by_id = {m.candidate_id: m for m in pool.rank(job)}
    assert by_id["inside"].components["required_skills"] > 25
    assert by_id["partial"].components["required_skills"] == 0
    (jm,) = JobPool([job], vocab).rank_for(inside)
    assert jm.components == by_id["inside"].components


def test_acronym_titles_in_a_sentence_only_in_capitals(vocab):
    assert [n for n, _ in vocab.occupations_in_text("Trois ans comme PAB en CHSLD.")] == ["33102"]
    assert vocab.occupations_in_text("Je veux tes conseils, pab") == []
