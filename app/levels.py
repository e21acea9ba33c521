"""Language levels: the Québec scale for French (1–12) and the CLB for English (1–12)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

BANDS = [
    (0, 0, _l("none")),
    (1, 4, _l("beginner: simple everyday phrases")),
    (5, 8, _l("intermediate: conversations and work instructions")),
    (9, 12, _l("advanced: complex discussions and documents")),
]


def band_label(level: int) -> str:
    """Return the plain description of a level."""
    for low, high, label in BANDS:
        if low <= level <= high:
            return str(label)
    return ""


def level_choices(blank: str | None = None) -> list[SelectChoice]:
    """Return select choices 0..12, each with its plain description."""
    choices = [SelectChoice("", blank)] if blank is not None else []
    return choices + [SelectChoice(str(n), f"{n} — {band_label(n)}") for n in range(13)]
