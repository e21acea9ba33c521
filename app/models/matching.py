"""Stored match results, recomputed when a job or a profile changes."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.candidates import CandidateProfile
from app.models.jobs import Job


class MatchResult(db.Model):
    __tablename__ = "match_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE")
    )
    score: Mapped[int] = mapped_column(SmallInteger)
    eligible: Mapped[bool]
    # Points per factor.
    components: Mapped[dict] = mapped_column(JSON, default=dict)
    # The reasons shown with the match ({'code', 'params'} with both languages' labels, rendered
    # in the viewer's language), stored by the recompute for the rows a page shows first; None
    # until derived (the page then derives and stores them once: app/blueprints/matching).
    # (SQL NULL, not JSON 'null', until derived: nothing to encode for the million rows of a
    # full recompute.)
    reasons: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    job: Mapped[Job] = relationship()
    candidate: Mapped[CandidateProfile] = relationship()

    __table_args__ = (
        UniqueConstraint("job_id", "candidate_id", name="uq_match_job_candidate"),
        Index("ix_match_job_rank", "job_id", "eligible", "score"),
        Index("ix_match_candidate_rank", "candidate_id", "eligible", "score"),
    )


class ApplyInvitation(db.Model):
    """An employer invited a matched (anonymised) candidate to apply: once per job and candidate."""

    __tablename__ = "apply_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE")
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("job_id", "candidate_id", name="uq_apply_invitation_job_candidate"),
    )


class MatchNotice(db.Model):
    """A new-match notice already sent: once per job, candidate and audience (candidate or
    employer)."""

    __tablename__ = "match_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_profiles.id", ondelete="CASCADE")
    )
    audience: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("job_id", "candidate_id", "audience", name="uq_match_notice"),
    )
