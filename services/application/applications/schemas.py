"""Request and response schemas of the application API."""

from __future__ import annotations

from flask import current_app, has_app_context
from flask_smorest.fields import Upload
from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from applications.domain import NEXT_STEPS, ApplicationStatus, Source
from applications.privacy_notice import CURRENT_VERSION, NOT_CURRENT, NOT_READ
from applications.rejections import KNOWN_REASONS
from applications.screening import CEFR_ORDER, EDUCATION_ORDER, LanguageSkill
from recruitment_shared.web.fields import EmailAddress
from recruitment_shared.web.paging import Page, PageArgs

LANGUAGE_SKILL = r"^[a-z]{2}:(" + "|".join(CEFR_ORDER) + r")$"


class ApplicationForm(Schema):
    """The form a candidate submits (multipart/form-data, with the CV as `cv`)."""

    class Meta:
        unknown = RAISE

    vacancy_id = fields.UUID(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = EmailAddress(required=True)
    phone = fields.String(
        load_default=None, validate=[validate.Length(max=26), validate.Regexp(r"^\+?[0-9 ()./-]{6,25}$")]
    )
    preferred_language = fields.String(load_default="en", validate=validate.OneOf(["nl", "fr", "en"]))
    languages = fields.List(
        fields.String(
            validate=[validate.Length(max=5), validate.Regexp(LANGUAGE_SKILL, error="Write a language as 'nl:C2'.")]
        ),
        load_default=list,
        validate=validate.Length(max=10),
        metadata={"description": "repeat the field once per language, e.g. nl:C2"},
    )
    years_of_experience = fields.Integer(required=True, validate=validate.Range(min=0, max=60))
    contract_preference = fields.String(required=True, validate=validate.OneOf(["freelance", "permanent", "either"]))
    expected_daily_rate = fields.Integer(load_default=None, validate=validate.Range(min=1, max=100_000))
    available_from = fields.Date(load_default=None)
    education_level = fields.String(
        load_default=None,
        validate=validate.OneOf(EDUCATION_ORDER),
        metadata={"description": "optional: the highest degree; screening notes one below what the vacancy asks"},
    )
    motivation = fields.String(load_default="", validate=validate.Length(max=5000))
    consent = fields.Boolean(
        required=True,
        validate=validate.Equal(True, error="We can only process an application you consent to."),
        metadata={"description": "consent to processing the application's personal data"},
    )
    privacy_notice_version = fields.String(
        required=True,
        validate=validate.Equal(CURRENT_VERSION, error=NOT_CURRENT),
        error_messages={"required": NOT_READ},
        metadata={"description": "the version of the privacy notice the candidate read (GET /privacy-notice)"},
    )
    talent_pool_consent = fields.Boolean(
        load_default=False,
        metadata={"description": "optional, separate consent to keep the profile for future vacancies"},
    )
    city = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "optional: where the candidate lives (the talent pool's city filter)"},
    )
    source = fields.String(
        load_default=Source.CAREER_SITE.value,
        validate=validate.OneOf([each.value for each in Source]),
        metadata={
            "description": "where the application came from: the career site (default), a referral, "
            "a job board, or a consultant who entered it"
        },
    )

    @validates_schema
    def one_level_per_language(self, data: dict, **_) -> None:
        codes = [skill.split(":")[0] for skill in data.get("languages", [])]
        if len(codes) != len(set(codes)):
            raise ValidationError("Give each language once.", "languages")

    @post_load
    def skills(self, data: dict, **_) -> dict:
        data["languages"] = tuple(LanguageSkill(*skill.split(":")) for skill in data["languages"])
        return data


class CvUpload(Schema):
    cv = Upload(required=True, metadata={"description": "PDF or DOCX, at most 5 MB"})


class HistoryEntrySchema(Schema):
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    at = fields.AwareDateTime()


class ConsultantHistoryEntrySchema(HistoryEntrySchema):
    actor = fields.String()
    reason = fields.String(allow_none=True)


class TalentPoolSchema(Schema):
    given_at = fields.AwareDateTime()
    withdrawn_at = fields.AwareDateTime(allow_none=True)


class CandidateApplicationSchema(Schema):
    """What the candidate sees of their own application (`self_service.OwnApplication`)."""

    id = fields.UUID(attribute="application.id")
    vacancy_id = fields.UUID(attribute="application.vacancy_id")
    name = fields.String(attribute="application.candidate.name")
    email = fields.String(attribute="application.candidate.email")
    status = fields.String(attribute="application.status")
    submitted_at = fields.AwareDateTime(attribute="application.submitted_at")
    history = fields.List(fields.Nested(HistoryEntrySchema), attribute="application.history")
    retention_days = fields.Integer(metadata={"description": "how many days after its last step it is kept"})
    kept_until = fields.AwareDateTime(metadata={"description": "when it is erased if nothing happens before"})
    talent_pool_consent = fields.Nested(
        TalentPoolSchema,
        attribute="talent_pool",
        allow_none=True,
        metadata={"description": "the consent to be kept for future vacancies, if given"},
    )


RECEIVED = "Thank you. We have sent a confirmation to the address you gave, with a link to follow your application."


class SubmittedApplicationSchema(Schema):
    """The answer to an application: the same for a new one and for an address that already applied
    (no id, no token). The candidate's personal link reaches them only by email."""

    status = fields.Constant("received", metadata={"type": "string", "enum": ["received"]})
    vacancy_id = fields.UUID()
    detail = fields.Constant(RECEIVED, metadata={"type": "string", "description": "what happens next, for people"})


class ScreeningSchema(Schema):
    passed = fields.Boolean()
    reasons = fields.List(fields.String())
    notes = fields.List(fields.String())


class CandidateDetailsSchema(Schema):
    name = fields.String()
    email = fields.String()
    phone = fields.String(allow_none=True)
    preferred_language = fields.String()
    languages = fields.Function(lambda c: [f"{skill.language}:{skill.level}" for skill in c.languages])
    years_of_experience = fields.Integer()
    contract_preference = fields.String()
    expected_daily_rate = fields.Integer(allow_none=True)
    available_from = fields.Date(allow_none=True)
    city = fields.String(allow_none=True)


class ConsultantApplicationSchema(Schema):
    """An application as the consultant works with it."""

    id = fields.UUID()
    vacancy_id = fields.UUID()
    status = fields.String()
    submitted_at = fields.AwareDateTime()
    source = fields.String(metadata={"enum": [each.value for each in Source]})
    candidate = fields.Nested(CandidateDetailsSchema)
    motivation = fields.String()
    screening = fields.Nested(ScreeningSchema, allow_none=True)
    cv = fields.Function(lambda a: {"media_type": a.cv.media_type, "size": a.cv.size} if a.cv else None)
    history = fields.List(fields.Nested(ConsultantHistoryEntrySchema))
    next_steps = fields.Function(
        lambda a: sorted(NEXT_STEPS.get(a.status, ())),
        metadata={"type": "array", "items": {"type": "string"}, "description": "the statuses it may move to now"},
    )


class ApplicationPageSchema(Page):
    items = fields.List(fields.Nested(ConsultantApplicationSchema))


class ApplicationListArgs(PageArgs):
    status = fields.String(load_default=None, validate=validate.OneOf([s.value for s in ApplicationStatus]))


class MoveSchema(Schema):
    class Meta:
        unknown = RAISE

    status = fields.String(
        required=True,
        validate=validate.OneOf([s.value for s in ApplicationStatus if s is not ApplicationStatus.WITHDRAWN]),
    )
    reason = fields.String(
        load_default=None,
        validate=validate.Length(max=2000),
        metadata={"description": "a note for the history, for staff: never in the candidate's email"},
    )
    rejection_reason = fields.String(
        load_default=None,
        validate=validate.Length(max=40),
        metadata={
            "description": "required to reject, refused otherwise: one of GET /consultant/rejection-reasons "
            "(e.g. another_candidate_chosen); it chooses the words of the candidate's email"
        },
    )
    notify_candidate = fields.Boolean(
        load_default=True, metadata={"description": "with a rejection: false sends the candidate no email"}
    )

    @validates_schema
    def a_rejection_says_why(self, data: dict, **_) -> None:
        rejecting, reason = data.get("status") == ApplicationStatus.REJECTED, data.get("rejection_reason")
        if not rejecting:
            if reason is not None:
                raise ValidationError("Only a rejection takes a rejection reason.", "rejection_reason")
            if not data.get("notify_candidate", True):
                raise ValidationError("Only a rejection may be left untold to the candidate.", "notify_candidate")
            return
        offered = offered_rejection_reasons()
        if reason is None:
            raise ValidationError(f"Say why it is rejected: one of {', '.join(offered)}.", "rejection_reason")
        if reason not in offered:
            raise ValidationError(f"Must be one of: {', '.join(offered)}.", "rejection_reason")


def offered_rejection_reasons() -> tuple[str, ...]:
    """The rejection reasons this service is configured with (REJECTION_REASONS)."""
    return current_app.extensions["rejection_reasons"] if has_app_context() else KNOWN_REASONS


class RejectionReasonsSchema(Schema):
    reasons = fields.List(
        fields.String(),
        metadata={"description": "the reasons a rejection may give, in the order to offer them (REJECTION_REASONS)"},
    )


class WithdrawSchema(Schema):
    class Meta:
        unknown = RAISE

    reason = fields.String(load_default=None, validate=validate.Length(max=2000))


class KnownVacancySchema(Schema):
    """A vacancy as this service knows it from vacancy events: may one apply to it now?"""

    id = fields.UUID()
    reference = fields.String()
    title = fields.String(allow_none=True)
    accepting_applications = fields.Function(lambda vacancy: vacancy.state == "open")
