"""Indicator tables: labelled rows shared by the dashboard, the CSV exports and the printed report.

Small counts are suppressed in exports and in the printed report: a count from 1 to 4 is written
"<5", and an amount, a rate or a number of days that rests on such a count is written "x".
"""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import format_decimal, pgettext
from flask_babel import gettext as _

from app.blueprints.reports.services import NO_APPLICATION, NO_REASON, Indicators
from app.i18n import cents, number, percentage
from app.models.applications import MAIN_PATH, CandidateReason

SMALL_COUNT = "<5"
HIDDEN = "x"


def is_small(n: Any) -> bool:
    """A count from 1 to 4, which could single a person out."""
    return isinstance(n, int) and 1 <= n <= 4


@dataclass
class Cell:
    value: Any
    kind: str = "count"  # text, count, amount (cents), rate (0..1), days
    # The counts an amount, rate or delay rests on: if one is small, the value is hidden too.
    deps: tuple[int, ...] = ()

    @property
    def suppressed(self) -> bool:
        if self.kind == "count":
            return is_small(self.value)
        if self.kind in ("amount", "rate", "days"):
            return any(is_small(d) for d in self.deps)
        return False

    def show(self, suppress: bool = False) -> str:
        """The value for a page, in the reader's locale."""
        if suppress and self.suppressed:
            return SMALL_COUNT if self.kind == "count" else HIDDEN
        v = self.value
        if v is None:
            return "—"
        if self.kind == "count":
            return number(v)
        if self.kind == "amount":
            return cents(v)
        if self.kind == "rate":
            # The locale's own percent form (25,5 % in French, 25.5% in English), one decimal.
            return percentage(round(v, 3), digits=1)
        if self.kind == "days":
            return format_decimal(v, "#,##0.0")
        return str(v)

    def csv(self, suppress: bool = True) -> str:
        """The value for a spreadsheet: plain digits, a dot for decimals, dollars for amounts."""
        if suppress and self.suppressed:
            return SMALL_COUNT if self.kind == "count" else HIDDEN
        v = self.value
        if v is None:
            return ""
        if self.kind == "count":
            return str(int(v))
        if self.kind == "amount":
            return f"{v / 100:.2f}"
        if self.kind == "rate":
            return f"{v * 100:.1f}"
        if self.kind == "days":
            return f"{v:.1f}"
        return str(v)


@dataclass
class Chart:
    """A horizontal bar chart: one group of bars per label, one bar per series."""

    label: str
    series: list[str]
    groups: list[tuple[str, list[tuple[float, str]]]]

    @property
    def empty(self) -> bool:
        """Nothing to draw: the table alone says so."""
        return all(v == 0 for _, bars in self.groups for v, _ in bars)

    @property
    def top(self) -> float:
        return max((v for _, bars in self.groups for v, _ in bars), default=0) or 1


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    chart: Chart | None = None
    note: str = ""
    units: dict[int, str] = field(default_factory=dict)

    def csv_rows(self, suppress: bool = True) -> list[list[str]]:
        header = [
            f"{c} ({self.units[i]})" if i in self.units else c for i, c in enumerate(self.columns)
        ]
        body = self.rows + ([self.total] if self.total else [])
        return [header] + [[cell.csv(suppress) for cell in row] for row in body]


def _text(value: str) -> Cell:
    return Cell(value, "text")


def _rate(num: int, den: int) -> Cell:
    return Cell(num / den if den else None, "rate", (num, den))


def _bars(rows: list[list[Cell]], columns: list[int]) -> list[tuple[str, list[tuple[float, str]]]]:
    return [
        (row[0].value, [(float(row[i].value or 0), row[i].show()) for i in columns]) for row in rows
    ]


def _candidates(ind: Indicators) -> Table:
    none_label = (
        _("No application to a job in this region")
        if ind.period.region
        else _("No application yet")
    )
    labels = {NO_APPLICATION: none_label} | {s.value: s.label for s in MAIN_PATH}
    rows = [[_text(labels[key]), Cell(n)] for key, n in ind.stages.items()]
    title = _("Candidates registered, by furthest stage reached")
    columns = [_("Stage"), _("Candidates")]
    note = _(
        "Candidates who created their account in the period, by the furthest step any of their"
        " applications reached."
    )
    return Table(
        "candidates",
        title,
        columns,
        rows,
        total=[_text(_("Total")), Cell(ind.registered)],
        chart=Chart(title, [_("Candidates")], _bars(rows, [1])),
        note=note,
    )


def _activity(ind: Indicators) -> Table:
    a = ind.activity
    labels = {
        "matches": _("Matches shown (eligible, open jobs)"),
        "invited_to_apply": _("Invitations to apply"),
        "interview_proposals": _("Friday interview invitations"),
        "applications": _("Applications"),
        "prequalified": pgettext("indicator", "Pre-qualified by the program"),
        "hires": _("Hires"),
    }
    rows = [[_text(label), Cell(a[key])] for key, label in labels.items()]
    title = _("Matching, applications and hires")
    return Table(
        "activity",
        title,
        [_("Indicator"), _("Number")],
        rows,
        chart=Chart(title, [_("Number")], _bars(rows, [1])),
    )


def _interviews(ind: Indicators) -> Table:
    i = ind.interviews
    counts = [
        [_text(_("Interviews held")), Cell(i["held"])],
        [_text(_("No-shows: candidate absent")), Cell(i["no_show_candidate"])],
        [_text(_("No-shows: employer absent")), Cell(i["no_show_employer"])],
        [_text(_("Mutual interest (both want to continue)")), Cell(i["mutual"])],
    ]
    rate = [_text(_("Mutual-interest rate (of interviews held)")), _rate(i["mutual"], i["held"])]
    title = _("Friday interviews")
    return Table(
        "interviews",
        title,
        [_("Indicator"), _("Value")],
        counts + [rate],
        chart=Chart(title, [_("Interviews")], _bars(counts, [1])),
    )


def _delays(ind: Indicators) -> Table:
    rows = []
    for key, label in (
        ("interview", _("From sign-up to first interview")),
        ("hire", _("From sign-up to hire")),
    ):
        d = ind.delays[key]
        rows.append(
            [
                _text(label),
                Cell(d.candidates),
                Cell(d.median, "days", (d.candidates,)),
                Cell(d.mean, "days", (d.candidates,)),
            ]
        )
    title = _("Days from sign-up to first interview and to hire")
    return Table(
        "delays",
        title,
        [_("Measure"), _("Candidates"), _("Median (days)"), _("Average (days)")],
        rows,
        chart=Chart(title, [_("Median (days)"), _("Average (days)")], _bars(rows, [2, 3])),
        note=_("Candidates whose first interview, or hire, took place in the period."),
    )


def _funding_cells(row) -> list[Cell]:
    return [
        Cell(row.requested),
        Cell(row.requested_cents, "amount", (row.requested,)),
        Cell(row.approved),
        Cell(row.approved_cents, "amount", (row.approved,)),
        Cell(row.paid),
        Cell(row.paid_cents, "amount", (row.paid,)),
    ]


def _funding(ind: Indicators, slug: str, by: str) -> Table:
    source = ind.funding_by_partner if by == "partner" else ind.funding_by_region
    first = _("Partner organisation") if by == "partner" else _("Destination region")
    columns = [
        first,
        _("Requests"),
        _("Amount requested"),
        pgettext("requests", "Approved"),
        _("Amount approved"),
        pgettext("requests", "Paid"),
        _("Amount paid"),
    ]
    rows = [[_text(r.name)] + _funding_cells(r) for r in source]
    title = (
        _("Travel funding by partner organisation")
        if by == "partner"
        else _("Travel funding by destination region")
    )
    chart = Chart(
        title,
        [_("Amount requested"), _("Amount approved"), _("Amount paid")],
        _bars(rows, [2, 4, 6]),
    )
    return Table(
        slug,
        title,
        columns,
        rows,
        total=[_text(_("Total"))] + _funding_cells(ind.funding_total),
        chart=chart if rows else None,
        note=_(
            "Requested: filed in the period. Approved: approved in the period (not cancelled"
            " since). Paid: paid in the period."
        ),
        units={2: "$", 4: "$", 6: "$"},
    )


def _cost(ind: Indicators) -> Table:
    total, hires = ind.funding_total, ind.activity["hires"]
    rows = [
        [_text(_("Travel funding paid")), Cell(total.paid_cents, "amount", (total.paid,))],
        [_text(_("Hires")), Cell(hires)],
        [_text(_("Cost per hire")), Cell(ind.cost_per_hire_cents, "amount", (total.paid, hires))],
    ]
    return Table(
        "cost",
        _("Cost per hire"),
        [_("Indicator"), _("Value")],
        rows,
        note=_(
            "Travel funding paid in the period, divided by the hires of the period (amounts in"
            " dollars in the CSV file)."
        ),
    )


def _retention(ind: Indicators) -> Table:
    rows = []
    for months, o in ind.retention.items():
        rows.append(
            [
                _text(_("%(months)s months after hiring", months=months)),
                Cell(o["answered"]),
                Cell(o["employed"]),
                _rate(o["employed"], o["answered"]),
                Cell(o["in_region"]),
                _rate(o["in_region"], o["answered"]),
            ]
        )
    title = _("Retention at 6 and 12 months")
    return Table(
        "retention",
        title,
        [
            _("Check-in"),
            _("Answers"),
            _("Still employed"),
            _("Still employed (%)"),
            _("Still in the region"),
            _("Still in the region (%)"),
        ],
        rows,
        chart=Chart(
            title,
            [_("Still employed (%)"), _("Still in the region (%)")],
            [(r[0].value, [(100 * (c.value or 0), c.show()) for c in (r[3], r[5])]) for r in rows],
        ),
        note=_("Follow-up check-ins answered in the period."),
    )


def _reasons(ind: Indicators) -> Table:
    withdrawn, declined = ind.reasons["withdrawn"], ind.reasons["declined"]
    labels = [(r.value, r.label) for r in CandidateReason] + [(NO_REASON, _("Reason not given"))]
    rows = [
        [_text(label), Cell(withdrawn[key]), Cell(declined[key])]
        for key, label in labels
        if key != NO_REASON or withdrawn[key] or declined[key]
    ]
    title = _("Why candidates withdraw or decline")
    return Table(
        "reasons",
        title,
        [_("Reason"), _("Applications withdrawn"), _("Friday interviews declined")],
        rows,
        chart=Chart(
            title,
            [_("Applications withdrawn"), _("Friday interviews declined")],
            _bars(rows, [1, 2]),
        ),
        note=_("The reason each candidate chose when withdrawing or declining in the period."),
    )


SLUGS = (
    "candidates",
    "activity",
    "interviews",
    "delays",
    "funding-partners",
    "funding-regions",
    "cost",
    "retention",
    "reasons",
)


def build_tables(ind: Indicators) -> list[Table]:
    """Every indicator table, labelled in the reader's language."""
    return [
        _candidates(ind),
        _activity(ind),
        _interviews(ind),
        _delays(ind),
        _funding(ind, "funding-partners", "partner"),
        _funding(ind, "funding-regions", "region"),
        _cost(ind),
        _retention(ind),
        _reasons(ind),
    ]
