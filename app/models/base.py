"""Column types and helpers shared by every model."""

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Store UTC and always hand back aware datetimes, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def str_enum(enum_cls: type[enum.Enum]) -> Enum:
    """Store an enum by its value as a plain string column, portable across databases."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=30,
        values_callable=lambda members: [m.value for m in members],
    )


def pick(locale: str, fr: str, en: str) -> str:
    """Choose the text in the locale's language, falling back on the other language."""
    first, second = (en, fr) if str(locale).startswith("en") else (fr, en)
    return first or second


def picked_language(locale: str, fr: str, en: str) -> str:
    """The language ('fr' or 'en') of the text `pick` shows for these two."""
    english_first = str(locale).startswith("en")
    if english_first:
        return "en" if en or not fr else "fr"
    return "fr" if fr or not en else "en"


_LABELS: dict[type, dict] = {}
# Labels as translated, by (enum, member, locale): cards show the same few labels many times.
_LABEL_TEXT: dict[tuple, str] = {}


class LabelledEnum(enum.StrEnum):
    """A string enum whose members have a translated label, registered with `set_labels`."""

    @property
    def label(self) -> str:
        """The member's label in the current language (each translated once per language)."""
        from flask_babel import get_locale

        key = (type(self), self.value, str(get_locale()))
        text = _LABEL_TEXT.get(key)
        if text is None:
            text = _LABEL_TEXT[key] = str(_LABELS[type(self)][self])
        return text


def set_labels(enum_cls: type[LabelledEnum], labels: dict) -> dict:
    """Register the (lazy) labels of an enum's members and return them."""
    _LABELS[enum_cls] = labels
    for key in [k for k in _LABEL_TEXT if k[0] is enum_cls]:
        del _LABEL_TEXT[key]
    return labels
