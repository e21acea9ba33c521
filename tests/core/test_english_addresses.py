"""English addresses: every page's /en/ twin, the path-word table, and how links are built."""

import re

import pytest
from flask import url_for

from app.urls import (
    ENGLISH_WORDS,
    NO_ENGLISH_TWIN,
    english_path,
    external_url,
    localise_path,
    site_path,
    static_words,
)


def _french_rules(app):
    return [r for r in app.url_map.iter_rules() if "lang_code" not in r.arguments]


def _english_rules(app):
    return [r for r in app.url_map.iter_rules() if "lang_code" in r.arguments]


def test_the_table_has_an_english_word_for_every_word_of_every_route(app):
    missing = {
        (word, rule.rule)
        for rule in _french_rules(app)
        if rule.endpoint not in NO_ENGLISH_TWIN
        for word in static_words(rule.rule)
        if word not in ENGLISH_WORDS
    }
    assert not missing, f"add these words to app.urls.ENGLISH_WORDS: {sorted(missing)}"


def test_an_unknown_word_is_refused_with_where_to_add_it():
    with pytest.raises(LookupError, match="ENGLISH_WORDS"):
        english_path("/nouvelle-page/<int:x>")


def test_english_words_read_as_address_words():
    for french, english in ENGLISH_WORDS.items():
        assert re.fullmatch(r"[a-z][a-z0-9.-]*", english), (french, english)


def test_every_page_has_an_english_twin_with_the_same_endpoint_and_methods(app):
    twins = {
        (r.endpoint, frozenset(r.methods), r.rule.replace("<any(en):lang_code>", "en"))
        for r in _english_rules(app)
    }
    for rule in _french_rules(app):
        if rule.endpoint in NO_ENGLISH_TWIN:
            assert not any(t[0] == rule.endpoint for t in twins), rule.endpoint
            continue
        assert (rule.endpoint, frozenset(rule.methods), english_path(rule.rule)) in twins, rule
    assert len(_english_rules(app)) == len(
        [r for r in _french_rules(app) if r.endpoint not in NO_ENGLISH_TWIN]
    )


def test_english_paths_are_as_distinct_as_the_french_ones(app):
    french = {
        (r.rule, frozenset(r.methods))
        for r in _french_rules(app)
        if r.endpoint not in NO_ENGLISH_TWIN
    }
    english = {(r.rule, frozenset(r.methods)) for r in _english_rules(app)}
    assert len(english) == len(french)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("/", "/en/"),
        ("/postes/123", "/en/jobs/123"),
        ("/postes", "/en/jobs"),
        ("/connexion", "/en/sign-in"),
        ("/inscription", "/en/sign-up"),
        ("/candidat/profil", "/en/candidate/profile"),
        ("/entrevues", "/en/interviews"),
        ("/employeurs/postes/7/candidats", "/en/employers/jobs/7/candidates"),
        ("/programme/financement/politique", "/en/program/funding/policy"),
        ("/regions/videos/3/sous-titres-fr.vtt", "/en/regions/videos/3/captions-fr.vtt"),
    ],
)
def test_french_and_english_addresses_of_a_page(app, french, english):
    with app.test_request_context():
        assert localise_path(french, "en") == english
        assert localise_path(english, "fr") == french
        assert localise_path(french + "?q=a&region=02", "en") == english + "?q=a&region=02"
        assert localise_path(english, "en") == english and localise_path(french, "fr") == french


def test_url_for_builds_the_french_rule_unless_english_is_asked_for(app):
    """Werkzeug builds a rule only when all its arguments are given: the twin's `lang_code`."""
    with app.test_request_context("/postes"):
        assert url_for("jobs.detail", job_id=3) == "/postes/3"
        assert url_for("jobs.detail", job_id=3, lang_code="en") == "/en/jobs/3"
        assert url_for("jobs.detail", job_id=3, lang_code="fr") == "/postes/3"
        assert url_for("main.index", lang_code="en") == "/en/"
        assert url_for("static", filename="css/app.css", lang_code="en") == "/static/css/app.css"


def test_url_for_during_an_english_request_builds_english_addresses(app):
    with app.test_request_context("/en/jobs"):
        app.preprocess_request()
        assert url_for("jobs.detail", job_id=3) == "/en/jobs/3"
        assert url_for("jobs.board", region="02") == "/en/jobs?region=02"
        assert url_for("auth.login", _external=True) == "http://localhost/en/sign-in"
        assert url_for("jobs.detail", job_id=3, lang_code="fr") == "/postes/3"
        # Machine addresses have one address for both languages.
        assert url_for("static", filename="css/app.css") == "/static/css/app.css"
        assert url_for("main.sitemap") == "/sitemap.xml"
        assert url_for("main.set_language") == "/langue"


def test_links_built_for_mail_are_french_unless_english_is_asked_for(app):
    with app.app_context():
        assert site_path("jobs.detail", job_id=5) == "/postes/5"
        assert site_path("jobs.detail", job_id=5, lang_code="en") == "/en/jobs/5"
        assert external_url("main.index", lang_code="fr").endswith("/")
        assert not external_url("main.index", lang_code="fr").endswith("/en/")


def test_a_path_that_names_no_page_is_left_as_it_is(app):
    with app.test_request_context():
        for path in ("/nowhere", "/langue", "/static/css/app.css", "/en/nowhere"):
            assert localise_path(path, "en") == path


def test_the_view_never_sees_the_language_argument(client):
    assert client.get("/en/privacy").status_code == 200
    assert client.get("/en").status_code == 308  # to /en/


def test_old_french_addresses_answer_as_before(client, reference):
    for path in ("/", "/postes", "/regions/", "/regions/videos", "/confidentialite", "/connexion"):
        assert client.get(path).status_code == 200, path
    for path in ("/tableau-de-bord", "/candidat/profil", "/entrevues", "/compte/"):
        r = client.get(path)
        assert r.status_code == 302 and r.headers["Location"].startswith("/connexion"), path


def test_the_english_twins_answer_like_the_french_pages(client, reference):
    for path in ("/en/", "/en/jobs", "/en/regions/", "/en/regions/videos", "/en/sign-in"):
        r = client.get(path)
        assert r.status_code == 200 and '<html lang="en-CA">' in r.get_data(as_text=True), path
    r = client.get("/en/candidate/profile")
    assert r.status_code == 302 and r.headers["Location"].startswith("/en/sign-in?next=")
    assert "%2Fen%2Fcandidate%2Fprofile" in r.headers["Location"]
