"""Marshmallow schemas of the integration events' `data`, per event and version.

Rules: additive changes within a version, a new version for anything breaking, and
consumers ignore unknown fields (every schema loads with `unknown = EXCLUDE`).
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
WORKPLACES = ("on_site", "hybrid", "remote")
CLOSE_REASONS = ("filled", "cancelled", "expired")


class EventData(Schema):
    """Base of every event payload: tolerant of fields added by newer producers."""

    class Meta:
        unknown = EXCLUDE


class Consultant(EventData):
    name = fields.String(required=True)
    email = fields.Email(required=True)
    title = fields.String(load_default=None, allow_none=True)
    # The consultant's preferred language (nl, fr or en), from their token's `locale`: the language of
    # their emails. None: not known (older events too); a consumer maps anything else to its default.
    language = fields.String(load_default=None, allow_none=True)


class LanguageRequirement(EventData):
    language = fields.String(required=True, validate=validate.Length(equal=2))
    level = fields.String(required=True, validate=validate.OneOf(CEFR_LEVELS))
    hard_requirement = fields.Boolean(required=True)


class FreelanceTerms(EventData):
    daily_rate = fields.Integer(required=True, validate=validate.Range(min=0))
    currency = fields.String(required=True, validate=validate.Length(equal=3))


class PermanentTerms(EventData):
    salary_min = fields.Integer(load_default=None, allow_none=True)
    salary_max = fields.Integer(load_default=None, allow_none=True)
    currency = fields.String(load_default="EUR")


class ContractTerms(EventData):
    freelance = fields.Nested(FreelanceTerms, load_default=None, allow_none=True)
    permanent = fields.Nested(PermanentTerms, load_default=None, allow_none=True)


class VacancySnapshot(EventData):
    """Everything other services use of a published vacancy, so that none of them calls back."""

    vacancy_id = fields.UUID(required=True)
    reference = fields.String(required=True)
    title = fields.String(required=True)
    role_type = fields.String(load_default=None, allow_none=True)
    category = fields.String(load_default=None, allow_none=True)
    tags = fields.List(fields.String(), load_default=list)
    city = fields.String(required=True)
    region = fields.String(load_default=None, allow_none=True)
    workplace = fields.String(required=True, validate=validate.OneOf(WORKPLACES))
    contract_terms = fields.Nested(ContractTerms, required=True)
    languages = fields.List(fields.Nested(LanguageRequirement), required=True)
    education_levels = fields.List(fields.String(), load_default=list)  # secondary, bachelor, master, doctorate
    experience_min_years = fields.Integer(required=True)
    experience_max_years = fields.Integer(load_default=None, allow_none=True)
    start_date = fields.Date(load_default=None, allow_none=True)  # None means "as soon as possible"
    end_date = fields.Date(load_default=None, allow_none=True)
    closes_on = fields.Date(load_default=None, allow_none=True)
    content_language = fields.String(required=True)
    consultant = fields.Nested(Consultant, required=True)
    published_at = fields.AwareDateTime(required=True)


class VacancyPublished(VacancySnapshot):
    """A vacancy became open for applications."""


class VacancyUpdated(VacancySnapshot):
    """A published vacancy changed; carries the full new snapshot, not a diff."""

    updated_at = fields.AwareDateTime(required=True)


class VacancyClosed(EventData):
    """A vacancy no longer takes applications."""

    vacancy_id = fields.UUID(required=True)
    reference = fields.String(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(CLOSE_REASONS))
    closed_at = fields.AwareDateTime(required=True)


class Candidate(EventData):
    name = fields.String(required=True)
    email = fields.Email(required=True)
    phone = fields.String(load_default=None, allow_none=True)
    preferred_language = fields.String(load_default=None, allow_none=True)  # nl, fr or en: for emails


class ScreeningResult(EventData):
    passed = fields.Boolean(required=True)
    reasons = fields.List(fields.String(), load_default=list)  # unmet hard requirements
    notes = fields.List(fields.String(), load_default=list)


class ApplicationFacts(EventData):
    """What every application event carries, so notification needs no call back."""

    application_id = fields.UUID(required=True)
    vacancy_id = fields.UUID(required=True)
    vacancy_reference = fields.String(required=True)
    vacancy_title = fields.String(required=True)
    consultant = fields.Nested(Consultant, required=True)
    candidate = fields.Nested(Candidate, required=True)


class ApplicationSubmittedV2(ApplicationFacts):
    """A candidate applied; carries the screening against the vacancy's hard requirements.

    No link or token: the notification service signs the candidate's link when it sends the email."""

    motivation = fields.String(load_default="")
    screening = fields.Nested(ScreeningResult, load_default=None, allow_none=True)
    submitted_at = fields.AwareDateTime(required=True)


class ApplicationSubmittedV1(ApplicationSubmittedV2):
    """Version 1, as released: it also carried the candidate's self-service token, which no
    producer sends any more (it leaked wherever the event went). Kept to read older events."""

    candidate_token = fields.String(load_default=None, allow_none=True)


class CandidateAddress(EventData):
    email = fields.Email(required=True)
    preferred_language = fields.String(load_default=None, allow_none=True)  # nl, fr or en: for emails


class ApplicationRepeated(EventData):
    """Someone applied again with the address of an existing application to the same vacancy.

    Only what the email to the address's owner needs ("you already applied; here is your link"):
    nothing about the new submission, which may not be the owner's."""

    application_id = fields.UUID(required=True)  # the existing application
    vacancy_reference = fields.String(required=True)
    vacancy_title = fields.String(required=True)
    candidate = fields.Nested(CandidateAddress, required=True)  # as the existing application holds it


class ApplicationStatusChanged(ApplicationFacts):
    """A consultant moved an application through the pipeline."""

    from_status = fields.String(required=True)
    to_status = fields.String(required=True)
    reason = fields.String(load_default=None, allow_none=True)
    changed_by = fields.String(required=True)
    changed_at = fields.AwareDateTime(required=True)
    # A rejection's reason from the configured list (REJECTION_REASONS, e.g. another_candidate_chosen,
    # vacancy_closed): it chooses the words of the candidate's email. `reason` stays the staff's note.
    rejection_reason = fields.String(load_default=None, allow_none=True)
    # False when the consultant chose not to email the candidate about this step (a rejection).
    notify_candidate = fields.Boolean(load_default=True)
    # Set when scheduling this interview moved the application: its invitation tells the candidate.
    interview_id = fields.UUID(load_default=None, allow_none=True)


class ApplicationWithdrawn(ApplicationFacts):
    """The candidate withdrew their application."""

    from_status = fields.String(required=True)
    reason = fields.String(load_default=None, allow_none=True)
    withdrawn_at = fields.AwareDateTime(required=True)


class InterviewFacts(ApplicationFacts):
    """An interview of an application as its invitations show it: what an email and an RFC 5545
    invitation need, and never a staff note or a scorecard."""

    interview_id = fields.UUID(required=True)  # the invitations' UID
    sequence = fields.Integer(required=True, validate=validate.Range(min=0))  # the invitations' SEQUENCE
    starts_at = fields.AwareDateTime(required=True)
    duration_minutes = fields.Integer(required=True, validate=validate.Range(min=1))
    time_zone = fields.String(required=True)  # IANA name (Europe/Brussels): the zone the invitation shows
    location = fields.String(load_default=None, allow_none=True)  # an address, for an interview on site
    video_link = fields.String(load_default=None, allow_none=True)
    interviewers = fields.List(fields.String(), load_default=list)  # names


class InterviewScheduled(InterviewFacts):
    """A consultant scheduled an interview (sequence 0)."""

    scheduled_by = fields.String(required=True)
    scheduled_at = fields.AwareDateTime(required=True)


class InterviewRescheduled(InterviewFacts):
    """An interview moved, or its place or interviewers changed; carries the new plan, a higher sequence."""

    previous_starts_at = fields.AwareDateTime(required=True)
    rescheduled_by = fields.String(required=True)
    rescheduled_at = fields.AwareDateTime(required=True)


class InterviewCancelled(InterviewFacts):
    """An interview was called off; carries the plan it had, with a higher sequence."""

    cancelled_by = fields.String(required=True)
    cancelled_at = fields.AwareDateTime(required=True)


ERASURE_REQUESTERS = ("candidate", "admin", "retention")


class CandidateErased(EventData):
    """The application service erased one application of a candidate (CV, answers, history); every
    other service erases its copies of what concerned it. One event per application, keyed by the
    application id, so it follows that application's other events in their partition.

    It carries no personal data: the application id, and, when the candidate or an admin asked to
    erase everything of an address, a keyed hash of that address (recruitment_shared.privacy), by
    which receivers find what they hold for the address beyond applications (job alerts)."""

    erasure_id = fields.UUID(required=True)  # one request may erase several applications
    application_id = fields.UUID(required=True)
    candidate_key = fields.String(load_default=None, allow_none=True)  # set: erase all of the address
    requested_by = fields.String(required=True, validate=validate.OneOf(ERASURE_REQUESTERS))
    erased_at = fields.AwareDateTime(required=True)
