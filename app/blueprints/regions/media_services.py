"""Region media: the video library, publishing workflow, testimonials and local organisations."""

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import joinedload

from app.audit import record_event
from app.clock import today
from app.errors import DomainError, MessageError, Problems
from app.extensions import db
from app.forms import page_offset
from app.models import (
    Job,
    LocalOrganisation,
    MatchResult,
    Occupation,
    Region,
    Role,
    Testimonial,
    User,
    Video,
    VideoKind,
    VideoStatus,
)
from app.models.base import utcnow
from app.models.media import VIDEO_TRANSITIONS
from app.phones import is_valid_phone, normalise_phone
from app.storage import delete_file, file_path, save_file
from app.uploads import IMAGE_TYPES, check_upload

PAGE_SIZE = 12
POSTER_MAX_BYTES = 2 * 1024 * 1024


class MediaError(DomainError):
    """A media operation that cannot proceed; `code` says why, `field` where."""


@dataclass
class LibraryFilters:
    region: str = ""
    kind: str = ""
    language: str = ""
    noc: str = ""
    page: int = 1


def library(filters: LibraryFilters) -> tuple[list[Video], int]:
    """Return one page of published videos matching the filters, and the total."""
    stmt = db.select(Video).where(Video.status == VideoStatus.PUBLISHED)
    if filters.region:
        stmt = stmt.where(Video.region_code == filters.region)
    if filters.kind in {k.value for k in VideoKind}:
        stmt = stmt.where(Video.kind == VideoKind(filters.kind))
    if filters.language in ("fr", "en"):
        stmt = stmt.where(Video.language == filters.language)
    if filters.noc:
        stmt = stmt.where(Video.noc == filters.noc)
    total = db.session.execute(db.select(db.func.count()).select_from(stmt.subquery())).scalar_one()
    videos = db.session.execute(
        stmt.options(joinedload(Video.region))
        .order_by(Video.published_at.desc(), Video.id.desc())
        .limit(PAGE_SIZE)
        .offset(page_offset(filters.page, PAGE_SIZE))
    ).scalars()
    return list(videos), total


def video_occupations() -> list:
    """The occupations that published videos are about, for the library filter."""
    from app.models import Occupation

    return list(
        db.session.execute(
            db.select(Occupation)
            .where(
                Occupation.noc.in_(
                    db.select(Video.noc).where(Video.status == VideoStatus.PUBLISHED)
                )
            )
            .order_by(Occupation.noc)
        ).scalars()
    )


def recommended_videos(candidate_profile_id: int, limit: int = 4) -> list[Video]:
    """Published videos from the regions and occupations of the candidate's best matches."""
    best = db.session.execute(
        db.select(Job.region_code, Job.noc)
        .join(MatchResult, MatchResult.job_id == Job.id)
        .where(MatchResult.candidate_id == candidate_profile_id, MatchResult.eligible.is_(True))
        .order_by(MatchResult.score.desc())
        .limit(10)
    ).all()
    if not best:
        return []
    regions = {r for r, _ in best}
    nocs = {n for _, n in best}
    return list(
        db.session.execute(
            db.select(Video)
            .options(joinedload(Video.region))
            .where(
                Video.status == VideoStatus.PUBLISHED,
                db.or_(Video.region_code.in_(regions), Video.noc.in_(nocs)),
            )
            .order_by(Video.views.desc(), Video.id.desc())
            .limit(limit)
        ).scalars()
    )


def region_videos(region: Region) -> dict[VideoKind, list[Video]]:
    """The region's published videos grouped by kind."""
    groups: dict[VideoKind, list[Video]] = {}
    for video in db.session.execute(
        db.select(Video)
        .where(Video.region_code == region.code, Video.status == VideoStatus.PUBLISHED)
        .order_by(Video.kind, Video.published_at.desc())
    ).scalars():
        groups.setdefault(video.kind, []).append(video)
    return groups


def region_testimonials(region: Region, published_only: bool = True) -> list[Testimonial]:
    """The region's testimonials whose consent is on file and not withdrawn (all of them, the
    withdrawn included, for its publishers: `published_only=False`)."""
    stmt = db.select(Testimonial).where(Testimonial.region_code == region.code)
    if published_only:
        stmt = stmt.where(
            Testimonial.consent_recorded_at.is_not(None),
            Testimonial.consent_withdrawn_at.is_(None),
        )
    return list(db.session.execute(stmt.order_by(Testimonial.created_at.desc())).scalars())


def region_organisations(region: Region) -> list[LocalOrganisation]:
    """The region's local organisations, by name."""
    return list(
        db.session.execute(
            db.select(LocalOrganisation)
            .where(LocalOrganisation.region_code == region.code)
            .order_by(LocalOrganisation.name)
        ).scalars()
    )


# ---------------------------------------------------------------- publishing


def can_publish_in(user: User, region_code: str) -> bool:
    """Staff publish everywhere; partner advisors only in the regions their organisation serves."""
    if user.has_role(Role.STAFF):
        return True
    if user.role == Role.PARTNER and user.partner_organisation is not None:
        return region_code in {r.code for r in user.partner_organisation.regions}
    return False


def editable_videos(user: User) -> list[Video]:
    """The videos a publisher may manage, newest first."""
    stmt = (
        db.select(Video)
        .options(joinedload(Video.region))
        .order_by(Video.updated_at.desc(), Video.id.desc())
    )
    if not user.has_role(Role.STAFF):
        codes = (
            [r.code for r in user.partner_organisation.regions] if user.partner_organisation else []
        )
        stmt = stmt.where(Video.region_code.in_(codes))
    return list(db.session.execute(stmt).scalars())


def get_editable_video(user: User, video_id: int) -> Video | None:
    """Return the video if the user may manage it (None otherwise, for a 404)."""
    video = db.session.get(Video, video_id)
    return video if video is not None and can_publish_in(user, video.region_code) else None


@dataclass
class VideoData:
    region_code: str
    kind: VideoKind
    language: str
    noc: str | None
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    transcript_fr: str
    transcript_en: str


def _captions(data: bytes | None, field: str) -> str | None:
    from app.media.vtt import VttError, parse_vtt

    if not data:
        return None
    try:
        parse_vtt(data)
    except VttError as err:
        raise MessageError("captions_invalid", err.message, field) from err
    return data.decode("utf-8-sig")


def save_video(
    author: User,
    video: Video | None,
    data: VideoData,
    file: BinaryIO | None = None,
    poster: BinaryIO | None = None,
    captions_fr: bytes | None = None,
    captions_en: bytes | None = None,
) -> Video:
    """Create or update a video; every upload is checked before anything is stored."""
    from app.media.video import check_video, ffmpeg_available

    if not can_publish_in(author, data.region_code):
        raise MediaError("region_forbidden", "region")
    if not (data.title_fr.strip() or data.title_en.strip()):
        raise MediaError("title_required", "title_fr")
    if video is None and file is None:
        raise MediaError("file_required", "file")
    fr = _captions(captions_fr, "captions_fr")
    en = _captions(captions_en, "captions_en")
    checked = check_video(file) if file is not None else None
    poster_checked = None
    if poster is not None:
        poster_checked = check_upload(poster, IMAGE_TYPES, POSTER_MAX_BYTES, "poster")
    if video is None:
        video = Video(author_id=author.id, status=VideoStatus.DRAFT)
        db.session.add(video)
    for key, value in vars(data).items():
        setattr(video, key, value)
    if fr is not None:
        video.captions_fr = fr
    if en is not None:
        video.captions_en = en
    if checked is not None:
        old = video.file_key
        video.file_key = save_file(file, checked.extension)
        video.file_mime, video.file_size = checked.mime, checked.size
        delete_file(old)
    if poster_checked is not None:
        old = video.poster_key
        video.poster_key = save_file(poster, poster_checked.extension)
        video.poster_mime = poster_checked.mime
        delete_file(old)
    elif checked is not None and ffmpeg_available():
        from app.tasks import enqueue_after_commit

        db.session.flush()
        # ffmpeg runs on a worker when Redis is configured, here otherwise.
        enqueue_after_commit(make_video_poster, video.id, video.file_key)
    db.session.flush()
    return video


def _generate_poster(video: Video, make_poster) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "poster.jpg"
        if make_poster(file_path(video.file_key), out):
            with out.open("rb") as fh:
                old = video.poster_key
                video.poster_key = save_file(fh, "jpg")
                video.poster_mime = "image/jpeg"
                delete_file(old)


def change_video_status(video: Video, status: VideoStatus) -> None:
    """Move a video from draft to in review, published, archived; publishing needs both captions."""
    if status not in VIDEO_TRANSITIONS[video.status]:
        raise MediaError("transition", "status")
    if status == VideoStatus.PUBLISHED and not video.has_both_captions:
        raise MediaError("captions_required", "status")
    if status == VideoStatus.PUBLISHED:
        video.published_at = utcnow()
    video.status = status
    db.session.flush()


def record_view(video: Video) -> None:
    """Count one view (an atomic increment, safe with many servers)."""
    db.session.execute(db.update(Video).where(Video.id == video.id).values(views=Video.views + 1))


# ---------------------------------------------------------------- testimonials and organisations


def add_testimonial(
    region: Region,
    first_name: str,
    country: str,
    occupation: str,
    arrival_year: int | None,
    text_fr: str,
    text_en: str,
    consent: bool,
    video: Video | None = None,
    country_en: str = "",
    occupation_en: str = "",
) -> Testimonial:
    """Record a testimonial; it shows only with the person's consent on file. `country` and
    `occupation` are in French; `country_en` and `occupation_en` in English, when they differ."""
    problems = Problems(MediaError)
    if not consent:
        problems.add("consent_required", "consent")
    if arrival_year is not None and not 1940 <= arrival_year <= today().year:
        problems.add("arrival_year_implausible", "arrival_year")
    problems.raise_any()
    testimonial = Testimonial(
        region_code=region.code,
        first_name=first_name.strip(),
        country_of_origin=country.strip(),
        occupation=occupation.strip(),
        country_of_origin_en=country_en.strip(),
        occupation_en=occupation_en.strip(),
        arrival_year=arrival_year,
        text_fr=text_fr,
        text_en=text_en,
        video=video,
        consent_recorded_at=utcnow(),
    )
    db.session.add(testimonial)
    db.session.flush()
    return testimonial


def occupations() -> list[Occupation]:
    """The occupations a video may show, by code."""
    return list(db.session.execute(db.select(Occupation).order_by(Occupation.noc)).scalars())


def describe_region(region: Region, description_fr: str, description_en: str) -> None:
    """Save a region's description in both languages."""
    region.description_fr, region.description_en = description_fr, description_en
    db.session.flush()


@dataclass
class LocalOrganisationData:
    name: str
    services_fr: str = ""
    services_en: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""


def add_local_organisation(
    author: User, region: Region, data: LocalOrganisationData
) -> LocalOrganisation:
    """Add an organisation to the region's directory (its phone stored in E.164)."""
    if data.phone and not is_valid_phone(data.phone):
        raise MediaError("phone_invalid", "phone")
    organisation = LocalOrganisation(
        region_code=region.code,
        name=data.name.strip(),
        services_fr=data.services_fr,
        services_en=data.services_en,
        address=data.address,
        phone=normalise_phone(data.phone),
        website=data.website,
    )
    db.session.add(organisation)
    db.session.flush()
    record_event(author, "region.organisation_added", "local_organisation", organisation.id)
    return organisation


def remove_local_organisation(author: User, organisation: LocalOrganisation) -> None:
    """Remove an organisation from its region's directory (audited)."""
    record_event(author, "region.organisation_removed", "local_organisation", organisation.id)
    db.session.delete(organisation)
    db.session.flush()


def withdraw_testimonial(testimonial: Testimonial) -> None:
    """Withdraw consent: the testimonial (and its video) stop showing at once."""
    testimonial.consent_withdrawn_at = utcnow()
    if testimonial.video is not None and testimonial.video.status == VideoStatus.PUBLISHED:
        testimonial.video.status = VideoStatus.ARCHIVED
    db.session.flush()


def make_video_poster(video_id: int, file_key: str) -> None:
    """Draw a video's poster with ffmpeg (idempotent: a second run replaces it with the same)."""
    from app.media.video import make_poster

    video = db.session.get(Video, video_id)
    if video is None or video.file_key != file_key:  # deleted or replaced since: nothing to do
        return
    _generate_poster(video, make_poster)
    db.session.flush()
