"""Pipeline reports on PostgreSQL, checked against hand-counted fixtures (histories with known
timestamps), per vacancy and per consultant, as JSON and as CSV; and the `source` of applications."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from applications import application_store
from applications.domain import Application, ApplicationStatus, Candidate, Source, StatusChange
from tests.support.auth import bearer

pytestmark = pytest.mark.integration

LISA = bearer()
TOM_EMAIL = "tom.peeters@example.com"
TOM = bearer(TOM_EMAIL)
ADMIN = bearer("office@example.com", roles=("admin",))
T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
# Each application's source and steps: (status, days after T0). Counted by hand below.
HISTORIES = {
    "a1": (Source.CAREER_SITE, [("submitted", 0), ("screening", 1), ("interview", 3), ("offer", 8), ("hired", 10)]),
    "a2": (Source.REFERRAL, [("submitted", 0), ("screening", 2), ("interview", 4), ("rejected", 5)]),
    "a3": (Source.JOB_BOARD, [("submitted", 1), ("screening", 1.5), ("rejected", 2.5)]),
    "a4": (Source.CAREER_SITE, [("submitted", 2), ("withdrawn", 6)]),
    "a5": (Source.CONSULTANT, [("submitted", 3)]),
    "a6": (Source.CAREER_SITE, [("submitted", 4), ("interview", 5)]),  # an interview scheduled straight away
}


def store(app, vacancy_id: uuid.UUID, name: str, source: Source, steps: list[tuple[str, float]]) -> None:
    """An application with exactly these steps, as the pipeline would have recorded them."""
    history, before = [], None
    for status, days in steps:
        at = T0 + timedelta(days=days)
        history.append(StatusChange(before, ApplicationStatus(status), "lisa.geudens@example.com", None, at))
        before = ApplicationStatus(status)
    candidate = Candidate(name=name, email=f"{name}.{uuid.uuid4().hex[:6]}@example.com")
    application = Application(
        vacancy_id=vacancy_id,
        candidate=candidate,
        motivation="",
        submitted_at=history[0].at,
        source=source,
        status=before,
        history=history,
    )
    with app.extensions["engine"].begin() as conn:
        application_store.add_application(conn, application)


@pytest.fixture
def vacancies(app, desk) -> dict[str, uuid.UUID]:
    """Lisa's 92742 with the six applications above, her 92800 with one, Tom's 92900 with one."""
    tom = {"name": "Tom Peeters", "email": TOM_EMAIL}
    ids = {
        "92742": desk.publish(),
        "92800": desk.publish(reference="92800", title="PMO"),
        "92900": desk.publish(reference="92900", title="Scrum Master", consultant=tom),
    }
    for name, (source, steps) in HISTORIES.items():
        store(app, ids["92742"], name, source, steps)
    store(app, ids["92800"], "b1", Source.REFERRAL, [("submitted", 0), ("screening", 6)])
    store(app, ids["92900"], "c1", Source.JOB_BOARD, [("submitted", 0)])
    return ids


def test_a_vacancys_report_matches_the_hand_count(client, vacancies):
    report = client.get(f"/consultant/vacancies/{vacancies['92742']}/report", headers=LISA)

    assert report.status_code == 200, report.json
    body = report.json
    assert body["applications"] == 6
    assert body["by_status"] == {
        "submitted": 1,
        "screening": 0,
        "interview": 1,
        "offer": 0,
        "hired": 1,
        "rejected": 2,
        "withdrawn": 1,
    }
    # Reached: all 6; screening or later a1 a2 a3 a6; interview or later a1 a2 a6; offer a1; hired a1.
    # Days in a stage, over the stays that ended: submitted 1, 2, .5, 4, 1 (a5 still waits): median 1;
    # screening 2, 2, 1: 2; interview 5, 1 (a6 still in it): 3; offer 2.
    assert [(s["stage"], s["reached"], s["median_days"], s["stays_measured"]) for s in body["stages"]] == [
        ("submitted", 6, 1.0, 5),
        ("screening", 4, 2.0, 3),
        ("interview", 3, 3.0, 2),
        ("offer", 1, 2.0, 1),
        ("hired", 1, None, 0),
    ]
    assert [(c["from_stage"], c["to_stage"], c["rate"]) for c in body["conversions"]] == [
        ("submitted", "screening", 0.667),
        ("screening", "interview", 0.75),
        ("interview", "offer", 0.333),
        ("offer", "hired", 1.0),
    ]
    assert (body["hires"], body["median_days_to_hire"]) == (1, 10.0)
    assert body["sources"] == {"career_site": 3, "referral": 1, "job_board": 1, "consultant": 1}
    assert body["vacancies"] == [
        {
            "vacancy_id": str(vacancies["92742"]),
            "reference": "92742",
            "title": "IT Project Manager – Public Sector",
            "applications": 6,
            "hired": 1,
        }
    ]


def test_the_csv_download_holds_the_same_figures(client, vacancies):
    download = client.get(f"/consultant/vacancies/{vacancies['92742']}/report.csv", headers=LISA)

    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"] == 'attachment; filename="pipeline-92742.csv"'
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert rows[0] == ["metric", "item", "value"]
    assert ["applications", "total", "6"] in rows
    assert ["status", "rejected", "2"] in rows
    assert ["reached_stage", "interview", "3"] in rows
    assert ["conversion", "screening -> interview", "0.75"] in rows
    assert ["median_days_in_stage", "interview", "3.0"] in rows
    assert ["median_days_to_hire", "hired", "10.0"] in rows
    assert ["source", "career_site", "3"] in rows
    assert ["vacancy_applications", "92742 IT Project Manager – Public Sector", "6"] in rows


def test_a_consultants_report_covers_their_vacancies_and_an_admins_the_agency(client, vacancies):
    lisa = client.get("/consultant/reports/pipeline", headers=LISA).json
    tom = client.get("/consultant/reports/pipeline", headers=TOM).json
    agency = client.get("/consultant/reports/pipeline", headers=ADMIN).json
    toms_by_admin = client.get("/consultant/reports/pipeline", query_string={"consultant": TOM_EMAIL}, headers=ADMIN)

    assert [(v["reference"], v["applications"]) for v in lisa["vacancies"]] == [("92800", 1), ("92742", 6)]
    assert lisa["applications"] == 7
    assert lisa["by_status"]["screening"] == 1  # b1
    assert lisa["sources"] == {"career_site": 3, "referral": 2, "job_board": 1, "consultant": 1}
    assert [s["median_days"] for s in lisa["stages"]][:2] == [1.5, 2.0]  # submitted: 1, 2, .5, 4, 1, 6
    assert (tom["applications"], [v["reference"] for v in tom["vacancies"]]) == (1, ["92900"])
    assert agency["applications"] == 8
    assert toms_by_admin.json == tom
    csv_download = client.get("/consultant/reports/pipeline.csv", headers=LISA)
    assert csv_download.headers["Content-Disposition"] == 'attachment; filename="pipeline-consultant.csv"'
    assert ["applications", "total", "7"] in list(csv.reader(io.StringIO(csv_download.get_data(as_text=True))))


def test_reports_belong_to_the_vacancys_consultant_or_an_admin(client, vacancies):
    lisas = f"/consultant/vacancies/{vacancies['92742']}/report"
    assert client.get(lisas, headers=TOM).status_code == 403
    assert client.get(lisas + ".csv", headers=TOM).status_code == 403
    assert client.get(lisas, headers=ADMIN).status_code == 200
    assert client.get(lisas).status_code == 401
    assert client.get(f"/consultant/vacancies/{uuid.uuid4()}/report", headers=LISA).status_code == 404
    others = client.get("/consultant/reports/pipeline", query_string={"consultant": TOM_EMAIL}, headers=LISA)
    assert (others.status_code, others.json["errors"][0]["field"]) == (403, "consultant")
    bad = client.get("/consultant/reports/pipeline", query_string={"consultant": "not an address"}, headers=LISA)
    assert (bad.status_code, bad.json["errors"][0]["field"]) == (422, "consultant")


def test_an_application_records_where_it_came_from(client, desk):
    vacancy_id = desk.publish()
    desk.apply(vacancy_id, email="default@example.com")
    desk.apply(vacancy_id, email="referred@example.com", source="referral")
    refused = desk.apply(vacancy_id, email="other@example.com", source="newspaper")

    shown = [client.get(f"/consultant/applications/{each}", headers=LISA).json for each in desk.submitted()]
    assert [application["source"] for application in shown] == ["career_site", "referral"]
    assert (refused.status_code, refused.json["errors"][0]["field"]) == (422, "source")
