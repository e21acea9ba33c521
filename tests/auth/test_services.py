"""Account services: sign-up, authentication, tokens."""

import pytest

from app.blueprints.auth import services as svc
from app.extensions import db
from app.models import EmployerOrganisation, MembershipStatus, Role, VettingStatus
from app.security import hash_password, verify_password
from tests.conftest import PASSWORD, link_in


def employer_data(neq="1234567890", region="02", municipality_id=None, name="Scierie Boréale"):
    return svc.EmployerData(
        organisation_name=name, neq=neq, region_code=region, municipality_id=municipality_id
    )


def test_register_candidate_records_consent_and_sends_verification(app, outbox):
    user = svc.register_candidate("  Amina@Example.org ", PASSWORD, "Amina Diallo", "fr_CA")
    db.session.commit()
    assert user.email == "amina@example.org"
    assert user.role == Role.CANDIDATE
    assert user.privacy_consent_at is not None
    assert user.privacy_consent_version == svc.PRIVACY_POLICY_VERSION
    assert user.password_hash.startswith("$argon2id$")
    assert not user.email_verified
    (mail,) = outbox("amina@example.org")
    assert mail.locale == "fr_CA"
    assert "Confirmez" in mail.subject or "Confirmer" in mail.subject


def test_email_is_unique_whatever_the_case(app, make_user):
    make_user(email="taken@example.org")
    with pytest.raises(svc.AccountError) as err:
        svc.create_user("TAKEN@example.org", PASSWORD, "X", Role.CANDIDATE)
    assert err.value.field == "email"


def test_employer_sign_up_creates_organisation_as_owner(app, reference):
    user = svc.register_employer("rh@scierie.example", PASSWORD, "Luc", "fr_CA", employer_data())
    db.session.commit()
    org = user.membership.organisation
    assert org.neq == "1234567890" and org.region_code == "02"
    assert user.membership.status == MembershipStatus.ACTIVE


def test_second_employer_with_same_neq_waits_for_approval(app, reference, outbox):
    owner = svc.register_employer(
        "owner@scierie.example", PASSWORD, "Owner", "en_CA", employer_data()
    )
    assert owner.organisation.vetting_status == VettingStatus.PENDING
    owner.organisation.vetting_status = VettingStatus.APPROVED
    newcomer = svc.register_employer(
        "new@scierie.example", PASSWORD, "Newcomer", "fr_CA", employer_data()
    )
    db.session.commit()
    assert newcomer.membership.organisation_id == owner.membership.organisation_id
    assert newcomer.membership.status == MembershipStatus.PENDING
    assert db.session.execute(db.select(db.func.count(EmployerOrganisation.id))).scalar_one() == 1
    request_mail = outbox("owner@scierie.example")[-1]
    assert request_mail.locale == "en_CA"
    assert "Newcomer" in request_mail.body


@pytest.mark.parametrize("state", [VettingStatus.PENDING, VettingStatus.REFUSED])
def test_same_neq_as_an_organisation_not_approved_is_refused(app, reference, state):
    owner = svc.register_employer(
        "owner@scierie.example", PASSWORD, "Owner", "fr_CA", employer_data()
    )
    owner.organisation.vetting_status = state
    db.session.commit()
    with pytest.raises(svc.AccountError) as err:
        svc.register_employer("new@scierie.example", PASSWORD, "New", "fr_CA", employer_data())
    assert (err.value.code, err.value.field) == (f"neq_{state.value}", "neq")


def test_municipality_must_belong_to_region(app, reference):
    from app.models import Municipality

    sherbrooke = db.session.execute(
        db.select(Municipality).filter_by(name="Sherbrooke")
    ).scalar_one()
    with pytest.raises(svc.AccountError) as err:
        svc.register_employer(
            "a@b.example",
            PASSWORD,
            "A",
            "fr_CA",
            employer_data(region="02", municipality_id=sherbrooke.id),
        )
    assert err.value.field == "municipality"


def test_authenticate(app, make_user):
    user = make_user(email="me@example.org")
    assert svc.authenticate("ME@example.org", PASSWORD) == user
    assert user.last_login_at is not None
    assert svc.authenticate("me@example.org", "wrong password") is None
    assert svc.authenticate("nobody@example.org", PASSWORD) is None


def test_authenticate_rehashes_weaker_hashes(app, make_user):
    user = make_user()
    app.config["ARGON2_TIME_COST"] = 2
    old = user.password_hash
    assert svc.authenticate(user.email, PASSWORD) == user
    assert user.password_hash != old
    assert verify_password(user.password_hash, PASSWORD) == (True, None)


def test_verify_email_token(app, make_user, outbox):
    user = make_user(verified=False)
    svc.send_verification_email(user)
    token = link_in(outbox(user.email)[-1].body).rsplit("/", 1)[1]
    assert svc.verify_email("garbage") is None
    assert svc.verify_email(token) == user
    assert user.email_verified


def test_verify_email_token_expires(app, make_user, outbox):
    user = make_user(verified=False)
    svc.send_verification_email(user)
    token = link_in(outbox(user.email)[-1].body).rsplit("/", 1)[1]
    app.config["EMAIL_TOKEN_MAX_AGE"] = -1
    assert svc.verify_email(token) is None


def test_reset_token_is_single_use_and_ends_sessions(app, make_user, outbox):
    user = make_user()
    version = user.session_version
    svc.request_password_reset(user.email)
    token = link_in(outbox(user.email)[-1].body).rsplit("/", 1)[1]
    assert svc.user_for_reset_token(token) == user
    svc.reset_password(user, "a brand new passphrase")
    assert user.session_version == version + 1
    assert svc.user_for_reset_token(token) is None
    assert svc.authenticate(user.email, "a brand new passphrase") == user


def test_reset_request_for_unknown_email_sends_nothing(app, outbox):
    svc.request_password_reset("ghost@example.org")
    assert outbox("ghost@example.org") == []


def test_mail_is_written_in_the_recipient_language(app, make_user, outbox):
    user = make_user(locale="en_CA", verified=False)
    svc.send_verification_email(user)
    mail = outbox(user.email)[-1]
    assert mail.subject == "Confirm your email address for Maillage"
    assert "open this link within three days" in mail.body


def test_hash_is_argon2id_with_configured_cost(app):
    h = hash_password("some long password")
    assert h.startswith("$argon2id$v=19$m=8,t=1,p=1$")
