"""Every table that holds personal data is exported, erased, or exempt for a stated reason."""

from app.blueprints.privacy import coverage
from app.extensions import db

SUBJECTS = {"users", "candidate_profiles"}


def _personal_tables() -> set[str]:
    personal: set[str] = set()
    grew = True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            if table.name in personal or table.name in SUBJECTS - {"candidate_profiles"}:
                continue
            parents = {fk.column.table.name for fk in table.foreign_keys}
            if parents & (SUBJECTS | personal):
                personal.add(table.name)
                grew = True
    return personal


def test_every_personal_table_is_exported_erased_or_exempt(app):
    named = coverage.EXPORTED | coverage.ERASED | set(coverage.EXEMPT)
    missing = sorted(_personal_tables() - named)
    assert missing == [], "name these tables in app/blueprints/privacy/coverage.py"


def test_the_registry_names_only_real_tables_and_exempts_with_a_reason(app):
    tables = {t.name for t in db.metadata.sorted_tables}
    named = coverage.EXPORTED | coverage.ERASED | set(coverage.EXEMPT)
    assert named <= tables
    assert not set(coverage.EXEMPT) & (coverage.EXPORTED | coverage.ERASED)
    assert all(reason.strip() for reason in coverage.EXEMPT.values())


def test_a_site_visit_is_in_the_download_and_its_message_goes_at_erasure(rich):
    from app.blueprints.privacy import services as svc
    from app.models import SiteVisit
    from tests.privacy.test_services import _zip

    flow = rich[0]
    visit = SiteVisit(
        application=flow.application,
        message="Venez visiter l’usine mardi.",
        proposed_by_id=flow.employer.id,
    )
    db.session.add(visit)
    db.session.commit()

    data, _archive = _zip(svc.export_data(flow.candidate))
    [application] = data["applications"]
    assert application["site_visit"]["message"] == "Venez visiter l’usine mardi."

    svc.erase_account(flow.candidate)
    db.session.commit()
    assert db.session.get(SiteVisit, visit.id).message == ""
