"""Administration: role checks, account creation, partner organisations."""

import pytest

from app.extensions import db
from app.models import PartnerOrganisation, Role, User
from tests.conftest import link_in

ADMIN_PAGES = [
    "/programme/admin/comptes",
    "/programme/admin/comptes/nouveau",
    "/programme/admin/partenaires",
]


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER, Role.STAFF])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_refuse_other_roles(client, auth, make_user, reference, role, path):
    auth.login(make_user(role))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_need_sign_in(client, path):
    r = client.get(path)
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]


def test_admin_creates_partner_account_which_sets_its_password(
    app, client, auth, make_user, reference, outbox
):
    auth.login(make_user(Role.ADMIN))
    promis = db.session.execute(
        db.select(PartnerOrganisation).filter_by(code="promis")
    ).scalar_one()
    r = client.post(
        "/programme/admin/comptes/nouveau",
        data={
            "full_name": "Nadia Conseillère",
            "email": "nadia@promis.example",
            "role": "partner",
            "partner": str(promis.id),
            "locale": "en_CA",
        },
    )
    assert r.status_code == 303
    user = db.session.execute(db.select(User).filter_by(email="nadia@promis.example")).scalar_one()
    assert user.role == Role.PARTNER and user.partner_organisation == promis
    mail = outbox(user.email)[-1]
    assert mail.subject == "Your Maillage account is ready"
    other = app.test_client()
    path = link_in(mail.body)
    assert (
        other.post(
            path,
            data={"password": "nadia's long password", "password_confirm": "nadia's long password"},
        ).status_code
        == 303
    )
    assert (
        other.post(
            "/connexion", data={"email": user.email, "password": "nadia's long password"}
        ).status_code
        == 303
    )


def test_partner_account_needs_an_organisation(client, auth, make_user, reference, lang, lclient):
    admin = make_user(Role.ADMIN, locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": admin.email, "password": "correct horse battery"})
    r = lclient.post(
        "/programme/admin/comptes/nouveau",
        data={
            "full_name": "Nadia",
            "email": "nadia@promis.example",
            "role": "partner",
            "partner": "",
            "locale": "fr_CA",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="Nadia"' in html
    assert ("organisme" in html) if lang == "fr" else ("Choose the organization" in html)
    assert (
        db.session.execute(
            db.select(User).filter_by(email="nadia@promis.example")
        ).scalar_one_or_none()
        is None
    )


def test_admin_cannot_create_candidate_through_the_form(client, auth, make_user):
    auth.login(make_user(Role.ADMIN))
    r = client.post(
        "/programme/admin/comptes/nouveau",
        data={
            "full_name": "X",
            "email": "x@example.org",
            "role": "candidate",
            "locale": "fr_CA",
        },
    )
    assert r.status_code == 200
    assert (
        db.session.execute(db.select(User).filter_by(email="x@example.org")).scalar_one_or_none()
        is None
    )


def test_user_search_filters_and_paginates(client, auth, make_user):
    auth.login(make_user(Role.ADMIN, full_name="Root"))
    for i in range(30):
        make_user(Role.STAFF, full_name=f"Staff {i:02d}")
    make_user(Role.CANDIDATE, full_name="Zed Candidate")
    html = client.get("/programme/admin/comptes?role=staff").get_data(as_text=True)
    assert "30 comptes trouvés" in html
    assert "Zed Candidate" not in html
    page2 = client.get("/programme/admin/comptes?role=staff&page=2").get_data(as_text=True)
    assert page2.count("Staff ") == 5
    assert "Zed Candidate" in client.get("/programme/admin/comptes?q=zed").get_data(as_text=True)


def test_edit_partner_regions(client, auth, make_user, reference):
    auth.login(make_user(Role.ADMIN))
    alpa = db.session.execute(db.select(PartnerOrganisation).filter_by(code="alpa")).scalar_one()
    r = client.post(
        f"/programme/admin/partenaires/{alpa.id}",
        data={
            "name": "ALPA",
            "regions": ["07", "08"],
            "version": str(alpa.version),
            "website": "https://alpa.example",
        },
    )
    assert r.status_code == 303
    db.session.refresh(alpa)
    assert [r.code for r in alpa.regions] == ["07", "08"]


def test_edit_partner_bad_input_and_stale_version(client, auth, make_user, reference):
    auth.login(make_user(Role.ADMIN))
    alpa = db.session.execute(db.select(PartnerOrganisation).filter_by(code="alpa")).scalar_one()
    r = client.post(
        f"/programme/admin/partenaires/{alpa.id}",
        data={
            "name": "ALPA renamed",
            "website": "not a url",
            "regions": ["07"],
            "version": str(alpa.version),
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'value="ALPA renamed"' in html and 'value="not a url"' in html
    client.post("/langue", data={"lang": "en_CA", "next": "/"})
    r = client.post(
        f"/programme/admin/partenaires/{alpa.id}",
        data={
            "name": "ALPA renamed",
            "regions": ["07"],
            "version": str(alpa.version + 5),
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Someone else saved this organization meanwhile" in html
    assert 'value="ALPA renamed"' in html
    db.session.refresh(alpa)
    assert alpa.name == "ALPA"


def test_unknown_partner_is_404(client, auth, make_user):
    auth.login(make_user(Role.ADMIN))
    assert client.get("/programme/admin/partenaires/999").status_code == 404


def test_account_list_query_count_does_not_grow(client, auth, make_user, count_queries):
    auth.login(make_user(Role.ADMIN))
    partners = [PartnerOrganisation(code=f"p{i}", name=f"P{i}") for i in range(20)]
    db.session.add_all(partners)
    db.session.commit()
    make_user(Role.PARTNER, partner=partners[0])
    with count_queries() as few:
        assert client.get("/programme/admin/comptes").status_code == 200
    for partner in partners[1:]:
        make_user(Role.PARTNER, partner=partner)
    db.session.expunge_all()
    with count_queries() as many:
        assert client.get("/programme/admin/comptes").status_code == 200
    assert len(many) == len(few), (len(few), len(many))
    assert len(many) <= 6
