"""Program staff: bulk import of jobs and candidates (exchange format, JSON or CSV)."""

from flask_babel import gettext as _
from wtforms import SelectChoice

from app import importing
from app.blueprints.staff import bp
from app.blueprints.staff import services as svc
from app.blueprints.staff.import_forms import ImportForm
from app.models import Role
from app.rendering import render
from app.security import role_required
from app.uow import attempt


def _import_form() -> ImportForm:
    """Build the import form with the employer organisations to choose from."""
    form = ImportForm()
    organisations = svc.employer_organisations()
    form.organisation.choices = [SelectChoice("", _("Imported jobs (no particular employer)"))]
    form.organisation.choices += [SelectChoice(str(oid), name) for oid, name in organisations]
    return form


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.STAFF)
def import_data():
    """Import jobs and candidates from a file and show what became of each row."""
    form = _import_form()
    report = None
    if form.validate_on_submit():
        try:
            document = importing.read_document(form.file.data.read(), form.kind.data)
        except importing.ExchangeFormatError as err:
            form.file.errors.append(err.message)
        else:
            organisation_id = int(form.organisation.data) if form.organisation.data else None
            report = attempt(form, {}, _import, document, organisation_id).value
    return render("staff/import.html", block="import", form=form, report=report)


def _import(document, organisation_id: int | None):
    """Import the document's rows for the chosen employer (or the import organisation)."""
    return importing.import_exchange(document, svc.import_organisation(organisation_id))
