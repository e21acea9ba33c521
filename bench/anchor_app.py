"""The load benchmark's anchors: what the cheapest Flask pages cost on this machine, this run.

Served by gunicorn with the project's gunicorn.conf.py, like the portal:
- `/hello`: a Flask hello-world (no database, no template);
- `/rows`: a minimal Flask-SQLAlchemy page, 20 published jobs joined with their employer, rendered
  by a Jinja template (the floor of any page of the portal that lists rows from the database).

DATABASE_URL names the same database as the portal under test.
"""

import os

from flask import Flask, render_template_string
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

ROWS = text(
    "SELECT j.id, j.title_fr, o.name FROM jobs j "
    "JOIN employer_organisations o ON o.id = j.organisation_id "
    "WHERE j.status = 'published' ORDER BY j.published_at DESC, j.id DESC LIMIT 20"
)
PAGE = """<!doctype html><html lang="fr"><title>Postes</title><ul>
{% for id, title, org in rows %}<li><a href="/postes/{{ id }}">{{ title }}</a> — {{ org }}</li>
{% endfor %}</ul></html>"""


def create_anchor_app(database_url: str) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    db = SQLAlchemy(app)

    @app.get("/hello")
    def hello():
        return "Hello, World!"

    @app.get("/rows")
    def rows():
        return render_template_string(PAGE, rows=db.session.execute(ROWS).all())

    @app.get("/healthz")
    def healthz():
        return "ok"

    return app


app = create_anchor_app(os.environ.get("DATABASE_URL", "sqlite://"))
