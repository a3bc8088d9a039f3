"""Candidate-facing HTTP API of the application service: apply, follow, withdraw (privacy_api.py:
the privacy notice, export and erasure)."""

from __future__ import annotations

import re
import uuid
from dataclasses import fields

from flask import Response, current_app, request
from flask_smorest import Blueprint
from werkzeug.datastructures import FileStorage

from applications import handlers, self_service
from applications.cv_files import MAX_CV_BYTES, CvRejected
from applications.domain import Candidate, CvReference, IllegalTransition, Source, UnknownVacancy, VacancyNotOpen
from applications.retention_policy import RetentionPolicy
from applications.schemas import (
    ApplicationForm,
    CandidateApplicationSchema,
    CvUpload,
    KnownVacancySchema,
    SubmittedApplicationSchema,
    WithdrawSchema,
)
from applications.submission import IdempotencyKeyReused, Submission
from applications.tokens import CandidateLinks, InvalidCandidateToken
from recruitment_shared.web import Refusal, Refusals, call_use_case, reject, run_use_case
from recruitment_shared.web.rate_limits import limit_public_writes

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
    IdempotencyKeyReused: Refusal(422, "Idempotency-Key", "headers"),
}
# Every candidate-link refusal reads alike (a guessed, expired or closed link learns nothing).
LINK_REFUSALS: Refusals = {InvalidCandidateToken: (404, None)}


@blueprint.post("")
@limit_public_writes("RATE_LIMIT_APPLY")
@blueprint.arguments(ApplicationForm, location="form")
@blueprint.arguments(CvUpload, location="files")
@blueprint.response(202, SubmittedApplicationSchema)
@blueprint.alt_response(400)
@blueprint.alt_response(409)
@blueprint.alt_response(413)
def submit_application(form: dict, files: dict):
    """Apply with a CV. The answer is the same whether or not this address already applied to this
    vacancy, and shows no application: the candidate's personal link goes by email to the address
    given (emits ApplicationSubmitted; for an address that already applied, ApplicationRepeated,
    and its owner gets their link again). An `Idempotency-Key` header makes a retry answer the
    same (`Idempotent-Replayed: true`) without emitting anything."""
    submission = _submission(form, files["cv"])
    engine, storage = current_app.extensions["engine"], current_app.extensions["cv_storage"]
    received = call_use_case(SUBMISSION_REFUSALS, handlers.submit_application, engine, storage, submission)
    return received, 202, {"Idempotent-Replayed": str(received.replayed).lower()}


@candidate_blueprint.get("/<token>")
@candidate_blueprint.response(200, CandidateApplicationSchema)
@candidate_blueprint.alt_response(404)
def read_own_application(token: str):
    """Your application, where it stands, and until when it is kept (the link from your confirmation email)."""
    return run_use_case(LINK_REFUSALS, self_service.own_application, opened(token), links(), retention())


@candidate_blueprint.post("/<token>/withdraw")
@limit_public_writes("RATE_LIMIT_LINKS")
@candidate_blueprint.arguments(WithdrawSchema)
@candidate_blueprint.response(200, CandidateApplicationSchema)
@candidate_blueprint.alt_response(404)
@candidate_blueprint.alt_response(409)
def withdraw_own_application(body: dict, token: str):
    """Withdraw your application; emits ApplicationWithdrawn."""
    refusals = {**LINK_REFUSALS, IllegalTransition: (409, None)}
    return run_use_case(refusals, self_service.withdraw, opened(token), body["reason"], links(), retention())


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
        vacancy_id=form["vacancy_id"],
        candidate=candidate,
        motivation=form["motivation"],
        cv=data,
        idempotency_key=key,
        notice_version=form["privacy_notice_version"],
        talent_pool=form["talent_pool_consent"],
        source=Source(form["source"]),
    )


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _IDEMPOTENCY_KEY.match(key):
        reject(400, "Idempotency-Key must be 8 to 200 letters, digits or . _ : -", "Idempotency-Key", "headers")
    return key


def links() -> CandidateLinks:
    """How candidates' links are checked (built by app.py from the service's bootstrap)."""
    return current_app.extensions["candidate_links"]


def retention() -> RetentionPolicy:
    """How long applications are kept (built by app.py from the service's bootstrap)."""
    return current_app.extensions["retention"]


def opened(token: str) -> uuid.UUID:
    """The application a candidate's token names; 404, not 403, for anything else."""
    return call_use_case(LINK_REFUSALS, links().application_of, token)


def cv_download(cv: CvReference, application_id: uuid.UUID) -> Response:
    """The CV file as an attachment, for its candidate or a consultant."""
    data = current_app.extensions["cv_storage"].load(cv.key)
    extension = cv.key.rsplit(".", 1)[-1]
    # The file is the candidate's: a browser must save it, never sniff it into HTML or run it in the
    # platform's origin (sandbox, even if opened inline), and no cache may keep personal data.
    headers = {
        "Content-Disposition": f'attachment; filename="cv-{application_id}.{extension}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "no-store",
    }
    return Response(data, mimetype=cv.media_type, headers=headers)
