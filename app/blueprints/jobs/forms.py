"""Job posting form."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.blueprints.jobs.services import JobData, check_job
from app.clock import today as program_today
from app.forms import CheckedForm, CommaListField, EnumSelectField, LevelField, VersionedForm
from app.models import EducationLevel, Job, JobType, PermitSupport, SalaryUnit

JOB_ERRORS = {
    "title_required": _l("Give the job a title in French or in English."),
    "noc_unknown": _l("Choose an occupation from the list."),
    "region_required": _l("Choose the region of the job."),
    "wrong_region": _l("This municipality is not in the region you chose."),
    "salary_order": _l("The maximum salary is below the minimum."),
    "stale": _l("Someone else saved this job meanwhile. Reload the page to see their changes."),
    "transition": _l("This change of status is not possible."),
    "closing_past": _l("The closing date is in the past: change it before publishing."),
    "renew_not_published": _l("Only a published job can be renewed: publish it again instead."),
    "organisation_pending": _l(
        "Your organisation is awaiting vetting by the program: you can publish this job once "
        "the program has approved your organisation. It stays saved as a draft."
    ),
    "organisation_refused": _l(
        "The program did not approve your organisation, so its jobs cannot be published."
    ),
}


class JobForm(VersionedForm, CheckedForm):
    """A job posting: `from_model(job)` fills it, `to_data()` gives the service its input; on
    submit, every problem is shown at once, the service's rules included (`check_job`)."""

    messages = JOB_ERRORS
    service_check = staticmethod(check_job)

    title_fr = StringField(_l("Job title in French"), validators=[Optional(), Length(max=200)])
    title_en = StringField(_l("Job title in English"), validators=[Optional(), Length(max=200)])
    noc = RadioField(
        _l("Occupation (NOC 2021)"),
        choices=[],
        validators=[DataRequired(message=_l("Choose an occupation from the list."))],
        validate_choice=False,
    )
    description_fr = TextAreaField(
        _l("Description in French"), validators=[Optional(), Length(max=8000)]
    )
    description_en = TextAreaField(
        _l("Description in English"), validators=[Optional(), Length(max=8000)]
    )
    skills_required = CommaListField(
        _l("Required skills"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separate them with commas."),
    )
    skills_nice = CommaListField(
        _l("Nice-to-have skills"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separate them with commas."),
    )
    region = SelectField(
        _l("Region"),
        choices=[],
        validators=[DataRequired(message=JOB_ERRORS["region_required"])],
    )
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    french_level_min = LevelField(_l("Minimum French level (Québec scale)"), blank=None)
    english_level_min = LevelField(_l("Minimum English level (CLB)"), blank=None)
    experience_years_min = IntegerField(
        _l("Minimum years of experience"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=40)],
    )
    education_min = EnumSelectField(
        _l("Minimum education"), enum=EducationLevel, validators=[Optional()]
    )
    work_permit_required = BooleanField(_l("A Canadian work permit is required"), default=True)
    permit_support = EnumSelectField(
        _l("Can you support a new work permit for this job (LMIA)?"),
        enum=PermitSupport,
        blank=_l("Not specified"),
        validators=[Optional()],
        description=_l(
            "A person whose permit names another employer can take this job only if you can "
            "support a new permit."
        ),
    )
    salary_min = DecimalField(
        _l("Minimum salary (CAD)"), places=2, validators=[Optional(), NumberRange(min=0)]
    )
    salary_max = DecimalField(
        _l("Maximum salary (CAD)"), places=2, validators=[Optional(), NumberRange(min=0)]
    )
    salary_unit = EnumSelectField(
        _l("Salary per"),
        enum=SalaryUnit,
        choices=[
            SelectChoice(SalaryUnit.HOURLY.value, _l("hour")),
            SelectChoice(SalaryUnit.ANNUAL.value, _l("year")),
        ],
    )
    hours_per_week = DecimalField(
        _l("Hours per week"), places=1, validators=[Optional(), NumberRange(min=1, max=80)]
    )
    job_type = EnumSelectField(_l("Type of job"), enum=JobType, blank=None)
    positions = IntegerField(
        _l("Number of positions"),
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=500)],
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    closing_date = DateField(_l("Closing date"), validators=[Optional()])
    relocation_help = BooleanField(_l("We help with relocation costs"))
    housing_help = BooleanField(_l("We help find housing"))
    submit = SubmitField(_l("Save"))

    def from_model(self, job: Job) -> None:
        """Fill the fields the job's columns do not name alike."""
        self.process(obj=job)
        self.region.data = job.region_code
        self.municipality.data = str(job.municipality_id or "")

    def to_data(self) -> JobData:
        """Return the service's input from the submitted fields."""
        return JobData(
            title_fr=(self.title_fr.data or "").strip(),
            title_en=(self.title_en.data or "").strip(),
            noc=self.noc.data or "",
            description_fr=self.description_fr.data or "",
            description_en=self.description_en.data or "",
            skills_required=self.skills_required.data or [],
            skills_nice=self.skills_nice.data or [],
            region_code=self.region.data,
            municipality_id=int(self.municipality.data) if self.municipality.data else None,
            french_level_min=self.french_level_min.data or 0,
            english_level_min=self.english_level_min.data or 0,
            experience_years_min=self.experience_years_min.data or 0,
            education_min=self.education_min.data,
            work_permit_required=self.work_permit_required.data,
            permit_support=self.permit_support.data,
            salary_min=self.salary_min.data,
            salary_max=self.salary_max.data,
            salary_unit=self.salary_unit.data,
            hours_per_week=self.hours_per_week.data,
            job_type=self.job_type.data,
            positions=self.positions.data or 1,
            start_date=self.start_date.data,
            closing_date=self.closing_date.data,
            relocation_help=self.relocation_help.data,
            housing_help=self.housing_help.data,
        )

    def validate_closing_date(self, field) -> None:
        if field.data and field.data < program_today():
            raise ValidationError(_l("The closing date is in the past."))
