"""Domain models, one module per domain."""

from app.models.alerts import AlertFrequency, JobAlert, JobAlertJob
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
from app.models.conversations import (
    Conversation,
    ConversationMessage,
    ConversationRead,
    MessageAttachment,
    MessageReport,
    MessageSide,
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
    InterviewRequest,
    InterviewSession,
    InterviewSlot,
    RequestStatus,
    SessionStatus,
    SlotStatus,
)
from app.models.jobs import Job, JobStatus, JobType, PermitSupport, SalaryUnit, SavedJob
from app.models.mail import OutboxMessage
from app.models.matching import ApplyInvitation, MatchNotice, MatchResult
from app.models.media import (
    LocalOrganisation,
    Testimonial,
    Video,
    VideoKind,
    VideoStatus,
)
from app.models.notifications import (
    DigestItem,
    EmailChoice,
    Notification,
    NotificationPreference,
)
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
from app.models.reports import IndicatorSnapshot
from app.models.users import Role, User, UserSession

__all__ = [
    "AlertFrequency",
    "DigestItem",
    "EmailChoice",
    "JobAlert",
    "JobAlertJob",
    "MatchNotice",
    "NotificationPreference",
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
    "Conversation",
    "ConversationMessage",
    "ConversationRead",
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
    "InterviewSession",
    "InterviewSlot",
    "Job",
    "JobStatus",
    "JobType",
    "LocalOrganisation",
    "MatchResult",
    "MembershipRole",
    "MessageAttachment",
    "MessageReport",
    "MessageSide",
    "MembershipStatus",
    "Municipality",
    "Notification",
    "IndicatorSnapshot",
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
