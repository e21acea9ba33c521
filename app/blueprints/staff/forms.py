"""Administration forms."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Email, Length, Optional

from app.blueprints.employers.services import VettingData, check_vetting
from app.blueprints.staff.services import PartnerData
from app.errors import STALE
from app.forms import AppForm, CheckedForm, MultiCheckboxField, VersionedForm
from app.models import Role, VettingStatus

STAFF_CREATABLE_ROLES = (Role.PARTNER, Role.STAFF, Role.ADMIN)
STALE_EDIT = _l(
    "Someone else saved this organisation meanwhile. Reload the page to see their changes."
)
ADMIN_ERRORS = {
    STALE: STALE_EDIT,
    "self": _l("You cannot deactivate your own account."),
    "phone_invalid": _l(
        "This phone number is not valid. Type it with its area code, for example 418 555-0142."
    ),
}


class CreateUserForm(AppForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=255)])
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice(r.value, LazyString(lambda r=r: r.label)) for r in STAFF_CREATABLE_ROLES
        ],
        validators=[DataRequired()],
    )
    partner = SelectField(
        _l("Partner organisation"),
        choices=[],
        validators=[Optional()],
        description=_l("Required for a partner advisor."),
    )
    locale = SelectField(
        _l("Language of the account"),
        choices=[SelectChoice("fr_CA", "Français"), SelectChoice("en_CA", "English")],
        default="fr_CA",
    )
    submit = SubmitField(_l("Create the account and send the invitation"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.role.data == Role.PARTNER.value and not self.partner.data:
            self.partner.errors.append(_l("Choose the organisation of the partner advisor."))
            ok = False
        return ok


class PartnerOrganisationForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description_fr = TextAreaField(_l("Description in French"), validators=[Length(max=2000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=2000)])
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=255)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    website = URLField(_l("Website"), validators=[Optional(), URL(), Length(max=255)])
    regions = MultiCheckboxField(_l("Regions served"), choices=[])
    submit = SubmitField(_l("Save"))

    def to_data(self) -> PartnerData:
        """The service's input: what the administrator typed and the version they saw."""
        return PartnerData(
            name=self.name.data,
            description_fr=self.description_fr.data or "",
            description_en=self.description_en.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            website=self.website.data or "",
            region_codes=self.regions.data or [],
            version=self.version.data,
        )


VETTING_ERRORS = {
    STALE: STALE_EDIT,
    "decision_required": _l("Choose a decision: approve or refuse."),
    "refusal_reason": _l("Write the reason for the refusal: the employer reads it."),
    "checks_incomplete": _l("Tick the three checks before approving the organisation."),
}


class VettingForm(VersionedForm, CheckedForm):
    """Staff's checklist and decision on an organisation (every problem shown in one submit)."""

    messages = VETTING_ERRORS
    service_check = staticmethod(check_vetting)

    neq_found = BooleanField(_l("NEQ found in the Registraire des entreprises"))
    outside_montreal = BooleanField(_l("Activity in a region outside Montréal"))
    contact_reached = BooleanField(_l("Contact person reached"))
    decision = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice(VettingStatus.APPROVED.value, _l("Approve the organisation")),
            SelectChoice(VettingStatus.REFUSED.value, _l("Refuse the organisation")),
        ],
        validate_choice=False,
    )
    reason = TextAreaField(
        _l("Reason for the decision"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Required for a refusal. The organisation's members read it."),
    )
    submit = SubmitField(_l("Record the decision"))

    def from_model(self, org) -> None:
        """Fill the checklist from the organisation."""
        self.neq_found.data = org.check_neq_found
        self.outside_montreal.data = org.check_outside_montreal
        self.contact_reached.data = org.check_contact_reached
        self.reason.data = org.vetting_reason
        self.version.data = org.version

    def to_data(self) -> VettingData:
        """Return the service's input from the submitted fields."""
        value = self.decision.data
        decision = (
            VettingStatus(value)
            if value in (VettingStatus.APPROVED.value, VettingStatus.REFUSED.value)
            else None
        )
        return VettingData(
            neq_found=bool(self.neq_found.data),
            outside_montreal=bool(self.outside_montreal.data),
            contact_reached=bool(self.contact_reached.data),
            decision=decision,
            reason=self.reason.data or "",
        )
