"""URL helpers."""

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.routing import IntegerConverter, ValidationError

from app.forms import MAX_DB_INT
from app.i18n import is_english_address


class BoundedIntegerConverter(IntegerConverter):
    """The `int` URL converter, bounded to what a database integer holds: a larger id is a 404.

    Registered as `int` for the whole application, so every `<int:...>` route is covered.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False) -> None:  # noqa: A002
        bound = MAX_DB_INT if max is None or max > MAX_DB_INT else max
        super().__init__(map, fixed_digits, min, bound, signed)

    def to_python(self, value: str) -> int:
        # Refuse a 40-digit id before int() even reads it.
        if len(value.lstrip("-")) > len(str(MAX_DB_INT)):
            raise ValidationError()
        return super().to_python(value)


def safe_next(target: str | None) -> str | None:
    """Return target only if it is a path on this site (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def _adapter():
    parts = urlsplit(current_app.config["PUBLIC_URL"])
    return current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )


def external_url(endpoint: str, **values) -> str:
    """Build an absolute link for mail, from PUBLIC_URL, inside or outside a request (French,
    or English with lang_code="en")."""
    _language_values(endpoint, values, None)
    return _adapter().build(endpoint, values, force_external=True)


def site_path(endpoint: str, **values) -> str:
    """Build a site-relative link, inside or outside a request (French, or English with
    lang_code="en")."""
    _language_values(endpoint, values, None)
    return _adapter().build(endpoint, values, force_external=False)


def public_link(path: str) -> str:
    """Turn a site-relative path into an absolute link for mail."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def same_site_referrer(referrer: str | None, host: str) -> str | None:
    """Return the path and query of a referrer on this site (it carries URLs pushed by htmx)."""
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != host:
        return None
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))


# English addresses. Every page answers at its French path and at an English twin under /en/,
# whose path words come from this table (a test fails when a route uses a word missing here).
# The prefix is a one-value converter, not a default: Werkzeug builds a rule only when every
# argument it has is given, so the twin is built exactly when `lang_code="en"` is passed
# (the url_defaults hook passes it during an English request), and the French rule otherwise.
ENGLISH_PREFIX = "/<any(en):lang_code>"
ENGLISH_WORDS: dict[str, str] = {
    "accompagnement": "follow-up",
    "actualiser": "refresh",
    "admin": "admin",
    "affiche": "poster",
    "alertes": "alerts",
    "annuler": "cancel",
    "apercu": "preview",
    "calendrier": "calendar",
    "calendrier.ics": "calendar.ics",
    "candidat": "candidate",
    "candidats": "candidates",
    "candidatures": "applications",
    "changement": "change",
    "changements": "changes",
    "code": "code",
    "codes": "codes",
    "compte": "account",
    "comptes": "accounts",
    "confidentialite": "privacy",
    "connexion": "sign-in",
    "consentement": "consent",
    "contact": "contact",
    "correspondances": "matches",
    "courriel": "email",
    "creneaux": "slots",
    "cv": "cv",
    "deconnexion": "sign-out",
    "demandes": "requests",
    "deplacements": "trips",
    "deplacer": "move",
    "desabonnement": "unsubscribe",
    "desactiver": "turn-off",
    "deux-etapes": "two-step",
    "disponibilites": "availability",
    "document": "document",
    "dossiers": "cases",
    "dupliquer": "duplicate",
    "echanger": "swap",
    "elements": "items",
    "employeurs": "employers",
    "entrevues": "interviews",
    "envoyer-reponses": "send-answers",
    "essai-camera": "camera-test",
    "estimation": "estimate",
    "etapes": "steps",
    "fichier": "file",
    "fichiers": "files",
    "financement": "funding",
    "flux.atom": "feed.atom",
    "fuseau-horaire": "time-zone",
    "identite": "identity",
    "import": "import",
    "incidents": "incidents",
    "indicateurs": "indicators",
    "inscription": "sign-up",
    "invitation": "invitation",
    "inviter": "invite",
    "journal": "log",
    "logo": "logo",
    "lues": "read",
    "membres": "members",
    "messages": "messages",
    "modifier": "edit",
    "mot-de-passe": "password",
    "motifs-de-refus": "decline-reasons",
    "municipalites": "municipalities",
    "notes": "notes",
    "notifications": "notifications",
    "nouveau": "new",
    "nouvelle": "new",
    "offres": "offers",
    "organisation": "organization",
    "organisations": "organizations",
    "oubli": "forgotten",
    "partenaires": "partners",
    "planifier": "schedule",
    "politique": "policy",
    "postes": "jobs",
    "postes-pour-moi": "jobs-for-me",
    "postes-sauvegardes": "saved-jobs",
    "postuler": "apply",
    "preferences": "preferences",
    "prequalification": "prequalification",
    "presence": "attendance",
    "professions": "occupations",
    "profil": "profile",
    "programme": "program",
    "proposer": "propose",
    "publication": "publishing",
    "publier": "publish",
    "rapport": "report",
    "reassigner": "reassign",
    "recus": "receipts",
    "regions": "regions",
    "reinitialiser": "reset",
    "relancer": "retry",
    "renouveler": "renew",
    "renvoyer": "resend",
    "reponses": "answers",
    "reserver": "book",
    "responsable": "assignee",
    "retirer": "withdraw",
    "revision-humaine": "human-review",
    "revisions": "reviews",
    "salle": "room",
    "sauvegarder": "save",
    "securite": "security",
    "sessions": "sessions",
    "signalements": "reports",
    "signaler": "report",
    "sous-titres-": "captions-",
    "statut": "status",
    "suite": "decision",
    "suivis": "check-ins",
    "supprime": "deleted",
    "supprimer": "delete",
    "tableau-de-bord": "dashboard",
    "taches": "tasks",
    "telechargement": "download",
    "temoignages": "testimonials",
    "vendredi": "friday",
    "vendredis": "fridays",
    "verifier": "verify",
    "videos": "videos",
    "visite": "visit",
}
# Machine addresses, in no language: files for other programs, and the old switch form's target.
NO_ENGLISH_TWIN = frozenset(
    {
        "static",
        "main.healthz",
        "main.robots",
        "main.sitemap",
        "main.set_language",
        "interviews.calendar_feed",
    }
)


def static_words(path: str) -> list[str]:
    """The literal words of a rule's path: whole segments, and the text before a converter."""
    words = []
    for segment in path.strip("/").split("/"):
        literal = segment.split("<", 1)[0]
        if literal:
            words.append(literal)
    return words


def english_path(path: str) -> str:
    """A French rule path (or path prefix) with each literal word in English, under /en."""
    out = []
    for segment in path.split("/"):
        literal, sep, rest = segment.partition("<")
        if literal:
            if literal not in ENGLISH_WORDS:
                raise LookupError(f"add {literal!r} (in {path}) to app.urls.ENGLISH_WORDS")
            literal = ENGLISH_WORDS[literal]
        out.append(literal + sep + rest)
    return "/en" + "/".join(out) if path != "/" else "/en/"


def add_english_rules(app) -> None:
    """Give every page rule an English twin under /en/ (same endpoint, methods and options)."""
    from werkzeug.routing import Rule

    endpoints = set()
    for rule in list(app.url_map.iter_rules()):
        if rule.endpoint in NO_ENGLISH_TWIN:
            continue
        twin_path = ENGLISH_PREFIX + english_path(rule.rule)[len("/en") :]
        twin = Rule(twin_path, **rule.get_empty_kwargs())
        # Flask answers OPTIONS itself for rules it added; the twin behaves the same.
        twin.provide_automatic_options = getattr(rule, "provide_automatic_options", False)
        app.url_map.add(twin)
        endpoints.add(rule.endpoint)
    app.extensions["english_endpoints"] = frozenset(endpoints)

    @app.url_value_preprocessor
    def _drop_language(endpoint, values) -> None:
        if values:
            values.pop("lang_code", None)

    @app.url_defaults
    def _english_links(endpoint, values) -> None:
        _language_values(endpoint, values, "en" if is_english_address() else None)


def _language_values(endpoint: str, values: dict, lang: str | None) -> None:
    # `lang_code` is kept only for "en" on an endpoint that has an English twin; an explicit
    # lang_code wins over the request's language.
    wanted = values.pop("lang_code", lang)
    if wanted == "en" and endpoint in current_app.extensions.get("english_endpoints", ()):
        values["lang_code"] = "en"


def localise_path(path: str, lang: str) -> str:
    """The same page's site-relative address in `lang` ("fr" or "en"), query string kept; a path
    that names no page comes back as it is."""
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    base, sep, query = path.partition("?")
    try:
        rule, values = _adapter().match(base, method="GET", return_rule=True)
    except (HTTPException, RequestRedirect):
        return path
    values = dict(values)
    values.pop("lang_code", None)
    _language_values(rule.endpoint, values, lang)
    built = _adapter().build(rule.endpoint, values, force_external=False)
    return built + sep + query


SWITCH_PARAM = "langue"  # ?langue=en on a switch link: record the choice, then drop it


def query_without(name: str) -> str:
    """The current request's query string without one parameter (as received otherwise)."""
    from urllib.parse import parse_qsl, urlencode

    from flask import request

    raw = request.query_string.decode("utf-8", "replace")
    if name not in request.args:
        return raw
    return urlencode([(k, v) for k, v in parse_qsl(raw, keep_blank_values=True) if k != name])


def page_address(lang: str) -> str:
    """The current page's site-relative address in `lang` ("fr" or "en"), query string kept
    (the other language's home page when the request matched no page one can open)."""
    from flask import request, url_for

    rule = request.url_rule
    if rule is None or "GET" not in (rule.methods or ()):
        return url_for("main.index", lang_code=lang)
    path = url_for(rule.endpoint, **(request.view_args or {}), lang_code=lang)
    query = query_without(SWITCH_PARAM)
    return path + (f"?{query}" if query else "")


def switch_address(lang: str) -> str:
    """The language switch: the page in `lang`, marked so that arriving records the choice."""
    address = page_address(lang)
    return address + ("&" if "?" in address else "?") + f"{SWITCH_PARAM}={lang}"


_TRAILING = ".,;:!?)"


def localise_links(text: str, lang: str) -> str:
    """Every link to this site in a text (a mail), pointed at its page in `lang`."""
    import re

    if lang != "en":
        return text
    root = current_app.config["PUBLIC_URL"].rstrip("/")

    def swap(match: re.Match) -> str:
        path = match.group(1)
        tail = len(path) - len(path.rstrip(_TRAILING))
        path, end = (path[:-tail], path[-tail:]) if tail else (path, "")
        return root + localise_path(path, lang) + end

    return re.sub(re.escape(root) + r"(/[^\s<>\"']*)", swap, text)
