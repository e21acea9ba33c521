"""Travel funding pages: access control, bad input, the live estimate and the decision forms."""

import io
from datetime import timedelta

import pytest

from app.clock import today as program_today
from app.extensions import db
from app.models import FundingRequest, FundingStatus


def _form(flow, **changes):
    data = {
        "depart_on": (program_today() + timedelta(days=7)).isoformat(),
        "return_on": (program_today() + timedelta(days=8)).isoformat(),
        "origin_id": str(flow.origin.id),
        "mode": "car",
        "nights": "1",
        "meal_days": "2",
        "note": "Je viendrai en voiture avec mon cousin.",
    }
    data.update(changes)
    return data


def test_candidate_sees_eligible_employers_and_requests(client, auth, flow):
    auth.login(flow.candidate)
    page = client.get("/candidat/deplacements")
    assert page.status_code == 200
    assert f"/candidat/deplacements/nouveau/{flow.application.id}".encode() in page.data


def test_request_form_live_estimate_and_submit(client, auth, flow):
    auth.login(flow.candidate)
    url = f"/candidat/deplacements/nouveau/{flow.application.id}"
    assert client.get(url).status_code == 200
    live = client.post(
        f"/candidat/deplacements/estimation/{flow.application.id}",
        data=_form(flow),
        headers={"HX-Request": "true"},
    )
    assert live.status_code == 200
    assert b'id="estimate"' in live.data and b"<html" not in live.data
    assert b"km" in live.data
    done = client.post(url, data=_form(flow))
    assert done.status_code == 303
    req = (
        flow.candidate.candidate_profile
        and db.session.execute(
            db.select(db.Model.registry._class_registry["FundingRequest"])
        ).scalar_one()
    )
    assert req.note.startswith("Je viendrai") and req.partner.code == "promis"
    assert done.headers["Location"].endswith(f"/candidat/deplacements/{req.id}")


def test_bad_input_keeps_what_was_typed(client, auth, flow, lang):
    flow.candidate.locale = f"{lang}_CA"
    db.session.commit()
    auth.login(flow.candidate)
    url = f"/candidat/deplacements/nouveau/{flow.application.id}"
    data = _form(flow, return_on=(program_today() + timedelta(days=6)).isoformat())
    page = client.post(url, data=data)
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "Je viendrai en voiture avec mon cousin." in text
    expected = "retour" if lang == "fr" else "return date"
    assert expected in text.lower()
    assert f'<option selected value="{flow.origin.id}">' in text


def test_someone_elses_application_or_request_is_404(client, auth, flow, make_candidate):
    req = flow.submit()
    intruder = make_candidate(email="other@example.org")
    auth.login(intruder)
    assert client.get(f"/candidat/deplacements/nouveau/{flow.application.id}").status_code == 404
    assert client.get(f"/candidat/deplacements/{req.id}").status_code == 404
    assert client.post(f"/candidat/deplacements/{req.id}/annuler").status_code == 404


def test_advisor_of_another_organisation_gets_404(client, auth, flow):
    req = flow.submit()
    auth.login(flow.alpa)
    assert client.get(f"/partenaires/demandes/{req.id}").status_code == 404
    assert (
        client.post(
            f"/partenaires/demandes/{req.id}/refuser",
            data={"refuser-reason": "no", "refuser-version": req.version},
        ).status_code
        == 404
    )
    assert (
        f"/partenaires/demandes/{req.id}".encode() not in client.get("/partenaires/demandes").data
    )
    db.session.refresh(req)
    assert req.status == FundingStatus.SUBMITTED


def test_roles_are_enforced(client, auth, flow):
    req = flow.submit()
    auth.login(flow.employer)
    assert client.get("/partenaires/demandes").status_code == 403
    assert client.get(f"/partenaires/demandes/{req.id}").status_code == 404
    assert client.get("/programme/financement/politique").status_code == 403
    auth.logout()
    auth.login(flow.promis)
    assert client.get("/programme/financement/politique").status_code == 403
    assert client.post(f"/partenaires/demandes/{req.id}/reassigner").status_code == 404


def test_advisor_decides_and_a_stale_form_keeps_the_text(client, auth, flow):
    req = flow.submit()
    seen = req.version
    auth.login(flow.promis)
    page = client.get(f"/partenaires/demandes/{req.id}")
    assert page.status_code == 200 and b"approuver-amount" in page.data
    assert (
        client.post(
            f"/partenaires/demandes/{req.id}/examiner", data={"examiner-version": seen}
        ).status_code
        == 303
    )
    # A second advisor's refusal, drawn on the old version, is not applied and keeps the text.
    stale = client.post(
        f"/partenaires/demandes/{req.id}/refuser",
        data={"refuser-reason": "Le poste est à Montréal.", "refuser-version": seen},
    )
    assert stale.status_code == 409
    assert "Le poste est à Montréal." in stale.get_data(as_text=True)
    db.session.refresh(req)
    assert req.status == FundingStatus.UNDER_REVIEW
    lower = client.post(
        f"/partenaires/demandes/{req.id}/approuver",
        data={
            "approuver-amount": "100.00",
            "approuver-reason": "",
            "approuver-version": req.version,
        },
    )
    assert lower.status_code == 422  # a lower amount needs a reason
    assert 'value="100.00"' in lower.get_data(as_text=True)
    ok = client.post(
        f"/partenaires/demandes/{req.id}/approuver",
        data={
            "approuver-amount": "100.00",
            "approuver-reason": "Un seul repas est couvert.",
            "approuver-version": req.version,
        },
    )
    assert ok.status_code == 303
    db.session.refresh(req)
    assert req.status == FundingStatus.APPROVED and req.approved_cents == 10_000


def test_receipt_upload_is_sniffed_and_limited(client, auth, flow, monkeypatch):
    from app.blueprints.funding import services as svc

    req = flow.submit(depart_on=program_today(), return_on=program_today() + timedelta(days=1))
    svc.approve(req, flow.promis, req.requested_cents, "", req.version)
    db.session.commit()
    auth.login(flow.candidate)
    url = f"/candidat/deplacements/{req.id}/recus"
    fake = client.post(url, data={"receipt": (io.BytesIO(b"MZ not a pdf"), "r.pdf")})
    assert fake.status_code == 422
    monkeypatch.setattr(svc, "RECEIPT_MAX_BYTES", 64)
    big = client.post(url, data={"receipt": (io.BytesIO(b"%PDF-1.4\n" + b"0" * 100), "r.pdf")})
    assert big.status_code == 422
    monkeypatch.setattr(svc, "RECEIPT_MAX_BYTES", 10 * 1024 * 1024)
    good = client.post(url, data={"receipt": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "bus.pdf")})
    assert good.status_code == 303
    db.session.refresh(req)
    assert req.status == FundingStatus.RECEIPTS_SUBMITTED and len(req.receipts) == 1
    with client.get(f"/deplacements/{req.id}/recus/{req.receipts[0].id}") as receipt:
        assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF")
    auth.logout()
    auth.login(flow.alpa)
    assert client.get(f"/deplacements/{req.id}/recus/{req.receipts[0].id}").status_code == 404


def test_checklist_answer_in_place(client, auth, flow):
    from app.blueprints.funding import services as svc

    req = flow.submit()
    svc.ask_for_information(req, flow.promis, ["Lettre d'invitation", "Permis"], req.version)
    db.session.commit()
    item, other = req.info_items
    auth.login(flow.candidate)
    url = f"/candidat/deplacements/{req.id}/reponses/{item.id}"
    empty = client.post(url, data={f"item{item.id}-answer": ""})
    assert empty.status_code == 422
    # htmx only swaps 2xx answers: the item and its error come back as 200.
    empty_htmx = client.post(
        url, data={f"item{item.id}-answer": ""}, headers={"HX-Request": "true"}
    )
    assert empty_htmx.status_code == 200 and f'id="item-{item.id}"'.encode() in empty_htmx.data
    assert b"<html" not in empty_htmx.data and b'aria-invalid="true"' in empty_htmx.data
    answered = client.post(
        url, data={f"item{item.id}-answer": "Ci-jointe."}, headers={"HX-Request": "true"}
    )
    assert answered.status_code == 200 and f'id="item-{item.id}"'.encode() in answered.data
    assert b"<html" not in answered.data
    # Only the item sent is re-rendered: what is typed in the other one stays on the page.
    assert f'id="item-{other.id}"'.encode() not in answered.data
    assert (
        f'hx-target="#item-{other.id}"'.encode()
        in client.get(f"/candidat/deplacements/{req.id}").data
    )
    second = client.post(
        f"/candidat/deplacements/{req.id}/reponses/{other.id}",
        data={
            f"item{other.id}-answer": "",
            f"item{other.id}-document": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "permis.pdf"),
        },
        headers={"HX-Request": "true"},
    )
    assert f'id="item-{other.id}"'.encode() in second.data and b"badge-done" in second.data
    assert f'id="item-{item.id}"'.encode() not in second.data
    assert client.post(f"/candidat/deplacements/{req.id}/envoyer-reponses").status_code == 303
    db.session.refresh(req)
    assert req.status == FundingStatus.UNDER_REVIEW
    assert other.document_mime == "application/pdf" and other.document_name == "permis.pdf"
    document = f"/deplacements/{req.id}/elements/{other.id}/document"
    with client.get(document) as mine:
        assert mine.status_code == 200 and mine.data.startswith(b"%PDF")
    auth.logout()
    auth.login(flow.promis)  # the partner the request is routed to
    with client.get(document) as seen:
        assert seen.status_code == 200
    auth.logout()
    auth.login(flow.alpa)
    assert client.get(document).status_code == 404


def test_a_disguised_checklist_document_is_refused_and_the_text_kept(client, auth, flow, lang):
    from app.blueprints.funding import services as svc

    req = flow.submit()
    svc.ask_for_information(req, flow.promis, ["Permis"], req.version)
    db.session.commit()
    item = req.info_items[0]
    auth.login(flow.candidate)
    if lang == "en":
        client.post("/langue", data={"lang": "en_CA", "next": "/"})
    r = client.post(
        f"/candidat/deplacements/{req.id}/reponses/{item.id}",
        data={
            f"item{item.id}-answer": "Voici mon permis",
            f"item{item.id}-document": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "permis.pdf"),
        },
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200 and b"Voici mon permis" in r.data
    message = "Ce type de fichier" if lang == "fr" else "This type of file is not accepted"
    assert message.encode() in r.data


def test_queue_filters_render_as_fragment(client, auth, flow):
    flow.submit()
    auth.login(flow.promis)
    full = client.get("/partenaires/demandes?status=open")
    assert full.status_code == 200 and b"<html" in full.data
    part = client.get("/partenaires/demandes?region=01", headers={"HX-Request": "true"})
    assert part.status_code == 200 and b"<html" not in part.data
    assert b"/partenaires/demandes/" not in part.data


def test_queue_does_not_grow_queries_with_rows(client, auth, flow, count_queries):
    from datetime import date

    year = program_today().year + 1
    flow.submit(depart_on=date(year, 3, 2))
    auth.login(flow.promis)
    db.session.expire_all()  # both measured requests start from a cold identity map
    with count_queries() as one:
        client.get("/partenaires/demandes")
    flow.submit(depart_on=date(year, 3, 9))
    db.session.expire_all()
    with count_queries() as two:
        client.get("/partenaires/demandes")
    assert len(two) == len(one), "\n\n".join(two)


@pytest.mark.parametrize("amount", ["abc", "-5"])
def test_policy_bad_input(client, auth, flow, amount):
    auth.login(flow.staff)
    page = client.get("/programme/financement/politique")
    assert page.status_code == 200
    data = {
        "rate_per_km": amount,
        "road_factor": "1.25",
        "bus_cap": "250",
        "train_cap": "350",
        "plane_cap": "900",
        "lodging_cap": "150",
        "meal_per_diem": "60",
        "trip_cap": "1500",
        "trips_per_year": "2",
        "response_days": "5",
    }
    bad = client.post("/programme/financement/politique", data=data)
    assert bad.status_code == 422 and f'value="{amount}"' in bad.get_data(as_text=True)
    data["rate_per_km"] = "0.55"
    assert client.post("/programme/financement/politique", data=data).status_code == 303
    from app.blueprints.funding.services import current_policy

    assert current_policy().rate_per_km_cents == 55 and current_policy().number == 2


def test_every_trip_problem_shows_in_one_submit(client, auth, flow):
    auth.login(flow.candidate)
    past = program_today() - timedelta(days=3)
    r = client.post(
        f"/candidat/deplacements/nouveau/{flow.application.id}",
        data=_form(
            flow,
            depart_on=past.isoformat(),
            return_on=(past + timedelta(days=1)).isoformat(),
            nights="5",
            meal_days="9",
            origin_id="0",
        ),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    for field in ("depart_on", "nights", "meal_days", "origin_id"):
        assert f'id="{field}-error"' in html, field
    assert "Je viendrai en voiture avec mon cousin." in html  # the note is kept


def test_a_trip_beyond_the_horizon_is_refused(client, auth, flow, app):
    auth.login(flow.candidate)
    far = program_today() + timedelta(days=200)
    data = _form(flow, depart_on=far.isoformat(), return_on=(far + timedelta(days=1)).isoformat())
    r = client.post(f"/candidat/deplacements/nouveau/{flow.application.id}", data=data)
    assert r.status_code == 422 and "6 prochains mois" in r.get_data(as_text=True)
    app.config["FUNDING_HORIZON_MONTHS"] = 12
    r = client.post(f"/candidat/deplacements/nouveau/{flow.application.id}", data=data)
    assert r.status_code == 303


def test_a_second_request_on_overlapping_dates_links_to_the_first(client, auth, flow):
    first = flow.submit(
        depart_on=program_today() + timedelta(days=7),
        return_on=program_today() + timedelta(days=10),
    )
    auth.login(flow.candidate)
    r = client.post(
        f"/candidat/deplacements/nouveau/{flow.application.id}",
        data=_form(
            flow,
            depart_on=(program_today() + timedelta(days=9)).isoformat(),
            return_on=(program_today() + timedelta(days=11)).isoformat(),
        ),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert f'href="/candidat/deplacements/{first.id}"' in html
    assert db.session.execute(db.select(db.func.count(FundingRequest.id))).scalar_one() == 1


def test_the_service_refuses_overlaps_too(app, flow):
    from app.blueprints.funding import services as svc

    first = flow.submit(
        depart_on=program_today() + timedelta(days=7),
        return_on=program_today() + timedelta(days=10),
    )
    with pytest.raises(svc.OverlapError) as raised:
        flow.submit(
            depart_on=program_today() + timedelta(days=10),
            return_on=program_today() + timedelta(days=12),
        )
    assert raised.value.existing_id == first.id


def test_near_duplicates_are_flagged_for_the_advisor(client, auth, flow):
    from app.blueprints.funding import services as svc

    a = flow.submit(
        depart_on=program_today() + timedelta(days=7),
        return_on=program_today() + timedelta(days=8),
    )
    b = flow.submit(
        depart_on=program_today() + timedelta(days=10),
        return_on=program_today() + timedelta(days=11),
    )
    far = flow.submit(
        depart_on=program_today() + timedelta(days=40),
        return_on=program_today() + timedelta(days=41),
    )
    near = svc.near_duplicates([a, b, far])
    assert near == {a.id: [b.id], b.id: [a.id]}
    auth.login(flow.promis)
    queue = client.get("/partenaires/demandes").get_data(as_text=True)
    assert queue.count("Doublon possible") == 2
    page = client.get(f"/partenaires/demandes/{a.id}").get_data(as_text=True)
    assert f'href="/partenaires/demandes/{b.id}"' in page


def test_an_absurd_amount_is_a_form_error_not_a_crash(client, auth, flow):
    req = flow.submit()
    auth.login(flow.promis)
    client.post(f"/partenaires/demandes/{req.id}/examiner", data={"examiner-version": req.version})
    db.session.refresh(req)
    r = client.post(
        f"/partenaires/demandes/{req.id}/approuver",
        data={"approuver-version": req.version, "approuver-amount": "1e40"},
    )
    assert r.status_code == 422
    db.session.refresh(req)
    assert req.status == FundingStatus.UNDER_REVIEW
