"""The scale benchmark's fast path (`python -m raadslens.synth fill`): documents straight to the store, no PDF.

Through PDFs 1M pages take about 2 hours per backend on this machine (rendering, parsing and
extraction at ~130 pages/s). `fill` builds the same kind of documents as `write_corpus` and hands
them to the store's own `save_documents` (with `index_rows`: the same page rows, stemming, index
text and version shingles as ingest), then runs the real `finish_ingest` (postings, version
chains). What it skips, and so does not measure: PDF writing and reading, and extraction — the
mentions are the planted facts themselves, with the exact spans the generator put them at.
To be fast enough it draws sentences from a pool generated once by the same model (POOL_PER_PAGE
sentences per target page, without plants) instead of generating each sentence anew: pages are
never copies (each is a fresh draw of ~25 sentences with fresh planted facts), but a sentence
recurs on about 25 pages of the corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from raadslens.synth import (
    KINDS,
    MONTHS,
    ORGANISATIONS,
    PLANTS,
    Model,
    learn,
    sentence_words,
    source_texts,
    zaak_number,
)

if TYPE_CHECKING:
    from raadslens.models import Document
    from raadslens.search_api.store import IndexRows

POOL_PER_PAGE = 1.0
FILL_BATCH = 200  # documents per COPY transaction on PostgreSQL
PAGE_CHARS = 2300  # about the body text of a synthetic PDF page (34 lines of up to 92 characters)
DOC_TYPES = {"Raadsinformatiebrief": "raadsinformatiebrief", "Raadsvoorstel": "raadsvoorstel",
             "Besluitenlijst": "besluitenlijst", "Memo": "brief", "Rapportage": "rapport", "Wob-besluit": "other"}


def sentence_pool(model: Model, n: int, seed: int = 1) -> list[str]:
    """`n` sentences of the model without planted facts (`fill` plants its own)."""
    rng = random.Random(seed)
    pool = []
    for _ in range(n):
        text = " ".join(sentence_words(model, rng)).rstrip(".,;:")
        pool.append(text[:1].upper() + text[1:] + ".")
    return pool


def document_sizes(target_pages: int, seed: int = 1) -> list[int]:
    """Pages per document until `target_pages`, distributed as `write_corpus`'s."""
    rng, sizes, pages = random.Random(seed), [], 0
    while pages < target_pages:
        n = min(max(1, int(rng.expovariate(1 / 9))), 40, target_pages - pages)
        sizes.append(n)
        pages += n
    return sizes


def _sha(seed: int, index: int) -> str:
    """Document `index`'s content hash: its id, so a second fill skips what is stored."""
    return hashlib.sha256(f"raadslens synth fill {seed} {index}".encode()).hexdigest()


def _fact(rng: random.Random) -> tuple[str, int, int, Any] | None:
    """A planted fact: (phrase, start and end of the mention in it, mention value), or None."""
    from raadslens.models.mentions import DateValue, MoneyValue, ZaakValue

    r = rng.random()
    if r < PLANTS[0][0]:
        day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2015, 2026)
        when = dt.date(year, month + 1, day)
        return f"op {day} {MONTHS[month]} {year}", 3, 0, DateValue(start=when, end=when, granularity="day")
    r -= PLANTS[0][0]
    if r < PLANTS[1][0]:
        euros = int(10 ** rng.uniform(3, 7.5)) // 100 * 100
        return f"een bedrag van € {euros:,}".replace(",", "."), 15, 0, MoneyValue(cents=euros * 100)
    r -= PLANTS[1][0]
    if r < PLANTS[2][0]:
        number = zaak_number(rng)
        return f"(zaaknummer {number})", 12, 1, ZaakValue(number=number, label="zaaknummer")
    return None


class _PageText:
    """A page's body text built block by block (blank lines between), with each block's offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[tuple[Any, str, int]] = []  # (role, text, start)
        self.at = 0

    def add(self, text: str, role: Any = None) -> int:
        from raadslens.models import BlockRole

        if self.parts:
            self.parts.append("\n\n")
            self.at += 2
        start = self.at
        self.parts.append(text)
        self.at += len(text)
        self.blocks.append((role or BlockRole.paragraph, text, start))
        return start


def fast_document(model: Model, pool: list[str], index: int, n_pages: int, seed: int = 1) -> Document:
    """Document number `index` of `fill`, with its pages, blocks and planted mentions."""
    from raadslens.models import Block, BlockRole, Document, Mention, MentionKind, Page
    from raadslens.models.mentions import DateValue, MoneyValue, ZaakValue

    rng = random.Random(f"{seed}:{index}")
    org, kind = rng.choice(ORGANISATIONS), rng.choice(KINDS)
    day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2015, 2026)
    date, zaak = dt.date(year, month + 1, day), zaak_number(rng)
    title = f"{kind} {' '.join(model.zipf(rng) for _ in range(3))}"
    sha = _sha(seed, index)
    pages, mentions = [], []
    for number in range(1, n_pages + 1):
        page = _PageText()
        if number == 1:
            page.add(org)
            page.add(title, BlockRole.heading)
            datum = f"{day} {MONTHS[month]} {year}"
            start = page.add(f"Datum: {datum}") + 7
            mentions.append(Mention(kind=MentionKind.date, text=datum, page=1, start=start, end=start + len(datum),
                                    value=DateValue(start=date, end=date, granularity="day")))
            start = page.add(f"Kenmerk: {zaak}") + 9
            mentions.append(Mention(kind=MentionKind.zaaknummer, text=zaak, page=1, start=start,
                                    end=start + len(zaak), value=ZaakValue(number=zaak, label="kenmerk", role="own")))
        else:
            page.add(f"Pagina {number} van {n_pages}")
        while page.at < PAGE_CHARS:
            para: list[str] = []
            facts: list[tuple[int, int, Any]] = []
            length = 0
            for _ in range(rng.randint(2, 8)):
                text = pool[rng.randrange(len(pool))]
                fact = _fact(rng)
                if fact is not None:
                    phrase, lead, tail, value = fact
                    text = f"{text[:-1]} {phrase}."
                    facts.append((length + len(text) - 1 - len(phrase) + lead, length + len(text) - 1 - tail, value))
                para.append(text)
                length += len(text) + 1
            paragraph = " ".join(para)
            start = page.add(paragraph)
            for a, b, value in facts:
                kind_ = (MentionKind.date if isinstance(value, DateValue)
                         else MentionKind.money if isinstance(value, MoneyValue) else MentionKind.zaaknummer)
                mentions.append(Mention(kind=kind_, text=paragraph[a:b], page=number, start=start + a,
                                        end=start + b, value=value))
        blocks = [Block(role=role, text=text, start=a, end=a + len(text)) for role, text, a in page.blocks]
        pages.append(Page(number=number, text="".join(page.parts), blocks=blocks, width=595, height=842))
    return Document(id=sha[:16], sha256=sha, path=f"synth-fill/{index // 1000:04d}/synth_{index:07d}",
                    filename=f"synth_{index:07d}", title=title, doc_type=DOC_TYPES[kind], organisation=org,
                    date=date, zaaknummer=zaak, pages=pages, mentions=mentions)


_FILL: dict[str, Any] = {}  # the model and pool of `fill`, shared with its forked workers


def _fill_one(job: tuple[int, int]) -> tuple[Document, IndexRows]:
    from raadslens.search_api.store import index_rows

    doc = fast_document(_FILL["model"], _FILL["pool"], job[0], job[1], _FILL["seed"])
    return doc, index_rows(doc)


def fill(db: str, target_pages: int, *, workers: int = 2, seed: int = 1, log: Any = None,
         cache: Path | None = None, model: Model | None = None) -> dict[str, float]:
    """The fast path: `target_pages` pages of generated documents through `save_document` (built
    in `workers` processes, written by this one), then `finish_ingest`. Resumes: documents already
    stored are skipped. Returns the seconds of each step and the pages stored."""
    import multiprocessing

    from raadslens.search_api.store import open_store

    t0 = time.perf_counter()
    model = model or learn(source_texts(cache))
    _FILL.update(model=model, pool=sentence_pool(model, max(50_000, int(target_pages * POOL_PER_PAGE)), seed),
                 seed=seed)
    t_model = time.perf_counter() - t0
    store = open_store(db)
    store.tune_for_bulk_writes()
    stored = set(store.document_hashes())
    sizes = document_sizes(target_pages, seed)
    jobs = [(i, n) for i, n in enumerate(sizes) if _sha(seed, i)[:16] not in stored]
    t1, pages, docs = time.perf_counter(), 0, 0
    batch: list[tuple[Document, IndexRows]] = []
    with multiprocessing.get_context("fork").Pool(workers) as procs:
        for doc, rows in procs.imap(_fill_one, jobs, chunksize=8):
            batch.append((doc, rows))
            if len(batch) == FILL_BATCH:  # PostgreSQL: one COPY transaction per batch
                store.save_documents(batch)
                batch = []
            pages += len(rows.pages)
            docs += 1
            if log and docs % 2000 == 0:
                log(f"{docs}/{len(jobs)} documents, {pages} pages, {pages / (time.perf_counter() - t1):.0f} pages/s")
        if batch:
            store.save_documents(batch)
    t_save = time.perf_counter() - t1
    t2 = time.perf_counter()
    store.finish_ingest(True)
    t_finish = time.perf_counter() - t2
    total = store.counts()["pages"]
    store.close()
    _FILL.clear()
    return {"model_s": t_model, "save_s": t_save, "saved_pages": pages, "finish_s": t_finish, "pages": total}
