"""Job pages: board, detail, employer postings, access and bad input."""

from datetime import timedelta

from app.clock import today as program_today
from app.extensions import db
from app.models import Job, JobStatus, Role


def job_form(**overrides):
    data = {
        "title_en": "Welder",
        "noc": "72106",
        "description_en": "MIG welding in our Alma shop.",
        "skills_required": "MIG welding, blueprint reading",
        "region": "02",
        "french_level_min": "5",
        "english_level_min": "0",
        "experience_years_min": "2",
        "salary_min": "24.50",
        "salary_max": "31.00",
        "salary_unit": "hourly",
        "job_type": "permanent",
        "positions": "2",
        "closing_date": (program_today() + timedelta(days=30)).isoformat(),
        "work_permit_required": "y",
    }
    data.update(overrides)
    return data


def test_board_full_page_and_htmx_fragment(client, make_employer, make_job):
    job = make_job(make_employer().organisation, title_fr="Soudeur", description_fr="Atelier")
    full = client.get("/postes?q=atelier")
    assert "<html" in full.get_data(as_text=True) and "Soudeur" in full.get_data(as_text=True)
    frag = client.get("/postes?q=atelier", headers={"HX-Request": "true"})
    html = frag.get_data(as_text=True)
    assert (
        "<html" not in html and f"/postes/{job.id}" in html and "HX-Request" in frag.headers["Vary"]
    )
    assert "Soudeur" not in client.get("/postes?q=boulanger").get_data(as_text=True)


def test_board_query_count_does_not_grow(client, make_employer, make_job, count_queries):
    orgs = [make_employer().organisation for _ in range(3)]
    make_job(orgs[0])
    with count_queries() as few:
        client.get("/postes")
    for org in orgs * 5:
        make_job(org)
    db.session.expunge_all()
    with count_queries() as many:
        client.get("/postes")
    assert len(many) == len(few)


def test_job_detail_links_to_region_and_hides_drafts(lclient, lang, make_employer, make_job):
    org = make_employer().organisation
    job = make_job(org)
    html = lclient.get(f"/postes/{job.id}").get_data(as_text=True)
    assert "/regions/saguenay-lac-saint-jean" in html
    assert ("Welder" in html) if lang == "en" else ("Soudeur ou soudeuse" in html)
    draft = make_job(org, publish=False)
    assert lclient.get(f"/postes/{draft.id}").status_code == 404
    assert lclient.get("/postes/99999").status_code == 404


def test_employer_posts_a_job_in_english(client, auth, make_employer):
    employer = make_employer(locale="en_CA")
    auth.login(employer)
    r = client.post("/employeurs/postes/nouveau", data=job_form())
    assert r.status_code == 303
    job = db.session.execute(db.select(Job)).scalar_one()
    assert job.title_en == "Welder" and job.status == JobStatus.DRAFT
    assert job.skills_required == ["MIG welding", "blueprint reading"]
    assert (
        client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "published"}).status_code
        == 303
    )
    db.session.refresh(job)
    assert job.status == JobStatus.PUBLISHED
    assert "Welder" in client.get("/postes").get_data(as_text=True)


def test_job_form_bad_input_keeps_what_was_typed(lclient, lang, make_employer):
    employer = make_employer(locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": employer.email, "password": "correct horse battery"})
    past = (program_today() - timedelta(days=1)).isoformat()
    r = lclient.post(
        "/employeurs/postes/nouveau",
        data=job_form(
            salary_min="40", salary_max="30", closing_date=past, description_en="Keep this text"
        ),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Keep this text" in html and 'value="40"' in html and f'value="{past}"' in html
    assert 'id="salary_max-error"' in html and 'id="closing_date-error"' in html
    assert (
        ("below the minimum" in html)
        if lang == "en"
        else ("inférieur au minimum" in html or "minimum" in html)
    )
    assert db.session.execute(db.select(db.func.count(Job.id))).scalar_one() == 0


def test_job_without_occupation_is_refused(client, auth, make_employer):
    auth.login(make_employer())
    r = client.post("/employeurs/postes/nouveau", data=job_form(noc=""))
    assert r.status_code == 200 and 'id="noc-error"' in r.get_data(as_text=True)


def test_another_employers_job_is_404(client, auth, make_employer, make_job):
    job = make_job(make_employer().organisation)
    auth.login(make_employer())
    for path in [
        f"/employeurs/postes/{job.id}",
        f"/employeurs/postes/{job.id}/modifier",
        f"/employeurs/postes/{job.id}/candidats",
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "closed"}).status_code
        == 404
    )
    assert client.post(f"/employeurs/postes/{job.id}/modifier", data=job_form()).status_code == 404


def test_partner_and_candidate_cannot_manage_jobs(client, auth, make_user, make_employer, make_job):
    job = make_job(make_employer().organisation)
    for role in (Role.PARTNER, Role.CANDIDATE):
        auth.login(make_user(role))
        assert client.get(f"/employeurs/postes/{job.id}").status_code == 404
        assert client.get(f"/employeurs/postes/{job.id}/candidats").status_code == 404
        assert client.get("/employeurs/postes").status_code == 403
        auth.logout()


def test_stale_job_edit_is_refused(client, auth, make_employer, make_job):
    employer = make_employer()
    job = make_job(employer.organisation)
    auth.login(employer)
    r = client.post(
        f"/employeurs/postes/{job.id}/modifier", data=job_form(version=str(job.version + 3))
    )
    assert r.status_code == 200 and 'role="alert"' in r.get_data(as_text=True)


def test_occupation_search_fragment(client, reference):
    html = client.get(
        "/professions?occupation_q=welder&kind=radio", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert 'type="radio" name="noc"' in html and 'value="72106"' in html
    html = client.get("/professions?occupation_q=soudeur&occupations=72106").get_data(as_text=True)
    assert 'value="72106"' not in html


def test_board_pages_render_with_next_and_previous_links(client, make_employer, make_job):
    from app.blueprints.jobs.services import PAGE_SIZE

    org = make_employer().organisation
    for i in range(PAGE_SIZE + 1):
        make_job(org, title_fr=f"Poste {i}")
    first = client.get("/postes?region=02").get_data(as_text=True)
    assert "page=2" in first and "region=02" in first and "Page suivante" in first
    second = client.get("/postes?region=02&page=2").get_data(as_text=True)
    assert "Page précédente" in second and second.count('class="job-card"') == 1


def test_an_empty_job_form_flags_every_required_field_at_once(client, auth, make_employer):
    auth.login(make_employer())
    empty = {k: "" for k in job_form()} | {"positions": ""}
    html = client.post("/employeurs/postes/nouveau", data=empty).get_data(as_text=True)
    for field in ("noc", "title_fr", "region", "positions"):
        assert f'id="{field}-error"' in html, field
    assert "Donnez un titre au poste" in html  # the service's rule, shown with the form's
    assert db.session.execute(db.select(db.func.count(Job.id))).scalar_one() == 0


def test_zero_is_a_value_not_an_empty_field(client, auth, make_employer):
    auth.login(make_employer())
    r = client.post("/employeurs/postes/nouveau", data=job_form(experience_years_min="0"))
    assert r.status_code == 303
    assert db.session.execute(db.select(Job.experience_years_min)).scalar_one() == 0


def test_check_job_reports_all_problems_together(app, reference):
    import pytest

    from app.blueprints.jobs.services import JobData, check_job
    from app.errors import DomainErrors

    with pytest.raises(DomainErrors) as raised:
        check_job(JobData(noc="", region_code="", salary_min=40, salary_max=30))
    fields = {e.field for e in raised.value.errors}
    assert fields == {"title_fr", "noc", "region", "salary_max"}


def test_preview_and_duplicate(client, auth, make_employer, make_job):
    employer = make_employer()
    job = make_job(employer.organisation, publish=False, title_fr="Cariste de nuit")
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/apercu").get_data(as_text=True)
    assert "Aperçu" in page and "Cariste de nuit" in page
    assert client.get(f"/postes/{job.id}").status_code == 404  # still a draft for the public
    r = client.post(f"/employeurs/postes/{job.id}/dupliquer")
    assert r.status_code == 303
    copies = db.session.execute(db.select(Job).where(Job.title_fr == "Cariste de nuit")).scalars()
    copies = list(copies)
    assert len(copies) == 2 and all(c.status == JobStatus.DRAFT for c in copies)
    assert r.headers["Location"].endswith(
        f"/employeurs/postes/{max(c.id for c in copies)}/modifier"
    )


def test_another_employers_preview_and_duplicate_are_404(client, auth, make_employer, make_job):
    job = make_job(make_employer().organisation)
    auth.login(make_employer(email="other@example.org"))
    assert client.get(f"/employeurs/postes/{job.id}/apercu").status_code == 404
    assert client.post(f"/employeurs/postes/{job.id}/dupliquer").status_code == 404


def test_a_candidate_saves_a_job_and_sees_when_it_closes(
    client, auth, make_employer, make_job, make_candidate
):
    job = make_job(make_employer().organisation, title_fr="Cariste de jour")
    candidate = make_candidate()
    auth.login(candidate)
    assert "Sauvegarder ce poste" in client.get(f"/postes/{job.id}").get_data(as_text=True)
    r = client.post(f"/postes/{job.id}/sauvegarder", follow_redirects=True)
    assert "Le poste est dans vos postes sauvegardés." in r.get_data(as_text=True)
    assert "Retirer de mes postes sauvegardés" in r.get_data(as_text=True)
    page = client.get("/candidat/postes-sauvegardes").get_data(as_text=True)
    assert "Cariste de jour" in page and "Ce poste n’accepte plus de candidatures." not in page
    job.status = JobStatus.CLOSED
    db.session.commit()
    page = client.get("/candidat/postes-sauvegardes").get_data(as_text=True)
    assert "Cariste de jour" in page and "Ce poste n’accepte plus de candidatures." in page
    r = client.post(f"/postes/{job.id}/sauvegarder", data={"next": "/candidat/postes-sauvegardes"})
    assert r.headers["Location"].endswith("/candidat/postes-sauvegardes")
    assert "Aucun poste sauvegardé" in client.get("/candidat/postes-sauvegardes").get_data(
        as_text=True
    )


def test_saving_is_for_candidates_and_drafts_are_404(
    client, auth, make_employer, make_job, make_candidate
):
    employer = make_employer()
    draft = make_job(employer.organisation, publish=False)
    auth.login(make_candidate())
    assert client.post(f"/postes/{draft.id}/sauvegarder").status_code == 404
    auth.logout()
    auth.login(employer)
    assert client.get("/candidat/postes-sauvegardes").status_code == 403


def test_saving_from_the_board_comes_back_to_the_same_search(
    client, auth, make_employer, make_job, make_candidate
):
    job = make_job(make_employer().organisation, title_fr="Cariste de soir")
    auth.login(make_candidate())
    board = client.get("/postes?q=cariste").get_data(as_text=True)
    assert "Sauvegarder «\xa0Cariste de soir\xa0»" in board
    r = client.post(f"/postes/{job.id}/sauvegarder", data={"next": "/postes?q=cariste"})
    assert r.headers["Location"].endswith("/postes?q=cariste")
    board = client.get("/postes?q=cariste").get_data(as_text=True)
    assert "Retirer «\xa0Cariste de soir\xa0» de mes postes sauvegardés" in board
    assert 'aria-pressed="true"' in board


def test_anonymous_visitors_see_no_save_button(client, make_employer, make_job):
    make_job(make_employer().organisation, title_fr="Cariste de soir")
    assert "Sauvegarder «" not in client.get("/postes").get_data(as_text=True)


def test_skills_shown_in_the_readers_language(lclient, lang, make_employer, make_job):
    """Skills typed in French show the skill vocabulary's label on an English job page."""
    job = make_job(
        make_employer().organisation,
        noc="33102",
        title_fr="Préposé ou préposée aux bénéficiaires",
        title_en="Patient care attendant",
        skills_required=["soins d'hygiène", "une compétence inconnue du vocabulaire"],
        skills_nice=["hygiène et salubrité"],
    )
    html = lclient.get(f"/postes/{job.id}").get_data(as_text=True)
    tags = html.split('<ul class="tags">', 1)[1]
    if lang == "en":
        assert "personal hygiene care" in tags and "food safety and hygiene" in tags
        assert "soins d&#39;hygiène" not in tags
    else:
        assert "soins d&#39;hygiène" in tags and "hygiène et salubrité alimentaires" in tags
    assert "une compétence inconnue du vocabulaire" in tags  # unknown: kept as typed


def test_board_live_region_stays_and_announces_only_the_count(
    lclient, lang, make_employer, make_job
):
    """The polite status sits outside #results (which htmx replaces); a fragment swaps only its
    text, out of band, and the text is the short count, not the list."""
    make_job(make_employer().organisation)
    full = lclient.get("/postes").get_data(as_text=True)
    status = full.split('id="results-status"', 1)[1].split("</p>", 1)[0]
    assert 'role="status"' in status
    assert ("1 open job" if lang == "en" else "1 poste à pourvoir") in status
    assert full.index('id="results-status"') < full.index('id="results"')
    assert 'id="results" aria-live' not in full
    frag = lclient.get("/postes?q=zzz", headers={"HX-Request": "true"}).get_data(as_text=True)
    oob = frag.split('<span id="results-status" hx-swap-oob="innerHTML">', 1)[1].split("</span>")[0]
    assert oob == ("0 open jobs" if lang == "en" else "0 poste à pourvoir")
    assert "aria-live" not in frag.split('id="results"', 1)[1].split(">", 1)[0]


def test_text_written_only_in_the_other_language_carries_its_lang(
    lclient, lang, make_employer, make_job
):
    job = make_job(
        make_employer().organisation,
        title_fr="Fromager ou fromagère",
        title_en="",
        description_fr="Fabrication de fromages fins.",
    )
    html = lclient.get(f"/postes/{job.id}").get_data(as_text=True)
    if lang == "en":  # the page is English, the only text written is French
        assert '<h1 lang="fr">Fromager ou fromagère</h1>' in html
        assert 'class="prose job-description" lang="fr"' in html
    else:
        assert "<h1>Fromager ou fromagère</h1>" in html
        assert 'class="prose job-description">' in html
