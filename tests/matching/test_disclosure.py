"""Every disclosure to an employer is logged, and the candidate reads the log on a page."""

from app.extensions import db
from app.models import ApplyInvitation, AuditEvent
from tests.matching.test_services import world  # noqa: F401 - the matching fixture


def _shown(profile_id: int) -> list[AuditEvent]:
    return list(
        db.session.execute(
            db.select(AuditEvent).where(
                AuditEvent.action == "match.shown", AuditEvent.subject_id == profile_id
            )
        ).scalars()
    )


def test_each_anonymised_profile_shown_to_an_employer_is_logged(client, auth, world):  # noqa: F811
    employer, job, good, other, hidden = world
    from app.blueprints.matching import services

    services.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    client.get(f"/employeurs/postes/{job.id}/correspondances")
    shown = _shown(good.candidate_profile.id)
    assert len(shown) == 1 and shown[0].actor_id == employer.id
    assert shown[0].detail["job"] == job.id
    assert _shown(hidden.candidate_profile.id) == []  # not shown (no consent): not logged
    # Seen again the same day: nothing more to log (the log says who saw it, and on which day).
    client.get(f"/employeurs/postes/{job.id}/correspondances")
    assert len(_shown(good.candidate_profile.id)) == 1
    # Seen on another day: logged again.
    from datetime import timedelta

    shown[0].created_at -= timedelta(days=1)
    db.session.commit()
    client.get(f"/employeurs/postes/{job.id}/correspondances")
    assert len(_shown(good.candidate_profile.id)) == 2


def test_one_invitation_per_job_and_candidate(client, auth, world):  # noqa: F811
    employer, job, good, *_ = world
    from app.blueprints.matching import services

    services.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    url = f"/employeurs/postes/{job.id}/correspondances/{good.candidate_profile.id}/inviter"
    assert client.post(url).status_code == 303
    second = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "You already invited this person" in second
    assert "Invitation sent to candidate" in second  # the button is replaced by the state
    count = db.session.execute(db.select(db.func.count(ApplyInvitation.id))).scalar_one()
    assert count == 1


def test_the_candidate_sees_who_accessed_their_information(client, auth, world):  # noqa: F811
    employer, job, good, *_ = world
    from app.blueprints.matching import services

    services.recompute_job(job)
    db.session.commit()
    auth.login(good)
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    assert "Personne n’a encore consulté vos renseignements." in page
    auth.logout()
    auth.login(employer)
    client.get(f"/employeurs/postes/{job.id}/correspondances")
    client.post(f"/employeurs/postes/{job.id}/correspondances/{good.candidate_profile.id}/inviter")
    auth.logout()
    auth.login(good)
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    section = page[page.index('id="accesses"') :]
    assert employer.organisation.name in section
    assert "a vu votre profil anonymisé" in section
    assert "vous a envoyé une invitation à postuler" in section
