"""The rejection email: kind, in the candidate's language, and specific to the reason the consultant
chose; the consultant's own note never reaches it."""

import re

import pytest

from notifications.emails import LANGUAGES, render

REASONS = ("requirements_not_met", "another_candidate_chosen", "candidate_not_available", "no_show", "vacancy_closed")
CONTEXT = {
    "vacancy_reference": "92742",
    "vacancy_title": "IT Project Manager – Public Sector",
    "candidate": {"name": "Jan Peeters"},
}
# A phrase only the wording of each reason has, in each language.
SPECIFIC = {
    "nl": {
        "requirements_not_met": "uw ervaring sluit daar niet voldoende bij aan",
        "another_candidate_chosen": "gekozen voor een andere kandidaat",
        "candidate_not_available": "niet overeenkomen met uw beschikbaarheid",
        "no_show": "sindsdien hebben we niets meer van u gehoord",
        "vacancy_closed": "Deze vacature is intussen afgesloten",
        None: "niet werd weerhouden",
    },
    "fr": {
        "requirements_not_met": "votre expérience n'y correspond pas suffisamment",
        "another_candidate_chosen": "nous avons retenu un autre candidat",
        "candidate_not_available": "ne correspondent pas à vos disponibilités",
        "no_show": "nous sommes depuis sans nouvelles de votre part",
        "vacancy_closed": "Cette offre est désormais clôturée",
        None: "n'a pas été retenue pour ce poste",
    },
    "en": {
        "requirements_not_met": "your experience does not match them closely enough",
        "another_candidate_chosen": "we have chosen another candidate",
        "candidate_not_available": "do not match your availability",
        "no_show": "we have not heard from you since",
        "vacancy_closed": "This vacancy has now been closed",
        None: "we regret to inform you",
    },
}
SUBJECT = {"nl": "Uw sollicitatie voor", "fr": "Votre candidature pour le poste", "en": "Your application for"}


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", [*REASONS, None])
def test_each_reason_has_its_own_words_in_each_language_and_no_other_reasons(language, reason):
    email = render("candidate_rejected", language, CONTEXT | {"rejection_reason": reason})

    text, html = _flat(email.text), _flat(re.sub(r"<[^>]+>", " ", email.html))
    assert email.subject.startswith(SUBJECT[language]) and "92742" in email.subject
    assert SPECIFIC[language][reason] in text and SPECIFIC[language][reason] in html
    others = [phrase for other, phrase in SPECIFIC[language].items() if other != reason]
    assert not [phrase for phrase in others if phrase in text]
    assert "Jan Peeters" in text and "IT Project Manager – Public Sector" in text


def test_a_reason_unknown_to_this_service_gets_the_general_words_rather_than_failing():
    email = render("candidate_rejected", "en", CONTEXT | {"rejection_reason": "salary_too_high"})

    assert SPECIFIC["en"][None] in _flat(email.text)


def test_a_candidate_who_did_not_show_is_not_invited_back_to_this_vacancy_but_to_others():
    no_show = _flat(render("candidate_rejected", "nl", CONTEXT | {"rejection_reason": "no_show"}).text)
    chosen = _flat(render("candidate_rejected", "nl", CONTEXT | {"rejection_reason": "another_candidate_chosen"}).text)

    assert "u bent welkom om te solliciteren voor onze andere vacatures" in no_show
    assert "Houd onze vacatures gerust in het oog" not in no_show
    assert "Houd onze vacatures gerust in het oog" in chosen


def test_french_keeps_its_no_break_spaces_before_colons():
    email = render("candidate_rejected", "fr", CONTEXT | {"rejection_reason": "vacancy_closed"})

    assert "clôturée\u00a0:" in email.text and "«\u00a0IT Project Manager" in email.subject
