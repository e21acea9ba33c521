"""Privacy tests reuse the funding journey: a candidate invited by a Saguenay employer."""

import io
from datetime import timedelta

import pytest

from app.blueprints.candidates.services import store_cv
from app.blueprints.followup.services import add_note, ensure_case_file
from app.blueprints.funding import services as funding
from app.clock import today as program_today
from app.extensions import db
from app.models import FundingMessage
from tests.funding.conftest import Flow, flow  # noqa: F401 (the fixture)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def rich(flow: Flow):  # noqa: F811
    """The flow's candidate with a CV, a paid request (receipt, note, messages), a cancelled
    request, a case-file note and notifications."""
    profile = flow.candidate.candidate_profile
    store_cv(profile, io.BytesIO(PDF), "cv-amina.pdf")
    paid = flow.submit(note="Je partirai tôt le matin.")
    depart = paid.depart_on
    funding.ask_for_information(paid, flow.promis, ["Votre permis de conduire"], None)
    funding.answer_item(paid, paid.info_items[0].id, "Permis du Québec 123")
    funding.send_answers(paid, flow.candidate)
    funding.approve(paid, flow.promis, paid.requested_cents, "", None)
    funding.add_receipt(paid, flow.candidate, io.BytesIO(PDF), "recu-essence.pdf", depart)
    # A message of the request's own thread, from before messages moved to the case file.
    paid.messages.append(FundingMessage(author_id=flow.candidate.id, body="Merci pour votre aide."))
    funding.mark_paid(paid, flow.promis, depart, paid.requested_cents, "VIR-2026-001", None)
    cancelled = flow.submit(depart_on=depart + timedelta(days=14), note="Deuxième visite")
    funding.cancel(cancelled, flow.candidate)
    case = ensure_case_file(profile, "02")
    add_note(case, flow.promis, "Cherche un logement à Chicoutimi.")
    db.session.commit()
    return flow, paid, cancelled, case


def later(days: int):
    return program_today() + timedelta(days=days)
