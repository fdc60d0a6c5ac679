"""`raadslens watch` on a real folder in a thread: files ingested once complete, errors reported,
and a restart ingests what arrived meanwhile without ingesting anything twice."""

from __future__ import annotations

import shutil
import threading
import time

from conftest import CORPUS

from raadslens.search_api.store import open_store
from raadslens.watch import watch

LETTER = CORPUS / "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf"
OTHER = CORPUS / "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf"
THIRD = CORPUS / "2025_raadsinformatiebrief_prioritaire_opgave_jeugd.pdf"


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def start(folder, db, lines):
    stop = threading.Event()
    store = open_store(db)
    thread = threading.Thread(target=watch, args=([folder], store),
                              kwargs=dict(log=lines.append, settle=0.5, stop=stop, workers=1, ocr=False), daemon=True)
    thread.start()
    assert wait_for(lambda: any(line.startswith("watching") for line in lines), 10)
    return stop, thread, store


def test_watch_ingests_complete_files_once_and_survives_a_restart(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "raadslens.db"
    folder.mkdir()
    shutil.copy(LETTER, folder / LETTER.name)  # there before the watcher starts
    lines: list[str] = []
    stop, thread, store = start(folder, db, lines)
    try:
        assert wait_for(lambda: store.counts()["documents"] == 1)

        # a file written in two parts, with a pause: ingested only when complete (no failure for half a PDF)
        data = OTHER.read_bytes()
        target = folder / "sub" / OTHER.name
        target.parent.mkdir()
        with target.open("wb") as f:
            f.write(data[: len(data) // 2])
            f.flush()
            time.sleep(0.3)
            f.write(data[len(data) // 2:])
        (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 this is not a pdf at all")
        (folder / "notities.txt").write_text("geen pdf")
        # wait for the failure line itself: "arrived: … kapot.pdf" is logged before the batch runs
        assert wait_for(lambda: store.counts()["documents"] == 2
                        and any(line.startswith("failed:") and "kapot.pdf" in line for line in lines))
        assert not any("failed" in line and OTHER.name in line for line in lines)
        shutil.copy(LETTER, folder / "copy-of-letter.pdf")  # same content: not stored again
        assert wait_for(lambda: any("already stored" in line for line in lines[-3:]))
        assert store.counts()["documents"] == 2
    finally:
        stop.set()
        thread.join(timeout=20)
        store.close()
    assert not thread.is_alive() and lines[-1] == "stopped"

    shutil.copy(THIRD, folder / THIRD.name)  # arrives while nobody watches
    lines2: list[str] = []
    stop, thread, store = start(folder, db, lines2)
    try:
        assert wait_for(lambda: store.counts()["documents"] == 3)
        # the others are not ingested again; the batch logs that after finishing the index, which
        # may be later than the third document's commit
        assert wait_for(lambda: any("already stored" in line for line in lines2))
    finally:
        stop.set()
        thread.join(timeout=20)
        store.close()
