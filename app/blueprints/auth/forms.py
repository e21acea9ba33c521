"""Sign-up, sign-in and password forms."""

import re
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TelField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.blueprints.candidates.forms import COMMON_TIMEZONES
from app.forms import AppForm

MIN_PASSWORD = 8
MAX_PASSWORD = 64
_COMMON = Path(__file__).resolve().parents[2] / "data" / "common_passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = _COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def not_common(form, field) -> None:
    """Refuse the passwords every attacker tries first (no composition rules, by design)."""
    if (field.data or "").strip().lower() in common_passwords():
        raise ValidationError(
            _l("This password is too common. Choose another: a short sentence works well.")
        )


ACCOUNT_ERRORS = {
    "timezone": _l("Choose a time zone from the list."),
    "taken": _l("An account already uses this email. Sign in, or reset your password."),
    "wrong_region": _l("This municipality is not in the region you chose."),
    "required": _l("This field is required."),
    "wrong_password": _l("This is not your current password."),
    "same_email": _l("This is already your email address."),
    "phone_invalid": _l(
        "This phone number is not valid. Type it with its area code, for example 418 555-0142."
    ),
    "neq_pending": _l(
        "An organisation with this NEQ is already waiting for the program's vetting. "
        "Its contact person will hear from the program; you can join it once it is approved."
    ),
    "neq_refused": _l(
        "The program did not approve the organisation with this NEQ. "
        "Write to the program team if you think this is a mistake."
    ),
}


def validate_neq(form: AppForm, field: StringField) -> None:
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
                max=MAX_PASSWORD,
                message=_l(
                    "Use %(min)d to %(max)d characters.", min=MIN_PASSWORD, max=MAX_PASSWORD
                ),
            ),
            not_common,
        ],
        description=_l("8 to 64 characters. A short sentence is easy to remember."),
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


class SignupForm(PasswordMixin, ConsentMixin, AppForm):
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
    address = StringField(
        _l("Street address (optional)"),
        validators=[Optional(), Length(max=255)],
        render_kw={"autocomplete": "street-address"},
    )
    phone = TelField(
        _l("Phone number (optional)"),
        validators=[Optional(), Length(max=40)],
        description=_l("The program calls to confirm a new organisation."),
        render_kw={"autocomplete": "tel"},
    )
    submit = SubmitField(_l("Create my account"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.account_type.data == "employer":
            for field in (self.organisation_name, self.neq, self.region):
                if not field.data:
                    field.errors.append(_l("This field is required for an employer."))
                    ok = False
        return ok


class LoginForm(AppForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email()], render_kw={"autocomplete": "username"}
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    submit = SubmitField(_l("Sign in"))


class TwoFactorForm(AppForm):
    code = StringField(
        _l("Code from your authentication app"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("6 digits. You may also use one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Confirm"))


class CurrentPasswordMixin:
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        description=_l("We ask for it again before this change."),
        render_kw={"autocomplete": "current-password"},
    )


class ChangePasswordForm(CurrentPasswordMixin, PasswordMixin, AppForm):
    submit = SubmitField(_l("Change my password"))


class ChangeEmailForm(CurrentPasswordMixin, AppForm):
    email = EmailField(
        _l("New email address"),
        validators=[DataRequired(), Email(), Length(max=255)],
        render_kw={"autocomplete": "email"},
    )
    submit = SubmitField(_l("Change my email address"))


class DisableTwoFactorForm(CurrentPasswordMixin, AppForm):
    submit = SubmitField(_l("Turn off two-step verification"))


class RecoveryCodesForm(CurrentPasswordMixin, AppForm):
    submit = SubmitField(_l("Make new recovery codes"))


class ForgotPasswordForm(AppForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email()], render_kw={"autocomplete": "email"}
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(PasswordMixin, AppForm):
    submit = SubmitField(_l("Change my password"))


class TimezoneForm(AppForm):
    """The zone a person reads interview times in (candidates set it in their profile)."""

    timezone = SelectField(
        _l("Your time zone"),
        choices=[SelectChoice(z, z) for z in COMMON_TIMEZONES],
        default="America/Montreal",
        description=_l("Friday interview times are also shown in this time zone."),
    )
    submit = SubmitField(_l("Save my time zone"))
