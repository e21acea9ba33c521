"""Rendered cards kept per worker (app/fragments.py) never show what changed since, nor what
another viewer or language may see."""

from app.blueprints.candidates.services import ProfileData, update_profile
from app.blueprints.matching import services as matching
from app.extensions import db
from app.models import Commitment, Occupation, Role
from tests.matching.test_services import world  # noqa: F401 - the matching fixture


def _board(client, path: str = "/postes") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_cache_is_on_in_tests(app):
    # Otherwise every test below would pass whatever the keys.
    assert app.config["FRAGMENT_CACHE_TYPE"] == "SimpleCache"


def test_a_job_card_follows_the_job_its_employer_and_the_language(client, make_employer, make_job):
    employer = make_employer(name="Fromagerie du Lac")
    job = make_job(employer.organisation, title_fr="Fromager ou fromagère", title_en="Cheesemaker")
    assert "Fromager ou fromagère" in _board(client)
    job.title_fr = "Maître fromager ou maîtresse fromagère"
    db.session.commit()
    page = _board(client)
    assert "Maître fromager ou maîtresse fromagère" in page
    assert "Fromager ou fromagère<" not in page

    org = employer.organisation
    assert "<li>Aide au logement</li>" not in page  # the filter's label is there, not a tag
    setattr(org, Commitment.HOUSING.column, True)
    org.name = "Fromagerie du Lac-Saint-Jean"
    db.session.commit()
    page = _board(client)
    assert "<li>Aide au logement</li>" in page and "Fromagerie du Lac-Saint-Jean" in page

    english = _board(client, "/en/jobs")
    assert "Cheesemaker" in english and "<li>Help with housing</li>" in english
    assert "Aide au logement" not in english
    # The English address builds English links; the French page, seen again, keeps its own.
    assert f'href="/en/jobs/{job.id}"' in english
    assert f'href="/postes/{job.id}"' in _board(client)


def test_a_match_card_seen_by_staff_never_reaches_the_employer(
    client,
    auth,
    make_user,
    world,  # noqa: F811
):
    employer, job, good, *_ = world
    good.full_name = "Amina Diallo"
    db.session.commit()
    matching.recompute_job(job)
    db.session.commit()
    auth.login(make_user(Role.STAFF))
    staff_page = client.get(f"/programme/postes/{job.id}/correspondances").get_data(as_text=True)
    assert "Amina Diallo" in staff_page
    auth.logout()
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/correspondances").get_data(as_text=True)
    assert 'class="points"' in page  # the card is there
    assert "Amina Diallo" not in page  # anonymised: the staff's card is not reused


def test_a_match_card_follows_a_profile_change_of_occupations_alone(
    client,
    auth,
    world,  # noqa: F811
):
    employer, job, good, *_ = world
    matching.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    url = f"/employeurs/postes/{job.id}/correspondances"
    welder = db.session.get(Occupation, "72106")
    assert welder.title_en in client.get(url).get_data(as_text=True)

    profile = good.candidate_profile
    stamp = profile.updated_at
    data = ProfileData(
        french_level=profile.french_level,
        english_level=profile.english_level,
        work_status=profile.work_status,
        skills=list(profile.skills),
        region_codes=[r.code for r in profile.regions],
        occupation_codes=["72106", "72100"],
    )
    update_profile(profile, data)
    db.session.commit()
    assert profile.updated_at > stamp  # a change of collections alone is stamped too
    machinists = db.session.get(Occupation, "72100")
    assert machinists.title_en in client.get(url).get_data(as_text=True)


def test_kept_cards_do_not_load_what_they_show(client, auth, world, count_queries):  # noqa: F811
    employer, job, *_ = world
    matching.recompute_job(job)
    db.session.commit()
    auth.login(employer)
    url = f"/employeurs/postes/{job.id}/correspondances"
    with count_queries() as cold:
        client.get(url)
    with count_queries() as warm:
        client.get(url)
    # The first view loads the shown candidates' occupations and regions (two queries); the
    # next one finds the cards rendered.
    assert len(warm) <= len(cold) - 2


def _nav(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return page[page.index('id="nav-list"') : page.index("</nav>")]


def test_the_kept_menu_follows_the_reader_the_page_and_the_counts(app, client, auth, make_user):
    """The main menu is rendered once per kind of reader, page and counts: a candidate never
    gets the staff menu rendered before, the current page is the one marked, an unread count
    shows when it changes, and the sign-out form (its token is the session's) is still there."""
    from app.models import Notification

    staff = make_user(Role.STAFF)
    auth.login(staff)
    staff_nav = _nav(client, "/tableau-de-bord")
    assert "Indicateurs" in staff_nav and 'href="/tableau-de-bord" aria-current="page"' in staff_nav
    auth.logout()

    candidate = make_user(Role.CANDIDATE)
    auth.login(candidate)
    nav = _nav(client, "/tableau-de-bord")
    assert "Indicateurs" not in nav and "Postes qui me correspondent" in nav
    on_jobs = _nav(client, "/postes")
    assert 'href="/postes" aria-current="page"' in on_jobs
    assert 'href="/tableau-de-bord" aria-current="page"' not in on_jobs
    assert "nav-count" not in nav
    db.session.add(Notification(user_id=candidate.id, kind="test", params={}, link="/postes"))
    db.session.commit()
    assert '<span class="nav-count">1<' in _nav(client, "/postes")
    assert "Se déconnecter" in nav and 'name="csrf_token"' in nav  # outside the kept part
    english = _nav(client, "/en/jobs")
    assert "Jobs for me" in english and "Postes qui me correspondent" not in english
    auth.logout()
    anonymous = _nav(client, "/postes")
    assert "Se connecter" in anonymous and "Postes qui me correspondent" not in anonymous


def test_the_board_loads_whole_jobs_only_for_cards_it_must_render(
    client, auth, make_employer, make_job, make_candidate, count_queries
):
    """The board reads its jobs' keys first; a page with kept and new cards shows them all,
    and the candidate's save buttons (outside the cards) still name each job."""
    org = make_employer(name="Scierie Boréale").organisation
    make_job(org, title_fr="Scieur ou scieuse", title_en="Sawyer")
    _board(client)  # the card is now kept
    make_job(org, title_fr="Affûteur ou affûteuse", title_en="Saw filer")
    with count_queries() as seen:
        page = _board(client)
    assert "Scieur ou scieuse" in page and "Affûteur ou affûteuse" in page
    loads = [s for s in seen if "WHERE jobs.id IN" in s]  # whole jobs, only those not kept
    assert len(loads) == 1, loads
    with count_queries() as seen:
        again = _board(client)
    assert not [s for s in seen if "WHERE jobs.id IN" in s]  # every card kept: no job loaded
    assert again.count('class="job-card"') == 2
    auth.login(make_candidate())
    page = _board(client)  # kept cards; the buttons around them name their job
    assert page.count("Scieur ou scieuse") == 2 and page.count("Affûteur ou affûteuse") == 2


def test_a_kept_card_pushed_out_before_it_is_rendered_is_rendered_from_the_job(
    client, make_employer, make_job, monkeypatch
):
    """The board checks which cards are kept, then renders the others; rendering them can push
    a kept card out of the bounded cache. That card is then rendered from its job, not lost."""
    from app.blueprints.jobs import services as jobs

    org = make_employer(name="Bleuetière du Nord").organisation
    make_job(org, title_fr="Cueilleur ou cueilleuse de bleuets", title_en="Blueberry picker")
    monkeypatch.setattr(jobs, "is_cached", lambda name, key: True)  # "kept", but it is not
    page = _board(client)
    assert "Cueilleur ou cueilleuse de bleuets" in page and "Bleuetière du Nord" in page
