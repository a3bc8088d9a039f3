"""Query parameters and paged answers of the vacancy API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from vacancies.domain import RoleType, VacancyStatus, Workplace
from vacancies.schemas import PublicVacancySchema, TagField, VacancySchema
from vacancies.search import SearchCriteria

_PAGE = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
_PAGE_SIZE = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


def _one_of(enum: type) -> fields.String:
    return fields.String(load_default=None, validate=validate.OneOf([member.value for member in enum]))


class VacancySearchArgs(Schema):
    """Filters a candidate can combine; `q` searches title, tags and text."""

    class Meta:
        unknown = RAISE

    q = fields.String(load_default=None, validate=validate.Length(max=200), data_key="q")
    city = fields.String(load_default=None, validate=validate.Length(max=100))
    region = fields.String(load_default=None, validate=validate.Length(max=100))
    workplace = _one_of(Workplace)
    contract_type = fields.String(load_default=None, validate=validate.OneOf(["freelance", "permanent"]))
    role_type = _one_of(RoleType)
    experience_years = fields.Integer(
        load_default=None, validate=validate.Range(min=0, max=60), metadata={"description": "your years of experience"}
    )
    language = fields.String(load_default=None, validate=validate.Regexp(r"^[a-z]{2}$"))
    tag = TagField(load_default=None)
    min_daily_rate = fields.Integer(load_default=None, validate=validate.Range(min=0, max=100_000))
    max_daily_rate = fields.Integer(load_default=None, validate=validate.Range(min=0, max=100_000))
    sort = fields.String(load_default=None, validate=validate.OneOf(["relevance", "newest"]))
    page = _PAGE
    page_size = _PAGE_SIZE

    @validates_schema
    def rate_range_is_ordered(self, data: dict, **_) -> None:
        low, high = data.get("min_daily_rate"), data.get("max_daily_rate")
        if low is not None and high is not None and high < low:
            raise ValidationError("Must not be below min_daily_rate.", "max_daily_rate")

    @post_load
    def build(self, data: dict, **_) -> SearchCriteria:
        return SearchCriteria(text=data.pop("q"), **data)


class ConsultantListArgs(Schema):
    class Meta:
        unknown = RAISE

    status = _one_of(VacancyStatus)
    consultant = fields.Email(
        load_default=None, metadata={"description": "admins only: another consultant's vacancies"}
    )
    page = _PAGE
    page_size = _PAGE_SIZE


class _Page(Schema):
    total = fields.Integer(metadata={"description": "matches over all pages"})
    page = fields.Integer()
    page_size = fields.Integer()


class PublicVacancyPageSchema(_Page):
    items = fields.List(fields.Nested(PublicVacancySchema))


class VacancyPageSchema(_Page):
    items = fields.List(fields.Nested(VacancySchema))
