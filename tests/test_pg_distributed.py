"""Distributed ingest on PostgreSQL (issue 17, item 4): `raadslens ingest DIR --db postgresql://…`
run by several real processes at once claims files from the queue table (FOR UPDATE SKIP
LOCKED); each document is stored once and none is lost; a process killed with kill -9
leaves a claim that expires (after queue.LEASE_S), and another process finishes its file; the index and the
version chains are computed after the batch by one leader."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from conftest import CORPUS

FILES = ["2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf",
         "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf",
         "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf",  # with the next: a version pair
         "2025-03-13_eindrapport_kerntakendiscussie.pdf"]


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    for name in FILES:
        shutil.copyfile(CORPUS / name, d / name)
    return d


def _ingest(folder: Path, url: str, cwd: Path) -> subprocess.Popen[str]:
    environ = {k: v for k, v in os.environ.items() if k != "RAADSLENS_DB"}
    return subprocess.Popen([sys.executable, "-m", "raadslens", "ingest", str(folder), "--db", url, "--workers", "1",
                             "--no-ocr", "-v"], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**environ, "HOME": str(cwd), "XDG_DATA_HOME": str(cwd / "xdg")})


def _finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, (proc.returncode, out, err)
    return out, err


def _stored(err: str) -> set[str]:
    return {Path(line.split(": ", 1)[1].split(" (")[0]).name for line in err.splitlines() if line.startswith("stored: ")}


def _check_database(url: str) -> None:
    """Every file stored once, the queue done, and the derived state (postings, versions) computed."""
    with psycopg.connect(url) as conn:
        docs = conn.execute("SELECT filename, count(*) FROM documents GROUP BY filename").fetchall()
        assert sorted(docs) == sorted((name, 1) for name in FILES)
        assert conn.execute("SELECT count(*), count(done_at) FROM ingest_queue").fetchone() == (len(FILES), len(FILES))
        assert conn.execute("SELECT value FROM meta WHERE key = 'derived'").fetchone() is None  # not stale
        pages = conn.execute("SELECT max(id) FROM pages").fetchone()[0]
        assert conn.execute("SELECT max(hi) FROM postings_segments").fetchone()[0] >= pages
        pairs = conn.execute('SELECT a, b FROM "similar"').fetchall()
        ids = dict(conn.execute("SELECT filename, id FROM documents").fetchall())
    concept, final = ids[FILES[2]], ids[FILES[3]]
    assert {concept, final} in [{a, b} for a, b in pairs], pairs


def test_two_processes_at_once_store_each_document_once(pg, folder, tmp_path):
    url = pg.create_database("distributed")
    a, b = _ingest(folder, url, tmp_path), _ingest(folder, url, tmp_path)
    (out_a, err_a), (out_b, err_b) = _finish(a), _finish(b)
    stored_a, stored_b = _stored(err_a), _stored(err_b)
    assert stored_a.isdisjoint(stored_b), (stored_a, stored_b)
    assert stored_a | stored_b == set(FILES), (err_a, err_b)
    for out, stored in ((out_a, stored_a), (out_b, stored_b)):
        assert out.startswith(f"{len(stored)} documents,") and f"{len(FILES) - len(stored)} already stored" in out
    _check_database(url)
    print(f"stored by the first process: {sorted(stored_a)}; by the second: {sorted(stored_b)}")


def test_a_process_killed_with_kill_9_leaves_a_claim_another_one_finishes(pg, folder, tmp_path):
    url = pg.create_database("killed")
    a = _ingest(folder, url, tmp_path)
    deadline = time.monotonic() + 120
    claimed: list[tuple[str, str]] = []
    with psycopg.connect(url, autocommit=True) as conn:
        while not claimed:
            assert time.monotonic() < deadline and a.poll() is None, "the first process claimed nothing"
            with contextlib.suppress(psycopg.errors.UndefinedTable):  # no schema yet
                claimed = conn.execute("SELECT sha256, claimed_by FROM ingest_queue WHERE done_at IS NULL"
                                       " AND claimed_by LIKE %s", (f"%:{a.pid}:%",)).fetchall()
            time.sleep(0.1)
        os.kill(a.pid, signal.SIGKILL)
        a.wait(timeout=10)
        open_claims = conn.execute("SELECT sha256 FROM ingest_queue WHERE done_at IS NULL AND claimed_by LIKE %s",
                                   (f"%:{a.pid}:%",)).fetchall()
    assert open_claims, "the killed process had finished its file: nothing to take over"
    b = _ingest(folder, url, tmp_path)
    _, err_b = _finish(b)
    with psycopg.connect(url) as conn:
        for (sha,) in open_claims:
            by, done, attempts = conn.execute("SELECT claimed_by, done_at, attempts FROM ingest_queue"
                                              " WHERE sha256 = %s", (sha,)).fetchone()
            assert done is not None and f":{b.pid}:" in by and attempts == 2  # claimed by the killed one, then b
            assert conn.execute("SELECT count(*) FROM documents WHERE sha256 = %s", (sha,)).fetchone()[0] == 1
    _check_database(url)
    assert _stored(err_b), err_b


def test_storing_a_document_waits_for_the_write_lock(pg, tmp_path):
    """Two processes storing similar documents at once both update the shared shingle counts;
    without one writer at a time their row locks crossed (a deadlock seen in CI). The store takes
    the write lock before it reads: while another session holds it, the save waits."""
    import threading

    from raadslens import pipeline
    from raadslens.search_api.store import open_store
    from raadslens.search_api.store.postgres.dialect import WRITE_LOCK

    url = pg.create_database("write_lock")
    outcome = pipeline.process_file(str(CORPUS / FILES[0]), ocr=False)
    assert outcome.document is not None and outcome.rows is not None
    store = open_store(url)
    saved: list[bool] = []
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))
        saver = threading.Thread(target=lambda: saved.append(store.save_document(outcome.document, outcome.rows)))
        saver.start()
        deadline = time.monotonic() + 120
        while not holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                 " AND objid = %s", (WRITE_LOCK,)).fetchone()[0]:
            assert saver.is_alive() and not saved, "the document was stored while another session held the write lock"
            assert time.monotonic() < deadline, "the save neither waited for the lock nor finished"
            time.sleep(0.05)
        assert not saved
        holder.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
    saver.join(timeout=120)
    store.close()
    assert saved == [True]
