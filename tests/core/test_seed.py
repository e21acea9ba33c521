"""Reference data and demo accounts."""

from app.extensions import db
from app.models import Municipality, Occupation, PartnerOrganisation, Region, Role, User
from app.seed import DEMO_ACCOUNTS, seed_demo, seed_reference
from tests.conftest import sign_in_demo


def test_reference_data_is_complete_and_idempotent(app):
    first = seed_reference()
    db.session.commit()
    assert first["regions"].created == 17
    second = seed_reference()
    assert all(r.created == 0 and r.updated == 0 for r in second.values())
    count = lambda m: db.session.execute(db.select(db.func.count()).select_from(m)).scalar_one()  # noqa: E731
    assert count(Region) == 17
    assert count(Municipality) >= 150
    assert count(Occupation) >= 150
    assert count(PartnerOrganisation) == 3


def test_every_region_outside_montreal_has_municipalities_and_one_partner(app, reference):
    regions = db.session.execute(db.select(Region)).scalars().all()
    partners = db.session.execute(db.select(PartnerOrganisation)).scalars().all()
    served = [r.code for p in partners for r in p.regions]
    assert sorted(served) == sorted(r.code for r in regions if r.code != "06")
    for region in regions:
        assert region.municipalities, region.code
        for m in region.municipalities:
            assert 44.9 < m.lat < 63 and -80 < m.lon < -57, m.name


def test_occupations_have_valid_codes_and_both_titles(app, reference):
    for occ in db.session.execute(db.select(Occupation)).scalars():
        assert len(occ.noc) == 5 and occ.noc.isdigit()
        assert occ.title_en and occ.title_fr
    pab = db.session.get(Occupation, "33102")
    assert "PAB" in pab.synonyms


def test_reseeding_keeps_admin_edits_to_partners(app, reference):
    alpa = db.session.execute(db.select(PartnerOrganisation).filter_by(code="alpa")).scalar_one()
    alpa.name = "ALPA (renamed by admin)"
    db.session.commit()
    seed_reference()
    db.session.commit()
    db.session.refresh(alpa)
    assert alpa.name == "ALPA (renamed by admin)"


def test_demo_accounts_of_every_role_can_sign_in(app, client):
    seed_demo()
    db.session.commit()
    seed_demo()
    db.session.commit()
    roles = {u.role for u in db.session.execute(db.select(User)).scalars()}
    assert roles == set(Role)
    for account in DEMO_ACCOUNTS:
        r = sign_in_demo(client, account.email)
        assert r.status_code == 303, account.email
        assert client.get("/tableau-de-bord").status_code == 200
        client.post("/deconnexion")


def test_cli_users_create(app, reference):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Ops@Example.org",
            "--name",
            "Ops",
            "--role",
            "staff",
            "--password",
            "a long password here",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.execute(db.select(User).filter_by(email="ops@example.org")).scalar_one()
    assert user.role == Role.STAFF and user.email_verified
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "p@example.org",
            "--name",
            "P",
            "--role",
            "partner",
            "--password",
            "a long password here",
            "--partner",
            "nope",
        ]
    )
    assert result.exit_code != 0 and "unknown partner" in result.output


def test_demo_fridays_one_held_one_taking_proposals(app):
    from app.blueprints.interviews.services import is_open
    from app.models import InterviewRequest, InterviewSession, InterviewSlot, RequestStatus

    seed_reference()
    seed_demo()
    seed_demo()  # idempotent
    db.session.commit()
    past, upcoming = db.session.execute(
        db.select(InterviewSession).order_by(InterviewSession.day)
    ).scalars()
    (held,) = db.session.execute(
        db.select(InterviewSlot).where(InterviewSlot.session_id == past.id)
    ).scalars()
    assert held.status.value == "held" and held.candidate_decision == held.employer_decision
    assert is_open(upcoming)
    pending = db.session.execute(
        db.select(InterviewRequest).where(InterviewRequest.session_id == upcoming.id)
    ).scalar_one()
    assert pending.status == RequestStatus.PROPOSED and pending.note
