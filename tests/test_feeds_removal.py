"""A removed document: gone from search and versions, a tombstone in the change feed, added again on re-ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import CORPUS

from raadslens import pipeline
from raadslens.search_api.alerts import feeds
from raadslens.search_api.answers.search import search
from raadslens.search_api.store import open_store

CONCEPT = CORPUS / "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"
FINAL = CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf"


def test_a_removed_document_is_a_tombstone_in_the_change_feed(tmp_path):
    db = tmp_path / "raadslens.db"
    store = open_store(db)
    assert pipeline.ingest([CONCEPT, FINAL], store, workers=1, ocr=False).documents == 2
    assert any(len(chain) == 2 for chain in store.version_chains())
    ids = {r["id"]: r["filename"] for r in store.list_documents()}
    concept = next(i for i, name in ids.items() if name == CONCEPT.name)
    before = store.last_change()
    store.close()

    env = {**os.environ, "RAADSLENS_DB": str(db)}
    r = subprocess.run([sys.executable, "-m", "raadslens", "remove", concept], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0 and concept in r.stdout, r.stderr
    again = subprocess.run([sys.executable, "-m", "raadslens", "remove", concept], capture_output=True, text=True,
                           timeout=120, env=env)
    assert again.returncode == 1 and "no document" in again.stderr

    store = open_store(db)
    try:
        assert store.get_document(concept) is None and store.get_mentions(concept) == []
        hits = search(store, "veilig thuis", limit=100)["hits"]
        assert hits and all(h["document_id"] != concept for h in hits)
        assert all(len(chain) == 1 for chain in store.version_chains())
        lines = [json.loads(x) for x in feeds.change_feed(store, before)]
        assert lines == [{"cursor": before + 1, "at": lines[0]["at"], "entity": "document", "id": concept,
                          "op": "removed"}]  # a tombstone: the id, nothing else
        everything = [json.loads(x) for x in feeds.change_feed(store, 0)]
        assert [(x["id"], x["op"]) for x in everything if x["id"] == concept] == [(concept, "added"), (concept, "removed")]
        assert next(x for x in everything if x["id"] == concept)["document"] is None  # its 'added' no longer resolves

        assert pipeline.ingest([CONCEPT], store, workers=1, ocr=False).documents == 1  # it can come back
        assert [json.loads(x)["op"] for x in feeds.change_feed(store, before)] == ["removed", "added"]
        assert any(len(chain) == 2 for chain in store.version_chains())
    finally:
        store.close()
