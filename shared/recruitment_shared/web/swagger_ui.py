"""Swagger UI served by the web app itself, from the pinned `swagger-ui-py` package (Swagger UI
5.24.2): the docs page loads nothing from a third party, and its assets change only when the
pin does."""

from __future__ import annotations

from importlib.resources import files

from flask import Blueprint, Response, abort, send_from_directory

# What flask-smorest's page (swagger_ui.html) loads; nothing else of the package is served.
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"})
# OPENAPI_SWAGGER_UI_URL, relative to the page: /docs loads /docs/assets/..., and behind the front
# proxy /api/vacancies/docs loads /api/vacancies/docs/assets/..., whatever the prefix.
SWAGGER_UI_URL = "docs/assets/"


def swagger_ui_assets() -> Blueprint:
    """A blueprint serving the Swagger UI assets at /docs/assets/<name>."""
    blueprint = Blueprint("swagger_ui_assets", __name__)
    folder = str(files("swagger_ui") / "static")

    @blueprint.get("/docs/assets/<name>")
    def asset(name: str) -> Response:
        if name not in ASSETS:
            abort(404)
        return send_from_directory(folder, name, max_age=3600)

    return blueprint
