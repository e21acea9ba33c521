"""Region media forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from app.forms import AppForm, enum_choices
from app.models import VideoKind

MEDIA_ERRORS = {
    "region_forbidden": _l("You cannot publish in this region."),
    "title_required": _l("Give the video a title in French or in English."),
    "file_required": _l("Choose the video file (MP4 or WebM)."),
    "transition": _l("This change of status is not possible."),
    "captions_required": _l(
        "Add captions in French and in English before publishing: every video must have both."
    ),
    "consent_required": _l("A testimonial needs the recorded consent of the person."),
    "arrival_year_implausible": _l("The year of arrival must be between 1940 and this year."),
    "phone_invalid": _l(
        "This phone number is not valid. Type it with its area code, for example 418 555-0142."
    ),
}

LANGUAGE_CHOICES = [SelectChoice("fr", "Français"), SelectChoice("en", "English")]


class VideoForm(AppForm):
    region = SelectField(_l("Region"), choices=[], validators=[DataRequired()])
    kind = SelectField(_l("Kind of video"), choices=enum_choices(VideoKind, blank=None))
    language = SelectField(_l("Language spoken"), choices=LANGUAGE_CHOICES)
    noc = SelectField(_l("Occupation shown (optional)"), choices=[], validators=[Optional()])
    title_fr = StringField(_l("Title in French"), validators=[Optional(), Length(max=200)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=200)])
    description_fr = TextAreaField(
        _l("Description in French"), validators=[Optional(), Length(max=4000)]
    )
    description_en = TextAreaField(
        _l("Description in English"), validators=[Optional(), Length(max=4000)]
    )
    transcript_fr = TextAreaField(
        _l("Transcript in French"), validators=[Optional(), Length(max=50000)]
    )
    transcript_en = TextAreaField(
        _l("Transcript in English"), validators=[Optional(), Length(max=50000)]
    )
    file = FileField(
        _l("Video (MP4 or WebM, 500 MB at most)"), render_kw={"accept": "video/mp4,video/webm"}
    )
    poster = FileField(
        _l("Poster image (optional when the server can make one)"),
        render_kw={"accept": "image/png,image/jpeg,image/webp"},
    )
    captions_fr = FileField(_l("French captions (.vtt)"), render_kw={"accept": ".vtt,text/vtt"})
    captions_en = FileField(_l("English captions (.vtt)"), render_kw={"accept": ".vtt,text/vtt"})
    submit = SubmitField(_l("Save the video"))


class TestimonialForm(AppForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=80)])
    country_of_origin = StringField(
        _l("Country of origin"), validators=[DataRequired(), Length(max=80)]
    )
    country_of_origin_en = StringField(
        _l("Country of origin in English (if different)"), validators=[Optional(), Length(max=80)]
    )
    occupation = StringField(_l("Occupation"), validators=[Optional(), Length(max=120)])
    occupation_en = StringField(
        _l("Occupation in English (if different)"), validators=[Optional(), Length(max=120)]
    )
    arrival_year = IntegerField(
        _l("Year of arrival"), validators=[Optional(), NumberRange(min=1940, max=2100)]
    )
    text_fr = TextAreaField(_l("Testimonial in French"), validators=[Optional(), Length(max=4000)])
    text_en = TextAreaField(_l("Testimonial in English"), validators=[Optional(), Length(max=4000)])
    consent = BooleanField(
        _l("The person consented in writing to the publication of this testimonial.")
    )
    submit = SubmitField(_l("Save the testimonial"))


class RegionForm(AppForm):
    description_fr = TextAreaField(
        _l("Description in French"), validators=[Optional(), Length(max=4000)]
    )
    description_en = TextAreaField(
        _l("Description in English"), validators=[Optional(), Length(max=4000)]
    )
    submit = SubmitField(_l("Save the description"))


class LocalOrganisationForm(AppForm):
    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=200)])
    services_fr = TextAreaField(_l("Services in French"), validators=[Optional(), Length(max=2000)])
    services_en = TextAreaField(
        _l("Services in English"), validators=[Optional(), Length(max=2000)]
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=255)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    website = StringField(_l("Website"), validators=[Optional(), URL(), Length(max=255)])
    submit_organisation = SubmitField(_l("Add the organisation"))
