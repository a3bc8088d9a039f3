"""Security headers on every answer of a web app.

The APIs answer JSON, never a page: their Content-Security-Policy allows nothing at all, so a
response that a browser is tricked into rendering (an error echoing input, a file) runs no script
and cannot be framed. The one page, Swagger UI at /docs, gets a policy of its own: scripts and
styles from this origin only (served from a pinned Python package: `swagger_ui.py`), plus the
page's one inline script, allowed by its SHA-256 hash rather than by 'unsafe-inline'. A header a
view set on purpose (the CV download's `Content-Security-Policy: sandbox`) is kept.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, Response, request

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Swagger UI sets its inline styles through the DOM, which style-src does not restrict, so its
# stylesheet from this origin is all it needs (checked in a browser with every operation expanded:
# no violation). It fetches the OpenAPI document and "Try it out" requests from this origin, and
# its stylesheet draws icons as data: images.
DOCS_POLICY = (
    "default-src 'none'; script-src {script_sources}; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"  # flask-smorest's Swagger UI page

_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
_ALWAYS = {
    "X-Content-Type-Options": "nosniff",  # a JSON answer or a CV is never taken for HTML or script
    "Referrer-Policy": "no-referrer",  # links followed from a page never tell where they came from
}


def install_security_headers(app: Flask) -> None:
    """Add the security headers to every answer, unless the view chose its own."""
    app.after_request(_add_security_headers)


def _add_security_headers(response: Response) -> Response:
    for name, value in _ALWAYS.items():
        response.headers.setdefault(name, value)
    if "Content-Security-Policy" not in response.headers:
        docs = request.endpoint == DOCS_ENDPOINT and response.mimetype == "text/html"
        response.headers["Content-Security-Policy"] = _docs_policy(response) if docs else API_POLICY
    return response


def _docs_policy(response: Response) -> str:
    """The docs page's policy, allowing exactly the inline scripts it holds (by hash)."""
    hashes = [_sha256_source(script) for script in _INLINE_SCRIPT.findall(response.get_data())]
    return DOCS_POLICY.format(script_sources=" ".join(["'self'", *hashes]))


def _sha256_source(script: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
