"""Request and response schemas of the vacancy API (they also generate its OpenAPI)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from recruitment_shared.events.schemas import CEFR_LEVELS, CLOSE_REASONS
from recruitment_shared.web.fields import EmailAddress
from vacancies.domain import (
    KNOWN_TAGS,
    CloseReason,
    Consultant,
    ContractTerms,
    EducationLevel,
    FreelanceTerms,
    LanguageRequirement,
    PermanentTerms,
    RoleType,
    Vacancy,
    Workplace,
    canonical_tag,
)

CONTENT_LANGUAGES = ("nl", "fr", "en")
_SHORT = validate.Length(min=1, max=200)


def _items() -> fields.List:
    """A list of short paragraphs (responsibilities, requirements, ...)."""
    item = fields.String(validate=validate.Length(min=1, max=1000))
    return fields.List(item, load_default=list, validate=validate.Length(max=50))


def check_order(data: dict, low: str, high: str, word: str = "below") -> None:
    """Refuse `high` when both bounds are given and it is below `low` (a range the wrong way round)."""
    first, last = data.get(low), data.get(high)
    if first is not None and last is not None and last < first:
        raise ValidationError(f"Must not be {word} {low}.", high)


def choice(enum: type, **kwargs) -> fields.String:
    """A string field taking one of the values of `enum`."""
    return fields.String(validate=validate.OneOf([member.value for member in enum]), **kwargs)


class Strict(Schema):
    """Unknown fields are an error in requests: a typo must not silently drop data."""

    class Meta:
        unknown = RAISE


class LanguageRequirementSchema(Strict):
    language = fields.String(
        required=True, validate=[validate.Length(max=2), validate.Regexp(r"^[a-z]{2}$", error="Use an ISO 639-1 code.")]
    )
    level = fields.String(required=True, validate=validate.OneOf(CEFR_LEVELS))
    hard_requirement = fields.Boolean(load_default=False)

    @post_load
    def build(self, data: dict, **_) -> LanguageRequirement:
        return LanguageRequirement(**data)


class FreelanceTermsSchema(Strict):
    daily_rate = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100_000))
    currency = fields.String(load_default="EUR", validate=[validate.Length(max=3), validate.Regexp(r"^[A-Z]{3}$")])

    @post_load
    def build(self, data: dict, **_) -> FreelanceTerms:
        return FreelanceTerms(**data)


class PermanentTermsSchema(Strict):
    salary_min = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=10_000_000)
    )
    salary_max = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=10_000_000)
    )
    currency = fields.String(load_default="EUR", validate=[validate.Length(max=3), validate.Regexp(r"^[A-Z]{3}$")])

    @validates_schema
    def range_is_ordered(self, data: dict, **_) -> None:
        check_order(data, "salary_min", "salary_max")

    @post_load
    def build(self, data: dict, **_) -> PermanentTerms:
        return PermanentTerms(**data)


class ContractTermsSchema(Strict):
    freelance = fields.Nested(FreelanceTermsSchema, load_default=None, allow_none=True)
    permanent = fields.Nested(PermanentTermsSchema, load_default=None, allow_none=True)

    @validates_schema
    def offers_something(self, data: dict, **_) -> None:
        if data.get("freelance") is None and data.get("permanent") is None:
            raise ValidationError("Offer freelance terms, permanent terms, or both.", "freelance")

    @post_load
    def build(self, data: dict, **_) -> ContractTerms:
        return ContractTerms(**data)


class ConsultantSchema(Strict):
    name = fields.String(required=True, validate=_SHORT)
    email = EmailAddress(required=True)
    title = fields.String(load_default=None, allow_none=True, validate=_SHORT)
    language = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(CONTENT_LANGUAGES),
        metadata={
            "description": "the consultant's preferred language, of their emails; when they send the request "
            "themselves, their token's `locale` claim sets it"
        },
    )

    @post_load
    def build(self, data: dict, **_) -> Consultant:
        return Consultant(**data)


class TagField(fields.String):
    """A methodology or certification from the known list, stored in its usual spelling."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Length(min=1, max=50))  # also documents maxLength

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        tag = canonical_tag(super()._deserialize(value, attr, data, **kwargs))
        if tag is None:
            raise ValidationError(f"Unknown tag; use one of: {', '.join(KNOWN_TAGS)}.")
        return tag


class VacancyDraftSchema(Strict):
    """What a consultant sends to create a vacancy (and, without `reference`, to edit one)."""

    reference = fields.String(
        load_default="", validate=[validate.Length(max=10), validate.Regexp(r"^\d{4,10}$", error="Use 4 to 10 digits.")]
    )
    title = fields.String(required=True, validate=_SHORT)
    role_type = choice(RoleType, load_default=RoleType.GENERAL.value)
    category = fields.String(load_default=None, allow_none=True, validate=_SHORT)
    tags = fields.List(TagField(), load_default=list, validate=validate.Length(max=20))
    city = fields.String(required=True, validate=validate.Length(min=1, max=100))
    region = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    workplace = choice(Workplace, required=True)
    education_levels = fields.List(
        choice(EducationLevel), load_default=list, validate=validate.Length(max=len(EducationLevel))
    )
    experience_min_years = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=50))
    experience_max_years = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(0, 50)
    )
    introduction = fields.String(load_default="", validate=validate.Length(max=10_000))
    responsibilities = _items()
    requirements = _items()
    nice_to_haves = _items()
    languages = fields.List(
        fields.Nested(LanguageRequirementSchema), load_default=list, validate=validate.Length(max=10)
    )
    contract_terms = fields.Nested(ContractTermsSchema, required=True)
    start_date = fields.Date(load_default=None, allow_none=True, metadata={"description": "null: as soon as possible"})
    end_date = fields.Date(load_default=None, allow_none=True)
    closes_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "last day to apply"})
    content_language = fields.String(load_default="en", validate=validate.OneOf(CONTENT_LANGUAGES))
    consultant = fields.Nested(ConsultantSchema, required=True)

    @validates_schema
    def ranges_are_ordered(self, data: dict, **_) -> None:
        check_order(data, "experience_min_years", "experience_max_years")
        check_order(data, "start_date", "end_date", "before")
        closes_on, end = data.get("closes_on"), data.get("end_date")
        if closes_on and end and closes_on > end:  # the error belongs to the earlier date here
            raise ValidationError("Must not be after end_date.", "closes_on")

    @post_load
    def build(self, data: dict, **_) -> Vacancy:
        enums = {"workplace": Workplace(data["workplace"]), "role_type": RoleType(data["role_type"])}
        return Vacancy(**({"reference": ""} | data | enums))  # an edit carries no reference


class VacancySchema(VacancyDraftSchema):
    """A vacancy as the API shows it."""

    id = fields.UUID(dump_only=True)
    status = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    # Null until the vacancy is published, closed: the document says so, for generated clients.
    published_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    closed_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    close_reason = fields.String(dump_only=True, allow_none=True)


class CloseVacancySchema(Strict):
    reason = fields.String(required=True, validate=validate.OneOf(CLOSE_REASONS))

    @post_load
    def build(self, data: dict, **_) -> CloseReason:
        return CloseReason(data["reason"])


class VacancyEditSchema(VacancyDraftSchema):
    """A whole new version of the editable content; the reference number never changes."""

    class Meta:
        exclude = ("reference",)


class PublicConsultantSchema(Schema):
    name = fields.String()
    title = fields.String(allow_none=True)


class PublicVacancySchema(VacancySchema):
    """A vacancy as candidates see it: the consultant's address stays inside the agency."""

    consultant = fields.Nested(PublicConsultantSchema)
