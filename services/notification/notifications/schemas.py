"""Request and response schemas of the notification API."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, post_load, validate

from notifications.alerts import AlertCriteria, Frequency, SubscriptionStatus
from notifications.domain import DeliveryStatus
from recruitment_shared.web.fields import EmailAddress
from recruitment_shared.web.paging import Page, PageArgs

ROLE_TYPES = ("software", "infrastructure", "digital_transformation", "agile", "pmo", "general")


class EmailQuerySchema(PageArgs):
    recipient = EmailAddress(load_default=None)
    status = fields.String(load_default=None, validate=validate.OneOf([s.value for s in DeliveryStatus]))
    event_id = fields.String(load_default=None, validate=validate.Length(max=36))
    correlation_id = fields.String(load_default=None, validate=validate.Length(max=100))


class AttemptSchema(Schema):
    attempted_at = fields.AwareDateTime()
    outcome = fields.String()
    detail = fields.String(allow_none=True)


class EmailSchema(Schema):
    id = fields.Integer()
    event_id = fields.String()
    template = fields.String()
    recipient = fields.String(allow_none=True)  # None once erased or purged
    language = fields.String()
    subject = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    next_attempt_at = fields.AwareDateTime()
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
    correlation_id = fields.String(allow_none=True)  # of the request behind it: grep the logs for it
    vacancy_id = fields.UUID(allow_none=True)  # the vacancy it is about; none for job alerts and digests
    purged_at = fields.AwareDateTime(allow_none=True)  # when body, address and SMTP errors were removed


class EmailDetailSchema(EmailSchema):
    attempt_log = fields.List(fields.Nested(AttemptSchema))


class EmailPageSchema(Page):
    items = fields.List(fields.Nested(EmailSchema))


def _words(max_items: int, **kwargs) -> fields.List:
    return fields.List(
        fields.String(validate=validate.Length(min=1, max=100)), validate=validate.Length(max=max_items), **kwargs
    )


class SubscribeSchema(Schema):
    """A saved search for job alerts; every criterion is optional."""

    class Meta:
        unknown = RAISE

    email = EmailAddress(required=True)
    language = fields.String(load_default="en", validate=validate.OneOf(["nl", "fr", "en"]))
    keywords = _words(10, load_default=list)
    cities = _words(20, load_default=list)
    role_types = fields.List(
        fields.String(validate=validate.OneOf(ROLE_TYPES)),
        load_default=list,
        validate=validate.Length(max=len(ROLE_TYPES)),
    )
    contract_type = fields.String(load_default=None, validate=validate.OneOf(["freelance", "permanent"]))
    workplace = fields.String(load_default=None, validate=validate.OneOf(["on_site", "hybrid", "remote"]))
    frequency = fields.String(load_default="immediate", validate=validate.OneOf([f.value for f in Frequency]))

    @post_load
    def subscription(self, data: dict, **_) -> dict:
        """The fields of a `Subscription`, its criteria gathered in one `AlertCriteria`."""
        frequency, criteria = Frequency(data["frequency"]), AlertCriteria.from_values(data)
        return {"email": data["email"], "language": data["language"], "frequency": frequency, "criteria": criteria}


class CriteriaSchema(Schema):
    """A subscription's criteria one by one (empty: any), for a client to word in its own language."""

    keywords = fields.List(fields.String())
    cities = fields.List(fields.String())
    role_types = fields.List(fields.String())
    contract_type = fields.String(allow_none=True)
    workplace = fields.String(allow_none=True)


class SubscriptionSchema(Schema):
    id = fields.UUID()
    email = fields.String()
    language = fields.String()
    frequency = fields.Enum(Frequency, by_value=True)
    status = fields.Enum(SubscriptionStatus, by_value=True)
    criteria = fields.Function(lambda s: s.criteria.summary())
    criteria_values = fields.Nested(CriteriaSchema, attribute="criteria")


# What a POST to a link would do, as a GET of the link shows it (the GET changes nothing).
UNSUBSCRIBES = "Nothing has changed yet: a POST to this same URL unsubscribes, for good."
NEXT_STEP_TO_CONFIRM = {
    SubscriptionStatus.PENDING: "Nothing has changed yet: a POST to this same URL confirms the subscription.",
    SubscriptionStatus.CONFIRMED: "This subscription is confirmed already: nothing to do.",
    SubscriptionStatus.UNSUBSCRIBED: "This subscription ended: its confirmation link cannot bring it back.",
}
NEXT_STEP_TO_UNSUBSCRIBE = {
    SubscriptionStatus.PENDING: UNSUBSCRIBES,
    SubscriptionStatus.CONFIRMED: UNSUBSCRIBES,
    SubscriptionStatus.UNSUBSCRIBED: "This subscription ended already: nothing to do.",
}


class ConfirmLinkSchema(SubscriptionSchema):
    """The subscription a confirmation link confirms, and how to confirm it."""

    next_step = fields.Function(lambda subscription: NEXT_STEP_TO_CONFIRM[subscription.status])


class UnsubscribeLinkSchema(SubscriptionSchema):
    """The subscription an unsubscribe link ends, and how to end it."""

    next_step = fields.Function(lambda subscription: NEXT_STEP_TO_UNSUBSCRIBE[subscription.status])


class ExportedEmailSchema(Schema):
    """An email to the candidate: what it said, and what became of it (a purged one: no body)."""

    template = fields.String()
    language = fields.String()
    recipient = fields.String(allow_none=True)
    subject = fields.String()
    body = fields.String(allow_none=True)
    status = fields.String()
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
    purged_at = fields.AwareDateTime(allow_none=True)  # when body and address were removed


class ExportedSubscriptionSchema(Schema):
    """A job-alert subscription of the candidate's address, as stored."""

    id = fields.UUID()
    email = fields.String()
    language = fields.String()
    criteria = fields.Nested(CriteriaSchema)
    frequency = fields.String()
    status = fields.String()
    created_at = fields.AwareDateTime()
    confirmed_at = fields.AwareDateTime(allow_none=True)


class CandidateExportSchema(Schema):
    """What the notification service holds about a candidate."""

    emails = fields.List(fields.Nested(ExportedEmailSchema))
    alert_subscriptions = fields.List(fields.Nested(ExportedSubscriptionSchema))
