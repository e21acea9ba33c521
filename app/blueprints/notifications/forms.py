"""The notification preferences form: one portal box and one email choice per category."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, SubmitField
from wtforms.validators import NumberRange, Optional

from app.forms import AppForm
from app.models import EmailChoice, Role
from app.notify import CATEGORIES, NO_DIGEST, Preference

# The categories each role receives notifications of (the others are not shown to them).
ROLE_CATEGORIES = {
    Role.CANDIDATE: CATEGORIES,
    Role.EMPLOYER: ("applications", "matches", "interviews", "messages", "other"),
}
STAFF_CATEGORIES = ("applications", "matches", "funding", "followup", "messages", "other")


def categories_for(role: Role) -> tuple[str, ...]:
    """The categories shown on a person's preferences page."""
    return ROLE_CATEGORIES.get(role, STAFF_CATEGORIES)


def _email_choices(category: str) -> list[SelectChoice]:
    if category in NO_DIGEST:
        return [
            SelectChoice(EmailChoice.IMMEDIATE.value, _l("At each alert's frequency")),
            SelectChoice(EmailChoice.OFF.value, EmailChoice.OFF.label),
        ]
    return [SelectChoice(c.value, EmailChoice(c.value).label) for c in EmailChoice]


class PreferencesForm(AppForm):
    """Per category: shown in the portal or not, and email right away, in a digest or never."""

    min_score = IntegerField(
        _l("Tell me about a new job whose score is at least (out of 100)"),
        validators=[Optional(), NumberRange(min=1, max=100)],
        description=_l("Leave it empty to hear only about your best matches."),
    )
    submit = SubmitField(_l("Save my preferences"))

    def fill(self, preferences: list[Preference]) -> None:
        """Show the person's current choices."""
        for p in preferences:
            self[f"portal_{p.category}"].data = p.portal
            self[f"email_{p.category}"].data = p.email.value
            if p.category == "matches":
                self.min_score.data = p.min_score

    def to_data(self, categories: tuple[str, ...]) -> list[Preference]:
        """The choices submitted for these categories."""
        return [
            Preference(
                category=c,
                portal=bool(self[f"portal_{c}"].data),
                email=EmailChoice(self[f"email_{c}"].data),
                min_score=self.min_score.data if c == "matches" else None,
            )
            for c in categories
        ]


for _category in CATEGORIES:
    setattr(PreferencesForm, f"portal_{_category}", BooleanField(_l("Show in the portal")))
    setattr(
        PreferencesForm,
        f"email_{_category}",
        SelectField(
            _l("Email"),
            choices=_email_choices(_category),
            default=EmailChoice.IMMEDIATE.value,
        ),
    )
