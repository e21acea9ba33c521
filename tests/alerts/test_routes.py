"""Job alert pages: saving a board search, bad input kept, someone else's alert is a 404."""

from urllib.parse import unquote

from app.extensions import db
from app.models import JobAlert


def test_anonymous_visitors_are_invited_to_sign_in_and_come_back_to_the_search(client, reference):
    page = client.get("/postes?q=soudeur&region=02").get_data(as_text=True)
    assert "/connexion?next=" in page
    assert "/candidat/alertes/nouvelle?q=soudeur&region=02" in unquote(page)
    r = client.get("/candidat/alertes/nouvelle?q=soudeur&region=02")
    assert r.status_code == 302
    assert "next=/candidat/alertes/nouvelle?q=soudeur&region=02" in unquote(r.headers["Location"])


def test_candidate_saves_the_board_search(client, auth, make_candidate):
    user = make_candidate()
    auth.login(user)
    board = client.get("/postes?q=soudeur&region=02&type=permanent").get_data(as_text=True)
    assert "/candidat/alertes/nouvelle?q=soudeur&amp;region=02&amp;type=permanent" in board
    form = client.get("/candidat/alertes/nouvelle?q=soudeur&region=02&type=permanent")
    page = form.get_data(as_text=True)
    assert 'value="soudeur"' in page and "soudeur · Saguenay" in page  # a suggested name
    r = client.post(
        "/candidat/alertes/nouvelle",
        data={
            "name": "Soudure",
            "q": "soudeur",
            "region": "02",
            "job_type": "permanent",
            "frequency": "weekly",
        },
    )
    assert r.status_code == 303
    alert = db.session.execute(db.select(JobAlert)).scalar_one()
    assert (alert.q, alert.region, alert.job_type, alert.frequency.value) == (
        "soudeur",
        "02",
        "permanent",
        "weekly",
    )
    listing = client.get("/candidat/alertes").get_data(as_text=True)
    assert "Soudure" in listing and "Une fois par semaine" in listing


def test_an_alert_without_criteria_is_refused_with_the_input_kept(lclient, lang, make_candidate):
    user = make_candidate(locale=f"{lang}_CA")
    lclient.post("/connexion", data={"email": user.email, "password": "correct horse battery"})
    r = lclient.post(
        "/candidat/alertes/nouvelle", data={"name": "Tout voir", "q": "  ", "frequency": "daily"}
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert (
        "Choisissez au moins un critère" if lang == "fr" else "Choose at least one criterion"
    ) in page
    assert 'value="Tout voir"' in page
    assert db.session.execute(db.select(db.func.count(JobAlert.id))).scalar_one() == 0


def test_every_problem_at_once(client, auth, make_candidate):
    auth.login(make_candidate())
    r = client.post("/candidat/alertes/nouvelle", data={"name": "", "frequency": "daily"})
    page = r.get_data(as_text=True)
    assert "Donnez un nom à l’alerte." in page and "Choisissez au moins un critère" in page


def test_someone_elses_alert_is_a_404(client, auth, make_candidate):
    from app.blueprints.alerts.services import AlertData, create_alert

    owner, other = make_candidate(), make_candidate()
    alert = create_alert(owner, AlertData(name="Soudure", q="soudeur"))
    db.session.commit()
    auth.login(other)
    assert client.get(f"/candidat/alertes/{alert.id}/modifier").status_code == 404
    assert client.post(f"/candidat/alertes/{alert.id}/supprimer").status_code == 404
    assert "Soudure" not in client.get("/candidat/alertes").get_data(as_text=True)
    auth.logout()
    auth.login(owner)
    r = client.post(
        f"/candidat/alertes/{alert.id}/modifier",
        data={"name": "Soudure MIG", "q": "soudeur MIG", "frequency": "immediate"},
    )
    assert r.status_code == 303 and db.session.get(JobAlert, alert.id).name == "Soudure MIG"
    assert client.post(f"/candidat/alertes/{alert.id}/supprimer").status_code == 303
    assert db.session.get(JobAlert, alert.id) is None
