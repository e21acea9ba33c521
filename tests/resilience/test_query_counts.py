"""List pages run a fixed number of SQL statements, whatever the number of rows (no N+1)."""

from datetime import timedelta

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.funding import services as funding
from app.blueprints.matching import services as matching
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, ApplicationStatus, Municipality, PartnerOrganisation, Role
from tests.conftest import PASSWORD

# No list page may need more statements than this, with 1 row or with many.
BOUND = 30
GROWTH = 4


def _city(name: str, region: str) -> Municipality:
    return db.session.execute(
        db.select(Municipality).filter_by(name=name, region_code=region)
    ).scalar_one()


class World:
    """One of everything, and `grow()` adds one more row to every list."""

    def __init__(self, make_user, make_employer, make_job, make_candidate):
        self.make_candidate = make_candidate
        self.make_job = make_job
        self.make_user = make_user
        self.n = 0
        promis = db.session.execute(db.select(PartnerOrganisation).filter_by(code="promis")).one()
        self.staff = make_user(Role.STAFF)
        self.admin = make_user(Role.ADMIN)
        self.partner = make_user(Role.PARTNER, partner=promis[0])
        self.employer = make_employer(region="02")
        self.employer.organisation.municipality = _city("Saguenay", "02")
        self.job = make_job(self.employer.organisation, skills_required=["soudage"])
        self.viewer = make_candidate(
            email="viewer@example.org",
            desired_titles=["Soudeur"],
            skills=["soudage"],
            regions_anywhere=True,
        )
        self.origin = _city("Montréal", "06")
        funding.current_policy()
        db.session.commit()

    def grow(self) -> None:
        self.n += 1
        n = self.n
        extra = self.make_job(
            self.employer.organisation, title_fr=f"Soudeur {n}", skills_required=["soudage"]
        )
        user = self.make_candidate(
            email=f"grow{n}@example.org",
            desired_titles=["Soudeur"],
            skills=["soudage"],
            regions_anywhere=True,
        )
        profile = user.candidate_profile
        apply_to_job(profile, extra, "", program_today())  # waits in the pre-qualification queue
        application = apply_to_job(profile, self.job, "", program_today())
        transition_application(
            application, ApplicationStatus.PREQUALIFIED, self.staff, Actor.STAFF, note="ok"
        )
        # A second application goes as far as funding (interviewed) for the partner's lists.
        other = self.make_job(self.employer.organisation, title_fr=f"Cariste {n}")
        trip = apply_to_job(profile, other, "", program_today())
        for to, who, actor in (
            (ApplicationStatus.PREQUALIFIED, self.staff, Actor.STAFF),
            (ApplicationStatus.SHORTLISTED, self.employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEW_SCHEDULED, self.employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEWED, self.employer, Actor.EMPLOYER),
        ):
            transition_application(trip, to, who, actor, note="ok")
        depart = program_today() + timedelta(days=7)
        funding.submit_request(
            profile,
            trip,
            funding.TripData(
                depart_on=depart,
                return_on=depart + timedelta(days=1),
                origin_id=self.origin.id,
                mode=funding.TravelMode.CAR,
                nights=1,
                meal_days=2,
                note="",
            ),
            program_today(),
        )
        from app.audit import record_event
        from app.notify import notify

        notify(self.viewer, "invited_to_apply", "/postes", org="Org", job={"fr": "x", "en": "x"})
        record_event(self.admin, "account.viewed", "user", user.id)
        db.session.commit()
        matching._POOL_CACHE.clear()
        matching.recompute_job(self.job)
        matching.recompute_candidate(self.viewer.candidate_profile)
        db.session.commit()


PAGES = {
    "job board": ("viewer", lambda w: "/postes"),
    "jobs for me": ("viewer", lambda w: "/candidat/postes-pour-moi"),
    "notifications": ("viewer", lambda w: "/compte/notifications"),
    "employer pipeline": ("employer", lambda w: f"/employeurs/postes/{w.job.id}/candidats"),
    "employer matches": ("employer", lambda w: f"/employeurs/postes/{w.job.id}/correspondances"),
    "pre-qualification queue": ("staff", lambda w: "/programme/prequalification"),
    "partner funding queue": ("partner", lambda w: "/partenaires/demandes"),
    "partner case files": ("partner", lambda w: "/partenaires/dossiers"),
    "admin accounts": ("admin", lambda w: "/programme/admin/comptes"),
    "audit log": ("admin", lambda w: "/programme/admin/journal"),
}


@pytest.fixture
def world(app, make_user, make_employer, make_job, make_candidate):
    return World(make_user, make_employer, make_job, make_candidate)


@pytest.mark.parametrize("page", PAGES)
def test_list_page_statements_do_not_grow_with_rows(client, world, count_queries, page):
    who, path_of = PAGES[page]
    world.grow()
    client.post("/connexion", data={"email": getattr(world, who).email, "password": PASSWORD})
    path = path_of(world)

    def statements() -> tuple[list[str], int]:
        db.session.expire_all()  # each measure starts from a cold identity map
        client.get(path)  # warm per-process caches (vocabulary, pools) outside the count
        db.session.expire_all()
        with count_queries() as seen:
            r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        return list(seen), len(r.data)

    one, one_size = statements()
    for _ in range(GROWTH):
        world.grow()
    many, many_size = statements()
    assert many_size > one_size, "the page shows no more rows: the test would prove nothing"
    assert len(one) <= BOUND, "\n\n".join(one)
    assert len(many) == len(one), "\n\n".join(many)


FRAGMENT_PAGES = ("job board", "admin accounts")


@pytest.mark.parametrize("page", FRAGMENT_PAGES)
def test_a_fragment_runs_less_than_its_page_and_no_header_query(client, world, count_queries, page):
    who, path_of = PAGES[page]
    client.post("/connexion", data={"email": getattr(world, who).email, "password": PASSWORD})
    path = path_of(world)
    client.get(path)  # warm per-process caches

    def statements(headers: dict) -> list[str]:
        db.session.expire_all()
        with count_queries() as seen:
            r = client.get(path, headers=headers)
        assert r.status_code == 200
        return list(seen)

    full = statements({})
    fragment = statements({"HX-Request": "true"})
    assert any("notifications" in s for s in full)  # the header shows the unread count
    assert not any("notifications" in s for s in fragment), "\n\n".join(fragment)
    assert len(fragment) < len(full)


def test_the_session_and_its_user_are_read_in_one_statement(client, world, count_queries):
    client.post("/connexion", data={"email": world.viewer.email, "password": PASSWORD})
    client.get("/compte/notifications")
    db.session.expire_all()
    with count_queries() as seen:
        assert client.get("/compte/notifications").status_code == 200
    auth = [s for s in seen if "user_sessions" in s or s.lstrip().startswith("SELECT users.")]
    assert len(auth) == 1, "\n\n".join(auth)
    assert "JOIN users" in auth[0]
