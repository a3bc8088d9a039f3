"""Which events exist, in which version, on which topic."""

from __future__ import annotations

from dataclasses import dataclass

from marshmallow import Schema

from recruitment_shared.events import schemas

VACANCIES = "vacancies"
APPLICATIONS = "applications"
TOPICS = (VACANCIES, APPLICATIONS)


@dataclass(frozen=True)
class EventContract:
    """One event type: the topic it travels on, its current version and the schemas per version."""

    type: str
    topic: str
    version: int
    schemas: dict[int, type[Schema]]

    def schema(self, version: int | None = None) -> Schema:
        """A fresh schema instance for `version` (the current one by default)."""
        wanted = self.version if version is None else version
        if wanted not in self.schemas:
            raise UnknownEventVersion(f"{self.type} has no schema version {wanted}")
        return self.schemas[wanted]()


class UnknownEventType(LookupError):
    """An event type this package does not know."""


class UnknownEventVersion(LookupError):
    """A schema version this package does not know for a known event type."""


CONTRACTS: dict[str, EventContract] = {
    contract.type: contract
    for contract in (
        EventContract("VacancyPublished", VACANCIES, 1, {1: schemas.VacancyPublished}),
        EventContract("VacancyUpdated", VACANCIES, 1, {1: schemas.VacancyUpdated}),
        EventContract("VacancyClosed", VACANCIES, 1, {1: schemas.VacancyClosed}),
        EventContract(
            "ApplicationSubmitted",
            APPLICATIONS,
            2,
            {1: schemas.ApplicationSubmittedV1, 2: schemas.ApplicationSubmittedV2},
        ),
        EventContract("ApplicationRepeated", APPLICATIONS, 1, {1: schemas.ApplicationRepeated}),
        EventContract("ApplicationStatusChanged", APPLICATIONS, 1, {1: schemas.ApplicationStatusChanged}),
        EventContract("ApplicationWithdrawn", APPLICATIONS, 1, {1: schemas.ApplicationWithdrawn}),
        EventContract("CandidateErased", APPLICATIONS, 1, {1: schemas.CandidateErased}),
        EventContract("InterviewScheduled", APPLICATIONS, 1, {1: schemas.InterviewScheduled}),
        EventContract("InterviewRescheduled", APPLICATIONS, 1, {1: schemas.InterviewRescheduled}),
        EventContract("InterviewCancelled", APPLICATIONS, 1, {1: schemas.InterviewCancelled}),
    )
}


def contract_for(event_type: str) -> EventContract:
    """The contract of `event_type`, or UnknownEventType."""
    try:
        return CONTRACTS[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None
