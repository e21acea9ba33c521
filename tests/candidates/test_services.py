"""Candidate profile services."""

import io

import pytest

from app.blueprints.candidates import services as svc
from app.errors import StaleError
from app.extensions import db
from app.models import AuditEvent, Household, WorkStatus
from app.storage import file_path

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_new_profile_is_private_and_empty(app, make_user):
    user = make_user()
    profile = svc.get_profile(user)
    assert not profile.consents_to_staff_review and not profile.consents_to_employer_display
    percent, missing = svc.completeness(profile)
    assert percent == 0 and missing[0][0] == "phone"


def test_update_profile_sets_regions_occupations_and_clears_partner_when_alone(
    app, make_user, reference
):
    profile = svc.get_profile(make_user())
    data = svc.ProfileData(
        occupation_codes=["72106", "99999"],
        region_codes=["02", "05"],
        household=Household.COUPLE,
        partner_occupation="Infirmière",
        work_status=WorkStatus.OPEN_WORK_PERMIT,
        skills=["soudure MIG", "lecture de plans", "TIG"],
    )
    svc.update_profile(profile, data)
    assert [o.noc for o in profile.occupations] == ["72106"]
    assert [r.code for r in profile.regions] == ["02", "05"]
    assert profile.partner_occupation == "Infirmière"
    data.household = Household.ALONE
    data.regions_anywhere = True
    svc.update_profile(profile, data)
    assert profile.partner_occupation == "" and profile.regions == [] and profile.regions_anywhere


def test_stale_version_is_refused(app, make_user):
    profile = svc.get_profile(make_user())
    db.session.commit()
    with pytest.raises(StaleError):
        svc.update_profile(profile, svc.ProfileData(), version=profile.version + 1)


def test_completeness_reaches_100(app, make_user, reference, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    from datetime import date

    from app.models import EducationLevel

    profile = svc.get_profile(make_user())
    svc.update_profile(
        profile,
        svc.ProfileData(
            phone="+33 6 12 34 56 78",
            country="France",
            city="Lyon",
            work_status=WorkStatus.NONE,
            french_level=12,
            english_level=6,
            education_level=EducationLevel.COLLEGE,
            experience_years=4,
            occupation_codes=["72106"],
            skills=["a", "b", "c"],
            regions_anywhere=True,
            availability_date=date(2027, 3, 1),
            summary="Soudeur expérimenté, prêt à m'installer en région avec ma famille.",
        ),
    )
    assert svc.completeness(profile)[0] < 100
    svc.store_cv(profile, io.BytesIO(PDF), "cv.pdf")
    assert svc.completeness(profile) == (100, [])


def test_cv_is_sniffed_and_replaced(app, make_user, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    from app.uploads import UploadRejected

    profile = svc.get_profile(make_user())
    with pytest.raises(UploadRejected):
        svc.store_cv(profile, io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "cv.pdf")  # a renamed .exe
    with pytest.raises(UploadRejected):
        svc.store_cv(profile, io.BytesIO(PDF + b"0" * (5 * 1024 * 1024)), "big.pdf")
    svc.store_cv(profile, io.BytesIO(PDF), "premier.pdf")
    first = file_path(profile.cv_key)
    assert first.exists() and profile.cv_mime == "application/pdf"
    assert not str(first).startswith(str(app.static_folder))
    svc.store_cv(profile, io.BytesIO(PDF), "second.pdf")
    assert first.exists()  # the old file goes only once the new one is committed
    db.session.commit()
    assert not first.exists() and profile.cv_filename == "second.pdf"


def test_consents_are_logged_and_withdrawn_at_once(app, make_user):
    profile = svc.get_profile(make_user())
    svc.set_consents(profile, True, True)
    assert profile.consents_to_staff_review and profile.consents_to_employer_display
    svc.set_consents(profile, False, True)
    assert not profile.consents_to_staff_review
    events = (
        db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "consent_changed"))
        .scalars()
        .all()
    )
    assert [e.detail for e in events] == [
        {"staff_review": True, "employer_display": True},
        {"staff_review": False},
    ]


def test_suggested_skills_come_from_jobs_of_the_same_occupation(
    app, make_user, make_employer, make_job
):
    org = make_employer().organisation
    make_job(org, skills_required=["Soudure MIG", "Lecture de plans"], skills_nice=["Soudure MIG"])
    make_job(org, noc="33102", skills_required=["Soins d'hygiène"])
    profile = svc.get_profile(make_user())
    svc.update_profile(
        profile, svc.ProfileData(occupation_codes=["72106"], skills=["lecture de plans"])
    )
    suggestions = svc.suggest_skills(profile, "fr")
    assert suggestions[0] == "Soudure MIG"  # asked for by employers first
    assert "lecture de plans" not in [s.casefold() for s in suggestions]  # already listed
    assert "soudure MIG" not in suggestions[1:]  # the same concept is not suggested twice
    assert len(suggestions) > 1  # then the occupation's typical skills from the vocabulary
    assert svc.suggest_skills(profile, "en")[1:] != suggestions[1:]


def test_check_profile_reports_every_implausible_date_at_once(app, make_user):
    from datetime import date, timedelta

    from app.errors import DomainErrors

    today = date(2026, 12, 3)
    data = svc.ProfileData(
        phone="12",
        arrival_date=date(1921, 5, 1),
        work_status=WorkStatus.OPEN_WORK_PERMIT,
        permit_expiry=today - timedelta(days=1),
        availability_date=today - timedelta(days=10),
    )
    with pytest.raises(DomainErrors) as raised:
        svc.check_profile(data, today)
    assert {(e.code, e.field) for e in raised.value.errors} == {
        ("phone_invalid", "phone"),
        ("arrival_too_old", "arrival_date"),
        ("permit_expired", "permit_expiry"),
        ("availability_past", "availability_date"),
    }


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"arrival_date": (2028, 6, 1)}, "arrival_too_far"),
        (
            {"work_status": WorkStatus.CITIZEN, "permit_expiry": (2027, 1, 1)},
            "expiry_without_permit",
        ),
        (
            {"work_status": WorkStatus.OPEN_WORK_PERMIT, "permit_expiry": (2040, 1, 1)},
            "permit_too_far",
        ),
    ],
)
def test_each_plausibility_rule(app, changes, code):
    from datetime import date

    values = {k: date(*v) if isinstance(v, tuple) else v for k, v in changes.items()}
    with pytest.raises(svc.ProfileError) as raised:
        svc.check_profile(svc.ProfileData(**values), date(2026, 12, 3))
    assert raised.value.code == code


def test_plausible_values_pass_and_a_saved_past_availability_stays(app, make_user, reference):
    from datetime import date, timedelta

    profile = svc.get_profile(make_user())
    today = date(2026, 12, 3)
    good = svc.ProfileData(
        phone="+221 77 123 45 67",
        arrival_date=date(2019, 8, 1),
        work_status=WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT,
        permit_expiry=today + timedelta(days=400),
        availability_date=today + timedelta(days=30),
        experience_years=0,
    )
    svc.update_profile(profile, good, on=today)
    assert profile.phone == "+221771234567" and profile.experience_years == 0
    # Weeks later the saved date has passed: saving something else is not refused for it.
    svc.update_profile(profile, good, on=today + timedelta(days=60))
    assert profile.availability_date == today + timedelta(days=30)


def test_a_closed_permit_names_its_employer_and_others_drop_it(app, make_user, reference):
    from datetime import date

    profile = svc.get_profile(make_user())
    bad = svc.ProfileData(
        work_status=WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT, permit_employer_neq="12345"
    )
    with pytest.raises(svc.ProfileError) as raised:
        svc.check_profile(bad, date(2026, 12, 3))
    assert raised.value.code == "neq_invalid"
    good = svc.ProfileData(
        work_status=WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT,
        permit_employer_name="Fromagerie du Lac",
        permit_employer_neq="1 234 567 890",
    )
    svc.update_profile(profile, good)
    assert profile.permit_employer_neq == "1234567890"
    good.work_status = WorkStatus.OPEN_WORK_PERMIT  # an open permit names nobody
    svc.update_profile(profile, good)
    assert profile.permit_employer_name == "" and profile.permit_employer_neq == ""
