"""Nudges before a session's deadline: each sent once, in the recipient's language."""

from datetime import timedelta

from app.blueprints.interviews import services as svc
from app.extensions import db
from app.models import Notification
from tests.interviews.test_flow import flow  # noqa: F401 - the interviews fixture


def _kinds(user) -> list[str]:
    return list(
        db.session.execute(
            db.select(Notification.kind).where(
                Notification.user_id == user.id, Notification.kind.like("friday_nudge%")
            )
        ).scalars()
    )


def test_employer_and_candidate_nudges_are_sent_once(app, flow, make_employer, make_job, outbox):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    idle = make_employer(locale="fr_CA")
    make_job(idle.organisation)
    svc.propose_candidates(employer, session, [applications[0].id])
    deadline = session.registration_deadline
    assert svc.send_nudges(deadline - timedelta(hours=72)) == 0  # too early
    assert svc.send_nudges(deadline - timedelta(hours=47)) == 1  # the idle employer only
    assert _kinds(idle) == ["friday_nudge_employer"] and _kinds(employer) == []
    assert "aucune personne candidate proposée" in outbox(idle.email)[-1].body
    assert svc.send_nudges(deadline - timedelta(hours=23)) == 1  # the unanswered proposal
    assert _kinds(candidates[0]) == ["friday_nudge_candidate"] and _kinds(candidates[1]) == []
    assert svc.send_nudges(deadline - timedelta(hours=1)) == 0  # each one once
    db.session.commit()
    assert _kinds(idle) == ["friday_nudge_employer"]
