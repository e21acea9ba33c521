"""The indicators' filters: a period and a region, read from the query string."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from app.blueprints.reports.services import Period, default_period
from app.forms import AppForm

# Far enough back for the program's history, and a bound that keeps date arithmetic safe.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def _within_bounds(form, field) -> None:
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(
            _l(
                "Choose a date between %(first)s and %(last)s.",
                first=EARLIEST.isoformat(),
                last=LATEST.isoformat(),
            )
        )


class ReportFilterForm(AppForm):
    class Meta:
        csrf = False

    start = DateField(
        _l("From"),
        name="from",
        validators=[Optional(), _within_bounds],
        invalid_value_message=_l("Enter the start date as YYYY-MM-DD, for example 2025-01-31."),
    )
    end = DateField(
        _l("To"),
        name="to",
        validators=[Optional(), _within_bounds],
        invalid_value_message=_l("Enter the end date as YYYY-MM-DD, for example 2025-12-31."),
    )
    region = SelectField(
        _l("Region"),
        choices=[],
        validators=[Optional()],
        invalid_choice_message=_l("Choose a region from the list."),
    )

    def period(self, today: date) -> Period:
        """The period asked for, the last 12 months by default (call after validate)."""
        start, end = default_period(today)
        return Period(self.start.data or start, self.end.data or end, self.region.data or None)

    def check_order(self, today: date) -> bool:
        """Refuse a period that ends before it starts (once the defaults fill the gaps)."""
        period = self.period(today)
        if period.end < period.start:
            self.end.errors = [*self.end.errors, _l("The end of the period is before its start.")]
            return False
        return True
