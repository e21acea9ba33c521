"""Case file forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.forms import AppForm

FOLLOWUP_ERRORS = {
    "advisor": _l("Choose an advisor of your organisation."),
    "note_required": _l("Write the note."),
    "past_date": _l("Choose today or a later date."),
}

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


class StepsForm(AppForm):
    """The checklist; the ticked steps arrive as lists named `done` and `not_applicable`."""

    submit = SubmitField(_l("Save the checklist"))


class NoteForm(AppForm):
    body = TextAreaField(_l("New note"), validators=[DataRequired(), Length(max=4000)])
    submit = SubmitField(_l("Add the note"))


class NextContactForm(AppForm):
    next_contact_on = DateField(_l("Next contact"), validators=[Optional()])
    next_contact_note = StringField(
        _l("Purpose of the contact"), validators=[Optional(), Length(max=300)]
    )
    submit = SubmitField(_l("Plan the contact"))


class AssignForm(AppForm):
    advisor_id = SelectField(_l("Advisor in charge"), coerce=int)
    submit = SubmitField(_l("Assign"))


class CheckInForm(AppForm):
    still_employed = RadioField(
        _l("Still employed by this employer?"), choices=YES_NO, validators=[DataRequired()]
    )
    still_in_region = RadioField(
        _l("Still living in the region?"), choices=YES_NO, validators=[DataRequired()]
    )
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Send my answers"))
