"""What consultants, candidates and alert subscribers read, in their own language (nl, fr or en)."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from jinja2 import UndefinedError
from markupsafe import escape

from notifications.emails import LANGUAGES, TEMPLATES, RenderedEmail, language_of, render

TITLE = "IT Project Manager – Public Sector"
UNSUBSCRIBE = "https://jobs.example.com/alerts/unsubscribe?token=u-7f3a"

CONSULTANT = {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"}
CANDIDATE = {"name": "Jan Peeters", "email": "jan.peeters@example.com", "phone": "+32 470 12 34 56"}


def a_vacancy(reference="92742", title=TITLE, city="Antwerp", workplace="hybrid"):
    return {
        "reference": reference,
        "title": title,
        "city": city,
        "workplace": workplace,
        "contract": "Freelance (550 EUR/day) or permanent",
        "url": f"https://jobs.example.com/vacancies/{reference}",
    }


def contexts():
    """A realistic context for every template: vacancy 92742, consultant Lisa Geudens, candidate Jan Peeters."""
    vacancy = {"vacancy_reference": "92742", "vacancy_title": TITLE}
    return {
        "consultant_new_application": {
            **vacancy,
            "consultant": CONSULTANT,
            "candidate": CANDIDATE,
            "motivation": "Ten years of PRINCE2 projects for Flemish cities, most recently for the City of Antwerp.",
            "screening": {"passed": True, "reasons": [], "notes": ["PRINCE2 Practitioner certificate mentioned"]},
            "application_id": "0d9f6c1e-5a4b-4f3e-9c2d-1b8a7e6f5d4c",
            "consultant_url": "https://consultants.example.com/applications/0d9f6c1e",
        },
        "consultant_application_withdrawn": {
            **vacancy,
            "consultant": CONSULTANT,
            "candidate": {"name": "Jan Peeters", "email": "jan.peeters@example.com"},
            "reason": "I accepted another assignment.",
            "consultant_url": "https://consultants.example.com/applications/0d9f6c1e",
        },
        "candidate_application_received": {
            **vacancy,
            "candidate": {"name": "Jan Peeters"},
            "self_service_url": "https://jobs.example.com/my-application?token=s-91c2",
            "kept_days": 730,
        },
        "candidate_already_applied": {**vacancy, "self_service_url": "{candidate_link}"},
        "candidate_status_changed": {**vacancy, "candidate": {"name": "Jan Peeters"}, "to_status": "interview"},
        "candidate_rejected": {**vacancy, "candidate": {"name": "Jan Peeters"}, "rejection_reason": "no_show"},
        "job_alert": {"vacancy": a_vacancy(), "unsubscribe_url": UNSUBSCRIBE},
        "job_alert_digest": {
            "vacancies": [a_vacancy(), a_vacancy("92810", "IT Programme Manager", "Brussels", "remote")],
            "day": "2026-11-21",
            "unsubscribe_url": UNSUBSCRIBE,
        },
        "subscription_confirmation": {
            "confirm_url": "https://jobs.example.com/alerts/confirm?token=c-55e0",
            "criteria": "Antwerp, Brussels · freelance · PRINCE2",
        },
        "candidate_interview": _interview(vacancy),
        "consultant_interview": _interview(vacancy)
        | {"consultant_url": "https://consultants.example.com/applications/0d"},
    }


def _interview(vacancy: dict) -> dict:
    """An interview moved to Tuesday at 14:00 in Antwerp, by video too (interview_emails.py's context)."""
    return {
        **vacancy,
        "change": "rescheduled",
        "candidate": CANDIDATE,
        "consultant": CONSULTANT,
        "when": "Tuesday 5 January 2027, 14:00 to 15:00 (Belgian time)",
        "previous_when": "Monday 4 January 2027 at 10:00",
        "moved": True,
        "location": "Meir 24, 2000 Antwerpen",
        "video_link": "https://meet.example.com/92742",
        "interviewers": ["Lisa Geudens", "Koen Maes (client)"],
    }


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        if tag not in {"meta", "br"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing"


def assert_complete_html_document(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    tags = _Tags()
    tags.feed(html)
    assert tags.open == [], f"unclosed tags: {tags.open}"
    assert {"html", "head", "title", "body"} <= tags.seen
    assert not {"script", "link", "img", "style"} & tags.seen  # inline styles only, nothing fetched
    assert "Recruitment" in html


def visible(html: str) -> str:
    """What a reader sees of an HTML part: the text without tags, entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_in_every_language(template, language):
    email = render(template, language, contexts()[template])

    assert isinstance(email, RenderedEmail)
    assert email.subject and "\n" not in email.subject and email.subject == email.subject.strip()
    assert email.text.strip() and email.text.endswith("\n") and "\n\n\n" not in email.text
    assert "{{" not in email.text + email.html and "{%" not in email.text + email.html
    assert_complete_html_document(email.html)
    assert f'<html lang="{language}">' in email.html
    assert f"<title>{escape(email.subject)}</title>" in email.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_texts_are_in_the_requested_language(language):
    greeting = {"nl": "Beste Jan Peeters,", "fr": "Bonjour Jan Peeters,", "en": "Dear Jan Peeters,"}[language]
    thanks = {"nl": "Hartelijk dank", "fr": "Nous vous remercions", "en": "Thank you"}[language]

    email = render("candidate_application_received", language, contexts()["candidate_application_received"])

    assert email.text.startswith(greeting)
    assert thanks in email.text and thanks in visible(email.html)
    assert "92742" in email.subject and TITLE in email.subject


@pytest.mark.parametrize("preferred", ["de", "", None, "xx-YY", "english"])
def test_an_unknown_language_falls_back_to_english(preferred):
    assert language_of(preferred) == "en"
    email = render("candidate_application_received", preferred, contexts()["candidate_application_received"])
    assert email.text.startswith("Dear Jan Peeters,")
    assert '<html lang="en">' in email.html


@pytest.mark.parametrize(("preferred", "language"), [("nl", "nl"), ("FR", "fr"), ("nl-BE", "nl"), ("fr_BE", "fr")])
def test_regional_variants_use_their_language(preferred, language):
    assert language_of(preferred) == language


def test_the_consultant_alert_names_the_vacancy_the_candidate_and_the_link():
    email = render("consultant_new_application", "en", contexts()["consultant_new_application"])

    assert email.subject == f"New application for vacancy 92742: {TITLE}"
    assert email.text.startswith("Dear Lisa Geudens,")
    assert f"Jan Peeters has applied for vacancy 92742, “{TITLE}”." in email.text
    assert "jan.peeters@example.com" in email.text and "+32 470 12 34 56" in email.text
    assert "Ten years of PRINCE2 projects" in email.text
    assert "Screening: meets the hard requirements." in email.text
    assert "PRINCE2 Practitioner certificate mentioned" in email.text
    assert "https://consultants.example.com/applications/0d9f6c1e" in email.text
    assert 'href="https://consultants.example.com/applications/0d9f6c1e"' in email.html


def test_the_consultant_alert_leaves_out_a_missing_phone_motivation_and_screening():
    context = {
        **contexts()["consultant_new_application"],
        "candidate": {**CANDIDATE, "phone": None},
        "motivation": "",
        "screening": None,
    }

    email = render("consultant_new_application", "en", context)

    assert "Phone" not in email.text and "Screening" not in email.text and "Screening" not in email.html
    assert "did not add a motivation" in email.text
    assert "None" not in email.text and "None" not in email.html


@pytest.mark.parametrize("language", LANGUAGES)
def test_screening_reasons_appear_in_the_consultant_email(language):
    reasons = ["Dutch at CEFR level C2 is a hard requirement; the candidate declared B2", "Less than 5 years"]
    context = {
        **contexts()["consultant_new_application"],
        "screening": {"passed": False, "reasons": reasons, "notes": ["Strong public-sector references"]},
    }

    email = render("consultant_new_application", language, context)

    for reason in reasons:
        assert reason in email.text
        assert str(escape(reason)) in email.html
    assert "Strong public-sector references" in email.text
    does_not_meet = {"nl": "voldoet niet aan", "fr": "ne répond pas aux exigences", "en": "does not meet"}[language]
    assert does_not_meet in email.text and does_not_meet in visible(email.html)


def test_the_html_part_escapes_what_the_candidate_typed_and_the_text_part_keeps_it():
    context = {
        **contexts()["consultant_new_application"],
        "candidate": {**CANDIDATE, "name": 'Jan "<b>" Peeters'},
        "motivation": "<script>alert('x')</script> I love <b>PRINCE2</b> & PMBOK",
    }

    email = render("consultant_new_application", "en", context)

    assert "<script>" not in email.html and "<b>" not in email.html
    assert "&lt;script&gt;" in email.html and "&lt;b&gt;PRINCE2&lt;/b&gt; &amp; PMBOK" in email.html
    assert "<script>alert('x')</script> I love <b>PRINCE2</b> & PMBOK" in email.text


def test_a_line_break_in_a_title_cannot_break_the_subject_line():
    context = {**contexts()["consultant_application_withdrawn"], "vacancy_title": "IT PM\nBcc: someone@example.com"}

    email = render("consultant_application_withdrawn", "en", context)

    assert email.subject == "Application withdrawn for vacancy 92742: IT PM Bcc: someone@example.com"


def test_the_withdrawal_email_gives_the_reason_or_says_there_was_none():
    context = contexts()["consultant_application_withdrawn"]
    with_reason = render("consultant_application_withdrawn", "en", context)
    assert "Reason given: I accepted another assignment." in with_reason.text

    without = render("consultant_application_withdrawn", "nl", {**context, "reason": None})
    assert "Er werd geen reden opgegeven." in without.text
    assert without.subject == f"Sollicitatie ingetrokken voor vacature 92742: {TITLE}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_confirmation_links_to_self_service_only_when_there_is_a_link(language):
    context = contexts()["candidate_application_received"]

    with_link = render("candidate_application_received", language, context)
    without_link = render("candidate_application_received", language, {**context, "self_service_url": None})

    assert context["self_service_url"] in with_link.text
    assert str(escape(context["self_service_url"])) in with_link.html
    assert "https://" not in without_link.text and "href=" not in without_link.html
    assert len(without_link.text) < len(with_link.text)


ALREADY_APPLIED = {
    "nl": ("U hebt al gesolliciteerd voor", "niemand anders heeft uw sollicitatie of deze link gezien"),
    "fr": ("Vous avez déjà postulé\u00a0:", "personne d'autre n'a vu votre candidature ni ce lien"),
    "en": ("You have already applied for", "nobody else has seen your application or this link"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_owner_of_an_address_that_applied_again_gets_their_link_and_nothing_of_the_new_submission(language):
    context = contexts()["candidate_already_applied"]

    email = render("candidate_already_applied", language, context)

    subject, reassurance = ALREADY_APPLIED[language]
    assert email.subject.startswith(subject) and "92742" in email.subject
    assert reassurance in email.text and reassurance in visible(email.html)
    assert "{candidate_link}" in email.text and 'href="{candidate_link}"' in email.html  # signed when sent
    assert "Jan Peeters" not in email.text + email.html  # no name: whoever applied again may not be Jan


STATUS_WORDS = {
    "nl": {"interview": "gesprek", "offer": "aanbod", "rejected": "niet werd weerhouden", "hired": "gefeliciteerd"},
    "fr": {"interview": "entretien", "offer": "proposition", "rejected": "pas été retenue", "hired": "Félicitations"},
    "en": {"interview": "interview", "offer": "offer", "rejected": "not be taking", "hired": "Congratulations"},
}
CONGRATULATIONS = {"nl": ("gefeliciteerd", "proficiat"), "fr": ("félicitations",), "en": ("congratulations",)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_status_has_its_own_fitting_wording(language):
    base = contexts()["candidate_status_changed"]
    emails = {
        status: render("candidate_status_changed", language, {**base, "to_status": status})
        for status in STATUS_WORDS[language]
    }

    assert len({email.subject for email in emails.values()}) == 4
    assert len({email.text for email in emails.values()}) == 4
    for status, email in emails.items():
        word = STATUS_WORDS[language][status]
        assert word.lower() in (email.subject + email.text).lower(), (status, word)
        assert word.lower() in visible(email.html).lower()
        assert TITLE in email.text and "92742" in email.text
    for status in ("interview", "offer", "rejected"):
        text = (emails[status].subject + emails[status].text + emails[status].html).lower()
        assert not any(word in text for word in CONGRATULATIONS[language]), status


def test_an_unknown_status_has_no_email():
    with pytest.raises(ValueError, match="withdrawn"):
        render("candidate_status_changed", "en", {**contexts()["candidate_status_changed"], "to_status": "withdrawn"})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", ["job_alert", "job_alert_digest"])
def test_every_alert_has_the_unsubscribe_link_in_both_parts(template, language):
    email = render(template, language, contexts()[template])

    assert UNSUBSCRIBE in email.text
    assert f'href="{escape(UNSUBSCRIBE)}"' in email.html


def test_an_unsubscribe_link_with_query_parameters_is_escaped_in_html_only():
    url = "https://jobs.example.com/alerts/unsubscribe?id=7&token=abc"

    email = render("job_alert", "fr", {**contexts()["job_alert"], "unsubscribe_url": url})

    assert url in email.text
    assert 'href="https://jobs.example.com/alerts/unsubscribe?id=7&amp;token=abc"' in email.html


@pytest.mark.parametrize(("language", "workplace"), [("nl", "hybride"), ("fr", "hybride"), ("en", "hybrid")])
def test_a_job_alert_shows_the_vacancy_with_its_workplace_translated(language, workplace):
    email = render("job_alert", language, contexts()["job_alert"])

    assert TITLE in email.subject and "Antwerp" in email.subject
    assert f"Antwerp ({workplace})" in email.text and f"Antwerp ({workplace})" in visible(email.html)
    assert "Freelance (550 EUR/day) or permanent" in email.text
    assert "https://jobs.example.com/vacancies/92742" in email.text


@pytest.mark.parametrize(("workplace", "shown"), [("on_site", "op locatie"), ("remote", "op afstand")])
def test_other_workplaces_are_translated_too(workplace, shown):
    email = render("job_alert", "nl", {**contexts()["job_alert"], "vacancy": a_vacancy(workplace=workplace)})
    assert f"Antwerp ({shown})" in email.text


DIGEST_SUBJECTS = {
    ("nl", 1): "1 nieuwe vacature voor uw jobalert – 21 november 2026",
    ("nl", 3): "3 nieuwe vacatures voor uw jobalert – 21 november 2026",
    ("fr", 1): "1 nouvelle offre pour votre alerte emploi – 21 novembre 2026",
    ("fr", 3): "3 nouvelles offres pour votre alerte emploi – 21 novembre 2026",
    ("en", 1): "1 new vacancy for your job alert – 21 November 2026",
    ("en", 3): "3 new vacancies for your job alert – 21 November 2026",
}


@pytest.mark.parametrize(("language", "count"), list(DIGEST_SUBJECTS))
def test_the_digest_subject_counts_its_vacancies(language, count):
    vacancies = [a_vacancy(str(92742 + n), f"IT Project Manager {n}") for n in range(count)]
    context = {**contexts()["job_alert_digest"], "vacancies": vacancies}

    email = render("job_alert_digest", language, context)

    assert email.subject == DIGEST_SUBJECTS[(language, count)]
    for vacancy in vacancies:
        assert vacancy["title"] in email.text and vacancy["url"] in email.text
        assert vacancy["title"] in email.html and f'href="{vacancy["url"]}"' in email.html
    assert len(re.findall(r"IT Project Manager \d", email.text)) == count


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_subscription_confirmation_says_nothing_comes_before_confirming(language):
    context = contexts()["subscription_confirmation"]
    promise = {
        "nl": ("Zolang u niet bevestigt", "negeren"),
        "fr": ("Tant que vous n'avez pas confirmé", "ignorer"),
        "en": ("until you confirm", "ignore this email"),
    }[language]

    email = render("subscription_confirmation", language, context)

    assert context["confirm_url"] in email.text and f'href="{context["confirm_url"]}"' in email.html
    assert "Antwerp, Brussels · freelance · PRINCE2" in email.text
    for words in promise:
        assert words in email.text and words in visible(email.html)


def test_french_punctuation_uses_non_breaking_spaces():
    email = render("job_alert", "fr", contexts()["job_alert"])

    assert email.subject.startswith("Nouvelle offre d'emploi\u00a0: ")
    assert "Lieu\u00a0: Antwerp (hybride)" in email.text
    assert " :" not in email.text


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_missing_context_key_is_an_error_not_an_empty_string(template):
    for key in contexts()[template]:
        context = {name: value for name, value in contexts()[template].items() if name != key}
        with pytest.raises(UndefinedError):
            render(template, "nl", context)


def test_a_missing_nested_key_is_an_error_too():
    context = {**contexts()["consultant_new_application"], "candidate": {"name": "Jan Peeters", "email": "j@e.com"}}
    with pytest.raises(UndefinedError):
        render("consultant_new_application", "en", context)  # phone may be None, but must be there


def test_an_unknown_template_is_an_error():
    with pytest.raises(ValueError, match="unknown email template"):
        render("consultant_new_applicaton", "en", {})


@pytest.mark.parametrize(
    ("day", "language", "written"),
    [
        ("2026-12-01", "fr", "1er décembre 2026"),
        ("2026-08-15", "nl", "15 augustus 2026"),
        ("2026-03-02", "en", "2 March 2026"),
    ],
)
def test_the_digest_writes_its_day_out_in_the_language(day, language, written):
    email = render("job_alert_digest", language, {**contexts()["job_alert_digest"], "day": day})
    assert email.subject.endswith(f"– {written}")
    assert written in email.text and written in visible(email.html)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_subject_names_the_candidate(template, language):
    """An erasure keeps a sent email's subject in its delivery record (notifications/erasure.py):
    whatever a template's subject says, it must say nothing of the candidate."""
    subject = render(template, language, contexts()[template]).subject.lower()

    assert not [value for value in CANDIDATE.values() if value.lower() in subject]


@pytest.mark.parametrize(
    ("language", "days", "said"),
    [("nl", 730, "twee jaar"), ("fr", 730, "deux ans"), ("en", 730, "two years"), ("en", 365, "one year")],
)
def test_the_confirmation_says_how_long_the_application_is_kept(language, days, said):
    context = contexts()["candidate_application_received"] | {"kept_days": days}
    email = render("candidate_application_received", language, context)

    assert said in email.text and said in visible(email.html)
    assert ("talentpool", "vivier de talents", "talent pool")[LANGUAGES.index(language)] in email.text
