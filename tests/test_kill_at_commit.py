"""A kill at any commit point of an ingest, then a rerun, gives the same database as a clean run.

Every commit point is tried, not random moments (tests/reliability/kill_at_commit.py
counts them and exits like kill -9 right after the Nth). The folder holds a version
pair (so the chains must be rebuilt), two other real documents and a broken file
(so the failures table is written too).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import REALWORLD

HERE = Path(__file__).parent
KILLER = HERE / "reliability" / "kill_at_commit.py"
FILES = ["was_bw_besluitenlijst_2023-03-07_a", "was_bw_besluitenlijst_2023-03-07_b",
         "ovr_statenbrief_ppe_2022-11-27", "nh_inventarislijst_jaagweg_2021-jun-aug"]
pytestmark = pytest.mark.reliability
QUERIES = ["besluit", "windenergie", "inventarislijst jaagweg", '"burgemeester en wethouders"']


def run(db: Path, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(KILLER), "ingest", str(folder), "--db", str(db), "--workers", "1"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, **env})


def dump(db: Path) -> dict[str, Any]:
    """What a user can see of the database, without the times it was written."""
    conn = sqlite3.connect(db)
    q = lambda sql: [tuple(r) for r in conn.execute(sql)]  # noqa: E731
    state = {
        "documents": q("SELECT id, sha256, path, filename, title, doc_type, date, zaaknummer, metadata, status,"
                       " warnings, page_count, organisation FROM documents ORDER BY id"),
        "pages": q("SELECT document_id, number, text, blocks, ocr, needs_ocr, notes FROM pages"
                   " ORDER BY document_id, number"),
        "mentions": q('SELECT document_id, page, kind, start, "end", text, value, subject, block, flag'
                      ' FROM mentions ORDER BY document_id, page, start, kind, "end"'),
        "versions": q("SELECT document_id, chain, position, round(similarity, 6) FROM versions ORDER BY document_id"),
        "similar": q("SELECT a, b, round(similarity, 6) FROM similar ORDER BY a, b"),
        "failures": q("SELECT path, sha256, error FROM failures ORDER BY path"),
        "changes": sorted(q("SELECT entity, id, op FROM change_log")),
        "fts": q("SELECT p.document_id, p.number, f.stemmed FROM pages_fts f JOIN pages p ON p.id = f.rowid"
                 " ORDER BY p.document_id, p.number"),
        "stale": q("SELECT key FROM meta ORDER BY key"),
    }
    conn.close()
    for query in QUERIES:  # the ranked search over the postings, through the real command
        out = subprocess.run([sys.executable, "-m", "raadslens", "search", query, "--db", str(db), "--json"],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        hits = json.loads(out.stdout)["hits"]
        state[f"search {query}"] = [(h["document_id"], h["page"], round(h["score"], 9)) for h in hits]
    return state


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(REALWORLD / f"{name}.pdf", folder / f"{name}.pdf")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 cut off")
    return folder


def test_kill_at_every_commit_point_then_rerun_gives_the_clean_database(folder, tmp_path):
    clean, count_file = tmp_path / "clean.db", tmp_path / "count"
    first = run(clean, folder, {"RAADSLENS_COMMIT_COUNT_FILE": str(count_file)})
    assert first.returncode == 0, first.stderr
    points = int(count_file.read_text())
    assert points >= 10  # schema, four documents, a failure, the index merge, postings, chains
    expected = dump(clean)
    assert len(expected["documents"]) == 4 and expected["versions"] and not expected["stale"]

    def crash_and_rerun(n: int) -> tuple[int, list[str]]:
        db = tmp_path / f"k{n}.db"
        crashed = run(db, folder, {"RAADSLENS_KILL_AFTER_COMMIT": str(n)})
        assert crashed.returncode == 137, (n, crashed.returncode, crashed.stderr[-500:])
        again = run(db, folder, {})
        assert again.returncode == 0, (n, again.stderr[-500:])
        got = dump(db)
        for f in db.parent.glob(f"{db.name}*"):
            f.unlink()
        return n, [k for k in expected if got[k] != expected[k]]

    with ThreadPoolExecutor(max_workers=2) as pool:  # two subprocesses at a time (2 cores)
        differences = {n: keys for n, keys in pool.map(crash_and_rerun, range(1, points)) if keys}
    assert differences == {}, f"of {points - 1} kill points these left a different database: {differences}"
    print(f"kill at every commit point: {points - 1} points, {points - 1} reruns gave the clean database")
