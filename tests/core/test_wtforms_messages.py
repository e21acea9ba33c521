"""WTForms' own validation messages come from the app's catalogs, with the catalog's wording."""

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from app.forms import AppForm

NBSP = "\u00a0"


class Sample(AppForm):
    class Meta:
        csrf = False

    name = StringField("Name", validators=[DataRequired()])
    code = StringField("Code", validators=[Length(min=3, max=5)])
    nights = IntegerField("Nights", validators=[NumberRange(min=1, max=14)])


def _errors(app, lang, **data):
    accept = "fr-CA,fr;q=0.9" if lang == "fr" else "en-CA,en;q=0.9"
    with app.test_request_context(
        method="POST", data=data, headers={"Accept-Language": accept}
    ):
        form = Sample(formdata=MultiDict(data))
        form.validate()
        return form.errors


EXPECTED = {
    "fr": {
        "name": ["Ce champ est obligatoire."],
        "code": ["Ce champ doit contenir entre 3 et 5 caractères."],
        "nights": ["Entrez un nombre entre 1 et 14."],
    },
    "en": {
        "name": ["This field is required."],
        "code": ["Field must be between 3 and 5 characters long."],
        "nights": ["Number must be between 1 and 14."],
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_required_length_and_range_messages_in_each_language(app, lang):
    errors = _errors(app, lang, name="", code="ab", nights="40")
    assert errors == EXPECTED[lang]


def test_not_wtforms_own_french(app):
    """WTForms ships "Ce champ est requis."; the portal says "obligatoire" everywhere."""
    assert "requis" not in " ".join(_errors(app, "fr", name="")["name"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sign_in_page_shows_the_catalog_wording(lclient, lang):
    page = lclient.post("/connexion", data={"email": "", "password": ""}).get_data(as_text=True)
    assert EXPECTED[lang]["name"][0] in page
    assert "requis" not in page


def test_every_form_of_the_portal_uses_the_catalog(app):
    """A form written on FlaskForm directly would fall back to WTForms' own French."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    strays = [
        f"{c.__module__}.{c.__qualname__}"
        for c in subclasses(FlaskForm)
        if c.__module__.startswith("app.") and not issubclass(c, AppForm)
    ]
    assert strays == []
