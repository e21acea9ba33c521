"""Security headers on every response, and what caches may keep."""

from flask import Flask, Response, g, request, session


def register_security_headers(app: Flask) -> None:
    """Add the CSP, framing and referrer headers to every response."""
    from app import CDN_ORIGIN

    script_src = "'self'" + (f" {CDN_ORIGIN}" if app.config.get("HTMX_CDN") else "")
    csp = "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
        )
        return _cache_policy(response)


def _signed_in() -> bool:
    """The request comes from a signed-in user (read without a database query: this runs on
    error pages too, the 503 included)."""
    user = g.get("_login_user")
    if user is not None:
        return bool(user.is_authenticated)
    return session.get("_user_id") is not None


def _cache_policy(response: Response) -> Response:
    """Nothing private is kept by a browser or a proxy; public pages vary with the cookie.

    A signed-in user's pages and every file sent as an attachment (CV, receipt, export) get
    `Cache-Control: no-store`. Public pages may be cached, with `Vary: Cookie` since the same
    address shows more to a signed-in user. Static files (the same for everybody) are left alone.
    """
    if request.endpoint == "static":
        return response
    attachment = response.headers.get("Content-Disposition", "").lower().startswith("attachment")
    if attachment or _signed_in():
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    response.vary.add("Cookie")
    return response
