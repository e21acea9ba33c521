"""Idempotent loaders for reference data and the demo accounts."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from app.blueprints.auth.services import create_user, find_user_by_email
from app.clock import today as program_today
from app.extensions import db
from app.media.vtt import demo_vtt
from app.models import (
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    Municipality,
    Occupation,
    OrganisationSize,
    PartnerOrganisation,
    Region,
    Role,
    User,
    VettingStatus,
)
from app.models.base import utcnow
from app.models.reference import MONTREAL_REGION

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "maillage-demo-2026"  # noqa: S105 - published demo password, dev data only


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _sync(model, key_of, rows: list[tuple[tuple, dict]], report: SeedReport) -> dict:
    """Insert missing rows and update changed ones, loading what exists in one query."""
    existing = {key_of(obj): obj for obj in db.session.execute(db.select(model)).scalars()}
    for key, values in rows:
        obj = existing.get(key)
        if obj is None:
            existing[key] = obj = model(**values)
            db.session.add(obj)
            report.created += 1
            continue
        changed = False
        for attr, value in values.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed = True
        report.updated += changed
    return existing


def seed_reference() -> dict[str, SeedReport]:
    """Load regions, municipalities, occupations and partner organisations; safe to rerun."""
    reports = {
        name: SeedReport() for name in ("regions", "municipalities", "occupations", "partners")
    }
    regions = _sync(
        Region,
        lambda r: r.code,
        [((row["code"]), dict(row)) for row in _rows("regions.csv")],
        reports["regions"],
    )
    db.session.flush()
    _sync(
        Municipality,
        lambda m: (m.name, m.region_code),
        [
            (
                (row["name"], row["region"]),
                {
                    "name": row["name"],
                    "region_code": row["region"],
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                },
            )
            for row in _rows("municipalities.csv")
        ],
        reports["municipalities"],
    )
    _sync(
        Occupation,
        lambda o: o.noc,
        [
            (
                row["noc"],
                {
                    "noc": row["noc"],
                    "title_en": row["title_en"],
                    "title_fr": row["title_fr"],
                    "title_fr_f": row.get("title_fr_f") or None,
                    "synonyms": row.get("synonyms") or "",
                },
            )
            for row in _rows("occupations.csv")
        ],
        reports["occupations"],
    )
    known = set(db.session.execute(db.select(PartnerOrganisation.code)).scalars())
    for item in json.loads((DATA_DIR / "partners.json").read_text(encoding="utf-8")):
        if item["code"] in known:
            # Admins edit partners in the portal; reseeding must not undo their changes.
            continue
        db.session.add(
            PartnerOrganisation(
                code=item["code"],
                name=item["name"],
                email=item.get("email", ""),
                phone=item.get("phone", ""),
                website=item.get("website", ""),
                description_fr=item.get("description_fr", ""),
                description_en=item.get("description_en", ""),
                regions=[regions[c] for c in item["regions"]],
            )
        )
        reports["partners"].created += 1
    db.session.flush()
    return reports


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role
    locale: str = "fr_CA"
    partner_code: str | None = None
    organisation: str = "fromagerie"  # an employer's key in DEMO_ORGANISATIONS


DEMO_ACCOUNTS = (
    DemoAccount("candidat@demo.maillage.example", "Amina Diallo", Role.CANDIDATE),
    DemoAccount("candidate@demo.maillage.example", "Carlos Mendoza", Role.CANDIDATE, "en_CA"),
    DemoAccount("employeur@demo.maillage.example", "Julie Tremblay", Role.EMPLOYER),
    DemoAccount(
        "attente@demo.maillage.example", "Patrick Poulin", Role.EMPLOYER, organisation="erabliere"
    ),
    DemoAccount(
        "promis@demo.maillage.example", "Karim Benali", Role.PARTNER, partner_code="promis"
    ),
    DemoAccount(
        "collectif@demo.maillage.example", "Sophie Gagnon", Role.PARTNER, partner_code="collectif"
    ),
    DemoAccount("alpa@demo.maillage.example", "Marc-André Roy", Role.PARTNER, partner_code="alpa"),
    DemoAccount("personnel@demo.maillage.example", "Isabelle Côté", Role.STAFF),
    DemoAccount("admin@demo.maillage.example", "Louis Bergeron", Role.ADMIN),
)

DEMO_EMPLOYER = {
    "name": "Fromagerie du Lac inc.",
    "neq": "1170000017",
    "region": "02",
    "city": "Alma",
}

# The demo organisations: one vetted, with a complete bilingual profile and its commitments, and
# one that has just signed up, so the staff's vetting queue is not empty.
DEMO_ORGANISATIONS = {
    "fromagerie": {
        **DEMO_EMPLOYER,
        "vetting_status": VettingStatus.APPROVED,
        "sector": "Transformation alimentaire",
        "size": OrganisationSize.SMALL,
        "address": "1250, avenue du Pont Nord",
        "phone": "+14185550142",
        "description_fr": (
            "Fromagerie familiale fondée en 1987 à Alma, au bord du lac Saint-Jean. Nos 35 "
            "personnes employées fabriquent des fromages fins vendus partout au Québec. Nous "
            "accueillons chaque année des personnes venues d’ailleurs et les aidons à s’installer."
        ),
        "description_en": (
            "A family cheese dairy founded in 1987 in Alma, on the shore of Lac Saint-Jean. Our "
            "35 employees make fine cheeses sold across Québec. Every year we welcome people "
            "from abroad and help them settle in."
        ),
        "welcome_housing": True,
        "welcome_francisation": True,
        "welcome_family": True,
    },
    "erabliere": {
        "name": "Érablière des Appalaches",
        "neq": "1170000025",
        "region": "12",
        "city": "Saint-Georges",
        "vetting_status": VettingStatus.PENDING,
        "sector": "Acériculture",
        "size": OrganisationSize.MICRO,
        "address": "480, rang Saint-Joseph",
        "phone": "+14185550187",
        "description_fr": "Érablière et boutique de produits de l’érable en Beauce.",
        "description_en": "A maple grove and maple products shop in the Beauce.",
        "welcome_relocation": True,
    },
}


def seed_demo(program_year: bool = False) -> list[User]:
    """Create the demo accounts of every role (password DEMO_PASSWORD); safe to rerun.

    With `program_year`, add a year of the program around them (`app.seed_year`): what
    `flask seed demo` builds; tests and benches keep the small set."""
    created = _seed_demo_accounts()
    _seed_demo_marketplace()
    _seed_demo_regions()
    _seed_demo_fridays()
    if program_year:
        from app.seed_year import seed_program_year

        seed_program_year(DEMO_PASSWORD)
    return created


def _seed_demo_fridays() -> None:
    """One past Friday session (Amina's interview held, both sides want to go on) and one open
    session taking proposals (Carlos proposed from the pipeline, with a note, to answer)."""
    import secrets
    from datetime import UTC, datetime, time, timedelta

    from app.blueprints.applications.services import transition_application
    from app.blueprints.interviews import services as friday
    from app.clock import PROGRAM_TZ
    from app.models import (
        Actor,
        Application,
        ApplicationStatus,
        InterviewRequest,
        InterviewSession,
        InterviewSlot,
        Job,
        RequestStatus,
        SessionStatus,
        SlotStatus,
    )

    if db.session.execute(db.select(InterviewSession.id)).first():
        return
    staff = find_user_by_email("personnel@demo.maillage.example")
    employer = find_user_by_email("employeur@demo.maillage.example")
    if staff is None or employer is None or employer.organisation is None:
        return
    org_jobs = db.select(Job.id).where(Job.organisation_id == employer.organisation.id)
    applications = {
        a.candidate.user.email: a
        for a in db.session.execute(
            db.select(Application).where(Application.job_id.in_(org_jobs))
        ).scalars()
        if a.candidate.user is not None
    }
    today = program_today()
    past_day = friday.next_friday(today) - timedelta(days=7)
    past = InterviewSession(
        day=past_day,
        start_time=time(9),
        end_time=time(12),
        registration_deadline=datetime.combine(past_day - timedelta(days=2), time(9), PROGRAM_TZ),
        status=SessionStatus.CLOSED,
        created_by_id=staff.id,
    )
    db.session.add(past)
    db.session.flush()
    amina = applications.get("candidat@demo.maillage.example")
    if amina is not None:
        starts = datetime.combine(past_day, time(9, 40), PROGRAM_TZ).astimezone(UTC)
        # Her story happened before that Friday: she signed up and applied weeks earlier, so the
        # indicators' delays (sign-up to first interview) stay true.
        signed_up = starts - timedelta(days=30)
        amina.candidate.user.created_at = min(amina.candidate.user.created_at, signed_up)
        amina.created_at = signed_up + timedelta(days=2)
        for n, event in enumerate(amina.events):
            event.created_at = min(
                signed_up + timedelta(days=3 + 3 * n), starts + timedelta(hours=1)
            )
        request = InterviewRequest(
            session=past,
            application=amina,
            job_id=amina.job_id,
            candidate_id=amina.candidate_id,
            proposed_by_id=employer.id,
            status=RequestStatus.ACCEPTED,
            note="Votre expérience auprès des aînés nous intéresse.",
            score=82,
        )
        db.session.add(request)
        db.session.add(
            InterviewSlot(
                session_id=past.id,
                request=request,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=15),
                status=SlotStatus.HELD,
                room=secrets.token_urlsafe(24),
                candidate_decision="continue",
                employer_decision="continue",
                employer_note="Très bon échange : visite du site à organiser.",
            )
        )
    upcoming = friday.create_session(
        staff,
        friday.SessionData(
            day=friday.next_friday(today) + timedelta(days=7), start_time=time(9), end_time=time(12)
        ),
    )
    carlos = applications.get("candidate@demo.maillage.example")
    if carlos is not None and carlos.status == ApplicationStatus.SUBMITTED:
        transition_application(
            carlos, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="Soudeur expérimenté."
        )
        transition_application(carlos, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER)
        friday.propose_candidates(
            employer,
            upcoming,
            [carlos.id],
            "Your MIG welding experience is exactly what our shop needs.",
        )
    db.session.flush()


DEMO_VIDEOS = [
    (
        "02",
        "organisation",
        "fr",
        "Bienvenue au Saguenay–Lac-Saint-Jean",
        "Welcome to Saguenay–Lac-Saint-Jean",
        [
            "Bonjour et bienvenue dans notre région.",
            "Notre organisme vous aide à vous installer.",
            "Nous vous accompagnons pour le logement et l'emploi.",
        ],
        [
            "Hello and welcome to our region.",
            "Our organisation helps you settle in.",
            "We support you with housing and work.",
        ],
    ),
    (
        "12",
        "region_tour",
        "fr",
        "Visite de la Beauce",
        "A tour of the Beauce",
        [
            "Voici le centre-ville de Saint-Georges.",
            "Les entreprises manufacturières recrutent.",
            "Les familles apprécient la qualité de vie.",
        ],
        [
            "This is downtown Saint-Georges.",
            "Manufacturers are hiring.",
            "Families enjoy the quality of life.",
        ],
    ),
]


def _seed_demo_regions() -> None:
    """Region descriptions, a local organisation, a testimonial and short demo videos (with ffmpeg)."""
    import tempfile

    from app.media.video import ffmpeg_available, make_demo_clip, make_poster
    from app.models import LocalOrganisation, Testimonial, Video, VideoKind, VideoStatus
    from app.storage import save_file

    saguenay = db.session.get(Region, "02")
    if saguenay is None or saguenay.description_fr:
        return
    saguenay.description_fr = "Fjord, lacs et forêts : une région industrielle et agricole qui accueille de plus en plus de familles immigrantes."
    saguenay.description_en = "Fjord, lakes and forests: an industrial and farming region that welcomes more and more immigrant families."
    db.session.add(
        LocalOrganisation(
            region_code="02",
            name="Portes ouvertes sur le Lac (démo)",
            services_fr="Accueil, logement, francisation.",
            services_en="Welcome, housing, French courses.",
            address="Alma (Québec)",
            phone="418 555-0142",
            website="https://example.org/portes-ouvertes",
        )
    )
    db.session.add(
        Testimonial(
            region_code="02",
            first_name="Mariana",
            country_of_origin="Colombie",
            country_of_origin_en="Colombia",
            occupation="Ingénieure",
            occupation_en="Engineer",
            arrival_year=2022,
            text_fr="Nous avons trouvé une communauté chaleureuse et un emploi à la hauteur de mes compétences.",
            text_en="We found a warm community and a job that matches my skills.",
            consent_recorded_at=utcnow(),
        )
    )
    if not ffmpeg_available():
        return
    for region, kind, language, title_fr, title_en, fr, en in DEMO_VIDEOS:
        with tempfile.TemporaryDirectory() as tmp:
            clip, poster = Path(tmp) / "demo.webm", Path(tmp) / "poster.jpg"
            if not make_demo_clip(clip, seconds=len(fr)):
                return
            video = Video(
                region_code=region,
                kind=VideoKind(kind),
                language=language,
                title_fr=title_fr,
                title_en=title_en,
                captions_fr=demo_vtt(fr),
                captions_en=demo_vtt(en),
                transcript_fr=" ".join(fr),
                transcript_en=" ".join(en),
                status=VideoStatus.PUBLISHED,
                published_at=utcnow(),
                file_mime="video/webm",
                description_fr=title_fr,
                description_en=title_en,
            )
            with clip.open("rb") as fh:
                video.file_key = save_file(fh, "webm")
            video.file_size = clip.stat().st_size
            if make_poster(clip, poster, at_seconds=0.5):
                with poster.open("rb") as fh:
                    video.poster_key, video.poster_mime = save_file(fh, "jpg"), "image/jpeg"
            db.session.add(video)


DEMO_JOBS = [
    dict(
        title_fr="Soudeur ou soudeuse MIG",
        title_en="MIG welder",
        noc="72106",
        description_fr="Soudure MIG de pièces d'acier pour nos équipements. Formation offerte.",
        description_en="MIG welding of steel parts for our equipment. Training provided.",
        skills_required=["soudure MIG", "lecture de plans"],
        skills_nice=["soudure TIG"],
        french_level_min=6,
        salary_min=24,
        salary_max=30,
    ),
    dict(
        title_fr="Préposé ou préposée aux bénéficiaires",
        title_en="Orderly (patient care attendant)",
        noc="33102",
        description_fr="Soins d'hygiène et accompagnement de nos aînés, quarts de jour.",
        description_en="Hygiene care and support for our seniors, day shifts.",
        skills_required=["soins d'hygiène", "mobilisation des patients"],
        french_level_min=8,
        salary_min=22,
        salary_max=27,
    ),
    dict(
        title_fr="Fromager ou fromagère",
        title_en="Cheese maker",
        noc="94140",
        description_fr="Fabrication de fromages fins au lait cru.",
        description_en="Fine raw-milk cheese making.",
        skills_required=["transformation alimentaire", "hygiène et salubrité"],
        french_level_min=5,
        salary_min=21,
        salary_max=25,
    ),
]


def _seed_demo_marketplace() -> None:
    """Give the demo employer open jobs and the demo candidates a profile and an application."""
    from datetime import timedelta
    from decimal import Decimal

    from app.blueprints.applications.services import apply_to_job
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.blueprints.jobs.services import JobData, change_job_status, create_job
    from app.models import Job, JobStatus, WorkStatus

    employer = find_user_by_email("employeur@demo.maillage.example")
    org = employer.organisation if employer else None
    if (
        org is None
        or db.session.execute(db.select(Job.id).where(Job.organisation_id == org.id)).first()
    ):
        return
    today = program_today()
    jobs = []
    for spec in DEMO_JOBS:
        if db.session.get(Occupation, spec["noc"]) is None:
            continue
        spec = {
            **spec,
            "salary_min": Decimal(spec["salary_min"]),
            "salary_max": Decimal(spec["salary_max"]),
        }
        job = create_job(
            org,
            JobData(
                region_code=org.region_code,
                municipality_id=org.municipality_id,
                closing_date=today + timedelta(days=45),
                **spec,
            ),
        )
        change_job_status(job, JobStatus.PUBLISHED, today)
        jobs.append(job)
    amina = find_user_by_email("candidat@demo.maillage.example")
    if amina is not None:
        update_profile(
            get_profile(amina),
            ProfileData(
                country="Cameroun",
                city="Douala",
                timezone="Africa/Douala",
                work_status=WorkStatus.NONE,
                french_level=11,
                english_level=6,
                occupation_codes=["33102"],
                skills=["soins d'hygiène", "accompagnement des aînés"],
                region_codes=["02", "04"],
            ),
        )
    if amina is not None and len(jobs) > 1:
        _seed_demo_funding(get_profile(amina), jobs[1], employer, today)
    carlos = find_user_by_email("candidate@demo.maillage.example")
    if carlos is not None and jobs:
        profile = get_profile(carlos)
        update_profile(
            profile,
            ProfileData(
                country="Colombia",
                city="Medellín",
                timezone="America/Bogota",
                work_status=WorkStatus.OPEN_WORK_PERMIT,
                french_level=6,
                english_level=9,
                occupation_codes=["72106"],
                skills=["MIG welding", "blueprint reading"],
                regions_anywhere=True,
                summary="Welder with seven years of experience in metal fabrication.",
            ),
        )
        set_consents(profile, True, False)
        apply_to_job(profile, jobs[0], "I can start in March.", today)
    db.session.flush()


def _seed_demo_funding(profile, job, employer: User, today) -> None:
    """Amina met the employer on a Friday; both want to go on, and she asks to fund her visit."""
    from datetime import timedelta

    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.funding.services import TripData, submit_request
    from app.models import Actor, ApplicationStatus, TravelMode

    staff = find_user_by_email("personnel@demo.maillage.example")
    montreal = db.session.execute(
        db.select(Municipality).filter_by(name="Montréal", region_code=MONTREAL_REGION)
    ).scalar_one_or_none()
    if staff is None or montreal is None:
        return
    application = apply_to_job(profile, job, "Disponible dès janvier.", today)
    for to, who, actor in (
        (ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF),
        (ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER),
        (ApplicationStatus.INTERVIEW_SCHEDULED, employer, Actor.EMPLOYER),
        (ApplicationStatus.INTERVIEWED, employer, Actor.EMPLOYER),
    ):
        transition_application(application, to, who, actor, note="Profil solide.")
    submit_request(
        profile,
        application,
        TripData(
            depart_on=today + timedelta(days=14),
            return_on=today + timedelta(days=15),
            origin_id=montreal.id,
            mode=TravelMode.BUS,
            nights=1,
            meal_days=2,
            note="Je voudrais visiter la fromagerie et la région.",
        ),
        today,
    )


# Demo only: the staff, partner and admin demo accounts use two-step verification with this
# published key (add it to an authenticator app, or see the README for a one-line command).
DEMO_TOTP_SECRET = "MAILLAGEDEMOSECRETTOTPKEY2345672"  # noqa: S105


def _seed_demo_accounts() -> list[User]:
    seed_reference()
    created = []
    for account in DEMO_ACCOUNTS:
        if find_user_by_email(account.email):
            continue
        partner = None
        if account.partner_code:
            partner = db.session.execute(
                db.select(PartnerOrganisation).filter_by(code=account.partner_code)
            ).scalar_one()
        user = create_user(
            account.email,
            DEMO_PASSWORD,
            account.full_name,
            account.role,
            account.locale,
            partner=partner,
            verified=True,
        )
        if account.role == Role.EMPLOYER:
            _attach_demo_employer(user, DEMO_ORGANISATIONS[account.organisation])
        if account.role in (Role.STAFF, Role.PARTNER, Role.ADMIN):
            user.totp_secret, user.totp_enabled_at = DEMO_TOTP_SECRET, utcnow()
        created.append(user)
    db.session.flush()
    return created


def _attach_demo_employer(user: User, spec: dict) -> None:
    org = db.session.execute(
        db.select(EmployerOrganisation).filter_by(neq=spec["neq"])
    ).scalar_one_or_none()
    if org is None:
        city = db.session.execute(
            db.select(Municipality).filter_by(name=spec["city"], region_code=spec["region"])
        ).scalar_one_or_none()
        org = EmployerOrganisation(
            region_code=spec["region"],
            municipality=city,
            **{k: v for k, v in spec.items() if k not in ("region", "city")},
        )
        db.session.add(org)
    db.session.add(
        EmployerMembership(
            user=user, organisation=org, role=MembershipRole.OWNER, status=MembershipStatus.ACTIVE
        )
    )
