"""Domain models, one module per domain."""

from app.models.applications import (
    Actor,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    DeclineReason,
    SiteVisit,
    SiteVisitStatus,
)
from app.models.audit import AuditEvent
from app.models.candidates import (
    CandidateProfile,
    CredentialRecognition,
    EducationLevel,
    Household,
    WorkStatus,
)
from app.models.followup import CaseFile, CaseNote, CaseStep, CaseStepRecord, CheckIn
from app.models.funding import (
    FundingInfoItem,
    FundingMessage,
    FundingPolicy,
    FundingReceipt,
    FundingRequest,
    FundingStatus,
    TravelMode,
)
from app.models.interviews import (
    AvailabilityParty,
    InterviewAvailability,
    InterviewRequest,
    InterviewSession,
    InterviewSlot,
    RequestStatus,
    SessionStatus,
    SlotStatus,
)
from app.models.jobs import Job, JobStatus, JobType, PermitSupport, SalaryUnit, SavedJob
from app.models.mail import OutboxMessage
from app.models.matching import ApplyInvitation, MatchResult
from app.models.media import (
    LocalOrganisation,
    Testimonial,
    Video,
    VideoKind,
    VideoStatus,
)
from app.models.notifications import Notification
from app.models.orgs import (
    EmployerInvitation,
    EmployerMembership,
    EmployerOrganisation,
    MembershipRole,
    MembershipStatus,
    OrganisationSize,
    PartnerOrganisation,
    partner_regions,
)
from app.models.privacy import (
    ConsentPurpose,
    ConsentRecord,
    HumanReviewRequest,
    IncidentReport,
    ReviewStatus,
)
from app.models.reference import Municipality, Occupation, Region
from app.models.users import Role, User, UserSession

__all__ = [
    "Actor",
    "Application",
    "ApplyInvitation",
    "ApplicationEvent",
    "ApplicationStatus",
    "AuditEvent",
    "CandidateProfile",
    "CaseFile",
    "CaseNote",
    "CaseStep",
    "CaseStepRecord",
    "CheckIn",
    "ConsentPurpose",
    "ConsentRecord",
    "CredentialRecognition",
    "DeclineReason",
    "EducationLevel",
    "EmployerInvitation",
    "EmployerMembership",
    "EmployerOrganisation",
    "FundingInfoItem",
    "FundingMessage",
    "FundingPolicy",
    "FundingReceipt",
    "FundingRequest",
    "FundingStatus",
    "Household",
    "HumanReviewRequest",
    "IncidentReport",
    "InterviewRequest",
    "InterviewAvailability",
    "AvailabilityParty",
    "InterviewSession",
    "InterviewSlot",
    "Job",
    "JobStatus",
    "JobType",
    "LocalOrganisation",
    "MatchResult",
    "MembershipRole",
    "MembershipStatus",
    "Municipality",
    "Notification",
    "PermitSupport",
    "SavedJob",
    "Occupation",
    "OrganisationSize",
    "OutboxMessage",
    "PartnerOrganisation",
    "Region",
    "RequestStatus",
    "ReviewStatus",
    "Role",
    "SalaryUnit",
    "SessionStatus",
    "SiteVisit",
    "SiteVisitStatus",
    "SlotStatus",
    "Testimonial",
    "TravelMode",
    "User",
    "UserSession",
    "Video",
    "VideoKind",
    "VideoStatus",
    "WorkStatus",
    "partner_regions",
]
