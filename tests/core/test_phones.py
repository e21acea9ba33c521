"""Phone numbers: parsed, stored in E.164, shown in the national format."""

import pytest

from app.phones import display_phone, is_valid_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("418 555-0142", "+14185550142", "418 555-0142"),
        ("(514) 555-1234", "+15145551234", "514 555-1234"),
        ("1-819-555-0101", "+18195550101", "819 555-0101"),
        ("+221 77 123 45 67", "+221771234567", "+221 77 123 45 67"),
        ("+33 6 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"),
    ],
)
def test_numbers_are_stored_in_e164_and_shown_nationally(typed, stored, shown):
    assert normalise_phone(typed) == stored
    assert display_phone(stored) == shown


@pytest.mark.parametrize("typed", ["12", "abc", "555", "+999 123", "418 555-01"])
def test_junk_is_not_a_number(typed):
    assert not is_valid_phone(typed)
    with pytest.raises(ValueError):
        normalise_phone(typed)


def test_empty_is_allowed_and_old_values_show_as_typed():
    assert normalise_phone("  ") == ""
    assert display_phone("") == ""
    assert display_phone("call me maybe") == "call me maybe"
