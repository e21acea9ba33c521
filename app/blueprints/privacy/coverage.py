"""Which tables hold personal data, and what the data download and the erasure do with each.

Every table with a foreign key to `users` or `candidate_profiles` (directly, or through a parent
table) is named here; tests/privacy/test_coverage.py fails when a new one is not.
- EXPORTED: `export.collect_data` puts its rows about the person in data.json;
- ERASED: `erasure.erase_account` deletes its rows, or blanks their personal content;
- EXEMPT: neither, for the reason given.
"""

EXPORTED = frozenset(
    {
        "candidate_profiles",
        "candidate_occupations",
        "candidate_regions",
        "applications",
        "application_events",
        "interview_requests",
        "interview_slots",
        "site_visits",
        "funding_requests",
        "funding_info_items",
        "funding_messages",
        "funding_receipts",
        "case_files",
        "case_steps",
        "check_ins",
        "employer_memberships",
        "notifications",
        "consent_records",
        "human_review_requests",
        "saved_jobs",
        "job_alerts",
        "job_alert_jobs",  # under each alert: the jobs it sent
        "notification_preferences",
        "digest_items",
        "match_notices",
        "conversations",  # a candidate's whole conversations; others get the messages they wrote
        "conversation_messages",
        "message_attachments",
        "message_reports",  # the reports the person made
        "interview_availability",  # the candidate's Friday availability
        "audit_events",  # the access log: who consulted the person's file
        # Sign-in sessions: their times, never the token hash. Erasure ends every open one and
        # keeps the times for security.
        "user_sessions",
    }
)

ERASED = frozenset(
    {
        "candidate_profiles",  # blanked, the row stays so that references hold
        "candidate_occupations",
        "candidate_regions",
        "applications",  # free text blanked, open ones withdrawn
        "application_events",  # notes blanked
        "interview_requests",  # pending proposals declined
        "interview_slots",  # candidate's note blanked, future slots cancelled
        "interview_availability",  # the candidate's ranges deleted
        "interview_changes",  # the reasons the person gave blanked
        "site_visits",  # message blanked
        "match_results",
        "apply_invitations",  # which employer invited the profile: deleted
        "saved_jobs",
        "job_alerts",
        "job_alert_jobs",
        "notification_preferences",
        "digest_items",
        "match_notices",
        "conversation_messages",  # the person's own: text blanked, author removed
        "message_attachments",  # the person's own: files deleted
        "conversation_reads",
        "message_reports",  # the reporter's name removed; the report stays for moderation
        "funding_requests",  # deleted, or anonymised when money was committed
        "funding_info_items",
        "funding_messages",
        "funding_receipts",
        "case_files",
        "case_notes",
        "check_ins",  # comments blanked
        "employer_memberships",
        "employer_invitations",  # those sent to the person's address
        "notifications",
        "consent_records",
        "human_review_requests",
    }
)

EXEMPT = {
    "funding_policies": "program rules; the user is the staff member who published them",
    "incident_reports": (
        "the register Law 25 requires the program to keep; the user is the staff member who "
        "recorded the incident"
    ),
    "interview_sessions": "an employer's interview day; the user is the person who organised it",
    "interview_nudges": (
        "which reminders were sent before a session's deadline (ids only), so each goes once"
    ),
    "freed_slots": (
        "a time left free in an employer's Friday schedule and whom it is offered to; no "
        "personal content (the request it points to is handled with interview_requests)"
    ),
    "videos": "the regional video library; the user is its author (program or partner staff)",
    "employer_organisations": (
        "an employer's public profile; the user is the staff member who vetted it (the decision "
        "is also in the audit log)"
    ),
    "jobs": (
        "an organisation's postings; linked to a user only through the staff member who vetted "
        "the organisation"
    ),
    "testimonials": "attached to a library video, not to an account; linked only via its uploader",
}
