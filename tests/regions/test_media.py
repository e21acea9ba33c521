"""Region media: library, player, Range, publishing rules, testimonials, access and bad input."""

import io
import shutil

import pytest

from app import models
from app.extensions import db
from app.models import Role, Video, VideoStatus
from app.seed import demo_vtt

needs_ffmpeg = pytest.mark.skipif(
    not shutil.which("ffmpeg"), reason="Debian package ffmpeg not installed"
)

VTT_FR = demo_vtt(["Bonjour et bienvenue.", "Notre région vous attend."]).encode()
VTT_EN = demo_vtt(["Hello and welcome.", "Our region awaits you."]).encode()


@pytest.fixture(scope="module")
def webm(tmp_path_factory):
    from app.media.video import make_demo_clip

    path = tmp_path_factory.mktemp("clip") / "clip.webm"
    if not shutil.which("ffmpeg") or not make_demo_clip(path, seconds=2):
        pytest.skip("Debian package ffmpeg not installed")
    return path.read_bytes()


def video_form(webm: bytes | None, **overrides):
    data = {
        "region": "02",
        "kind": "organisation",
        "language": "fr",
        "noc": "",
        "title_fr": "Bienvenue",
        "title_en": "Welcome",
        "description_fr": "Description gardée",
        "captions_fr": (io.BytesIO(VTT_FR), "fr.vtt"),
        "captions_en": (io.BytesIO(VTT_EN), "en.vtt"),
    }
    if webm is not None:
        data["file"] = (io.BytesIO(webm), "clip.webm")
    data.update(overrides)
    return data


def _publish(client, video_id):
    for status in ("in_review", "published"):
        client.post(f"/regions/publication/videos/{video_id}/statut", data={"status": status})


@needs_ffmpeg
def test_staff_uploads_publishes_and_anyone_plays_with_range(
    client, auth, make_user, reference, webm
):
    auth.login(make_user(Role.STAFF))
    r = client.post(
        "/regions/publication/videos/nouvelle",
        data=video_form(webm),
        content_type="multipart/form-data",
    )
    assert r.status_code == 303
    video = db.session.execute(db.select(Video)).scalar_one()
    assert (
        video.poster_key and video.file_mime == "video/webm" and video.status == VideoStatus.DRAFT
    )
    _publish(client, video.id)
    db.session.refresh(video)
    assert video.status == VideoStatus.PUBLISHED
    auth.logout()
    html = client.get(f"/regions/videos/{video.id}").get_data(as_text=True)
    assert 'srclang="fr"' in html and 'srclang="en"' in html and "default" in html
    assert html.count("data-cue-start") == 2 and "Bonjour et bienvenue." in html
    with client.get(f"/regions/videos/{video.id}/fichier", headers={"Range": "bytes=10-29"}) as r:
        assert r.status_code == 206 and r.data == webm[10:30]
        assert r.headers["Content-Range"] == f"bytes 10-29/{len(webm)}"
    assert (
        client.get(f"/regions/videos/{video.id}/sous-titres-en.vtt")
        .get_data(as_text=True)
        .startswith("WEBVTT")
    )
    db.session.refresh(video)
    assert video.views == 1


def test_renamed_executable_and_broken_captions_keep_the_other_fields(
    client, auth, make_user, reference
):
    auth.login(make_user(Role.STAFF))
    exe = b"MZ\x90\x00" + b"\x00" * 400
    r = client.post(
        "/regions/publication/videos/nouvelle",
        data=video_form(None, file=(io.BytesIO(exe), "clip.mp4")),
        content_type="multipart/form-data",
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="file-error"' in html and "Description gardée" in html
    broken = b"WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nBonjour\n"
    r = client.post(
        "/regions/publication/videos/nouvelle",
        data=video_form(
            None, file=(io.BytesIO(exe), "clip.mp4"), captions_fr=(io.BytesIO(broken), "fr.vtt")
        ),
        content_type="multipart/form-data",
    )
    html = r.get_data(as_text=True)
    assert (
        r.status_code == 200
        and 'id="captions_fr-error"' in html
        and "3" in html
        and 'value="Bienvenue"' in html
    )
    assert db.session.execute(db.select(db.func.count(Video.id))).scalar_one() == 0


@needs_ffmpeg
def test_publishing_needs_both_captions(client, auth, make_user, reference, webm):
    auth.login(make_user(Role.STAFF))
    client.post(
        "/regions/publication/videos/nouvelle",
        data=video_form(webm, captions_en=(io.BytesIO(b""), "")),
        content_type="multipart/form-data",
    )
    video = db.session.execute(db.select(Video)).scalar_one()
    assert video.captions_fr and not video.captions_en
    _publish(client, video.id)
    db.session.refresh(video)
    assert video.status == VideoStatus.IN_REVIEW
    assert client.get(f"/regions/videos/{video.id}").status_code == 200  # staff preview
    auth.logout()
    assert client.get(f"/regions/videos/{video.id}").status_code == 404
    assert client.get(f"/regions/videos/{video.id}/fichier").status_code == 404


@needs_ffmpeg
def test_partner_publishes_only_in_its_regions(client, auth, make_user, reference, webm):
    from app.models import PartnerOrganisation

    promis = db.session.execute(
        db.select(PartnerOrganisation).filter_by(code="promis")
    ).scalar_one()
    auth.login(make_user(Role.PARTNER, partner=promis))
    r = client.post(
        "/regions/publication/videos/nouvelle",
        data=video_form(webm, region="05"),
        content_type="multipart/form-data",
    )
    assert r.status_code == 200 and db.session.execute(db.select(Video)).first() is None
    assert (
        client.post(
            "/regions/publication/videos/nouvelle",
            data=video_form(webm, region="02"),
            content_type="multipart/form-data",
        ).status_code
        == 303
    )
    auth.logout()
    auth.login(make_user(Role.CANDIDATE))
    video = db.session.execute(db.select(Video)).scalar_one()
    assert client.get(f"/regions/publication/videos/{video.id}").status_code == 404
    assert client.get("/regions/publication/videos").status_code == 403


def test_library_filters_with_htmx_in_both_languages(lclient, lang, app, reference):
    from app.models.base import utcnow

    for region, kind, language in (("02", "organisation", "fr"), ("05", "region_tour", "en")):
        db.session.add(
            Video(
                region_code=region,
                kind=kind,
                language=language,
                title_fr=f"Vidéo {region}",
                title_en=f"Video {region}",
                status=VideoStatus.PUBLISHED,
                published_at=utcnow(),
                captions_fr="WEBVTT\n",
                captions_en="WEBVTT\n",
            )
        )
    db.session.add(
        Video(region_code="02", kind="employer", title_fr="Brouillon", status=VideoStatus.DRAFT)
    )
    db.session.commit()
    html = lclient.get("/regions/videos").get_data(as_text=True)
    assert ("Vidéo 02" in html) if lang == "fr" else ("Video 02" in html)
    assert "Brouillon" not in html
    frag = lclient.get(
        "/regions/videos?region=05&language=en", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert (
        "<html" not in frag and ("Vidéo 05" in frag or "Video 05" in frag) and "02</a>" not in frag
    )


def test_testimonial_needs_consent_and_withdrawal_hides_it(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF))
    data = {
        "region": "02",
        "first_name": "Mariana",
        "country_of_origin": "Colombie",
        "text_fr": "Très bien ici.",
    }
    r = client.post("/regions/publication/regions/saguenay-lac-saint-jean/temoignages", data=data)
    assert r.status_code == 200 and 'id="consent-error"' in r.get_data(as_text=True)
    client.post(
        "/regions/publication/regions/saguenay-lac-saint-jean/temoignages",
        data={**data, "consent": "y"},
    )
    assert "Très bien ici." in client.get("/regions/saguenay-lac-saint-jean").get_data(as_text=True)
    testimonial = db.session.execute(db.select(models.Testimonial)).scalar_one()
    client.post(f"/regions/publication/temoignages/{testimonial.id}/retirer")
    assert "Très bien ici." not in client.get("/regions/saguenay-lac-saint-jean").get_data(
        as_text=True
    )


def test_staff_edits_region_description_and_organisations(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF))
    client.post(
        "/regions/publication/regions/estrie", data={"description_fr": "Des collines et des lacs."}
    )
    r = client.post(
        "/regions/publication/regions/estrie/organisations",
        data={"name": "Accueil Estrie", "website": "pas une url"},
    )
    assert r.status_code == 200 and 'value="Accueil Estrie"' in r.get_data(as_text=True)
    client.post(
        "/regions/publication/regions/estrie/organisations",
        data={"name": "Accueil Estrie", "phone": "819 555-0101"},
    )
    html = client.get("/regions/estrie").get_data(as_text=True)
    assert (
        "Des collines et des lacs." in html and "Accueil Estrie" in html and "819 555-0101" in html
    )


def test_region_directory_lists_cities_and_open_jobs_in_two_queries(
    client, make_employer, make_job, count_queries
):
    make_job(make_employer(region="02").organisation)
    with count_queries() as queries:
        html = client.get("/regions/").get_data(as_text=True)
    assert html.count('class="card') == 17 and "Alma" in html
    assert "/postes?region=02" in html and "1 poste" in html
    assert len(queries) <= 4


def test_organisation_removal_and_access(client, auth, make_user, reference):
    from app.models import LocalOrganisation, PartnerOrganisation

    org = LocalOrganisation(region_code="05", name="Accueil Estrie")
    db.session.add(org)
    db.session.commit()
    promis = db.session.execute(
        db.select(PartnerOrganisation).filter_by(code="promis")
    ).scalar_one()
    auth.login(make_user(Role.PARTNER, partner=promis))  # PROMIS does not serve Estrie
    assert client.post(f"/regions/publication/organisations/{org.id}/supprimer").status_code == 404
    assert client.get("/regions/publication/regions/estrie").status_code == 404
    auth.logout()
    auth.login(make_user(Role.STAFF))
    assert client.post(f"/regions/publication/organisations/{org.id}/supprimer").status_code == 303
    assert db.session.get(LocalOrganisation, org.id) is None


def test_testimonial_country_and_occupation_in_the_readers_language(
    client, auth, make_user, reference, lclient, lang
):
    auth.login(make_user(Role.STAFF))
    client.post(
        "/regions/publication/regions/saguenay-lac-saint-jean/temoignages",
        data={
            "first_name": "Mariana",
            "country_of_origin": "Colombie",
            "country_of_origin_en": "Colombia",
            "occupation": "Ingénieure",
            "occupation_en": "Engineer",
            "arrival_year": "2022",
            "text_fr": "Très bien ici.",
            "consent": "y",
        },
    )
    html = lclient.get("/regions/saguenay-lac-saint-jean").get_data(as_text=True)
    if lang == "en":
        assert "Mariana, Colombia · Engineer · arrived in 2022" in html
    else:
        assert "Mariana, Colombie · Ingénieure · au Québec depuis 2022" in html


def test_testimonial_service_keeps_its_positional_signature(app, reference):
    """Callers written before the English fields (the demo data) still work unchanged."""
    from app.blueprints.regions.media_services import add_testimonial

    region = db.session.get(models.Region, "02")
    t = add_testimonial(region, "Ana", "Pérou", "Soudeuse", 2021, "Bien.", "", True)
    assert (t.country("en_CA"), t.occupation_in("en_CA")) == ("Pérou", "Soudeuse")
    t2 = add_testimonial(
        region=region,
        first_name="Ana",
        country="Pérou",
        occupation="Soudeuse",
        arrival_year=None,
        text_fr="",
        text_en="Good.",
        consent=True,
        country_en="Peru",
        occupation_en="Welder",
    )
    assert (t2.country("en_CA"), t2.occupation_in("fr_CA")) == ("Peru", "Soudeuse")
