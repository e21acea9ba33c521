"""Employer organisation membership: approval and per-object access."""

from app.blueprints.auth import services as auth_svc
from app.extensions import db
from app.models import MembershipRole, MembershipStatus, Role, VettingStatus
from tests.conftest import PASSWORD


def _employer(email, neq="1234567890", name="Scierie"):
    """Sign up an employer; a new organisation is approved at once, so colleagues can join it."""
    user = auth_svc.register_employer(
        email,
        PASSWORD,
        email.split("@")[0],
        "fr_CA",
        auth_svc.EmployerData(
            organisation_name=name, neq=neq, region_code="02", municipality_id=None
        ),
    )
    if user.membership.role == MembershipRole.OWNER:
        user.membership.organisation.vetting_status = VettingStatus.APPROVED
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


def test_organisation_profile_edit_and_logo(client, auth, make_employer, app, tmp_path):
    import io

    app.config["UPLOAD_DIR"] = str(tmp_path)
    employer = make_employer()
    org = employer.organisation
    auth.login(employer)
    assert client.get("/employeurs/organisation").status_code == 200
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    r = client.post(
        "/employeurs/organisation",
        data={
            "name": "Bleuetière du Lac",
            "sector": "Agroalimentaire",
            "region": "02",
            "size": "10-49",
            "description_fr": "Une entreprise familiale.",
            "version": str(org.version),
            "logo": (io.BytesIO(png), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 303
    db.session.refresh(org)
    assert org.name == "Bleuetière du Lac" and org.logo_mime == "image/png"
    with client.get(f"/employeurs/{org.id}/logo") as r:
        assert r.status_code == 200 and r.data == png


def test_organisation_profile_bad_input(client, auth, make_employer, app, tmp_path):
    import io

    app.config["UPLOAD_DIR"] = str(tmp_path)
    employer = make_employer()
    org = employer.organisation
    auth.login(employer)
    r = client.post(
        "/employeurs/organisation",
        data={
            "name": "Nom gardé",
            "region": "02",
            "version": str(org.version),
            "logo": (io.BytesIO(b"MZ" + b"\x00" * 200), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="Nom gardé"' in html and 'id="logo-error"' in html
    db.session.refresh(org)
    assert org.name != "Nom gardé"


def test_invite_colleague_who_creates_an_account(app, client, auth, make_employer, outbox):
    from tests.conftest import link_in

    employer = make_employer()
    auth.login(employer)
    r = client.post("/employeurs/membres/inviter", data={"email": "Collegue@Example.org"})
    assert r.status_code == 303
    path = link_in(outbox("collegue@example.org")[-1].body)
    newcomer = app.test_client()
    assert newcomer.get(path).status_code == 200
    r = newcomer.post(
        path, data={"full_name": "Paul", "password": "short", "password_confirm": "short"}
    )
    assert r.status_code == 200 and 'value="Paul"' in r.get_data(as_text=True)
    r = newcomer.post(
        path,
        data={
            "full_name": "Paul",
            "password": "a long password ok",
            "password_confirm": "a long password ok",
            "consent": "y",
        },
    )
    assert r.status_code == 303
    from app.models import User

    paul = db.session.execute(db.select(User).filter_by(email="collegue@example.org")).scalar_one()
    assert paul.organisation == employer.organisation and paul.email_verified
    assert newcomer.get(path).status_code == 303  # used


def test_invitation_for_someone_already_in_an_organisation(client, auth, make_employer):
    employer = make_employer()
    other = make_employer()
    auth.login(employer)
    r = client.post("/employeurs/membres/inviter", data={"email": other.email})
    assert r.status_code == 200 and 'id="email-error"' in r.get_data(as_text=True)


def test_forged_invitation_token(client):
    r = client.get("/employeurs/invitation/forged")
    assert r.status_code == 303
