"""One error handler for both outputs: JSON for API clients, an HTML page for a browser."""

from __future__ import annotations


def test_api_clients_get_json_errors(client):
    r = client.get("/documents/does-not-exist")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert "does-not-exist" in r.json()["detail"]
    r = client.get("/search", params={"q": '"unbalanced'})
    assert r.status_code == 400 and "quote" in r.json()["detail"]


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
