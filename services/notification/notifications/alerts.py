"""Job-alert subscriptions: what a candidate looks for, and whether a vacancy matches. Pure Python."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Frequency(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"


class SubscriptionStatus(StrEnum):
    PENDING = "pending"  # nothing is sent until the confirmation link is used
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"


@dataclass(frozen=True, kw_only=True)
class AlertCriteria:
    """A saved search; an empty criterion accepts anything."""

    keywords: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    role_types: tuple[str, ...] = ()
    contract_type: str | None = None  # "freelance" or "permanent"
    workplace: str | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> AlertCriteria:
        """Criteria from plain values, as a request or the database holds them (lists, not tuples);
        a criterion missing from `values` accepts anything, and other keys are ignored."""
        return cls(
            keywords=tuple(values.get("keywords", ())),
            cities=tuple(values.get("cities", ())),
            role_types=tuple(values.get("role_types", ())),
            contract_type=values.get("contract_type"),
            workplace=values.get("workplace"),
        )

    def matches(self, vacancy: Mapping[str, Any]) -> bool:
        """Whether a vacancy (as VacancyPublished carries it) is what the subscriber looks for."""
        terms = vacancy.get("contract_terms") or {}
        searchable = " ".join([vacancy["title"], *vacancy.get("tags", []), vacancy.get("category") or ""]).lower()
        return (
            (not self.keywords or any(keyword.lower() in searchable for keyword in self.keywords))
            and (not self.cities or vacancy["city"].lower() in {city.lower() for city in self.cities})
            and (not self.role_types or vacancy.get("role_type") in self.role_types)
            and (not self.contract_type or terms.get(self.contract_type) is not None)
            and (not self.workplace or vacancy["workplace"] == self.workplace)
        )

    def summary(self) -> str:
        """A short human description, for the confirmation email."""
        parts = [", ".join(self.cities), ", ".join(self.role_types), self.contract_type, self.workplace]
        parts.append(", ".join(self.keywords))
        return " · ".join(part for part in parts if part) or "all new vacancies"


@dataclass(kw_only=True)
class Subscription:
    """Who wants job alerts, for what, and how often; nothing is sent until it is confirmed."""

    email: str
    language: str
    criteria: AlertCriteria
    frequency: Frequency = Frequency.IMMEDIATE
    status: SubscriptionStatus = SubscriptionStatus.PENDING
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    # The candidate key of `email` (privacy_policy.PrivacyPolicy.key_of), set before it is stored:
    # what an erasure of the address finds, and what its alerts' emails carry.
    email_key: str = ""

    def change_to(self, status: SubscriptionStatus) -> bool:
        """Confirm or unsubscribe; False when that changes nothing.

        Unsubscribing is final (the subscription is deleted at once): an old confirmation link must
        not bring the alerts back."""
        if self.status is SubscriptionStatus.UNSUBSCRIBED or self.status is status:
            return False
        self.status = status
        return True
