"""Application forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.forms import AppForm, EnumSelectField
from app.models import ApplicationStatus, CandidateReason, DeclineReason

APPLICATION_ERRORS = {
    "duplicate": _l("You already applied to this job. You can follow it in “My applications”."),
    "job_closed": _l("This job is no longer open to applications."),
    "transition": _l("This change is not possible at this stage."),
    "reason_required": _l("Choose the reason, so the candidate understands the decision."),
    "note_required": _l("Explain the reason in the note."),
    "rationale_required": _l("Write a short rationale: the employer reads it."),
    "site_visit_stage": _l("Invite to a site visit once you have shortlisted the candidate."),
    "site_visit_exists": _l("This candidate is already invited to a site visit."),
    "site_visit_answered": _l("This invitation was already answered."),
    "withdraw_reason_required": _l(
        "Choose why you withdraw: it helps the program improve its matches."
    ),
}


CONSENT_NEEDED = _l("The program reviews every application first: your consent is needed.")


def reason_choices() -> list[SelectChoice]:
    """Decline reasons, with a blank first option."""
    return [SelectChoice("", _l("Choose a reason"))] + [
        SelectChoice(r.value, r.label) for r in DeclineReason
    ]


class ApplyForm(AppForm):
    message = TextAreaField(
        _l("Message to the employer (optional)"),
        validators=[Optional(), Length(max=3000)],
        description=_l("Why this job interests you, and when you could start."),
    )
    consent_staff_review = BooleanField(
        _l("Program staff may review my profile to pre-qualify my application."),
        validators=[DataRequired(message=CONSENT_NEEDED)],
    )
    submit = SubmitField(_l("Send my application"))


class MoveForm(AppForm):
    """An employer or staff decision on an application: `status` and `reason` are members of
    their enums (a value that is none is a field error, not an exception)."""

    status = EnumSelectField(
        enum=ApplicationStatus,
        blank=None,
        widget=HiddenInput(),
        validators=[InputRequired(message=APPLICATION_ERRORS["transition"])],
    )
    reason = EnumSelectField(
        _l("Reason"), enum=DeclineReason, blank=_l("Choose a reason"), validators=[Optional()]
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Confirm"))


class WithdrawForm(AppForm):
    """Withdraw an application, saying why (the program's indicators count the reasons)."""

    reason = EnumSelectField(
        _l("Why do you withdraw?"),
        enum=CandidateReason,
        blank=_l("Choose a reason"),
        validators=[InputRequired(message=APPLICATION_ERRORS["withdraw_reason_required"])],
    )
    submit = SubmitField(_l("Withdraw my application"))


class DeclineMessageForm(AppForm):
    """The program's wording of one decline reason, in both languages."""

    text_fr = TextAreaField(
        _l("Wording in French"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Leave empty to use the standard wording."),
    )
    text_en = TextAreaField(
        _l("Wording in English"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Leave empty to use the standard wording."),
    )
    submit = SubmitField(_l("Save the wording"))


class SiteVisitForm(AppForm):
    message = TextAreaField(
        _l("Message to the candidate (optional)"),
        validators=[Optional(), Length(max=2000)],
        description=_l("For example: possible dates, who will welcome them, what they will see."),
    )
    submit = SubmitField(_l("Invite to visit our site"))
