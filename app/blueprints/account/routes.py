"""The signed-in user's account page and notification centre."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app import sessions
from app.audit import record_event
from app.blueprints.account import bp
from app.blueprints.auth import services as auth_svc
from app.blueprints.auth import two_factor
from app.blueprints.auth.forms import (
    ACCOUNT_ERRORS,
    ChangeEmailForm,
    ChangePasswordForm,
    DisableTwoFactorForm,
    RecoveryCodesForm,
    TimezoneForm,
    TwoFactorForm,
)
from app.models.base import utcnow
from app.notify import list_notifications, mark_all_read, render_notification
from app.rendering import render
from app.uow import attempt


@bp.get("/")
@login_required
def index():
    """Show the account's details and preferences."""
    form = TimezoneForm(timezone=current_user.timezone)
    return render("account/index.html", user=current_user, timezone_form=form)


@bp.post("/fuseau-horaire")
@login_required
def timezone():
    """Set the time zone the person reads interview times in."""
    form = TimezoneForm()
    if form.validate_on_submit() and attempt(
        form, ACCOUNT_ERRORS, auth_svc.set_timezone, current_user, form.timezone.data
    ):
        flash(_("Your time zone is saved."), "success")
        return redirect(url_for("account.index"), 303)
    return render("account/index.html", user=current_user, timezone_form=form)


def _security_page(status=200, **forms):
    user = current_user
    return render(
        "account/security.html",
        status=status,
        user=user,
        password_form=forms.get("password_form") or ChangePasswordForm(prefix="pw"),
        email_form=forms.get("email_form") or ChangeEmailForm(prefix="em"),
        disable_form=forms.get("disable_form") or DisableTwoFactorForm(prefix="off"),
        codes_form=forms.get("codes_form") or RecoveryCodesForm(prefix="rc"),
        two_factor_required=two_factor.required_for(user),
        open_sessions=sessions.open_sessions(user),
        this_session=sessions.current(),
    )


@bp.get("/securite")
@login_required
def security():
    """Sign-in and security: password, email, two-step verification, open sessions."""
    return _security_page()


@bp.post("/securite/mot-de-passe")
@login_required
def change_password():
    """Change the password (the current one is asked again); other sessions end."""
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit() and attempt(
        form,
        ACCOUNT_ERRORS,
        auth_svc.change_password,
        current_user,
        form.current_password.data,
        form.password.data,
    ):
        flash(_("Your password is changed. Your other sessions are ended."), "success")
        return redirect(url_for("account.security"), 303)
    return _security_page(422, password_form=form)


@bp.post("/securite/courriel")
@login_required
def change_email():
    """Change the email address (the password is asked again); the new one must be confirmed."""
    form = ChangeEmailForm(prefix="em")
    if form.validate_on_submit() and attempt(
        form,
        ACCOUNT_ERRORS,
        auth_svc.change_email,
        current_user,
        form.current_password.data,
        form.email.data,
    ):
        flash(_("Your email address is changed. Confirm it with the link we sent."), "success")
        return redirect(url_for("account.security"), 303)
    return _security_page(422, email_form=form)


@bp.post("/securite/sessions")
@login_required
def end_other_sessions():
    """End every other session of this account (another browser, a lost phone)."""
    attempt(None, {}, sessions.end_others, current_user)
    flash(_("Your other sessions are ended."), "success")
    return redirect(url_for("account.security"), 303)


@bp.route("/securite/deux-etapes", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    """Turn on two-step verification: scan, type the first code, keep the recovery codes."""
    if current_user.has_two_factor:
        return redirect(url_for("account.security"), 303)
    # The secret waits on the account (never in the cookie) until a first code proves it.
    secret = current_user.totp_secret or two_factor.new_secret()
    if current_user.totp_secret != secret:
        # Saved at once (not after the view): a refused first code answers 422 and keeps it.
        attempt(None, {}, setattr, current_user, "totp_secret", secret)
    form = TwoFactorForm()
    if form.validate_on_submit():
        codes = attempt(form, {}, _enable_two_factor, secret, form.code.data).value
        if codes is not None:
            return render("account/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors.append(
            _("This code is not valid. Check the time of your phone and try the next one.")
        )
    uri = two_factor.provisioning_uri(current_user, secret)
    return render(
        "account/two_factor_setup.html",
        status=422 if form.errors else 200,
        form=form,
        secret=secret,
        qr=Markup(two_factor.qr_svg(uri)),  # noqa: S704 - segno's own SVG, no user input
        required=two_factor.required_for(current_user),
    )


def _enable_two_factor(secret: str, code: str) -> list[str] | None:
    """Turn on two-step verification if the code proves the secret; return the recovery codes."""
    codes = two_factor.enable(current_user, secret, code)
    if codes is not None:
        record = sessions.current()
        if record is not None:
            record.two_factor_at = utcnow()
        record_event(current_user, "account.two_factor_on", "user", current_user.id)
    return codes


def _disable_two_factor() -> None:
    """Turn off two-step verification and record it."""
    two_factor.disable(current_user)
    record_event(current_user, "account.two_factor_off", "user", current_user.id)


def _password_confirmed(form) -> bool:
    """Re-authentication: the current password typed in the form, or an error on that field."""
    try:
        auth_svc.check_current_password(current_user, form.current_password.data)
    except auth_svc.AccountError as err:
        form.current_password.errors.append(ACCOUNT_ERRORS[err.code])
        return False
    return True


@bp.post("/securite/deux-etapes/desactiver")
@login_required
def two_factor_disable():
    """Turn off two-step verification (the password is asked again), unless the role needs it."""
    form = DisableTwoFactorForm(prefix="off")
    if two_factor.required_for(current_user):
        abort(403)
    if (
        form.validate_on_submit()
        and _password_confirmed(form)
        and attempt(form, ACCOUNT_ERRORS, _disable_two_factor)
    ):
        flash(_("Two-step verification is off."), "info")
        return redirect(url_for("account.security"), 303)
    return _security_page(422, disable_form=form)


@bp.post("/securite/codes")
@login_required
def recovery_codes():
    """Replace the recovery codes (the password is asked again) and show the new ones once."""
    form = RecoveryCodesForm(prefix="rc")
    if form.validate_on_submit() and current_user.has_two_factor and _password_confirmed(form):
        codes = attempt(form, ACCOUNT_ERRORS, two_factor.new_recovery_codes, current_user).value
        return render("account/recovery_codes.html", codes=codes, first_time=False)
    return _security_page(422, codes_form=form)


@bp.get("/notifications")
@login_required
def notifications():
    """List the user's notifications, newest first, in their language."""
    return render(
        "account/notifications.html",
        notes=list_notifications(current_user),
        text=render_notification,
    )


@bp.post("/notifications/lues")
@login_required
def read_notifications():
    """Mark every notification as read."""
    attempt(None, {}, mark_all_read, current_user)
    flash(_("All your notifications are marked as read."), "info")
    return redirect(url_for("account.notifications"), 303)
