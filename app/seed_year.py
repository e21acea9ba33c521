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
    Job,
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
    friday_sessions: int = 0
    interviews: int = 0
    check_ins_answered: int = 0
    videos: int = 0
    testimonials: int = 0
    logos: int = 0
    cvs: int = 0

    def __str__(self) -> str:
        return (
            f"{self.organisations} organisations, {self.jobs} jobs, {self.candidates} candidates, "
            f"{self.applications} applications, {self.hires} hires, "
            f"{self.funding_requests} funding requests, {self.matches} matches, "
            f"{self.friday_sessions} Friday sessions with {self.interviews} interviews, "
            f"{self.check_ins_answered} check-ins answered, {self.videos} videos, "
            f"{self.testimonials} testimonials, {self.logos} logos, {self.cvs} CVs"
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
    fridays = _friday_days(today)
    deferred = _applications(rng, staff, jobs, candidates, today, report, fridays)
    from app.blueprints.matching.services import recompute_all

    deferred += _demo_employer_story(staff, candidates, fridays, today, report)
    recompute_all()  # the matches employers propose from on Fridays
    _fridays(rng, staff, deferred, fridays, orgs, today, report)
    _funding(rng, candidates, today, report)
    _demo_candidate_story(today)
    _follow_up(rng, today, report)
    _regions(rng, staff, today, report)
    _logos_and_cvs(rng, orgs, candidates, report)
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


def _applications(
    rng, staff, jobs: list, profiles: list, today: date, report, fridays: list[date]
) -> list["_Deferred"]:
    """Candidates apply to the open jobs of their occupation; staff pre-qualify or decline,
    employers shortlist, decline or hire; hired candidates get their check-ins.

    An application shortlisted in time for one of the past Friday sessions stops there: its
    interview (and the offer and hire that may follow) happens at that Friday (`_fridays`)."""
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.employers.services import organisation_contact
    from app.blueprints.jobs.services import change_job_status
    from app.clock import add_months
    from app.models import CandidateReason

    by_noc: dict[str, list] = {}
    for profile in profiles:
        for occupation in profile.occupations:
            by_noc.setdefault(occupation.noc, []).append(profile)
    deferred: list[_Deferred] = []
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
            for index, (when, to, note) in enumerate(moves):
                if to == ApplicationStatus.INTERVIEWED:
                    friday = _friday_for(application, fridays)
                    if friday is not None:
                        rest = {status for _when, status, _note in moves[index:]}
                        deferred.append(_Deferred(application, employer, friday, rest))
                        break
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
    return deferred


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
# Counted per partner, so that each partner's queue holds a request waiting from the start.
FUNDING_OUTCOMES = (
    "submitted", "paid", "approved", "paid", "under_review", "receipts", "needs_info", "rejected",
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
    done: dict[int, int] = {}  # requests handled so far by each partner
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
            n = done.get(req.partner_id, 0)
            outcome = FUNDING_OUTCOMES[n % len(FUNDING_OUTCOMES)]
            done[req.partner_id] = n + 1
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


# ---------------------------------------------------------------- Friday sessions

PAST_FRIDAYS = 11  # with the small set's last Friday (Amina's interview): twelve past sessions


@dataclass
class _Deferred:
    """An application shortlisted for a past Friday: what its plan still held (interview,
    offer, hire) happens at that session."""

    application: Application
    employer: object
    friday: date
    rest: set


def _friday_days(today: date) -> list[date]:
    """The year's past Friday sessions, oldest first: the weeks before the small set's last
    Friday (which already holds Amina's interview)."""
    from app.blueprints.interviews.services import next_friday

    last = next_friday(today) - timedelta(days=7)
    return [last - timedelta(days=7 * k) for k in range(PAST_FRIDAYS, 0, -1)]


def _friday_for(application: Application, fridays: list[date]) -> date | None:
    """The first past session whose proposals open after the application was shortlisted."""
    shortlisted = next(
        (e for e in application.events if e.to_status == ApplicationStatus.SHORTLISTED), None
    )
    if shortlisted is None or shortlisted.created_at is None:
        return None
    on = shortlisted.created_at.astimezone(UTC).date()
    # Shortlisted long before the sessions began: met by video outside the Fridays.
    return next(
        (f for f in fridays if on + timedelta(days=10) <= f <= on + timedelta(days=31)), None
    )


@contextmanager
def _story_clock(moment: datetime):
    """Run the Friday services as on that instant of the story: they read the day (`today`)
    and the instant (`utcnow`) to check deadlines, and read them from their module."""
    from app.blueprints.interviews import services as friday
    from app.clock import PROGRAM_TZ

    saved = friday.today, friday.utcnow
    friday.today = lambda: moment.astimezone(PROGRAM_TZ).date()
    friday.utcnow = lambda: moment
    try:
        yield
    finally:
        friday.today, friday.utcnow = saved


def _date_events(application: Application, since: int, moment: datetime) -> None:
    for event in application.events[since:]:
        event.created_at = moment


def _fridays(
    rng, staff, deferred: list[_Deferred], fridays: list[date], orgs: list, today, report
) -> None:
    """Each past Friday in turn: staff open the session, employers propose their shortlisted
    applicants and a few of their matches, candidates accept or decline, the scheduler places
    the interviews and staff publish them; on the day, some do not show up, both sides say
    whether they go on, and offers and hires follow. Then the upcoming session takes
    proposals."""
    from app.blueprints.employers.services import organisation_contact
    from app.blueprints.interviews import services as friday

    employers = [organisation_contact(org) for org in orgs]
    by_day: dict[date, list[_Deferred]] = {}
    for item in deferred:
        by_day.setdefault(item.friday, []).append(item)
    for day in fridays:
        _one_friday(rng, staff, day, by_day.get(day, []), employers, today, report)
    upcoming = friday.next_open_session()
    if upcoming is not None:
        _upcoming_friday(rng, upcoming, today)
    db.session.flush()


def _one_friday(
    rng, staff, day: date, items: list[_Deferred], employers: list, today: date, report
) -> None:
    from app.blueprints.applications.services import transition_application
    from app.blueprints.interviews import services as friday
    from app.clock import add_months
    from app.models import CandidateReason, RequestStatus, SlotStatus, User

    opened = _at(day - timedelta(days=14), 9)
    with _story_clock(opened):
        session = friday.create_session(
            staff,
            friday.SessionData(day=day, start_time=time(9), end_time=time(12)),
        )
    session.created_at = opened
    # Employers propose their shortlisted applicants, up to the session's cap.
    plans: dict[int, _Deferred] = {}
    by_employer: dict[int, list[_Deferred]] = {}
    for item in items:
        by_employer.setdefault(item.employer.id, []).append(item)
    proposed_at = _at(day - timedelta(days=10), 11)
    requests = []
    with _story_clock(proposed_at):
        for group in by_employer.values():
            chosen = group[: session.max_per_employer - 1]
            made = friday.propose_candidates(
                group[0].employer,
                session,
                [i.application.id for i in chosen],
                rng.choice(FRIDAY_NOTES),
            )
            for request in made:
                plans[request.id] = next(i for i in chosen if i.application is request.application)
            requests += made
        requests += _match_proposals(rng, session, employers, 8)
    for request in requests:
        request.created_at = proposed_at
    # Candidates answer within a few days: most accept, some decline and say why, a few let
    # the proposal expire.
    for request in requests:
        roll = rng.random()
        if roll < 0.06 or request.candidate.user is None:
            continue
        answered = _at(day - timedelta(days=rng.randrange(4, 9)), 19)
        with _story_clock(answered):
            friday.respond_to_request(
                request.candidate,
                request.id,
                roll >= 0.16
                or (request.id in plans and ApplicationStatus.HIRED in plans[request.id].rest),
                rng.choice(list(CandidateReason)[:-1]),
            )
        if request.application is not None and request.status == RequestStatus.ACCEPTED:
            if request.id not in plans:  # from the matches: the application is created now
                _date_events(request.application, 0, answered)
                request.application.created_at = answered
                report.applications += 1
        request.responded_at = answered
    # After the deadline, staff run the scheduler and publish: both sides are told.
    published = _at(day - timedelta(days=2), 11)
    with _story_clock(published):
        before = {r.id: len(r.application.events) for r in requests if r.application}
        friday.run_scheduler(session)
        friday.publish_schedule(session, staff)
    for request in requests:
        if request.application is not None:
            _date_events(request.application, before[request.id], published)
    # On the day: attendance and each side's decision.
    after = _at(day, 13)
    slots = friday.session_slots(session)
    hired_by_job: dict[int, int] = {}
    for slot in slots:
        application = slot.request.application
        plan = plans.get(slot.request_id)
        rest = plan.rest if plan else set()
        count = len(application.events)
        roll = rng.random()
        if roll < 0.07 and ApplicationStatus.HIRED not in rest:
            friday.mark_attendance(slot, SlotStatus.NO_SHOW_CANDIDATE)
            continue
        if roll < 0.10 and ApplicationStatus.HIRED not in rest:
            friday.mark_attendance(slot, SlotStatus.NO_SHOW_EMPLOYER)
            continue
        going_on = ApplicationStatus.OFFER in rest or rng.random() < 0.5
        candidate = application.candidate.user
        employer = plan.employer if plan else db.session.get(User, slot.request.proposed_by_id)
        with _story_clock(after):
            if candidate is not None:
                friday.record_decision(
                    candidate,
                    slot,
                    "continue" if going_on or rng.random() < 0.6 else "stop",
                    "",
                    after,
                )
            friday.record_decision(
                employer,
                slot,
                "continue" if going_on else "stop",
                rng.choice(EMPLOYER_NOTES) if going_on else "Profil éloigné du poste.",
                after,
            )
        _date_events(application, count, after)
        if not going_on:
            if application.status == ApplicationStatus.INTERVIEW_SCHEDULED:
                count = len(application.events)
                transition_application(
                    application,
                    ApplicationStatus.DECLINED,
                    employer,
                    Actor.EMPLOYER,
                    reason=DeclineReason.OTHER_CANDIDATE,
                )
                _date_events(application, count, _at(day + timedelta(days=3), 15))
            continue
        if application.status != ApplicationStatus.INTERVIEWED:
            continue
        job = application.job
        for days, to in ((6, ApplicationStatus.OFFER), (13, ApplicationStatus.HIRED)):
            when = day + timedelta(days=days)
            if to not in rest or when > today:
                break
            if to == ApplicationStatus.HIRED:
                held = hired_by_job.setdefault(job.id, _hires(job))
                if held >= job.positions:
                    break
                hired_by_job[job.id] = held + 1
            count = len(application.events)
            transition_application(application, to, employer, Actor.EMPLOYER)
            _date_events(application, count, _at(when, 15))
            if to == ApplicationStatus.HIRED:
                report.hires += 1
                _date_check_ins(application, when, add_months)
                if hired_by_job[job.id] >= job.positions and job.status == JobStatus.PUBLISHED:
                    from app.blueprints.jobs.services import change_job_status

                    change_job_status(job, JobStatus.FILLED, today)
    report.friday_sessions += 1
    report.interviews += len(slots)
    db.session.flush()


def _hires(job) -> int:
    return db.session.execute(
        db.select(db.func.count(Application.id)).where(
            Application.job_id == job.id, Application.status == ApplicationStatus.HIRED
        )
    ).scalar_one()


def _match_proposals(rng, session, employers: list, count: int) -> list:
    """A few employers propose candidates from their matches (anonymous until they accept)."""
    from app.blueprints.interviews import services as friday
    from app.blueprints.interviews.services import SessionError
    from app.models import MatchResult

    made = []
    for employer in rng.sample(employers, min(count, len(employers))):
        org = employer.organisation
        row = db.session.execute(
            db.select(MatchResult)
            .join(Job, Job.id == MatchResult.job_id)
            .where(
                Job.organisation_id == org.id,
                ~db.exists().where(
                    Application.job_id == MatchResult.job_id,
                    Application.candidate_id == MatchResult.candidate_id,
                ),
            )
            .order_by(MatchResult.score.desc(), MatchResult.id)
            .offset(session.id % 3)
            .limit(1)
        ).scalar_one_or_none()
        if row is None:
            continue
        try:
            request = friday.propose_match(
                employer, session, row.job, row.candidate_id, rng.choice(FRIDAY_NOTES)
            )
        except SessionError:
            continue
        if request is not None:
            made.append(request)
    return made


def _upcoming_friday(rng, session, today: date) -> None:
    """The open session: employers have proposed some of their shortlisted applicants and of
    their matches; some candidates have already accepted, others have still to answer."""
    from app.blueprints.interviews import services as friday
    from app.models import EmployerOrganisation

    by_org: dict[int, list[Application]] = {}
    for application in db.session.execute(
        db.select(Application)
        .join(Job, Job.id == Application.job_id)
        .join(EmployerOrganisation, EmployerOrganisation.id == Job.organisation_id)
        .where(
            Application.status == ApplicationStatus.SHORTLISTED,
            EmployerOrganisation.neq.like("11790%"),
        )
        .order_by(Application.id)
    ).scalars():
        by_org.setdefault(application.job.organisation_id, []).append(application)
    from app.blueprints.employers.services import organisation_contact

    requests = []
    employers = []
    for org_id in sorted(by_org)[:8]:
        applications = by_org[org_id][:3]
        employer = organisation_contact(applications[0].job.organisation)
        employers.append(employer)
        requests += friday.propose_candidates(
            employer, session, [a.id for a in applications], rng.choice(FRIDAY_NOTES)
        )
    requests += _match_proposals(rng, session, employers, 4)
    for n, request in enumerate(requests):
        if n % 3 != 2 and request.candidate.user is not None:
            friday.respond_to_request(request.candidate, request.id, True)


FRIDAY_NOTES = [
    "Votre expérience correspond à ce que nous cherchons : parlons-en vendredi.",
    "Nous aimerions vous présenter l’équipe et le poste.",
    "Votre profil nous intéresse beaucoup.",
    "We would like to meet you on Friday.",
]
EMPLOYER_NOTES = [
    "Très bon échange : visite du site à organiser.",
    "Candidature solide, à revoir avec l’équipe.",
    "Bonne connaissance du métier.",
]


# ---------------------------------------------------------------- follow-up after hiring

CHECK_IN_COMMENTS = [
    "Tout va bien, l’équipe m’accueille bien.",
    "Nous avons trouvé un logement près de l’usine.",
    "Les enfants sont inscrits à l’école du quartier.",
    "Je commence les cours de francisation le soir.",
]
CASE_NOTES = [
    "Premier appel : arrivée prévue, logement temporaire trouvé avec l’employeur.",
    "Rencontre à l’arrivée : inscription à la francisation et à la RAMQ faite.",
    "Suivi téléphonique : l’intégration au travail se passe bien.",
]


def _follow_up(rng, today: date, report: YearReport) -> None:
    """The partner serving each hire's region takes the case file: an advisor is assigned and
    writes notes; most check-ins that came due were answered, by the person or the advisor."""
    from app.blueprints.followup import services as followup
    from app.models import CaseFile
    from app.partners import partner_advisors

    year = db.select(Application.candidate_id).where(Application.status == ApplicationStatus.HIRED)
    cases = db.session.execute(
        db.select(CaseFile).where(CaseFile.candidate_id.in_(year)).order_by(CaseFile.id)
    ).scalars()
    for case in cases:
        advisors = partner_advisors(case.partner_id)
        if not advisors:
            continue
        advisor = advisors[0]
        if case.advisor_id is None:
            followup.assign(case, advisor, advisor)
        check_ins = sorted(case.check_ins, key=lambda c: c.due_on)
        if not check_ins:
            continue
        hired_on = min(c.due_on for c in check_ins) - timedelta(days=28)
        case.created_at = _at(hired_on, 16)
        if not case.notes:
            for n, body in enumerate(CASE_NOTES[: rng.randrange(1, 4)]):
                when = hired_on + timedelta(days=3 + 20 * n)
                if when > today:
                    break
                note = followup.add_note(case, advisor, body)
                note.created_at = _at(when, 11)
        for check_in in check_ins:
            if check_in.due_on > today or check_in.answered_at is not None:
                continue
            if rng.random() < 0.25:
                continue  # not answered yet: the advisor's reminder list shows it
            by_candidate = rng.random() < 0.7 and case.candidate.user is not None
            followup.answer_check_in(
                check_in,
                case.candidate.user if by_candidate else advisor,
                rng.random() < 0.92,
                rng.random() < 0.95,
                rng.choice(CHECK_IN_COMMENTS),
            )
            check_in.answered_at = _at(
                min(check_in.due_on + timedelta(days=rng.randrange(0, 6)), today), 18
            )
            report.check_ins_answered += 1
    db.session.flush()


# ---------------------------------------------------------------- regions

REGION_TEXT = {
    "01": ("Le fleuve et les villages du Bas-Saint-Laurent : des PME qui recrutent.",
           "The river and villages of the Lower St. Lawrence: small businesses hiring."),
    "03": ("Québec et ses environs : la capitale, son patrimoine et des industries de pointe.",
           "Québec City and around: the capital, its heritage and leading industries."),
    "04": ("La Mauricie : rivières, forêts et une industrie manufacturière qui se renouvelle.",
           "Mauricie: rivers, forests and a manufacturing industry renewing itself."),
    "05": ("L’Estrie : lacs, montagnes et entreprises manufacturières à taille humaine.",
           "The Eastern Townships: lakes, mountains and human-sized manufacturers."),
    "07": ("L’Outaouais : à deux pas d’Ottawa, une région bilingue et en croissance.",
           "Outaouais: next to Ottawa, a bilingual and growing region."),
    "08": ("L’Abitibi-Témiscamingue : mines, forêts et une grande solidarité.",
           "Abitibi-Témiscamingue: mines, forests and strong solidarity."),
    "09": ("La Côte-Nord : le fleuve, les grands chantiers et des salaires attrayants.",
           "Côte-Nord: the river, major projects and attractive wages."),
    "10": ("Le Nord-du-Québec : de grands espaces, des mines et des communautés tissées serré.",
           "Nord-du-Québec: wide open spaces, mines and close-knit communities."),
    "11": ("La Gaspésie et les Îles : la mer, les pêches et un tourisme qui recrute chaque été.",
           "Gaspésie and the Islands: the sea, fisheries and tourism hiring every summer."),
    "12": ("Chaudière-Appalaches : la Beauce entrepreneuriale et ses manufacturiers.",
           "Chaudière-Appalaches: the entrepreneurial Beauce and its manufacturers."),
    "13": ("Laval : une grande ville aux portes de Montréal, riche en services.",
           "Laval: a large city at Montréal's doorstep, rich in services."),
    "14": ("Lanaudière : entre rivières et plaines agricoles, à une heure de Montréal.",
           "Lanaudière: rivers and farmland, an hour from Montréal."),
    "15": ("Les Laurentides : lacs, montagnes et entreprises touristiques et industrielles.",
           "The Laurentians: lakes, mountains, tourism and industry."),
    "16": ("La Montérégie : le jardin du Québec, ses fermes et ses usines.",
           "Montérégie: Québec's garden, its farms and factories."),
    "17": ("Le Centre-du-Québec : au cœur de la province, des PME dynamiques.",
           "Centre-du-Québec: in the heart of the province, dynamic small businesses."),
}  # fmt: skip
# A welcome organisation in each region (names in the style of the regions' real ones).
WELCOME = {
    "01": "Accueil Bas-Saint-Laurent", "02": "Portes ouvertes sur le Lac", "03": "Accueil Capitale",
    "04": "Mauricie Terre d’accueil", "05": "Estrie Accueil", "07": "Carrefour Outaouais",
    "08": "Accueil Abitibi", "09": "Côte-Nord Accueil", "10": "Nord Accueil",
    "11": "Gaspésie Accueil", "12": "Beauce Accueil", "13": "Laval Accueil",
    "14": "Lanaudière Accueil", "15": "Laurentides Accueil", "16": "Montérégie Accueil",
    "17": "Centre-du-Québec Accueil",
}  # fmt: skip
TESTIMONIALS = [
    ("Yasmine", "Maroc", "Morocco", "Préposée aux bénéficiaires", "Patient care attendant", "33102",
     "L’équipe m’a accueillie comme une famille, et mes enfants adorent l’hiver.",
     "The team welcomed me like family, and my children love the winter."),
    ("Andrés", "Colombie", "Colombia", "Soudeur", "Welder", "72106",
     "J’ai trouvé un emploi stable et un logement en moins d’un mois.",
     "I found a steady job and a home in less than a month."),
    ("Aïssatou", "Sénégal", "Senegal", "Cuisinière", "Cook", "63200",
     "La francisation au travail m’a beaucoup aidée.",
     "French lessons at work helped me a lot."),
    ("Minh", "Viêt Nam", "Viet Nam", "Opérateur de production", "Production operator", "94140",
     "La région est calme, les gens sont chaleureux.",
     "The region is quiet and people are warm."),
    ("Camille", "France", "France", "Infirmière auxiliaire", "Licensed practical nurse", "32101",
     "Mon conjoint a trouvé du travail grâce à l’organisme d’accueil.",
     "My partner found work through the welcome organisation."),
]  # fmt: skip
NO_TESTIMONIAL = {"10", "13", "06"}  # most regions have one: not these (nor Montréal)
VIDEO_REGIONS = ("01", "04", "05", "08", "09", "11", "14", "16", "17")


def _regions(rng, staff, today: date, report: YearReport) -> None:
    """Each region outside Montréal: a description, a welcome organisation, a consented
    testimonial for most, and a short captioned video for several (ffmpeg permitting)."""
    from app.blueprints.regions import media_services as media
    from app.models import LocalOrganisation, Region, Testimonial

    regions = [
        r
        for r in db.session.execute(db.select(Region).order_by(Region.code)).scalars()
        if r.code != MONTREAL_REGION
    ]
    for n, region in enumerate(regions):
        if not region.description_fr and region.code in REGION_TEXT:
            media.describe_region(region, *REGION_TEXT[region.code])
        has_org = db.session.execute(
            db.select(LocalOrganisation.id).filter_by(region_code=region.code)
        ).first()
        if not has_org:
            name = WELCOME[region.code]
            media.add_local_organisation(
                staff,
                region,
                media.LocalOrganisationData(
                    name=name,
                    services_fr="Accueil, aide au logement, francisation, emploi du conjoint.",
                    services_en="Welcome, housing help, French courses, partner's employment.",
                    address=f"{region.name_fr} (Québec)",
                    phone=f"+1819555{n:04d}",
                    website="https://example.org/" + region.slug,
                ),
            )
        has_testimonial = db.session.execute(
            db.select(Testimonial.id).filter_by(region_code=region.code)
        ).first()
        if not has_testimonial and region.code not in NO_TESTIMONIAL:
            first, country, _country_en, occupation, _occ_en, _noc, text_fr, text_en = TESTIMONIALS[
                n % len(TESTIMONIALS)
            ]
            media.add_testimonial(
                region=region,
                first_name=first,
                country=country,
                occupation=occupation,
                arrival_year=today.year - 1 - n % 4,
                text_fr=text_fr,
                text_en=text_en,
                consent=True,
            )
            report.testimonials += 1
    _videos(staff, {r.code: r for r in regions}, report)
    db.session.flush()


def _videos(staff, regions: dict, report: YearReport) -> None:
    """One 2-second clip and its poster, generated once, stored for each region's video."""
    import io
    import tempfile
    from pathlib import Path

    from app.blueprints.regions import media_services as media
    from app.media.video import ffmpeg_available, make_demo_clip, make_poster
    from app.media.vtt import demo_vtt
    from app.models import VideoKind, VideoStatus

    if not ffmpeg_available():
        return
    with tempfile.TemporaryDirectory() as tmp:
        clip, poster = Path(tmp) / "region.webm", Path(tmp) / "poster.jpg"
        if not make_demo_clip(clip, seconds=2) or not make_poster(clip, poster, at_seconds=0.5):
            return
        clip_bytes, poster_bytes = clip.read_bytes(), poster.read_bytes()
    for n, code in enumerate(VIDEO_REGIONS):
        region = regions.get(code)
        if region is None:
            continue
        _first, _c, _ce, occupation, occupation_en, noc, _fr, _en = TESTIMONIALS[
            n % len(TESTIMONIALS)
        ]
        kind = (VideoKind.REGION_TOUR, VideoKind.TESTIMONIAL, VideoKind.ORGANISATION)[n % 3]
        fr = [f"Bienvenue en {region.name_fr}.", f"{occupation} : un métier qui recrute ici."]
        en = [f"Welcome to {region.name_en}.", f"{occupation_en}: a trade hiring here."]
        video = media.save_video(
            staff,
            None,
            media.VideoData(
                region_code=code,
                kind=kind,
                language="fr",
                noc=noc,
                title_fr=f"Travailler en {region.name_fr}",
                title_en=f"Working in {region.name_en}",
                description_fr=f"Deux minutes pour découvrir {region.name_fr} et ses employeurs.",
                description_en=f"A short look at {region.name_en} and its employers.",
                transcript_fr=" ".join(fr),
                transcript_en=" ".join(en),
            ),
            file=io.BytesIO(clip_bytes),
            poster=io.BytesIO(poster_bytes),
            captions_fr=demo_vtt(fr).encode(),
            captions_en=demo_vtt(en).encode(),
        )
        media.change_video_status(video, VideoStatus.IN_REVIEW)
        media.change_video_status(video, VideoStatus.PUBLISHED)
        report.videos += 1


# ---------------------------------------------------------------- logos and CVs

# A 5×7 bitmap of each capital letter the organisations' initials use (and a few more).
_GLYPHS = {
    "A": "01110100011000111111100011000110001", "B": "11110100011000111110100011000111110",
    "C": "01110100011000010000100001000101110", "D": "11110100011000110001100011000111110",
    "E": "11111100001000011110100001000011111", "F": "11111100001000011110100001000010000",
    "G": "01110100011000010111100011000101111", "H": "10001100011000111111100011000110001",
    "I": "01110001000010000100001000010001110", "J": "00111000100001000010000101001001100",
    "K": "10001100101010011000101001001010001", "L": "10000100001000010000100001000011111",
    "M": "10001110111010110101100011000110001", "N": "10001110011010110011100011000110001",
    "O": "01110100011000110001100011000101110", "P": "11110100011000111110100001000010000",
    "Q": "01110100011000110001101011001001101", "R": "11110100011000111110101001001010001",
    "S": "01111100001000001110000010000111110", "T": "11111001000010000100001000010000100",
    "U": "10001100011000110001100011000101110", "V": "10001100011000110001100010101000100",
    "W": "10001100011000110101101011010101010", "X": "10001100010101000100010101000110001",
    "Y": "10001100010101000100001000010000100", "Z": "11111000010001000100010001000011111",
}  # fmt: skip
LOGO_COLOURS = [
    (0x1F, 0x4E, 0x79), (0x2E, 0x7D, 0x32), (0x8E, 0x24, 0xAA), (0xB7, 0x1C, 0x1C),
    (0x00, 0x69, 0x7C), (0xE6, 0x51, 0x00), (0x45, 0x5A, 0x64), (0x6D, 0x4C, 0x41),
]  # fmt: skip


def initials(name: str) -> str:
    """Two capital letters for a logo: the name's first two significant words."""
    import unicodedata

    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha() and len(w) > 2]
    letters = "".join(
        unicodedata.normalize("NFD", w[0])[0].upper() for w in words[:2] if w.lower() != "inc."
    )
    return "".join(c for c in letters if c in _GLYPHS)[:2] or "M"


def logo_png(text: str, colour: tuple[int, int, int], size: int = 96) -> bytes:
    """A square PNG: the initials in white on a coloured background (no imaging library)."""
    import struct
    import zlib

    scale = 6
    width = len(text) * 6 * scale - scale
    left, top = (size - width) // 2, (size - 7 * scale) // 2
    white = set()
    for i, letter in enumerate(text):
        bits = _GLYPHS[letter]
        for row in range(7):
            for col in range(5):
                if bits[row * 5 + col] == "1":
                    white.add((row, i * 6 + col))
    rows = bytearray()
    for y in range(size):
        rows.append(0)
        for x in range(size):
            cell = ((y - top) // scale, (x - left) // scale)
            inside = 0 <= y - top < 7 * scale and 0 <= x - left < width
            rows += bytes((255, 255, 255) if inside and cell in white else colour)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def cv_pdf(lines: list[str]) -> bytes:
    """A one-page PDF CV with the lines in Helvetica (Latin-1 text, no PDF library)."""
    text = ["BT", "/F1 16 Tf", "60 770 Td", "22 TL"]
    for n, line in enumerate(lines):
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        safe = safe.replace("’", "'").replace("—", "-").replace("\u00a0", " ")
        if n == 1:
            text.append("/F1 11 Tf 16 TL")
        text.append(f"({safe}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _logos_and_cvs(rng, orgs: list, profiles: list, report: YearReport) -> None:
    """Each organisation uploads a logo (its initials), about half the candidates a CV."""
    import io

    from app.blueprints.candidates.services import store_cv
    from app.blueprints.employers.services import store_logo

    for n, org in enumerate(orgs):
        if org.logo_key is None:
            store_logo(org, io.BytesIO(logo_png(initials(org.name), LOGO_COLOURS[n % 8])))
            report.logos += 1
    for profile in profiles[::2]:
        if profile.cv_key is not None or profile.user is None:
            continue
        noc = profile.occupations[0].noc if profile.occupations else None
        title = TITLES.get(noc, ("", ""))[0]
        lines = [
            profile.user.full_name,
            f"{title} - {profile.experience_years or 0} ans d'expérience",
            f"{profile.city}, {profile.country}",
            "Compétences : " + ", ".join(profile.skills or []),
            f"Français : niveau {profile.french_level} ; anglais : niveau {profile.english_level}",
        ]
        name = profile.user.full_name.split()[-1].lower()
        store_cv(profile, io.BytesIO(cv_pdf(lines)), f"cv-{name}.pdf")
        report.cvs += 1
    db.session.flush()


# ---------------------------------------------------------------- the named accounts


def _demo_employer_story(staff, profiles: list, fridays: list[date], today: date, report):
    """The demo employer's cheese-maker posting has been open for weeks: a candidate of the
    year applied, was pre-qualified and shortlisted, and is met on a past Friday (then hired,
    see `_one_friday`)."""
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.auth.services import find_user_by_email

    employer = find_user_by_email("employeur@demo.maillage.example")
    if employer is None or employer.organisation is None or not fridays:
        return []
    job = db.session.execute(
        db.select(Job).where(Job.organisation_id == employer.organisation.id, Job.noc == "94140")
    ).scalar_one_or_none()
    fit = [
        p for p in profiles if any(o.noc == "94140" for o in p.occupations) and p.french_level >= 7
    ]
    if job is None or not fit or job.status != JobStatus.PUBLISHED:
        return []
    friday = fridays[-4]
    applied_on = friday - timedelta(days=20)
    job.created_at = _at(applied_on - timedelta(days=6))
    job.published_at = _at(applied_on - timedelta(days=5), 11)
    application = apply_to_job(fit[0], job, "Je travaille en fromagerie depuis six ans.", today)
    application.created_at = application.events[0].created_at = _at(applied_on, 20)
    report.applications += 1
    for days, to, who, actor, note in (
        (2, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, "Expérience en fromagerie."),
        (5, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER, ""),
    ):
        transition_application(application, to, who, actor, note=note)
        application.events[-1].created_at = _at(applied_on + timedelta(days=days), 15)
    rest = {ApplicationStatus.INTERVIEWED, ApplicationStatus.OFFER, ApplicationStatus.HIRED}
    return [_Deferred(application, employer, friday, rest)]


def _demo_candidate_story(today: date) -> None:
    """PROMIS approves the trip Amina asked for after her Friday interview: it is funded."""
    from app.blueprints.auth.services import find_user_by_email
    from app.blueprints.funding import services as funding
    from app.models import CandidateProfile, FundingRequest, FundingStatus
    from app.partners import partner_advisors

    amina = find_user_by_email("candidat@demo.maillage.example")
    if amina is None:
        return
    req = db.session.execute(
        db.select(FundingRequest)
        .join(CandidateProfile, CandidateProfile.id == FundingRequest.candidate_id)
        .where(
            CandidateProfile.user_id == amina.id, FundingRequest.status == FundingStatus.SUBMITTED
        )
    ).scalar_one_or_none()
    advisors = partner_advisors(req.partner_id) if req is not None else []
    if req is None or not advisors:
        return
    funding.start_review(req, advisors[0], None)
    funding.approve(req, advisors[0], req.requested_cents, "", None)
