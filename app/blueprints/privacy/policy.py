"""The privacy refusal and the retention policy (every period in one place)."""

from dataclasses import dataclass

from app.errors import DomainError
from app.models import (
    FundingStatus,
)


class PrivacyError(DomainError):
    """A privacy request cannot be carried out; `code` names the message shown."""


# ---------------------------------------------------------------- the retention policy


@dataclass(frozen=True)
class Retention:
    """Every retention period in one place; the privacy policy states these same values."""

    # A candidate account nobody signed in to for this long is erased...
    inactive_candidate_months: int = 24
    # ...after an email warning this many days before.
    warning_days: int = 30
    # Anonymised funding records are kept for the accounting rules, counted from payment
    # (or from their last update when never paid).
    funding_years: int = 7


RETENTION = Retention()

# Funding requests an erasure keeps (anonymised): money was paid, or committed and still owed.
KEPT_FUNDING = (FundingStatus.PAID, FundingStatus.APPROVED, FundingStatus.RECEIPTS_SUBMITTED)
