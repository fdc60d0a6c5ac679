"""Hostile input through the real `raadslens ingest`: a verdict per file, bounded memory, no orphans.

The malformed PDFs come from `reliability/malformed.py` (deterministic by seed); the
full set, bombs included, also runs in `make reliability`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REALWORLD
from reliability.malformed import Case, cases, write

pytestmark = pytest.mark.reliability

SMALL_PDF = REALWORLD / "was_bw_besluitenlijst_2024-12-10.pdf"
# `make reliability` sets more seeds, and the full-size cases (a 6000-page file, large pages)
SEEDS = [int(s) for s in os.environ.get("RAADSLENS_MALFORMED_SEEDS", "7").split(",")]
FULL = os.environ.get("RAADSLENS_MALFORMED_FULL") == "1"
LIMIT_KB = 1024 * 1024  # the bound: peak RSS of any process of the ingest <= 1 GB


def ingest(*args: str, timeout: float = 600) -> tuple[subprocess.CompletedProcess, int]:
    """Run `raadslens ingest` and return it with the peak RSS (kB) of its largest process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(r.returncode)\n"
    )
    r = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "raadslens", "ingest", *args],
                       capture_output=True, text=True, timeout=timeout)
    *lines, peak = r.stderr.rstrip("\n").split("\n")
    r.stderr = "\n".join(lines)
    return r, int(peak)


def acceptable(case: Case, verdict: dict) -> bool:
    for e in case.expect:
        kind, _, reason = e.partition(":")
        if verdict["verdict"] == kind and (not reason or verdict.get("reason", "").startswith(reason)):
            return True
    return False


def check_verdicts(folder: Path, made: list[Case], report: Path, r: subprocess.CompletedProcess) -> dict:
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    files = {Path(v["path"]).name: v for v in json.loads(report.read_text())["files"]}
    assert set(files) == {c.name for c in made}  # one verdict for every file
    wrong = {c.name: files[c.name] for c in made if not acceptable(c, files[c.name])}
    assert not wrong
    for v in files.values():
        if v["verdict"] == "failed":
            assert len(v["reason"].splitlines()) == 1 and str(folder) not in v["reason"]
    return files


@pytest.mark.parametrize("seed", SEEDS)
def test_every_malformed_file_gets_a_verdict_and_the_batch_goes_on(tmp_path, seed):
    folder = tmp_path / "in"
    made = write(folder, seed=seed, small=not FULL)
    shutil.copy(SMALL_PDF, folder / "real.pdf")
    made.append(Case("real.pdf", b"", ("stored",), "a real document among them"))
    db, report = tmp_path / "m.db", tmp_path / "report.json"
    r, peak = ingest(str(folder), "--db", str(db), "--report", str(report))
    files = check_verdicts(folder, made, report, r)
    failed = {n for n, v in files.items() if v["verdict"] == "failed"}
    conn = sqlite3.connect(db)
    assert {Path(p).name for (p,) in conn.execute("SELECT path FROM failures")} == failed
    stored = {n for n, v in files.items() if v["verdict"] == "stored"}
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(stored)
    assert f"{len(failed)} failures" in r.stdout
    assert peak < LIMIT_KB
    print(f"malformed (seed {seed}): {len(made)} files, {len(stored)} stored, {len(failed)} failed,"
          f" {len(made) - len(stored) - len(failed)} duplicate, 0 tracebacks, peak RSS {peak // 1024} MB")
    # the same content under two names: one stored, one duplicate; a rerun stores nothing twice
    again, _ = ingest(str(folder), "--db", str(db), "--report", str(report))
    verdicts = {Path(v["path"]).name: v["verdict"] for v in json.loads(report.read_text())["files"]}
    assert {n for n, v in verdicts.items() if v == "duplicate"} == stored
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(stored)


def test_decompression_bombs_are_stopped_within_the_memory_limit(tmp_path):
    folder = tmp_path / "in"
    made = [c for c in cases(1) if c.name.startswith("bomb_") or c.name == "good_minimal.pdf"]
    folder.mkdir()
    for c in made:
        (folder / c.name).write_bytes(c.data)
    report = tmp_path / "report.json"
    r, peak = ingest(str(folder), "--db", str(tmp_path / "b.db"), "--report", str(report), "--workers", "2")
    files = check_verdicts(folder, made, report, r)
    assert files["bomb_spaces.pdf"]["verdict"] == "failed"  # it inflates to 1.5 GB: over the limit
    assert files["good_minimal.pdf"]["verdict"] == "stored"
    assert peak < LIMIT_KB, f"peak RSS {peak} kB"
    print(f"bombs: {sorted((n, v['verdict']) for n, v in files.items())}, peak RSS {peak // 1024} MB")


def test_a_file_name_that_is_not_utf8_is_stored_and_shown(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/raad\xffbrief.pdf")
    shutil.copy(SMALL_PDF, odd)
    db, report = tmp_path / "u.db", tmp_path / "report.json"
    r, _ = ingest(str(folder), "--db", str(db), "--report", str(report))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    (v,) = json.loads(report.read_text())["files"]
    assert v["verdict"] == "stored" and v["path"].endswith("raad\\xffbrief.pdf")
    name = sqlite3.connect(db).execute("SELECT filename FROM documents").fetchone()[0]
    assert name == "raad\\xffbrief.pdf"
    again, _ = ingest(str(folder), "--db", str(db), "--report", str(report))
    assert json.loads(report.read_text())["files"][0]["verdict"] == "duplicate"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not shutil.which("ps"), reason="needs ps")
def test_killing_the_ingest_takes_its_workers_with_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REALWORLD / "was_jaarrekening_2019.pdf", folder / "slow.pdf")  # 203 pages of OCR
    shutil.copy(REALWORLD / "was_begroting_2024.pdf", folder / "big.pdf")
    proc = subprocess.Popen([sys.executable, "-m", "raadslens", "ingest", str(folder), "--db",
                             str(tmp_path / "k.db"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    for _ in range(600):  # until both workers run (start-up is a second or two)
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for _ in range(100):
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "orphaned ingest workers"
