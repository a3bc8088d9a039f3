"""The yardstick of `bench/submit_applications.py`: the plainest Flask + SQLAlchemy endpoint that
stores what `POST /applications` stores in its `applications` row.

    DATABASE_URL=... gunicorn 'bench.bare_submit_app:create_app()'

It reads the same multipart form (`request.form`, `request.files`, the CV's bytes) and inserts
one row of the same shape into the application service's own table in one transaction; no
validation, no idempotency key, no screening, no history, no outbox event, no CV file on disk.
The engine is the services' own (`recruitment_shared.db.make_engine`), so both pay the same
connection pool and pre-ping.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime

from flask import Flask, request

from applications.db import applications
from recruitment_shared.db import make_engine


def create_app() -> Flask:
    app = Flask("bare_submit")
    engine = make_engine(os.environ["DATABASE_URL"])

    @app.post("/applications")
    def submit() -> tuple[dict, int]:
        form = request.form
        cv = request.files["cv"].read()
        now = datetime.now(UTC)
        rate = form.get("expected_daily_rate")
        available = form.get("available_from")
        skills = [skill.split(":", 1) for skill in form.getlist("languages")]
        row = {
            "id": uuid.uuid4(),
            "vacancy_id": uuid.UUID(form["vacancy_id"]),
            "candidate_name": form["name"],
            "candidate_email": form["email"],
            "motivation": form.get("motivation", ""),
            "status": "submitted",
            "submitted_at": now,
            "phone": form.get("phone"),
            "preferred_language": form.get("preferred_language", "en"),
            "languages": [{"language": code, "level": level} for code, level in skills],
            "years_of_experience": int(form["years_of_experience"]),
            "contract_preference": form["contract_preference"],
            "expected_daily_rate": int(rate) if rate else None,
            "available_from": date.fromisoformat(available) if available else None,
            "consent_at": now,
            "screening": None,
            "cv": {"key": f"{uuid.uuid4().hex}.pdf", "media_type": "application/pdf", "size": len(cv)},
        }
        with engine.begin() as conn:
            conn.execute(applications.insert().values(row))
        return {"id": str(row["id"]), "status": "submitted"}, 201

    @app.get("/health/ready")
    def ready() -> tuple[dict, int]:
        return {"status": "ready"}, 200

    return app
