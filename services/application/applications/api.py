"""Candidate-facing HTTP API of the application service: apply, follow, withdraw."""

from __future__ import annotations

import re
import uuid
from dataclasses import fields

from flask import current_app, request, url_for
from flask_smorest import Blueprint
from werkzeug.datastructures import FileStorage

from applications import handlers
from applications.cv_files import MAX_CV_BYTES, CvRejected
from applications.domain import Candidate, IllegalTransition, UnknownVacancy, VacancyNotOpen
from applications.schemas import (
    ApplicationForm,
    CandidateApplicationSchema,
    CvUpload,
    KnownVacancySchema,
    SubmittedApplicationSchema,
    WithdrawSchema,
)
from applications.submission import DuplicateApplication, IdempotencyKeyReused, Submission
from applications.tokens import InvalidCandidateToken, application_of
from recruitment_shared.web import Refusal, Refusals, call_use_case, reject, run_use_case

blueprint = Blueprint("applications", __name__, url_prefix="/applications", description="Applying to a vacancy")
candidate_blueprint = Blueprint(
    "candidate", __name__, url_prefix="/candidate/applications", description="A candidate's own application"
)
vacancy_blueprint = Blueprint(
    "known_vacancies", __name__, url_prefix="/vacancies", description="Whether a vacancy takes applications"
)
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,200}$")
SUBMISSION_REFUSALS: Refusals = {
    CvRejected: Refusal(422, "cv", "files"),
    UnknownVacancy: Refusal(422, "vacancy_id", "form"),
    VacancyNotOpen: Refusal(409),
    DuplicateApplication: Refusal(409, extensions=lambda exc: {"existing_application_id": str(exc.existing_id)}),
    IdempotencyKeyReused: Refusal(422, "Idempotency-Key", "headers"),
}


@blueprint.post("")
@blueprint.arguments(ApplicationForm, location="form")
@blueprint.arguments(CvUpload, location="files")
@blueprint.response(201, SubmittedApplicationSchema)
@blueprint.alt_response(400)
@blueprint.alt_response(409)
@blueprint.alt_response(413)
def submit_application(form: dict, files: dict):
    """Apply with a CV; emits ApplicationSubmitted. An `Idempotency-Key` header makes a retry
    return the first answer; applying twice to one vacancy gets 409 naming the application."""
    submission = _submission(form, files["cv"])
    extensions = current_app.extensions
    dependencies = extensions["engine"], extensions["cv_storage"], current_app.config["JWT_SECRET"]
    submitted = call_use_case(SUBMISSION_REFUSALS, handlers.submit_application, *dependencies, submission)
    location = url_for("candidate.read_own_application", token=submitted.candidate_token)  # with the proxy's prefix
    return submitted, 201, {"Location": location, "Idempotent-Replayed": str(submitted.replayed).lower()}


@candidate_blueprint.get("/<token>")
@candidate_blueprint.response(200, CandidateApplicationSchema)
@candidate_blueprint.alt_response(404)
def read_own_application(token: str):
    """Your application and where it stands (the link from your confirmation)."""
    return run_use_case({handlers.ApplicationNotFound: (404, None)}, handlers.get_application, _opened(token))


@candidate_blueprint.post("/<token>/withdraw")
@candidate_blueprint.arguments(WithdrawSchema)
@candidate_blueprint.response(200, CandidateApplicationSchema)
@candidate_blueprint.alt_response(404)
@candidate_blueprint.alt_response(409)
def withdraw_own_application(body: dict, token: str):
    """Withdraw your application; emits ApplicationWithdrawn."""
    refusals = {handlers.ApplicationNotFound: (404, None), IllegalTransition: (409, None)}
    return run_use_case(refusals, handlers.withdraw_application, _opened(token), body["reason"])


@vacancy_blueprint.get("/<uuid:vacancy_id>")
@vacancy_blueprint.response(200, KnownVacancySchema)
@vacancy_blueprint.alt_response(404)
def read_known_vacancy(vacancy_id: uuid.UUID):
    """What this service has learnt of a vacancy from its events, and whether it takes applications."""
    return run_use_case({UnknownVacancy: (404, None)}, handlers.get_known_vacancy, vacancy_id)


def _submission(form: dict, cv: FileStorage) -> Submission:
    key = _idempotency_key()  # a malformed key is refused before the CV is read
    candidate = Candidate(**{each.name: form[each.name] for each in fields(Candidate)})
    data = cv.read(MAX_CV_BYTES + 1)  # a byte more than a CV may have: a larger one is refused, not cut short
    return Submission(
        vacancy_id=form["vacancy_id"], candidate=candidate, motivation=form["motivation"], cv=data, idempotency_key=key
    )


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.match(key):
        reject(400, "Idempotency-Key must be 8 to 200 letters, digits or . _ : -", "Idempotency-Key", "headers")
    return key


def _opened(token: str) -> uuid.UUID:
    try:
        return application_of(current_app.config["JWT_SECRET"], token)
    except InvalidCandidateToken as exc:
        reject(404, str(exc))  # 404, not 403: a guessed token learns nothing
