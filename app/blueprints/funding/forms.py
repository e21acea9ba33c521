"""Travel funding forms: the request, the partner's decisions and the staff policy."""

from datetime import date
from decimal import Decimal

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
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
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.blueprints.funding.services import TripData, check_trip, horizon_months
from app.clock import today
from app.forms import AppForm, CentsField, CheckedForm, VersionedForm
from app.models import TravelMode
from app.models.funding import TRAVEL_MODE_LABELS

FUNDING_ERRORS = {
    "past_date": _l("The trip cannot start in the past."),
    "too_far": LazyString(
        lambda: gettext("The trip must start within %(months)s months.", months=horizon_months())
    ),
    "return_before_departure": _l("The return date must be on or after the departure date."),
    "too_many_nights": _l("There are more nights than the trip allows."),
    "too_many_meal_days": _l("There are more days of meals than the trip lasts."),
    "unknown_origin": _l("Choose your departure city in the list."),
    "same_place": _l("The departure city is the employer's city."),
    "no_destination": _l(
        "This employer's city is not known or is in Montréal: the program staff can help you."
    ),
    "yearly_limit": _l("You reached the number of funded trips allowed this year."),
    "duplicate": _l("You already asked for funding for a trip to this employer on this date."),
    "overlap": _l(
        "You already asked for funding for a trip to this employer on these dates: "
        "see the request below, or change its dates there."
    ),
    "stale": _l(
        "Someone changed this request meanwhile. Here is its current state; "
        "your text is kept below, check it and send it again."
    ),
    "transition": _l("This change is not possible at this stage."),
    "questions_required": _l("Write at least one thing the candidate must provide."),
    "answer_required": _l("Write your answer, or attach a document."),
    "unanswered": _l("Answer every item of the list before sending it back."),
    "amount_out_of_range": _l("The approved amount must be above zero and at most what was asked."),
    "reason_required": _l("Give the reason: the candidate reads it."),
    "before_trip": _l("You can send receipts once the trip has started."),
    "payment_out_of_range": _l("The payment must be above zero and at most the approved amount."),
    "reference_required": _l("Give the payment's reference."),
    "message_required": _l("Write your message."),
    "policy_unchanged": _l("Nothing changed: the policy in force already has these values."),
    "not_found": _l("This item no longer exists."),
}


class TripForm(CheckedForm):
    """A trip to fund; the service's rules (dates, counts, horizon) show with the field errors."""

    messages = FUNDING_ERRORS

    depart_on = DateField(_l("Departure date"), validators=[DataRequired()])
    return_on = DateField(_l("Return date"), validators=[DataRequired()])
    origin_id = SelectField(
        _l("Departure city"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose your departure city in the list."))],
        description=_l("Where you leave from in Québec, for example your arrival city."),
    )
    mode = RadioField(
        _l("Means of transport"),
        choices=[SelectChoice(m.value, TRAVEL_MODE_LABELS[m]) for m in TravelMode],
        default=TravelMode.CAR.value,
        validators=[DataRequired()],
    )
    nights = IntegerField(
        _l("Nights of lodging"), default=0, validators=[InputRequired(), NumberRange(0, 14)]
    )
    meal_days = IntegerField(
        _l("Days of meals"), default=1, validators=[InputRequired(), NumberRange(0, 15)]
    )
    note = TextAreaField(
        _l("Note to the partner organisation (optional)"),
        validators=[Optional(), Length(max=2000)],
    )
    submit = SubmitField(_l("Send my request"))

    def to_data(self) -> TripData:
        """The service's input (raises ValueError while the mode is not one of the list)."""
        return TripData(
            depart_on=self.depart_on.data,
            return_on=self.return_on.data,
            origin_id=self.origin_id.data,
            mode=TravelMode(self.mode.data),
            nights=self.nights.data or 0,
            meal_days=self.meal_days.data or 0,
            note=self.note.data or "",
        )

    def service_check(self, data: TripData, on: date | None = None) -> None:
        check_trip(data, on or today())


class ReviewForm(VersionedForm):
    submit = SubmitField(_l("Start the review"))


class InfoForm(VersionedForm):
    questions = TextAreaField(
        _l("What is missing (one item per line)"),
        validators=[DataRequired(message=FUNDING_ERRORS["questions_required"]), Length(max=3000)],
        description=_l("For example: the employer's invitation letter; your bus fare."),
    )
    submit = SubmitField(_l("Ask the candidate"))


class ApproveForm(VersionedForm):
    amount = CentsField(_l("Approved amount ($)"), validators=[InputRequired(), NumberRange(min=1)])
    reason = TextAreaField(
        _l("Reason, if lower than asked"), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Approve"))


class RejectForm(VersionedForm):
    reason = TextAreaField(
        _l("Reason for refusing"),
        validators=[DataRequired(message=FUNDING_ERRORS["reason_required"]), Length(max=2000)],
    )
    submit = SubmitField(_l("Refuse"))


class PaymentForm(VersionedForm):
    paid_on = DateField(_l("Payment date"), validators=[DataRequired()])
    amount = CentsField(_l("Amount paid ($)"), validators=[InputRequired(), NumberRange(min=0)])
    reference = StringField(_l("Payment reference"), validators=[DataRequired(), Length(max=80)])
    submit = SubmitField(_l("Record the payment"))


class AnswerForm(AppForm):
    answer = TextAreaField(_l("Your answer"), validators=[Length(max=4000)])
    document = FileField(_l("Document"))
    submit = SubmitField(_l("Save this answer"))


class SendAnswersForm(AppForm):
    submit = SubmitField(_l("Send my answers to the advisor"))


class ReceiptForm(AppForm):
    receipt = FileField(
        _l("Receipt (PDF or photo, 10 MB at most)"),
        validators=[FileRequired(message=_l("Choose a file."))],
    )
    submit = SubmitField(_l("Send this receipt"))


class CancelForm(AppForm):
    submit = SubmitField(_l("Cancel my request"))


class ReassignForm(AppForm):
    partner_id = SelectField(_l("Partner organisation"), coerce=int)
    submit = SubmitField(_l("Reassign"))


def _money(label):
    return CentsField(label, validators=[InputRequired(), NumberRange(min=0)])


class PolicyForm(AppForm):
    rate_per_km = _money(_l("Rate per kilometre ($)"))
    road_factor = DecimalField(
        _l("Road factor"),
        places=2,
        validators=[InputRequired(), NumberRange(min=1, max=3)],
        description=_l("Road distance = straight-line distance × this factor."),
    )
    bus_cap = _money(_l("Bus fare cap ($)"))
    train_cap = _money(_l("Train fare cap ($)"))
    plane_cap = _money(_l("Plane fare cap ($)"))
    lodging_cap = _money(_l("Lodging cap per night ($)"))
    meal_per_diem = _money(_l("Meal per diem ($)"))
    trip_cap = _money(_l("Cap per trip ($)"))
    trips_per_year = IntegerField(
        _l("Trips per candidate per year"), validators=[InputRequired(), NumberRange(0, 12)]
    )
    response_days = IntegerField(
        _l("Response-time target (days)"), validators=[InputRequired(), NumberRange(1, 60)]
    )
    submit = SubmitField(_l("Publish a new version"))

    MONEY = {
        "rate_per_km": "rate_per_km_cents",
        "bus_cap": "bus_cap_cents",
        "train_cap": "train_cap_cents",
        "plane_cap": "plane_cap_cents",
        "lodging_cap": "lodging_cap_cents",
        "meal_per_diem": "meal_per_diem_cents",
        "trip_cap": "trip_cap_cents",
    }

    def fill(self, policy) -> None:
        for name, attr in self.MONEY.items():
            getattr(self, name).data = getattr(policy, attr)
        self.road_factor.data = Decimal(policy.road_factor_permille) / 1000
        self.trips_per_year.data = policy.trips_per_year
        self.response_days.data = policy.response_days

    def values(self) -> dict[str, int]:
        out = {attr: getattr(self, name).data for name, attr in self.MONEY.items()}
        out["road_factor_permille"] = int(self.road_factor.data * 1000)
        out["trips_per_year"] = self.trips_per_year.data
        out["response_days"] = self.response_days.data
        return out


class QueueFilterForm(AppForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    region = SelectField(_l("Destination region"), validators=[Optional()])
    age = SelectField(
        _l("Waiting time"),
        choices=[
            SelectChoice("", _l("Any")),
            SelectChoice("overdue", _l("Past the response-time target")),
            SelectChoice("7", _l("Filed more than 7 days ago")),
            SelectChoice("30", _l("Filed more than 30 days ago")),
        ],
        validators=[Optional()],
    )
