"""Employer organisation forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    EmailField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from app.blueprints.auth.forms import ConsentMixin, PasswordMixin
from app.blueprints.employers.services import OrganisationData
from app.forms import AppForm, EnumSelectField, MultiCheckboxField, VersionedForm
from app.models import Commitment, EmployerOrganisation, OrganisationSize
from app.phones import display_phone

ORG_ERRORS = {
    "stale": _l("A colleague saved this profile meanwhile. Reload the page to see their changes."),
    "wrong_region": _l("This municipality is not in the region you chose."),
    "already_member": _l("This person is already a member of an organisation."),
    "invalid": _l("This invitation is invalid, already used or expired."),
    "other_email": _l("This invitation was sent to another email address."),
    "phone_invalid": _l(
        "This phone number is not valid. Type it with its area code, for example 418 555-0142."
    ),
}


def commitment_choices() -> list[SelectChoice]:
    """The welcome commitments, as checkboxes."""
    return [SelectChoice(c.value, c.label) for c in Commitment]


class OrganisationForm(VersionedForm):
    """The organisation's profile: `from_model(org)` fills it, `to_data()` gives the input."""

    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=200)])
    sector = StringField(_l("Sector of activity"), validators=[Optional(), Length(max=120)])
    region = SelectField(_l("Region"), choices=[], validators=[DataRequired()])
    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    size = EnumSelectField(
        _l("Number of employees"), enum=OrganisationSize, validators=[Optional()]
    )
    description_fr = TextAreaField(
        _l("Description in French"), validators=[Optional(), Length(max=4000)]
    )
    description_en = TextAreaField(
        _l("Description in English"), validators=[Optional(), Length(max=4000)]
    )
    address = StringField(
        _l("Street address"),
        validators=[Optional(), Length(max=255)],
        render_kw={"autocomplete": "street-address"},
    )
    phone = TelField(
        _l("Phone number"),
        validators=[Optional(), Length(max=40)],
        render_kw={"autocomplete": "tel"},
    )
    commitments = MultiCheckboxField(
        _l("Our welcome commitments"),
        choices=commitment_choices,
        validators=[Optional()],
        description=_l(
            "What your organisation offers newcomers. Candidates see these commitments on your "
            "public profile and on each of your jobs, and can search for them."
        ),
    )
    logo = FileField(
        _l("Logo (PNG, JPEG or WebP, 2 MB at most)"),
        render_kw={"accept": "image/png,image/jpeg,image/webp"},
    )
    submit = SubmitField(_l("Save"))

    def from_model(self, org: EmployerOrganisation) -> None:
        """Fill the fields from the organisation (region and municipality are named otherwise)."""
        self.process(obj=org)
        self.region.data = org.region_code
        self.municipality.data = str(org.municipality_id or "")
        self.commitments.data = [c.value for c in org.commitments]
        self.phone.data = display_phone(org.phone)

    def to_data(self) -> OrganisationData:
        """Return the service's input from the submitted fields."""
        return OrganisationData(
            name=self.name.data,
            sector=self.sector.data or "",
            region_code=self.region.data,
            municipality_id=int(self.municipality.data) if self.municipality.data else None,
            size=self.size.data,
            description_fr=self.description_fr.data or "",
            description_en=self.description_en.data or "",
            address=self.address.data or "",
            phone=self.phone.data or "",
            commitments={Commitment(v) for v in self.commitments.data or ()},
        )


class InviteForm(AppForm):
    email = EmailField(
        _l("Colleague's email"), validators=[DataRequired(), Email(), Length(max=255)]
    )
    submit_invite = SubmitField(_l("Send the invitation"))


class AcceptInvitationForm(PasswordMixin, ConsentMixin, AppForm):
    full_name = StringField(
        _l("Full name"),
        validators=[DataRequired(), Length(max=120)],
        render_kw={"autocomplete": "name"},
    )
    submit = SubmitField(_l("Create my account and join"))
