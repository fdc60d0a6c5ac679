"""`raadslens alerts …`, the alerts run after `ingest`, and `raadslens export`, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from alerts_support import Receiver, copy_db
from conftest import CORPUS

from raadslens import pipeline
from raadslens.search_api.store import open_store

FINAL = CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf"
CONCEPT = CORPUS / "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"


def raadslens(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raadslens", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


@pytest.fixture(scope="module")
def concept_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("alerts_cli") / "concept.db"
    store = open_store(db)
    assert pipeline.ingest([CONCEPT], store, workers=1, ocr=False).documents == 1
    store.close()
    return db


def test_alerts_from_the_command_line_and_after_ingest(concept_db, tmp_path):
    receiver = Receiver().start()
    try:
        db = copy_db(concept_db, tmp_path / "raadslens.db")
        env = {"RAADSLENS_DB": str(db), "RAADSLENS_WEBHOOK_SECRET": "s", "RAADSLENS_BASE_URL": "https://r.example"}
        bad = raadslens("alerts", "add", "--name", "x", "--query", '"open', env=env)
        assert bad.returncode == 2 and "aanhalingsteken" in bad.stderr
        ok = raadslens("alerts", "add", "--name", "vtt", "--query", "veilig thuis", "--webhook", receiver.url, env=env)
        assert ok.returncode == 0 and "1 documents match now" in ok.stdout, ok.stderr
        assert raadslens("alerts", "add", "--name", "vtt", "--query", "x", env=env).returncode == 2
        listed = raadslens("alerts", "list", env=env)
        assert listed.returncode == 0 and "vtt: 'veilig thuis'" in listed.stdout and receiver.url in listed.stdout

        ingested = raadslens("ingest", str(FINAL), "--workers", "1", "--no-ocr", env=env)
        assert ingested.returncode == 0, ingested.stderr
        [payload] = receiver.payloads()
        assert payload["alert"] == "vtt" and payload["documents"][0]["url"].startswith("https://r.example/documenten/")
        # not a terminal: one plain line per event, with a UTC time stamp
        events = [line for line in ingested.stderr.splitlines() if " alerts " in line]
        assert events and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ alerts ", line) for line in events)
        assert any("sent webhook to " + receiver.url in line for line in events)
        assert "\x1b[" not in ingested.stderr

        again = raadslens("alerts", "run", env=env)
        assert again.returncode == 0 and "0 notifications, 0 sent" in again.stderr
        assert len(receiver.requests) == 1

        as_json = json.loads(raadslens("alerts", "list", "--json", env=env).stdout)
        assert as_json[0]["name"] == "vtt" and as_json[0]["last_error"] is None
        assert raadslens("alerts", "remove", "vtt", env=env).returncode == 0
        gone = raadslens("alerts", "remove", "vtt", env=env)
        assert gone.returncode == 1 and "geen abonnement" in gone.stderr
    finally:
        receiver.stop()


def test_alerts_run_reports_a_failed_delivery_with_exit_1(concept_db, tmp_path):
    db = copy_db(concept_db, tmp_path / "raadslens.db")
    env = {"RAADSLENS_DB": str(db)}
    assert raadslens("alerts", "add", "--name", "mail", "--query", "veilig thuis", "--email", "a@example.nl",
                     env=env).returncode == 0
    store = open_store(db)
    pipeline.ingest([FINAL], store, workers=1, ocr=False)
    store.close()
    r = raadslens("alerts", "run", env={**env, "RAADSLENS_SMTP_HOST": ""})  # no mail server configured
    assert r.returncode == 1 and "geen mailserver ingesteld" in r.stderr and "will retry on the next run" in r.stderr


def test_export_streams_documents_mentions_and_amounts(corpus_db, documents):
    env = {"RAADSLENS_DB": str(corpus_db)}
    r = raadslens("export", "--format", "ndjson", env=env)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    by_type: dict[str, list[dict]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row)
    assert {d["id"] for d in by_type["document"]} == {d["id"] for d in documents.values()}
    assert {m["kind"] for m in by_type["mention"]} >= {"date", "money", "zaaknummer"}
    assert by_type["amount"] and all("quote" in a and "document_id" in a for a in by_type["amount"])
    first_doc = rows.index(by_type["document"][0])
    assert rows[first_doc + 1]["type"] == "mention" and rows[first_doc + 1]["document_id"] == rows[first_doc]["id"]

    for what, key in (("documents", "id"), ("mentions", "kind"), ("amounts", "document")):
        out = raadslens("export", "--format", "csv", "--what", what, env=env)
        assert out.returncode == 0, out.stderr
        table = list(csv.DictReader(io.StringIO(out.stdout)))
        assert table and all(row[key] for row in table)
    assert len(list(csv.DictReader(io.StringIO(raadslens("export", "--format", "csv", "--what", "mentions",
                                                         env=env).stdout)))) == len(by_type["mention"])
    bad = raadslens("export", "--format", "xml", env=env)
    assert bad.returncode == 2 and "unknown format" in bad.stderr
