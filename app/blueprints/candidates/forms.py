"""Candidate profile forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from app.blueprints.candidates.services import ProfileData, check_profile
from app.clock import today as program_today
from app.forms import (
    AppForm,
    CheckedForm,
    CommaListAreaField,
    CommaListField,
    EnumSelectField,
    LevelField,
    MultiCheckboxField,
    VersionedForm,
    split_list,
)
from app.models import CredentialRecognition, EducationLevel, Household, WorkStatus
from app.phones import display_phone

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


PROFILE_ERRORS = {
    "stale": STALE_PROFILE,
    "phone_invalid": _l(
        "This phone number is not valid. Type it with its country code, for example "
        "+221 77 123 45 67 or 418 555-0142."
    ),
    "arrival_too_old": _l("The arrival date is before 1940: check the year."),
    "arrival_too_far": _l("The arrival date is more than a year away: check the year."),
    "expiry_without_permit": _l("Citizens and permanent residents have no permit expiry date."),
    "permit_expired": _l(
        "This permit has expired, so it no longer allows you to work. Choose your current "
        "status (a new permit, or no work authorization yet)."
    ),
    "permit_too_far": _l("A work permit is not issued for more than ten years: check the date."),
    "availability_past": _l("The date you are available from is in the past."),
    "neq_invalid": _l("The NEQ has exactly 10 digits (it is on the permit's employer documents)."),
}


class ProfileForm(VersionedForm, CheckedForm):
    """The candidate's profile: `from_model(profile)` fills it, `to_data()` gives the service its
    input; every problem, the service's plausibility rules included, shows in one submit."""

    messages = PROFILE_ERRORS
    current = None  # the profile being edited (set by the view), for rules about changes

    phone = StringField(
        _l("Phone"),
        validators=[Optional(), Length(max=40)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
        description=_l("With the country code if you live outside Canada."),
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

    work_status = EnumSelectField(
        _l("Work status in Canada"), enum=WorkStatus, validators=[Optional()]
    )
    permit_expiry = DateField(
        _l("Permit expiry date"),
        validators=[Optional()],
        description=_l("Only if you have a work permit."),
    )
    permit_employer_name = StringField(
        _l("Employer named on your permit"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "Only for an employer-specific (closed) permit: it allows you to work for this "
            "employer only."
        ),
    )
    permit_employer_neq = StringField(
        _l("That employer's NEQ (if you know it)"),
        validators=[Optional(), Length(max=20)],
        render_kw={"inputmode": "numeric"},
    )
    french_level = LevelField(
        _l("French level (Québec scale, 1 to 12)"),
        blank=_l("Choose a level"),
        validators=[Optional()],
    )
    english_level = LevelField(
        _l("English level (CLB, 1 to 12)"), blank=_l("Choose a level"), validators=[Optional()]
    )

    education_level = EnumSelectField(
        _l("Highest diploma"), enum=EducationLevel, validators=[Optional()]
    )
    education_field = StringField(_l("Field of study"), validators=[Optional(), Length(max=200)])
    credential_recognition = EnumSelectField(
        _l("Recognition of your credentials in Québec"),
        enum=CredentialRecognition,
        validators=[Optional()],
    )
    experience_years = IntegerField(
        _l("Years of work experience"), validators=[Optional(), NumberRange(min=0, max=60)]
    )

    occupations = MultiCheckboxField(
        _l("Occupations you are looking for"), choices=[], validators=[Optional()]
    )
    desired_titles = CommaListField(
        _l("Job titles in your own words"),
        validators=[Optional(), Length(max=500)],
        description=_l("Separate them with commas, for example: welder, soudeur."),
    )
    skills = CommaListAreaField(
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

    household = EnumSelectField(_l("You would move"), enum=Household, validators=[Optional()])
    children_count = IntegerField(
        _l("Number of children"), validators=[Optional(), NumberRange(min=0, max=15)]
    )
    partner_occupation = StringField(
        _l("Your partner's occupation"), validators=[Optional(), Length(max=200)]
    )
    partner_skills = CommaListField(
        _l("Your partner's skills"),
        validators=[Optional(), Length(max=500)],
        description=_l("Separate them with commas."),
    )
    partner_french_level = LevelField(
        _l("Your partner's French level"), blank=_l("Choose a level"), validators=[Optional()]
    )
    partner_english_level = LevelField(
        _l("Your partner's English level"), blank=_l("Choose a level"), validators=[Optional()]
    )
    partner_work_status = EnumSelectField(
        _l("Your partner's work status in Canada"), enum=WorkStatus, validators=[Optional()]
    )

    availability_date = DateField(_l("Available to start on"), validators=[Optional()])
    summary = TextAreaField(
        _l("Short summary"),
        validators=[Optional(), Length(max=2000)],
        description=_l("A few sentences an employer reads first."),
    )
    submit = SubmitField(_l("Save my profile"))

    def from_model(self, profile) -> None:
        """Fill the fields from the saved profile (the columns named otherwise included)."""
        self.process(obj=profile)
        self.phone.data = display_phone(profile.phone)
        self.occupations.data = [o.noc for o in profile.occupations]
        self.regions.data = [r.code for r in profile.regions]
        self.version.data = profile.version

    def to_data(self) -> ProfileData:
        """The service's input from the submitted fields."""
        skills = list(self.skills.data or []) + list(self.suggested_skills.data or [])
        return ProfileData(
            phone=(self.phone.data or "").strip(),
            country=self.country.data or "",
            city=self.city.data or "",
            timezone=self.timezone.data,
            arrival_date=self.arrival_date.data,
            work_status=self.work_status.data,
            permit_expiry=self.permit_expiry.data,
            permit_employer_name=(self.permit_employer_name.data or "").strip(),
            permit_employer_neq=(self.permit_employer_neq.data or "").strip(),
            french_level=self.french_level.data,
            english_level=self.english_level.data,
            education_level=self.education_level.data,
            education_field=self.education_field.data or "",
            credential_recognition=self.credential_recognition.data,
            experience_years=self.experience_years.data,
            occupation_codes=list(self.occupations.data or []),
            desired_titles=list(self.desired_titles.data or []),
            skills=split_list(",".join(skills)),
            region_codes=list(self.regions.data or []),
            regions_anywhere=self.regions_anywhere.data,
            household=self.household.data,
            children_count=self.children_count.data or 0,
            partner_occupation=self.partner_occupation.data or "",
            partner_skills=list(self.partner_skills.data or []),
            partner_french_level=self.partner_french_level.data,
            partner_english_level=self.partner_english_level.data,
            partner_work_status=self.partner_work_status.data,
            availability_date=self.availability_date.data,
            summary=self.summary.data or "",
        )

    def service_check(self, data: ProfileData) -> None:
        check_profile(data, program_today(), self.current)


class CvForm(AppForm):
    cv = FileField(
        _l("CV (PDF or Word .docx, 5 MB at most)"),
        validators=[FileRequired(_l("Choose a file."))],
        render_kw={"accept": ".pdf,.docx,application/pdf"},
    )
    submit_cv = SubmitField(_l("Upload my CV"))


class PrivacyForm(AppForm):
    consent_staff_review = BooleanField(
        _l("Program staff may review my profile to pre-qualify me for jobs.")
    )
    consent_employer_display = BooleanField(
        _l("Employers whose jobs match my profile may see it without my name or contact details.")
    )
    submit_privacy = SubmitField(_l("Save my privacy choices"))
