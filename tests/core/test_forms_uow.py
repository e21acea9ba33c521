"""The shared form fields and the unit of work."""

import pytest
from werkzeug.datastructures import MultiDict

from app.errors import DomainError, StaleError
from app.extensions import db
from app.forms import (
    CentsField,
    CommaListField,
    EnumSelectField,
    LevelField,
    VersionedForm,
    parse_int,
)
from app.models import Role, User, WorkStatus
from app.uow import attempt, write_on_read


class Sample(VersionedForm):
    class Meta:
        csrf = False

    status = EnumSelectField("Status", enum=WorkStatus)
    french = LevelField("French")
    skills = CommaListField("Skills")
    amount = CentsField("Amount")


def _form(app, **data):
    with app.test_request_context(method="POST", data=data):
        form = Sample(formdata=MultiDict(data))
        form.validate()
        return form


def test_typed_fields_produce_service_input(app):
    form = _form(
        app,
        status="open_work_permit",
        french="7",
        skills="soudure; Soudure,\n MIG ",
        amount="12,50",
        version="3",
    )
    assert form.status.data is WorkStatus.OPEN_WORK_PERMIT
    assert form.french.data == 7
    assert form.skills.data == ["soudure", "MIG"]
    assert form.amount.data == 1250
    assert form.seen_version() == 3
    assert form.errors == {}


def test_blank_and_garbled_values(app):
    form = _form(app, status="", french="", skills="", amount="", version="9" * 40)
    assert form.status.data is None and form.french.data is None
    assert form.skills.data == [] and form.amount.data is None
    assert form.seen_version() is None
    assert form.errors == {}
    bad = _form(app, status="martian", french="13", amount="1e400")
    assert set(bad.errors) == {"status", "french", "amount"}


def test_fields_redraw_what_the_user_typed(app):
    form = _form(app, skills="a, b ,a", amount="12,5")
    assert form.skills._value() == "a, b ,a"
    assert form.amount._value() == "12,5"
    with app.test_request_context():
        drawn = Sample(data={"amount": 1999, "skills": ["x", "y"]}, formdata=None)
        assert drawn.amount._value() == "19.99" and drawn.skills._value() == "x, y"


@pytest.mark.parametrize("text", ["", "abc", "-", "1" * 13, "99999999999999999999", "2147483648"])
def test_parse_int_never_overflows(text):
    assert parse_int(text) is None


def test_parse_int_bounds():
    assert parse_int("42") == 42 and parse_int(" 7 ", 0, 12) == 7 and parse_int("13", 0, 12) is None


def _make_user(email):
    user = User(email=email, role=Role.CANDIDATE, full_name="X", password_hash="x")
    db.session.add(user)
    db.session.flush()
    return user


def test_attempt_commits_on_success_and_rolls_back_on_domain_error(app):
    with app.test_request_context(method="POST"):
        ok = attempt(None, {}, _make_user, "a@example.org")
        assert ok and ok.value.id
        form = _form(app, skills="x")

        def refuse():
            _make_user("b@example.org")
            raise DomainError("taken", "skills")

        failed = attempt(form, {"taken": "Already taken."}, refuse)
        assert not failed and failed.error.code == "taken"
        assert form.skills.errors == ["Already taken."]
        assert form.skills.data == ["x"]
        db.session.remove()
        emails = set(db.session.execute(db.select(User.email)).scalars())
        assert "a@example.org" in emails and "b@example.org" not in emails


def test_attempt_puts_unknown_fields_on_the_form_and_duplicates_through_the_same_path(app):
    with app.test_request_context(method="POST"):
        form = _form(app)
        failed = attempt(form, {"stale": "Changed meanwhile."}, _raise, StaleError("nowhere"))
        assert form.form_errors == ["Changed meanwhile."]
        attempt(None, {}, _make_user, "c@example.org")
        dup = attempt(form, {"duplicate": "Sent twice."}, _make_user, "c@example.org")
        assert not dup and dup.duplicate and "Sent twice." in form.form_errors
        assert not failed.duplicate


def _raise(err):
    raise err


def test_write_on_read_commits_after_a_successful_view_only(app):
    @app.get("/_uow/<int:code>")
    def _view(code: int):
        _make_user(f"read{code}@example.org")
        write_on_read("test")
        return "x", code

    client = app.test_client()
    assert client.get("/_uow/200").status_code == 200
    client.get("/_uow/404")
    with app.app_context():
        emails = set(db.session.execute(db.select(User.email)).scalars())
    assert "read200@example.org" in emails and "read404@example.org" not in emails


def test_no_number_field_treats_zero_as_empty():
    """Required numbers use InputRequired: DataRequired refuses "0" as if nothing were typed."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm
    from wtforms import DecimalField, FloatField, IntegerField
    from wtforms.validators import DataRequired

    import app.blueprints

    for module in pkgutil.iter_modules(app.blueprints.__path__):
        try:
            importlib.import_module(f"app.blueprints.{module.name}.forms")
        except ModuleNotFoundError:
            continue
    seen, offenders = 0, []
    stack = list(FlaskForm.__subclasses__())
    while stack:
        form = stack.pop()
        stack += form.__subclasses__()
        for name in dir(form):
            unbound = getattr(form, name, None)
            field_class = getattr(unbound, "field_class", None)
            if not (
                isinstance(field_class, type)
                and issubclass(field_class, (IntegerField, DecimalField, FloatField))
            ):
                continue
            seen += 1
            validators = unbound.kwargs.get("validators") or []
            if any(type(v) is DataRequired for v in validators):
                offenders.append(f"{form.__module__}.{form.__name__}.{name}")
    assert seen > 10
    assert offenders == []
