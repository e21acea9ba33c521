"""Conversations: candidates, employers and partner advisors write; staff moderate."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.audit import record_event
from app.blueprints.applications.services import get_employer_application
from app.blueprints.conversations import bp
from app.blueprints.conversations import services as svc
from app.blueprints.conversations.forms import (
    CONVERSATION_ERRORS,
    HandleReportForm,
    MessageForm,
    ReportForm,
)
from app.blueprints.followup.services import candidate_case, get_partner_case
from app.extensions import db
from app.forms import arg_int
from app.models import Application, Role
from app.rendering import is_htmx_fragment_request, render
from app.security import role_required
from app.storage import send_stored_file
from app.uow import attempt, write_on_read

PARTICIPANTS = (Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER)
bp.add_app_template_global(svc.render_body, "render_message")


@bp.get("/messages")
@role_required(*PARTICIPANTS, Role.STAFF)
def index():
    """The user's conversations (staff: everyone's latest, for moderation)."""
    if side := svc.side_of(current_user):
        return render(
            "conversations/index.html", rows=svc.list_conversations(current_user), side=side
        )
    return render("conversations/index.html", conversations=svc.all_conversations(), side=None)


def _application(application_id: int) -> Application | None:
    if current_user.role == Role.EMPLOYER:
        return get_employer_application(current_user.organisation, application_id)
    application = db.session.get(Application, application_id)
    profile = current_user.candidate_profile
    return (
        application if profile and application and application.candidate_id == profile.id else None
    )


@bp.post("/messages/candidatures/<int:application_id>")
@role_required(Role.CANDIDATE, Role.EMPLOYER)
def open_for_application(application_id: int):
    """Open (or reopen) the conversation about an application, if the two sides may talk."""
    application = _application(application_id) or abort(404)
    outcome = attempt(None, CONVERSATION_ERRORS, svc.open_with_employer, application)
    if outcome or outcome.duplicate:  # a double click: the other click opened it
        conversation = outcome.value or svc.open_with_employer(application)
        return redirect(url_for("conversations.show", conversation_id=conversation.id), 303)
    if current_user.role == Role.EMPLOYER:
        return redirect(
            url_for("applications.employer_application", application_id=application.id), 303
        )
    return redirect(url_for("applications.mine"), 303)


@bp.post("/messages/dossiers/<int:case_id>")
@role_required(Role.CANDIDATE, Role.PARTNER)
def open_for_case(case_id: int):
    """Open the conversation of a case file: the candidate and their partner advisors."""
    if current_user.role == Role.CANDIDATE:
        case = candidate_case(current_user.candidate_profile)
        case = case if case is not None and case.id == case_id else abort(404)
    else:
        case = get_partner_case(current_user, case_id) or abort(404)
    outcome = attempt(None, CONVERSATION_ERRORS, svc.open_on_case, case)
    conversation = outcome.value or svc.open_on_case(case)  # a double click: the other opened it
    return redirect(url_for("conversations.show", conversation_id=conversation.id), 303)


def _page(conversation, status=200, form=None, moderation=False):
    messages = svc.thread(conversation)
    after = arg_int("after", 0)
    if is_htmx_fragment_request():
        messages = [m for m in messages if m.id > after]
    return render(
        "conversations/show.html",
        block="new_messages",
        status=status,
        conversation=conversation,
        messages=messages,
        last_id=max([after] + [m.id for m in messages]),
        form=form or MessageForm(),
        moderation=moderation,
        side=svc.side_of(current_user),
    )


def _conversation(conversation_id: int):
    return svc.get_conversation(current_user, conversation_id) or abort(404)


@bp.get("/messages/<int:conversation_id>")
@role_required(*PARTICIPANTS)
def show(conversation_id: int):
    """A conversation; htmx polls it for the messages after `after` (no page reload)."""
    conversation = _conversation(conversation_id)
    write_on_read("the read mark moves to the last message shown")
    svc.mark_read(conversation, current_user)
    return _page(conversation)


@bp.post("/messages/<int:conversation_id>")
@role_required(*PARTICIPANTS)
def send(conversation_id: int):
    """Send a message, with an optional attachment, to the other side."""
    conversation = _conversation(conversation_id)
    form = MessageForm()
    if form.validate_on_submit() and attempt(
        form, CONVERSATION_ERRORS, svc.post_message, conversation, current_user, form.to_data()
    ):
        flash(_("Your message is sent."), "success")
        return redirect(url_for("conversations.show", conversation_id=conversation.id), 303)
    return _page(conversation, 422, form=form)


@bp.get("/messages/<int:conversation_id>/fichiers/<int:attachment_id>")
@role_required(*PARTICIPANTS, Role.STAFF)
def attachment(conversation_id: int, attachment_id: int):
    """Send an attachment to the participants, and to staff moderating (logged)."""
    if svc.side_of(current_user) is None:
        conversation = svc.get_any_conversation(conversation_id) or abort(404)
    else:
        conversation = _conversation(conversation_id)
    item = svc.get_attachment(conversation, attachment_id) or abort(404)
    if svc.side_of(current_user) is None:
        write_on_read("an attachment opened for moderation is written to the access log")
        record_event(
            current_user,
            "conversation.attachment_moderated",
            "conversation",
            conversation.id,
            purpose="moderation",
            attachment=item.id,
        )
    return send_stored_file(item.file_key, item.mime, download_name=item.filename)


@bp.post("/messages/<int:conversation_id>/signaler/<int:message_id>")
@role_required(*PARTICIPANTS)
def report(conversation_id: int, message_id: int):
    """Report a message of the conversation to the program team."""
    conversation = _conversation(conversation_id)
    form = ReportForm(prefix=f"r{message_id}")
    if not form.validate_on_submit():
        flash(CONVERSATION_ERRORS["reason_too_long"], "error")
    else:
        outcome = attempt(
            None,
            CONVERSATION_ERRORS,
            svc.report_message,
            conversation,
            message_id,
            current_user,
            form.reason.data or "",
        )
        if not outcome and outcome.error.code == "not_found":
            abort(404)  # a message of another conversation
        if outcome:
            flash(_("Thank you. The program team will look at this message."), "success")
    return redirect(url_for("conversations.show", conversation_id=conversation.id), 303)


# ---------------------------------------------------------------- staff moderation


@bp.get("/programme/messages/<int:conversation_id>")
@role_required(Role.STAFF)
def moderate(conversation_id: int):
    """Read any conversation for moderation; each reading is written to the access log."""
    conversation = svc.get_any_conversation(conversation_id) or abort(404)
    write_on_read("audited read")
    svc.record_moderation_read(conversation, current_user)
    return _page(conversation, moderation=True)


@bp.get("/programme/signalements")
@role_required(Role.STAFF)
def reports():
    """The reported messages waiting for a decision, oldest first."""
    return render("conversations/reports.html", reports=svc.open_reports(), form=HandleReportForm())


@bp.post("/programme/signalements/<int:report_id>")
@role_required(Role.STAFF)
def handle_report(report_id: int):
    """Mark a report as handled."""
    if HandleReportForm().validate_on_submit():
        outcome = attempt(None, CONVERSATION_ERRORS, svc.handle_report, report_id, current_user)
        if not outcome and outcome.error.code == "not_found":
            abort(404)
        if outcome:
            flash(_("The report is marked as handled."), "success")
    return redirect(url_for("conversations.reports"), 303)
