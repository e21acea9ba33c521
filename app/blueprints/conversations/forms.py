"""Conversation forms: a message with its attachment, a report, and the staff's decision."""

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from app.blueprints.conversations.services import (
    MESSAGE_MAX_CHARS,
    REPORT_REASON_MAX_CHARS,
    MessageData,
    check_message,
)
from app.forms import AppForm, CheckedForm
from app.i18n import number

CONVERSATION_ERRORS = {
    "message_required": _l("Write your message, or attach a file."),
    "message_too_long": LazyString(
        lambda: gettext(
            "Your message is too long: %(max)s characters at most. Shorten it, or send it in "
            "two parts.",
            max=number(MESSAGE_MAX_CHARS),
        )
    ),
    "not_allowed": _l(
        "You can write to this employer once the program has pre-qualified your application, "
        "or once you have an interview together."
    ),
    "closed": _l("This conversation is closed: the candidate's account was deleted."),
    "not_found": _l("This message no longer exists."),
    "reason_too_long": LazyString(
        lambda: gettext(
            "The reason is too long: %(max)s characters at most.",
            max=number(REPORT_REASON_MAX_CHARS),
        )
    ),
}


class MessageForm(CheckedForm):
    messages = CONVERSATION_ERRORS

    body = TextAreaField(_l("Your message"))
    attachment = FileField(
        _l("Attach a file (optional)"),
        description=_l("PDF, Word (DOCX) or image (PNG, JPEG, WebP), 5 MB at most."),
    )
    submit = SubmitField(_l("Send the message"))

    def to_data(self) -> MessageData:
        upload = self.attachment.data
        return MessageData(
            body=self.body.data or "",
            stream=upload.stream if upload else None,
            filename=upload.filename if upload else "",
        )

    def service_check(self, data: MessageData) -> None:
        check_message(data)


class ReportForm(AppForm):
    reason = TextAreaField(
        _l("Why are you reporting this message? (optional)"),
        validators=[Length(max=REPORT_REASON_MAX_CHARS)],
    )
    submit = SubmitField(_l("Report to the program team"))


class HandleReportForm(AppForm):
    submit = SubmitField(_l("Mark as handled"))
