"""A version chain of three: concept → intermediate → final (issue 14, item 6).

The corpus holds the concept (VTT € 850.000) and the final report (€ 983.000). The intermediate
version is built here as a real PDF from the final report's own words (tests/version_support.py):
dated 12 februari 2025, VTT € 915.000, and its tables printed "x € 1.000" ("+915*" where the
other versions say "+€ 983.000*"). Through the real pipeline and a real HTTP server, the chain
must read 850.000 → 915.000 → 983.000 on every row that names VTT, with no row left unaligned.
"""

from __future__ import annotations

import shutil

import httpx
import pytest
from conftest import CORPUS, serving
from version_support import SCALE, write_version

from raadslens import pipeline
from raadslens.search_api.store import open_store

CONCEPT = "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"
FINAL = "2025-03-13_eindrapport_kerntakendiscussie.pdf"
MIDDLE = "2025-02-12_eindrapport_kerntakendiscussie_versie_2.pdf"
VTT = {CONCEPT: 85_000_000, MIDDLE: 91_500_000, FINAL: 98_300_000}  # cents


def _intermediate(line: str) -> str:
    return line.replace("983.000", "915.000").replace("Datum: 13 maart 2025", "Datum: 12 februari 2025")


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> tuple[httpx.Client, dict[str, str]]:
    folder = tmp_path_factory.mktemp("chain")
    for name in (CONCEPT, FINAL):
        shutil.copyfile(CORPUS / name, folder / name)
    write_version(CORPUS / FINAL, folder / MIDDLE, _intermediate, scaled_tables=True)
    db = folder / "chain.db"
    store = open_store(db)
    summary = pipeline.ingest([folder], store, workers=1, ocr=False)
    store.close()
    assert summary.failures == [] and summary.documents == 3
    with serving(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        ids = {d["filename"]: d["id"] for d in client.get("/documents").json()["documents"]}
        yield client, ids


def _vtt_rows(client: httpx.Client, doc_id: str) -> list[dict]:
    rows = client.get("/amounts", params={"document": doc_id, "subject": "VTT", "limit": 500}).json()["amounts"]
    return [r for r in rows if (r["cents"] or 0) > 0]


def test_the_intermediate_version_has_its_tables_in_thousands(chain):
    """The builder's PDF says what the test claims: a scale caption and cells without €."""
    client, ids = chain
    page = client.get(f"/documents/{ids[MIDDLE]}/pages/23").json()
    assert SCALE in page["text"] and "+915*" in page["text"] and "983.000" not in page["text"]


def test_the_three_versions_are_one_chain_in_date_order(chain):
    client, ids = chain
    chains = client.get("/versions").json()["chains"]
    assert [[d["id"] for d in c] for c in chains] == [[ids[CONCEPT], ids[MIDDLE], ids[FINAL]]]


def test_every_version_states_the_vtt_amount_on_the_same_rows(chain):
    """Running text (p13) and the tables (p23-25) in each version: the same pages, the version's amount."""
    client, ids = chain
    pages = {}
    for name, cents in VTT.items():
        rows = _vtt_rows(client, ids[name])
        assert {r["cents"] for r in rows} == {cents}, (name, rows)
        pages[name] = sorted(r["page"] for r in rows)
    assert pages[CONCEPT] == pages[MIDDLE] == pages[FINAL], pages


def test_the_chain_reads_850_915_983_with_no_row_unaligned(chain):
    client, ids = chain
    steps: dict[tuple[str, str], list[dict]] = {}
    for change in client.get("/changes", params={"subject": "VTT"}).json()["changes"]:
        steps.setdefault((change["from_document"]["id"], change["to_document"]["id"]), []).append(change)
    assert list(steps) == [(ids[CONCEPT], ids[MIDDLE]), (ids[MIDDLE], ids[FINAL])]
    for (old, new), found in steps.items():
        kinds = {c["kind"] for c in found}
        assert kinds == {"changed"}, [(c["kind"], c["from"] and c["from"]["page"], c["to"] and c["to"]["page"])
                                      for c in found]
        names = {v: k for k, v in ids.items()}
        for c in found:
            assert (c["from"]["amount_cents"], c["to"]["amount_cents"]) == (VTT[names[old]], VTT[names[new]])
        rows = sum(len(c["occurrences"]) for c in found)
        assert rows == len(_vtt_rows(client, old)) == len(_vtt_rows(client, new))
