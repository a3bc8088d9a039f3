"""What makes two submissions the same request, for the Idempotency-Key."""

import hashlib
import json
import uuid
from dataclasses import replace
from datetime import date

from applications.domain import Candidate
from applications.privacy_notice import CURRENT_VERSION
from applications.schemas import ApplicationForm
from applications.screening import LanguageSkill
from applications.submission import Submission

VACANCY_ID = uuid.uuid4()
CV = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
CANDIDATE = Candidate(
    name="Jan Peeters",
    email="jan.peeters@example.com",
    phone="+32 470 12 34 56",
    preferred_language="nl",
    languages=(LanguageSkill("nl", "C2"), LanguageSkill("en", "C1")),
    years_of_experience=6,
    contract_preference="freelance",
    expected_daily_rate=600,
    available_from=date(2027, 1, 1),
)
SUBMISSION = Submission(vacancy_id=VACANCY_ID, candidate=CANDIDATE, motivation="PRINCE2, ten years.", cv=CV)


def test_the_same_answers_and_cv_are_the_same_request_whatever_the_key_they_come_with():
    assert replace(SUBMISSION, idempotency_key="apply-12345678").fingerprint == SUBMISSION.fingerprint


def test_another_answer_or_another_cv_is_another_request():
    others = [
        replace(SUBMISSION, vacancy_id=uuid.uuid4()),
        replace(SUBMISSION, candidate=replace(CANDIDATE, email="an.claes@example.com")),
        replace(SUBMISSION, candidate=replace(CANDIDATE, languages=(LanguageSkill("nl", "C2"),))),
        replace(SUBMISSION, motivation=""),
        replace(SUBMISSION, cv=CV + b"\n"),
    ]
    assert len({SUBMISSION.fingerprint} | {other.fingerprint for other in others}) == len(others) + 1


def test_the_fingerprint_is_the_one_keys_stored_by_earlier_versions_hold():
    # Earlier versions hashed the form as the API loaded it; a retry across an upgrade must still match.
    answers = {"vacancy_id": str(VACANCY_ID), "name": "Jan Peeters", "email": "jan.peeters@example.com"}
    answers |= {"phone": "+32 470 12 34 56", "preferred_language": "nl", "languages": ["nl:C2", "en:C1"]}
    answers |= {"years_of_experience": "6", "contract_preference": "freelance", "expected_daily_rate": "600"}
    answers |= {"available_from": "2027-01-01", "motivation": "PRINCE2, ten years.", "consent": "true"}
    form = ApplicationForm().load(answers | {"privacy_notice_version": CURRENT_VERSION})
    for later in ("privacy_notice_version", "talent_pool_consent", "city", "source", "education_level"):
        form.pop(later, None)  # fields that came later, hashed apart (or, left empty, not at all)
    canonical = json.dumps(form, sort_keys=True, default=str) + hashlib.sha256(CV).hexdigest()
    assert SUBMISSION.fingerprint == hashlib.sha256(canonical.encode()).hexdigest()
