"""A program year for the demo: employers, jobs, candidates and their applications, driven
through the portal's own services in time order (`flask seed demo` calls it).

The services stamp rows with the real clock (`app.models.base.utcnow` reads `datetime.now`, and
`app.clock` cannot be set back for them), so each step runs through the service and then dates
the rows it produced to the day the step happened in the story: a user's sign-up, an
organisation's vetting, a job's publication, each application and each of its events, the
check-ins planned at a hire. Notifications and audit entries keep the seeding time.

Deterministic (one fixed random seed) and idempotent: every account has a stable email, and a
second run finds the first employer's account and adds nothing.
"""

import random
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from app.extensions import db
from app.models import (
    Actor,
    Application,
    ApplicationStatus,
    DeclineReason,
    EducationLevel,
    Household,
    JobStatus,
    JobType,
    Municipality,
    OrganisationSize,
    PermitSupport,
    Role,
    VettingStatus,
    WorkStatus,
)
from app.models.reference import MONTREAL_REGION

SEED = 20_26
EMAIL_DOMAIN = "annee.maillage.example"
ORGANISATIONS = 40
JOBS = 150
CANDIDATES = 400


@dataclass
class YearReport:
    organisations: int = 0
    jobs: int = 0
    candidates: int = 0
    applications: int = 0
    hires: int = 0
    funding_requests: int = 0
    matches: int = 0

    def __str__(self) -> str:
        return (
            f"{self.organisations} organisations, {self.jobs} jobs, {self.candidates} candidates, "
            f"{self.applications} applications, {self.hires} hires, "
            f"{self.funding_requests} funding requests, {self.matches} matches"
        )


# Sectors regional employers hire in, with the NOC 2021 codes they hire most (all present in
# app/data/occupations.csv) and the titles of their postings.
SECTORS = {
    "food": (
        "Transformation alimentaire",
        "Food processing",
        ["Fromagerie {city}", "Viandes {family} inc.", "Boulangerie {family}"],
        ["94140", "94141", "75101"],
    ),
    "metal": (
        "Fabrication métallique",
        "Metal fabrication",
        ["Acier {family} inc.", "Usinage {city}", "Soudure {family} et fils"],
        ["72106", "94105", "72400"],
    ),
    "care": (
        "Santé et services sociaux",
        "Health and social services",
        ["Résidence Les Jardins de {city}", "Manoir {family}", "Soins à domicile {city}"],
        ["33102", "32101", "65310"],
    ),
    "transport": (
        "Transport et logistique",
        "Transport and logistics",
        ["Transport {family}", "Camionnage {city}", "Logistique {family}"],
        ["73300", "75101", "72410"],
    ),
    "construction": (
        "Construction",
        "Construction",
        ["Construction {family}", "Charpentes {city}", "Excavation {family}"],
        ["72310", "75110", "73400"],
    ),
    "farm": (
        "Agriculture",
        "Farming",
        ["Ferme {family}", "Serres {city}", "Vergers {family}"],
        ["85100", "84120", "85101"],
    ),
    "hospitality": (
        "Restauration et hébergement",
        "Food service and lodging",
        ["Auberge {city}", "Restaurant Chez {family}", "Hôtel du {city}"],
        ["63200", "65201", "65310"],
    ),
    "mining": (
        "Mines et métallurgie",
        "Mining and metallurgy",
        ["Métallurgie {city}", "Mines {family}", "Fonderie {family}"],
        ["94100", "95100", "72422"],
    ),
}

TITLES = {
    "94140": ("Opérateur ou opératrice de production alimentaire", "Food production operator"),
    "94141": ("Boucher industriel ou bouchère industrielle", "Industrial butcher"),
    "75101": ("Manutentionnaire", "Material handler"),
    "72106": ("Soudeur ou soudeuse", "Welder"),
    "94105": ("Opérateur ou opératrice de presse plieuse", "Press brake operator"),
    "72400": ("Mécanicien industriel ou mécanicienne industrielle", "Industrial mechanic"),
    "33102": ("Préposé ou préposée aux bénéficiaires", "Patient care attendant"),
    "32101": ("Infirmier auxiliaire ou infirmière auxiliaire", "Licensed practical nurse"),
    "65310": ("Préposé ou préposée à l’entretien ménager", "Housekeeping attendant"),
    "73300": ("Camionneur ou camionneuse classe 1", "Class 1 truck driver"),
    "72410": ("Mécanicien ou mécanicienne de véhicules lourds", "Heavy vehicle mechanic"),
    "72310": ("Charpentier-menuisier ou charpentière-menuisière", "Carpenter"),
    "75110": ("Manœuvre en construction", "Construction labourer"),
    "73400": ("Opérateur ou opératrice de machinerie lourde", "Heavy equipment operator"),
    "85100": ("Ouvrier ou ouvrière de ferme laitière", "Dairy farm worker"),
    "84120": (
        "Ouvrier agricole spécialisé ou ouvrière agricole spécialisée",
        "Farm machinery operator",
    ),
    "85101": ("Cueilleur ou cueilleuse", "Harvesting labourer"),
    "63200": ("Cuisinier ou cuisinière", "Cook"),
    "65201": ("Aide-cuisinier ou aide-cuisinière", "Kitchen helper"),
    "94100": ("Opérateur ou opératrice de four", "Furnace operator"),
    "95100": ("Manœuvre en métallurgie", "Metal processing labourer"),
    "72422": ("Électromécanicien ou électromécanicienne", "Electromechanic"),
}

SKILLS = {
    "94140": ["hygiène et salubrité", "conduite de ligne de production"],
    "94141": ["découpe de viande", "hygiène et salubrité"],
    "75101": ["chariot élévateur", "gestion d’inventaire"],
    "72106": ["soudure MIG", "lecture de plans"],
    "94105": ["presse plieuse", "lecture de plans"],
    "72400": ["mécanique industrielle", "hydraulique"],
    "33102": ["soins d'hygiène", "mobilisation des patients"],
    "32101": ["administration des médicaments", "soins de plaies"],
    "65310": ["entretien ménager", "produits de nettoyage"],
    "73300": ["permis classe 1", "ronde de sécurité"],
    "72410": ["diagnostic mécanique", "freins pneumatiques"],
    "72310": ["charpenterie", "lecture de plans"],
    "75110": ["travail en hauteur", "outillage"],
    "73400": ["pelle mécanique", "chargeuse"],
    "85100": ["traite", "soins aux animaux"],
    "84120": ["machinerie agricole", "soins aux animaux"],
    "85101": ["récolte", "travail en équipe"],
    "63200": ["cuisine", "hygiène et salubrité"],
    "65201": ["préparation des aliments", "plonge"],
    "94100": ["four industriel", "santé et sécurité"],
    "95100": ["manutention", "santé et sécurité"],
    "72422": ["électromécanique", "automates programmables"],
}

FAMILIES = [
    "Tremblay", "Gagnon", "Bouchard", "Côté", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
    "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier",
]  # fmt: skip

# Where candidates live: country, city, time zone, and first and last names used there.
ORIGINS = [
    ("Colombie", "Bogotá", "America/Bogota", "es"),
    ("Mexique", "Guadalajara", "America/Mexico_City", "es"),
    ("Pérou", "Lima", "America/Lima", "es"),
    ("Brésil", "Curitiba", "America/Sao_Paulo", "pt"),
    ("Maroc", "Casablanca", "Africa/Casablanca", "ar"),
    ("Algérie", "Oran", "Africa/Algiers", "ar"),
    ("Tunisie", "Sfax", "Africa/Tunis", "ar"),
    ("Sénégal", "Dakar", "Africa/Dakar", "wa"),
    ("Côte d’Ivoire", "Abidjan", "Africa/Abidjan", "wa"),
    ("Cameroun", "Yaoundé", "Africa/Douala", "wa"),
    ("France", "Lyon", "Europe/Paris", "fr"),
    ("Belgique", "Liège", "Europe/Brussels", "fr"),
    ("Philippines", "Cebu", "Asia/Manila", "ph"),
    ("Inde", "Pune", "Asia/Kolkata", "in"),
    ("Viêt Nam", "Hanoï", "Asia/Ho_Chi_Minh", "vn"),
    ("Canada", "Montréal", "America/Montreal", "qc"),
    ("Canada", "Laval", "America/Montreal", "qc"),
]
NAMES = {
    "es": (["Camila", "Andrés", "Valentina", "Santiago", "Luisa", "Diego"],
           ["García", "Rodríguez", "Martínez", "López", "Hernández", "Ramírez"]),
    "pt": (["Ana", "João", "Beatriz", "Lucas"], ["Silva", "Souza", "Oliveira", "Costa"]),
    "ar": (["Yasmine", "Karim", "Salma", "Mehdi", "Nadia", "Youssef"],
           ["Benali", "El Amrani", "Haddad", "Mansouri", "Bouzid", "Cherif"]),
    "wa": (["Aïssatou", "Moussa", "Fatou", "Ibrahima", "Mariam", "Koffi"],
           ["Diop", "Ndiaye", "Traoré", "Kouassi", "Mbarga", "Fofana"]),
    "fr": (["Camille", "Julien", "Manon", "Thomas", "Léa", "Antoine"],
           ["Martin", "Bernard", "Dubois", "Laurent", "Lefèvre", "Moreau"]),
    "ph": (["Maria", "Jose", "Angelica", "Mark"], ["Santos", "Reyes", "Cruz", "Bautista"]),
    "in": (["Priya", "Arjun", "Anjali", "Rahul"], ["Sharma", "Patel", "Iyer", "Nair"]),
    "vn": (["Linh", "Minh", "Thảo", "Huy"], ["Nguyễn", "Trần", "Lê", "Phạm"]),
    "qc": (["Samira", "Olivier", "Chloé", "Rachid", "Élodie", "Wilson"],
           ["Haddad", "Joseph", "Nguyen", "Saint-Louis", "Diallo", "Pierre"]),
}  # fmt: skip


@contextmanager
def _one_hash(password: str):
    """Hash the demo password once for the whole year (each hash costs a quarter of a second)."""
    from app.blueprints.auth import services as auth

    hashed = auth.hash_password(password)
    original = auth.hash_password
    auth.hash_password = lambda _password: hashed
    try:
        yield
    finally:
        auth.hash_password = original


def _at(day: date, hour: int = 10) -> datetime:
    """Noon-ish in Québec on that day, as the UTC instant the database stores."""
    from app.clock import PROGRAM_TZ

    return datetime.combine(day, time(hour), PROGRAM_TZ).astimezone(UTC)


def seed_program_year(password: str, scale: float = 1.0, today: date | None = None) -> YearReport:
    """Build a year of the program ending today around the demo accounts (`app.seed` makes them
    and the reference data first), every account with `password`; `scale` shrinks it, for
    tests; safe to rerun."""
    from app.blueprints.auth.services import find_user_by_email

    report = YearReport()
    if find_user_by_email(f"employeur-001@{EMAIL_DOMAIN}") is not None:
        return report
    from app.clock import today as program_today

    staff = find_user_by_email("personnel@demo.maillage.example")
    if staff is None:
        return report
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    today = today or program_today()
    start = today - timedelta(days=360)
    with _one_hash(password):
        orgs = _organisations(rng, staff, start, max(1, round(ORGANISATIONS * scale)), report)
        jobs = _jobs(rng, orgs, start, today, max(1, round(JOBS * scale)), report)
        candidates = _candidates(rng, start, today, max(1, round(CANDIDATES * scale)), report)
    _applications(rng, staff, jobs, candidates, today, report)
    _funding(rng, candidates, today, report)
    from app.blueprints.matching.services import recompute_all

    report.matches = recompute_all()
    db.session.flush()
    return report


def _organisations(rng, staff, start: date, count: int, report: YearReport) -> list:
    from app.blueprints.auth.services import EmployerData, register_employer
    from app.blueprints.employers.services import (
        OrganisationData,
        VettingData,
        update_organisation,
        vet_organisation,
    )
    from app.models import Commitment, Region

    regions = [
        r
        for r in db.session.execute(db.select(Region).order_by(Region.code)).scalars()
        if r.code != MONTREAL_REGION
    ]
    towns = {r.code: sorted(r.municipalities, key=lambda m: m.name) for r in regions}
    sectors = list(SECTORS)
    sizes = list(OrganisationSize)
    orgs = []
    for n in range(1, count + 1):
        region = regions[(n - 1) % len(regions)]
        town: Municipality = rng.choice(towns[region.code])
        key = sectors[(n - 1) % len(sectors)]
        sector_fr, sector_en, patterns, _nocs = SECTORS[key]
        family = rng.choice(FAMILIES)
        name = rng.choice(patterns).format(city=town.name, family=family)
        signed_up = start + timedelta(days=rng.randrange(0, 60))
        user = register_employer(
            f"employeur-{n:03d}@{EMAIL_DOMAIN}",
            "unused",  # every year account has the demo password (see _one_hash)
            f"{rng.choice(['Marie', 'Sylvain', 'Nathalie', 'Éric', 'Geneviève'])} {family}",
            "fr_CA" if n % 5 else "en_CA",
            EmployerData(
                organisation_name=name,
                neq=f"11790{n:05d}",
                region_code=region.code,
                municipality_id=town.id,
                phone=f"+1418555{n:04d}",
            ),
        )
        user.email_verified_at = user.created_at = _at(signed_up, 9)
        org = user.organisation
        founded = rng.randrange(1955, 2015)
        size = sizes[n % len(sizes)]
        commitments = {c for c in Commitment if rng.random() < 0.6} or {Commitment.FAMILY}
        update_organisation(
            org,
            OrganisationData(
                name=name,
                sector=sector_fr,
                region_code=region.code,
                municipality_id=town.id,
                size=size,
                description_fr=(
                    f"{name} est une entreprise de {town.name}, en {region.name_fr}, fondée en "
                    f"{founded} ({sector_fr.lower()}). Nous accueillons des personnes venues "
                    "d’ailleurs et les accompagnons dans leur installation en région."
                ),
                description_en=(
                    f"{name} is a {sector_en.lower()} business in {town.name}, "
                    f"{region.name_en}, founded in {founded}. We welcome people from abroad "
                    "and help them settle in the region."
                ),
                address=f"{rng.randrange(10, 2000)}, rue Principale",
                phone=f"+1418555{n:04d}",
                commitments=commitments,
            ),
            None,
        )
        vet_organisation(
            staff,
            org,
            VettingData(
                neq_found=True,
                outside_montreal=True,
                contact_reached=True,
                decision=VettingStatus.APPROVED,
                reason="",
            ),
        )
        org.created_at = _at(signed_up, 9)
        org.vetted_at = _at(signed_up + timedelta(days=rng.randrange(1, 5)), 14)
        org._year_sector = key  # not a column: which postings it makes, for the next step
        orgs.append(org)
        report.organisations += 1
    db.session.flush()
    return orgs


def _jobs(rng, orgs: list, start: date, today: date, count: int, report: YearReport) -> list:
    from app.blueprints.jobs.services import JobData, change_job_status, create_job

    jobs = []
    for n in range(count):
        org = orgs[n % len(orgs)]
        noc = rng.choice(SECTORS[org._year_sector][3])
        title_fr, title_en = TITLES[noc]
        english = n % 6 == 5  # a posting written for English speakers first
        vetted = org.vetted_at.astimezone(UTC).date()
        published_on = vetted + timedelta(days=rng.randrange(1, max(2, (today - vetted).days)))
        if n % 9 < 4:  # the board today: about 45% of the year's jobs were posted lately
            published_on = today - timedelta(days=rng.randrange(0, 40))
        published_on = min(max(published_on, vetted + timedelta(days=1)), today)
        closing = published_on + timedelta(days=rng.choice([30, 45, 60]))
        skills = SKILLS[noc]
        salary = Decimal(rng.randrange(19, 34))
        job = create_job(
            org,
            JobData(
                title_fr=title_fr,
                title_en=title_en,
                noc=noc,
                description_fr=(
                    f"{org.name} recrute\u00a0: {title_fr.lower()} à {org.municipality.name}. "
                    "Formation à l’embauche, horaire de jour, équipe accueillante."
                ),
                description_en=(
                    f"{org.name} is hiring: {title_en.lower()} in {org.municipality.name}. "
                    "Training on hire, day shifts, a welcoming team."
                ),
                skills_required=skills[:1],
                skills_nice=skills[1:],
                region_code=org.region_code,
                municipality_id=org.municipality_id,
                french_level_min=0 if english else rng.choice([4, 5, 6, 7, 8]),
                english_level_min=rng.choice([5, 6]) if english else 0,
                experience_years_min=rng.choice([0, 0, 1, 2, 3]),
                permit_support=rng.choice(list(PermitSupport)),
                salary_min=salary,
                salary_max=salary + rng.randrange(2, 8),
                hours_per_week=Decimal(rng.choice([35, 37.5, 40])),
                job_type=rng.choice(
                    [JobType.PERMANENT] * 4 + [JobType.SEASONAL, JobType.TEMPORARY]
                ),
                positions=rng.choice([1, 1, 2, 3]),
                closing_date=closing,
                relocation_help=org.welcome_relocation,
                housing_help=org.welcome_housing,
            ),
        )
        job.created_at = _at(published_on - timedelta(days=1))
        if n % 25 != 24:  # a few stay drafts
            change_job_status(job, JobStatus.PUBLISHED, published_on)
            job.published_at = _at(published_on, 11)
        job._year_published_on = published_on
        jobs.append(job)
        report.jobs += 1
    db.session.flush()
    return jobs


def _candidates(rng, start: date, today: date, count: int, report: YearReport) -> list:
    from app.blueprints.auth.services import _record_consent, create_user
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.models import Region

    nocs = list(TITLES)
    regions = [c for c in db.session.execute(db.select(Region.code)).scalars() if c != "06"]
    profiles = []
    for n in range(1, count + 1):
        country, city, tz, names = ORIGINS[(n * 7) % len(ORIGINS)]
        first, last = rng.choice(NAMES[names][0]), rng.choice(NAMES[names][1])
        signed_up = start + timedelta(days=rng.randrange(0, 340))
        locale = "en_CA" if names in ("ph", "in", "vn") or n % 7 == 0 else "fr_CA"
        user = create_user(
            f"candidat-{n:03d}@{EMAIL_DOMAIN}", "unused", f"{first} {last}", Role.CANDIDATE,
            locale, verified=True,
        )  # fmt: skip
        _record_consent(user)
        user.created_at = user.email_verified_at = user.privacy_consent_at = _at(signed_up, 8)
        in_quebec = country == "Canada"
        status = rng.choice(
            [WorkStatus.PERMANENT_RESIDENT, WorkStatus.OPEN_WORK_PERMIT,
             WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT]
            if in_quebec
            else [WorkStatus.NONE] * 4 + [WorkStatus.OPEN_WORK_PERMIT]
        )  # fmt: skip
        expiry = None
        if status in (WorkStatus.OPEN_WORK_PERMIT, WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT):
            expiry = signed_up + timedelta(days=rng.randrange(20, 900))  # some expired since
        household = rng.choice(list(Household))
        noc = rng.choice(nocs)
        french = rng.choice([3, 5, 7, 9, 11, 12]) if names not in ("fr", "qc") else 12
        english = rng.choice([2, 4, 6, 8, 10])
        profile = get_profile(user)
        update_profile(
            profile,
            ProfileData(
                country=country,
                city=city,
                timezone=tz,
                work_status=status,
                permit_expiry=expiry,
                permit_employer_name="Entreprise précédente inc."
                if status == WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT
                else "",
                permit_employer_neq="1170000999"
                if status == WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT
                else "",
                french_level=french,
                english_level=english,
                education_level=rng.choice(list(EducationLevel)),
                experience_years=rng.randrange(0, 16),
                occupation_codes=[noc],
                skills=list(SKILLS[noc]),
                region_codes=rng.sample(regions, rng.randrange(1, 4)),
                regions_anywhere=rng.random() < 0.3,
                household=household,
                children_count=rng.randrange(1, 4) if household == Household.FAMILY else 0,
                partner_occupation="Éducatrice" if household != Household.ALONE else "",
                partner_french_level=rng.choice([4, 8]) if household != Household.ALONE else None,
                availability_date=signed_up + timedelta(days=rng.randrange(30, 180)),
                summary=f"{TITLES[noc][0]} — {rng.randrange(1, 15)} ans d’expérience.",
            ),
            on=signed_up,
        )
        set_consents(profile, True, rng.random() < 0.7)
        profile._year_signed_up = signed_up
        profiles.append(profile)
        report.candidates += 1
    db.session.flush()
    return profiles


def _applications(rng, staff, jobs: list, profiles: list, today: date, report) -> None:
    """Candidates apply to the open jobs of their occupation; staff pre-qualify or decline,
    employers shortlist, decline or hire; hired candidates get their check-ins."""
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.employers.services import organisation_contact
    from app.blueprints.jobs.services import change_job_status
    from app.clock import add_months
    from app.models import CandidateReason

    by_noc: dict[str, list] = {}
    for profile in profiles:
        for occupation in profile.occupations:
            by_noc.setdefault(occupation.noc, []).append(profile)
    for job in jobs:
        if job.status != JobStatus.PUBLISHED:
            continue
        published_on = job._year_published_on
        pool = [p for p in by_noc.get(job.noc, []) if p._year_signed_up <= job.closing_date]
        rng.shuffle(pool)
        employer = organisation_contact(job.organisation)
        hired = 0
        for profile in pool[: rng.randrange(0, 7)]:
            day = max(published_on, profile._year_signed_up) + timedelta(days=rng.randrange(0, 10))
            if day > min(today, job.closing_date):
                continue
            application = apply_to_job(profile, job, "Je suis disponible rapidement.", day)
            report.applications += 1
            application.created_at = _at(day, 20)
            application.events[0].created_at = _at(day, 20)
            moves = _story(rng, day, today)
            for when, to, note in moves:
                who, actor = (
                    (staff, Actor.STAFF)
                    if to == ApplicationStatus.PREQUALIFIED
                    else ((employer, Actor.EMPLOYER))
                )
                kwargs = {"note": note}
                if to == ApplicationStatus.DECLINED:
                    if application.status == ApplicationStatus.SUBMITTED:
                        who, actor = staff, Actor.STAFF
                        kwargs["reason"] = rng.choice(
                            [DeclineReason.LANGUAGE, DeclineReason.WORK_PERMIT,
                             DeclineReason.PROFILE]
                        )  # fmt: skip
                    else:
                        kwargs["reason"] = rng.choice(
                            [DeclineReason.EXPERIENCE, DeclineReason.OTHER_CANDIDATE]
                        )
                if to == ApplicationStatus.WITHDRAWN:
                    who, actor = profile.user, Actor.CANDIDATE
                    kwargs["withdraw_reason"] = rng.choice(list(CandidateReason)[:-1])
                if to == ApplicationStatus.HIRED and hired >= job.positions:
                    break
                transition_application(application, to, who, actor, **kwargs)
                application.events[-1].created_at = _at(when, 15)
                if to == ApplicationStatus.HIRED:
                    hired += 1
                    report.hires += 1
                    _date_check_ins(application, when, add_months)
        if hired >= job.positions and job.status == JobStatus.PUBLISHED:
            change_job_status(job, JobStatus.FILLED, today)
        elif job.closing_date < today and rng.random() < 0.5:
            change_job_status(job, JobStatus.CLOSED, today)  # the others stay, expired
    db.session.flush()


def _story(rng, day: date, today: date) -> list[tuple[date, ApplicationStatus, str]]:
    """What becomes of one application, as dated moves (none later than today)."""
    S = ApplicationStatus
    roll = rng.random()
    plan: list[tuple[int, ApplicationStatus, str]]
    if roll < 0.15:
        plan = []
    elif roll < 0.30:
        plan = [(3, S.DECLINED, "Le niveau de français demandé n’est pas atteint.")]
    else:
        plan = [(4, S.PREQUALIFIED, "Profil qui correspond au poste et à la région.")]
        roll = rng.random()
        if roll < 0.2:
            plan.append((10, S.DECLINED, "Nous avons retenu une autre candidature."))
        elif roll < 0.3:
            plan.append((8, S.WITHDRAWN, ""))
        elif roll < 0.55:
            plan.append((9, S.SHORTLISTED, ""))
        else:
            plan += [(9, S.SHORTLISTED, ""), (20, S.INTERVIEWED, "Entrevue par visioconférence.")]
            if rng.random() < 0.6:
                plan += [(26, S.OFFER, ""), (33, S.HIRED, "")]
    moves, elapsed = [], 0
    for days, status, note in plan:
        elapsed = days
        when = day + timedelta(days=elapsed)
        if when > today:
            break
        moves.append((when, status, note))
    return moves


def _date_check_ins(application: Application, hired_on: date, add_months) -> None:
    """The service plans check-ins from the real today: date them from the day of the hire."""
    from app.models import CheckIn

    for check_in in db.session.execute(
        db.select(CheckIn).where(CheckIn.application_id == application.id)
    ).scalars():
        check_in.due_on = add_months(hired_on, check_in.months)


RECEIPT = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
# What the partner does with each request, in turn: every state of the workflow appears.
FUNDING_OUTCOMES = (
    "paid", "approved", "submitted", "paid", "under_review", "receipts", "needs_info", "rejected",
    "paid", "cancelled",
)  # fmt: skip


def _funding(rng, profiles: list, today: date, report: YearReport) -> None:
    """After an interview, about half the candidates ask the region's partner to fund a visit;
    the partner's advisor reviews, asks, approves or refuses, and pays on the receipts."""
    import io

    from app.blueprints.funding import services as funding
    from app.models import TravelMode, User

    montreal = db.session.execute(
        db.select(Municipality).filter_by(name="Montréal", region_code=MONTREAL_REGION)
    ).scalar_one_or_none()
    if montreal is None:
        return
    advisors = {
        u.partner_organisation_id: u
        for u in db.session.execute(db.select(User).where(User.role == Role.PARTNER)).scalars()
    }
    year = {p.id for p in profiles}
    by_candidate: dict[int, list[Application]] = {}
    for application in db.session.execute(
        db.select(Application)
        .where(Application.status.in_(funding.AFTER_INTEREST))
        .order_by(Application.id)
    ).scalars():
        if application.candidate_id in year:
            by_candidate.setdefault(application.candidate_id, []).append(application)
    n = 0
    for profile in profiles:
        for application in by_candidate.get(profile.id, []):
            interviewed = next(
                (e for e in application.events if e.to_status == ApplicationStatus.INTERVIEWED),
                None,
            )
            if interviewed is None or application.status not in funding.AFTER_INTEREST:
                continue
            if rng.random() < 0.5:
                break
            asked_on = interviewed.created_at.astimezone(UTC).date() + timedelta(days=1)
            depart = asked_on + timedelta(days=rng.randrange(7, 15))
            try:
                req = funding.submit_request(
                    profile,
                    application,
                    funding.TripData(
                        depart_on=depart,
                        return_on=depart + timedelta(days=1),
                        origin_id=montreal.id,
                        mode=rng.choice([TravelMode.BUS, TravelMode.CAR, TravelMode.TRAIN]),
                        nights=1,
                        meal_days=2,
                        note="Je voudrais visiter l’entreprise et la région.",
                    ),
                    asked_on,
                )
            except funding.FundingError:
                break
            req.submitted_at = _at(asked_on, 19)
            report.funding_requests += 1
            outcome = FUNDING_OUTCOMES[n % len(FUNDING_OUTCOMES)]
            n += 1
            advisor = advisors.get(req.partner_id)
            if advisor is None:
                break
            decided = asked_on + timedelta(days=2)
            if outcome == "cancelled":
                funding.cancel(req, profile.user)
            elif outcome == "rejected":
                funding.start_review(req, advisor, None)
                funding.reject(req, advisor, "Le voyage précède l’entrevue.", None)
            elif outcome == "under_review":
                funding.start_review(req, advisor, None)
            elif outcome == "needs_info":
                funding.start_review(req, advisor, None)
                funding.ask_for_information(
                    req, advisor, ["Votre itinéraire, s’il vous plaît."], None
                )
            elif outcome != "submitted":
                funding.start_review(req, advisor, None)
                funding.approve(req, advisor, req.requested_cents, "", None)
                if outcome in ("paid", "receipts") and req.return_on < today:
                    funding.add_receipt(req, profile.user, io.BytesIO(RECEIPT), "recu.pdf", today)
                    if outcome == "paid":
                        paid_on = min(req.return_on + timedelta(days=5), today)
                        funding.mark_paid(
                            req, advisor, paid_on, req.approved_cents, f"VIR-{req.id:05d}", None
                        )
            if req.decided_at is not None:
                req.decided_at = _at(min(decided, today), 14)
            break  # one trip per candidate
    db.session.flush()
