"""Privacy forms: consents, account corrections, deletion, review requests and incidents."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from app.forms import AppForm
from app.i18n import LANGUAGE_NAMES
from app.models import ConsentPurpose

PRIVACY_ERRORS = {
    "name_required": _l("Write your name."),
    "wrong_password": _l("This password is not correct. Your account was not deleted."),
    "answer_required": _l("Write the answer."),
    "nature_required": _l("Describe what happened."),
    "occurred_after_discovery": _l("The incident cannot happen after its discovery."),
}


class ConsentForm(AppForm):
    """One click gives or withdraws one consent."""

    purpose = HiddenField(validators=[AnyOf([p.value for p in ConsentPurpose])])
    given = HiddenField(validators=[AnyOf(["1", "0"])])


class AccountForm(AppForm):
    full_name = StringField(
        _l("Full name"),
        validators=[DataRequired(message=_l("Write your name.")), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    locale = SelectField(
        _l("Language for pages and emails"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        validators=[DataRequired()],
    )
    submit = SubmitField(_l("Save my corrections"))


class DownloadForm(AppForm):
    submit = SubmitField(_l("Download my data"))


class DeleteAccountForm(AppForm):
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(message=_l("Type your password to confirm."))],
        description=_l("To confirm that you are the person deleting this account."),
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Delete my account for good"))


class ReviewRequestForm(AppForm):
    job_id = SelectField(_l("About which job (optional)"), coerce=int, validate_choice=False)
    message = TextAreaField(
        _l("What should a person look at? (optional)"),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Ask for a human review"))


class ReviewAnswerForm(AppForm):
    answer = TextAreaField(
        _l("Answer to the candidate"),
        validators=[DataRequired(message=_l("Write the answer.")), Length(max=4000)],
    )
    submit = SubmitField(_l("Send the answer"))


class IncidentForm(AppForm):
    discovered_on = DateField(
        _l("Discovered on"), validators=[DataRequired(message=_l("Give the date."))]
    )
    occurred_on = DateField(_l("Happened on (if known)"), validators=[Optional()])
    nature = TextAreaField(
        _l("What happened"),
        validators=[DataRequired(message=_l("Describe what happened.")), Length(max=4000)],
        description=_l("For example: a list of candidates sent to the wrong employer."),
    )
    data_involved = TextAreaField(
        _l("Personal information involved"), validators=[Optional(), Length(max=4000)]
    )
    people_affected = IntegerField(
        _l("Number of people affected"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=10_000_000)],
    )
    risk_assessment = TextAreaField(
        _l("Risk assessment"),
        validators=[Optional(), Length(max=4000)],
        description=_l("How sensitive the information is, the likely uses, the consequences."),
    )
    serious_risk = BooleanField(_l("Risk of serious injury"))
    measures = TextAreaField(_l("Measures taken"), validators=[Optional(), Length(max=4000)])
    commission_notified_on = DateField(
        _l("Commission d'accès à l'information notified on"), validators=[Optional()]
    )
    people_notified_on = DateField(_l("People affected notified on"), validators=[Optional()])
    submit = SubmitField(_l("Save in the register"))
