"""One error handler for both outputs: JSON for API clients, an HTML page for a browser."""

from __future__ import annotations


def test_api_clients_get_json_errors(client):
    r = client.get("/documents/does-not-exist")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert "does-not-exist" in r.json()["detail"]
    r = client.get("/search", params={"q": '"unbalanced'})
    assert r.status_code == 400 and "aanhalingsteken" in r.json()["detail"]


def test_a_browser_gets_an_html_page_with_the_message(client):
    html = {"accept": "text/html,application/xhtml+xml"}
    r = client.get("/documents/does-not-exist", headers=html)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "<h1>Niet gevonden</h1>" in r.text and "does-not-exist" in r.text and 'lang="nl"' in r.text
    r = client.get("/changes", params={"subject": "<script>x</script>"}, headers=html)
    assert r.status_code == 404 and "<script>" not in r.text  # the message is escaped


def test_an_unanswerable_question_lists_what_can_be_asked(client):
    r = client.get("/ask", params={"q": "Hoe laat is het?"})
    assert r.status_code == 422
    assert r.json()["detail"]["can_answer"] and r.json()["detail"]["message"]


def test_every_response_carries_the_security_headers(client, documents):
    doc_id = next(iter(documents.values()))["id"]
    for path in ("/", "/search?q=veilig", f"/documents/{doc_id}", "/documents/nope", "/amounts?min=inf"):
        r = client.get(path)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_a_foreign_host_header_is_refused(client):
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 gets nothing."""
    assert client.get("/documents", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/documents", headers={"Host": "localhost"}).status_code == 200


def test_no_server_path_is_shown_and_the_pdf_is_served_by_id(client, documents):
    doc = next(iter(documents.values()))
    body = client.get(f"/documents/{doc['id']}").text
    assert "/corpus/" not in body and '"path"' not in body
    pdf = client.get(client.get(f"/documents/{doc['id']}").json()["pdf_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/documents/nope/pdf").status_code == 404


DUTCH_WORDS = {"geef", "geen", "heeft", "kies", "onbekend", "moet", "zie", "bijvoorbeeld", "woorden", "aanhalingsteken"}


def test_api_errors_speak_dutch(client):
    """An error a person reads is Dutch: a few Dutch function words are in every message."""
    cases = [("/changes", {}), ("/changes", {"document": "nope"}), ("/search", {"q": "OR"}),
             ("/search", {"q": "-jeugd"}), ("/search", {"q": "AND NOT"}), ("/timeline", {})]
    for path, params in cases:
        r = client.get(path, params=params)
        assert r.status_code in (400, 404), (path, params, r.status_code)
        words = set(str(r.json()["detail"]).lower().replace(":", " ").replace(";", " ").split())
        assert words & DUTCH_WORDS, (path, params, r.json()["detail"])


def test_the_openapi_documents_every_error_body_the_api_sends(client):
    """Every API operation lists its 400/404/422/503 bodies, and the bodies sent match them
    (a client generated from /openapi.json can read every error)."""
    from raadslens.search_api.web.errors import Error, Unprocessable

    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            assert {"400", "404", "422", "503"} <= set(op["responses"]), (method, path)
            if path.startswith("/alerts"):
                assert {"401", "403"} <= set(op["responses"]), (method, path)
    Error.model_validate(client.get("/search", params={"q": "OR"}).json())  # 400
    Error.model_validate(client.get("/documents/nope").json())  # 404
    Unprocessable.model_validate(client.get("/search", params={"q": "x", "limit": "abc"}).json())
    Unprocessable.model_validate(client.get("/ask", params={"q": "Hoe laat is het?"}).json())
    Error.model_validate(client.get("/alerts").json())  # 403 or 401: the subscriptions are guarded


def test_a_method_the_path_does_not_take_is_a_dutch_405_naming_every_method_it_does(client):
    """/alerts has a GET and a POST route: Starlette's own 405 listed only the first one in Allow."""
    r = client.request("OPTIONS", "/alerts")
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["allow"].split(",")} >= {"GET", "POST"}
    assert "niet toegestaan" in r.json()["detail"] and "POST" in r.json()["detail"]
    r = client.delete("/search", params={"q": "jeugd"})
    assert r.status_code == 405 and "DELETE" not in r.headers["allow"] and "GET" in r.headers["allow"]
