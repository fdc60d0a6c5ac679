"""The `raadslens` command as a user runs it: a real subprocess, real files, a real SQLite file."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REALWORLD

SMALL_PDF = REALWORLD / "was_bw_besluitenlijst_2024-12-10.pdf"
OTHER_PDF = REALWORLD / "was_bw_besluitenlijst_2022-05-24.pdf"


def raadslens(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "raadslens", *args], input=stdin, capture_output=True, text=True,
        timeout=300,
    )


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SMALL_PDF, folder / "good.pdf")
    data = SMALL_PDF.read_bytes()
    (folder / "sub" / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.pdf").write_bytes(b"")
    db, report = tmp_path / "r.db", tmp_path / "report.json"

    first = raadslens("ingest", str(folder), "--db", str(db), "--report", str(report))
    assert first.returncode == 0, first.stderr
    assert "1 documents" in first.stdout and "3 failures" in first.stdout
    failures = {Path(f["path"]).name: f["error"] for f in json.loads(report.read_text())["failures"]}
    assert set(failures) == {"truncated.pdf", "random.pdf", "empty.pdf"}
    assert all(len(e.splitlines()) == 1 for e in failures.values())
    assert "empty" in failures["empty.pdf"].lower()

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 3
    pages_before = conn.execute("SELECT count(*) FROM pages").fetchone()[0]

    # re-running adds nothing twice; a new file in the folder is picked up (resume)
    shutil.copy(OTHER_PDF, folder / "sub" / "other.pdf")
    shutil.copy(SMALL_PDF, folder / "same-content-other-name.pdf")
    second = raadslens("ingest", str(folder), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "1 documents" in second.stdout and "2 already stored" in second.stdout
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    new_pages = conn.execute("SELECT count(*) FROM pages").fetchone()[0] - pages_before
    assert new_pages == conn.execute(
        "SELECT page_count FROM documents WHERE filename = 'other.pdf'"
    ).fetchone()[0]


def test_ingest_keeps_the_search_postings_up_to_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SMALL_PDF, folder / "a.pdf")
    db = tmp_path / "r.db"
    assert raadslens("ingest", str(folder), "--db", str(db), "--workers", "1").returncode == 0
    conn = sqlite3.connect(db)
    covered = lambda: conn.execute("SELECT coalesce(sum(pages), 0) FROM postings_segments").fetchone()[0]  # noqa: E731
    pages = lambda: conn.execute("SELECT count(*) FROM pages").fetchone()[0]  # noqa: E731
    assert covered() == pages() > 0

    shutil.copy(OTHER_PDF, folder / "b.pdf")  # a second run adds a segment for the new pages
    assert raadslens("ingest", str(folder), "--db", str(db), "--workers", "1").returncode == 0
    assert covered() == pages() and conn.execute("SELECT count(*) FROM postings_segments").fetchone()[0] == 2

    with conn:  # a database from before the postings: a run with nothing new builds them
        conn.executescript("DROP TABLE postings_segments; DROP TABLE postings; DROP TABLE positions;")
    third = raadslens("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert third.returncode == 0 and "2 already stored" in third.stdout
    assert covered() == pages()


def test_missing_path_is_an_error(tmp_path):
    r = raadslens("ingest", str(tmp_path / "nope.pdf"), "--db", str(tmp_path / "x.db"))
    assert r.returncode != 0
    assert "no such file" in r.stderr


def test_extract_text_from_stdin():
    r = raadslens(
        "extract", "-", "--reference-date", "2024-11-05",
        stdin="Op 16 oktober jl. besprak de raad de bijdrage van -€ 185.000 (zaaknummer 3893698).",
    )
    assert r.returncode == 0, r.stderr
    mentions = json.loads(r.stdout)["mentions"]
    by_kind = {m["kind"]: m for m in mentions}
    assert by_kind["date"]["value"]["start"] == "2024-10-16"
    assert by_kind["money"]["value"]["cents"] == -18_500_000
    assert by_kind["zaaknummer"]["value"]["number"] == "3893698"
    for m in mentions:
        assert set(m) >= {"kind", "text", "page", "start", "end", "value"}
    assert set(by_kind["money"]["value"]) >= {"cents", "currency", "recurrence"}  # null recurrence stays
    assert set(by_kind["date"]["value"]) >= {"start", "end", "granularity"}
    assert set(by_kind["zaaknummer"]["value"]) >= {"number"}


def test_extract_jsonl_one_line_per_input(tmp_path):
    lines = [
        {"id": "a", "text": "Besluit op 26 maart 2025 over € 983.000 structureel."},
        {"id": "b", "text": "Geen feiten hier."},
        {"id": "c", "text": "Sinds 16 oktober jl.", "reference_date": "2024-11-05"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    r = raadslens("extract", "--jsonl", str(src))
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    money = [m for m in out[0]["mentions"] if m["kind"] == "money"]
    assert money[0]["value"]["cents"] == 98_300_000
    assert money[0]["value"]["currency"] == "EUR"
    assert money[0]["value"]["recurrence"] == "structural"
    assert out[1]["mentions"] == []
    assert out[2]["mentions"][0]["value"]["start"] == "2024-10-16"


def test_extract_pdf_gives_page_numbered_mentions():
    r = raadslens("extract", str(SMALL_PDF), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["pages"] >= 1
    assert any(m["kind"] == "zaaknummer" and m["value"]["number"] == "Z/24/082517" for m in doc["mentions"])
    assert all(1 <= m["page"] <= doc["pages"] for m in doc["mentions"])


def test_a_document_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REALWORLD / "was_jaarrekening_2019.pdf", folder / "slow.pdf")  # 203 pages of OCR
    shutil.copy(SMALL_PDF, folder / "quick.pdf")
    r = raadslens("ingest", str(folder), "--db", str(tmp_path / "t.db"), "--timeout", "8", "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert "1 documents" in r.stdout and "1 failures" in r.stdout
    assert "slow.pdf: timed out: took longer than 8 s" in r.stderr
    # the stopped file is recorded, and a re-run tries it again (it is not marked as stored)
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("SELECT error FROM failures").fetchone()[0].startswith("timed out")


def test_inspect_shows_blocks_roles_and_decisions():
    from conftest import CORPUS

    letter = CORPUS / "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf"
    r = raadslens("inspect", str(letter), "--page", "2")
    assert r.returncode == 0, r.stderr
    assert "--- page 2 (text layer" in r.stdout and "--- page 3" not in r.stdout
    assert "furniture" in r.stdout and "not in body" in r.stdout  # the footer, kept but not indexed
    assert "zaaknummer: 3777670" in r.stdout
