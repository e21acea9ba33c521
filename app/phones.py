"""Phone numbers: parsed with `phonenumbers`, stored in E.164, shown in national format."""

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

DEFAULT_REGION = "CA"  # a number typed without "+" is read as a Canadian one


def normalise_phone(text: str | None, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 ("+14185550142"), "" for an empty input; ValueError if not a number."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise ValueError(str(exc)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def is_valid_phone(text: str | None) -> bool:
    try:
        normalise_phone(text)
    except ValueError:
        return False
    return True


def display_phone(stored: str | None) -> str:
    """How a stored number is shown: "418 555-0142" in Canada (the OQLF's style), and
    "+221 77 123 45 67" elsewhere.

    A value that does not parse (typed before numbers were checked) is shown as it was typed.
    """
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    digits = phonenumbers.national_significant_number(number)
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION and len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]}-{digits[6:]}"  # the OQLF's "418 555-0142"
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
