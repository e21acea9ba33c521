"""Administration: deactivating accounts, ending sessions, the audit log viewer."""

import pytest

from app.audit import record_event
from app.extensions import db
from app.models import AuditEvent, Role


@pytest.fixture
def admin(make_user, auth):
    user = make_user(Role.ADMIN, locale="en_CA")
    auth.login(user)
    return user


def test_search_is_posted_so_no_email_lands_in_a_url(client, admin, make_user):
    make_user(Role.STAFF, email="zoe.tremblay@example.org", full_name="Zoé Tremblay")
    r = client.post("/programme/admin/comptes", data={"q": "zoe.tremblay"})
    assert r.status_code == 200 and "Zoé Tremblay" in r.get_data(as_text=True)
    assert "zoe.tremblay" not in r.headers.get("HX-Push-Url", "")


def test_deactivating_ends_every_session_and_blocks_sign_in(client, admin, make_user):
    other = make_user(Role.STAFF)
    their = client.application.test_client()
    their.post("/connexion", data={"email": other.email, "password": "correct horse battery"})
    assert their.get("/tableau-de-bord").status_code == 200
    r = client.post(f"/programme/admin/comptes/{other.id}/desactiver")
    assert r.status_code == 303
    assert their.get("/tableau-de-bord").status_code == 302
    again = their.post(
        "/connexion", data={"email": other.email, "password": "correct horse battery"}
    )
    assert again.status_code == 200  # refused: the form comes back
    client.post(f"/programme/admin/comptes/{other.id}/reactiver")
    db.session.refresh(other)
    assert other.active
    actions = [e.action for e in db.session.execute(db.select(AuditEvent)).scalars()]
    assert "admin.deactivated" in actions and "admin.activated" in actions


def test_an_admin_cannot_deactivate_themselves(client, admin):
    client.post(f"/programme/admin/comptes/{admin.id}/desactiver")
    db.session.refresh(admin)
    assert admin.active


def test_end_all_sessions_of_a_user(client, admin, make_user):
    other = make_user(Role.PARTNER)
    their = client.application.test_client()
    their.post("/connexion", data={"email": other.email, "password": "correct horse battery"})
    client.post(f"/programme/admin/comptes/{other.id}/deconnecter")
    assert their.get("/tableau-de-bord").status_code == 302
    db.session.refresh(other)
    assert other.active  # still active: they may sign in again


def test_unknown_action_or_account_is_404(client, admin):
    assert client.post(f"/programme/admin/comptes/{admin.id}/supprimer").status_code == 404
    assert client.get("/programme/admin/comptes/99999").status_code == 404


def test_journal_filters_and_pages(client, admin, make_user):
    other = make_user(Role.STAFF)
    for n in range(55):
        record_event(other, "funding.viewed", "funding_request", n + 1)
    record_event(admin, "case.note", "case_file", 7)
    db.session.commit()
    page = client.get("/programme/admin/journal").get_data(as_text=True)
    assert page.count("<tr>") == 51  # header + 50 rows
    assert "Older entries" in page
    mine = client.get(f"/programme/admin/journal?actor={admin.id}").get_data(as_text=True)
    assert "Case note added" in mine and "Funding request viewed" not in mine
    one = client.get("/programme/admin/journal?subject=funding_request&subject_id=3")
    assert one.get_data(as_text=True).count("Funding request, No. 3</td>") == 1
    cases = client.get("/programme/admin/journal?action=case").get_data(as_text=True)
    assert "Case note added" in cases and "Funding request viewed" not in cases
    bad = client.get("/programme/admin/journal?since=yesterday")
    assert bad.status_code == 200 and "YYYY-MM-DD" in bad.get_data(as_text=True)
    oldest = db.session.execute(db.select(db.func.min(AuditEvent.id))).scalar_one()
    older = client.get(f"/programme/admin/journal?before={oldest + 5}").get_data(as_text=True)
    assert older.count("<tr>") == 6


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER, Role.CANDIDATE])
def test_only_admins(client, auth, make_user, role):
    auth.login(make_user(role))
    assert client.get("/programme/admin/journal").status_code == 403
    assert client.post("/programme/admin/comptes/1/desactiver").status_code in (403, 404)


def test_journal_results_fragment_skips_the_filter_choices(client, admin, count_queries):
    with count_queries() as full:
        assert "<html" in client.get("/programme/admin/journal").get_data(as_text=True)
    with count_queries() as fragment:
        r = client.get("/programme/admin/journal?action=account", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.get_data(as_text=True)
    assert sum("DISTINCT" in q for q in full) == 2
    assert not any("DISTINCT" in q for q in fragment)


def test_account_search_ignores_accents_and_case_and_follows_changes(app, make_user):
    from app.blueprints.staff.services import search_users

    zoe = make_user(Role.STAFF, email="zoe.tremblay@example.org", full_name="Zoé Tremblay")
    make_user(Role.STAFF, email="marc@example.org", full_name="Marc Gagnon")
    for q in ("ZOE", "tremb", "Zoé Tremblay", "example zoe"):
        found, total = search_users(q, None, 1)
        assert [u.id for u in found] == [zoe.id], q
    assert search_users("emblay", None, 1)[1] == 0  # words are found by their start
    assert search_users("example", None, 1)[1] == 2
    zoe.full_name = "Zoé Bouchard"
    db.session.commit()
    assert search_users("tremblay", None, 1)[1] == 1  # still in her address
    zoe.email = "zoe.b@example.org"
    db.session.commit()
    assert search_users("tremblay", None, 1)[1] == 0
    assert [u.id for u in search_users("bouchard", None, 1)[0]] == [zoe.id]


def _funding_approval(admin):
    before = {"status": "under_review", "approved_cents": None, "paid_on": None}
    after = {"status": "approved", "approved_cents": 52000, "paid_on": None}
    record_event(admin, "funding.approved", "funding_request", 12, before=before, after=after)
    record_event(admin, "case.next_contact", "case_file", 4, before=None, after="2026-12-18")
    record_event(admin, "consent_changed", "candidate", 9, employer_display=False)
    db.session.commit()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "fr_CA",
            [
                "Demande de financement passée à l’état\u00a0: Approuvée",
                "Demande de financement, No 12",
                "État\u00a0: À l’étude → Approuvée",
                "Montant approuvé\u00a0: — → 520,00\u00a0$",
                "Prochain contact\u00a0: — → 18 décembre 2026",
                "Dossier, No 4",
                "Consentement modifié",
                "Consentement à l’affichage auprès des employeurs\u00a0: Non",
            ],
        ),
        (
            "en_CA",
            [
                "Funding request moved to: Approved",
                "Funding request, No. 12",
                "State: Under review → Approved",
                "Amount approved: — → $520.00",
                "Next contact: — → December 18, 2026",
                "Case file, No. 4",
                "Consent changed",
                "Consent to be shown to employers: No",
            ],
        ),
    ],
)
def test_journal_lines_are_translated_never_raw_codes(client, admin, locale, expected):
    with client.session_transaction() as session:
        session["lang"] = locale
    _funding_approval(admin)
    page = client.get("/programme/admin/journal").get_data(as_text=True)
    for text in expected:
        assert text in page
    for code in ("funding.approved", "approved_cents", "under_review", "case_file", "{"):
        assert code not in page.split("<tbody>")[1].split("</tbody>")[0]
    choices = page.split("<tbody>")[0]
    assert "case_file" in choices  # the filter's values stay codes, their labels are words
    assert ">Dossier<" in choices if locale == "fr_CA" else ">Case file<" in choices


def test_every_audited_action_has_a_label():
    """An action recorded anywhere in the code is named in the log (not shown as its code)."""
    import re
    from pathlib import Path

    from app.blueprints.staff import journal
    from app.models.funding import FundingStatus

    root = Path(__file__).resolve().parents[2] / "app"
    source = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    calls = re.findall(r"record_event\(\s*[^,]+,\s*([^,]+?),\s*\"(\w+)\"", source, re.S)
    codes = {c for expr, _subject in calls for c in re.findall(r"\"([a-z_.]+)\"", expr)}
    codes |= {f"funding.{s.value}" for s in FundingStatus}
    unnamed = [c for c in sorted(codes) if journal.action_label(c) == c]
    assert unnamed == []
    subjects = {subject for _expr, subject in calls}
    assert [s for s in sorted(subjects) if journal.subject_label(s) == s] == []
    families = {c.split(".")[0] for c in codes}
    assert [f for f in sorted(families) if journal.family_label(f) == f] == []
