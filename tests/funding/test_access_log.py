"""Law 25 access log: every view of a candidate's personal data by someone else is written down."""

import io

import pytest

from app.blueprints.candidates.services import store_cv
from app.blueprints.followup.services import candidate_case
from app.blueprints.funding import services as funding
from app.clock import today as program_today
from app.extensions import db
from app.models import AuditEvent, Role

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def file(flow, make_user):
    profile = flow.candidate.candidate_profile
    store_cv(profile, io.BytesIO(PDF), "cv.pdf")
    req = flow.submit(depart_on=program_today(), return_on=program_today(), nights=0, meal_days=1)
    funding.approve(req, flow.promis, req.requested_cents, "", req.version)
    receipt = funding.add_receipt(req, flow.candidate, io.BytesIO(PDF), "r.pdf", program_today())
    admin = make_user(Role.ADMIN)
    db.session.commit()
    return {
        "application": flow.application.id,
        "request": req.id,
        "receipt": receipt.id,
        "case": candidate_case(profile).id,
        "user": flow.candidate.id,
        "admin": admin,
    }


def _views(flow, file):
    a, r = file["application"], file["request"]
    return [
        (flow.employer, f"/employeurs/candidatures/{a}", "profile_viewed"),
        (flow.employer, f"/employeurs/candidatures/{a}/cv", "cv_viewed"),
        (flow.staff, f"/programme/candidatures/{a}", "profile_viewed"),
        (flow.staff, f"/programme/candidatures/{a}/cv", "cv_viewed"),
        (flow.promis, f"/partenaires/demandes/{r}", "funding.viewed"),
        (flow.staff, f"/partenaires/demandes/{r}", "funding.viewed"),
        (flow.promis, f"/deplacements/{r}/recus/{file['receipt']}", "funding.receipt_viewed"),
        (flow.staff, f"/deplacements/{r}/recus/{file['receipt']}", "funding.receipt_viewed"),
        (flow.promis, f"/partenaires/dossiers/{file['case']}", "case.viewed"),
        (flow.staff, f"/partenaires/dossiers/{file['case']}", "case.viewed"),
        (file["admin"], f"/programme/admin/comptes/{file['user']}", "account.viewed"),
    ]


def test_every_view_of_a_candidates_data_writes_an_access_log_entry(app, flow, file, auth, client):
    for viewer, path, action in _views(flow, file):
        before = db.session.execute(db.select(db.func.max(AuditEvent.id))).scalar() or 0
        auth.login(viewer)
        with client.get(path) as response:
            assert response.status_code == 200, path
        auth.logout()
        new = (
            db.session.execute(
                db.select(AuditEvent).where(AuditEvent.id > before, AuditEvent.action == action)
            )
            .scalars()
            .all()
        )
        assert [e.actor_id for e in new] == [viewer.id], (path, action)


def test_the_candidate_opening_their_own_file_is_not_logged_as_an_access(
    app, flow, file, auth, client
):
    auth.login(flow.candidate)
    before = db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar()
    with client.get(f"/deplacements/{file['request']}/recus/{file['receipt']}") as r:
        assert r.status_code == 200
    assert client.get(f"/candidat/deplacements/{file['request']}").status_code == 200
    assert db.session.execute(db.select(db.func.count(AuditEvent.id))).scalar() == before
