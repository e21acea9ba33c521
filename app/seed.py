"""Idempotent loaders for reference data and the demo accounts."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from app.blueprints.auth.services import create_user, find_user_by_email
from app.extensions import db
from app.models import (
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    Municipality,
    Occupation,
    PartnerOrganisation,
    Region,
    Role,
    User,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "maillage-demo-2026"  # noqa: S105 - published demo password, dev data only


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _sync(model, key_of, rows: list[tuple[tuple, dict]], report: SeedReport) -> dict:
    """Insert missing rows and update changed ones, loading what exists in one query."""
    existing = {key_of(obj): obj for obj in db.session.execute(db.select(model)).scalars()}
    for key, values in rows:
        obj = existing.get(key)
        if obj is None:
            existing[key] = obj = model(**values)
            db.session.add(obj)
            report.created += 1
            continue
        changed = False
        for attr, value in values.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed = True
        report.updated += changed
    return existing


def seed_reference() -> dict[str, SeedReport]:
    """Load regions, municipalities, occupations and partner organisations; safe to rerun."""
    reports = {
        name: SeedReport() for name in ("regions", "municipalities", "occupations", "partners")
    }
    regions = _sync(
        Region,
        lambda r: r.code,
        [((row["code"]), dict(row)) for row in _rows("regions.csv")],
        reports["regions"],
    )
    db.session.flush()
    _sync(
        Municipality,
        lambda m: (m.name, m.region_code),
        [
            (
                (row["name"], row["region"]),
                {
                    "name": row["name"],
                    "region_code": row["region"],
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                },
            )
            for row in _rows("municipalities.csv")
        ],
        reports["municipalities"],
    )
    _sync(
        Occupation,
        lambda o: o.noc,
        [
            (
                row["noc"],
                {
                    "noc": row["noc"],
                    "title_en": row["title_en"],
                    "title_fr": row["title_fr"],
                    "title_fr_f": row.get("title_fr_f") or None,
                    "synonyms": row.get("synonyms") or "",
                },
            )
            for row in _rows("occupations.csv")
        ],
        reports["occupations"],
    )
    known = set(db.session.execute(db.select(PartnerOrganisation.code)).scalars())
    for item in json.loads((DATA_DIR / "partners.json").read_text(encoding="utf-8")):
        if item["code"] in known:
            # Admins edit partners in the portal; reseeding must not undo their changes.
            continue
        db.session.add(
            PartnerOrganisation(
                code=item["code"],
                name=item["name"],
                email=item.get("email", ""),
                phone=item.get("phone", ""),
                website=item.get("website", ""),
                description_fr=item.get("description_fr", ""),
                description_en=item.get("description_en", ""),
                regions=[regions[c] for c in item["regions"]],
            )
        )
        reports["partners"].created += 1
    db.session.flush()
    return reports


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role
    locale: str = "fr_CA"
    partner_code: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("candidat@demo.maillage.example", "Amina Diallo", Role.CANDIDATE),
    DemoAccount("candidate@demo.maillage.example", "Carlos Mendoza", Role.CANDIDATE, "en_CA"),
    DemoAccount("employeur@demo.maillage.example", "Julie Tremblay", Role.EMPLOYER),
    DemoAccount(
        "promis@demo.maillage.example", "Karim Benali", Role.PARTNER, partner_code="promis"
    ),
    DemoAccount(
        "collectif@demo.maillage.example", "Sophie Gagnon", Role.PARTNER, partner_code="collectif"
    ),
    DemoAccount("alpa@demo.maillage.example", "Marc-André Roy", Role.PARTNER, partner_code="alpa"),
    DemoAccount("personnel@demo.maillage.example", "Isabelle Côté", Role.STAFF),
    DemoAccount("admin@demo.maillage.example", "Louis Bergeron", Role.ADMIN),
)

DEMO_EMPLOYER = {
    "name": "Fromagerie du Lac inc.",
    "neq": "1170000017",
    "region": "02",
    "city": "Alma",
}


def seed_demo() -> list[User]:
    """Create the demo accounts of every role (password DEMO_PASSWORD); safe to rerun."""
    seed_reference()
    created = []
    for account in DEMO_ACCOUNTS:
        if find_user_by_email(account.email):
            continue
        partner = None
        if account.partner_code:
            partner = db.session.execute(
                db.select(PartnerOrganisation).filter_by(code=account.partner_code)
            ).scalar_one()
        user = create_user(
            account.email,
            DEMO_PASSWORD,
            account.full_name,
            account.role,
            account.locale,
            partner=partner,
            verified=True,
        )
        if account.role == Role.EMPLOYER:
            _attach_demo_employer(user)
        created.append(user)
    db.session.flush()
    return created


def _attach_demo_employer(user: User) -> None:
    org = db.session.execute(
        db.select(EmployerOrganisation).filter_by(neq=DEMO_EMPLOYER["neq"])
    ).scalar_one_or_none()
    if org is None:
        city = db.session.execute(
            db.select(Municipality).filter_by(
                name=DEMO_EMPLOYER["city"], region_code=DEMO_EMPLOYER["region"]
            )
        ).scalar_one_or_none()
        org = EmployerOrganisation(
            name=DEMO_EMPLOYER["name"],
            neq=DEMO_EMPLOYER["neq"],
            region_code=DEMO_EMPLOYER["region"],
            municipality=city,
        )
        db.session.add(org)
    db.session.add(
        EmployerMembership(
            user=user, organisation=org, role=MembershipRole.OWNER, status=MembershipStatus.ACTIVE
        )
    )
