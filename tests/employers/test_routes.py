"""Employer organisation membership: approval and per-object access."""

from app.blueprints.auth import services as auth_svc
from app.extensions import db
from app.models import MembershipStatus, Role
from tests.conftest import PASSWORD


def _employer(email, neq="1234567890", name="Scierie"):
    user = auth_svc.register_employer(
        email,
        PASSWORD,
        email.split("@")[0],
        "fr_CA",
        auth_svc.EmployerData(
            organisation_name=name, neq=neq, region_code="02", municipality_id=None
        ),
    )
    db.session.commit()
    return user


def test_owner_approves_a_colleague(client, auth, reference, outbox):
    owner = _employer("owner@a.example")
    newcomer = _employer("new@a.example")
    auth.login(owner)
    page = client.get("/employeurs/membres").get_data(as_text=True)
    assert "new" in page
    r = client.post(f"/employeurs/membres/{newcomer.membership.id}/approuver")
    assert r.status_code == 303
    db.session.refresh(newcomer.membership)
    assert newcomer.membership.status == MembershipStatus.ACTIVE
    assert outbox("new@a.example")[-1].subject.startswith("Vous pouvez maintenant")


def test_pending_member_cannot_see_members_page(client, auth, reference):
    _employer("owner@a.example")
    newcomer = _employer("new@a.example")
    auth.login(newcomer)
    assert client.get("/employeurs/membres").status_code == 404
    assert client.post(f"/employeurs/membres/{newcomer.membership.id}/approuver").status_code == 404


def test_other_organisation_request_is_404(client, auth, reference):
    _employer("owner@a.example", neq="1111111111")
    newcomer = _employer("new@a.example", neq="1111111111")
    stranger = _employer("boss@b.example", neq="2222222222")
    auth.login(stranger)
    assert client.post(f"/employeurs/membres/{newcomer.membership.id}/approuver").status_code == 404
    db.session.refresh(newcomer.membership)
    assert newcomer.membership.status == MembershipStatus.PENDING


def test_refuse_removes_the_request(client, auth, reference):
    owner = _employer("owner@a.example")
    newcomer = _employer("new@a.example")
    auth.login(owner)
    assert client.post(f"/employeurs/membres/{newcomer.membership.id}/refuser").status_code == 303
    db.session.refresh(newcomer)
    assert newcomer.membership is None


def test_members_page_is_for_employers_only(client, auth, make_user):
    auth.login(make_user(Role.CANDIDATE))
    assert client.get("/employeurs/membres").status_code == 403
