"""Program staff: bulk import of jobs and candidates (exchange format, JSON or CSV)."""

from flask_babel import gettext as _
from wtforms import SelectChoice

from app import importing
from app.blueprints.staff import bp
from app.blueprints.staff.import_forms import ImportForm
from app.extensions import db
from app.models import EmployerOrganisation, Role
from app.rendering import render
from app.security import role_required


def _import_form() -> ImportForm:
    form = ImportForm()
    organisations = db.session.execute(
        db.select(EmployerOrganisation.id, EmployerOrganisation.name).order_by(
            EmployerOrganisation.name, EmployerOrganisation.id
        )
    )
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
            org = (
                db.session.get(EmployerOrganisation, int(form.organisation.data))
                if form.organisation.data
                else importing.get_import_organisation()
            )
            report = importing.import_exchange(document, org)
            db.session.commit()
    return render("staff/import.html", block="import", form=form, report=report)
