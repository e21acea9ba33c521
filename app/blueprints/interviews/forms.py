"""Interview session forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.blueprints.interviews.services import (
    AVAILABILITY_ROWS,
    UNPLACED_REASON_TEXTS,
    AvailabilityData,
    ChangeData,
    SessionData,
    check_availability,
    check_change,
    check_session,
)
from app.forms import CheckedForm, VersionField

SESSION_ERRORS = {
    "decline_reason_required": _l(
        "Choose why you decline the interview: it helps the program improve its matches."
    ),
    "not_friday": _l("Sessions are held on Fridays: choose a Friday."),
    "past": _l("This date is in the past."),
    "too_far": _l("Plan a session at most a year ahead."),
    "window_too_short": _l(
        "The session must end after its start, with room for at least one interview."
    ),
    "deadline_after_start": _l("The registration deadline must come before the session starts."),
    "duplicate": _l("A session already exists on this Friday."),
    "nothing_to_propose": _l("Choose at least one shortlisted candidate not yet proposed."),
    "over_cap": _l("This is more candidates than the session allows per employer."),
    "not_scheduled": _l("Run the scheduler before publishing."),
    "too_early": _l("You can answer once the interview has started."),
    "bad_decision": _l("Choose whether you want to continue."),
    "bad_status": _l("This change is not possible."),
    "stale": _l(
        "Someone changed this interview meanwhile. Here is the current schedule; try again."
    ),
    "outside_session": _l("This time is outside the session."),
    "unavailable": _l("One of the two people is not available at that time."),
    "employer_busy": _l("The employer already has an interview at that time."),
    "candidate_busy": _l("The candidate already has an interview at that time."),
    "employer_cap": _l("The employer reached its maximum of interviews."),
    "unknown_slot": _l("This interview no longer exists."),
    "already_proposed": _l("This candidate is already proposed for this session."),
}

# A proposal sent twice at once is recorded once: no message for "duplicate" (the route says sent).
PROPOSAL_ERRORS = {code: text for code, text in SESSION_ERRORS.items() if code != "duplicate"}

UNPLACED_REASONS = UNPLACED_REASON_TEXTS


class SessionForm(CheckedForm):
    """A new Friday session; every problem, the service's rules included, shows at once."""

    messages = SESSION_ERRORS
    service_check = staticmethod(check_session)

    day = DateField(_l("Friday of the session"), validators=[DataRequired()])
    start_time = TimeField(_l("Start (Québec time)"), validators=[DataRequired()])
    end_time = TimeField(_l("End (Québec time)"), validators=[DataRequired()])
    slot_minutes = IntegerField(
        _l("Interview length (minutes)"),
        default=15,
        validators=[InputRequired(), NumberRange(min=5, max=60)],
    )
    buffer_minutes = IntegerField(
        _l("Break between interviews (minutes)"),
        default=5,
        validators=[Optional(), NumberRange(min=0, max=30)],
    )
    max_per_employer = IntegerField(
        _l("Most interviews per employer"),
        default=8,
        validators=[InputRequired(), NumberRange(min=1, max=40)],
    )
    registration_deadline = DateTimeLocalField(
        _l("Registration deadline (Québec time)"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Two days before the session when left empty."),
    )
    submit = SubmitField(_l("Create the session"))

    def to_data(self) -> SessionData:
        """The service's input (fields left empty or unreadable are None)."""
        return SessionData(
            day=self.day.data,
            start_time=self.start_time.data,
            end_time=self.end_time.data,
            slot_minutes=self.slot_minutes.data or 15,
            buffer_minutes=self.buffer_minutes.data or 0,
            max_per_employer=self.max_per_employer.data or 8,
            registration_deadline=self.registration_deadline.data,
        )


AVAILABILITY_ERRORS = {
    "incomplete": _l("Give both the start and the end of this range."),
    "end_before_start": _l("The end must come after the start."),
    "outside_window": _l("This time is outside the session."),
    "overlap": _l("This range overlaps another one: merge them or change one."),
    "closed": _l("This session no longer takes availability."),
    "stale": _l(
        "Your availability was saved in another window meanwhile. Here is what you typed: check"
        " it, then save again."
    ),
}


class AvailabilityForm(CheckedForm):
    """The ranges a person can attend a session, in their own time zone (rows left empty are
    ignored; no range at all means the whole session)."""

    messages = AVAILABILITY_ERRORS
    version = VersionField()
    submit = SubmitField(_l("Save my availability"))

    def __init__(self, session, tz, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.session, self.tz = session, tz

    def service_check(self, data) -> None:
        check_availability(self.session, data)

    def to_data(self) -> AvailabilityData:
        """The service's input: each row's two times, as typed."""
        return AvailabilityData(
            ranges=[
                (self[f"start_{n}"].data, self[f"end_{n}"].data)
                for n in range(1, AVAILABILITY_ROWS + 1)
            ],
            tz=self.tz,
            version=self.version.data,
        )


for _n in range(1, AVAILABILITY_ROWS + 1):
    setattr(
        AvailabilityForm, f"start_{_n}", TimeField(_l("From (local time)"), validators=[Optional()])
    )
    setattr(
        AvailabilityForm, f"end_{_n}", TimeField(_l("To (local time)"), validators=[Optional()])
    )


CHANGE_ERRORS = {
    "reason_required": _l("Say why, in a few words."),
    "too_late": _l(
        "It is too late to change this interview online: write to the program team instead."
    ),
    "slot_taken": _l("This time is no longer free for both of you: choose another one."),
    "bad_status": _l("This interview can no longer be changed."),
    "stale": _l("This interview changed meanwhile. Here it is as it stands now; try again."),
}

OFFER_ERRORS = {
    "slot_taken": _l("Someone else took this time just before you: it is no longer free."),
    "stale": _l("Someone else took this time just before you: it is no longer free."),
}


class ChangeForm(CheckedForm):
    """Ask to move (to a time that suits both sides) or cancel one's interview, with a reason."""

    messages = CHANGE_ERRORS
    kind = RadioField(
        _l("What would you like to do?"),
        choices=[
            SelectChoice("move", _l("Move the interview")),
            SelectChoice("cancel", _l("Cancel the interview")),
        ],
        default="move",
        validators=[InputRequired()],
    )
    new_start = SelectField(_l("New time"), choices=[], validate_choice=False)
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Say why, in a few words.")), Length(max=500)],
        render_kw={"maxlength": 500, "rows": 3},
    )
    version = VersionField()
    submit = SubmitField(_l("Send my request"))

    def __init__(self, slot, options, now, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slot, self.options, self.now = slot, options, now

    def to_data(self) -> ChangeData:
        """The service's input: the chosen time as an instant (None if it is not an option)."""
        chosen = next((o for o in self.options if o.isoformat() == self.new_start.data), None)
        return ChangeData(
            kind=self.kind.data or "",
            reason=self.reason.data or "",
            new_start=chosen,
            version=self.version.data,
        )

    def service_check(self, data) -> None:
        check_change(self.slot, data, self.now)
