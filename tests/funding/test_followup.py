"""Case files: opening, the checklist, notes, contact reminders and check-ins after hiring."""

from datetime import date, timedelta

import pytest

from app.blueprints.applications.services import transition_application
from app.blueprints.followup import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, ApplicationStatus, CaseStep, CheckIn


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 6, 15), 12, date(2027, 6, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert svc.add_months(start, months) == expected


def _hire(flow):
    transition_application(flow.application, ApplicationStatus.OFFER, flow.employer, Actor.EMPLOYER)
    transition_application(flow.application, ApplicationStatus.HIRED, flow.employer, Actor.EMPLOYER)
    db.session.commit()
    return svc.candidate_case(flow.candidate.candidate_profile)


def test_hiring_opens_the_case_and_plans_four_check_ins(app, flow):
    case = _hire(flow)
    assert case.partner.code == "promis"
    hired = program_today()
    assert [(c.months, c.due_on) for c in case.check_ins] == [
        (m, svc.add_months(hired, m)) for m in (1, 3, 6, 12)
    ]
    done = {s.step for s in case.steps if s.done_on}
    assert done == {CaseStep.INTERVIEW, CaseStep.OFFER}
    # Hiring again (same application) does not duplicate anything.
    svc.start_after_hire(flow.application, hired)
    assert db.session.execute(db.select(db.func.count(CheckIn.id))).scalar_one() == 4


def test_steps_notes_and_next_contact_are_audited(app, flow):
    from app.models import AuditEvent

    flow.submit()
    case = svc.candidate_case(flow.candidate.candidate_profile)
    today = program_today()
    svc.update_steps(case, flow.promis, {"first_contact"}, {"schooling"}, today)
    assert svc.next_step(case).step == CaseStep.EXPLORATORY_VISIT
    assert next(s for s in case.steps if s.step == CaseStep.SCHOOLING).not_applicable
    with pytest.raises(svc.FollowUpError):
        svc.add_note(case, flow.promis, "  ")
    svc.add_note(case, flow.promis, "Appel fait, très motivée.")
    with pytest.raises(svc.FollowUpError):
        svc.set_next_contact(case, flow.promis, today - timedelta(days=1), "", today)
    svc.set_next_contact(case, flow.promis, today, "Préparer la visite", today)
    db.session.commit()
    actions = {
        e.action
        for e in db.session.execute(
            db.select(AuditEvent).where(AuditEvent.subject_type == "case_file")
        ).scalars()
    }
    assert actions == {"case.steps", "case.note", "case.next_contact"}


def test_reminders_reach_the_advisor_once_and_the_candidate_on_the_due_day(app, flow, outbox):
    flow.submit()
    case = svc.candidate_case(flow.candidate.candidate_profile)
    today = program_today()
    svc.set_next_contact(case, flow.promis, today, "", today)
    svc.assign(case, flow.promis, flow.promis)
    db.session.commit()
    before = len(outbox(flow.promis.email))
    assert svc.send_reminders(today) == 1
    assert svc.send_reminders(today) == 0  # already reminded
    assert len(outbox(flow.promis.email)) == before + 1
    with pytest.raises(svc.FollowUpError):
        svc.assign(case, flow.alpa, flow.promis)  # not an advisor of this partner
    case = _hire(flow)
    first = case.check_ins[0]
    assert svc.send_reminders(first.due_on) == 1
    assert "/candidat/accompagnement" in outbox(flow.candidate.email)[-1].body


def test_check_in_answers_feed_the_outcomes(app, flow):
    case = _hire(flow)
    svc.answer_check_in(case.check_ins[0], flow.candidate, True, True, "")
    svc.answer_check_in(case.check_ins[1], flow.promis, True, False, "Moved to Québec City")
    db.session.commit()
    assert svc.check_in_outcomes() == {
        1: {"answered": 1, "employed": 1, "in_region": 1},
        3: {"answered": 1, "employed": 1, "in_region": 0},
    }


def test_candidate_sees_the_path_and_answers_a_due_check_in(client, auth, flow):
    case = _hire(flow)
    first = case.check_ins[0]
    first.due_on = program_today()
    db.session.commit()
    auth.login(flow.candidate)
    page = client.get("/candidat/accompagnement")
    assert page.status_code == 200 and b"PROMIS" in page.data
    bad = client.post(
        "/candidat/accompagnement",
        data={"check_in": first.id, f"c{first.id}-comment": "Tout va bien"},
    )
    assert bad.status_code == 422 and "Tout va bien" in bad.get_data(as_text=True)
    ok = client.post(
        "/candidat/accompagnement",
        data={
            "check_in": first.id,
            f"c{first.id}-still_employed": "yes",
            f"c{first.id}-still_in_region": "yes",
        },
    )
    assert ok.status_code == 303
    db.session.refresh(first)
    assert first.still_employed is True and first.answered_by_id == flow.candidate.id
    assert client.post("/candidat/accompagnement", data={"check_in": 999}).status_code == 404


def test_partner_case_pages_and_access(client, auth, flow):
    flow.submit()
    case = svc.candidate_case(flow.candidate.candidate_profile)
    auth.login(flow.alpa)
    assert client.get(f"/partenaires/dossiers/{case.id}").status_code == 404
    assert (
        client.post(f"/partenaires/dossiers/{case.id}/notes", data={"body": "x"}).status_code == 404
    )
    assert b"/partenaires/dossiers/" not in client.get("/partenaires/dossiers").data
    auth.logout()
    auth.login(flow.promis)
    assert client.get("/partenaires/dossiers").status_code == 200
    assert client.get(f"/partenaires/dossiers/{case.id}").status_code == 200
    empty = client.post(f"/partenaires/dossiers/{case.id}/notes", data={"body": ""})
    assert empty.status_code == 422
    assert (
        client.post(
            f"/partenaires/dossiers/{case.id}/etapes", data={"done": ["first_contact", "bogus"]}
        ).status_code
        == 303
    )
    past = client.post(
        f"/partenaires/dossiers/{case.id}/contact",
        data={"next_contact_on": "2020-01-01", "next_contact_note": "Rappeler"},
    )
    assert past.status_code == 422 and "Rappeler" in past.get_data(as_text=True)
    assert (
        client.post(
            f"/partenaires/dossiers/{case.id}/responsable", data={"advisor_id": flow.alpa.id}
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/partenaires/dossiers/{case.id}/responsable", data={"advisor_id": flow.promis.id}
        ).status_code
        == 303
    )
    db.session.refresh(case)
    assert case.advisor_id == flow.promis.id
    assert {s.step.value for s in case.steps if s.done_on} == {"first_contact"}


def test_staff_oversight_reading_is_logged_and_notes_stay_with_the_partner(client, auth, flow):
    """What the privacy policy promises: staff may read a partner's case file for oversight, each
    reading goes to the access log; the notes stay hidden from employers and other partners; the
    candidate's own copy of their data holds them."""
    import json
    import zipfile

    from app.blueprints.privacy.services import export_data
    from app.models import AuditEvent

    flow.submit()
    case = svc.candidate_case(flow.candidate.candidate_profile)
    svc.add_note(case, flow.promis, "Cherche un logement près de l’usine.")
    db.session.commit()
    auth.login(flow.staff)
    assert "Cherche un logement" in client.get(f"/partenaires/dossiers/{case.id}").get_data(
        as_text=True
    )
    auth.logout()
    [event] = db.session.execute(
        db.select(AuditEvent).where(
            AuditEvent.action == "case.viewed", AuditEvent.actor_id == flow.staff.id
        )
    ).scalars()
    assert event.subject_id == case.id
    for outsider in (flow.alpa, flow.employer):
        auth.login(outsider)
        r = client.get(f"/partenaires/dossiers/{case.id}")
        assert r.status_code == 404 and b"Cherche un logement" not in r.data
        auth.logout()
    auth.login(flow.candidate)
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    assert f"{flow.staff.full_name}, équipe du programme" in page
    data = json.loads(zipfile.ZipFile(export_data(flow.candidate)).read("data.json"))
    assert data["case_file"]["notes"][0]["text"] == "Cherche un logement près de l’usine."


def test_the_advisor_sees_what_the_region_offers_the_candidates_partner(
    client, auth, flow, make_job
):
    """The case file shows the partner's prospects in the case's region, with their own status."""
    from app.models import Household, WorkStatus

    flow.submit()
    case = svc.candidate_case(flow.candidate.candidate_profile)
    make_job(
        flow.employer.organisation,
        noc="33102",
        title_fr="Préposée aux bénéficiaires",
        skills_required=["soins d'hygiène"],
        french_level_min=0,
    )
    auth.login(flow.promis)
    page = client.get(f"/partenaires/dossiers/{case.id}").get_data(as_text=True)
    assert 'id="family-title"' not in page  # the profile says nothing of a partner yet
    profile = flow.candidate.candidate_profile
    profile.household = Household.COUPLE
    profile.partner_occupation = "préposée aux bénéficiaires"
    profile.partner_skills = ["soins d'hygiène"]
    profile.partner_french_level = 8
    profile.work_status = WorkStatus.OPEN_WORK_PERMIT
    profile.partner_work_status = WorkStatus.NONE  # no right to work of their own yet
    db.session.commit()
    page = client.get(f"/partenaires/dossiers/{case.id}").get_data(as_text=True)
    assert 'id="family-title"' in page
    assert "Préposée aux bénéficiaires" not in page  # the job asks for a work permit
    profile.partner_work_status = WorkStatus.OPEN_WORK_PERMIT
    db.session.commit()
    page = client.get(f"/partenaires/dossiers/{case.id}").get_data(as_text=True)
    assert "Préposée aux bénéficiaires" in page
