"""The one mail service: SMTP when configured, otherwise the outbox table."""

import smtplib
from email.message import EmailMessage

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from jinja2_fragments.flask import render_block

from app.extensions import db
from app.models import OutboxMessage


def send_mail(
    to: str,
    template: str,
    locale: str,
    attachments: list[dict] | None = None,
    headers: dict[str, str] | None = None,
    **context,
) -> OutboxMessage:
    """Render a mail in the recipient's language, record it and send it if SMTP is configured.

    `headers` are extra mail headers (the one-click unsubscribe of app.notify.mail_footer).
    Links to the portal in the body and headers point to the recipient's language's addresses.
    """
    from app.urls import localise_links

    name = f"emails/{template}.txt"
    with force_locale(locale):
        subject_text = render_block(name, "subject", **context).strip()
        body = render_block(name, "body", **context).strip() + "\n"
    # Links are built with French addresses; the recipient gets the pages in their language.
    lang = locale[:2]
    body = localise_links(body, lang)
    headers = {key: localise_links(value, lang) for key, value in (headers or {}).items()}
    server = current_app.config.get("MAIL_SERVER")
    message = OutboxMessage(
        recipient=to,
        subject=subject_text,
        body=body,
        locale=locale,
        transport="smtp" if server else "outbox",
        attachments=attachments or [],
        headers=dict(headers or {}),
    )
    db.session.add(message)
    db.session.flush()
    if server:
        from app.tasks import enqueue_after_commit

        # With Redis, a worker sends it after the commit and retries; without, it goes now.
        enqueue_after_commit(deliver_mail, message.id)
    else:
        # No address, name or link in the log: the mail itself waits in the outbox table.
        current_app.logger.info("mail %s (%s) kept in the outbox", message.id, template)
    return message


def _send_smtp(message: OutboxMessage) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    for name, value in (message.headers or {}).items():
        email[name] = value
    email.set_content(message.body)
    for item in message.attachments or []:
        maintype, subtype = item["mime"].split("/", 1)
        email.add_attachment(
            item["text"].encode(), maintype=maintype, subtype=subtype, filename=item["name"]
        )
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(email)


def deliver_mail(message_id: int) -> None:
    """Send one recorded mail over SMTP, unless it was sent already (idempotent; an RQ job)."""
    from app.models.base import utcnow

    message = db.session.get(OutboxMessage, message_id, with_for_update=True)
    if message is None or message.sent_at is not None:
        return
    _send_smtp(message)
    message.sent_at = utcnow()


# ---------------------------------------------------------------- reading the outbox


def recent_messages(limit: int = 10, to: str = "") -> list[OutboxMessage]:
    """The latest mails recorded (sent or kept in the outbox), newest first."""
    stmt = db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if to:
        stmt = stmt.where(OutboxMessage.recipient == to.strip().lower())
    return list(db.session.execute(stmt).scalars())


mail_cli = AppGroup("mail", help="Read the mail the portal wrote (the outbox table).")


@mail_cli.command("show")
@click.option("--last", is_flag=True, help="Also print the latest mail in full, with its links.")
@click.option("--to", default="", help="Only the mail sent to this address.")
@click.option("--limit", type=click.IntRange(1, 500), default=10, help="How many to list.")
def show_mail_cmd(last: bool, to: str, limit: int) -> None:
    """List the latest mails: id, time, recipient, subject (no SMTP or sqlite3 needed)."""
    messages = recent_messages(limit, to)
    if not messages:
        click.echo("no mail yet")
        return
    for message in messages:
        when = message.created_at.strftime("%Y-%m-%d %H:%M") if message.created_at else ""
        click.echo(f"#{message.id}  {when}  {message.recipient}  {message.subject}")
    if last:
        message = messages[0]
        click.echo("")
        click.echo(f"To: {message.recipient}")
        click.echo(f"Subject: {message.subject}")
        click.echo("")
        click.echo(message.body.rstrip())
