"""Query parameters and paged answers of the vacancy API."""

from __future__ import annotations

from marshmallow import Schema, fields, post_load, validate, validates_schema

from recruitment_shared.web.fields import EmailAddress
from recruitment_shared.web.paging import Page, PageArgs
from vacancies.domain import RoleType, VacancyStatus, Workplace
from vacancies.schemas import CONTENT_LANGUAGES, PublicVacancySchema, TagField, VacancySchema, check_order, choice
from vacancies.search import SearchCriteria


class VacancySearchArgs(PageArgs):
    """Filters a candidate can combine; `q` searches title, tags and text."""

    q = fields.String(load_default=None, validate=validate.Length(max=200), data_key="q")
    city = fields.String(load_default=None, validate=validate.Length(max=100))
    region = fields.String(load_default=None, validate=validate.Length(max=100))
    workplace = choice(Workplace, load_default=None)
    contract_type = fields.String(load_default=None, validate=validate.OneOf(["freelance", "permanent"]))
    role_type = choice(RoleType, load_default=None)
    experience_years = fields.Integer(
        load_default=None, validate=validate.Range(min=0, max=60), metadata={"description": "your years of experience"}
    )
    language = fields.String(load_default=None, validate=[validate.Length(max=2), validate.Regexp(r"^[a-z]{2}$")])
    tag = TagField(load_default=None)
    min_daily_rate = fields.Integer(load_default=None, validate=validate.Range(min=0, max=100_000))
    max_daily_rate = fields.Integer(load_default=None, validate=validate.Range(min=0, max=100_000))
    sort = fields.String(load_default=None, validate=validate.OneOf(["relevance", "newest"]))

    @validates_schema
    def rate_range_is_ordered(self, data: dict, **_) -> None:
        check_order(data, "min_daily_rate", "max_daily_rate")

    @post_load
    def build(self, data: dict, **_) -> SearchCriteria:
        return SearchCriteria(text=data.pop("q"), **data)


class SimilarArgs(Schema):
    lang = fields.String(
        load_default=None,
        validate=validate.OneOf(CONTENT_LANGUAGES),
        metadata={"description": "the reader's language: vacancies written in it come first"},
    )


class ConsultantListArgs(PageArgs):
    status = choice(VacancyStatus, load_default=None)
    consultant = EmailAddress(
        load_default=None, metadata={"description": "admins only: another consultant's vacancies"}
    )


class PublicVacancyPageSchema(Page):
    items = fields.List(fields.Nested(PublicVacancySchema))


class VacancyPageSchema(Page):
    items = fields.List(fields.Nested(VacancySchema))
