"""Bulk import: the exchange-format service, CSV parsing and the staff import page."""

import io
import json

import pytest
from flask_babel import force_locale
from markupsafe import escape
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.importing import (
    IMPORT_ORG_NEQ,
    ExchangeFormatError,
    get_import_organisation,
    import_exchange,
    parse_csv_candidates,
    parse_csv_jobs,
    read_document,
    render_message,
)
from app.models import (
    CandidateProfile,
    EmployerOrganisation,
    Job,
    JobStatus,
    Role,
    VettingStatus,
    WorkStatus,
)
from tests.conftest import PASSWORD

IMPORT_URL = "/programme/import"


def job_row(ext_id="J-1", **fields) -> dict:
    return {"id": ext_id, "title": "Soudeur", "noc": "72106", "region": "02", **fields}


def count(model) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


def job_by(ext_id: str) -> Job:
    return db.session.execute(db.select(Job).filter_by(external_id=ext_id)).scalar_one()


def profile_by(ext_id: str) -> CandidateProfile:
    return db.session.execute(
        db.select(CandidateProfile).filter_by(external_id=ext_id)
    ).scalar_one()


@pytest.fixture
def org(app, reference) -> EmployerOrganisation:
    organisation = EmployerOrganisation(
        name="Usinage du Fjord",
        neq="1170000099",
        region_code="02",
        vetting_status=VettingStatus.APPROVED,
    )
    db.session.add(organisation)
    db.session.commit()
    return organisation


# ---------------------------------------------------------------------------------------------
# Service


def test_import_creates_published_jobs_and_private_candidates(org):
    document = {
        "jobs": [
            job_row(
                "J-1",
                description="Soudage MIG",
                city="alma",
                skills_required=["soudage", "lecture de plans"],
                skills_nice=["chariot élévateur"],
                french_level_min=6,
                english_level_min=0,
                experience_years_min=2,
            ),
            job_row("J-2", title="Welder", lang="en", region="01", city="riviere du loup"),
        ],
        "candidates": [
            {
                "id": "C-1",
                "desired_titles": ["Soudeuse"],
                "noc": ["72106"],
                "skills": ["soudage"],
                "summary": "Dix ans en atelier.",
                "french_level": 9,
                "english_level": 4,
                "experience_years": 10,
                "regions": ["02", "01"],
                "work_status": "open_work_permit",
            }
        ],
    }
    report = import_exchange(document, org)
    db.session.commit()
    assert report.counts == {"created": 3, "updated": 0, "rejected": 0}
    assert [(r.kind, r.external_id, r.outcome) for r in report.rows] == [
        ("job", "J-1", "created"),
        ("job", "J-2", "created"),
        ("candidate", "C-1", "created"),
    ]

    j1 = job_by("J-1")
    assert j1.organisation == org and j1.status == JobStatus.PUBLISHED
    assert j1.published_at is not None
    assert (j1.title_fr, j1.title_en, j1.description_fr) == ("Soudeur", "", "Soudage MIG")
    assert j1.title("en_CA") == "Soudeur"  # falls back on the only language given
    assert j1.municipality.name == "Alma" and j1.region_code == "02"
    assert j1.skills_required == ["soudage", "lecture de plans"]
    assert (j1.french_level_min, j1.experience_years_min, j1.work_permit_required) == (6, 2, True)
    j2 = job_by("J-2")
    assert (j2.title_fr, j2.title_en) == ("", "Welder")
    assert j2.municipality.name == "Rivière-du-Loup"

    c1 = profile_by("C-1")
    assert c1.user_id is None
    assert c1.consent_staff_review_at is None and c1.consent_employer_display_at is None
    assert [o.noc for o in c1.occupations] == ["72106"]
    assert [r.code for r in c1.regions] == ["01", "02"] and not c1.regions_anywhere
    assert (c1.french_level, c1.english_level, c1.experience_years) == (9, 4, 10)
    assert c1.work_status == WorkStatus.OPEN_WORK_PERMIT
    assert c1.desired_titles == ["Soudeuse"] and c1.summary == "Dix ans en atelier."


def test_reimport_updates_by_external_id(org):
    import_exchange(
        {"jobs": [job_row("J-1")], "candidates": [{"id": "C-1", "regions": ["02"]}]}, org
    )
    db.session.commit()
    report = import_exchange(
        {
            "jobs": [job_row("J-1", title="Soudeur-monteur", french_level_min=7), job_row("J-9")],
            "candidates": [{"id": "C-1", "regions": ["*"], "french_level": 5}],
        },
        org,
    )
    db.session.commit()
    assert [r.outcome for r in report.rows] == ["updated", "created", "updated"]
    assert report.counts == {"created": 1, "updated": 2, "rejected": 0}
    assert count(Job) == 2 and count(CandidateProfile) == 1
    j1 = job_by("J-1")
    assert j1.title_fr == "Soudeur-monteur" and j1.french_level_min == 7
    c1 = profile_by("C-1")
    assert c1.regions_anywhere and c1.regions == [] and c1.french_level == 5


def test_star_means_anywhere_outside_montreal(org):
    import_exchange({"candidates": [{"id": "C-1", "regions": ["*"]}]}, org)
    profile = profile_by("C-1")
    assert profile.regions_anywhere is True and profile.regions == []


def test_bad_rows_are_rejected_with_reasons_and_the_others_go_in(org):
    document = {
        "jobs": [
            job_row("ok-1"),
            job_row("bad-noc", noc="99999"),
            job_row("bad-region", region="18"),
            job_row("bad-levels", french_level_min=13, english_level_min=-1),
            job_row("bad-exp", experience_years_min=-2),
            job_row("no-title", title=""),
            job_row("bad-types", skills_required=[{"x": 1}], work_permit_required="maybe"),
            {"title": "Sans id", "noc": "72106", "region": "02"},
            job_row("ok-1", title="Doublon"),
            "not a row",
        ],
        "candidates": [
            {"id": "c-ok", "noc": ["72106", "00000"]},
            {"id": "c-bad", "work_status": "tourist", "regions": ["02", "42"], "english_level": 20},
        ],
    }
    report = import_exchange(document, org)
    db.session.commit()
    reasons = [(r.external_id or f"#{r.position}", r.reasons) for r in report.rows]
    assert reasons == [
        ("ok-1", []),
        ("bad-noc", ["noc_unknown"]),
        ("bad-region", ["region_unknown"]),
        ("bad-levels", ["levels_invalid"]),
        ("bad-exp", ["experience_invalid"]),
        ("no-title", ["title_missing"]),
        ("bad-types", ["fields_invalid"]),
        ("#8", ["id_missing"]),
        ("ok-1", ["id_duplicate"]),
        ("#10", ["not_object"]),
        ("c-ok", []),
        ("c-bad", ["regions_unknown", "work_status_unknown", "levels_invalid"]),
    ]
    assert report.counts == {"created": 2, "updated": 0, "rejected": 10}
    assert job_by("ok-1").title_fr == "Soudeur"
    assert count(Job) == 1 and count(CandidateProfile) == 1
    c_ok = next(r for r in report.rows if r.external_id == "c-ok")
    assert c_ok.outcome == "created" and c_ok.warnings == ["noc_dropped"]
    assert [o.noc for o in profile_by("c-ok").occupations] == ["72106"]
    with force_locale("en_CA"):
        bad_noc = next(r for r in report.rows if r.external_id == "bad-noc")
        assert bad_noc.reason_messages == ["Unknown NOC code 99999."]
        levels = next(r for r in report.rows if r.external_id == "bad-levels")
        assert "french_level_min, english_level_min" in levels.reason_messages[0]
        assert c_ok.warning_messages == ["Unknown NOC codes left out: 00000."]
        types = next(r for r in report.rows if r.external_id == "bad-types")
        assert "skills_required, work_permit_required" in types.reason_messages[0]


def test_unknown_city_is_a_warning_not_a_rejection(org):
    report = import_exchange({"jobs": [job_row("J-1", city="Atlantis")]}, org)
    row = report.rows[0]
    assert row.outcome == "created" and row.warnings == ["city_unknown"]
    assert job_by("J-1").municipality_id is None


def test_a_job_of_another_employer_is_not_taken_over(org):
    other = EmployerOrganisation(name="Autre", neq="1170000100", region_code="02")
    db.session.add(other)
    import_exchange({"jobs": [job_row("J-1")]}, org)
    report = import_exchange({"jobs": [job_row("J-1", title="Volé")]}, other)
    assert report.rows[0].reasons == ["id_other_employer"]
    assert job_by("J-1").organisation == org and job_by("J-1").title_fr == "Soudeur"


def test_a_claimed_profile_is_left_to_its_owner(org, make_user):
    import_exchange({"candidates": [{"id": "C-1", "summary": "importé"}]}, org)
    owner = make_user(Role.CANDIDATE)
    profile_by("C-1").user_id = owner.id
    db.session.commit()
    report = import_exchange({"candidates": [{"id": "C-1", "summary": "écrasé"}]}, org)
    assert report.rows[0].reasons == ["profile_claimed"]
    assert profile_by("C-1").summary == "importé"


def test_import_query_count_does_not_grow_with_rows(org, count_queries):
    def document(prefix: str, n: int) -> dict:
        return {
            "jobs": [job_row(f"{prefix}-j{i}", city="Alma") for i in range(n)],
            "candidates": [
                {"id": f"{prefix}-c{i}", "noc": ["72106"], "regions": ["02"]} for i in range(n)
            ],
        }

    assert org.id  # load the committed organisation before counting
    with count_queries() as few:
        import_exchange(document("a", 3), org)
    with count_queries() as many:
        import_exchange(document("b", 60), org)
    selects = lambda stmts: [s for s in stmts if s.lstrip().upper().startswith("SELECT")]  # noqa: E731
    assert len(selects(many)) == len(selects(few)) <= 8


def test_import_organisation_is_created_once(app, reference):
    first = get_import_organisation()
    assert first.neq == IMPORT_ORG_NEQ and first.region_code == "03"
    assert first.name == "Postes importés / Imported jobs"
    assert get_import_organisation() is first
    assert count(EmployerOrganisation) == 1


def test_parse_csv_jobs_gives_the_exchange_shape(org):
    text = (
        "\ufeffid,title,noc,region,city,skills_required,french_level_min,work_permit_required\n"
        "J-1,Cuisinier,63200,03,Québec,cuisine | hygiène et salubrité,5,non\n"
        "J-2,Welder,72106,02,,,,\n"
    )
    document = parse_csv_jobs(text)
    assert document == {
        "jobs": [
            {
                "id": "J-1",
                "title": "Cuisinier",
                "noc": "63200",
                "region": "03",
                "city": "Québec",
                "skills_required": ["cuisine", "hygiène et salubrité"],
                "french_level_min": 5,
                "work_permit_required": False,
            },
            {"id": "J-2", "title": "Welder", "noc": "72106", "region": "02"},
        ]
    }
    report = import_exchange(document, org)
    assert report.counts["created"] == 2
    assert job_by("J-1").work_permit_required is False


def test_parse_csv_candidates_with_semicolons(org):
    text = "id;noc;regions;skills;french_level;work_status\nC-1;72106|63200;*;soudage;8;citizen\n"
    document = parse_csv_candidates(text)
    assert document["candidates"] == [
        {
            "id": "C-1",
            "noc": ["72106", "63200"],
            "regions": ["*"],
            "skills": ["soudage"],
            "french_level": 8,
            "work_status": "citizen",
        }
    ]
    import_exchange(document, org)
    profile = profile_by("C-1")
    assert profile.regions_anywhere and {o.noc for o in profile.occupations} == {"72106", "63200"}


def test_csv_header_must_match_the_kind():
    with pytest.raises(ExchangeFormatError) as missing:
        parse_csv_jobs("id,title,city\nJ-1,Soudeur,Alma\n")
    assert missing.value.code == "csv_missing_columns"
    assert missing.value.params == {"columns": "noc, region"}
    with pytest.raises(ExchangeFormatError) as unknown:
        parse_csv_jobs("id,title,noc,region,desired_titles\nJ-1,Soudeur,72106,02,x\n")
    assert unknown.value.code == "csv_unknown_columns"
    with pytest.raises(ExchangeFormatError) as foreign:
        parse_csv_candidates("name,email\nAna,ana@example.org\n")
    assert foreign.value.code == "not_json_or_csv"


@pytest.mark.parametrize(
    ("data", "kind", "code"),
    [
        (b"", "jobs", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "jobs", "not_text"),
        (b'{"jobs": [', None, "json_invalid"),
        (b'["a", "b"]', None, "json_shape"),
        (b'{"jobs": {"id": 1}}', None, "json_shape"),
        (b'{"jobs": [], "candidates": []}', None, "nothing"),
        (b"Dear staff, here are my jobs.", None, "not_json_or_csv"),
        (b"id,title,noc,region\n", "jobs", "nothing"),
    ],
)
def test_read_document_rejects_what_is_not_an_exchange_file(app, data, kind, code):
    with pytest.raises(ExchangeFormatError) as err:
        read_document(data, kind)
    assert err.value.code == code


def test_read_document_sniffs_json_before_csv(app):
    document = read_document(json.dumps({"jobs": [job_row()]}).encode(), "candidates")
    assert document["jobs"][0]["id"] == "J-1"
    with pytest.raises(ExchangeFormatError) as err:
        read_document(b'{\n  "jobs": [\n    {"id": 1,}\n  ]\n}', None)
    assert err.value.params["line"] == 3


@pytest.mark.parametrize("vetting", [VettingStatus.PENDING, VettingStatus.REFUSED])
def test_jobs_of_an_unapproved_organisation_are_imported_as_drafts(org, vetting):
    org.vetting_status = vetting
    db.session.commit()
    report = import_exchange({"jobs": [job_row("J-1")]}, org)
    db.session.commit()
    job = job_by("J-1")
    assert job.status == JobStatus.DRAFT and job.published_at is None
    assert "organisation_not_approved" in report.rows[0].warnings


def test_staff_import_for_a_pending_employer_publishes_nothing(
    app, client, auth, make_user, make_employer, reference
):
    pending = make_employer(vetting=VettingStatus.PENDING).organisation
    auth.login(make_user(Role.STAFF))
    r = upload(client, json.dumps({"jobs": [job_row("J-9")]}).encode(), organisation=pending.id)
    assert r.status_code == 200
    assert message_in(app, "fr_CA", "organisation_not_approved") in r.get_data(True)
    db.session.rollback()
    job = job_by("J-9")
    assert job.organisation_id == pending.id and job.status == JobStatus.DRAFT
    auth.logout()
    assert client.get(f"/postes/{job.id}").status_code == 404
    assert "Soudeur" not in client.get("/postes").get_data(True)


# ---------------------------------------------------------------------------------------------
# Routes


def message_in(app, locale: str, code: str, **params) -> str:
    """Return a report message as the page shows it, HTML-escaped, in a locale."""
    with app.test_request_context(), force_locale(locale):
        return str(escape(render_message(code, params)))


def upload(client, payload: bytes, filename: str = "data.json", **fields):
    """Post a file; the body is built in memory (the test client spools big ones unclosed)."""
    upload_file = FileStorage(io.BytesIO(payload), filename=filename)
    data = {"file": upload_file, "kind": "jobs", "organisation": "", **fields}
    boundary, body = encode_multipart(data)
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post(IMPORT_URL, data=body, content_type=content_type)


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_and_admin_import_a_json_file(app, client, auth, make_user, reference, role):
    auth.login(make_user(role))
    page = client.get(IMPORT_URL)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.get_data(True)
    document = {
        "jobs": [job_row("J-1"), job_row("J-2", noc="99999")],
        "candidates": [{"id": "C-1", "regions": ["*"]}],
    }
    r = upload(client, json.dumps(document).encode())
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<caption>" in html and '<th scope="col"' in html and '<th scope="row">J-2</th>' in html
    assert message_in(app, "fr_CA", "noc_unknown", noc="99999") in html
    db.session.rollback()  # what follows must have been committed by the route
    assert job_by("J-1").organisation.neq == IMPORT_ORG_NEQ
    assert profile_by("C-1").regions_anywhere
    assert count(Job) == 1


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER])
def test_other_roles_are_refused(client, auth, make_user, reference, role):
    auth.login(make_user(role))
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, json.dumps({"jobs": [job_row()]}).encode()).status_code == 403
    assert count(Job) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    r = client.get(IMPORT_URL)
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]


def test_report_lists_each_row_in_the_readers_language(app, make_user, reference, lang, lclient):
    staff = make_user(Role.STAFF, locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": staff.email, "password": PASSWORD})
    document = {
        "jobs": [job_row("J-1"), job_row("J-2", region="99")],
        "candidates": [{"id": "C-1", "noc": ["00000"]}],
    }
    r = upload(lclient, json.dumps(document).encode())
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and f'<html lang="{lang}-CA">' in html
    assert "%(" not in html and "J-1" in html and "C-1" in html
    assert message_in(app, staff.locale, "region_unknown", region="99") in html
    assert message_in(app, staff.locale, "noc_dropped", nocs="00000") in html
    assert html.count('class="import-rejected"') == 1
    assert html.count('class="import-created"') == 2


def test_import_into_a_chosen_employer_and_csv_kind(client, auth, make_user, org):
    auth.login(make_user(Role.STAFF))
    page = client.get(IMPORT_URL).get_data(as_text=True)
    assert f'<option value="{org.id}">Usinage du Fjord</option>' in page
    csv_jobs = b"id,title,noc,region\nJ-1,Soudeur,72106,02\n"
    r = upload(client, csv_jobs, "jobs.csv", organisation=str(org.id))
    assert r.status_code == 200
    assert job_by("J-1").organisation_id == org.id
    csv_candidates = b"id,noc,regions\nC-1,72106,02|03\n"
    upload(client, csv_candidates, "candidates.csv", kind="candidates")
    assert [r.code for r in profile_by("C-1").regions] == ["02", "03"]


def test_bad_json_keeps_a_clear_error(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF, locale="en_CA"))
    r = upload(client, b'{"jobs": [{"id": "J-1", "title": "Soudeur",}]}')
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "The JSON file is not valid near line 1, column" in html
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    assert count(Job) == 0


def test_files_that_are_neither_json_nor_csv_are_refused(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF, locale="en_CA"))
    png = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "jobs.json")
    assert png.status_code == 200
    assert "The file is not a text file" in png.get_data(as_text=True)
    letter = upload(client, b"Bonjour, voici nos postes.", "jobs.csv")
    assert "neither a JSON exchange document nor a CSV file" in letter.get_data(as_text=True)
    wrong = upload(client, b"id,desired_titles\nC-1,Soudeuse\n", "jobs.csv", kind="jobs")
    assert "lacks these columns: title, noc, region" in wrong.get_data(as_text=True)
    assert count(Job) == 0 and count(CandidateProfile) == 0


def test_files_over_ten_megabytes_are_refused(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF, locale="en_CA"))
    r = upload(client, b" " * (10 * 1024 * 1024 + 1))
    assert r.status_code == 200 and "10 MB at most" in r.get_data(as_text=True)


def test_missing_file_is_reported(client, auth, make_user, reference):
    auth.login(make_user(Role.STAFF, locale="en_CA"))
    r = client.post(IMPORT_URL, data={"kind": "jobs", "organisation": ""})
    assert r.status_code == 200 and "Choose a JSON or CSV file." in r.get_data(as_text=True)


def test_cli_import_prints_the_report(app, reference, tmp_path):
    path = tmp_path / "exchange.json"
    path.write_text(json.dumps({"jobs": [job_row("J-1"), job_row("J-2", noc="1")]}))
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "job\tJ-1\tcreated" in result.output and "job\tJ-2\trejected" in result.output
    assert "Unknown NOC code 1." in result.output
    assert "1 created, 0 updated, 1 rejected" in result.output
    again = app.test_cli_runner().invoke(args=["import", str(path), "--employer", IMPORT_ORG_NEQ])
    assert "job\tJ-1\tupdated" in again.output
    unknown = app.test_cli_runner().invoke(args=["import", str(path), "--employer", "123"])
    assert unknown.exit_code != 0 and "no employer organisation with NEQ 123" in unknown.output
