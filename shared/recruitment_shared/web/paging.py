"""Pages of results, the same way in every service: `page`/`page_size` in, the total out."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

MAX_PAGE_SIZE = 100


class PageArgs(Schema):
    """Query parameters of a paged list; subclasses add their filters. Unknown parameters are an error."""

    class Meta:
        unknown = RAISE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class Page(Schema):
    """A page of results; subclasses declare `items`."""

    total = fields.Integer(metadata={"description": "matches over all pages"})
    page = fields.Integer()
    page_size = fields.Integer()
