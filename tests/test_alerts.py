"""Saved searches that notify: real PDFs ingested into a real SQLite file, a real SMTP server (aiosmtpd,
STARTTLS) and real webhook receivers (http.server), one of which answers 500 and one of which hangs."""

from __future__ import annotations

import hashlib
import hmac
import time
from email import message_from_bytes
from email.policy import default as email_policy

import pytest
from alerts_support import Receiver, copy_db, smtp_server
from conftest import CORPUS

from raadslens import pipeline
from raadslens.search_api.alerts import run as alerts_run
from raadslens.search_api.alerts import saved
from raadslens.search_api.alerts.deliver import SIGNATURE_HEADER, Delivery, Mailer
from raadslens.search_api.store import open_store

FIRST = ["2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf",
         "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"]
FINAL = CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf"
SECRET = "webhook-geheim"
FAST = dict(attempts=2, backoff=0.01, timeout=1.0)


@pytest.fixture(scope="module")
def before_db(tmp_path_factory):
    """The letter and the concept report stored; the final report (a new version) not yet."""
    db = tmp_path_factory.mktemp("alerts") / "before.db"
    store = open_store(db)
    summary = pipeline.ingest([CORPUS / f for f in FIRST], store, workers=1, ocr=False)
    store.close()
    assert summary.documents == 2
    return db


@pytest.fixture
def store(before_db, tmp_path):
    s = open_store(copy_db(before_db, tmp_path / "raadslens.db"))
    yield s
    s.close()


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


def ingest_final(store) -> str:
    before = set(store.document_hashes())
    summary = pipeline.ingest([FINAL], store, workers=1, ocr=False)
    assert summary.documents == 1
    [new] = set(store.document_hashes()) - before
    return new


def test_a_new_version_sends_one_notification_by_webhook_and_email(store, receiver, tmp_path):
    controller, box, client_tls = smtp_server(tmp_path)
    try:
        how = Delivery(mailer=Mailer("127.0.0.1", controller.port, tls=client_tls, timeout=5), secret=SECRET, **FAST)
        saved.add(store, {"name": "vtt", "query": "veilig thuis", "email": "griffie@example.nl",
                          "webhook": receiver.url})
        first = alerts_run.run(store, how, base_url="http://raadslens.test")
        assert (first.notifications, first.sent, receiver.requests, box.messages) == (0, 0, [], [])  # not news

        final = ingest_final(store)
        report = alerts_run.run(store, how, base_url="http://raadslens.test")
        assert (report.notifications, report.sent, report.failed) == (1, 2, 0), report

        [request] = receiver.requests
        body = request["body"]
        assert request["headers"][SIGNATURE_HEADER] == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        [payload] = receiver.payloads()
        [doc] = payload["documents"]
        assert doc["document_id"] == final and doc["date"] == "2025-03-13" and doc["title"].startswith("Samen goed")
        assert doc["pages"] and all(p["url"].startswith(f"http://raadslens.test/documenten/{final}/pagina/")
                                    for p in doc["pages"])
        assert any("Veilig Thuis" in p["quote"] or "VTT" in p["quote"] for p in doc["pages"])
        vtt = [c for c in doc["amount_changes"] if c["subject"] == "Veilig Thuis Twente" and c["kind"] == "changed"]
        assert vtt and vtt[0]["from"]["amount_cents"] == 85_000_000 and vtt[0]["to"]["amount_cents"] == 98_300_000
        assert vtt[0]["delta_cents"] == 13_300_000

        [envelope] = box.messages
        mail = message_from_bytes(envelope.content, policy=email_policy)
        assert envelope.rcpt_tos == ["griffie@example.nl"] and "vtt" in mail["Subject"]
        text = mail.get_content()
        assert f"http://raadslens.test/documenten/{final}/pagina/" in text and "€ 850.000 → € 983.000" in text

        # nothing twice: the next run, and a run after a restart, send nothing
        assert alerts_run.run(store, how).notifications == 0
        url = store.url
        store.close()
        again = open_store(url)
        try:
            assert alerts_run.run(again, how).as_dict() == {"checked": 1, "notifications": 0, "sent": 0,
                                                            "failed": 0, "errors": []}
            assert [d["status"] for d in again.deliveries("vtt")] == ["sent", "sent"]
        finally:
            again.close()
        assert len(receiver.requests) == 1 and len(box.messages) == 1
    finally:
        controller.stop()


def test_a_failing_webhook_is_retried_recorded_and_sent_later_once(store, receiver):
    receiver.mode = "error"
    how = Delivery(secret=SECRET, **FAST)
    saved.add(store, {"name": "jeugd", "query": "veilig thuis", "webhook": receiver.url})
    ingest_final(store)
    lines: list[str] = []
    report = alerts_run.run(store, how, log=lines.append)
    assert (report.notifications, report.sent, report.failed) == (1, 0, 1)
    assert len(receiver.requests) == FAST["attempts"]  # retried within the run
    [d] = store.deliveries("jeugd")
    assert d["status"] == "pending" and d["attempts"] == 2 and d["last_error"] == "webhook antwoordde 500"
    assert any("failed after 2 tries: webhook antwoordde 500" in line for line in lines)

    receiver.mode = "ok"  # the receiver is back: the next run delivers the queued notification, once
    report = alerts_run.run(store, how)
    assert (report.notifications, report.sent) == (0, 1)
    [d] = store.deliveries("jeugd")
    assert d["status"] == "sent" and d["attempts"] == 3 and d["last_error"] is None
    bodies = {r["body"] for r in receiver.requests}
    assert len(bodies) == 1  # every try carried the same notification
    assert alerts_run.run(store, how).sent == 0


def test_a_hanging_webhook_is_cut_off_by_the_timeout(store, receiver):
    receiver.mode, receiver.hang = "hang", 5.0
    saved.add(store, {"name": "traag", "query": "veilig thuis", "webhook": receiver.url})
    ingest_final(store)
    t0 = time.monotonic()
    report = alerts_run.run(store, Delivery(attempts=2, backoff=0.01, timeout=0.5))
    assert time.monotonic() - t0 < 4  # two tries of 0.5 s, not two of 5 s
    assert report.failed == 1
    [d] = store.deliveries("traag")
    assert d["status"] == "pending" and "tijdslimiet" in (d["last_error"] or "")


def test_a_broken_mail_server_or_saved_search_is_recorded_and_the_rest_goes_on(store, receiver, tmp_path):
    controller, _, client_tls = smtp_server(tmp_path, starttls=False)  # a server that offers no STARTTLS
    try:
        how = Delivery(mailer=Mailer("127.0.0.1", controller.port, tls=client_tls, timeout=5), **FAST)
        saved.add(store, {"name": "mail", "query": "veilig thuis", "email": "a@example.nl"})
        saved.add(store, {"name": "hook", "query": "veilig thuis", "webhook": receiver.url})
        # a saved search that cannot run (stored by an older version, or edited in the database)
        assert store.add_alert({"name": "kapot", "query": '"veilig thuis'})
        ingest_final(store)
        report = alerts_run.run(store, how)
        assert report.checked == 3 and report.notifications == 2 and report.sent == 1 and report.failed == 1
        assert [a for a, _ in report.errors] == ["kapot"] and "aanhalingsteken" in report.errors[0][1]
        assert "aanhalingsteken" in (store.get_alert("kapot") or {}).get("last_error", "")
        [mail] = store.deliveries("mail")
        assert mail["status"] == "pending" and "STARTTLS" in (mail["last_error"] or "")
        assert len(receiver.requests) == 1
    finally:
        controller.stop()


def test_nothing_is_queued_twice_for_a_document_already_reported(store):
    saved.add(store, {"name": "x", "query": "veilig thuis"})
    final = ingest_final(store)
    assert store.queue_notification("x", [final], [("log", None, {"documents": [final]})])
    assert store.queue_notification("x", [final], [("log", None, {"documents": [final]})]) == []
    assert len(store.deliveries("x")) == 1


def test_two_runs_at_once_send_each_notification_once(store, receiver):
    import threading

    receiver.mode, receiver.hang = "hang", 0.5  # a slow receiver that answers 200: the runs overlap
    saved.add(store, {"name": "samen", "query": "veilig thuis", "webhook": receiver.url})
    ingest_final(store)
    reports = []

    def one_run() -> None:
        own = open_store(store.url)  # each run its own store, as a watcher and a cron job would have
        try:
            reports.append(alerts_run.run(own, Delivery(attempts=1, timeout=5)))
        finally:
            own.close()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(reports) == 2 and not any(r.errors for r in reports), reports
    assert sum(r.notifications for r in reports) == 1 and sum(r.sent for r in reports) == 1
    assert len(receiver.requests) == 1
    assert [d["status"] for d in store.deliveries("samen")] == ["sent"]


def test_a_type_filter_and_a_database_from_the_first_version_of_the_tables(store):
    saved.add(store, {"name": "brieven", "query": "veilig thuis", "doc_type": "raadsinformatiebrief"})
    saved.add(store, {"name": "rapporten", "query": "veilig thuis", "doc_type": "rapport"})
    ingest_final(store)  # a rapport
    report = alerts_run.run(store, Delivery(**FAST))
    assert report.notifications == 1
    assert [d["payload"]["filters"] for d in store.deliveries("rapporten")] == [{"doc_type": "rapport"}]
    assert store.deliveries("brieven") == []

    import sqlite3

    url = store.url
    with sqlite3.connect(url) as c:  # drop the columns added after the first version
        c.execute("ALTER TABLE alerts DROP COLUMN doc_type")
        c.execute("ALTER TABLE alert_deliveries DROP COLUMN claimed_at")
    again = open_store(url)
    try:
        assert {a["name"]: a["doc_type"] for a in again.list_alerts()} == {"brieven": None, "rapporten": None}
        assert alerts_run.run(again, Delivery(**FAST)).errors == []
    finally:
        again.close()
