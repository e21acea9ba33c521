"""Generate bilingual candidates, employers and published jobs in bulk, for benchmarks.

Every generated row has a stable identity: candidate n is the account
cand{n}@scale.maillage.example, organisation k has the NEQ 8{k:09d} (with its owner
emp{k}@scale.maillage.example), and job j has the external id scale-j{j:06d}. Each row is drawn
from its own random generator seeded with (seed, kind, number), so the data is deterministic, and
a second run adds only the missing rows, exactly as a single run would have made them.
Rows are written with SQLAlchemy Core bulk inserts.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import insert

from app.blueprints.auth.services import PRIVACY_POLICY_VERSION
from app.blueprints.jobs.search import search_text, title_text
from app.dbstats import analyze
from app.extensions import db
from app.fulltext import user_search_text
from app.models import (
    CandidateProfile,
    CredentialRecognition,
    EducationLevel,
    EmployerMembership,
    EmployerOrganisation,
    Household,
    Job,
    JobStatus,
    JobType,
    MembershipRole,
    MembershipStatus,
    Municipality,
    Occupation,
    OrganisationSize,
    Role,
    SalaryUnit,
    User,
    VettingStatus,
    WorkStatus,
)
from app.models.base import utcnow
from app.models.candidates import candidate_occupations, candidate_regions
from app.security import hash_password
from app.seed import DEMO_PASSWORD, seed_reference

SCALE_DOMAIN = "scale.maillage.example"
CANDIDATE_EMAIL = "cand{n}@" + SCALE_DOMAIN
EMPLOYER_EMAIL = "emp{n}@" + SCALE_DOMAIN
NEQ_PREFIX = "8"
JOB_ID_PREFIX = "scale-j"
JOBS_PER_ORGANISATION = 5
BATCH = 5000

# Rough share of the population of each region outside Montréal, to spread jobs realistically.
REGION_WEIGHTS = {
    "01": 2,
    "02": 3,
    "03": 8,
    "04": 3,
    "05": 4,
    "07": 4,
    "08": 2,
    "09": 1,
    "10": 1,
    "11": 1,
    "12": 5,
    "13": 5,
    "14": 6,
    "15": 7,
    "16": 15,
    "17": 3,
}

# A small bilingual skill vocabulary per NOC broad category (first digit of the code).
SKILLS: dict[str, list[tuple[str, str]]] = {
    "0": [
        ("gestion d'équipe", "team management"),
        ("planification stratégique", "strategic planning"),
        ("gestion budgétaire", "budget management"),
        ("leadership", "leadership"),
        ("relations avec les partenaires", "stakeholder relations"),
    ],
    "1": [
        ("comptabilité", "accounting"),
        ("Excel", "Excel"),
        ("service à la clientèle", "customer service"),
        ("gestion de la paie", "payroll"),
        ("rédaction administrative", "business writing"),
        ("tenue de livres", "bookkeeping"),
        ("gestion de projet", "project management"),
    ],
    "2": [
        ("AutoCAD", "AutoCAD"),
        ("programmation Python", "Python programming"),
        ("analyse de données", "data analysis"),
        ("développement Web", "web development"),
        ("réseautique", "networking"),
        ("automatisation industrielle", "industrial automation"),
        ("gestion de projet", "project management"),
    ],
    "3": [
        ("soins aux patients", "patient care"),
        ("prise des signes vitaux", "vital signs monitoring"),
        ("administration des médicaments", "medication administration"),
        ("prévention des infections", "infection control"),
        ("RCR", "CPR"),
        ("soins palliatifs", "palliative care"),
    ],
    "4": [
        ("intervention psychosociale", "psychosocial intervention"),
        ("animation de groupe", "group facilitation"),
        ("enseignement", "teaching"),
        ("médiation", "mediation"),
        ("relation d'aide", "counselling"),
        ("rédaction de rapports", "report writing"),
    ],
    "5": [
        ("graphisme", "graphic design"),
        ("montage vidéo", "video editing"),
        ("photographie", "photography"),
        ("animation d'activités", "activity leadership"),
        ("entraînement sportif", "sports coaching"),
    ],
    "6": [
        ("service à la clientèle", "customer service"),
        ("vente", "sales"),
        ("caisse", "cash handling"),
        ("préparation des aliments", "food preparation"),
        ("hygiène et salubrité", "food safety"),
        ("entretien ménager", "housekeeping"),
        ("gestion des stocks", "inventory management"),
    ],
    "7": [
        ("soudage", "welding"),
        ("lecture de plans", "blueprint reading"),
        ("conduite de chariot élévateur", "forklift operation"),
        ("mécanique de véhicules lourds", "heavy vehicle mechanics"),
        ("électricité du bâtiment", "building electricity"),
        ("permis de conduire classe 1", "class 1 driver's licence"),
        ("menuiserie", "carpentry"),
    ],
    "8": [
        ("conduite de machinerie agricole", "farm machinery operation"),
        ("soins aux animaux", "animal care"),
        ("horticulture", "horticulture"),
        ("traite des vaches", "milking"),
        ("opération d'abatteuse", "harvester operation"),
        ("aménagement forestier", "forest management"),
    ],
    "9": [
        ("opération de machines", "machine operation"),
        ("contrôle de la qualité", "quality control"),
        ("assemblage", "assembly"),
        ("usinage CNC", "CNC machining"),
        ("cadenassage", "lockout/tagout"),
        ("transformation alimentaire", "food processing"),
    ],
}
GENERAL_SKILLS = [
    ("travail d'équipe", "teamwork"),
    ("santé et sécurité au travail", "occupational health and safety"),
    ("résolution de problèmes", "problem solving"),
    ("autonomie", "autonomy"),
]

SECTORS = {
    "0": ("Gestion", ["Groupe", "Conseil"]),
    "1": ("Services administratifs", ["Services", "Groupe", "Cabinet"]),
    "2": ("Technologies et génie", ["Technologies", "Génie", "Solutions"]),
    "3": ("Santé", ["Clinique", "Résidence", "Centre de santé"]),
    "4": ("Services sociaux et éducation", ["Centre", "Maison", "Regroupement"]),
    "5": ("Arts, culture et loisirs", ["Studio", "Festival", "Centre culturel"]),
    "6": ("Commerce et restauration", ["Restaurant", "Boulangerie", "Auberge", "Marché"]),
    "7": ("Construction et transport", ["Construction", "Transport", "Excavation", "Garage"]),
    "8": ("Agriculture et ressources naturelles", ["Ferme", "Scierie", "Serres", "Pêcheries"]),
    "9": ("Fabrication", ["Usinage", "Fromagerie", "Fabrication", "Meubles"]),
}
ORG_WORDS = ["Boréal", "du Fjord", "des Appalaches", "du Littoral", "de l'Estuaire", "du Lac"]
ORG_WORDS += ["des Cantons", "du Nord", "Horizon", "Laurentien", "des Îles", "Val-Nord"]
LEGAL_FORMS = [" inc.", " ltée", "", " coop", " s.e.n.c."]

QUEBEC_FIRST = ["Julie", "Marc", "Isabelle", "Patrick", "Nathalie", "Stéphane", "Caroline"]
QUEBEC_FIRST += ["Martin", "Geneviève", "Éric", "Mélanie", "Sébastien", "Annie", "François"]
QUEBEC_LAST = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie"]
QUEBEC_LAST += ["Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Simard"]
QUEBEC_CITIES = ["Montréal", "Laval", "Québec", "Longueuil", "Sherbrooke", "Gatineau"]


@dataclass(frozen=True)
class Origin:
    country: str
    timezone: str
    weight: int
    language: str  # "fr", "fr2" (French as a common second language), "en" or "other"
    cities: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


def _o(country, tz, weight, language, cities, first, last) -> Origin:
    split = lambda text: tuple(text.split(", "))  # noqa: E731
    return Origin(country, tz, weight, language, split(cities), split(first), split(last))


# Countries of origin typical of immigration to Québec, weighted roughly by recent admissions.
ORIGINS = (
    _o("France", "Europe/Paris", 10, "fr", "Paris, Lyon, Lille, Toulouse, Nantes",
       "Camille, Lucas, Léa, Hugo, Manon, Julien, Chloé, Mathieu",
       "Martin, Bernard, Dubois, Laurent, Moreau, Lefebvre, Girard, Fournier"),
    _o("Belgique", "Europe/Brussels", 2, "fr", "Bruxelles, Liège, Namur",
       "Louise, Arthur, Elise, Victor", "Peeters, Dupont, Lambert, Claes"),
    _o("Maroc", "Africa/Casablanca", 8, "fr2", "Casablanca, Rabat, Fès, Marrakech",
       "Youssef, Fatima Zahra, Mehdi, Salma, Omar, Imane, Hamza, Khadija",
       "El Amrani, Benjelloun, Alaoui, Bennani, Tazi, Idrissi, Chraibi"),
    _o("Algérie", "Africa/Algiers", 7, "fr2", "Alger, Oran, Constantine, Annaba",
       "Amine, Lina, Karim, Nesrine, Sofiane, Yasmine, Rachid",
       "Benali, Boudiaf, Haddad, Khelifi, Mansouri, Saadi"),
    _o("Tunisie", "Africa/Tunis", 5, "fr2", "Tunis, Sfax, Sousse",
       "Ahmed, Mariem, Skander, Nour, Wassim, Ines", "Ben Salah, Trabelsi, Gharbi, Jebali, Ayari"),
    _o("Cameroun", "Africa/Douala", 6, "fr", "Douala, Yaoundé, Bafoussam",
       "Arnaud, Brenda, Serge, Gaëlle, Franck, Nadège",
       "Nkoulou, Mbarga, Fotso, Tchakounte, Ngono, Ekotto"),
    _o("Côte d'Ivoire", "Africa/Abidjan", 5, "fr", "Abidjan, Bouaké, Yamoussoukro",
       "Koffi, Aya, Yao, Adjoua, Kouassi, Mariam", "Kouamé, Konan, Traoré, Bamba, Ouattara"),
    _o("Sénégal", "Africa/Dakar", 4, "fr", "Dakar, Thiès, Saint-Louis",
       "Mamadou, Awa, Cheikh, Fatou, Ousmane, Aminata", "Diop, Ndiaye, Fall, Sarr, Diallo, Sow"),
    _o("Guinée", "Africa/Conakry", 2, "fr", "Conakry, Kankan, Labé",
       "Alpha, Mariama, Ibrahima, Kadiatou", "Barry, Bah, Camara, Sylla"),
    _o("République démocratique du Congo", "Africa/Kinshasa", 3, "fr", "Kinshasa, Lubumbashi",
       "Patrick, Grâce, Jonathan, Merveille", "Mukendi, Kabila, Ilunga, Tshibangu"),
    _o("Haïti", "America/Port-au-Prince", 5, "fr", "Port-au-Prince, Cap-Haïtien, Jacmel",
       "Jean-Robert, Marie-Carmel, Wilner, Nadège, Ricardo, Fabienne",
       "Jean-Baptiste, Pierre, Joseph, Louis, Charles, Désir"),
    _o("Liban", "Asia/Beirut", 4, "fr2", "Beyrouth, Tripoli, Saïda",
       "Georges, Rita, Elie, Nour, Karim, Maya", "Khoury, Haddad, Nasr, Saad, Abboud, Frem"),
    _o("Colombie", "America/Bogota", 5, "other", "Bogotá, Medellín, Cali",
       "Andrés, Valentina, Santiago, Daniela, Camilo, Laura",
       "García, Rodríguez, Martínez, López, Gómez"),
    _o("Mexique", "America/Mexico_City", 5, "other", "Mexico, Guadalajara, Monterrey, Puebla",
       "José, Guadalupe, Luis, Fernanda, Diego, Mariana",
       "Hernández, González, Ramírez, Flores, Torres, Cruz"),
    _o("Brésil", "America/Sao_Paulo", 4, "other", "São Paulo, Rio de Janeiro, Belo Horizonte",
       "João, Ana, Pedro, Juliana, Gabriel, Beatriz", "Silva, Santos, Oliveira, Souza, Costa"),
    _o("Philippines", "Asia/Manila", 5, "en", "Manille, Cebu, Davao",
       "Maria, John Paul, Angelica, Mark, Kristine, Joshua",
       "Santos, Reyes, Cruz, Bautista, Dela Cruz"),
    _o("Inde", "Asia/Kolkata", 5, "en", "Mumbai, Delhi, Bangalore, Chennai",
       "Arjun, Priya, Rohan, Ananya, Vikram, Neha", "Sharma, Patel, Singh, Kumar, Reddy"),
    _o("Chine", "Asia/Shanghai", 3, "other", "Pékin, Shanghai, Canton",
       "Wei, Xiaoling, Jun, Mei, Hao", "Wang, Li, Zhang, Liu, Chen"),
    _o("Iran", "Asia/Tehran", 2, "other", "Téhéran, Ispahan, Chiraz",
       "Reza, Maryam, Ali, Sara, Amir", "Hosseini, Ahmadi, Karimi, Rezaei"),
    _o("Ukraine", "Europe/Kyiv", 2, "other", "Kyiv, Lviv, Odesa",
       "Olena, Andrii, Iryna, Dmytro", "Shevchenko, Kovalenko, Bondarenko, Melnyk"),
)  # fmt: skip
ORIGIN_WEIGHTS = [o.weight for o in ORIGINS]

# French (Québec scale) and English (CLB) level ranges by language background.
LEVELS = {"fr": ((7, 12), (0, 7)), "fr2": ((6, 11), (1, 8)), "en": ((0, 6), (7, 12))}
LEVELS["other"] = ((0, 8), (2, 9))

STATUS_IN_QUEBEC = (
    [WorkStatus.PERMANENT_RESIDENT, WorkStatus.OPEN_WORK_PERMIT],
    [WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT, WorkStatus.CITIZEN, WorkStatus.NONE],
    [40, 30, 15, 5, 10],
)
STATUS_ABROAD = (
    [WorkStatus.NONE, WorkStatus.OPEN_WORK_PERMIT, WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT],
    [75, 15, 10],
)


@dataclass
class ScaleReport:
    candidates_created: int = 0
    organisations_created: int = 0
    jobs_created: int = 0

    def __str__(self) -> str:
        return (
            f"{self.candidates_created} candidates, {self.organisations_created} organisations "
            f"(with their employer), {self.jobs_created} jobs created"
        )


@dataclass
class _Reference:
    occupations: list[Occupation]
    by_group: dict[str, list[Occupation]]
    towns: dict[str, list[tuple[int, str]]]  # region code -> [(municipality id, name)]
    regions: list[str]


def _load_reference() -> _Reference:
    occupations = list(db.session.execute(db.select(Occupation).order_by(Occupation.noc)).scalars())
    by_group: dict[str, list[Occupation]] = {}
    for occ in occupations:
        by_group.setdefault(occ.noc[0], []).append(occ)
    towns: dict[str, list[tuple[int, str]]] = {}
    rows = db.session.execute(
        db.select(Municipality.id, Municipality.name, Municipality.region_code).order_by(
            Municipality.region_code, Municipality.name
        )
    )
    for mid, name, region in rows:
        towns.setdefault(region, []).append((mid, name))
    regions = [code for code in REGION_WEIGHTS if towns.get(code)]
    return _Reference(occupations, by_group, towns, regions)


def seed_scale(candidates: int, jobs: int, seed: int = 2026) -> ScaleReport:
    """Add the missing generated candidates (up to `candidates`) and jobs (up to `jobs`)."""
    seed_reference()
    ref = _load_reference()
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for every generated account
    now = utcnow()
    report = ScaleReport()
    report.candidates_created = _seed_candidates(candidates, seed, ref, password_hash, now)
    organisations = -(-jobs // JOBS_PER_ORGANISATION)
    report.organisations_created = _seed_organisations(organisations, seed, ref, password_hash, now)
    report.jobs_created = _seed_jobs(jobs, seed, ref, now)
    db.session.flush()
    if report.candidates_created or report.jobs_created:
        analyze()  # the planner needs statistics on tables it has never seen filled
    current_app.logger.info("scale seeding (seed %s): %s", seed, report)
    return report


def _rng(seed: int, kind: str, n: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{n}")  # noqa: S311 - test data, not secrets


def _existing_numbers(column, prefix: str, suffix: str = "") -> set[int]:
    """Return the numbers n of the existing values prefix{n}suffix of a column."""
    values = db.session.execute(db.select(column).where(column.like(f"{prefix}%{suffix}")))
    numbers = set()
    for (value,) in values:
        middle = value[len(prefix) : len(value) - len(suffix)]
        if middle.isdigit():
            numbers.add(int(middle))
    return numbers


def _batches(numbers: list[int]):
    for start in range(0, len(numbers), BATCH):
        yield numbers[start : start + BATCH]


def _insert_returning_ids(table, rows: list[dict]) -> list[int]:
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.execute(stmt, rows).scalars())


# ---------------------------------------------------------------------------------------------
# Candidates


def _seed_candidates(
    total: int, seed: int, ref: _Reference, password_hash: str, now: datetime
) -> int:
    existing = _existing_numbers(User.email, "cand", "@" + SCALE_DOMAIN)
    missing = [n for n in range(1, total + 1) if n not in existing]
    for numbers in _batches(missing):
        people = [_candidate(n, seed, ref, now) for n in numbers]
        user_ids = _insert_returning_ids(
            User.__table__,
            [
                {
                    "email": CANDIDATE_EMAIL.format(n=n),
                    "password_hash": password_hash,
                    "full_name": p["full_name"],
                    "search_text": user_search_text(p["full_name"], CANDIDATE_EMAIL.format(n=n)),
                    "role": Role.CANDIDATE,
                    "locale": p["locale"],
                    "active": True,
                    "email_verified_at": now,
                    "privacy_consent_at": now,
                    "privacy_consent_version": PRIVACY_POLICY_VERSION,
                    "session_version": 1,
                    "created_at": now,
                }
                for n, p in zip(numbers, people, strict=True)
            ],
        )
        profile_ids = _insert_returning_ids(
            CandidateProfile.__table__,
            [
                {**p["profile"], "user_id": uid, "created_at": now, "updated_at": now}
                for uid, p in zip(user_ids, people, strict=True)
            ],
        )
        occupation_links, region_links = [], []
        for pid, p in zip(profile_ids, people, strict=True):
            occupation_links += [{"candidate_id": pid, "noc": noc} for noc in p["nocs"]]
            region_links += [{"candidate_id": pid, "region_code": r} for r in p["regions"]]
        db.session.execute(insert(candidate_occupations), occupation_links)
        if region_links:
            db.session.execute(insert(candidate_regions), region_links)
    return len(missing)


def _levels(rng: random.Random, language: str) -> tuple[int, int]:
    (f_low, f_high), (e_low, e_high) = LEVELS[language]
    return rng.randint(f_low, f_high), rng.randint(e_low, e_high)


def _candidate(n: int, seed: int, ref: _Reference, now: datetime) -> dict:
    """Draw candidate n: account name and locale, profile columns, occupations and regions."""
    rng = _rng(seed, "candidate", n)
    today = now.date()
    origin = rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0]
    french, english = _levels(rng, origin.language)
    writes_french = french >= 7 or (origin.language != "en" and french >= english)
    locale = "fr_CA" if writes_french else "en_CA"
    in_quebec = rng.random() < 0.35
    if in_quebec:
        statuses, weights = STATUS_IN_QUEBEC[0] + STATUS_IN_QUEBEC[1], STATUS_IN_QUEBEC[2]
    else:
        statuses, weights = STATUS_ABROAD
    first = ref.occupations[rng.randrange(len(ref.occupations))]
    group = ref.by_group[first.noc[0]]
    occupations = [first] + rng.sample(group, min(len(group), rng.choice((0, 0, 1, 2))))
    occupations = list({o.noc: o for o in occupations}.values())
    years = rng.choice((0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20))
    anywhere = rng.random() < 0.25
    regions = [] if anywhere else sorted(rng.sample(ref.regions, rng.randint(1, 4)))
    titles = [_occupation_title(rng, o, writes_french) for o in occupations]
    pool = SKILLS.get(first.noc[0], []) + GENERAL_SKILLS
    skills = [pair[0 if writes_french else 1] for pair in rng.sample(pool, rng.randint(3, 6))]
    staff_consent = rng.random() < 0.7
    return {
        "full_name": f"{rng.choice(origin.first_names)} {rng.choice(origin.last_names)}",
        "locale": locale,
        "nocs": [o.noc for o in occupations],
        "regions": regions,
        "profile": {
            "phone": f"+1 581 555 01{rng.randint(0, 99):02d}" if in_quebec else "",
            "country": "Canada" if in_quebec else origin.country,
            "city": rng.choice(QUEBEC_CITIES) if in_quebec else rng.choice(origin.cities),
            "timezone": "America/Montreal" if in_quebec else origin.timezone,
            "arrival_date": today - timedelta(days=rng.randint(30, 1500)) if in_quebec else None,
            "work_status": rng.choices(statuses, weights)[0],
            "french_level": french,
            "english_level": english,
            "education_level": rng.choice(list(EducationLevel)[1:]),
            "education_field": "",
            "credential_recognition": rng.choice(list(CredentialRecognition)),
            "experience_years": years,
            "desired_titles": titles,
            "skills": skills,
            "regions_anywhere": anywhere,
            "household": rng.choice(list(Household)),
            "children_count": rng.choice((0, 0, 0, 1, 2, 3)),
            "partner_occupation": "",
            "partner_skills": [],
            "availability_date": today + timedelta(days=rng.randint(0, 180)),
            "summary": _summary(titles[0], years, writes_french),
            # Synthetic people: most of them agreed to be reviewed, as real candidates do.
            "consent_staff_review_at": now if staff_consent else None,
            "consent_employer_display_at": now if staff_consent and rng.random() < 0.7 else None,
            "version": 1,
        },
    }


def _occupation_title(rng: random.Random, occupation: Occupation, french: bool) -> str:
    if not french:
        return occupation.title_en
    if occupation.title_fr_f and rng.random() < 0.5:
        return occupation.title_fr_f
    return occupation.title_fr


def _summary(title: str, years: int, french: bool) -> str:
    if french:
        return (
            f"{title}, {years} an(s) d'expérience. Je souhaite m'établir dans une région du "
            "Québec et y travailler à long terme."
        )
    return (
        f"{title} with {years} year(s) of experience, looking to settle and work for the long "
        "term in one of Québec's regions."
    )


# ---------------------------------------------------------------------------------------------
# Employers


def _organisation(k: int, seed: int, ref: _Reference) -> dict:
    """Draw organisation k: its region, town, sector (NOC broad category) and name."""
    rng = _rng(seed, "organisation", k)
    region = rng.choices(ref.regions, [REGION_WEIGHTS[c] for c in ref.regions])[0]
    municipality_id, town = rng.choice(ref.towns[region])
    group = rng.choice([g for g in SECTORS if g in ref.by_group])
    sector, prefixes = SECTORS[group]
    place = town if rng.random() < 0.5 else rng.choice(ORG_WORDS)
    return {
        "neq": f"{NEQ_PREFIX}{k:09d}",
        "name": f"{rng.choice(prefixes)} {place}{rng.choice(LEGAL_FORMS)}",
        "region_code": region,
        "municipality_id": municipality_id,
        "town": town,
        "group": group,
        "sector": sector,
        "size": rng.choices(list(OrganisationSize), [35, 40, 18, 7])[0],
        "owner": f"{rng.choice(QUEBEC_FIRST)} {rng.choice(QUEBEC_LAST)}",
    }


def _seed_organisations(
    total: int, seed: int, ref: _Reference, password_hash: str, now: datetime
) -> int:
    existing = _existing_numbers(EmployerOrganisation.neq, NEQ_PREFIX)
    missing = [k for k in range(1, total + 1) if k not in existing]
    for numbers in _batches(missing):
        orgs = [_organisation(k, seed, ref) for k in numbers]
        org_ids = _insert_returning_ids(
            EmployerOrganisation.__table__,
            [
                {
                    "name": o["name"],
                    "neq": o["neq"],
                    "region_code": o["region_code"],
                    "municipality_id": o["municipality_id"],
                    "sector": o["sector"],
                    "size": o["size"],
                    "description_fr": f"Entreprise de {o['town']} ({o['sector'].lower()}).",
                    "description_en": f"A business based in {o['town']}.",
                    "vetting_status": VettingStatus.APPROVED.value,
                    # Some organisations help with housing, so the board's filter has work to do.
                    "welcome_housing": o["sector"] < "M",
                    "version": 1,
                    "created_at": now,
                }
                for o in orgs
            ],
        )
        user_ids = _insert_returning_ids(
            User.__table__,
            [
                {
                    "email": EMPLOYER_EMAIL.format(n=k),
                    "password_hash": password_hash,
                    "full_name": o["owner"],
                    "search_text": user_search_text(o["owner"], EMPLOYER_EMAIL.format(n=k)),
                    "role": Role.EMPLOYER,
                    "locale": "fr_CA",
                    "active": True,
                    "email_verified_at": now,
                    "privacy_consent_at": now,
                    "privacy_consent_version": PRIVACY_POLICY_VERSION,
                    "session_version": 1,
                    "created_at": now,
                }
                for k, o in zip(numbers, orgs, strict=True)
            ],
        )
        db.session.execute(
            insert(EmployerMembership.__table__),
            [
                {
                    "user_id": uid,
                    "organisation_id": oid,
                    "role": MembershipRole.OWNER,
                    "status": MembershipStatus.ACTIVE,
                    "created_at": now,
                }
                for uid, oid in zip(user_ids, org_ids, strict=True)
            ],
        )
    return len(missing)


# ---------------------------------------------------------------------------------------------
# Jobs


def _seed_jobs(total: int, seed: int, ref: _Reference, now: datetime) -> int:
    existing = _existing_numbers(Job.external_id, JOB_ID_PREFIX)
    missing = [j for j in range(1, total + 1) if j not in existing]
    if not missing:
        return 0
    org_ids = dict(
        db.session.execute(
            db.select(EmployerOrganisation.neq, EmployerOrganisation.id).where(
                EmployerOrganisation.neq.like(f"{NEQ_PREFIX}%")
            )
        ).all()
    )
    created = 0
    for numbers in _batches(missing):
        rows = []
        for j in numbers:
            k = (j - 1) // JOBS_PER_ORGANISATION + 1
            org = _organisation(k, seed, ref)
            if org["neq"] not in org_ids:
                continue  # an organisation someone deleted: leave its jobs out
            rows.append(_job(j, seed, ref, org, org_ids[org["neq"]], now))
        if rows:
            db.session.execute(insert(Job.__table__), rows)
            created += len(rows)
    return created


def _job(j: int, seed: int, ref: _Reference, org: dict, org_id: int, now: datetime) -> dict:
    """Draw job j of an organisation: occupation, town of its region, requirements, pay."""
    rng = _rng(seed, "job", j)
    today = now.date()
    pool = ref.by_group[org["group"]] if rng.random() < 0.7 else ref.occupations
    occupation = rng.choice(pool)
    if rng.random() < 0.7:
        municipality_id, town = org["municipality_id"], org["town"]
    else:
        municipality_id, town = rng.choice(ref.towns[org["region_code"]])
    vocabulary = SKILLS.get(occupation.noc[0], []) + GENERAL_SKILLS
    picked = rng.sample(vocabulary, rng.randint(3, 5))
    french_skills = rng.random() < 0.85
    skills = [pair[0 if french_skills else 1] for pair in picked]
    hourly = occupation.noc[0] in "6789" or occupation.noc[1] in "45"
    if hourly:
        low = Decimal(rng.randint(1700, 3000)) / 100
        high = low + Decimal(rng.randint(100, 800)) / 100
    else:
        low = Decimal(rng.randrange(42000, 95000, 500))
        high = low + Decimal(rng.randrange(3000, 25000, 500))
    job_type = rng.choices(list(JobType), [70, 20, 10])[0]
    hours = Decimal(rng.choice((35, 37.5, 40)))
    hours_fr = str(hours).replace(".", ",")
    title_fr = _occupation_title(rng, occupation, french=True)[:200]
    title_en = occupation.title_en[:200]
    relocation = rng.random() < 0.4
    row = {
        "organisation_id": org_id,
        "external_id": f"{JOB_ID_PREFIX}{j:06d}",
        "title_fr": title_fr,
        "title_en": title_en,
        "noc": occupation.noc,
        "description_fr": (
            f"{org['name']} recrute à {town}. Poste {_JOB_TYPE_FR[job_type]} de {hours_fr} h "
            f"par semaine. Compétences recherchées : {', '.join(skills[:3])}."
            + (" Aide à la relocalisation offerte." if relocation else "")
        ),
        "description_en": (
            f"{org['name']} is hiring in {town}. {job_type.value.capitalize()} position, "
            f"{hours} hours a week." + (" Relocation help offered." if relocation else "")
        ),
        "skills_required": skills[:3],
        "skills_nice": skills[3:],
        "region_code": org["region_code"],
        "municipality_id": municipality_id,
        "french_level_min": rng.choice((0, 2, 4, 5, 5, 6, 6, 7, 8)),
        "english_level_min": rng.choice((0, 0, 0, 0, 3, 5, 7)),
        "experience_years_min": rng.choice((0, 0, 1, 2, 3, 5)),
        "education_min": rng.choice([None, *list(EducationLevel)[1:5]]),
        "work_permit_required": rng.random() < 0.9,
        "salary_min": low,
        "salary_max": high,
        "salary_unit": SalaryUnit.HOURLY if hourly else SalaryUnit.ANNUAL,
        "hours_per_week": hours,
        "job_type": job_type,
        "positions": rng.choice((1, 1, 1, 2, 3, 5)),
        "start_date": today + timedelta(days=rng.randint(14, 90)),
        "closing_date": today + timedelta(days=rng.randint(15, 120)),
        "relocation_help": relocation,
        "housing_help": rng.random() < 0.2,
        "status": JobStatus.PUBLISHED,
        "published_at": now - timedelta(days=rng.randint(0, 30)),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    # Bulk inserts skip the ORM's flush hook: the search words are written here.
    row["search_text"] = search_text(
        [row["title_fr"], row["title_en"]],
        row["skills_required"] + row["skills_nice"],
        org["name"],
        [row["description_fr"], row["description_en"]],
    )
    row["search_title"] = title_text([row["title_fr"], row["title_en"]])
    return row


_JOB_TYPE_FR = {
    JobType.PERMANENT: "permanent",
    JobType.TEMPORARY: "temporaire",
    JobType.SEASONAL: "saisonnier",
}
