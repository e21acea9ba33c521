"""The video library, the player, and publishing for staff and partner advisors."""

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.blueprints.regions import bp
from app.blueprints.regions import media_services as svc
from app.blueprints.regions.forms import (
    MEDIA_ERRORS,
    LocalOrganisationForm,
    RegionForm,
    TestimonialForm,
    VideoForm,
)
from app.blueprints.regions.services import get_region_by_slug, list_regions, region_choices
from app.extensions import db
from app.forms import arg_int
from app.models import (
    LocalOrganisation,
    Region,
    Role,
    Testimonial,
    Video,
    VideoKind,
    VideoStatus,
)
from app.rendering import render
from app.security import role_required
from app.storage import send_stored_file
from app.uow import attempt, write_on_read

PUBLISHERS = (Role.STAFF, Role.PARTNER)


def _locale() -> str:
    return str(get_locale())


@bp.get("/videos")
def library():
    """List published videos; filters by region, kind, language and occupation (htmx)."""
    args = request.args
    filters = svc.LibraryFilters(
        region=args.get("region", ""),
        kind=args.get("kind", ""),
        language=args.get("language", ""),
        noc=args.get("noc", ""),
        page=arg_int("page", 1, low=1, source=args),
    )
    videos, total = svc.library(filters)
    profile = (
        current_user.candidate_profile
        if current_user.is_authenticated and current_user.role == Role.CANDIDATE
        else None
    )
    return render(
        "regions/library.html",
        block="results",
        videos=videos,
        total=total,
        filters=filters,
        regions=[r for r in list_regions() if not r.is_montreal],
        kinds=list(VideoKind),
        occupations=svc.video_occupations(),
        locale=_locale(),
        page_size=svc.PAGE_SIZE,
        recommended=svc.recommended_videos(profile.id) if profile else [],
    )


def _visible_video(video_id: int) -> Video:
    video = db.session.get(Video, video_id)
    if video is None:
        abort(404)
    preview = current_user.is_authenticated and svc.can_publish_in(current_user, video.region_code)
    if video.status != VideoStatus.PUBLISHED and not preview:
        abort(404)
    return video


@bp.get("/videos/<int:video_id>")
def player(video_id: int):
    """Play a video with captions in both languages and an interactive transcript."""
    from app.media.vtt import parse_vtt

    video = _visible_video(video_id)
    if video.status == VideoStatus.PUBLISHED:
        write_on_read("a view of a published video is counted")
        svc.record_view(video)
    lang = _locale()[:2]
    captions = (
        video.captions_en
        if lang == "en" and video.captions_en
        else video.captions_fr or video.captions_en
    )
    cues = parse_vtt(captions.encode()) if captions else []
    return render("regions/player.html", video=video, cues=cues, locale=_locale(), lang=lang)


@bp.get("/videos/<int:video_id>/fichier")
def video_file(video_id: int):
    """Stream the video; Range requests get 206 so seeking works."""
    video = _visible_video(video_id)
    return send_stored_file(video.file_key, video.file_mime) if video.file_key else abort(404)


@bp.get("/videos/<int:video_id>/affiche")
def video_poster(video_id: int):
    """Send the video's poster image."""
    video = _visible_video(video_id)
    return (
        send_stored_file(video.poster_key, video.poster_mime, max_age=3600)
        if video.poster_key
        else abort(404)
    )


@bp.get("/videos/<int:video_id>/sous-titres-<any(fr,en):lang>.vtt")
def captions(video_id: int, lang: str):
    """Send a caption track (WebVTT)."""
    text = getattr(_visible_video(video_id), f"captions_{lang}")
    return Response(text, mimetype="text/vtt") if text else abort(404)


# ---------------------------------------------------------------- publishing


def _video_form(video=None) -> VideoForm:
    form = VideoForm(obj=video if video is not None and request.method == "GET" else None)
    form.region.choices = [
        c
        for c in region_choices(_locale(), _("Choose a region"))
        if not c.value or svc.can_publish_in(current_user, c.value)
    ]
    form.noc.choices = [SelectChoice("", _("None"))] + [
        SelectChoice(o.noc, f"{o.noc} – {o.title(_locale())}") for o in svc.occupations()
    ]
    if video is not None and request.method == "GET":
        form.region.data, form.kind.data, form.noc.data = (
            video.region_code,
            video.kind.value,
            video.noc or "",
        )
    return form


def _video_data(form: VideoForm) -> svc.VideoData:
    return svc.VideoData(
        region_code=form.region.data,
        kind=VideoKind(form.kind.data),
        language=form.language.data,
        noc=form.noc.data or None,
        title_fr=form.title_fr.data or "",
        title_en=form.title_en.data or "",
        description_fr=form.description_fr.data or "",
        description_en=form.description_en.data or "",
        transcript_fr=form.transcript_fr.data or "",
        transcript_en=form.transcript_en.data or "",
    )


def _upload(field):
    return field.data.stream if field.data else None


def _save(form: VideoForm, video=None):
    """Save the video through the unit of work: the saved video, or None (errors on the form)."""
    if not form.validate_on_submit():
        return None
    return attempt(
        form,
        MEDIA_ERRORS,
        svc.save_video,
        current_user,
        video,
        _video_data(form),
        file=_upload(form.file),
        poster=_upload(form.poster),
        captions_fr=form.captions_fr.data.read() if form.captions_fr.data else None,
        captions_en=form.captions_en.data.read() if form.captions_en.data else None,
    ).value


@bp.get("/publication/videos")
@role_required(*PUBLISHERS)
def manage_videos():
    """List the videos this publisher may manage."""
    return render(
        "regions/manage_videos.html", videos=svc.editable_videos(current_user), locale=_locale()
    )


@bp.route("/publication/videos/nouvelle", methods=["GET", "POST"])
@role_required(*PUBLISHERS)
def new_video():
    """Upload a video with its captions and texts (saved as a draft)."""
    form = _video_form()
    video = _save(form) if request.method == "POST" else None
    if video is None:
        return render("regions/video_form.html", block="form", form=form, video=None)
    flash(_("The video is saved as a draft."), "success")
    return redirect(url_for("regions.edit_video", video_id=video.id), 303)


@bp.route("/publication/videos/<int:video_id>", methods=["GET", "POST"])
@role_required(*PUBLISHERS)
def edit_video(video_id: int):
    """Edit a video, replace its files, and move it through the workflow."""
    video = svc.get_editable_video(current_user, video_id) or abort(404)
    form = _video_form(video)
    if request.method == "POST" and _save(form, video) is not None:
        flash(_("The video is saved."), "success")
        return redirect(url_for("regions.edit_video", video_id=video.id), 303)
    return render(
        "regions/video_form.html",
        block="form",
        form=form,
        video=video,
        allowed=[s for s in VideoStatus if s in svc.VIDEO_TRANSITIONS[video.status]],
    )


@bp.post("/publication/videos/<int:video_id>/statut")
@role_required(*PUBLISHERS)
def video_status(video_id: int):
    """Submit, publish, archive or reopen a video."""
    video = svc.get_editable_video(current_user, video_id) or abort(404)
    status = next((s for s in VideoStatus if s.value == request.form.get("status")), None)
    if status is None:
        flash(MEDIA_ERRORS["transition"], "error")
    elif attempt(None, MEDIA_ERRORS, svc.change_video_status, video, status):
        flash(_("The video is now: %(status)s.", status=video.status.label), "success")
    return redirect(url_for("regions.edit_video", video_id=video.id), 303)


def _publishable_region(slug: str) -> Region:
    """The region of the URL, if this publisher may edit it (404 otherwise)."""
    region = get_region_by_slug(slug)
    if region is None or not svc.can_publish_in(current_user, region.code):
        abort(404)
    return region


@bp.route("/publication/regions/<slug>", methods=["GET", "POST"])
@role_required(*PUBLISHERS)
def edit_region(slug: str):
    """Edit a region's description, testimonials and local organisations."""
    region = _publishable_region(slug)
    form = RegionForm(obj=region if request.method == "GET" else None)
    if form.validate_on_submit() and attempt(
        form,
        MEDIA_ERRORS,
        svc.describe_region,
        region,
        form.description_fr.data or "",
        form.description_en.data or "",
    ):
        flash(_("The region's description is saved."), "success")
        return redirect(url_for("regions.edit_region", slug=slug), 303)
    return _region_page(region, form=form)


def _region_page(region, form=None, org_form=None, testimonial_form=None):
    return render(
        "regions/edit_region.html",
        region=region,
        form=form or RegionForm(obj=region),
        org_form=org_form or LocalOrganisationForm(),
        testimonial_form=testimonial_form or TestimonialForm(),
        organisations=svc.region_organisations(region),
        testimonials=svc.region_testimonials(region, published_only=False),
    )


@bp.post("/publication/regions/<slug>/organisations")
@role_required(*PUBLISHERS)
def add_organisation(slug: str):
    """Add a local organisation to a region's directory."""
    region = _publishable_region(slug)
    form = LocalOrganisationForm()
    data = svc.LocalOrganisationData(
        name=form.name.data or "",
        services_fr=form.services_fr.data or "",
        services_en=form.services_en.data or "",
        address=form.address.data or "",
        phone=form.phone.data or "",
        website=form.website.data or "",
    )
    if not (
        form.validate_on_submit()
        and attempt(form, MEDIA_ERRORS, svc.add_local_organisation, current_user, region, data)
    ):
        return _region_page(region, org_form=form)
    flash(_("%(name)s was added.", name=form.name.data), "success")
    return redirect(url_for("regions.edit_region", slug=slug), 303)


@bp.post("/publication/regions/<slug>/temoignages")
@role_required(*PUBLISHERS)
def add_testimonial(slug: str):
    """Add a testimonial with the person's recorded consent."""
    region = _publishable_region(slug)
    form = TestimonialForm()
    if form.validate_on_submit() and attempt(
        form,
        MEDIA_ERRORS,
        svc.add_testimonial,
        region,
        form.first_name.data,
        form.country_of_origin.data,
        form.occupation.data or "",
        form.arrival_year.data,
        form.text_fr.data or "",
        form.text_en.data or "",
        form.consent.data,
        country_en=form.country_of_origin_en.data or "",
        occupation_en=form.occupation_en.data or "",
    ):
        flash(_("The testimonial is published."), "success")
        return redirect(url_for("regions.edit_region", slug=slug), 303)
    return _region_page(region, testimonial_form=form)


@bp.post("/publication/temoignages/<int:testimonial_id>/retirer")
@role_required(*PUBLISHERS)
def withdraw_testimonial(testimonial_id: int):
    """Withdraw a testimonial at the person's request; it disappears at once."""
    testimonial = db.get_or_404(Testimonial, testimonial_id)
    if not svc.can_publish_in(current_user, testimonial.region_code):
        abort(404)
    if attempt(None, MEDIA_ERRORS, svc.withdraw_testimonial, testimonial):
        flash(_("The testimonial was withdrawn."), "info")
    slug = db.session.get(Region, testimonial.region_code).slug
    return redirect(url_for("regions.edit_region", slug=slug), 303)


@bp.post("/publication/organisations/<int:organisation_id>/supprimer")
@role_required(*PUBLISHERS)
def delete_organisation(organisation_id: int):
    """Remove a local organisation from its region's directory."""
    organisation = db.get_or_404(LocalOrganisation, organisation_id)
    if not svc.can_publish_in(current_user, organisation.region_code):
        abort(404)
    slug, name = db.session.get(Region, organisation.region_code).slug, organisation.name
    if attempt(None, MEDIA_ERRORS, svc.remove_local_organisation, current_user, organisation):
        flash(_("%(name)s was removed.", name=name), "info")
    return redirect(url_for("regions.edit_region", slug=slug), 303)
