"""A candidate's CV passed on from the application API to the browser (the consultant's, or the
candidate's own), as a download only.

The file is the candidate's, so whatever it holds must never run in this site's origin: it is
sent as an attachment, under one of the two types a CV may have (anything else as plain bytes),
never sniffed (nosniff), sandboxed should a browser open it all the same, and kept by no cache.
It is streamed through in chunks: a 5 MB CV never sits whole in a worker's memory.
"""

from __future__ import annotations

import uuid

import requests
from flask import stream_with_context
from werkzeug.wrappers import Response

from webclient.pages import _api
from webclient.sign_in import bearer

CV_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
CHUNK_BYTES = 64 * 1024


def cv_download(application_id: uuid.UUID) -> Response:
    """The application's CV from the API, as a download named after the application."""
    upstream = _api().fetch(
        "application", f"/consultant/applications/{application_id}/cv", bearer=bearer(), stream=True
    )
    return as_download(upstream, f"cv-{application_id}")


def as_download(upstream: requests.Response, stem: str) -> Response:
    """A CV answered by the API (streamed), passed on as an attachment named `stem`.<pdf|docx>."""
    media_type = upstream.headers.get("Content-Type", "").split(";")[0].strip().lower()
    extension = CV_TYPES.get(media_type)
    headers = {
        "Content-Disposition": f'attachment; filename="{stem}.{extension or "bin"}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "no-store",
    }
    # iter_content undoes a Content-Encoding, and then the API's length is not the one sent on.
    if upstream.headers.get("Content-Length", "").isdigit() and not upstream.headers.get("Content-Encoding"):
        headers["Content-Length"] = upstream.headers["Content-Length"]
    response = Response(
        stream_with_context(upstream.iter_content(CHUNK_BYTES)),
        mimetype=media_type if extension else "application/octet-stream",
        headers=headers,
    )
    response.call_on_close(upstream.close)
    return response
