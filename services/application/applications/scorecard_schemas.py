"""Request and response schemas of interview scorecards."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, post_load, validate

from applications.scorecards import CRITERIA, HIGHEST, LOWEST, Rating, Recommendation


class RatingSchema(Schema):
    class Meta:
        unknown = RAISE

    score = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=LOWEST, max=HIGHEST, error="Rate from 1 (poor) to 4 (excellent)."),
    )
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))

    @post_load
    def rating(self, data: dict, **_) -> Rating:
        return Rating(data["score"], (data["comment"] or "").strip() or None)


RatingsSchema = Schema.from_dict(
    {criterion: fields.Nested(RatingSchema, required=True) for criterion in CRITERIA}, name="RatingsSchema"
)


class ScorecardInputSchema(Schema):
    """Your scorecard of an interview: every criterion rated, and what you recommend."""

    class Meta:
        unknown = RAISE

    ratings = fields.Nested(RatingsSchema, required=True, metadata={"description": ", ".join(CRITERIA)})
    recommendation = fields.String(required=True, validate=validate.OneOf([r.value for r in Recommendation]))
    summary = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5000))


class AuthorSchema(Schema):
    email = fields.String()
    name = fields.String()


class ScorecardSchema(Schema):
    author = fields.Nested(AuthorSchema)
    ratings = fields.Function(
        lambda card: {criterion: {"score": r.score, "comment": r.comment} for criterion, r in card.ratings.items()},
        metadata={"type": "object", "description": "per criterion: score (1-4) and comment"},
    )
    recommendation = fields.String()
    summary = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
