"""Follow every link each demo account can see, in both languages: no page may fail."""

import re
from collections import deque

import pytest

from app.extensions import db
from app.seed import DEMO_ACCOUNTS, seed_demo
from tests.conftest import sign_in_demo

LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/deconnexion", "fichier", "affiche", ".vtt", ".ics", "/cv")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_linked_page_renders_for_every_role(app, lang):
    seed_demo()
    db.session.commit()
    for account in [None, *DEMO_ACCOUNTS]:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
        if account:
            assert sign_in_demo(client, account.email).status_code == 303
            client.post("/langue", data={"lang": f"{lang}_CA", "next": "/"})
        seen, queue = set(), deque(["/", "/tableau-de-bord"])
        while queue and len(seen) < 60:
            path = queue.popleft()
            if path in seen or any(s in path for s in SKIP):
                continue
            seen.add(path)
            response = client.get(path)
            assert response.status_code < 500, (account and account.email, path)
            if response.status_code == 200 and response.mimetype == "text/html":
                queue.extend(LINK.findall(response.get_data(as_text=True)))
        assert len(seen) > 5
