"""Sign-up, sign-in and password forms."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

MIN_PASSWORD = 10

ACCOUNT_ERRORS = {
    "taken": _l("An account already uses this email. Sign in, or reset your password."),
    "wrong_region": _l("This municipality is not in the region you chose."),
    "required": _l("This field is required."),
}


def validate_neq(form: FlaskForm, field: StringField) -> None:
    """A Québec enterprise number (NEQ) has exactly 10 digits."""
    digits = re.sub(r"[\s-]", "", field.data or "")
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_l("The NEQ must have exactly 10 digits, for example 1234567890."))
    field.data = digits


class PasswordMixin:
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD,
                max=200,
                message=_l("Use at least %(min)d characters.", min=MIN_PASSWORD),
            ),
        ],
        description=_l("At least 10 characters. A short sentence is easy to remember."),
        render_kw={"autocomplete": "new-password"},
    )
    password_confirm = PasswordField(
        _l("Confirm the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )


class ConsentMixin:
    consent = BooleanField(
        _l(
            "I have read the privacy policy and I consent to Maillage processing my information "
            "for the purposes it describes."
        ),
        validators=[DataRequired(message=_l("Your consent is needed to create an account."))],
    )


class SignupForm(PasswordMixin, ConsentMixin, FlaskForm):
    account_type = RadioField(
        _l("I am"),
        choices=[
            SelectChoice("candidate", _l("a candidate looking for a job in a region")),
            SelectChoice("employer", _l("an employer in a region")),
        ],
        default="candidate",
        validators=[DataRequired()],
    )
    full_name = StringField(
        _l("Full name"),
        validators=[DataRequired(), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Email(), Length(max=255)],
        render_kw={"autocomplete": "email"},
    )
    organisation_name = StringField(
        _l("Organisation name"), validators=[Optional(), Length(max=200)]
    )
    neq = StringField(
        _l("Québec enterprise number (NEQ)"),
        validators=[Optional(), validate_neq],
        description=_l("10 digits, as shown in the Registraire des entreprises."),
        render_kw={"inputmode": "numeric"},
    )
    region = SelectField(_l("Region"), validators=[Optional()], choices=[])
    municipality = SelectField(_l("Municipality"), validators=[Optional()], choices=[])
    submit = SubmitField(_l("Create my account"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.account_type.data == "employer":
            for field in (self.organisation_name, self.neq, self.region):
                if not field.data:
                    field.errors.append(_l("This field is required for an employer."))
                    ok = False
        return ok


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email()], render_kw={"autocomplete": "username"}
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    submit = SubmitField(_l("Sign in"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email()], render_kw={"autocomplete": "email"}
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(PasswordMixin, FlaskForm):
    submit = SubmitField(_l("Change my password"))
