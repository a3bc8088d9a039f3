"""Web plumbing shared by the services' Flask apps."""

from recruitment_shared.web.app_factory import CORRELATION_HEADER, create_base_app, create_service_app
from recruitment_shared.web.problems import PROBLEM_JSON, reject
from recruitment_shared.web.transactions import Refusal, Refusals, call_use_case, run_use_case

__all__ = [
    "CORRELATION_HEADER",
    "PROBLEM_JSON",
    "Refusal",
    "Refusals",
    "call_use_case",
    "create_base_app",
    "create_service_app",
    "reject",
    "run_use_case",
]
