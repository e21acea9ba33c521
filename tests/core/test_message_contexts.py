"""One English word, two French genders or senses: message contexts (pgettext) keep them apart."""

import pytest
from flask_babel import force_locale

from app.models import JobStatus
from app.models.interviews import SessionStatus

FRENCH = {
    ("job", "Closed"): "Fermé",
    ("session", "Closed"): "Fermée",
    ("action", "All"): "Toutes",
    ("subject", "All"): "Tous",
    ("amount", "Approved"): "Approuvé",
    ("requests", "Approved"): "Demandes approuvées",
    ("consent", "Withdrawn"): "Retiré",
}


def test_a_closed_job_and_a_closed_session_agree_in_french(app):
    with app.test_request_context(), force_locale("fr_CA"):
        assert str(JobStatus.CLOSED.label) == "Fermé"
        assert str(SessionStatus.CLOSED.label) == "Fermée"
    with app.test_request_context(), force_locale("en_CA"):
        assert str(JobStatus.CLOSED.label) == str(SessionStatus.CLOSED.label) == "Closed"


@pytest.mark.parametrize(("key", "french"), FRENCH.items())
def test_contexts_in_templates_and_code(app, key, french):
    context, word = key
    source = "{{ pgettext(%r, %r) }}" % key
    for locale, expected in (("fr_CA", french), ("en_CA", word)):
        with app.test_request_context(), force_locale(locale):
            from flask import render_template_string

            from app.rendering import _bound_gettext

            assert render_template_string(source, **_bound_gettext()) == expected
            assert render_template_string(source) == expected  # Flask-Babel's own pgettext
