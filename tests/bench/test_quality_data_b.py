"""The second matching benchmark's generator (bench/make_quality_data_b.py): determinism, the
grading rules on constructed cases, and labels that follow from the hidden truth alone."""

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "make_quality_data_b.py"
_spec = importlib.util.spec_from_file_location("make_quality_data_b", _PATH)
gen = importlib.util.module_from_spec(_spec)
sys.modules["make_quality_data_b"] = gen
_spec.loader.exec_module(gen)

REQ5 = ["patient_hygiene", "patient_transfer", "feeding_assist", "vital_signs", "dementia_care"]


def test_small_generation_is_deterministic():
    a = gen.build(seed=7, job_limit=3, background=10)
    b = gen.build(seed=7, job_limit=3, background=10)
    assert a == b
    other = gen.build(seed=8, job_limit=3, background=10)
    assert other[0]["candidates"] != a[0]["candidates"]


@pytest.mark.parametrize(
    ("cand_occ", "concepts", "regions", "expected"),
    [
        ("care_aide", REQ5, ["01"], 3),  # same occupation, all skills, region OK
        ("care_aide", REQ5[:4], ["*"], 3),  # 4/5 = 80 % exactly, anywhere
        ("care_aide", REQ5[:4], ["05", "12"], 2),  # >= 80 % but region not OK
        ("care_aide", REQ5[:3], ["01"], 2),  # 60 %
        ("care_aide", REQ5[:2], ["01"], 2),  # 40 % exactly
        ("care_aide", REQ5[:1], ["01"], 1),  # same occupation, few skills
        ("care_aide", [], ["01"], 1),
        ("home_support_worker", REQ5[:2], ["01"], 2),  # close, 40 %
        ("home_support_worker", REQ5, ["01"], 2),  # close never reaches 3
        ("home_support_worker", REQ5[:1], ["01"], 1),  # close, 20 %
        ("practical_nurse", ["vital_signs"], ["01"], 1),  # same field, one required concept
        ("practical_nurse", ["medication", "wound_care"], ["01"], 0),  # same field, none
        ("janitor", REQ5, ["01"], 0),  # look-alike title, other field: 0 whatever the skills
        ("truck_driver", [], ["*"], 0),
    ],
)
def test_grade_rules(cand_occ, concepts, regions, expected):
    assert gen.grade("care_aide", REQ5, "01", cand_occ, concepts, regions) == expected


def test_grade_threshold_below_80_percent():
    req4 = ["class1", "circle_check", "logbook", "load_securing"]
    assert gen.grade("truck_driver", req4, "12", "truck_driver", req4[:3], ["12"]) == 2  # 75 %
    assert gen.grade("truck_driver", req4, "12", "truck_driver", req4, ["12"]) == 3


def test_relations_are_honest_tables():
    assert len(gen.OCCUPATIONS) >= 40
    for key, occ in gen.OCCUPATIONS.items():
        assert re.fullmatch(r"\d{5}", occ["noc"]), key
        assert set(occ["concepts"]) <= set(gen.CONCEPTS), key
        for other in gen.CLOSE[key]:
            assert key in gen.CLOSE[other]
    assert gen.related("millwright", "industrial_electrician") == "field"
    assert gen.related("care_aide", "janitor") == ""
    assert gen.related("kitchen_helper", "warehouse_worker") == ""
    assert gen.related("plastics_operator", "heavy_equipment_operator") == ""
    assert "06" not in gen.REGIONS and len(gen.REGIONS) == 16


def test_labels_follow_the_hidden_truth():
    document, labels, meta = gen.build(seed=11, job_limit=4, background=20)
    truth = meta["candidates"]
    for job in document["jobs"]:
        t = meta["jobs"][job["id"]]
        assert len(t["required"]) == len(job["skills_required"])
        for cand in document["candidates"]:
            c = truth[cand["id"]]
            expected = gen.grade(
                t["occupation"],
                t["required"],
                t["region"],
                c["occupation"],
                c["concepts"],
                cand["regions"],
            )
            assert labels[job["id"]].get(cand["id"], 0) == expected
    assert all(g >= 1 for row in labels.values() for g in row.values())
    for cand in document["candidates"]:
        assert len(cand["skills"]) == len(truth[cand["id"]]["skill_concepts"])
        assert cand["work_status"] in {*gen.AUTH_STATUSES, "none"}
        assert cand["regions"] == ["*"] or set(cand["regions"]) <= set(gen.REGIONS)


def test_full_benchmark_shape():
    document, labels, meta = gen.build()
    assert 35 <= len(document["jobs"]) <= 45
    assert 600 <= len(document["candidates"]) <= 900
    for job in document["jobs"]:
        grades = list(labels[job["id"]].values())
        assert grades.count(3) >= 3 and grades.count(2) >= 3, job["id"]
        assert len(document["candidates"]) - len(grades) > 300  # many unrelated candidates
    kinds = {c["kind"] for c in meta["candidates"].values()}
    assert {"strong", "strong_ineligible", "far", "close", "field", "lookalike"} <= kinds
    assert any(c["summary_only"] for c in meta["candidates"].values())
    assert any(not c["noc"] for c in document["candidates"])
    assert any(c["noc"] for c in document["candidates"])


def test_writing_helpers():
    assert gen.inclusive("ouvrier de serre", "ouvrière de serre", "point") == "ouvrier·ère de serre"
    assert gen.inclusive("préposé aux bénéficiaires", "préposée aux bénéficiaires", "paren") == (
        "préposé(e) aux bénéficiaires"
    )
    assert gen.inclusive("éducateur spécialisé", "éducatrice spécialisée", "doublet") == (
        "éducateur spécialisé ou éducatrice spécialisée"
    )
    assert gen.strip_accents("Préposée à l'entretien ménager") == "Preposee a l'entretien menager"
    rng = random.Random(3)
    slips = 0
    for _ in range(50):
        text = "conduite de chariot élévateur"
        slipped = gen.typo(text, rng)
        changed = [a != b for a, b in zip(text.split(" "), slipped.split(" "), strict=True)]
        assert sum(changed) <= 1
        assert abs(len(slipped) - len(text)) <= 1
        slips += slipped != text
    assert slips >= 40
