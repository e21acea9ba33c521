"""Candidate profile forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from app.forms import MultiCheckboxField, enum_choices
from app.models import CredentialRecognition, EducationLevel, Household, WorkStatus

STALE_PROFILE = _l(
    "You saved this profile in another window meanwhile. Check the fields, then save again."
)

COMMON_TIMEZONES = [
    "America/Montreal",
    "America/Toronto",
    "America/Vancouver",
    "America/Halifax",
    "America/Port-au-Prince",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Caracas",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Bucharest",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Africa/Casablanca",
    "Africa/Algiers",
    "Africa/Tunis",
    "Africa/Dakar",
    "Africa/Abidjan",
    "Africa/Douala",
    "Africa/Lagos",
    "Africa/Kinshasa",
    "Africa/Cairo",
    "Africa/Nairobi",
    "Asia/Beirut",
    "Asia/Tehran",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Manila",
    "Asia/Shanghai",
    "Asia/Ho_Chi_Minh",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
]


class ProfileForm(FlaskForm):
    version = HiddenField()
    phone = StringField(
        _l("Phone"),
        validators=[Optional(), Length(max=40)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    country = StringField(
        _l("Country where you live now"),
        validators=[Optional(), Length(max=80)],
        render_kw={"autocomplete": "country-name"},
    )
    city = StringField(
        _l("City where you live now"),
        validators=[Optional(), Length(max=120)],
        render_kw={"autocomplete": "address-level2"},
    )
    timezone = SelectField(
        _l("Your time zone"),
        choices=[SelectChoice(z, z) for z in COMMON_TIMEZONES],
        default="America/Montreal",
        description=_l("Friday interview times are also shown in this time zone."),
    )
    arrival_date = DateField(
        _l("Date of arrival in Québec (past or expected)"), validators=[Optional()]
    )

    work_status = SelectField(
        _l("Work status in Canada"), choices=enum_choices(WorkStatus), validators=[Optional()]
    )
    permit_expiry = DateField(
        _l("Permit expiry date"),
        validators=[Optional()],
        description=_l("Only if you have a work permit."),
    )
    french_level = SelectField(_l("French level (Québec scale, 1 to 12)"), validators=[Optional()])
    english_level = SelectField(_l("English level (CLB, 1 to 12)"), validators=[Optional()])

    education_level = SelectField(
        _l("Highest diploma"), choices=enum_choices(EducationLevel), validators=[Optional()]
    )
    education_field = StringField(_l("Field of study"), validators=[Optional(), Length(max=200)])
    credential_recognition = SelectField(
        _l("Recognition of your credentials in Québec"),
        choices=enum_choices(CredentialRecognition),
        validators=[Optional()],
    )
    experience_years = IntegerField(
        _l("Years of work experience"), validators=[Optional(), NumberRange(min=0, max=60)]
    )

    occupations = MultiCheckboxField(
        _l("Occupations you are looking for"), choices=[], validators=[Optional()]
    )
    desired_titles = StringField(
        _l("Job titles in your own words"),
        validators=[Optional(), Length(max=500)],
        description=_l("Separate them with commas, for example: welder, soudeur."),
    )
    skills = TextAreaField(
        _l("Skills"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Separate them with commas, in French or in English."),
    )
    suggested_skills = MultiCheckboxField(
        _l("Suggested skills for your occupations"), choices=[], validators=[Optional()]
    )

    regions = MultiCheckboxField(
        _l("Regions where you would settle"), choices=[], validators=[Optional()]
    )
    regions_anywhere = BooleanField(_l("Anywhere in Québec outside Montréal"))

    household = SelectField(
        _l("You would move"), choices=enum_choices(Household), validators=[Optional()]
    )
    children_count = IntegerField(
        _l("Number of children"), validators=[Optional(), NumberRange(min=0, max=15)]
    )
    partner_occupation = StringField(
        _l("Your partner's occupation"), validators=[Optional(), Length(max=200)]
    )
    partner_skills = StringField(
        _l("Your partner's skills"),
        validators=[Optional(), Length(max=500)],
        description=_l("Separate them with commas."),
    )
    partner_french_level = SelectField(_l("Your partner's French level"), validators=[Optional()])
    partner_english_level = SelectField(_l("Your partner's English level"), validators=[Optional()])

    availability_date = DateField(_l("Available to start on"), validators=[Optional()])
    summary = TextAreaField(
        _l("Short summary"),
        validators=[Optional(), Length(max=2000)],
        description=_l("A few sentences an employer reads first."),
    )
    submit = SubmitField(_l("Save my profile"))

    def validate_permit_expiry(self, field) -> None:
        if field.data and self.work_status.data in ("citizen", "permanent_resident"):
            raise ValidationError(
                _l("Citizens and permanent residents have no permit expiry date.")
            )


class CvForm(FlaskForm):
    cv = FileField(
        _l("CV (PDF or Word .docx, 5 MB at most)"),
        validators=[FileRequired(_l("Choose a file."))],
        render_kw={"accept": ".pdf,.docx,application/pdf"},
    )
    submit_cv = SubmitField(_l("Upload my CV"))


class PrivacyForm(FlaskForm):
    consent_staff_review = BooleanField(
        _l("Program staff may review my profile to pre-qualify me for jobs.")
    )
    consent_employer_display = BooleanField(
        _l("Employers whose jobs match my profile may see it without my name or contact details.")
    )
    submit_privacy = SubmitField(_l("Save my privacy choices"))
