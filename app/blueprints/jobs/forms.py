"""Job posting form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.blueprints.candidates.forms import enum_choices
from app.clock import today as program_today
from app.models import EducationLevel, JobType, SalaryUnit

JOB_ERRORS = {
    "title_required": _l("Give the job a title in French or in English."),
    "noc_unknown": _l("Choose an occupation from the list."),
    "wrong_region": _l("This municipality is not in the region you chose."),
    "salary_order": _l("The minimum salary is above the maximum."),
    "stale": _l("Someone else saved this job meanwhile. Reload the page to see their changes."),
    "transition": _l("This change of status is not possible."),
    "closing_past": _l("The closing date is in the past: change it before publishing."),
}


class JobForm(FlaskForm):
    version = HiddenField()
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
    skills_required = StringField(
        _l("Required skills"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separate them with commas."),
    )
    skills_nice = StringField(
        _l("Nice-to-have skills"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separate them with commas."),
    )
    region = SelectField(_l("Region"), choices=[], validators=[DataRequired()])
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    french_level_min = SelectField(_l("Minimum French level (Québec scale)"), choices=[])
    english_level_min = SelectField(_l("Minimum English level (CLB)"), choices=[])
    experience_years_min = IntegerField(
        _l("Minimum years of experience"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=40)],
    )
    education_min = SelectField(
        _l("Minimum education"),
        choices=enum_choices(EducationLevel, blank=""),
        validators=[Optional()],
    )
    work_permit_required = BooleanField(_l("A Canadian work permit is required"), default=True)
    salary_min = DecimalField(
        _l("Minimum salary (CAD)"), places=2, validators=[Optional(), NumberRange(min=0)]
    )
    salary_max = DecimalField(
        _l("Maximum salary (CAD)"), places=2, validators=[Optional(), NumberRange(min=0)]
    )
    salary_unit = SelectField(
        _l("Salary per"),
        choices=[
            SelectChoice(SalaryUnit.HOURLY.value, _l("hour")),
            SelectChoice(SalaryUnit.ANNUAL.value, _l("year")),
        ],
    )
    hours_per_week = DecimalField(
        _l("Hours per week"), places=1, validators=[Optional(), NumberRange(min=1, max=80)]
    )
    job_type = SelectField(_l("Type of job"), choices=enum_choices(JobType, blank=None))
    positions = IntegerField(
        _l("Number of positions"),
        default=1,
        validators=[DataRequired(), NumberRange(min=1, max=500)],
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    closing_date = DateField(_l("Closing date"), validators=[Optional()])
    relocation_help = BooleanField(_l("We help with relocation costs"))
    housing_help = BooleanField(_l("We help find housing"))
    submit = SubmitField(_l("Save"))

    def validate_closing_date(self, field) -> None:
        if field.data and field.data < program_today():
            raise ValidationError(_l("The closing date is in the past."))

    def validate_salary_max(self, field) -> None:
        if (
            field.data is not None
            and self.salary_min.data is not None
            and self.salary_min.data > field.data
        ):
            raise ValidationError(_l("The maximum salary is below the minimum."))
