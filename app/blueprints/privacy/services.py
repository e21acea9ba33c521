"""Privacy (Québec Law 25): consents, the data download, erasure, retention, reviews, incidents.

Each part lives in its own module; this one keeps `services.X` working for every caller.
"""

from app.blueprints.privacy.consents import (
    CANDIDATE_PURPOSES,
    consent_history,
    current_consents,
    set_consent,
    update_account,
)
from app.blueprints.privacy.erasure import (
    can_self_delete,
    delete_own_account,
    erase_account,
)
from app.blueprints.privacy.export import (
    access_log,
    collect_data,
    disclosures,
    export_data,
)
from app.blueprints.privacy.incidents import (
    IncidentData,
    list_incidents,
    save_incident,
)
from app.blueprints.privacy.policy import (
    KEPT_FUNDING,
    RETENTION,
    PrivacyError,
    Retention,
)
from app.blueprints.privacy.retention import (
    PurgeReport,
    _months_before,
    purge,
)
from app.blueprints.privacy.reviews import (
    answer_review,
    request_review,
    review_queue,
    review_requests_of,
)

__all__ = [
    "disclosures",
    "CANDIDATE_PURPOSES",
    "IncidentData",
    "KEPT_FUNDING",
    "PrivacyError",
    "PurgeReport",
    "RETENTION",
    "Retention",
    "_months_before",
    "access_log",
    "answer_review",
    "can_self_delete",
    "collect_data",
    "consent_history",
    "current_consents",
    "delete_own_account",
    "erase_account",
    "export_data",
    "list_incidents",
    "purge",
    "request_review",
    "review_queue",
    "review_requests_of",
    "save_incident",
    "set_consent",
    "update_account",
]
