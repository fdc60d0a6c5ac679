"""The ingest workers: one process per core, one document each, watched by the parent.

`concurrent.futures.ProcessPoolExecutor` cannot say which document a dead worker was
reading, so a memory bomb that killed its worker was requeued as an innocent
bystander, again and again, for ever. Here each worker has its own pipe and reads
one document at a time, so the parent always knows whose fault a death is:

- a worker that dies (killed by the kernel, a crash in PDFium) fails *its* document
  and is replaced; the other documents are untouched;
- a worker reports each page it starts; a document that makes no progress for
  `stall` seconds (a page that never ends), or runs over the overall `timeout`, has
  its worker killed and is reported as timed out;
- the address space of a worker is capped (`RLIMIT_AS`, inherited by tesseract),
  so a decompression bomb fails with MemoryError instead of taking the machine;
- a worker dies with the parent (`PR_SET_PDEATHSIG`, and an end-of-file on its pipe),
  so a killed ingest leaves no orphans.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

Job = tuple[str, str | None]  # (path, sha256)
# process_file(path, sha, ocr, progress): progress(page, seconds) says "now at `page`, allow me `seconds`
Progress = Callable[[int, float | None], None]
Process = Callable[[str, str | None, bool, Progress], object]

PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    memory_mb: int | None = None  # address space per worker
    timeout: float | None = None  # seconds per document, overall
    stall: float | None = None  # seconds without a page of progress


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: Connection
    job: Job | None = None
    started: float = 0.0
    progressed: float = 0.0
    page: int = 0
    allowance: float | None = None  # seconds the current step may take (None: the pool's `stall`)


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: the end-of-file on the pipe still ends the worker
        pass


def _worker_main(conn: Connection, process: Process, ocr: bool, memory_mb: int | None,
                 init: Callable[[], None] | None) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if init:
        init()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        path, sha = job
        try:
            result = process(path, sha, ocr, lambda n, allow: conn.send(("page", (n, allow))))
            conn.send(("done", result))
        except MemoryError:
            conn.send(("memory", None))
            return  # a heap that ran out is not to be trusted with the next document
        except (EOFError, OSError, BrokenPipeError):
            return


class WorkerPool:
    """Documents in, (job, result-or-error) out; the one owner of the worker processes."""

    def __init__(self, process: Process, *, workers: int, ocr: bool, limits: Limits,
                 init: Callable[[], None] | None = None) -> None:
        self.process, self.size, self.ocr, self.limits, self.init = process, max(1, workers), ocr, limits, init
        self.ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker_main, args=(child, self.process, self.ocr, self.limits.memory_mb, self.init),
            daemon=True, name="raadslens-worker",
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _assign(self, w: _Worker, job: Job) -> None:
        w.job, w.page, w.allowance = job, 0, None
        w.started = w.progressed = time.monotonic()
        w.conn.send(job)

    def _retire(self, w: _Worker, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()
        self.workers.remove(w)

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, object | None, str | None]]:
        """Yield (job, result, None) for each finished document, or (job, None, reason) for one that failed.

        `jobs` is read as workers come free, at most one job ahead (it may be claims from a queue)."""
        source = iter(jobs)
        queue: list[Job] = []  # the next job, taken from `source`

        def more() -> bool:
            if not queue and (job := next(source, None)) is not None:
                queue.append(job)
            return bool(queue)

        try:
            while more() or any(w.job for w in self.workers):
                while more() and len(self.workers) < self.size:
                    self.workers.append(self._spawn())
                for w in self.workers:
                    if w.job is None and more():
                        self._assign(w, queue.pop())
                busy = [w for w in self.workers if w.job]
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.5)
                finished: list[tuple[Job, object | None, str | None]] = []
                for w in busy:
                    if w.conn not in ready and w.proc.sentinel not in ready:
                        continue
                    outcome = self._receive(w)
                    if outcome is None:
                        continue  # only progress
                    job, result, error, reusable = outcome
                    w.job = None
                    if not reusable:
                        self._retire(w, kill=True)
                    elif more():
                        self._assign(w, queue.pop())  # before the caller stores the result: no idle worker
                    finished.append((job, result, error))
                finished.extend(self._overdue())
                yield from finished
        finally:
            self.close()

    def _receive(self, w: _Worker) -> tuple[Job, object | None, str | None, bool] | None:
        assert w.job is not None
        job = w.job
        try:
            while w.conn.poll():
                kind, payload = w.conn.recv()
                if kind == "page":
                    (w.page, w.allowance), w.progressed = payload, time.monotonic()
                elif kind == "done":
                    return job, payload, None, True
                elif kind == "memory":
                    return job, None, self._memory_reason(), False
        except (EOFError, OSError):
            pass
        else:
            if w.proc.is_alive():
                return None
        w.proc.join(timeout=5)
        code = w.proc.exitcode
        where = f" on page {w.page}" if w.page else ""
        # PDFium aborts (SIGABRT) when an allocation fails, the kernel kills (SIGKILL) when memory runs out
        if code in (-signal.SIGABRT, -signal.SIGKILL) and self.limits.memory_mb:
            return job, None, f"{self._memory_reason()} (the reader stopped{where})", False
        return job, None, f"damaged PDF: the reader crashed{where} (exit code {code})", False

    def _memory_reason(self) -> str:
        limit = self.limits.memory_mb
        return f"too large: needs more than {limit} MB of memory" if limit else "too large: out of memory"

    def _overdue(self) -> list[tuple[Job, object | None, str | None]]:
        now = time.monotonic()
        out: list[tuple[Job, object | None, str | None]] = []
        for w in [w for w in self.workers if w.job]:
            assert w.job is not None
            t, stall = self.limits.timeout, w.allowance or self.limits.stall
            if t and now - w.started > t:
                reason = f"timed out: took longer than {t:g} s"
            elif stall and now - w.progressed > stall:
                where = f"page {w.page}" if w.page else "the document"
                reason = f"timed out: {where} took longer than {stall:g} s"
            else:
                continue
            out.append((w.job, None, reason))
            w.job = None
            self._retire(w, kill=True)
        return out

    def close(self) -> None:
        for w in list(self.workers):
            try:
                if w.job is None:
                    w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for w in list(self.workers):
            if w.job is not None:
                w.proc.kill()
            w.proc.join(timeout=max(0.1, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(timeout=1)
            w.conn.close()
        self.workers.clear()


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
