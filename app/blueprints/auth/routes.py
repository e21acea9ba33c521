"""Sign-up, sign-in, sign-out, email verification and password reset."""

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import sessions
from app.blueprints.auth import bp, two_factor
from app.blueprints.auth import services as svc
from app.blueprints.auth.forms import (
    ACCOUNT_ERRORS,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
    SignupForm,
    TwoFactorForm,
)
from app.blueprints.regions.services import municipality_choices, region_choices
from app.extensions import db, limiter
from app.i18n import normalise_locale
from app.models import User
from app.models.base import utcnow
from app.rendering import render
from app.security import (
    auth_rate_limit,
    failed_attempt,
    login_account_key,
    login_account_limit,
    login_address_limit,
)
from app.uow import attempt
from app.urls import safe_next


def _signup_form() -> SignupForm:
    """Build the sign-up form with its region and municipality choices."""
    form = SignupForm()
    form.region.choices = region_choices(str(get_locale()), _("Choose a region"))
    form.municipality.choices = municipality_choices(form.region.data, _("Choose a municipality"))
    return form


PENDING_SIGNUP = "pending_signup"


def _create_account(form: SignupForm) -> User | None:
    """Create the account the form describes (None if the address already has one).

    Nobody is signed in here: the confirmation link signs the new account in, in this browser.
    """
    if svc.find_user_by_email(form.email.data):
        svc.warn_of_signup_attempt(form.email.data, form.password.data)
        return None
    args = (form.email.data, form.password.data, form.full_name.data, str(get_locale()))
    if form.account_type.data == "candidate":
        user = svc.register_candidate(*args)
    else:
        employer = svc.EmployerData(
            organisation_name=form.organisation_name.data,
            neq=form.neq.data,
            region_code=form.region.data,
            municipality_id=int(form.municipality.data) if form.municipality.data else None,
            address=form.address.data or "",
            phone=form.phone.data or "",
        )
        user = svc.register_employer(*args, employer)
    return user


@bp.route("/inscription", methods=["GET", "POST"])
@limiter.limit(auth_rate_limit, methods=["POST"])
def signup():
    """Create a candidate or employer account."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = _signup_form()
    if form.validate_on_submit() and (done := attempt(form, ACCOUNT_ERRORS, _create_account, form)):
        # The same answer whether the address had an account or not (no enumeration).
        if done.value is not None:
            session[PENDING_SIGNUP] = done.value.id
        session["signup_email"] = svc.normalise_email(form.email.data)
        return redirect(url_for("auth.check_email"), 303)
    return render("auth/signup.html", form=form)


@bp.get("/inscription/courriel")
def check_email():
    """After signing up: "check your email", with the address typed (kept in the session)."""
    email = session.get("signup_email") or abort(404)
    return render("auth/check_email.html", email=email)


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(login_address_limit, methods=["POST"], deduct_when=failed_attempt)
@limiter.limit(
    login_account_limit, methods=["POST"], key_func=login_account_key, deduct_when=failed_attempt
)
def login():
    """Sign in with email and password, then the second factor when the account has one."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = svc.authenticate(form.email.data, form.password.data)
        if user is None or not user.active:
            form.password.errors.append(
                _("Email or password is incorrect, or the account is inactive.")
            )
        else:
            target = safe_next(request.args.get("next"))
            if user.has_two_factor:
                # Nothing is signed in yet: the code page finishes the sign-in.
                now = utcnow().timestamp()
                session["pending_2fa"] = {"uid": user.id, "at": now, "next": target}
                return redirect(url_for("auth.login_code"), 303)
            attempt(None, {}, _sign_in, user, two_factor_done=False)
            if two_factor.required_for(user):
                return redirect(url_for("account.two_factor_setup"), 303)
            return redirect(target or url_for("main.dashboard"), 303)
    return render("auth/login.html", form=form)


PENDING_SECONDS = 300


def _pending_user() -> User | None:
    """Return the user waiting for their second factor, if still in time."""
    pending = session.get("pending_2fa") or {}
    if utcnow().timestamp() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("uid") or 0)
    return user if user is not None and user.active and user.has_two_factor else None


@bp.route("/connexion/code", methods=["GET", "POST"])
@limiter.limit(login_address_limit, methods=["POST"], deduct_when=failed_attempt)
@limiter.limit(
    login_account_limit, methods=["POST"], key_func=login_account_key, deduct_when=failed_attempt
)
def login_code():
    """Finish the sign-in with a code from the authentication app or a recovery code."""
    user = _pending_user()
    if user is None:
        session.pop("pending_2fa", None)
        flash(_("Sign in again: the code was not given in time."), "info")
        return redirect(url_for("auth.login"), 303)
    form = TwoFactorForm()
    if form.validate_on_submit():
        if two_factor.check_code(user, form.code.data):
            target = session.pop("pending_2fa", {}).get("next")
            attempt(None, {}, _sign_in, user, two_factor_done=True)
            return redirect(target or url_for("main.dashboard"), 303)
        form.code.errors.append(_("This code is not valid, or was already used. Try the next one."))
    return render("auth/login_code.html", form=form)


def _sign_in(user, two_factor_done: bool) -> None:
    """Start the user's session in the language chosen most recently."""
    # The language chosen most recently wins, and the account keeps it for emails.
    chosen = normalise_locale(session.get("lang"))
    if chosen:
        user.locale = chosen
    session["lang"] = user.locale
    sessions.start(user, two_factor_done)


@bp.post("/deconnexion")
@login_required
def logout():
    """Sign out: the session ends on the server too (the language choice is kept)."""
    attempt(None, {}, sessions.end)
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"), 303)


@bp.get("/courriel/verifier/<token>")
def verify_email(token: str):
    """Confirm an email address from the mailed link."""
    user = attempt(None, {}, svc.verify_email, token).value
    if user is None:
        flash(
            _("This confirmation link is invalid or has expired. Sign in to get a new one."),
            "error",
        )
        return redirect(url_for("auth.login"), 303)
    if not current_user.is_authenticated and session.get(PENDING_SIGNUP) == user.id:
        # Opened in the browser that signed up: that is the person who chose the password.
        session.pop(PENDING_SIGNUP)
        session.pop("signup_email", None)
        attempt(None, {}, sessions.start, user, False)
        flash(_("Welcome! Your email address is confirmed."), "success")
        return redirect(url_for("main.dashboard"), 303)
    flash(_("Thank you, your email address is confirmed."), "success")
    return redirect(
        url_for("main.dashboard" if current_user.is_authenticated else "auth.login"), 303
    )


@bp.post("/courriel/renvoyer")
@login_required
@limiter.limit(auth_rate_limit)
def resend_verification():
    """Send the confirmation link again."""
    if not current_user.email_verified:
        attempt(None, {}, svc.send_verification_email, current_user)
    flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("main.dashboard"), 303)


@bp.route("/mot-de-passe/oubli", methods=["GET", "POST"])
@limiter.limit(auth_rate_limit, methods=["POST"])
def forgot_password():
    """Ask for a password reset link."""
    form = ForgotPasswordForm()
    if form.validate_on_submit() and attempt(form, {}, svc.request_password_reset, form.email.data):
        flash(
            _("If an account uses this address, we just sent it a link. It is valid for one hour."),
            "info",
        )
        return redirect(url_for("auth.login"), 303)
    return render("auth/forgot_password.html", form=form)


@bp.route("/mot-de-passe/reinitialiser/<token>", methods=["GET", "POST"])
@limiter.limit(auth_rate_limit, methods=["POST"])
def reset_password(token: str):
    """Choose a new password from the mailed link."""
    user = svc.user_for_reset_token(token)
    if user is None:
        flash(_("This reset link is invalid, already used or expired. Ask for a new one."), "error")
        return redirect(url_for("auth.forgot_password"), 303)
    form = ResetPasswordForm()
    if form.validate_on_submit() and attempt(form, {}, _reset_password, user, form.password.data):
        flash(_("Your password has been changed. You can now sign in."), "success")
        return redirect(url_for("auth.login"), 303)
    return render("auth/reset_password.html", form=form, token=token)


def _reset_password(user: User, password: str) -> None:
    """Set the new password and sign out this browser if it was signed in."""
    svc.reset_password(user, password)
    if current_user.is_authenticated:
        sessions.end()
