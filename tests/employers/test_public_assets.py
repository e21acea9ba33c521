"""An organisation's public profile and logo are public only once the program approved it."""

import io

import pytest

from app.extensions import db
from app.models import Role, VettingStatus
from app.storage import save_file
from tests.conftest import PASSWORD

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


@pytest.fixture
def owner(app, tmp_path, make_employer):
    """The owner of a pending organisation that has uploaded a logo."""
    app.config["UPLOAD_DIR"] = str(tmp_path)
    user = make_employer(vetting=VettingStatus.PENDING)
    org = user.organisation
    org.logo_key, org.logo_mime = save_file(io.BytesIO(PNG), "png"), "image/png"
    db.session.commit()
    return user


def _sign_in(client, user):
    client.post("/connexion", data={"email": user.email, "password": PASSWORD})


@pytest.mark.parametrize("vetting", [VettingStatus.PENDING, VettingStatus.REFUSED])
@pytest.mark.parametrize("viewer", ["anonymous", "candidate", "other_employer"])
def test_outsiders_get_404_for_an_unapproved_logo_and_profile(
    client, owner, make_user, make_employer, vetting, viewer
):
    org = owner.organisation
    org.vetting_status = vetting
    db.session.commit()
    if viewer == "candidate":
        _sign_in(client, make_user(Role.CANDIDATE))
    elif viewer == "other_employer":
        _sign_in(client, make_employer())
    with client.get(f"/employeurs/{org.id}/logo") as r:
        assert r.status_code == 404
    assert client.get(f"/employeurs/{org.id}").status_code == 404


@pytest.mark.parametrize("viewer", ["member", "staff"])
def test_members_and_staff_see_an_unapproved_logo(client, owner, make_user, viewer):
    _sign_in(client, owner if viewer == "member" else make_user(Role.STAFF))
    with client.get(f"/employeurs/{owner.organisation.id}/logo") as r:
        assert r.status_code == 200 and r.data == PNG


def test_an_approved_logo_is_public(client, owner):
    owner.organisation.vetting_status = VettingStatus.APPROVED
    db.session.commit()
    with client.get(f"/employeurs/{owner.organisation.id}/logo") as r:
        assert r.status_code == 200 and r.data == PNG
