"""Friday sessions: validation, access, bad input in both languages."""

from datetime import datetime, time, timedelta

import pytest

from app.blueprints.interviews import services as svc
from app.clock import PROGRAM_TZ
from app.clock import today as program_today
from app.extensions import db
from app.models import InterviewSession, Role


def friday(weeks: int = 1):
    return svc.next_friday(program_today()) + timedelta(weeks=weeks)


def test_next_friday():
    from datetime import date

    assert svc.next_friday(date(2026, 11, 26)) == date(2026, 11, 27)
    assert svc.next_friday(date(2026, 11, 27)) == date(2026, 11, 27)
    assert svc.next_friday(date(2026, 11, 28)) == date(2026, 12, 4)


@pytest.mark.parametrize(
    "change, field, code",
    [
        ({"day": "thursday"}, "day", "not_friday"),
        ({"day": "past"}, "day", "past"),
        ({"end_time": time(9, 10)}, "end_time", "window_too_short"),
        ({"registration_deadline": "after"}, "registration_deadline", "deadline_after_start"),
    ],
)
def test_session_rules(app, make_user, change, field, code):
    staff = make_user(Role.STAFF)
    day = friday()
    data = svc.SessionData(day=day, start_time=time(9), end_time=time(12))
    if change.get("day") == "thursday":
        data.day = day - timedelta(days=1)
    elif change.get("day") == "past":
        data.day = day - timedelta(weeks=3)
    elif "end_time" in change:
        data.end_time = change["end_time"]
    else:
        data.registration_deadline = datetime.combine(day, time(10))
    with pytest.raises(svc.SessionError) as err:
        svc.create_session(staff, data)
    assert (err.value.field, err.value.code) == (field, code)


def test_session_created_with_default_deadline_and_slot_count(app, make_user):
    staff = make_user(Role.STAFF)
    session = svc.create_session(
        staff, svc.SessionData(day=friday(), start_time=time(9), end_time=time(12))
    )
    assert session.registration_deadline == session.starts_at() - timedelta(days=2)
    assert session.starts_at().tzinfo == PROGRAM_TZ
    assert svc.slot_count(session) == 9  # 15 min + 5 min break, from 9:00 to 12:00
    with pytest.raises(svc.SessionError):
        svc.create_session(
            staff, svc.SessionData(day=friday(), start_time=time(13), end_time=time(15))
        )


def test_staff_creates_a_session(client, auth, make_user):
    auth.login(make_user(Role.STAFF))
    page = client.get("/programme/vendredis").get_data(as_text=True)
    assert f'value="{svc.next_friday(program_today()).isoformat()}"' in page
    day = friday(2)
    r = client.post(
        "/programme/vendredis",
        data={
            "day": day.isoformat(),
            "start_time": "09:00",
            "end_time": "11:00",
            "slot_minutes": "15",
            "buffer_minutes": "5",
            "max_per_employer": "6",
        },
    )
    assert r.status_code == 303
    session = db.session.execute(db.select(InterviewSession)).scalar_one()
    assert session.day == day and session.max_per_employer == 6
    assert "6 créneaux" in client.get("/programme/vendredis").get_data(as_text=True)


def test_bad_input_keeps_fields(lclient, lang, make_user):
    staff = make_user(Role.STAFF, locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": staff.email, "password": "correct horse battery"})
    thursday = (friday() - timedelta(days=1)).isoformat()
    r = lclient.post(
        "/programme/vendredis",
        data={
            "day": thursday,
            "start_time": "09:00",
            "end_time": "11:30",
            "slot_minutes": "20",
            "max_per_employer": "4",
        },
    )
    html = r.get_data(as_text=True)
    assert (
        r.status_code == 200
        and f'value="{thursday}"' in html
        and 'value="11:30"' in html
        and 'value="20"' in html
    )
    assert ("vendredi" in html) if lang == "fr" else ("choose a Friday" in html)
    assert db.session.execute(db.select(InterviewSession)).first() is None


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER])
def test_sessions_are_for_staff(client, auth, make_user, reference, role):
    auth.login(make_user(role))
    assert client.get("/programme/vendredis").status_code == 403


def test_every_session_problem_shows_in_one_submit(client, auth, make_user):
    auth.login(make_user(Role.STAFF))
    past_thursday = (svc.next_friday(program_today()) - timedelta(days=8)).isoformat()
    r = client.post(
        "/programme/vendredis",
        data={
            "day": past_thursday,
            "start_time": "11:00",
            "end_time": "11:05",
            "slot_minutes": "",
            "max_per_employer": "0",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    # The form's own checks and the service's rules, together.
    for field in ("day", "end_time", "slot_minutes", "max_per_employer"):
        assert f'id="{field}-error"' in html, field
    assert "vendredi" in html and "passée" in html
    assert db.session.execute(db.select(InterviewSession)).first() is None


def test_check_session_collects_every_problem(app):
    from app.errors import DomainErrors

    day = svc.next_friday(program_today()) - timedelta(days=8)  # a past Thursday
    with pytest.raises(DomainErrors) as raised:
        svc.check_session(svc.SessionData(day=day, start_time=time(11), end_time=time(11, 5)))
    assert {e.code for e in raised.value.errors} == {"not_friday", "past", "window_too_short"}


def test_a_session_more_than_a_year_ahead_is_refused(app):
    with pytest.raises(svc.SessionError) as raised:
        svc.check_session(svc.SessionData(day=friday(60), start_time=time(9), end_time=time(12)))
    assert raised.value.code == "too_far"


def test_times_are_written_as_each_language_writes_them(app):
    from app.i18n import clock_time

    with app.test_request_context("/"):
        from flask_babel import force_locale

        with force_locale("fr_CA"):
            assert clock_time(time(10, 30)) == "10 h 30"
        with force_locale("en_CA"):
            assert clock_time(time(10, 30)) == "10:30\u202fa.m."  # Babel: narrow no-break space
            moment = datetime(2026, 12, 18, 15, 30, tzinfo=PROGRAM_TZ)
            assert clock_time(moment) == "3:30\u202fp.m."
    when = svc.when_in_both_languages(datetime(2026, 12, 18, 10, 30, tzinfo=PROGRAM_TZ))
    assert when == {
        "fr": "vendredi 18 décembre 2026, 10 h 30 (heure du Québec)",
        "en": "Friday, December 18, 2026, 10:30\u202fa.m. Québec time",
    }
    from zoneinfo import ZoneInfo

    # In December Bogotá keeps Québec's hour (both UTC-5): the second part only shows a difference.
    assert (
        svc.when_in_both_languages(
            datetime(2026, 12, 18, 10, 30, tzinfo=PROGRAM_TZ), ZoneInfo("America/Bogota")
        )
        == when
    )
    bogota = svc.when_in_both_languages(
        datetime(2026, 6, 19, 10, 30, tzinfo=PROGRAM_TZ), ZoneInfo("America/Bogota")
    )
    assert bogota["fr"] == "vendredi 19 juin 2026, 10 h 30 (heure du Québec) — 9 h 30 à Bogotá"
    assert bogota["en"].endswith("Québec time — 9:30\u202fa.m. in Bogotá")
    tokyo = svc.when_in_both_languages(
        datetime(2026, 12, 18, 10, 30, tzinfo=PROGRAM_TZ), ZoneInfo("Asia/Tokyo")
    )
    assert tokyo["fr"].endswith("— samedi 19 décembre 2026, 0 h 30 à Tokyo")


def test_the_sessions_page_shows_times_in_french(client, auth, make_user):
    auth.login(make_user(Role.STAFF))
    svc.create_session(
        make_user(Role.STAFF, email="other-staff@example.org"),
        svc.SessionData(day=friday(3), start_time=time(9), end_time=time(11, 30)),
    )
    db.session.commit()
    html = client.get("/programme/vendredis").get_data(as_text=True)
    assert "9 h–11 h 30" in html
    assert " min 00 s" not in html  # no seconds where a person reads
