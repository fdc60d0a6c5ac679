"""The `raadslens` command line: parses options, calls the stages, formats results."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from raadslens.search_api.settings import DEFAULT_DB

app = typer.Typer(help="raadslens: cited facts from Dutch local-government PDFs.", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively).")],
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[int, typer.Option(help="Worker processes (0 = one per core, at most 2).")] = 0,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a usable text layer.")] = True,
    report: Annotated[Optional[Path], typer.Option(help="Write a JSON ingest report here.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds one document may take before it is stopped and reported.")] = 600.0,
    max_memory: Annotated[int, typer.Option(help="Memory limit per worker process, in MB.")] = 4096,
) -> None:
    """Ingest PDFs into the database; idempotent by content hash."""
    from raadslens import pipeline
    from raadslens.search_api import postings, store

    files = pipeline.find_pdfs(paths)
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/red] {p}: no such file or folder")
    conn = store.connect(db)
    store.tune_for_bulk_writes(conn)
    summary = pipeline.Summary()
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for outcome in pipeline.run(
            [f for f in files if f.exists()], is_stored=lambda sha: store.has_document(conn, sha),
            workers=workers or pipeline.default_workers(), ocr=ocr, timeout=timeout,
            max_memory_mb=max_memory,
        ):
            progress.advance(task)
            if isinstance(outcome, str):
                summary.skipped += 1
                continue
            progress.update(task, description=Path(outcome.path).name)
            if outcome.error:
                summary.failures.append((outcome.path, outcome.error))
                store.record_failure(conn, outcome.path, outcome.sha256, outcome.error)
                continue
            doc, rows = outcome.document, outcome.rows
            if store.save_document(conn, doc, rows):
                summary.documents += 1
                summary.pages += len(rows.pages)
                summary.mentions += len(rows.mentions)
                summary.ocr_pages += sum(r.ocr for r in rows.pages)
                summary.needs_ocr_pages += sum(r.needs_ocr for r in rows.pages)
                for w in doc.warnings:
                    err.print(f"[yellow]warning:[/yellow] {doc.filename}: {w}")
            else:
                summary.skipped += 1
    if summary.documents:
        store.optimize(conn)
    else:
        postings.catch_up(conn)  # nothing new, but a database from before the postings gets them
    for path, error in summary.failures:
        err.print(f"[red]failed:[/red] {path}: {error}")
    console.print(
        f"{summary.documents} documents, {summary.pages} pages ({summary.ocr_pages} OCR"
        + (f", {summary.needs_ocr_pages} need OCR" if summary.needs_ocr_pages else "")
        + f"), {summary.mentions} mentions, {summary.skipped} already stored,"
        f" {len(summary.failures)} failures → {db}"
    )
    if report:
        report.write_text(json.dumps({
            "documents": summary.documents, "pages": summary.pages, "mentions": summary.mentions,
            "skipped": summary.skipped, "ocr_pages": summary.ocr_pages,
            "failures": [{"path": p, "error": e} for p, e in summary.failures],
        }, indent=2, ensure_ascii=False))
    if missing or (summary.failures and not summary.documents and not summary.skipped):
        raise typer.Exit(1)


def _mentions_json(mentions) -> list[dict]:
    return [m.model_dump(mode="json") for m in mentions]  # null fields stay: they are part of the contract


@app.command()
def extract(
    file: Annotated[Optional[str], typer.Argument(help="A PDF, a .txt, or - for text on stdin.")] = None,
    format: Annotated[str, typer.Option("--format", help="Output format: json.")] = "json",
    jsonl: Annotated[Optional[Path], typer.Option("--jsonl", help='JSON lines in: {"id", "text", "reference_date"?}; - for stdin.')] = None,
    reference_date: Annotated[Optional[str], typer.Option(help="Date (YYYY-MM-DD) for relative dates.")] = None,
) -> None:
    """Extract mentions from one document (no database) as JSON."""
    from raadslens.extract.pipeline import extract_pages

    if format != "json":
        raise typer.BadParameter("only --format json is supported", param_hint="--format")
    ref = dt.date.fromisoformat(reference_date) if reference_date else None
    if jsonl is not None:
        stream = sys.stdin if str(jsonl) == "-" else jsonl.open(encoding="utf-8")
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text, rid = obj["text"], obj.get("id")
                rdate = dt.date.fromisoformat(obj["reference_date"]) if obj.get("reference_date") else ref
            except (ValueError, KeyError, TypeError) as e:
                err.print(f"[red]error:[/red] line {n}: expected a JSON object with \"text\" ({e})")
                raise typer.Exit(2) from e
            mentions = extract_pages([(1, text)], reference_date=rdate)
            sys.stdout.write(json.dumps({"id": rid, "mentions": _mentions_json(mentions)}, ensure_ascii=False) + "\n")
        return
    if file is None:
        raise typer.BadParameter("give a FILE (PDF, .txt or -) or --jsonl IN")
    if file == "-" or not file.lower().endswith(".pdf"):
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        out = {"source": file, "mentions": _mentions_json(extract_pages([(1, text)], reference_date=ref))}
    else:
        from raadslens.ingest import IngestError, read_pdf

        try:
            doc = read_pdf(Path(file))
        except IngestError as e:
            err.print(f"[red]error:[/red] {file}: {e}")
            raise typer.Exit(1) from e
        doc.mentions = extract_pages([(p.number, p.text) for p in doc.pages], reference_date=ref or doc.date)
        out = doc.model_dump(mode="json", exclude={"pages"}, exclude_none=True)
        out["pages"] = len(doc.pages)
        out["mentions"] = _mentions_json(doc.mentions)
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", OR, -exclude.')],
    db: DbOpt = DEFAULT_DB,
    limit: int = 10,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search the page text; every hit names document and page."""
    from raadslens.search_api import store
    from raadslens.search_api.query import QueryError
    from raadslens.search_api.search import search as run_search

    try:
        result = run_search(store.connect(db), query, limit=limit)
    except QueryError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from e
    if json_out:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"{result['total']} pages match {query!r}")
    for hit in result["hits"]:
        snippet = hit["snippet"].replace("<mark>", "[bold yellow]").replace("</mark>", "[/bold yellow]")
        console.print(f"[cyan]{hit['title']}[/cyan] ({hit['date'] or 'undated'}) p. {hit['page']}")
        console.print(f"  {snippet}", highlight=False)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Serve the API (OpenAPI docs at /docs)."""
    import uvicorn

    from raadslens.search_api.app import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A PDF.")],
    page: Annotated[Optional[int], typer.Option("--page", help="Only this page (1-based).")] = None,
) -> None:
    """Show a page's blocks with roles and the decisions taken (OCR, furniture)."""
    from raadslens.ingest import IngestError, read_pdf
    from raadslens.ingest.inspect import describe

    try:
        doc = read_pdf(file)
    except IngestError as e:
        err.print(f"[red]error:[/red] {file}: {e}")
        raise typer.Exit(1) from e
    console.print(describe(doc, page), highlight=False, markup=False)

def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def changes(
    subject: Annotated[Optional[str], typer.Option(help="A subject or alias, e.g. VTT.")] = None,
    document: Annotated[Optional[str], typer.Option(help="A document id: changes against its previous version.")] = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """What changed between versions, for a subject or a document (JSON)."""
    from raadslens.models.subjects import canonical_name
    from raadslens.search_api import changes as ch
    from raadslens.search_api import store

    conn = store.connect(db)
    if subject:
        canonical = canonical_name(subject)
        if canonical is None:
            err.print(f"[red]error:[/red] unknown subject {subject!r}")
            raise typer.Exit(2)
        _print_json({"subject": {"canonical": canonical, "alias": subject},
                     "changes": ch.changes_for_subject(conn, canonical)})
    elif document:
        result = ch.changes_for_document(conn, document)
        if result is None:
            err.print(f"[red]error:[/red] {document} has no previous version")
            raise typer.Exit(1)
        _print_json(result)
    else:
        raise typer.BadParameter("give --subject or --document")


@app.command()
def amounts(
    subject: Annotated[Optional[str], typer.Option(help="A subject or alias.")] = None,
    document: Annotated[Optional[str], typer.Option(help="A document id or file name.")] = None,
    recurrence: Annotated[Optional[str], typer.Option(help="structural or incidental.")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV instead of JSON.")] = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Amounts with subject and citation (JSON or CSV)."""
    from raadslens.models.subjects import canonical_name
    from raadslens.search_api import amounts as am
    from raadslens.search_api import store

    rows = am.find_amounts(store.connect(db), subject=canonical_name(subject) if subject else None,
                           document=document, recurrence=recurrence)
    if csv:
        sys.stdout.write(am.to_csv(rows))
    else:
        _print_json({"count": len(rows), "amounts": rows})


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in Dutch or English.")],
    db: DbOpt = DEFAULT_DB,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole JSON answer.")] = False,
) -> None:
    """Answer a question with citations."""
    from raadslens.search_api import ask as asker
    from raadslens.search_api import store

    try:
        result = asker.answer(store.connect(db), question)
    except asker.Unanswerable as e:
        err.print(f"[red]{e}[/red]. I can answer:")
        for c in e.capabilities:
            err.print(f"  - {c}")
        raise typer.Exit(2) from e
    if json_out:
        _print_json(result)
        return
    console.print(result["answer"], highlight=False)
    for c in result["citations"][:10]:
        console.print(f"  [cyan]{c['document_title']}[/cyan] p. {c['page']}: “{c['quote']}”", highlight=False)


@app.command()
def timeline(
    q: Annotated[str, typer.Argument(help="Search terms that select the documents, e.g. kerntakendiscussie.")],
    format: Annotated[str, typer.Option(help="json, timelinejs, ics or markdown.")] = "markdown",
    db: DbOpt = DEFAULT_DB,
) -> None:
    """The timeline of a process: events, planned or happened, and shifted dates."""
    from raadslens.search_api import store
    from raadslens.search_api import timeline as tl
    from raadslens.search_api.query import parse_query

    conn = store.connect(db)
    events, shifts = tl.build_events(conn, store.documents_matching(conn, parse_query(q).match))
    title = f"Tijdlijn: {q}"
    if format == "json":
        _print_json({"events": events, "shifts": shifts})
    elif format == "timelinejs":
        _print_json(tl.to_timelinejs(events, title))
    elif format == "ics":
        sys.stdout.write(tl.to_ics(events, title))
    else:
        sys.stdout.write(tl.to_markdown(events, shifts, title))


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[Optional[list[Path]], typer.Argument(help="Gold JSONL files (default: tests/data/gold/*.jsonl).")] = None,
    ocr: Annotated[bool, typer.Option(help="Include gold pages that need OCR.")] = True,
    baseline: Annotated[bool, typer.Option(help="Score the dateparser baseline too (if installed).")] = True,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives.")] = False,
) -> None:
    """Precision, recall and F1 per kind (span and value-exact) on the hand-checked gold set."""
    from raadslens.extract.evaluate import default_gold_files, evaluate, format_table

    result = evaluate(gold or default_gold_files(), include_ocr=ocr, baseline=baseline)
    console.print(format_table(result, verbose=verbose), highlight=False, markup=False)


@app.command()
def bench(
    pages: Annotated[int, typer.Option(help="Size of the generated corpus in pages.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Worker processes for the end-to-end run.")] = 2,
    workdir: Annotated[Path, typer.Option(help="Where the generated corpus and index go.")] = Path("bench"),
    out: Annotated[Path, typer.Option(help="Markdown file for the table.")] = Path("BENCHMARKS.md"),
    plumber_pages: Annotated[int, typer.Option(help="Pages for the slow pdfplumber baseline.")] = 200,
    search_pages: Annotated[int, typer.Option(help="Size of the index for the large search-latency run.")] = 100_000,
) -> None:
    """Benchmark every stage against pdfplumber and pypdfium2 baselines (not a test)."""
    from raadslens import bench as harness

    command = f"raadslens bench --pages {pages} --workers {workers}"
    console.print(harness.run(pages, workers, workdir, out, plumber_pages, command, search_pages))
