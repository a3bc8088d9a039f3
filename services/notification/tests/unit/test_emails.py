"""What a consultant reads when someone applies, and how failed deliveries are spaced out."""

from datetime import timedelta

from notifications.domain import retry_delay
from notifications.emails import render


def test_the_consultant_alert_names_the_vacancy_and_the_candidate():
    context = {
        "vacancy_reference": "92742",
        "vacancy_title": "IT Project Manager – Public Sector",
        "consultant": {"name": "Lisa Geudens", "email": "lisa.geudens@example.com"},
        "candidate": {"name": "Jan Peeters", "email": "jan.peeters@example.com"},
        "motivation": "Ten years of PRINCE2 projects for Flemish cities.",
        "application_id": "a1",
    }

    email = render("consultant_new_application", "event-1", "lisa.geudens@example.com", context)

    assert email.subject == "New application for vacancy 92742: IT Project Manager – Public Sector"
    assert email.body.startswith("Dear Lisa Geudens,")
    assert "Jan Peeters (jan.peeters@example.com) applied for vacancy 92742" in email.body
    assert "Ten years of PRINCE2 projects" in email.body


def test_retries_back_off_exponentially_up_to_an_hour():
    delays = [retry_delay(attempt) for attempt in range(1, 12)]
    assert delays[:3] == [timedelta(seconds=10), timedelta(seconds=20), timedelta(seconds=40)]
    assert delays == sorted(delays)
    assert delays[-1] == timedelta(hours=1)
