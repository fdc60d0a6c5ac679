"""/alerts over a real HTTP server: reading and writing need RAADSLENS_TOKEN as a bearer token."""

from __future__ import annotations

import httpx
import pytest
from alerts_support import copy_db, serve_app

TOKEN = "een-lang-geheim-token"


@pytest.fixture(scope="module")
def api(corpus_db, tmp_path_factory):
    """The app on a private copy of the corpus database, with a token configured."""
    from raadslens.search_api.web import auth
    from raadslens.search_api.web.app import create_app

    db = copy_db(corpus_db, tmp_path_factory.mktemp("alerts_api") / "raadslens.db")
    app = create_app(db)
    auth.install(app.state, TOKEN)
    url, srv, thread = serve_app(app)
    with httpx.Client(base_url=url, timeout=30) as c:
        yield c
    srv.should_exit = True
    thread.join(timeout=10)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writing_needs_the_token(api):
    body = {"name": "vtt", "query": "veilig thuis", "webhook": "http://127.0.0.1:9/hook"}
    for headers in ({}, bearer("fout"), bearer(TOKEN + "x"), {"Authorization": TOKEN}):
        r = api.post("/alerts", json=body, headers=headers)
        assert r.status_code == 401, (headers, r.text)
        assert "token" in r.json()["detail"] and r.headers["www-authenticate"] == "Bearer"
    assert api.post("/alerts", json={"name": ""}).status_code == 401  # the token is checked before the body
    assert api.get("/alerts", headers=bearer(TOKEN)).json()["total"] == 0  # nothing was stored by the refused requests

    r = api.post("/alerts", json=body, headers=bearer(TOKEN))
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "vtt" and r.json()["webhook"] == body["webhook"] and r.json()["doc_type"] is None
    listed = api.get("/alerts", headers=bearer(TOKEN)).json()
    assert [a["name"] for a in listed["alerts"]] == ["vtt"]
    assert api.get("/alerts/vtt", headers=bearer(TOKEN)).json()["deliveries"] == []

    again = api.post("/alerts", json=body, headers=bearer(TOKEN))
    assert again.status_code == 409 and "al een abonnement" in again.json()["detail"]

    assert api.delete("/alerts/vtt").status_code == 401
    for path in ("/alerts", "/alerts/vtt"):  # the subscribers' addresses are not public
        assert api.get(path).status_code == 401 and api.get(path, headers=bearer("fout")).status_code == 401
    assert api.delete("/alerts/vtt", headers=bearer("fout")).status_code == 401
    assert api.delete("/alerts/vtt", headers=bearer(TOKEN)).status_code == 204
    gone = api.delete("/alerts/vtt", headers=bearer(TOKEN))
    assert gone.status_code == 404 and "geen abonnement" in gone.json()["detail"]
    assert api.get("/alerts/vtt", headers=bearer(TOKEN)).status_code == 404


@pytest.mark.parametrize("body, words", [
    ({"name": "kapot", "query": '"veilig thuis'}, "aanhalingsteken"),
    ({"name": "kapot", "query": "jeugd", "email": "geen-adres"}, "e-mailadres"),
    ({"name": "kapot", "query": "jeugd", "webhook": "ftp://x"}, "webhook"),
    ({"name": "met spatie", "query": "jeugd"}, "naam"),
    ({"name": "kapot", "query": "jeugd", "dossier": "bestaat-niet"}, "geen dossier"),
    ({"name": "kapot", "query": "jeugd", "doc_type": 3}, "string"),
])
def test_a_malformed_saved_search_is_refused_with_a_message(api, body, words):
    r = api.post("/alerts", json=body, headers=bearer(TOKEN))
    assert r.status_code in (400, 404, 422), r.text
    assert words in str(r.json()["detail"])
    assert api.get("/alerts", headers=bearer(TOKEN)).json()["total"] == 0


def test_without_a_token_configured_writing_is_off(client):
    r = client.post("/alerts", json={"name": "vtt", "query": "veilig thuis"},
                    headers=bearer("wat-dan-ook"))
    assert r.status_code == 403 and "uitgeschakeld" in r.json()["detail"]
    assert client.delete("/alerts/vtt", headers=bearer("x")).status_code == 403
    assert client.get("/alerts").status_code == 403  # the list shows subscribers' addresses: off as well
