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
    job = make_job(make_employer().organisation)
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
    for model in (JobAlert, JobAlertJob, NotificationPreference, DigestItem, MatchNotice):
        assert db.session.execute(db.select(db.func.count(model.id))).scalar_one() == 0, model
