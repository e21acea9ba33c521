"""Privacy services: consents, the data download, erasure and the retention policy."""

import io
import json
import zipfile
from datetime import timedelta

import pytest

from app.blueprints.auth.services import authenticate
from app.blueprints.candidates.services import get_profile, record_cv_access, set_consents
from app.blueprints.matching.services import candidates_for_job, recompute_job
from app.blueprints.privacy import services as svc
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    CandidateProfile,
    CaseNote,
    ConsentPurpose,
    ConsentRecord,
    EmployerMembership,
    EmployerOrganisation,
    FundingInfoItem,
    FundingMessage,
    FundingReceipt,
    FundingRequest,
    FundingStatus,
    HumanReviewRequest,
    Notification,
    OutboxMessage,
    Role,
    User,
)
from app.models.base import utcnow
from app.models.privacy import PRIVACY_POLICY_VERSION
from app.storage import file_path
from tests.conftest import PASSWORD


def _records(user: User) -> list[tuple[str, bool]]:
    return [(r.purpose.value, r.given) for r in reversed(svc.consent_history(user))]


# ---------------------------------------------------------------- consents


def test_set_consents_writes_a_versioned_record_for_each_change(make_candidate):
    user = make_candidate(staff_review=False)
    profile = user.candidate_profile
    set_consents(profile, True, False)
    set_consents(profile, True, True)
    set_consents(profile, True, True)  # no change, no record
    set_consents(profile, False, True)
    db.session.commit()
    assert _records(user) == [
        ("staff_review", True),
        ("employer_display", True),
        ("staff_review", False),
    ]
    assert {r.policy_version for r in svc.consent_history(user)} == {PRIVACY_POLICY_VERSION}


def test_testimonial_consent_is_given_and_withdrawn_with_records(make_candidate):
    user = make_candidate(staff_review=False)
    assert svc.current_consents(user)[ConsentPurpose.TESTIMONIAL] is False
    assert svc.set_consent(user, ConsentPurpose.TESTIMONIAL, True)
    assert not svc.set_consent(user, ConsentPurpose.TESTIMONIAL, True)
    assert svc.current_consents(user)[ConsentPurpose.TESTIMONIAL] is True
    svc.set_consent(user, ConsentPurpose.TESTIMONIAL, False)
    db.session.commit()
    assert svc.current_consents(user)[ConsentPurpose.TESTIMONIAL] is False
    assert _records(user) == [("testimonial", True), ("testimonial", False)]
    # The other consents are untouched.
    assert user.candidate_profile.consents_to_staff_review is False


def test_withdrawing_employer_display_hides_the_candidate_from_employers_at_once(
    make_candidate, make_employer, make_job
):
    employer = make_employer(region="02")
    job = make_job(employer.organisation, skills_required=["soudage"])
    user = make_candidate(skills=["soudage"], region_codes=["02"], occupation_codes=["72106"])
    svc.set_consent(user, ConsentPurpose.EMPLOYER_DISPLAY, True)
    recompute_job(job)
    db.session.commit()
    shown = [m.candidate_id for m in candidates_for_job(job, consenting_only=True)]
    assert user.candidate_profile.id in shown
    svc.set_consent(user, ConsentPurpose.EMPLOYER_DISPLAY, False)
    db.session.commit()
    shown = [m.candidate_id for m in candidates_for_job(job, consenting_only=True)]
    assert user.candidate_profile.id not in shown
    assert ("employer_display", False) in _records(user)


# ---------------------------------------------------------------- the data download


def _zip(buffer: io.BytesIO) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(buffer)
    return json.loads(archive.read("data.json")), archive


def test_export_holds_everything_about_the_candidate_and_their_files(rich, make_candidate):
    flow, paid, cancelled, case = rich
    user = flow.candidate
    stranger = make_candidate(email="other@example.org", full_name="Zora Stranger")
    record_cv_access(flow.staff, user.candidate_profile)
    svc.set_consent(user, ConsentPurpose.TESTIMONIAL, True)
    svc.request_review(user, "Pourquoi ce classement ?")
    db.session.commit()

    data, archive = _zip(svc.export_data(user))
    db.session.commit()

    assert data["account"]["email"] == "amina@example.org"
    assert "password_hash" not in data["account"]
    assert data["candidate_profile"]["french_level"] == 8
    assert data["candidate_profile"]["cv_file"] == "files/cv/cv-amina.pdf"
    [application] = data["applications"]
    assert application["status"] == "interviewed"
    assert [e["to"] for e in application["events"]][-1] == "interviewed"
    requests = {r["id"]: r for r in data["funding_requests"]}
    assert requests[paid.id]["payment_reference"] == "VIR-2026-001"
    assert requests[paid.id]["checklist"][0]["answer"] == "Permis du Québec 123"
    assert requests[paid.id]["messages"][0] == {
        "from": "you",
        "body": "Merci pour votre aide.",
        "when": requests[paid.id]["messages"][0]["when"],
    }
    receipt = requests[paid.id]["receipts"][0]
    assert receipt["file"].startswith("files/receipts/") and receipt["file"] in archive.namelist()
    assert requests[cancelled.id]["status"] == "cancelled"
    assert data["case_file"]["partner"] == "PROMIS"
    assert data["case_file"]["notes"][0]["text"] == "Cherche un logement à Chicoutimi."
    assert len(data["case_file"]["steps"]) > 3
    assert data["notifications"], "the candidate was told of each funding decision"
    assert ("testimonial", True) in [(r["purpose"], r["given"]) for r in data["consent_records"]]
    assert data["human_review_requests"][0]["message"] == "Pourquoi ce classement ?"
    # The files themselves.
    assert archive.read("files/cv/cv-amina.pdf").startswith(b"%PDF")
    assert archive.read(receipt["file"]).startswith(b"%PDF")
    # The access log: who (name and role) opened the CV, changed the funding request, the case.
    log = data["access_log"]
    cv = [e for e in log if e["action"] == "cv_viewed"]
    assert cv and cv[0]["by"]["name"] == flow.staff.full_name
    assert cv[0]["by"]["role"] == "staff" and cv[0]["when"]
    paid_by = [e for e in log if e["subject"] == {"type": "funding_request", "id": paid.id}]
    assert {e["by"]["role"] for e in paid_by} >= {"partner", "candidate"}
    assert any(e["subject"]["type"] == "case_file" and e["action"] == "case.note" for e in log)
    # Nothing about anyone else.
    text = archive.read("data.json").decode()
    assert "Zora Stranger" not in text and stranger.email not in text
    assert flow.employer.email not in text
    # The download itself is logged.
    assert db.session.execute(
        db.select(AuditEvent).filter_by(action="privacy.export", subject_id=user.id)
    ).scalar_one()


def test_export_for_an_employer_holds_the_account_and_membership(make_employer):
    employer = make_employer(name="Scierie du Nord")
    data, archive = _zip(svc.export_data(employer))
    assert data["account"]["role"] == "employer"
    assert data["organisation_membership"]["organisation"] == "Scierie du Nord"
    assert data["organisation_membership"]["role"] == "owner"
    assert "candidate_profile" not in data
    assert archive.namelist() == ["data.json"]


# ---------------------------------------------------------------- erasure


def test_erasure_erases_personal_data_and_keeps_anonymised_accounting(rich):
    flow, paid, cancelled, case = rich
    user, profile = flow.candidate, flow.candidate.candidate_profile
    cv_path, receipt_path = file_path(profile.cv_key), file_path(paid.receipts[0].file_key)
    assert cv_path.exists() and receipt_path.exists()
    svc.set_consent(user, ConsentPurpose.TESTIMONIAL, True)
    db.session.commit()
    version, user_id, paid_id, cancelled_id = user.session_version, user.id, paid.id, cancelled.id
    name = user.full_name
    amount = paid.paid_cents
    employer_notes = db.session.execute(
        db.select(Notification).where(Notification.user_id == flow.employer.id)
    ).scalars()
    assert any(n.params.get("candidate") == name for n in employer_notes)

    svc.erase_account(user)
    db.session.commit()
    db.session.expire_all()

    user = db.session.get(User, user_id)
    assert user.email == f"deleted-{user_id}@deleted.invalid"
    assert user.full_name == "" and not user.active and user.deleted_at is not None
    assert user.session_version == version + 1
    assert authenticate(f"deleted-{user_id}@deleted.invalid", PASSWORD) is None
    assert authenticate("amina@example.org", PASSWORD) is None
    # The administrators' search index forgets the name and the address too.
    from app.blueprints.staff.services import search_users

    assert search_users("amina", None, 1)[1] == 0
    assert user.search_text.split() == ["deleted", str(user_id), "deleted", "invalid"]
    profile = db.session.get(CandidateProfile, profile.id)
    assert profile.phone == "" and profile.french_level is None and profile.skills == []
    assert profile.work_status is None and profile.occupations == [] and profile.cv_key is None
    assert not profile.consents_to_staff_review and not profile.consents_to_employer_display
    assert not cv_path.exists() and not receipt_path.exists()
    # The open application is withdrawn, its text is gone.
    application = db.session.get(Application, flow.application.id)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert all(e.note == "" for e in application.events)
    # Nothing personal left in the person's own rows.
    for model, column in (
        (Notification, Notification.user_id),
        (ConsentRecord, ConsentRecord.user_id),
        (HumanReviewRequest, HumanReviewRequest.user_id),
    ):
        assert db.session.execute(db.select(model).where(column == user_id)).first() is None
    assert not db.session.execute(
        db.select(OutboxMessage).filter_by(recipient="amina@example.org")
    ).first()
    assert not db.session.execute(db.select(CaseNote).filter_by(case_id=case.id)).first()
    # Other people's notifications no longer name the candidate.
    employer_notes = db.session.execute(
        db.select(Notification).where(Notification.user_id == flow.employer.id)
    ).scalars()
    assert all(n.params.get("candidate") != name for n in employer_notes)
    # Funding: the paid request is kept, anonymised; the never-paid one is gone.
    assert db.session.get(FundingRequest, cancelled_id) is None
    kept = db.session.get(FundingRequest, paid_id)
    assert kept.status == FundingStatus.PAID and kept.paid_cents == amount
    assert kept.payment_reference == "VIR-2026-001" and kept.paid_on is not None
    assert kept.partner.code == "promis" and kept.destination.region_code == "02"
    assert kept.note == "" and kept.origin_id == kept.destination_id
    assert (
        db.session.execute(db.select(FundingReceipt).filter_by(request_id=paid_id)).first() is None
    )
    assert all(
        m.body == ""
        for m in db.session.execute(
            db.select(FundingMessage).filter_by(request_id=paid_id)
        ).scalars()
    )
    assert all(
        i.answer == ""
        for i in db.session.execute(
            db.select(FundingInfoItem).filter_by(request_id=paid_id)
        ).scalars()
    )
    # The audit log stays, so the program can still show who saw what.
    assert db.session.execute(
        db.select(AuditEvent).filter_by(action="privacy.erased", subject_id=user_id)
    ).scalar_one()


def test_erasure_of_an_employer_removes_the_membership_but_not_the_organisation(make_employer):
    employer = make_employer(name="Scierie du Nord")
    org_id = employer.organisation.id
    svc.erase_account(employer)
    db.session.commit()
    assert db.session.execute(db.select(EmployerMembership)).first() is None
    assert db.session.get(EmployerOrganisation, org_id).name == "Scierie du Nord"
    assert employer.email.endswith("@deleted.invalid")


def test_an_erased_profile_is_never_ranked_again(make_candidate, make_employer, make_job):
    employer = make_employer(region="02")
    job = make_job(employer.organisation, skills_required=["soudage"])
    user = make_candidate(skills=["soudage"], region_codes=["02"], occupation_codes=["72106"])
    profile_id = user.candidate_profile.id
    svc.erase_account(user)
    recompute_job(job)
    db.session.commit()
    assert profile_id not in [m.candidate_id for m in candidates_for_job(job, False)]


def test_delete_own_account_needs_the_password_and_a_candidate_or_employer(
    make_candidate, make_user
):
    user = make_candidate()
    with pytest.raises(svc.PrivacyError) as err:
        svc.delete_own_account(user, "wrong password!")
    assert err.value.code == "wrong_password" and user.deleted_at is None
    staff = make_user(Role.STAFF)
    with pytest.raises(svc.PrivacyError):
        svc.delete_own_account(staff, PASSWORD)
    svc.delete_own_account(user, PASSWORD)
    assert user.deleted_at is not None


# ---------------------------------------------------------------- retention


def _months_ago(months: int):
    return svc._months_before(utcnow(), months)


def test_purge_warns_inactive_candidates_then_erases_them_30_days_later(
    make_candidate, make_user, outbox
):
    idle = make_candidate(email="idle@example.org", locale="en_CA")
    idle.last_login_at = _months_ago(24) - timedelta(days=1)
    never = make_candidate(email="never@example.org")
    never.created_at = _months_ago(25)
    recent = make_candidate(email="recent@example.org")
    recent.last_login_at = _months_ago(23)
    staff = make_user(Role.STAFF, last_login_at=_months_ago(30))
    db.session.commit()

    report = svc.purge()
    db.session.commit()
    assert (report.warned, report.erased) == (2, 0)
    [mail] = outbox("idle@example.org")
    assert "deleted" in mail.subject and "24 months" in mail.body
    assert idle.retention_warned_at is not None and never.retention_warned_at is not None
    assert recent.retention_warned_at is None and staff.retention_warned_at is None

    # Not yet 30 days: no second warning, no erasure.
    report = svc.purge(utcnow() + timedelta(days=29))
    assert (report.warned, report.erased) == (0, 0)
    assert len(outbox("idle@example.org")) == 1

    report = svc.purge(utcnow() + timedelta(days=31))
    db.session.commit()
    assert report.erased == 2
    assert idle.deleted_at is not None and never.deleted_at is not None
    assert recent.deleted_at is None and staff.deleted_at is None and staff.active


def test_signing_in_again_cancels_the_erasure(make_candidate):
    user = make_candidate(email="back@example.org")
    user.last_login_at = _months_ago(25)
    db.session.commit()
    svc.purge()
    assert user.retention_warned_at is not None
    assert authenticate("back@example.org", PASSWORD) is user
    db.session.commit()
    assert user.retention_warned_at is None
    report = svc.purge(utcnow() + timedelta(days=31))
    db.session.commit()
    assert report.erased == 0 and user.deleted_at is None


def test_anonymised_funding_is_deleted_after_seven_years_and_kept_before(rich, make_candidate):
    flow, paid, cancelled, case = rich
    svc.erase_account(flow.candidate)
    db.session.commit()
    paid_id = paid.id
    now = utcnow()

    svc.purge(now)
    assert db.session.get(FundingRequest, paid_id) is not None

    # Six years after the payment: still kept.
    paid.paid_on = (now - timedelta(days=6 * 365)).date()
    db.session.commit()
    assert svc.purge(now).funding_deleted == 0

    paid.paid_on = (now - timedelta(days=7 * 365 + 3)).date()
    db.session.commit()
    assert svc.purge(now).funding_deleted == 1
    db.session.commit()
    assert db.session.get(FundingRequest, paid_id) is None
    assert db.session.execute(
        db.select(AuditEvent).filter_by(action="privacy.funding_purged", subject_id=paid_id)
    ).scalar_one()


def test_never_paid_anonymised_funding_counts_from_its_last_update(rich):
    flow, paid, cancelled, case = rich
    approved = flow.submit(depart_on=later_day(paid.depart_on, 30))
    from app.blueprints.funding.services import approve

    approve(approved, flow.promis, approved.requested_cents, "", None)
    db.session.commit()
    svc.erase_account(flow.candidate)
    db.session.commit()
    assert approved.status == FundingStatus.APPROVED  # money still owed: kept, anonymised
    now = utcnow()
    assert svc.purge(now + timedelta(days=6 * 365)).funding_deleted == 0
    # The paid one went 7 years after its payment (a week from now), the approved one after its
    # last update.
    assert svc.purge(now + timedelta(days=7 * 366 + 30)).funding_deleted == 2


def test_funding_of_a_live_account_is_never_purged(rich):
    flow, paid, cancelled, case = rich
    paid.paid_on = paid.paid_on - timedelta(days=10 * 365)
    db.session.commit()
    assert svc.purge().funding_deleted == 0
    assert get_profile(flow.candidate).id == paid.candidate_id


def later_day(day, days: int):
    return day + timedelta(days=days)
