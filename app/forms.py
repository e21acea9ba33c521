"""Form fields shared by every blueprint: typed, so that `form.data` is already the service's input.

- `EnumSelectField(Enum)`: a select whose data is the enum member (or None when blank);
- `LevelField`: a language level 0..12 (or None), with its plain description;
- `CommaListField`: a comma-, semicolon- or line-separated list, without blanks or duplicates;
- `CentsField`: dollars typed in the form, integer cents in `data`;
- `BoundedIntegerField`, `parse_int`, `arg_int` (query strings) and `page_offset`: integers that
  fit the database (never an overflow);
- `VersionField` and `VersionedForm.seen_version()`: the version of the row the user was editing;
- `MultiCheckboxField`, `enum_choices`, `split_list`, and `ConfirmForm` (only a button);
- `AppForm`, the base of every form: WTForms' own messages ("This field is required.") come from
  the app's catalogs, not from the French WTForms ships ("Ce champ est requis.").
"""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation

from flask import request
from flask_babel import LazyString, get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.errors import DomainError
from app.levels import level_choices

# The largest value a 32-bit signed database integer holds (SQLite's is wider, PostgreSQL's is not).
MAX_DB_INT = 2**31 - 1


class CatalogTranslations:
    """WTForms' translations object, answered by the app's catalog in the reader's language.

    WTForms interpolates its messages itself (`% dict(min=...)`), so these return the raw
    translated text (Flask-Babel's gettext/ngettext would interpolate first)."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


CATALOG_TRANSLATIONS = CatalogTranslations()


class AppForm(FlaskForm):
    """The base of every form of the portal (CSRF from Flask-WTF, messages from the catalog)."""

    class Meta:
        def get_translations(self, form):
            return CATALOG_TRANSLATIONS


def _wtforms_messages() -> None:  # pragma: no cover - never called: marks messages for extraction
    """The messages of WTForms' validators and fields this app can show, so that the catalog
    holds them (WTForms asks for them by their English text)."""
    from flask_babel import gettext, ngettext

    gettext("This field is required.")
    gettext("Invalid email address.")
    gettext("Invalid URL.")
    gettext("Invalid input.")
    gettext("Invalid value, must be one of: %(values)s.")
    gettext("Field must be equal to %(other_name)s.")
    gettext("Field must be between %(min)d and %(max)d characters long.")
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    )
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    )
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    )
    gettext("Number must be at least %(min)s.")
    gettext("Number must be at most %(max)s.")
    gettext("Number must be between %(min)s and %(max)s.")
    gettext("Not a valid integer value.")
    gettext("Not a valid decimal value.")
    gettext("Not a valid float value.")
    gettext("Not a valid date value.")
    gettext("Not a valid datetime value.")
    gettext("Not a valid time value.")
    gettext("Not a valid choice.")
    gettext("Invalid Choice: could not coerce.")
    gettext("Invalid choice(s): one or more data inputs could not be coerced.")
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    )


def enum_choices(enum_cls: type[enum.Enum], blank: str | None = "") -> list[SelectChoice]:
    """Select choices from an enum, labels translated when rendered, with a blank first option."""
    first = [SelectChoice("", blank)] if blank is not None else []
    # Built at import time: the label must stay lazy to follow each reader's language.
    return first + [SelectChoice(m.value, LazyString(lambda m=m: m.label)) for m in enum_cls]


def split_list(text: str | None) -> list[str]:
    """Split a comma- or line-separated list, dropping blanks and duplicates (case-insensitive)."""
    seen: dict[str, str] = {}
    for raw in (text or "").replace("\n", ",").replace(";", ",").split(","):
        item = " ".join(raw.split())
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return list(seen.values())


def parse_int(value: object, low: int = 0, high: int = MAX_DB_INT) -> int | None:
    """An integer within [low, high] from user input (str, int...), or None: never an overflow."""
    text = str(value if value is not None else "").strip()
    # isascii: "²" is a digit to str.isdigit() but not to int().
    if not text or len(text) > 12 or not text.isascii() or not text.lstrip("-").isdigit():
        return None
    number = int(text)
    return number if low <= number <= high else None


def page_offset(page: int, size: int) -> int:
    """The OFFSET of a 1-based page of `size` rows, clamped so that it fits a database integer."""
    return (min(max(page, 1), MAX_DB_INT // size) - 1) * size


def arg_int(
    name: str, default: int | None = None, low: int = 0, high: int = MAX_DB_INT, source=None
) -> int | None:
    """The query-string integer `name` within [low, high], or `default` when missing or junk.

    `source` is request.args unless given (request.values for a search that may be posted).
    """
    value = parse_int((request.args if source is None else source).get(name), low, high)
    return default if value is None else value


class CheckedForm(AppForm):
    """A form that shows the service's own rules with its field errors, all in one submit.

    Subclasses give `to_data()` (the service's input), `service_check(data)` (the service's
    validation, raising `DomainError`s: usually `Problems.raise_any()`) and `messages` (code ->
    text). The service still runs the same check itself, so imports and the CLI obey it too.
    """

    messages: dict = {}

    def service_check(self, data) -> None:  # pragma: no cover - overridden
        return None

    def validate(self, extra_validators=None) -> bool:
        from app.uow import attach_error

        valid = super().validate(extra_validators)
        try:
            data = self.to_data()
        except (TypeError, ValueError, AttributeError, InvalidOperation):
            return valid  # a field too broken to read: its own error is already shown
        try:
            self.service_check(data)
        except DomainError as err:
            attach_error(self, self.messages, err)
            return False
        return valid


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (several choices)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EnumSelectField(SelectField):
    """A select over an enum: `data` is the member, or None when the blank choice is taken."""

    def __init__(self, label=None, validators=None, enum=None, blank: str | None = "", **kwargs):
        self.enum = enum
        kwargs.setdefault("choices", enum_choices(enum, blank=blank))
        super().__init__(label, validators, coerce=self._coerce, **kwargs)

    def _coerce(self, value):
        if value is None or value == "":
            return None
        return value if isinstance(value, self.enum) else self.enum(value)


class LevelField(SelectField):
    """A language level (Québec scale for French, CLB for English): an int 0..12, or None."""

    def __init__(self, label=None, validators=None, blank: str | None = "", **kwargs):
        kwargs.setdefault("choices", level_choices(blank=blank))
        super().__init__(label, validators, coerce=_level_or_none, **kwargs)


def _level_or_none(value):
    if value is None or value == "":
        return None
    number = parse_int(value, 0, 12)
    if number is None:
        raise ValueError("level")
    return number


class CommaListField(StringField):
    """A list typed as text (commas, semicolons or lines); `data` is the clean list."""

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return ", ".join(self.data or [])

    def process_formdata(self, valuelist) -> None:
        self.data = split_list(valuelist[0]) if valuelist else []


class CommaListAreaField(CommaListField, TextAreaField):
    """The same list, in a multi-line text area."""


class CentsField(DecimalField):
    """An amount typed in dollars; `data` is integer cents (or None)."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("places", 2)
        super().__init__(label, validators, **kwargs)

    def process_data(self, value) -> None:
        self.data = None if value is None else int(value)

    def process_formdata(self, valuelist) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip().replace("\xa0", "").replace(" ", "").replace("$", "")
        text = text.replace(",", ".")
        try:
            dollars = Decimal(text)
        except InvalidOperation as exc:
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value.")) from exc
        if not dollars.is_finite() or abs(dollars) > Decimal(MAX_DB_INT) / 100:
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))
        self.data = int((dollars * 100).quantize(Decimal(1)))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{Decimal(self.data) / 100:.2f}"


class BoundedIntegerField(IntegerField):
    """An integer that fits the database: a typed 10**30 is a validation error, not an overflow."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not -MAX_DB_INT <= self.data <= MAX_DB_INT:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))


class VersionField(HiddenField):
    """The version of the row the form was drawn from; `data` is an int or None."""

    def process_formdata(self, valuelist) -> None:
        self.data = parse_int(valuelist[0]) if valuelist else None

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


class VersionedForm(AppForm):
    """A form that edits a row two people may edit: it carries the version it was drawn from."""

    version = VersionField()

    def seen_version(self) -> int | None:
        """The version the user was looking at, or None if the field is missing or garbled."""
        return self.version.data


class ConfirmForm(AppForm):
    """A form that is only a button (CSRF-protected): withdraw, cancel, publish..."""

    submit = SubmitField(_l("Confirm"))
