"""Record who saw or changed personal data (Québec Law 25)."""

from flask import current_app

from app.extensions import db
from app.models import AuditEvent, User


def record_event(
    actor: User | None, action: str, subject_type: str, subject_id: int, **detail
) -> None:
    """Add an entry to the audit log (flushed with the request's transaction)."""
    db.session.add(
        AuditEvent(
            actor_id=actor.id if actor is not None else None,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail,
        )
    )
    current_app.logger.info(
        "audit: %s %s %s#%s", actor.id if actor else "-", action, subject_type, subject_id
    )
