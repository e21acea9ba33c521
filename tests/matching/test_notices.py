"""New-match notices after a recompute: each pair once, in the digest by default."""

import pytest

from app.blueprints.candidates.services import set_consents
from app.blueprints.matching import services
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    DigestItem,
    EmailChoice,
    MatchNotice,
    Notification,
    WorkStatus,
)
from app.notify import Preference, save_preferences


@pytest.fixture
def pair(make_employer, make_job, make_candidate):
    employer = make_employer(locale="en_CA")
    job = make_job(employer.organisation, skills_required=["soudure MIG", "lecture de plans"])
    user = make_candidate(
        occupation_codes=["72106"],
        skills=["soudure MIG", "lecture de plans"],
        region_codes=["02"],
    )
    user.candidate_profile.work_status = WorkStatus.OPEN_WORK_PERMIT
    db.session.commit()
    return employer, job, user


def _notes(user, kind):
    return list(
        db.session.execute(db.select(Notification).filter_by(user_id=user.id, kind=kind)).scalars()
    )


def test_a_candidate_hears_once_of_a_new_job_among_their_top_matches(app, pair, outbox):
    _employer, job, user = pair
    services.recompute_job(job)
    db.session.commit()
    [note] = _notes(user, "match_new_job")
    assert note.link == f"/postes/{job.id}"
    # Matches go to the daily digest by default: no email yet.
    assert outbox(user.email) == []
    assert db.session.execute(db.select(DigestItem).filter_by(user_id=user.id)).scalar_one()

    services.recompute_candidate(user.candidate_profile)
    services.recompute_job(job)
    db.session.commit()
    assert len(_notes(user, "match_new_job")) == 1  # once per pair


def test_the_threshold_the_candidate_sets_decides(app, pair, make_job, outbox):
    employer, _job, user = pair
    job = make_job(employer.organisation, skills_required=["soudure MIG", "cariste", "peinture"])
    services.recompute_job(job)
    db.session.commit()
    assert len(_notes(user, "match_new_job")) == 1  # the default rule: one of their best matches
    assert db.session.execute(db.select(MatchNotice)).scalar_one().audience == "candidate"
    job2 = make_job(employer.organisation, skills_required=["soudure MIG", "cariste", "peinture"])
    save_preferences(user, [Preference("matches", True, EmailChoice.IMMEDIATE, min_score=100)])
    db.session.commit()
    services.recompute_job(job2)
    db.session.commit()
    assert len(_notes(user, "match_new_job")) == 1  # below 100: no notice for the second job
    save_preferences(user, [Preference("matches", True, EmailChoice.IMMEDIATE, min_score=1)])
    db.session.commit()
    services.recompute_job(job2)
    db.session.commit()
    assert len(_notes(user, "match_new_job")) == 2
    assert len(outbox(user.email)) == 1  # "right away" now


def test_employer_hears_of_a_prequalified_candidate_entering_the_top(app, pair, make_job, outbox):
    employer, job, user = pair
    profile = user.candidate_profile
    set_consents(profile, True, True)
    services.recompute_job(job)
    db.session.commit()
    assert _notes(employer, "match_new_candidates") == []  # not pre-qualified yet

    other = make_job(employer.organisation, title_fr="Soudeur de nuit", title_en="Night welder")
    db.session.add(
        Application(job_id=other.id, candidate_id=profile.id, status=ApplicationStatus.PREQUALIFIED)
    )
    db.session.commit()
    services.recompute_job(job)
    db.session.commit()
    [note] = _notes(employer, "match_new_candidates")
    assert note.params["count"] == 1 and note.link.endswith(f"/postes/{job.id}/correspondances")
    services.recompute_candidate(profile)
    db.session.commit()
    assert len(_notes(employer, "match_new_candidates")) == 2  # the other job, once
    services.recompute_job(job)
    db.session.commit()
    assert len(_notes(employer, "match_new_candidates")) == 2
