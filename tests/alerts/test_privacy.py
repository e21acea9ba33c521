"""Alerts, preferences, pending digests and match notices: in "download my data", gone at erasure."""

from app.blueprints.alerts.services import AlertData, create_alert, send_alerts
from app.blueprints.privacy import services as privacy
from app.extensions import db
from app.models import (
    AlertFrequency,
    DigestItem,
    EmailChoice,
    JobAlert,
    JobAlertJob,
    MatchNotice,
    NotificationPreference,
)
from app.models.base import utcnow
from app.notify import Preference, notify, save_preferences
from tests.privacy.test_services import _zip


def test_alerts_and_preferences_are_exported_then_erased(make_candidate, make_employer, make_job):
    user = make_candidate()
    create_alert(user, AlertData(name="Soudure", q="soudeur", frequency=AlertFrequency.IMMEDIATE))
    save_preferences(user, [Preference("funding", True, EmailChoice.DAILY)])
    db.session.commit()
    employer = make_employer()
    job = make_job(employer.organisation)
    save_preferences(employer, [Preference("applications", True, EmailChoice.DAILY)])
    notify(employer, "application_received", "/x", candidate=user.full_name, job={"fr": "Soudeur"})
    send_alerts(utcnow())
    notify(user, "funding_message", "/candidat/deplacements/3", number=3)
    db.session.add(
        MatchNotice(job_id=job.id, candidate_id=user.candidate_profile.id, audience="candidate")
    )
    db.session.commit()

    data, _archive = _zip(privacy.export_data(user))
    [alert] = data["job_alerts"]
    assert alert["name"] == "Soudure" and alert["keywords"] == "soudeur"
    assert [s["job"]["id"] for s in alert["jobs_sent"]] == [job.id]
    funding = next(p for p in data["notification_preferences"] if p["category"] == "funding")
    assert funding["email"] == "daily"
    assert [d["kind"] for d in data["digest_pending"]] == ["funding_message"]
    assert [n["job"] for n in data["match_notices"]] == [job.id]

    privacy.erase_account(user)
    db.session.commit()
    for model in (JobAlert, JobAlertJob, DigestItem, MatchNotice):
        assert db.session.execute(db.select(model).filter_by(**_of(model, user))).all() == []
    assert not db.session.execute(
        db.select(NotificationPreference).filter_by(user_id=user.id)
    ).all()
    # The employer's digest, not sent yet, no longer names the candidate.
    [pending] = db.session.execute(db.select(DigestItem)).scalars()
    assert pending.user_id == employer.id and pending.params["candidate"]["fr"] == "Compte supprimé"


def _of(model, user):
    if model is JobAlertJob:
        return {}
    if model is MatchNotice:
        return {"candidate_id": user.candidate_profile.id}
    return {"user_id": user.id}
