"""Form of the bulk import page."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import SelectChoice, SelectField, SubmitField

from app.forms import AppForm

IMPORT_MAX_BYTES = 10 * 1024 * 1024


class ImportForm(AppForm):
    file = FileField(
        _l("File to import"),
        validators=[
            FileRequired(_l("Choose a JSON or CSV file.")),
            FileSize(IMPORT_MAX_BYTES, message=_l("The file is too large: 10 MB at most.")),
        ],
        description=_l(
            "A JSON document in the exchange format, or a CSV file whose first line names the "
            "fields (lists separated by |). UTF-8, 10 MB at most."
        ),
        render_kw={"accept": ".json,.csv,application/json,text/csv"},
    )
    kind = SelectField(
        _l("Content of a CSV file"),
        choices=[SelectChoice("jobs", _l("Jobs")), SelectChoice("candidates", _l("Candidates"))],
        default="jobs",
        description=_l("Ignored for a JSON file, which names its jobs and candidates."),
    )
    organisation = SelectField(
        _l("Employer of the imported jobs"),
        choices=[],
        description=_l(
            "Jobs already imported for another employer are left unchanged. Without a choice, "
            "the jobs go to the organisation “Postes importés / Imported jobs”."
        ),
    )
    submit = SubmitField(_l("Import"))
