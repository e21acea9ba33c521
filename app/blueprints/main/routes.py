"""Home page, dashboard, privacy policy, language switch and health check."""

from flask import Response, abort, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from app.blueprints.main import bp
from app.blueprints.main import services as svc
from app.i18n import normalise_locale
from app.rendering import render
from app.uow import attempt, write_on_read
from app.urls import (
    SWITCH_PARAM,
    english_path,
    localise_path,
    query_without,
    safe_next,
    same_site_referrer,
)


@bp.get("/")
def index():
    """Explain the program to candidates, employers and partner organisations."""
    return render("main/index.html")


@bp.get("/tableau-de-bord")
@login_required
def dashboard():
    """Show the signed-in user's next steps for their role."""
    write_on_read("the dashboard refreshes stale match results on the way")
    context = svc.dashboard_context(current_user)
    return render("main/dashboard.html", **context)


@bp.get("/confidentialite")
def privacy():
    """Show the privacy policy."""
    return render("main/privacy.html")


@bp.post("/langue")
def set_language():
    """Switch the interface language and go to the same page in it (the old switch form)."""
    locale = normalise_locale(request.form.get("lang"))
    if locale is None:
        abort(400)
    _record_language(locale)
    # The page may have changed its URL with htmx (filters) since the form was drawn.
    target = same_site_referrer(request.referrer, request.host) or safe_next(
        request.form.get("next")
    )
    return redirect(localise_path(target or "/", locale[:2]), 303)


@bp.before_app_request
def record_switched_language():
    """Arriving by the language switch link (?langue=en): record the choice, drop the marker."""
    if request.method != "GET" or SWITCH_PARAM not in request.args:
        return None
    locale = normalise_locale(request.args.get(SWITCH_PARAM))
    if locale is not None:
        _record_language(locale)
    query = query_without(SWITCH_PARAM)
    return redirect(request.script_root + request.path + (f"?{query}" if query else ""), 303)


def _record_language(locale: str) -> None:
    # The session decides French addresses for this browser; the account, on a new device
    # and for emails.
    session["lang"] = locale
    if current_user.is_authenticated:
        attempt(None, {}, svc.set_language, current_user, locale)


# Private areas stay out of search engines (they answer 302 or 403 to a crawler anyway).
ROBOTS_DISALLOW = (
    "/compte/",
    "/candidat/",
    "/candidatures",
    "/employeurs/postes",
    "/employeurs/candidatures",
    "/employeurs/membres",
    "/employeurs/organisation",
    "/employeurs/invitation",
    "/employeurs/vendredis",
    "/programme/",
    "/partenaires/",
    "/entrevues/",
    "/deplacements",
    "/messages",
    "/calendrier/",
    "/tableau-de-bord",
    "/connexion",
    "/inscription",
    "/mot-de-passe",
    "/courriel",
    "/langue",
)


@bp.get("/robots.txt")
def robots():
    """Let search engines read the public pages only, and point them to the sitemap."""
    paths = [*ROBOTS_DISALLOW, *(english_path(p) for p in ROBOTS_DISALLOW if p != "/langue")]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in paths)]
    lines.append(f"Sitemap: {url_for('main.sitemap', _external=True)}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap():
    """The public pages: home, job board, open jobs, regions, videos, employers' profiles."""
    body = render_template("main/sitemap.xml", entries=svc.sitemap_entries())
    return Response(body, mimetype="application/xml")


@bp.get("/healthz")
def healthz():
    """Report whether the database answers (503 if not) and, when configured, Redis."""
    from app.tasks import redis_status

    body = {"status": "ok", "database": "ok"}
    redis = redis_status()
    if redis is not None:
        # Without Redis the portal degrades (in-memory limits, inline jobs) but keeps serving.
        body["redis"] = redis
    if not svc.check_database():
        body.update(status="error", database="unreachable")
        return jsonify(body), 503
    return jsonify(body)
