"""Staff adapt the wording of each decline reason, in both languages; declines use it."""

from flask_babel import force_locale

from app.blueprints.applications import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, ApplicationStatus, DeclineReason, Notification, Role
from app.notify import render_notification


def test_only_staff_edit_the_wording(client, auth, make_user, make_employer):
    for other in (make_employer(), make_user(Role.CANDIDATE), make_user(Role.PARTNER)):
        auth.login(other)
        assert client.get("/programme/motifs-de-refus").status_code == 403
        assert client.get("/programme/motifs-de-refus/language").status_code == 404
        auth.logout()
    auth.login(make_user(Role.STAFF))
    assert client.get("/programme/motifs-de-refus/nonsense").status_code == 404
    page = client.get("/programme/motifs-de-refus").get_data(as_text=True)
    assert "Le poste exige un niveau de français ou d’anglais plus élevé." in page


def test_a_decline_uses_the_wording_staff_wrote(
    app, client, auth, make_user, make_employer, make_job, make_candidate
):
    staff = make_user(Role.STAFF)
    job = make_job(make_employer().organisation)
    candidate = make_candidate(locale="en_CA")
    auth.login(staff)
    r = client.post(
        "/programme/motifs-de-refus/language",
        data={"text_fr": "Il faut un français de niveau 7 pour ce poste.", "text_en": ""},
    )
    assert r.status_code == 303
    page = client.get("/programme/motifs-de-refus").get_data(as_text=True)
    assert "Il faut un français de niveau 7 pour ce poste." in page
    application = svc.apply_to_job(candidate.candidate_profile, job, "", program_today())
    svc.transition_application(
        application, ApplicationStatus.DECLINED, staff, Actor.STAFF, reason=DeclineReason.LANGUAGE
    )
    db.session.commit()
    note = db.session.execute(
        db.select(Notification).where(Notification.kind == "application_declined")
    ).scalar_one()
    assert note.params["reason"]["fr"] == "Il faut un français de niveau 7 pour ce poste."
    # English left empty: the standard English wording is sent.
    assert note.params["reason"]["en"] == "The job needs a higher level of French or English."
    with app.test_request_context(), force_locale("fr_CA"):
        assert "niveau 7" in render_notification(note)
    # Back to the standard wording once emptied.
    client.post("/programme/motifs-de-refus/language", data={"text_fr": "", "text_en": ""})
    assert svc.decline_wording(DeclineReason.LANGUAGE) == "language"
