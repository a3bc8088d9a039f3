"""Request and response schemas of the talent pool (search, suggestions) and the pipeline reports."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from applications.domain import Source
from applications.schemas import LANGUAGE_SKILL, CandidateDetailsSchema
from applications.screening import LanguageSkill
from applications.talent_pool import CONTRACT_FILTERS, PoolFilters
from recruitment_shared.web.fields import EmailAddress
from recruitment_shared.web.paging import Page, PageArgs


class PoolSearchArgs(PageArgs):
    """The pool's filters, all optional, combined (every one must hold)."""

    q = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "words in the motivation or the CV, e.g. PRINCE2 Antwerpen; quotes for a phrase"},
    )
    language = fields.List(
        fields.String(
            validate=[validate.Length(max=5), validate.Regexp(LANGUAGE_SKILL, error="Write a language as 'nl:C1'.")]
        ),
        load_default=list,
        validate=validate.Length(max=5),
        metadata={"description": "a language at this CEFR level or better, e.g. nl:C1; repeat for several"},
    )
    min_years = fields.Integer(
        load_default=None, validate=validate.Range(min=0, max=60), metadata={"description": "years of experience"}
    )
    contract = fields.String(
        load_default=None,
        validate=validate.OneOf(CONTRACT_FILTERS),
        metadata={"description": "candidates who want this contract, or either"},
    )
    max_daily_rate = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "candidates expecting at most this daily rate (or stating none)"},
    )
    available_by = fields.Date(
        load_default=None, metadata={"description": "candidates available on this date (or stating no date)"}
    )
    city = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "where the candidate lives, whatever its case"},
    )

    @validates_schema
    def one_level_per_language(self, data: dict, **_) -> None:
        codes = [skill.split(":")[0] for skill in data.get("language", [])]
        if len(codes) != len(set(codes)):
            raise ValidationError("Give each language once.", "language")

    @post_load
    def filters(self, data: dict, **_) -> PoolFilters:
        languages = tuple(LanguageSkill(*skill.split(":")) for skill in data.pop("language"))
        return PoolFilters(text=data.pop("q"), languages=languages, **data)


class PoolApplicationSchema(Schema):
    id = fields.UUID()
    vacancy_id = fields.UUID()
    vacancy_reference = fields.String(allow_none=True)
    vacancy_title = fields.String(allow_none=True)
    vacancy_consultant = fields.String(allow_none=True, metadata={"description": "the vacancy's consultant"})
    vacancy_consultant_email = fields.String(allow_none=True)
    status = fields.String()
    source = fields.String()
    submitted_at = fields.AwareDateTime()


class PoolCandidateSchema(Schema):
    """One person of the pool: their newest pooled answers and all their pooled applications."""

    candidate = fields.Nested(CandidateDetailsSchema)
    application_id = fields.UUID(metadata={"description": "the application whose answers are shown"})
    submitted_at = fields.AwareDateTime()
    applications = fields.List(fields.Nested(PoolApplicationSchema))
    excerpt = fields.String(
        allow_none=True,
        metadata={"description": "with q, on PostgreSQL: where the words occur, each between « and »"},
    )


class PoolPageSchema(Page):
    items = fields.List(fields.Nested(PoolCandidateSchema))


class ReasonSchema(Schema):
    kind = fields.String(metadata={"enum": ["language", "tag", "experience", "daily_rate", "availability", "contract"]})
    hard = fields.Boolean(metadata={"description": "a hard requirement of the vacancy"})
    met = fields.Boolean()
    text = fields.String(metadata={"description": "the reason in English"})
    details = fields.Dict(
        keys=fields.String(),
        metadata={"description": "what the vacancy asks and what the candidate declares, to word it anew"},
    )


class SuggestionSchema(Schema):
    candidate = fields.Nested(PoolCandidateSchema, attribute="pool_candidate")
    score = fields.Integer(metadata={"description": "100 per hard requirement met, 1 per other criterion met"})
    meets_hard_requirements = fields.Boolean()
    reasons = fields.List(fields.Nested(ReasonSchema))


class SuggestionPageSchema(Page):
    items = fields.List(fields.Nested(SuggestionSchema))


class ConsultantReportArgs(Schema):
    consultant = EmailAddress(
        load_default=None,
        metadata={
            "description": "whose vacancies (yours if left out; an admin may name anyone, or leave it "
            "out for the whole agency)"
        },
    )


class ReportedVacancySchema(Schema):
    vacancy_id = fields.UUID()
    reference = fields.String()
    title = fields.String(allow_none=True)
    applications = fields.Integer()
    hired = fields.Integer()


class StageFiguresSchema(Schema):
    stage = fields.String()
    reached = fields.Integer(metadata={"description": "applications that reached this stage or a later one"})
    median_days = fields.Float(
        allow_none=True, metadata={"description": "median days spent in the stage, over the stays that ended"}
    )
    stays_measured = fields.Integer()


class ConversionSchema(Schema):
    from_stage = fields.String()
    to_stage = fields.String()
    rate = fields.Float(allow_none=True, metadata={"description": "share of from_stage that reached to_stage"})


def _counts(description: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": description})


class PipelineReportSchema(Schema):
    """How applications went through the pipeline: JSON here, the same as CSV at `.csv`."""

    vacancies = fields.List(fields.Nested(ReportedVacancySchema))
    applications = fields.Integer()
    by_status = _counts("applications per current status")
    stages = fields.List(fields.Nested(StageFiguresSchema))
    conversions = fields.List(fields.Nested(ConversionSchema))
    hires = fields.Integer()
    median_days_to_hire = fields.Float(allow_none=True, metadata={"description": "from applying to hired"})
    sources = _counts("applications per source: " + ", ".join(each.value for each in Source))
