"""Full page or fragment: one URL, one template."""


def test_fragment_for_htmx_and_full_page_otherwise(client, auth, make_user):
    from app.models import Role

    admin = make_user(Role.ADMIN, full_name="Ada Admin")
    make_user(Role.STAFF, full_name="Sam Staff")
    auth.login(admin)
    full = client.get("/programme/admin/comptes?q=sam")
    assert "<html" in full.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"]
    frag = client.get("/programme/admin/comptes?q=sam", headers={"HX-Request": "true"})
    html = frag.get_data(as_text=True)
    assert "<html" not in html
    assert "Sam Staff" in html and "Ada Admin" not in html
    assert 'id="flash-region"' in html and 'hx-swap-oob="true"' in html
    assert "HX-Request" in frag.headers["Vary"]
    boosted = client.get(
        "/programme/admin/comptes?q=sam", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert "<html" in boosted.get_data(as_text=True)
    restore = client.get(
        "/programme/admin/comptes",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.get_data(as_text=True)


def test_municipality_options_fragment(client, reference):
    r = client.get("/regions/municipalites?region=02", headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert "<html" not in html
    assert ">Alma</option>" in html and "Sherbrooke" not in html
    assert (
        client.get("/regions/municipalites?region=99").get_data(as_text=True).count("<option") == 1
    )
