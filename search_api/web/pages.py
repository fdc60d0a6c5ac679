"""The web page for people: server-rendered Dutch pages over the same answers the JSON API returns.

Every view calls the function its API route calls (answers/*, ask) and renders that dict; nothing is
queried differently here. The pages work without JavaScript.
"""

from __future__ import annotations

import math
import threading
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from raadslens.ingest import wordboxes
from raadslens.models.document import word_rects
from raadslens.models.normalize import WORD_RE, stem
from raadslens.search_api import ask
from raadslens.search_api.answers import documents as docs
from raadslens.search_api.answers.errors import AnswerError, NotFound
from raadslens.search_api.answers.search import MAX_LIMIT, parse_search
from raadslens.search_api.answers.search import search as run_search
from raadslens.search_api.search.query import QueryError
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.params import MAX_QUERY, DateFrom, DateTo, PageNumber

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescape on for .html
router = APIRouter(include_in_schema=False)

PER_PAGE = 10
IMAGE_WIDTH = 1000  # px of a rendered page image
PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe: every use of it in the server holds this


def euro(cents: int | None) -> str:
    """€ 1.234.567,89 (Dutch notation); no amount: an empty string."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


templates.env.filters["euro"] = euro


def page_response(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def not_found_page(request: Request, message: str) -> HTMLResponse:
    return page_response(request, "fout.html", {"title": "Niet gevonden", "message": message}, status=404)


@router.get("/", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return page_response(request, "start.html", {})


def _link(params: dict[str, Any], **change: Any) -> str:
    merged = {k: v for k, v in {**params, **change}.items() if v not in (None, "")}
    return "/zoeken?" + urllib.parse.urlencode(merged)


@router.get("/zoeken", response_class=HTMLResponse)
def zoeken(
    request: Request, store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
    organisatie: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=200)] = None,
    jaar: Annotated[str | None, Query(max_length=4)] = None,
    van: DateFrom = None, tot: DateTo = None,
    pagina: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    """Hits of GET /search (its first MAX_LIMIT), narrowed by facet, one hit per version chain."""
    params = {"q": q, "organisatie": organisatie, "type": type, "jaar": jaar, "van": van, "tot": tot}
    context: dict[str, Any] = {"q": q, "params": params, "hits": [], "total": 0, "facets": {}}
    if not q.strip():
        return page_response(request, "zoeken.html", context)
    try:
        result = run_search(store, q, date_from=van, date_to=tot, limit=MAX_LIMIT)
    except (QueryError, AnswerError) as e:
        context["error"] = str(e)
        return page_response(request, "zoeken.html", context, status=400)
    hits = result["hits"]
    for h in hits:
        h["year"] = (h["date"] or "")[:4] or None
    # one hit per document chain: the newest version's best page stands for the chain
    chains: dict[str, dict[str, Any]] = {}
    for h in hits:
        chain = store.version_chain_of(h["document_id"])
        key = chain[0]["id"] if chain else h["document_id"]
        if key in chains:
            continue
        h["versions"] = len(chain) if chain else 1
        h["link"] = f"/documenten/{h['document_id']}/pagina/{h['page']}?" + urllib.parse.urlencode({"q": q})
        chains[key] = h
    folded = list(chains.values())
    facets = {
        "organisatie": Counter(h["organisation"] for h in folded if h["organisation"]),
        "type": Counter(h["doc_type"] for h in folded if h["doc_type"]),
        "jaar": Counter(h["year"] for h in folded if h["year"]),
    }
    chosen = [h for h in folded
              if (not organisatie or h["organisation"] == organisatie)
              and (not type or h["doc_type"] == type) and (not jaar or h["year"] == jaar)]
    pages = max(1, math.ceil(len(chosen) / PER_PAGE))
    context.update(
        total=len(chosen), hits=chosen[(pagina - 1) * PER_PAGE: pagina * PER_PAGE], pagina=pagina, pages=pages,
        capped=result["total"] > MAX_LIMIT,
        facets={name: [(value, n, _link(params, **{name: value}, pagina=None)) for value, n in c.most_common()]
                for name, c in facets.items()},
        prev=_link(params, pagina=pagina - 1) if pagina > 1 else None,
        next=_link(params, pagina=pagina + 1) if pagina < pages else None,
        clear={name: _link(params, **{name: None}) for name in ("organisatie", "type", "jaar") if params[name]},
    )
    return page_response(request, "zoeken.html", context)


@router.get("/documenten/{doc_id}", response_class=HTMLResponse)
def documenten(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    try:
        doc = docs.document(store, doc_id)
    except NotFound:
        return not_found_page(request, "Dit document bestaat niet (meer) in de database.")
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for m in doc["mentions"]:
        by_kind.setdefault(m["kind"], []).append(m)
    return page_response(request, "document.html", {"doc": doc, "by_kind": by_kind})


def _phrase_spans(text: str, phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where the query's phrases occur in the text, word by word (stemmed as the index is): a
    phrase of a subject's name ("advies- en meldpunt") is marked where it stands whole, never its
    "en" everywhere. Each occurrence is one span per word, so a box can be drawn on each word."""
    words = [(m.start(), m.end(), stem(m.group())) for m in WORD_RE.finditer(text)]
    stems = [w[2] for w in words]
    marked: set[int] = set()
    for phrase in phrases:
        n = len(phrase)
        if not n:
            continue
        for i in range(len(words) - n + 1):
            if stems[i] == phrase[0] and tuple(stems[i:i + n]) == phrase:
                marked.update(range(i, i + n))
    return [(words[i][0], words[i][1]) for i in sorted(marked)]


def _marks(text: str, blocks: list[dict[str, Any]], spans: list[tuple[int, int]],
           words_of: Callable[[int], list[Any] | None]) -> tuple[list[Any], list[Any]]:
    """The page text cut into plain and marked pieces, and the boxes of each mark on the page: its
    words' boxes, one per line it covers (the block's bbox where the words have none)."""
    pieces: list[tuple[str, bool]] = []
    boxes: list[Any] = []
    pos = 0
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            continue
        pieces += [(text[pos:start], False), (text[start:end], True)]
        pos = end
        for i, b in enumerate(blocks):
            if b.get("bbox") and b.get("start") is not None and b["start"] < end and start < (b.get("end") or 0):
                boxes += _word_rects(b, start, end, words_of(i)) or [b["bbox"]]
    pieces.append((text[pos:], False))
    return pieces, boxes


def _word_rects(block: dict[str, Any], start: int, end: int, words: list[Any] | None) -> list[list[int]]:
    """The boxes of the block's words that the text span [start, end) covers, one per line, with a
    point of air around each."""
    if not words:
        return []
    return [[x0 - 1, top - 1, x1 + 1, bottom + 1]
            for x0, top, x1, bottom in word_rects(block["text"], block["start"], words, start, end)]


def _pdf_size(path: Path, number: int) -> tuple[float, float] | None:
    with PDFIUM_LOCK:
        return wordboxes.page_size(path, number)


@router.get("/documenten/{doc_id}/pagina/{number}.png", response_model=None)
def pagina_png(request: Request, store: StoreDep, doc_id: str, number: PageNumber) -> Response:
    """The page as an image, rendered once from the stored PDF and cached beside the database."""
    try:
        path = docs.pdf_path(store, doc_id)
        docs.page(store, doc_id, number)
    except NotFound as e:
        return not_found_page(request, str(e))
    cache = store.cache_dir / doc_id
    out = cache / f"{number}.png"
    if not out.is_file():
        import pypdfium2 as pdfium
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(path)
            try:
                if not 1 <= number <= len(pdf):
                    return not_found_page(request, f"Het PDF-bestand heeft geen pagina {number}.")
                page = pdf[number - 1]
                image = page.render(scale=IMAGE_WIDTH / page.get_size()[0]).to_pil()
            finally:
                pdf.close()
        cache.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{threading.get_ident()}.tmp")
        image.save(tmp, format="PNG")
        tmp.replace(out)
    return FileResponse(out, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/documenten/{doc_id}/pagina/{number}", response_class=HTMLResponse)
def pagina(request: Request, store: StoreDep, doc_id: str, number: PageNumber,
           start: Annotated[int | None, Query(ge=0, le=10**7)] = None,
           end: Annotated[int | None, Query(ge=0, le=10**7)] = None,
           q: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> HTMLResponse:
    try:
        doc = docs.document(store, doc_id)
        page = docs.page(store, doc_id, number)
    except NotFound:
        return not_found_page(request, f"Dit document of pagina {number} ervan bestaat niet.")
    if start is not None and end is not None:
        spans = [(start, end)]
    elif q.strip():
        try:
            phrases = [p for clause in parse_search(q)[0].clauses for p in clause]
        except QueryError:
            phrases = []
        spans = _phrase_spans(page["text"], phrases)
    else:
        spans = [(m["start"], m["end"]) for m in page["mentions"] if not m.get("furniture")]
    try:
        path: Path | None = docs.pdf_path(store, doc_id)
    except NotFound:
        path = None
    measured: list[Any] = []  # the page's lines with word boxes, measured once when a block needs them

    def words_of(i: int) -> list[Any] | None:
        block = page["blocks"][i]
        if not block.get("words") and not page["ocr"] and path is not None and not measured:
            with PDFIUM_LOCK:
                measured.append(wordboxes.page_lines(path, number))
        return wordboxes.block_words(block, measured[0] if measured else None)

    pieces, boxes = _marks(page["text"], page["blocks"], spans, words_of)
    size = _pdf_size(path, number) if path is not None else None
    return page_response(request, "pagina.html", {
        "doc": doc, "page": page, "pieces": pieces, "boxes": boxes, "size": size, "number": number,
        "pages": len(doc["pages"]),
    })


@router.get("/vraag", response_class=HTMLResponse)
def vraag(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> HTMLResponse:
    try:
        result = ask.answer(store, q)
    except ask.Unanswerable as e:
        return page_response(request, "vraag.html", {"q": q, "error": str(e)}, status=422)
    return page_response(request, "vraag.html", {"q": q, "result": result})
