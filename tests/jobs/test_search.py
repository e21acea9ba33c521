"""Keyword search ignores accents, case and plural endings, and stays true on every write."""

import pytest

from app.blueprints.jobs.search import query_words, search_words, stem
from app.blueprints.jobs.services import BoardFilters, search_jobs
from app.clock import today
from app.extensions import db


def test_words_are_folded_and_stemmed():
    assert search_words("Fromager ou FROMAGÈRE, soudeurs") == [
        "fromager",
        "ou",
        "fromagere",
        "soudeur",
    ]
    assert stem("bus") == "bus" and stem("travaux") == "travau"
    assert query_words("Préposés") == [" prepose"]


@pytest.fixture
def jobs(make_employer, make_job):
    employer = make_employer()
    org = employer.organisation
    cheese = make_job(org, title_fr="Fromager ou fromagère", title_en="Cheesemaker", noc="94141")
    welder = make_job(
        org, title_fr="Soudeur ou soudeuse", title_en="Welder", skills_required=["soudure MIG"]
    )
    carer = make_job(org, title_fr="Préposé ou préposée aux bénéficiaires", noc="33102")
    return org, cheese, welder, carer


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("fromagere", "cheese"),
        ("FROMAGÈRES", "cheese"),
        ("prepose beneficiaires", "carer"),
        ("soudeurs", "welder"),
        ("mig", "welder"),
        ("cheesemakers", "cheese"),
    ],
)
def test_accent_case_and_plural_blind(app, jobs, q, expected):
    org, cheese, welder, carer = jobs
    found, total = search_jobs(BoardFilters(q=q), today(), None)
    assert [j.id for j in found] == [
        {"cheese": cheese, "welder": welder, "carer": carer}[expected].id
    ]
    assert total == 1


def test_a_word_must_start_a_word(app, jobs):
    assert search_jobs(BoardFilters(q="igration"), today(), None)[1] == 0


def test_search_text_follows_edits_and_renames(app, jobs):
    from app.blueprints.jobs.services import JobData, update_job

    org, cheese, welder, carer = jobs
    update_job(cheese, JobData(title_fr="Affineur ou affineuse", noc="94141", region_code="02"))
    db.session.commit()
    assert search_jobs(BoardFilters(q="affineuses"), today(), None)[1] == 1
    assert search_jobs(BoardFilters(q="fromagere"), today(), None)[1] == 0
    org.name = "Fromagerie Perron"
    db.session.commit()
    assert search_jobs(BoardFilters(q="perron"), today(), None)[1] == 3


def test_the_board_searches_without_accents(client, jobs):
    html = client.get("/postes?q=fromagere").get_data(as_text=True)
    assert "Fromager ou fromagère" in html and "Soudeur ou soudeuse" not in html


def test_titles_rank_above_descriptions_when_a_keyword_is_given(app, make_employer, make_job):
    from datetime import timedelta

    org = make_employer().organisation
    welder = make_job(org, title_fr="Soudeur ou soudeuse", title_en="Welder")
    mention = make_job(
        org,
        title_fr="Journalier ou journalière",
        title_en="Labourer",
        description_fr="Vous aiderez le soudeur de l’équipe.",
    )
    welder.published_at = mention.published_at - timedelta(days=3)  # the older of the two
    db.session.commit()
    found, total = search_jobs(BoardFilters(q="soudeur"), today(), None)
    assert total == 2
    assert [j.id for j in found] == [welder.id, mention.id]
    # The visitor can still ask for the most recent first.
    recent, _ = search_jobs(BoardFilters(q="soudeur", sort="recent"), today(), None)
    assert [j.id for j in recent] == [mention.id, welder.id]


def test_english_and_french_words_both_find_the_job(app, jobs):
    org, cheese, welder, carer = jobs
    for q, job in (("cheesemaker", cheese), ("fromagères", cheese), ("soudures", welder)):
        assert [j.id for j in search_jobs(BoardFilters(q=q), today(), None)[0]] == [job.id]


def test_a_closed_or_deleted_job_leaves_the_results(app, jobs):
    from app.blueprints.jobs.services import change_job_status
    from app.models import JobStatus

    org, cheese, welder, carer = jobs
    change_job_status(cheese, JobStatus.CLOSED, today())
    db.session.commit()
    assert search_jobs(BoardFilters(q="fromagere"), today(), None)[1] == 0
    db.session.delete(welder)
    db.session.commit()
    assert search_jobs(BoardFilters(q="soudeur"), today(), None)[1] == 0
    assert search_jobs(BoardFilters(q="prepose"), today(), None)[1] == 1


def test_the_database_index_answers_the_query(app, jobs):
    """The search goes through FTS5 / tsvector, not a scan of the stored words."""
    from sqlalchemy import text

    dialect = db.session.get_bind().dialect.name
    if dialect == "sqlite":
        rows = db.session.execute(
            text("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH '\"fromager\"*'")
        ).scalars()
    else:
        rows = db.session.execute(
            text("SELECT id FROM jobs WHERE search_vector @@ to_tsquery('simple', 'fromager:*')")
        ).scalars()
    assert list(rows) == [jobs[1].id]
