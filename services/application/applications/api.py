"""Candidate-facing HTTP API of the application service: apply, follow, withdraw."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_smorest import Blueprint

from applications import handlers, read_model
from applications.cv_files import MAX_CV_BYTES, CvRejected, check_cv
from applications.domain import Application, Candidate, CvReference, IllegalTransition, UnknownVacancy, VacancyNotOpen
from applications.schemas import (
    ApplicationForm,
    CandidateApplicationSchema,
    CvUpload,
    KnownVacancySchema,
    SubmittedApplicationSchema,
    WithdrawSchema,
)
from applications.tokens import InvalidCandidateToken, application_of, candidate_token
from recruitment_shared.web import reject, run_use_case

log = logging.getLogger(__name__)

blueprint = Blueprint("applications", __name__, url_prefix="/applications", description="Applying to a vacancy")
candidate_blueprint = Blueprint(
    "candidate", __name__, url_prefix="/candidate/applications", description="A candidate's own application"
)
vacancy_blueprint = Blueprint(
    "known_vacancies", __name__, url_prefix="/vacancies", description="Whether a vacancy takes applications"
)
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,200}$")


@blueprint.post("")
@blueprint.arguments(ApplicationForm, location="form")
@blueprint.arguments(CvUpload, location="files")
@blueprint.response(201, SubmittedApplicationSchema)
def submit_application(form: dict, files: dict):
    """Apply with a CV; emits ApplicationSubmitted. An `Idempotency-Key` header makes a retry
    return the first answer; applying twice to one vacancy gets 409 naming the application."""
    key = _idempotency_key()
    data = files["cv"].read(MAX_CV_BYTES + 1)
    try:
        cv_file = check_cv(data)
    except CvRejected as exc:
        reject(422, str(exc), field="cv", location="files")
    storage = current_app.extensions["cv_storage"]
    cv = CvReference(storage.save(data, cv_file), cv_file.media_type, cv_file.size)
    application_id = uuid.uuid4()
    secret = current_app.config["JWT_SECRET"]
    submission = handlers.Submission(
        form["vacancy_id"],
        _candidate(form),
        form["motivation"],
        cv,
        key,
        _fingerprint(form, data),
        application_id,
        candidate_token(secret, application_id),
    )
    try:
        application, replayed = handlers.submit_application(current_app.extensions["engine"], submission)
    except BaseException as exc:
        storage.delete(cv.key)  # nothing was stored, so neither is the file
        _refuse_submission(exc)
        raise
    if replayed:
        storage.delete(cv.key)  # the first submission's file is the one on record
    else:  # by id only: no name, address or file name in logs
        log.info("application %s submitted to vacancy %s", application.id, application.vacancy_id)
    token = candidate_token(secret, application.id)
    location = url_for("candidate.read_own_application", token=token)  # with the proxy's prefix, if any
    headers = {"Location": location, "Idempotent-Replayed": str(replayed).lower()}
    return Submitted(application, token), 201, headers


@candidate_blueprint.get("/<token>")
@candidate_blueprint.response(200, CandidateApplicationSchema)
def read_own_application(token: str):
    """Your application and where it stands (the link from your confirmation)."""
    return run_use_case({handlers.ApplicationNotFound: (404, None)}, handlers.get_application, _opened(token))


@candidate_blueprint.post("/<token>/withdraw")
@candidate_blueprint.arguments(WithdrawSchema)
@candidate_blueprint.response(200, CandidateApplicationSchema)
def withdraw_own_application(body: dict, token: str):
    """Withdraw your application; emits ApplicationWithdrawn."""
    refusals = {handlers.ApplicationNotFound: (404, None), IllegalTransition: (409, None)}
    return run_use_case(refusals, handlers.withdraw_application, _opened(token), body["reason"])


@vacancy_blueprint.get("/<uuid:vacancy_id>")
@vacancy_blueprint.response(200, KnownVacancySchema)
def read_known_vacancy(vacancy_id: uuid.UUID):
    """What this service has learnt of a vacancy from its events, and whether it takes applications."""
    with current_app.extensions["engine"].connect() as conn:
        vacancy = read_model.get_known_vacancy(conn, vacancy_id)
    if vacancy is None:
        reject(404, f"no vacancy with id {vacancy_id} has been published")
    return vacancy


def _candidate(form: dict) -> Candidate:
    fields = ("name", "email", "phone", "preferred_language", "languages", "years_of_experience")
    extra = ("contract_preference", "expected_daily_rate", "available_from")
    return Candidate(**{name: form[name] for name in fields + extra})


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.match(key):
        reject(400, "Idempotency-Key must be 8 to 200 letters, digits or . _ : -", "Idempotency-Key", "headers")
    return key


def _fingerprint(form: dict, cv: bytes) -> str:
    """What makes two submissions the same request, whatever the order of the form fields."""
    canonical = json.dumps(form, sort_keys=True, default=str) + hashlib.sha256(cv).hexdigest()
    return hashlib.sha256(canonical.encode()).hexdigest()


def _opened(token: str) -> uuid.UUID:
    try:
        return application_of(current_app.config["JWT_SECRET"], token)
    except InvalidCandidateToken as exc:
        reject(404, str(exc))  # 404, not 403: a guessed token learns nothing


@dataclass(frozen=True)
class Submitted:
    """The answer to a submission: the application, and the candidate's link to it."""

    application: Application
    candidate_token: str

    def __getattr__(self, name: str):
        return getattr(self.application, name)


def _refuse_submission(exc: BaseException) -> None:
    """Turn a refused submission into its problem answer (returns for anything else)."""
    if isinstance(exc, UnknownVacancy):
        reject(422, str(exc), field="vacancy_id", location="form")
    if isinstance(exc, VacancyNotOpen):
        reject(409, str(exc))
    if isinstance(exc, handlers.DuplicateApplication):
        reject(409, str(exc), extensions={"existing_application_id": str(exc.existing_id)})
    if isinstance(exc, handlers.IdempotencyKeyReused):
        reject(422, str(exc), field="Idempotency-Key", location="headers")
