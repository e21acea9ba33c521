"""The job alert form: the board's criteria, a name and a frequency."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from app.blueprints.alerts.services import AlertData, check_alert
from app.blueprints.employers.forms import commitment_choices
from app.forms import CheckedForm, MultiCheckboxField, enum_choices
from app.models import AlertFrequency, Commitment, JobType

ALERT_ERRORS = {
    "name_required": _l("Give the alert a name."),
    "no_criteria": _l(
        "Choose at least one criterion (keywords, region, occupation group, type of job or "
        "welcome commitment): an alert for every job would send you all of them."
    ),
    "region_unknown": _l("Choose a region from the list."),
    "group_unknown": _l("Choose an occupation group from the list."),
    "type_unknown": _l("Choose a type of job from the list."),
    "too_many": _l("You have 20 alerts already: delete one before saving another."),
}

# The first digit of a NOC 2021 code: the board's occupation groups.
OCCUPATION_GROUPS = [
    ("0", _l("Management")),
    ("1", _l("Business, finance and administration")),
    ("2", _l("Natural and applied sciences")),
    ("3", _l("Health")),
    ("4", _l("Education, law, social and government services")),
    ("5", _l("Arts, culture and recreation")),
    ("6", _l("Sales and service")),
    ("7", _l("Trades, transport and equipment operation")),
    ("8", _l("Natural resources and agriculture")),
    ("9", _l("Manufacturing and utilities")),
]


class AlertForm(CheckedForm):
    """A job alert; every problem, the service's rules included (`check_alert`), shows at once."""

    messages = ALERT_ERRORS
    service_check = staticmethod(check_alert)

    name = StringField(_l("Name of the alert"), validators=[Length(max=120)])
    q = StringField(_l("Keywords"), validators=[Length(max=100)])
    region = SelectField(_l("Region"), choices=[], default="")
    group = SelectField(
        _l("Occupation group"),
        default="",
        choices=[SelectChoice("", _l("All groups"))]
        + [SelectChoice(code, label) for code, label in OCCUPATION_GROUPS],
    )
    job_type = SelectField(
        _l("Type of job"), choices=enum_choices(JobType, _l("All types")), default=""
    )
    meets_languages = BooleanField(_l("Only jobs whose language requirements I meet"))
    commitments = MultiCheckboxField(
        _l("Welcome commitments"), choices=commitment_choices, validators=[Optional()]
    )
    frequency = RadioField(
        _l("Send me the new jobs"),
        choices=enum_choices(AlertFrequency, blank=None),
        default=AlertFrequency.DAILY.value,
    )
    submit = SubmitField(_l("Save the alert"))

    def fill(self, data: AlertData) -> None:
        """Show an alert's (or a search's) fields."""
        self.name.data, self.q.data = data.name, data.q
        self.region.data, self.group.data, self.job_type.data = (
            data.region,
            data.group,
            data.job_type,
        )
        self.meets_languages.data = data.meets_languages
        self.commitments.data = sorted(c.value for c in data.commitments)
        self.frequency.data = data.frequency.value

    def to_data(self) -> AlertData:
        """Return the service's input from the submitted fields."""
        frequency = self.frequency.data
        return AlertData(
            name=(self.name.data or "").strip(),
            q=(self.q.data or "").strip(),
            region=self.region.data or "",
            group=self.group.data or "",
            job_type=self.job_type.data or "",
            meets_languages=bool(self.meets_languages.data),
            commitments=Commitment.parse(self.commitments.data),
            frequency=AlertFrequency(frequency)
            if frequency in {f.value for f in AlertFrequency}
            else AlertFrequency.DAILY,
        )
