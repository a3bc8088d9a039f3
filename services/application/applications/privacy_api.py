"""Privacy endpoints of the application service: the privacy notice, a candidate's export, CV
download, talent-pool withdrawal and erasure through their link, and an admin's erasure by address."""

from __future__ import annotations

import uuid

from flask import Response, current_app
from flask_smorest import Blueprint

from applications import erasure, self_service
from applications.api import LINK_REFUSALS, cv_download, links, opened, retention
from applications.privacy_notice import UnknownNoticeVersion, privacy_notice
from applications.privacy_schemas import (
    AdminErasureRequest,
    CandidateExportSchema,
    ErasureSchema,
    PrivacyNoticeSchema,
)
from applications.schemas import CandidateApplicationSchema
from recruitment_shared.web import call_use_case, run_use_case
from recruitment_shared.web.auth import ADMIN, BEARER_SECURITY, require_roles
from recruitment_shared.web.rate_limits import limit_public_writes

notice_blueprint = Blueprint(
    "privacy_notice", __name__, url_prefix="/privacy-notice", description="The privacy notice candidates accept"
)
candidate_blueprint = Blueprint(
    "candidate_data",
    __name__,
    url_prefix="/candidate/applications",
    description="A candidate's own data: export, erasure, talent-pool consent",
)
admin_blueprint = Blueprint("admin_erasures", __name__, url_prefix="/admin", description="Erasure on request")
NO_STORE = {"Cache-Control": "no-store"}  # personal data: no cache keeps a copy


@notice_blueprint.get("")
@notice_blueprint.response(200, PrivacyNoticeSchema)
def read_current_notice():
    """The current privacy notice: an application must name its `version` as privacy_notice_version."""
    return privacy_notice()


@notice_blueprint.get("/<version>")
@notice_blueprint.response(200, PrivacyNoticeSchema)
@notice_blueprint.alt_response(404)
def read_notice(version: str):
    """An earlier (or the current) version of the notice, as a consent names it."""
    return call_use_case({UnknownNoticeVersion: (404, None)}, privacy_notice, version)


@candidate_blueprint.get("/<token>/export")
@candidate_blueprint.response(200, CandidateExportSchema)
@candidate_blueprint.alt_response(404)
def export_own_data(token: str):
    """Everything this service holds about you: every application of your address, with its answers,
    screening, history, consents and how long it is kept (CV files: `cv/{application_id}`)."""
    exported = run_use_case(LINK_REFUSALS, self_service.export_own_data, opened(token), links(), retention())
    return exported, 200, NO_STORE


@candidate_blueprint.get("/<token>/cv/<uuid:application_id>")
@candidate_blueprint.doc(responses={"200": {"description": "the CV file (PDF or DOCX)"}})
@candidate_blueprint.alt_response(404)
def download_own_cv(token: str, application_id: uuid.UUID) -> Response:
    """The CV you sent with one of your applications."""
    refusals = {**LINK_REFUSALS, self_service.CvNotFound: (404, None)}
    cv = run_use_case(refusals, self_service.own_cv, opened(token), links(), application_id)
    return cv_download(cv, application_id)


@candidate_blueprint.post("/<token>/talent-pool/withdraw")
@limit_public_writes("RATE_LIMIT_LINKS")
@candidate_blueprint.response(200, CandidateApplicationSchema)
@candidate_blueprint.alt_response(404)
def withdraw_talent_pool(token: str):
    """Withdraw your consent to be kept for future vacancies (for every application of your address);
    your applications then follow the ordinary retention."""
    return run_use_case(LINK_REFUSALS, self_service.withdraw_talent_pool, opened(token), links(), retention())


@candidate_blueprint.post("/<token>/erase")
@limit_public_writes("RATE_LIMIT_LINKS")
@candidate_blueprint.response(200, ErasureSchema)
@candidate_blueprint.alt_response(404)
def erase_own_data(token: str):
    """Erase every application of your address, with its CV and history, here and (by CandidateErased)
    in every other service; your link then opens nothing. Cannot be undone."""
    extensions = current_app.extensions
    keys, lifetime = extensions["candidate_keys"], extensions["broker_copies_lifetime"]
    arguments = extensions["engine"], extensions["cv_storage"], opened(token), links(), keys, lifetime
    return call_use_case(LINK_REFUSALS, erasure.erase_own_data, *arguments)


@admin_blueprint.post("/erasures")
@admin_blueprint.doc(security=BEARER_SECURITY)
@require_roles(ADMIN)
@admin_blueprint.arguments(AdminErasureRequest)
@admin_blueprint.response(200, ErasureSchema)
def erase_address(body: dict):
    """Erase every application of an address (admins only); an address without any is answered alike,
    with nothing erased."""
    extensions = current_app.extensions
    keys, lifetime = extensions["candidate_keys"], extensions["broker_copies_lifetime"]
    return erasure.erase_address(extensions["engine"], extensions["cv_storage"], body["email"], keys, lifetime)
