"""The synthetic corpus of the scale benchmark (raadslens/synth.py): real PDFs the pipeline
reads, text drawn from the real pages without copying them, words Zipfian, and the planted
dates, amounts and zaaknummers found by extraction."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from conftest import CORPUS, REALWORLD

from raadslens import synth, synth_fill
from raadslens.ingest import read_pdf

SOURCES = [CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf", REALWORLD / "was_begroting_2024.pdf"]


@pytest.fixture(scope="module")
def source_text() -> list[str]:
    return [p.text for f in SOURCES for p in read_pdf(f, ocr=False).pages if p.text.strip()]


@pytest.fixture(scope="module")
def generated(source_text, tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    docs, pages = synth.write_corpus(synth.learn(source_text), 120, out, seed=7)
    files = sorted(out.rglob("*.pdf"))
    read = [read_pdf(f, ocr=False) for f in files]
    return docs, pages, files, read


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def test_the_pipeline_reads_every_page_as_text(generated):
    docs, pages, files, read = generated
    assert len(files) == docs and pages == 120
    assert sum(len(d.pages) for d in read) == pages
    assert all(not p.needs_ocr and len(_words(p.text)) > 200 for d in read for p in d.pages)


def test_no_page_repeats_another_or_the_sources(generated, source_text):
    _, _, _, read = generated
    texts = [p.text for d in read for p in d.pages]
    assert len(set(texts)) == len(texts)

    def grams(words: list[str], n: int = 8) -> set[tuple[str, ...]]:
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    real = set().union(*(grams(_words(t)) for t in source_text))
    made = [grams(_words(t)) for t in texts]
    copied = sum(len(g & real) for g in made) / sum(len(g) for g in made)
    assert copied < 0.05, f"{copied:.1%} of the 8-word runs are copied from the real pages"


def test_word_frequencies_are_zipfian(generated):
    _, _, _, read = generated
    counts = Counter(w for d in read for p in d.pages for w in _words(p.text))
    freqs = [c for _, c in counts.most_common(1000)]
    xs = [math.log(r) for r in range(1, len(freqs) + 1)]
    ys = [math.log(f) for f in freqs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    assert -1.4 < slope < -0.7, slope


def test_planted_dates_amounts_and_zaaknummers_are_extracted(generated):
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import extract_document

    _, _, _, read = generated
    nlp = load_nlp(mentions_only=True)
    kinds: Counter[str] = Counter()
    planted = Counter()
    for doc in read:
        text = "\n".join(p.text for p in doc.pages)
        planted["money"] += len(re.findall(r"een bedrag van € [\d.]+", text))
        planted["zaaknummer"] += len(re.findall(r"Z/\d\d/\d{6}", text))
        kinds.update(m.kind.value if hasattr(m.kind, "value") else str(m.kind) for m in extract_document(doc, nlp=nlp))
    assert planted["money"] > 20 and planted["zaaknummer"] > 10
    assert kinds["money"] >= 0.8 * planted["money"], (kinds, planted)
    assert kinds["zaaknummer"] >= 0.5 * planted["zaaknummer"], (kinds, planted)
    assert kinds["date"] > 50


def test_the_same_seed_writes_the_same_files(source_text, tmp_path):
    model = synth.learn(source_text)
    a, b = tmp_path / "a", tmp_path / "b"
    synth.write_corpus(model, 15, a, seed=3)
    synth.write_corpus(model, 15, b, seed=3)
    assert [f.read_bytes() for f in sorted(a.rglob("*.pdf"))] == [f.read_bytes() for f in sorted(b.rglob("*.pdf"))]


def test_the_fast_path_stores_the_planted_facts_alike_on_both_backends(source_text, tmp_path, pg):
    """`synth fill` (1M pages without PDFs): whole documents with their planted facts at the
    spans the generator put them, the same rows through save_document (SQLite) and through
    COPY (PostgreSQL, store/postgres/bulk.py), searchable after finish_ingest, resumable."""
    from raadslens.search_api.search.query import parse_query
    from raadslens.search_api.store import open_store

    model = synth.learn(source_text)
    dbs = [str(tmp_path / "fill.db"), pg.create_database("synth_fill")]
    seen = []
    for db in dbs:
        result = synth_fill.fill(db, 300, workers=1, model=model)
        assert result["pages"] == result["saved_pages"] == 300
        assert synth_fill.fill(db, 300, workers=1, model=model)["saved_pages"] == 0  # stored: skipped
        store = open_store(db)
        try:
            docs = store.list_documents()
            kinds: Counter[str] = Counter()
            for d in docs:
                texts = {p["number"]: p["text"] for p in store.page_texts(d["id"])}
                for m in store.get_mentions(d["id"]):
                    assert texts[m.page][m.start:m.end] == m.text
                    kinds[m.kind.value] += 1
            assert kinds["date"] > 300 and kinds["money"] > 200 and kinds["zaaknummer"] > len(docs)
            totals = [store.search_pages(parse_query(q))[0] for q in ("gemeente", "bedrag", "jeugd OR zorg")]
            assert totals[1] > 200  # every planted amount reads "een bedrag van"
            seen.append((store.counts(), sorted((d["id"], d["title"]) for d in docs), dict(kinds), totals))
        finally:
            store.close()
    assert seen[0] == seen[1]
