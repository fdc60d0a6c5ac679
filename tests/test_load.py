"""A short load test: 20 clients against a real `raadslens serve` process while an ingest writes.

The server reads a copy of the corpus database while a second process ingests
more real documents into the same file, so readers and the single writer meet.
Counted: answers by status, transport errors, latency quantiles (printed, never
asserted: speed is measured by the benchmark, not by tests).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from conftest import REALWORLD, _free_port

pytestmark = pytest.mark.reliability

CLIENTS = 20
REQUESTS = int(os.environ.get("RAADSLENS_LOAD_REQUESTS", "1000"))  # `make reliability` sends 5,000
PATHS = [
    "/search?q=jeugd", "/search?q=%22veilig%20thuis%22", "/search?q=begroting&limit=50&offset=10",
    "/amounts?limit=100", "/amounts?min=100000&subject=VTT", "/documents", "/timeline?q=kerntaken",
    "/ask?q=Wat%20is%20het%20bedrag%20voor%20VTT%3F", "/versions", "/dossiers", "/zoeken?q=jeugd",
    "/search?q=" + "x" * 1001,  # over the length limit: a 422, not a 5xx
]
EXTRA = ["was_bw_besluitenlijst_2022-05-24", "was_bw_besluitenlijst_2022-10-18", "ovr_statenbrief_ppe_2022-11-27",
         "ovr_verslag_bo_zsdz_2024-02-08", "nh_memo_gs_jaagweg_2021-06_definitief"]


def copy_db(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"raadslens serve stopped: {proc.stderr.read() if proc.stderr else ''}")
        try:
            if httpx.get(url + "/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("raadslens serve did not start")


def test_twenty_clients_during_an_ingest_get_no_errors(corpus_db, tmp_path):
    db = tmp_path / "load.db"
    copy_db(corpus_db, db)
    extra = tmp_path / "extra"
    extra.mkdir()
    for name in EXTRA:
        (extra / f"{name}.pdf").write_bytes((REALWORLD / f"{name}.pdf").read_bytes())
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen([sys.executable, "-m", "raadslens", "serve", "--db", str(db), "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(url, serve)
        statuses: Counter[str] = Counter()
        latencies: list[float] = []
        lock = threading.Lock()
        per_client = REQUESTS // CLIENTS

        def client(k: int) -> None:
            with httpx.Client(base_url=url, timeout=60) as c:
                for i in range(per_client):
                    path = PATHS[(k + i) % len(PATHS)]
                    t0 = time.perf_counter()
                    try:
                        status = str(c.get(path).status_code)
                    except httpx.TransportError as e:
                        status = type(e).__name__
                    with lock:
                        statuses[status] += 1
                        latencies.append(time.perf_counter() - t0)

        ingest = subprocess.Popen([sys.executable, "-m", "raadslens", "ingest", str(extra), "--db", str(db),
                                   "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out, errors = ingest.communicate(timeout=300)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    q = statistics.quantiles(latencies, n=100)
    print(f"load: {sum(statuses.values())} requests from {CLIENTS} clients during an ingest:"
          f" {dict(sorted(statuses.items()))}; p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms")
    assert sum(statuses.values()) == per_client * CLIENTS
    assert set(statuses) <= {"200", "422"}, statuses  # no 5xx, no dropped connection, no 404 on a real path
    assert statuses["422"] == sum(1 for k in range(CLIENTS) for i in range(per_client)
                                  if PATHS[(k + i) % len(PATHS)].endswith("x" * 1001))
    assert ingest.returncode == 0 and f"{len(EXTRA)} documents" in out, errors
