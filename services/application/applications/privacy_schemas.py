"""Request and response schemas of the privacy endpoints: the notice, erasure, export."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields

from applications.domain import CANDIDATE
from applications.schemas import CandidateDetailsSchema, ScreeningSchema, TalentPoolSchema
from recruitment_shared.web.fields import EmailAddress


class PrivacyNoticeSchema(Schema):
    """A version of the privacy notice, its text (Markdown) per language."""

    version = fields.String()
    texts = fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": "nl, fr and en"})


class ErasureSchema(Schema):
    """What an erasure did: counts per kind, never whose."""

    erasure_id = fields.UUID(allow_none=True, metadata={"description": "none when there was nothing to erase"})
    requested_by = fields.String()
    erased_at = fields.AwareDateTime()
    erased = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "rows per kind"})
    broker_copies_expire_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "when the last earlier event about the candidate leaves Kafka"}
    )


class AdminErasureRequest(Schema):
    class Meta:
        unknown = RAISE

    email = EmailAddress(required=True, metadata={"description": "every application of this address is erased"})


class ConsentSchema(TalentPoolSchema):
    purpose = fields.String()
    notice_version = fields.String()


class ExportedStepSchema(Schema):
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    at = fields.AwareDateTime()
    by = fields.Function(lambda step: CANDIDATE if step.actor == CANDIDATE else "consultant")
    reason = fields.String(allow_none=True)


class ExportedVacancySchema(Schema):
    id = fields.UUID()
    reference = fields.String()
    title = fields.String(allow_none=True)


class ExportedApplicationSchema(Schema):
    """One application with everything stored about it (`self_service.OwnApplication`)."""

    id = fields.UUID(attribute="application.id")
    vacancy_id = fields.UUID(attribute="application.vacancy_id")
    vacancy = fields.Nested(ExportedVacancySchema, allow_none=True)
    status = fields.String(attribute="application.status")
    submitted_at = fields.AwareDateTime(attribute="application.submitted_at")
    candidate = fields.Nested(CandidateDetailsSchema, attribute="application.candidate")
    motivation = fields.String(attribute="application.motivation")
    screening = fields.Nested(ScreeningSchema, attribute="application.screening", allow_none=True)
    cv = fields.Function(
        lambda own: (
            {"media_type": own.application.cv.media_type, "size": own.application.cv.size}
            if own.application.cv
            else None
        ),
        metadata={"description": "the file itself: GET /candidate/applications/{token}/cv/{id}"},
    )
    history = fields.List(fields.Nested(ExportedStepSchema), attribute="application.history")
    source = fields.String(attribute="application.source")
    cv_text = fields.String(
        attribute="application.cv_text",
        allow_none=True,
        metadata={"description": "the text read from the CV at upload, kept for the talent-pool search"},
    )
    consents = fields.List(fields.Nested(ConsentSchema))
    retention_days = fields.Integer()
    kept_until = fields.AwareDateTime()


class CandidateExportSchema(Schema):
    """Everything the application service holds about the address of the candidate's link."""

    exported_at = fields.AwareDateTime()
    applications = fields.List(fields.Nested(ExportedApplicationSchema))
