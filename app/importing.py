"""Bulk import of jobs and candidate profiles in the exchange format (JSON, or CSV per kind).

Rows are matched on their external id: an id already in the database updates that row, a new id
creates one. A bad row is rejected with its reasons; the other rows still go in. Reasons are
stored as message codes with their parameters and translated only when shown.
"""

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.dbstats import BULK_ROWS, analyze
from app.extensions import db
from app.models import (
    CandidateProfile,
    EmployerOrganisation,
    Job,
    JobStatus,
    Municipality,
    Occupation,
    Region,
    VettingStatus,
    WorkStatus,
)
from app.models.base import utcnow
from app.text import fold

IMPORT_ORG_NAME = "Postes importés / Imported jobs"
IMPORT_ORG_NEQ = "0000000000"
IMPORT_ORG_REGION = "03"

MAX_ID_LENGTH = 64
MAX_TITLE_LENGTH = 200
MAX_LEVEL = 12
REGION_CODES = frozenset(f"{n:02d}" for n in range(1, 18))
ANYWHERE = "*"
_CHUNK = 500

JOB_FIELDS = (
    "id",
    "title",
    "description",
    "lang",
    "noc",
    "skills_required",
    "skills_nice",
    "region",
    "city",
    "french_level_min",
    "english_level_min",
    "experience_years_min",
    "work_permit_required",
)
CANDIDATE_FIELDS = (
    "id",
    "desired_titles",
    "noc",
    "skills",
    "summary",
    "french_level",
    "english_level",
    "experience_years",
    "regions",
    "work_status",
)
JOB_REQUIRED = ("id", "title", "noc", "region")
CANDIDATE_REQUIRED = ("id",)
JOB_LISTS = frozenset({"skills_required", "skills_nice"})
CANDIDATE_LISTS = frozenset({"desired_titles", "noc", "skills", "regions"})
INT_FIELDS = frozenset(
    {
        "french_level_min",
        "english_level_min",
        "experience_years_min",
        "french_level",
        "english_level",
        "experience_years",
    }
)
BOOL_FIELDS = frozenset({"work_permit_required"})
_TRUE = {"true", "1", "yes", "oui", "y", "o", "vrai"}
_FALSE = {"false", "0", "no", "non", "n", "faux"}

# Row reasons and warnings, by code; rendered in the reader's language with the row's params.
MESSAGES = {
    "not_object": _l("This row is not an object with named fields."),
    "id_missing": _l("The id is missing."),
    "id_too_long": _l("The id is longer than 64 characters."),
    "id_duplicate": _l(
        "The id %(id)s appears more than once in the file; only the first was kept."
    ),
    "id_other_employer": _l("The job %(id)s belongs to another employer and was left unchanged."),
    "profile_claimed": _l(
        "The profile %(id)s is now managed by its owner's account and was left unchanged."
    ),
    "title_missing": _l("The title is missing."),
    "title_too_long": _l("The title is longer than 200 characters."),
    "noc_missing": _l("The NOC code is missing."),
    "noc_unknown": _l("Unknown NOC code %(noc)s."),
    "noc_dropped": _l("Unknown NOC codes left out: %(nocs)s."),
    "organisation_not_approved": _l(
        "The employer is not yet approved by the program: the job was saved as a draft."
    ),
    "region_unknown": _l("Unknown region code %(region)s (expected 01 to 17)."),
    "regions_unknown": _l("Unknown region codes: %(regions)s (expected 01 to 17, or *)."),
    "city_unknown": _l(
        "The city %(city)s is not a known municipality of this region; no municipality was set."
    ),
    "levels_invalid": _l("Language levels must be whole numbers from 0 to 12: %(level_fields)s."),
    "experience_invalid": _l("Years of experience must be a whole number, 0 or more."),
    "work_status_unknown": _l(
        "Unknown work status %(work_status)s (expected one of %(expected)s)."
    ),
    "fields_invalid": _l("These fields do not have the expected type: %(fields)s."),
}

# Errors about the whole file, which stop the import before any row is read.
FORMAT_MESSAGES = {
    "empty": _l("The file is empty."),
    "not_text": _l("The file is not a text file (JSON or CSV encoded in UTF-8)."),
    "not_json_or_csv": _l(
        "This file is neither a JSON exchange document nor a CSV file with the expected columns."
    ),
    "json_invalid": _l("The JSON file is not valid near line %(line)s, column %(column)s."),
    "json_shape": _l(
        'The JSON document must be an object holding a "jobs" list, a "candidates" list, or both.'
    ),
    "csv_missing_columns": _l("The CSV file lacks these columns: %(columns)s."),
    "csv_unknown_columns": _l("The CSV file has columns that are not expected: %(columns)s."),
    "nothing": _l("The file holds no job and no candidate."),
}

OUTCOME_LABELS = {
    "created": _l("New row created"),
    "updated": _l("Existing row updated"),
    "rejected": _l("Row rejected"),
}
KIND_LABELS = {"job": _l("Job"), "candidate": _l("Candidate")}


def render_message(code: str, params: dict[str, Any]) -> str:
    """Return the message of a code in the current language, filled with its params."""
    message = MESSAGES[code] if code in MESSAGES else FORMAT_MESSAGES[code]
    return str(message) % params


class ExchangeFormatError(ValueError):
    """The document as a whole cannot be read; `message` says why in the reader's language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return render_message(self.code, self.params)


@dataclass
class RowReport:
    kind: str  # "job" or "candidate"
    position: int  # 1-based rank of the row in its list
    external_id: str = ""
    outcome: str = "rejected"  # "created", "updated" or "rejected"
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def reject(self, code: str, **params: Any) -> None:
        self.reasons.append(code)
        self.params.update(params)

    def warn(self, code: str, **params: Any) -> None:
        self.warnings.append(code)
        self.params.update(params)

    @property
    def reason_messages(self) -> list[str]:
        return [render_message(code, self.params) for code in self.reasons]

    @property
    def warning_messages(self) -> list[str]:
        return [render_message(code, self.params) for code in self.warnings]

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)

    def count(self, outcome: str, kind: str | None = None) -> int:
        """Count the rows with an outcome, optionally of one kind."""
        return sum(1 for r in self.rows if r.outcome == outcome and kind in (None, r.kind))

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    @property
    def counts(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "rejected": self.rejected}


def fold_place(text: str) -> str:
    """Fold case, accents and punctuation so 'Riviere du loup' finds 'Rivière-du-Loup'."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(text)).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


# ---------------------------------------------------------------------------------------------
# Reading files


def read_document(data: bytes, csv_kind: str | None = None) -> dict:
    """Sniff an upload: parse it as a JSON document, or as CSV of `csv_kind` (jobs/candidates)."""
    if not data.strip():
        raise ExchangeFormatError("empty")
    if b"\x00" in data:
        raise ExchangeFormatError("not_text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows still save CSV in cp1252.
        text = data.decode("cp1252", errors="replace")
    if text.lstrip()[:1] in ("{", "["):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as err:
            raise ExchangeFormatError("json_invalid", line=err.lineno, column=err.colno) from err
        _check_shape(document)
    elif csv_kind in ("jobs", "candidates"):
        document = parse_csv_jobs(text) if csv_kind == "jobs" else parse_csv_candidates(text)
    else:
        raise ExchangeFormatError("not_json_or_csv")
    if not document.get("jobs") and not document.get("candidates"):
        raise ExchangeFormatError("nothing")
    return document


def parse_csv_jobs(text: str) -> dict:
    """Read jobs from CSV (header = exchange field names, lists split on '|')."""
    return {"jobs": _parse_csv(text, JOB_FIELDS, JOB_REQUIRED, JOB_LISTS)}


def parse_csv_candidates(text: str) -> dict:
    """Read candidates from CSV (header = exchange field names, lists split on '|')."""
    return {"candidates": _parse_csv(text, CANDIDATE_FIELDS, CANDIDATE_REQUIRED, CANDIDATE_LISTS)}


def _parse_csv(
    text: str, fields: tuple[str, ...], required: tuple[str, ...], lists: frozenset[str]
) -> list[dict]:
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    # French spreadsheets save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if not set(header) & set(fields):
        raise ExchangeFormatError("not_json_or_csv")
    missing = [name for name in required if name not in header]
    if missing:
        raise ExchangeFormatError("csv_missing_columns", columns=", ".join(missing))
    unknown = [name for name in header if name and name not in fields]
    if unknown:
        raise ExchangeFormatError("csv_unknown_columns", columns=", ".join(unknown))
    reader.fieldnames = header
    rows = []
    for record in reader:
        row = {}
        for name, cell in record.items():
            if not name or name not in fields or cell is None:
                continue
            value = cell.strip() if isinstance(cell, str) else ""
            if value:
                row[name] = _csv_value(name, value, lists)
        if row:
            rows.append(row)
    return rows


def _csv_value(name: str, value: str, lists: frozenset[str]) -> Any:
    if name in lists:
        return [part.strip() for part in value.split("|") if part.strip()]
    if name in INT_FIELDS and re.fullmatch(r"-?\d+", value):
        return int(value)
    if name in BOOL_FIELDS and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    return value


def _check_shape(document: Any) -> None:
    if not isinstance(document, dict) or not ({"jobs", "candidates"} & document.keys()):
        raise ExchangeFormatError("json_shape")
    for key in ("jobs", "candidates"):
        if not isinstance(document.get(key, []), list):
            raise ExchangeFormatError("json_shape")


# ---------------------------------------------------------------------------------------------
# Importing


def get_import_organisation() -> EmployerOrganisation:
    """Return the organisation that holds imported jobs of no named employer, creating it."""
    org = db.session.execute(
        db.select(EmployerOrganisation).where(EmployerOrganisation.neq == IMPORT_ORG_NEQ)
    ).scalar_one_or_none()
    if org is None:
        org = EmployerOrganisation(
            name=IMPORT_ORG_NAME,
            neq=IMPORT_ORG_NEQ,
            region_code=IMPORT_ORG_REGION,
            # The program's own holder of imported jobs: nothing to vet.
            vetting_status=VettingStatus.APPROVED,
        )
        db.session.add(org)
        db.session.flush()
    return org


@dataclass
class _Reference:
    occupations: dict[str, Occupation]
    regions: dict[str, Region]
    municipalities: dict[tuple[str, str], int]

    @classmethod
    def load(cls) -> "_Reference":
        occupations = db.session.execute(db.select(Occupation)).scalars()
        regions = db.session.execute(db.select(Region)).scalars()
        towns = db.session.execute(
            db.select(Municipality.id, Municipality.name, Municipality.region_code)
        )
        return cls(
            occupations={o.noc: o for o in occupations},
            regions={r.code: r for r in regions},
            municipalities={(region, fold_place(name)): mid for mid, name, region in towns},
        )


def import_exchange(document: dict, organisation: EmployerOrganisation) -> ImportReport:
    """Create or update the document's jobs (for `organisation`) and candidates, by external id."""
    _check_shape(document)
    ref = _Reference.load()
    report = ImportReport()
    with db.session.no_autoflush:
        _import_jobs(document.get("jobs") or [], organisation, ref, report)
        _import_candidates(document.get("candidates") or [], ref, report)
    db.session.flush()
    if report.created + report.updated >= BULK_ROWS:
        analyze("jobs", "candidate_profiles", "users")
    current_app.logger.info(
        "exchange import for organisation %s: %s", organisation.id, report.counts
    )
    return report


def _existing(model, ids: Iterable[str], *options) -> dict[str, Any]:
    """Load the rows of `model` with these external ids, a few hundred per query."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), _CHUNK):
        stmt = db.select(model).where(model.external_id.in_(wanted[start : start + _CHUNK]))
        for obj in db.session.execute(stmt.options(*options)).scalars():
            found[obj.external_id] = obj
    return found


def _external_id(raw: Any) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        return None
    return str(raw).strip() or None


def _start_rows(kind: str, rows: list, report: ImportReport) -> list[tuple[RowReport, dict]]:
    """Check each row's shape and id; return the rows still worth validating."""
    seen: set[str] = set()
    todo = []
    for position, raw in enumerate(rows, 1):
        row = RowReport(kind, position)
        report.rows.append(row)
        if not isinstance(raw, dict):
            row.reject("not_object")
            continue
        ext_id = _external_id(raw.get("id"))
        if ext_id is None:
            row.reject("id_missing")
            continue
        row.external_id = ext_id[:MAX_ID_LENGTH]
        if len(ext_id) > MAX_ID_LENGTH:
            row.reject("id_too_long")
            continue
        if ext_id in seen:
            row.reject("id_duplicate", id=ext_id)
            continue
        seen.add(ext_id)
        todo.append((row, raw))
    return todo


class _Checker:
    """Read typed fields from a raw row, collecting what is wrong in the row report."""

    def __init__(self, raw: dict, row: RowReport) -> None:
        self.raw = raw
        self.row = row
        self.bad_types: list[str] = []
        self.bad_levels: list[str] = []

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad_types.append(key)
            return ""
        return str(value).strip()

    def strings(self, key: str) -> list[str]:
        value = self.raw.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.bad_types.append(key)
            return []
        return list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))

    def codes(self, key: str, width: int) -> list[str]:
        """Read a list of codes, accepting numbers for them (3 for '03')."""
        value = self.raw.get(key)
        if isinstance(value, int | str) and not isinstance(value, bool):
            value = [value]
        if isinstance(value, list):
            value = [f"{v:0{width}d}" if type(v) is int else v for v in value]
        self.raw = {**self.raw, key: value}
        return self.strings(key)

    def level(self, key: str, default: int | None) -> int | None:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LEVEL:
            self.bad_levels.append(key)
            return default
        return value

    def years(self, key: str, default: int | None) -> int | None:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.row.reject("experience_invalid")
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.bad_types.append(key)
            return default
        return value

    def finish(self) -> bool:
        """Record the collected type and level errors; return True if the row is valid."""
        if self.bad_levels:
            self.row.reject("levels_invalid", level_fields=", ".join(self.bad_levels))
        if self.bad_types:
            self.row.reject("fields_invalid", fields=", ".join(self.bad_types))
        return not self.row.reasons


def _job_values(raw: dict, row: RowReport, ref: _Reference) -> dict | None:
    check = _Checker(raw, row)
    title = check.text("title")
    if not title:
        row.reject("title_missing")
    elif len(title) > MAX_TITLE_LENGTH:
        row.reject("title_too_long")
    description = check.text("description")
    lang = check.text("lang").lower() or "fr"
    if lang not in ("fr", "en"):
        check.bad_types.append("lang")
    nocs = check.codes("noc", 5)
    if not nocs:
        row.reject("noc_missing")
    elif len(nocs) > 1 or nocs[0] not in ref.occupations:
        row.reject("noc_unknown", noc="|".join(nocs))
    region = (check.codes("region", 2) or [""])[0]
    if region not in REGION_CODES:
        row.reject("region_unknown", region=region or "—")
    values = {
        "noc": nocs[0] if nocs else "",
        "region_code": region,
        "skills_required": check.strings("skills_required"),
        "skills_nice": check.strings("skills_nice"),
        "french_level_min": check.level("french_level_min", 0),
        "english_level_min": check.level("english_level_min", 0),
        "experience_years_min": check.years("experience_years_min", 0),
        "work_permit_required": check.flag("work_permit_required", True),
        f"title_{lang}": title,
        f"description_{lang}": description,
    }
    city = check.text("city")
    if not check.finish():
        return None
    values["municipality_id"] = ref.municipalities.get((region, fold_place(city))) if city else None
    if city and values["municipality_id"] is None:
        row.warn("city_unknown", city=city)
    return values


def _import_jobs(
    rows: list, organisation: EmployerOrganisation, ref: _Reference, report: ImportReport
) -> None:
    todo = _start_rows("job", rows, report)
    existing = _existing(Job, (row.external_id for row, _raw in todo))
    now = utcnow()
    # Candidates travel for these jobs: an organisation the program has not approved gets
    # drafts, which it publishes once approved (change_job_status checks it again).
    publish = organisation.is_approved
    for row, raw in todo:
        values = _job_values(raw, row, ref)
        if values is None:
            continue
        job = existing.get(row.external_id)
        if job is not None and job.organisation_id != organisation.id:
            row.reject("id_other_employer", id=row.external_id)
            continue
        if job is None:
            job = Job(
                external_id=row.external_id,
                organisation=organisation,
                status=JobStatus.PUBLISHED if publish else JobStatus.DRAFT,
                published_at=now if publish else None,
            )
            if not publish:
                row.warn("organisation_not_approved")
            db.session.add(job)
            existing[row.external_id] = job
            row.outcome = "created"
        else:
            row.outcome = "updated"
        for key, value in values.items():
            setattr(job, key, value)


def _candidate_values(raw: dict, row: RowReport, ref: _Reference) -> dict | None:
    check = _Checker(raw, row)
    nocs = check.codes("noc", 5)
    dropped = [code for code in nocs if code not in ref.occupations]
    regions = check.codes("regions", 2)
    anywhere = ANYWHERE in regions
    unknown_regions = [code for code in regions if code != ANYWHERE and code not in REGION_CODES]
    if unknown_regions:
        row.reject("regions_unknown", regions=", ".join(unknown_regions))
    status = check.text("work_status")
    known_status = status in {s.value for s in WorkStatus}
    if status and not known_status:
        row.reject(
            "work_status_unknown",
            work_status=status,
            expected=", ".join(s.value for s in WorkStatus),
        )
    values = {
        "desired_titles": check.strings("desired_titles"),
        "skills": check.strings("skills"),
        "summary": check.text("summary"),
        "french_level": check.level("french_level", None),
        "english_level": check.level("english_level", None),
        "experience_years": check.years("experience_years", None),
        "regions_anywhere": anywhere,
        "work_status": WorkStatus(status) if known_status else None,
        "occupations": [ref.occupations[code] for code in nocs if code in ref.occupations],
        "regions": [] if anywhere else [ref.regions[c] for c in regions if c in ref.regions],
    }
    if not check.finish():
        return None
    if dropped:
        row.warn("noc_dropped", nocs=", ".join(dropped))
    return values


def _import_candidates(rows: list, ref: _Reference, report: ImportReport) -> None:
    todo = _start_rows("candidate", rows, report)
    existing = _existing(
        CandidateProfile,
        (row.external_id for row, _raw in todo),
        selectinload(CandidateProfile.occupations),
        selectinload(CandidateProfile.regions),
    )
    for row, raw in todo:
        values = _candidate_values(raw, row, ref)
        if values is None:
            continue
        profile = existing.get(row.external_id)
        if profile is not None and profile.user_id is not None:
            # Once someone claimed the profile, their own edits win over a re-import.
            row.reject("profile_claimed", id=row.external_id)
            continue
        if profile is None:
            # No account and no consent: an imported profile stays private until claimed.
            profile = CandidateProfile(external_id=row.external_id, user_id=None)
            db.session.add(profile)
            existing[row.external_id] = profile
            row.outcome = "created"
        else:
            row.outcome = "updated"
        for key, value in values.items():
            setattr(profile, key, value)
