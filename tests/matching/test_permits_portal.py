"""The portal's own ranking obeys the work-permit rules (not only `flask match rank`)."""

from app.extensions import db


def test_a_closed_permit_for_another_employer_is_not_authorised_in_the_portal(
    app, make_employer, make_job, make_candidate
):
    """The stored ranking obeys the permit rules: the profile's named employer, the job's support."""
    from app.blueprints.matching import services
    from app.models import MatchResult, PermitSupport, WorkStatus

    employer = make_employer()
    org = employer.organisation
    job = make_job(org, skills_required=["soudure MIG"], permit_support=PermitSupport.NONE)
    other = make_candidate(
        email="closed@example.org",
        occupation_codes=["72106"],
        skills=["soudure MIG"],
        region_codes=["02"],
    )
    mine = make_candidate(
        email="mine@example.org",
        occupation_codes=["72106"],
        skills=["soudure MIG"],
        region_codes=["02"],
    )
    for user, neq in ((other, "1111111111"), (mine, org.neq)):
        profile = user.candidate_profile
        profile.work_status = WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT
        profile.permit_employer_neq = neq
    db.session.commit()
    services.recompute_job(job)
    db.session.commit()
    eligible = dict(
        db.session.execute(
            db.select(MatchResult.candidate_id, MatchResult.eligible).where(
                MatchResult.job_id == job.id
            )
        ).all()
    )
    assert eligible[mine.candidate_profile.id] is True
    assert eligible.get(other.candidate_profile.id) is not True
    job.permit_support = PermitSupport.LMIA_OBTAINED
    db.session.commit()
    services.recompute_job(job)
    db.session.commit()
    row = db.session.execute(
        db.select(MatchResult.eligible).where(
            MatchResult.job_id == job.id, MatchResult.candidate_id == other.candidate_profile.id
        )
    ).scalar_one()
    assert row is True
