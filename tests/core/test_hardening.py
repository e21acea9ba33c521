"""Bounded integers, cache headers and download names (issue 17)."""

import io

import pytest

from app.forms import MAX_DB_INT, arg_int, page_offset, parse_int
from app.storage import attachment_header, clean_download_name
from tests.candidates.test_routes import PDF


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("²", None), ("9" * 30, None), ("-3", None), ("", None)],
)
def test_parse_int_accepts_only_plain_bounded_digits(text, expected):
    assert parse_int(text) == expected


def test_page_offset_never_leaves_the_database_integer():
    assert page_offset(1, 20) == 0 and page_offset(3, 20) == 40
    assert page_offset(-5, 20) == 0
    assert page_offset(10**30, 20) <= MAX_DB_INT


def test_arg_int_falls_back_on_junk(app):
    with app.test_request_context("/?page=%FF%FE&n=42&big=" + "9" * 30):
        assert arg_int("page", 1, low=1) == 1
        assert arg_int("n", 1) == 42
        assert arg_int("big", 5) == 5
        assert arg_int("missing") is None


@pytest.mark.parametrize("bad", ["9" * 20, str(2**31), "1" * 40])
def test_huge_ids_in_paths_are_404(client, bad):
    assert client.get(f"/postes/{bad}").status_code == 404


def test_huge_page_numbers_show_a_page(client, reference):
    assert client.get("/postes?page=" + "9" * 30).status_code == 200


def test_signed_in_pages_are_never_stored(client, auth, make_user):
    public = client.get("/")
    assert "no-store" not in public.headers.get("Cache-Control", "")
    assert "Cookie" in public.headers.get("Vary", "")
    auth.login(make_user())
    private = client.get("/compte/")
    assert private.status_code == 200
    assert private.headers["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mon cv.pdf", "mon cv.pdf"),
        ("cv\x00\r\nevil.pdf", "cv evil.pdf"),
        ("cv\u202efdp.exe", "cvfdp.exe"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("\x00\x01", "fichier"),
        ("Curriculum été.pdf", "Curriculum été.pdf"),
    ],
)
def test_download_names_are_cleaned(name, expected):
    assert clean_download_name(name) == expected


def test_long_download_names_keep_their_extension():
    cleaned = clean_download_name("a" * 400 + ".pdf")
    assert len(cleaned) <= 150 and cleaned.endswith(".pdf")


def test_attachment_header_has_an_ascii_and_an_encoded_name():
    header = attachment_header('CV "Hélène"\x00.pdf')
    assert header.startswith('attachment; filename="CV Helene.pdf"')
    assert "filename*=UTF-8''CV%20%22H%C3%A9l%C3%A8ne%22.pdf" in header
    assert "\x00" not in header


def test_cv_download_is_no_store_with_a_clean_name(client, auth, make_user, app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    auth.login(make_user())
    uploaded = client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(PDF), "mon\x07 cv\u202e.pdf")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 303
    with client.get("/candidat/profil/cv") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        disposition = response.headers["Content-Disposition"]
    assert "\x07" not in disposition and "\u202e" not in disposition
    assert "filename*=UTF-8''" in disposition


def _docx(body: bytes, extra_entries: int = 0) -> bytes:
    """A minimal Word document whose text part is `body` (deflated)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", body)
        for i in range(extra_entries):
            archive.writestr(f"word/media/{i}.xml", b"<x/>")
    return buffer.getvalue()


def test_an_ordinary_docx_is_accepted():
    from app.uploads import CV_TYPES, check_upload

    data = _docx(b"<w:document>" + "Expérience en soudure. ".encode() * 2000 + b"</w:document>")
    checked = check_upload(io.BytesIO(data), CV_TYPES, 5 * 1024 * 1024)
    assert checked.extension == "docx"


def test_a_docx_bomb_is_refused_before_it_is_stored():
    from app.uploads import CV_TYPES, UploadRejected, check_upload

    bomb = _docx(b"\0" * (200 * 1024 * 1024))  # 200 MB of zeros: about 200 KB once deflated
    assert len(bomb) < 400 * 1024
    with pytest.raises(UploadRejected) as refused:
        check_upload(io.BytesIO(bomb), CV_TYPES, 5 * 1024 * 1024)
    assert "MB" in str(refused.value.message)


def test_a_lying_ratio_and_too_many_parts_are_refused():
    from app.uploads import UploadRejected, check_archive

    ratio_bomb = _docx(b"a" * 2_000_000)  # 2 MB of one letter: ratio far above 100
    with pytest.raises(UploadRejected):
        check_archive(io.BytesIO(ratio_bomb), len(ratio_bomb), ratio_floor=0)
    check_archive(io.BytesIO(ratio_bomb), len(ratio_bomb))  # small enough whatever its ratio
    many = _docx(b"<w:document/>", extra_entries=30)
    with pytest.raises(UploadRejected) as refused:
        check_archive(io.BytesIO(many), len(many), max_entries=20)
    assert "20" in str(refused.value.message)


def test_a_damaged_archive_is_refused():
    from app.uploads import UploadRejected, check_archive

    damaged = _docx(b"<w:document>" + b"texte " * 5000 + b"</w:document>")
    damaged = damaged[:200] + b"\xff" * 50 + damaged[250:]
    with pytest.raises(UploadRejected):
        check_archive(io.BytesIO(damaged), len(damaged))


def test_the_cv_form_says_why_a_bomb_is_refused(client, auth, make_user, app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    auth.login(make_user())
    response = client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(_docx(b"\0" * (60 * 1024 * 1024))), "cv.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "une fois ouvert" in response.get_data(as_text=True)
    assert not list(tmp_path.rglob("*.docx"))
