"""CLI groups: flask seed, flask users, flask translate; and flask import."""

from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from flask import Flask
from flask.cli import AppGroup

from app.clock import today as program_today
from app.extensions import db
from app.models import PartnerOrganisation, Role

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = ROOT / "messages.pot"
SOURCE_LOCALE = "en_CA"  # msgids are written in English; fr_CA is translated by hand.

seed_cli = AppGroup("seed", help="Load reference and demo data.")
users_cli = AppGroup("users", help="Manage accounts.")
translate_cli = AppGroup("translate", help="Extract, update and compile the catalogs.")
jobs_cli = AppGroup("jobs", help="Job maintenance.")
match_cli = AppGroup("match", help="The matching engine.")
interviews_cli = AppGroup("interviews", help="Friday interviews.")
followup_cli = AppGroup("followup", help="Partner follow-up of candidates.")
privacy_cli = AppGroup("privacy", help="Privacy (Law 25): the retention policy.")
reports_cli = AppGroup("reports", help="Program indicators.")
alerts_cli = AppGroup("alerts", help="Job alerts (candidates' saved searches).")
notifications_cli = AppGroup("notifications", help="Notification emails.")


@alerts_cli.command("send")
def alerts_send_cmd() -> None:
    """Send each due job alert the jobs published since its last run (run every few minutes)."""
    from app.blueprints.alerts.services import send_alerts
    from app.models.base import utcnow

    sent = send_alerts(utcnow())
    db.session.commit()
    click.echo(f"{sent} alert email(s) sent")


@notifications_cli.command("send-digests")
def send_digests_cmd() -> None:
    """Send each person who chose a daily digest their pending notifications (run daily)."""
    from app.notify import send_digests

    sent = send_digests()
    db.session.commit()
    click.echo(f"{sent} digest(s) sent")


@privacy_cli.command("purge")
def privacy_purge_cmd() -> None:
    """Warn, then erase inactive candidates, and drop expired funding records (run daily)."""
    from app.blueprints.privacy.services import purge

    report = purge()
    db.session.commit()
    click.echo(
        f"{report.warned} warning(s) sent, {report.erased} account(s) erased, "
        f"{report.funding_deleted} funding record(s) deleted"
    )


@followup_cli.command("send-reminders")
def followup_reminders_cmd() -> None:
    """Remind advisors of due contacts and candidates of due check-ins (run daily from cron)."""
    from app.blueprints.followup.services import send_reminders
    from app.clock import today

    sent = send_reminders(today())
    db.session.commit()
    click.echo(f"{sent} reminder(s) sent")


@interviews_cli.command("send-reminders")
def send_reminders_cmd() -> None:
    """Remind both sides 24 h and 1 h before their interviews, nudge employers (48 h) and
    candidates (24 h) before a session's deadline, and expire the proposals left unanswered at
    the deadline, telling the employer (run every few minutes from cron)."""
    from app.blueprints.interviews.services import (
        expire_due_requests,
        send_nudges,
        send_reminders,
    )
    from app.models.base import utcnow

    now = utcnow()
    sent = send_reminders(now)
    nudged = send_nudges(now)
    expired = expire_due_requests()
    db.session.commit()
    click.echo(
        f"{sent} reminder(s) sent, {nudged} deadline nudge(s) sent, {expired} proposal(s) expired"
    )


@match_cli.command("rank")
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Keep the K best candidates per job (0 keeps them all).",
)
@click.option(
    "--lang", type=click.Choice(["fr", "en"]), default="en", help="Language of the reasons."
)
def match_rank_cmd(input_path: str, top: int | None, lang: str) -> None:
    """Rank the candidates of an exchange-format document for each of its jobs (no database)."""
    import json
    import sys

    from app.matching.exchange import rank_document

    with open(input_path, encoding="utf-8") as fh:
        document = json.load(fh)
    json.dump(rank_document(document, top=top or None, lang=lang), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


@match_cli.command("recompute")
@click.option("--job", "job_id", type=int, help="Recompute one job.")
@click.option("--candidate", "candidate_id", type=int, help="Recompute one candidate profile.")
@click.option("--all", "everything", is_flag=True, help="Recompute every open job.")
@click.option(
    "--batch",
    type=click.IntRange(1, 10_000),
    default=None,
    help="With --all: queue the jobs in batches of this size for the RQ workers "
    "(with REDIS_URL; 250 by default there), instead of one pass in this process.",
)
def match_recompute_cmd(
    job_id: int | None, candidate_id: int | None, everything: bool, batch: int | None
) -> None:
    """Recompute the stored match results."""
    from flask import current_app

    from app.blueprints.matching import services
    from app.models import CandidateProfile, Job

    if sum(map(bool, (job_id, candidate_id, everything))) != 1:
        raise click.UsageError("give exactly one of --job ID, --candidate ID or --all")
    if everything and (batch or current_app.config.get("REDIS_URL")):
        count = services.split_recompute_all(batch or 250)
        db.session.commit()
        where = "queued for the workers" if current_app.config.get("REDIS_URL") else "run here"
        click.echo(f"{count} batches of jobs {where}")
        return
    if everything:
        count = services.recompute_all()
    elif job_id:
        job = db.session.get(Job, job_id) or _missing("job", job_id)
        count = services.recompute_job(job)
    else:
        profile = db.session.get(CandidateProfile, candidate_id) or _missing(
            "candidate", candidate_id
        )
        count = services.recompute_candidate(profile)
    db.session.commit()
    click.echo(f"{count} match results stored")


def _missing(kind: str, object_id: int):
    raise click.ClickException(f"no {kind} with id {object_id}")


@jobs_cli.command("close-expired")
def close_expired_cmd() -> None:
    """Close published jobs whose closing date has passed (run daily, e.g. from cron)."""

    from app.blueprints.jobs.services import close_expired_jobs, remind_expiring_jobs

    closed = close_expired_jobs(program_today())
    reminded = remind_expiring_jobs(program_today())
    db.session.commit()
    click.echo(f"{closed} job(s) closed, {reminded} employer reminder(s) sent")


@reports_cli.command("refresh")
def reports_refresh_cmd() -> None:
    """Compute the indicators' default views ahead (every 10 minutes, cron)."""
    from app.blueprints.reports.services import refresh_indicators, region_codes
    from app.clock import today

    count = refresh_indicators(today(), region_codes())
    db.session.commit()
    click.echo(f"{count} indicator views computed")


@seed_cli.command("reference")
def seed_reference_cmd() -> None:
    """Load regions, municipalities, occupations and partners (idempotent)."""
    from app.seed import seed_reference

    reports = seed_reference()
    db.session.commit()
    for name, report in reports.items():
        click.echo(f"{name}: {report}")


@seed_cli.command("demo")
@click.option(
    "--candidates", type=click.IntRange(min=0), default=0, help="Generated candidates to reach."
)
@click.option("--jobs", type=click.IntRange(min=0), default=0, help="Generated jobs to reach.")
@click.option("--small", is_flag=True, help="Only the demo accounts' small set, no program year.")
def seed_demo_cmd(candidates: int, jobs: int, small: bool) -> None:
    """Create the demo accounts listed in the README and a program year around them (unless
    --small), plus generated data at scale (idempotent)."""
    from app.seed import DEMO_PASSWORD, seed_demo

    created = seed_demo(program_year=not small)
    db.session.commit()
    for user in created:
        click.echo(f"created {user.role.value}: {user.email}")
    if candidates or jobs:
        from app.seed_scale import seed_scale

        report = seed_scale(candidates, jobs)
        db.session.commit()
        click.echo(f"scale data: {report}")
    click.echo(f"demo accounts ready (password: {DEMO_PASSWORD})")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--partner", "partner_code", help="Partner organisation code (promis, collectif, alpa)."
)
@click.option("--locale", type=click.Choice(["fr_CA", "en_CA"]), default="fr_CA")
def users_create_cmd(email, full_name, role, password, partner_code, locale) -> None:
    """Create an account (partner, staff and admin accounts are made this way or in the portal)."""
    from app.blueprints.auth.services import AccountError, create_user

    partner = None
    if partner_code:
        partner = db.session.execute(
            db.select(PartnerOrganisation).filter_by(code=partner_code)
        ).scalar_one_or_none()
        if partner is None:
            raise click.ClickException(f"unknown partner organisation: {partner_code}")
    try:
        user = create_user(
            email, password, full_name, Role(role), locale, partner=partner, verified=True
        )
    except AccountError as err:
        raise click.ClickException(f"{err.field}: {err.code}") from err
    db.session.commit()
    click.echo(f"created {user.role.value} {user.email} (id {user.id})")


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


@translate_cli.command("extract")
def translate_extract() -> None:
    """Extract messages from the code and templates into messages.pot."""
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        "-o",
        str(POT),
        "--no-location",
        "--sort-output",
        str(ROOT / "app"),
    )


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, merge into both catalogs, and fill English from the English msgids."""
    translate_extract.callback()
    _pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    fill_source_catalog()
    POT.unlink(missing_ok=True)


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the .po catalogs into .mo files."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


def fill_source_catalog() -> None:
    """Copy English msgids into the en_CA catalog, whose text is the source text itself."""
    path = TRANSLATIONS / SOURCE_LOCALE / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=SOURCE_LOCALE)
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)


def register_cli(app: Flask) -> None:
    """Attach the CLI groups to the application."""
    app.cli.add_command(import_cmd)
    app.cli.add_command(seed_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(translate_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(match_cli)
    app.cli.add_command(interviews_cli)
    app.cli.add_command(followup_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(reports_cli)
    app.cli.add_command(alerts_cli)
    app.cli.add_command(notifications_cli)
    from app.mail import mail_cli

    app.cli.add_command(mail_cli)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--employer", "neq", help="NEQ of the organisation that owns the imported jobs.")
@click.option(
    "--kind",
    type=click.Choice(["jobs", "candidates"]),
    help="What a CSV file holds (JSON files need no kind).",
)
@click.option("--locale", type=click.Choice(["fr_CA", "en_CA"]), default="en_CA")
def import_cmd(file: Path, neq: str | None, kind: str | None, locale: str) -> None:
    """Import jobs and candidates from an exchange-format JSON (or CSV) file, by external id."""
    from flask_babel import force_locale

    from app.importing import (
        ExchangeFormatError,
        get_import_organisation,
        import_exchange,
        read_document,
    )
    from app.models import EmployerOrganisation

    with force_locale(locale):
        if neq:
            org = db.session.execute(
                db.select(EmployerOrganisation).where(EmployerOrganisation.neq == neq)
            ).scalar_one_or_none()
            if org is None:
                raise click.ClickException(f"no employer organisation with NEQ {neq}")
        else:
            org = get_import_organisation()
        try:
            report = import_exchange(read_document(file.read_bytes(), kind), org)
        except ExchangeFormatError as err:
            raise click.ClickException(err.message) from err
        db.session.commit()
        for row in report.rows:
            ident = row.external_id or f"#{row.position}"
            click.echo(f"{row.kind}\t{ident}\t{row.outcome}")
            for message in row.reason_messages + row.warning_messages:
                click.echo(f"    {message}")
        counts = report.counts
        click.echo(
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['rejected']} rejected (jobs belong to {org.name}, NEQ {org.neq})"
        )
