"""Job alerts: each job once per alert, frequencies, one email per person and frequency."""

from datetime import timedelta

import pytest

from app.blueprints.alerts.services import AlertData, AlertError, create_alert, send_alerts
from app.extensions import db
from app.models import AlertFrequency, JobAlertJob, Notification
from app.models.base import utcnow
from app.notify import unsubscribe


def _alert(user, frequency=AlertFrequency.IMMEDIATE, **criteria):
    alert = create_alert(
        user, AlertData(name=criteria.pop("name", "Soudure"), frequency=frequency, **criteria)
    )
    db.session.commit()
    return alert


@pytest.fixture
def employer(make_employer):
    return make_employer(region="02")


def test_an_alert_sends_each_new_matching_job_once(make_candidate, employer, make_job, outbox):
    user = make_candidate(locale="en_CA")
    _alert(user, q="soudeur", region="02")
    welder = make_job(employer.organisation, title_fr="Soudeur ou soudeuse", title_en="Welder")
    make_job(
        employer.organisation, title_fr="Cuisinier ou cuisinière", title_en="Cook", noc="63200"
    )

    assert send_alerts(utcnow()) == 1
    db.session.commit()
    [mail] = outbox(user.email)
    assert "Welder" in mail.body and "Soudeur" not in mail.body  # the title in their language
    assert "Cook" not in mail.body
    assert f"/en/jobs/{welder.id}" in mail.body  # the English address
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.headers["List-Unsubscribe"].startswith("<http")
    assert "/en/account/notifications/preferences" in mail.body
    # The portal says so too, linking to the same search.
    note = db.session.execute(db.select(Notification).filter_by(kind="alert_jobs")).scalar_one()
    assert note.params["count"] == 1 and "q=soudeur" in note.link

    assert send_alerts(utcnow() + timedelta(minutes=5)) == 0  # run twice: nothing new
    db.session.commit()
    assert len(outbox(user.email)) == 1
    assert db.session.execute(db.select(db.func.count(JobAlertJob.id))).scalar_one() == 1


def test_jobs_published_before_the_alert_are_not_sent(make_candidate, employer, make_job, outbox):
    make_job(employer.organisation)
    user = make_candidate()
    _alert(user, q="soudeur")
    assert send_alerts(utcnow()) == 0


def test_daily_and_weekly_alerts_wait_for_their_time(make_candidate, employer, make_job, outbox):
    user = make_candidate()
    _alert(user, AlertFrequency.DAILY, name="Chaque jour", q="soudeur")
    _alert(user, AlertFrequency.WEEKLY, name="Chaque semaine", region="02")
    make_job(employer.organisation)
    now = utcnow()

    assert send_alerts(now + timedelta(hours=1)) == 0  # neither is due yet
    assert send_alerts(now + timedelta(days=1)) == 1  # the daily one
    db.session.commit()
    [daily] = outbox(user.email)
    assert "Chaque jour" in daily.body and "Chaque semaine" not in daily.body
    assert send_alerts(now + timedelta(days=2)) == 0  # the daily alert already sent this job
    assert send_alerts(now + timedelta(days=7)) == 1  # the weekly one, at last
    db.session.commit()
    assert "Chaque semaine" in outbox(user.email)[-1].body


def test_one_email_per_person_and_frequency_in_their_language(
    make_candidate, employer, make_job, outbox
):
    user = make_candidate(locale="fr_CA")
    _alert(user, name="Soudure", q="soudeur")
    _alert(user, name="Saguenay", region="02")
    make_job(employer.organisation, title_fr="Soudeur ou soudeuse", title_en="Welder")

    assert send_alerts(utcnow()) == 1
    db.session.commit()
    [mail] = outbox(user.email)
    assert "«\u00a0Soudure\u00a0»" in mail.body and "«\u00a0Saguenay\u00a0»" in mail.body
    assert mail.body.count("Soudeur ou soudeuse") == 2  # in each alert's list
    assert "Welder" not in mail.body
    assert mail.subject.startswith("Maillage\u00a0: 1 nouveau poste")


def test_alerts_email_off_still_records_and_tells_the_portal(
    make_candidate, employer, make_job, outbox
):
    user = make_candidate()
    _alert(user, q="soudeur")
    unsubscribe(user, ["alerts"])
    db.session.commit()
    make_job(employer.organisation)
    assert send_alerts(utcnow()) == 0
    db.session.commit()
    assert outbox(user.email) == []
    assert db.session.execute(db.select(Notification).filter_by(kind="alert_jobs")).scalar_one()


def test_an_alert_needs_a_criterion_and_a_name(make_candidate):
    user = make_candidate()
    with pytest.raises(AlertError) as caught:
        create_alert(user, AlertData(name="Tout"))
    assert caught.value.code == "no_criteria"
    with pytest.raises(Exception) as several:
        create_alert(user, AlertData(name=" ", region="06"))  # Montréal is not on the board
    assert {e.code for e in several.value.errors} == {"name_required", "region_unknown"}


def test_cron_commands_and_the_rq_cron_schedule(app, make_candidate, employer, make_job, outbox):
    import importlib

    from rq import cron

    user = make_candidate()
    _alert(user, q="soudeur")
    make_job(employer.organisation)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["alerts", "send"]).output.strip() == "1 alert email(s) sent"
    assert runner.invoke(args=["alerts", "send"]).output.strip() == "0 alert email(s) sent"
    assert "0 digest(s) sent" in runner.invoke(args=["notifications", "send-digests"]).output

    rq_cron = importlib.import_module("app.rq_cron")
    cron._job_data_registry.clear()
    importlib.reload(rq_cron)
    names = {job["args"][0] for job in cron._job_data_registry}
    assert names == {"app.blueprints.alerts.services:run_due_alerts", "app.notify:run_digests"}
    cron._job_data_registry.clear()
