"""Trade vocabulary (issue 13): skills written in one language cover a job's skill in the other."""

import pytest

from app.matching.normalise import default_vocabulary, normalise_text, read_data_csv
from app.matching.score import WEIGHTS, CandidatePool, CandidateSpec, JobSpec


@pytest.fixture(scope="module")
def vocab():
    return default_vocabulary()


def required_points(vocab, noc, candidate_skill, job_skill):
    pool = CandidatePool([CandidateSpec(id="c", skills=[candidate_skill])], vocab)
    job = JobSpec(id="j", noc=noc, skills_required=[job_skill], work_permit_required=False)
    (m,) = pool.rank(job)
    return m.components["required_skills"]


@pytest.mark.parametrize(
    "noc, candidate_skill, job_skill",
    [
        ("63200", "knife skills", "techniques de coupe au couteau"),
        ("63200", "coupe au couteau", "knife skills"),
        ("75110", "gyproc", "pose de cloisons sèches"),
        ("75110", "sheetrock", "drywall installation"),
        ("73102", "tirage de joints", "drywall taping"),
        ("75101", "forklift", "conduite de chariot élévateur"),
        ("75101", "CACES", "forklift operation"),
        ("75101", "transpalette électrique", "pallet jack"),
        ("75101", "bill of lading", "documents d'expédition"),
        ("33102", "CPR", "RCR"),
        ("33102", "incontinence care", "soins d'incontinence"),
        ("33102", "Hoyer lift", "mobilisation des patients"),
        ("72310", "WHMIS training", "SIMDUT"),
        ("72310", "ASP construction card", "ASP Construction"),
        ("72310", "cartes de compétence", "CCQ competency card"),
        ("63200", "food handler certificate", "hygiène et salubrité MAPAQ"),
        ("72106", "flux core", "soudage au fil fourré"),
        ("72106", "welding ticket", "CSA W47.1"),
        ("72423", "powersports", "mécanique de sports motorisés"),
        ("72423", "outboard motor repair", "moteurs hors-bord"),
        ("84111", "planting shovel", "reboisement"),
        ("85103", "trellising", "palissage"),
        ("83100", "scooptram", "chargeuse-navette"),
        ("83100", "rock bolting", "boulonnage"),
        ("73110", "flat roofing", "membrane élastomère"),
        ("73110", "roof flashing", "pose de solins"),
        ("72300", "PEX", "tuyauterie PEX"),
        ("72200", "wire pulling", "tirage de fils"),
        ("73300", "circle check", "ronde de sécurité"),
        ("73300", "fifth wheel", "attelage et dételage de remorques"),
        ("84120", "TMR", "ration totale mélangée"),
        ("84120", "teat dipping", "hygiène de traite"),
        ("94141", "meat trimming", "parage de la viande"),
        ("65310", "turndown service", "service de couverture"),
        ("42202", "infant CPR", "premiers soins en milieu de garde"),
        ("42202", "dossier éducatif", "child observation"),
        ("72106", "bevelling", "préparation des joints de soudure"),
        ("72106", "tack welding", "pointage et ajustement avant soudage"),
        ("72200", "EMT", "pose de conduits EMT"),
        ("85100", "piglets", "soins aux porcelets"),
        ("65310", "banquet setup", "montage de salles"),
        ("33102", "pill organizer", "aide à la prise de médicaments"),
    ],
)
def test_cross_language_trade_skills_match(vocab, noc, candidate_skill, job_skill):
    assert required_points(vocab, noc, candidate_skill, job_skill) == WEIGHTS.required_skills


@pytest.mark.parametrize(
    "noc, candidate_skill, job_skill",
    [
        ("72106", "TIG welding", "soudure MIG"),
        ("72106", "soudure GTAW", "soudure MIG"),
        ("33102", "entretien des chambres", "soins d'hygiène"),
        ("65310", "soins d'hygiène", "room attendant duties"),
        ("94141", "scie à os", "sciage de métaux"),
        ("73300", "semi-remorque", "conduite de tracteur agricole"),
        ("72423", "powersports", "petits moteurs"),
        ("63200", "knife sharpening", "techniques de coupe au couteau"),
        ("72106", "tack welding", "stick welding"),
        ("72200", "pose de conduits EMT", "pose de conduites"),
    ],
)
def test_look_alike_trade_skills_do_not_match(vocab, noc, candidate_skill, job_skill):
    assert vocab.skill_concept(candidate_skill) != vocab.skill_concept(job_skill)
    assert required_points(vocab, noc, candidate_skill, job_skill) < WEIGHTS.required_skills


# Collisions older than issue 13 (plural folding: 'rondes' -> 'ronde', 'CMMS' -> 'cmm', 'PEPS' -> 'pep').
KNOWN_CLASHES = {
    ("ronde de securite", "pre-trip", "security-patrol"),
    ("cmm", "cmms", "cmm"),
    ("pep", "saaq-inspection", "food-storage"),
}


def test_no_form_belongs_to_two_concepts():
    owner = {}
    clashes = []
    for row in read_data_csv("skills.csv"):
        forms = [row["label_fr"], row["label_en"], *(row["synonyms"] or "").split("|")]
        for key in {normalise_text(f) for f in forms if f.strip()}:
            if key in owner and owner[key] != row["id"]:
                clashes.append((key, owner[key], row["id"]))
            owner.setdefault(key, row["id"])
    assert set(clashes) <= KNOWN_CLASHES


def test_occupation_skill_links_name_known_codes_and_skills():
    nocs = {r["noc"] for r in read_data_csv("occupations.csv")}
    skills = {r["id"] for r in read_data_csv("skills.csv")}
    links = read_data_csv("occupation_skills.csv")
    assert {link["noc"] for link in links} <= nocs
    assert {link["skill_id"] for link in links} <= skills
    assert len({(link["noc"], link["skill_id"]) for link in links}) == len(links)
