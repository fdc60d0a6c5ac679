"""`raadslens watch DIR…`: ingest PDFs as they appear in watched folders.

On start every PDF in the folders is offered to the ingest (stored ones are
skipped by content hash), so files that arrived while the watcher was down are
not missed and nothing is ingested twice. Then each new or changed PDF is
ingested once it is complete: its size and modification time unchanged for
`settle` seconds (a copy still being written waits). A file that fails is
reported and recorded like `ingest` does, and the watcher goes on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from raadslens import pipeline

if TYPE_CHECKING:
    from raadslens.search_api.store import Store

Log = Callable[[str], None]


@dataclass
class Pending:
    """Files seen changing, with the (size, mtime) last seen and since when it held."""

    files: dict[Path, tuple[tuple[int, float], float]] = field(default_factory=dict)

    def touch(self, path: Path) -> None:
        self.files.pop(path, None)
        self._observe(path, time.monotonic())

    def _observe(self, path: Path, now: float) -> None:
        try:
            st = path.stat()
        except OSError:  # gone again (a temporary file, a move)
            self.files.pop(path, None)
            return
        sig = (st.st_size, st.st_mtime)
        old = self.files.get(path)
        if old is None or old[0] != sig:
            self.files[path] = (sig, now)

    def complete(self, settle: float) -> list[Path]:
        """The files whose size and mtime held for `settle` seconds (taken out of the pending set)."""
        now = time.monotonic()
        for p in list(self.files):
            self._observe(p, now)
        done = [p for p, (sig, since) in self.files.items() if sig[0] > 0 and now - since >= settle]
        for p in done:
            del self.files[p]
        return sorted(done)


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() in pipeline.PDF_SUFFIXES and not path.name.startswith(".")


def ingest_batch(files: Iterable[Path], store: Store, log: Log, **options: Any) -> pipeline.Summary:
    """Ingest `files` and log one line per file stored, skipped or failed."""
    batch = list(files)
    before = set(store.document_hashes())
    summary = pipeline.ingest(batch, store, **options)
    added = set(store.document_hashes()) - before
    for path, error in summary.failures:
        log(f"failed: {path}: {error}")
    if added:
        log(f"stored {len(added)} document(s) ({summary.pages} pages, {summary.mentions} mentions): {', '.join(sorted(added))}")
    if summary.skipped:
        log(f"{summary.skipped} file(s) already stored")
    return summary


def watch(
    folders: list[Path], store: Store, *, log: Log = lambda _: None, settle: float = 1.0,
    stop: threading.Event | None = None, after: Callable[[pipeline.Summary], None] | None = None,
    **options: Any,
) -> None:
    """Watch `folders` until `stop` is set (or Ctrl-C); `after(summary)` runs after each batch that stored
    documents (the saved searches). `options` go to `pipeline.ingest` (workers, ocr, timeout, …)."""
    from watchfiles import Change
    from watchfiles import watch as watch_changes

    stop = stop or threading.Event()
    log(f"watching {', '.join(str(f) for f in folders)}")
    summary = ingest_batch(folders, store, log, **options)  # what arrived while nobody watched
    if summary.documents and after:
        after(summary)
    pending = Pending()
    for changes in watch_changes(*folders, stop_event=stop, debounce=200, step=50, rust_timeout=int(settle * 500) or 200,
                                 yield_on_timeout=True, recursive=True):
        for change, raw in changes:
            path = Path(raw)
            if change != Change.deleted and _is_pdf(path) and path.is_file():
                pending.touch(path)
        ready = pending.complete(settle)
        if ready:
            log(f"arrived: {', '.join(p.name for p in ready)}")
            summary = ingest_batch(ready, store, log, **options)
            if summary.documents and after:
                after(summary)
        if stop.is_set():
            break
    log("stopped")
