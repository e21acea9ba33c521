"""The README's promises about the repository and the development tools."""

import os
import re
import subprocess
import sys
from pathlib import Path

from app.mail import send_mail

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# A repository path in backquotes: `app/seed_year.py`, `docs/deploy.md`, `bench/data/`...
PATH = re.compile(r"`((?:app|docs|bench|tests|scripts|migrations|translations|\.ci)/[^`\s*<>{}]*)`")


def test_every_path_the_readme_names_exists():
    named = set(PATH.findall(README.read_text(encoding="utf-8")))
    assert len(named) > 10
    missing = sorted(p for p in named if not (ROOT / p.rstrip("/")).exists())
    assert not missing, missing


def test_the_readme_points_nowhere_outside_the_repository():
    text = README.read_text(encoding="utf-8")
    assert "../" not in text and "/work/" not in text


def test_mail_show_lists_the_outbox_and_prints_the_last_mail(app, make_user):
    user = make_user(email="lecteur@example.org")
    send_mail(user.email, "verify_email", "fr_CA", user=user, link="http://x.example/v/1")
    send_mail(user.email, "verify_email", "en_CA", user=user, link="http://x.example/v/2")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mail", "show", "--last"])
    assert result.exit_code == 0, result.output
    listed = [line for line in result.output.splitlines() if line.startswith("#")]
    assert len(listed) >= 2 and "lecteur@example.org" in listed[0]
    assert "To: lecteur@example.org" in result.output and "Subject: " in result.output
    assert "http://x.example/v/2" in result.output  # the last one, with its link
    assert "http://x.example/v/1" not in result.output.split("To: ")[1]
    only = runner.invoke(args=["mail", "show", "--to", "nobody@example.org"])
    assert only.exit_code == 0 and "no mail yet" in only.output


def test_default_public_url_follows_the_port_flask_runs_on():
    env = {k: v for k, v in os.environ.items() if k != "PUBLIC_URL"}
    env.update(FLASK_RUN_HOST="127.0.0.1", FLASK_RUN_PORT="5150")
    code = "from app.config import Config; print(Config.PUBLIC_URL)"
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "http://127.0.0.1:5150"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PUBLIC_URL ?= http://$(HOST):$(PORT)" in makefile and "export PUBLIC_URL" in makefile
