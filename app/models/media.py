"""Region media: onboarding videos, testimonials of settled immigrants, local organisations."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import LabelledEnum, UTCDateTime, pick, set_labels, str_enum, utcnow
from app.models.reference import Occupation, Region


class VideoKind(LabelledEnum):
    ORGANISATION = "organisation"
    REGION_TOUR = "region_tour"
    EMPLOYER = "employer"
    TESTIMONIAL = "testimonial"


VIDEO_KIND_LABELS = set_labels(
    VideoKind,
    {
        VideoKind.ORGANISATION: _l("Local organisation"),
        VideoKind.REGION_TOUR: _l("Region tour"),
        VideoKind.EMPLOYER: _l("Employer"),
        VideoKind.TESTIMONIAL: _l("Testimonial"),
    },
)


class VideoStatus(LabelledEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


# A video is feminine in French ("publiée"), a job masculine: the context keeps them apart.
VIDEO_STATUS_LABELS = set_labels(
    VideoStatus,
    {
        VideoStatus.DRAFT: lazy_pgettext("video", "Draft"),
        VideoStatus.IN_REVIEW: lazy_pgettext("video", "In review"),
        VideoStatus.PUBLISHED: lazy_pgettext("video", "Published"),
        VideoStatus.ARCHIVED: lazy_pgettext("video", "Archived"),
    },
)

# The allowed moves of a video, in one place.
VIDEO_TRANSITIONS: dict[VideoStatus, set[VideoStatus]] = {
    VideoStatus.DRAFT: {VideoStatus.IN_REVIEW},
    VideoStatus.IN_REVIEW: {VideoStatus.DRAFT, VideoStatus.PUBLISHED},
    VideoStatus.PUBLISHED: {VideoStatus.ARCHIVED},
    VideoStatus.ARCHIVED: {VideoStatus.DRAFT},
}


class Video(db.Model):
    __tablename__ = "videos"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    kind: Mapped[VideoKind] = mapped_column(str_enum(VideoKind))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    noc: Mapped[str | None] = mapped_column(ForeignKey("occupations.noc"))
    title_fr: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    transcript_fr: Mapped[str] = mapped_column(Text, default="")
    transcript_en: Mapped[str] = mapped_column(Text, default="")
    captions_fr: Mapped[str] = mapped_column(Text, default="")
    captions_en: Mapped[str] = mapped_column(Text, default="")
    file_key: Mapped[str | None] = mapped_column(String(80))
    file_mime: Mapped[str | None] = mapped_column(String(50))
    file_size: Mapped[int | None]
    poster_key: Mapped[str | None] = mapped_column(String(80))
    poster_mime: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[VideoStatus] = mapped_column(str_enum(VideoStatus), default=VideoStatus.DRAFT)
    views: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    region: Mapped[Region] = relationship()
    occupation: Mapped[Occupation | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_videos_status_region", "status", "region_code"),)

    def title(self, locale: str) -> str:
        """Return the title in the locale, falling back on the other language."""
        return pick(locale, self.title_fr, self.title_en)

    def description(self, locale: str) -> str:
        """Return the description in the locale, falling back on the other language."""
        return pick(locale, self.description_fr, self.description_en)

    @property
    def has_both_captions(self) -> bool:
        return bool(self.captions_fr.strip() and self.captions_en.strip())


class Testimonial(db.Model):
    __tablename__ = "testimonials"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    # In French (the portal's first language), and in English when it differs ("Colombie" /
    # "Colombia", "Ingénieure" / "Engineer"); an empty English field shows the French.
    country_of_origin: Mapped[str] = mapped_column(String(80))
    country_of_origin_en: Mapped[str] = mapped_column(String(80), default="", server_default="")
    occupation: Mapped[str] = mapped_column(String(120), default="")
    occupation_en: Mapped[str] = mapped_column(String(120), default="", server_default="")
    arrival_year: Mapped[int | None]
    text_fr: Mapped[str] = mapped_column(Text, default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    video_id: Mapped[int | None] = mapped_column(ForeignKey("videos.id"))
    consent_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    video: Mapped[Video | None] = relationship()

    def text(self, locale: str) -> str:
        return pick(locale, self.text_fr, self.text_en)

    def country(self, locale: str) -> str:
        return pick(locale, self.country_of_origin, self.country_of_origin_en)

    def occupation_in(self, locale: str) -> str:
        return pick(locale, self.occupation, self.occupation_en)

    @property
    def visible(self) -> bool:
        return self.consent_recorded_at is not None and self.consent_withdrawn_at is None


class LocalOrganisation(db.Model):
    __tablename__ = "local_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    services_fr: Mapped[str] = mapped_column(Text, default="")
    services_en: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(255), default="")

    def services(self, locale: str) -> str:
        return pick(locale, self.services_fr, self.services_en)
