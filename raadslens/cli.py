"""The `raadslens` command line: parses options, calls one function, renders its result.

Every command that reads or writes the database takes `--db` and honours
RAADSLENS_DB (see `raadslens.settings`); the answers are the same functions the
HTTP API calls, so both give the same answer to the same request.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from raadslens import cli_alerts
from raadslens.settings import Settings

if TYPE_CHECKING:
    from raadslens.models import Mention
    from raadslens.search_api.store import Store

app = typer.Typer(help="raadslens: cited facts from Dutch local-government PDFs.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Database: a SQLite file or sqlite:///path (default: $RAADSLENS_DB, else the per-user data folder).",
    show_default=False)]
T = TypeVar("T")


DEBUG = False  # --debug: show the traceback of an unexpected error


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    global DEBUG
    DEBUG = debug


def main() -> None:
    """The `raadslens` command: no traceback reaches the user unless --debug asks for one."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]: what was stored is kept; run the same command again to resume",
                  highlight=False)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence: one line, an exit code
        if DEBUG:
            raise
        err.print(f"[red]error:[/red] unexpected {escape(type(e).__name__)}: {escape(str(e).splitlines()[0] if str(e) else '')}"
                  " (run with --debug for the details)", highlight=False)
        sys.exit(70)


def _settings(db: str | None) -> Settings:
    return Settings.from_env(db=db)


@contextmanager
def _failing_clearly() -> Iterator[None]:
    """Domain errors become one red line and an exit code: 2 for a bad request, 1 for a missing thing."""
    from raadslens.search_api.answers.errors import AnswerError
    from raadslens.search_api.search.query import QueryError
    from raadslens.search_api.store import StoreError

    try:
        yield
    except (QueryError, AnswerError, StoreError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1 if getattr(e, "status", 400) == 404 or isinstance(e, StoreError) else 2) from e


def _reader(db: str | None) -> Store:
    """The store for a read command: a missing database is an error, an empty one a warning."""
    from raadslens.search_api.store import display_url, open_store

    url = _settings(db).db
    with _failing_clearly():
        store = open_store(url, create=False)
    if store.counts()["documents"] == 0:
        err.print(f"[yellow]warning:[/yellow] the database {escape(display_url(url))} holds no documents:"
                  " run raadslens ingest first",
                  highlight=False)
    return store


def _answer(db: str | None, fn: Callable[[Store], T]) -> T:
    store = _reader(db)
    try:
        with _failing_clearly():
            return fn(store)
    finally:
        store.close()


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="PDF files or folders (searched recursively).")] = None,
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (0 = one per core, at most 2).", show_default="0")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a usable text layer.")] = True,
    report: Annotated[Path | None, typer.Option(help="Write a JSON ingest report here.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds one document may take before it is stopped and reported.", show_default="600")] = None,
    max_memory: Annotated[int | None, typer.Option(help="Memory limit per worker process, in MB.", show_default="1024")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per file: stored, duplicate or failed.")] = False,
    retry: Annotated[bool, typer.Option("--retry", help="Also try again the recorded failures and the documents with pages pending OCR.")] = False,
) -> None:
    """Ingest PDFs into the database; idempotent by content hash.

    A document whose OCR failed on a page is read again by the next ingest that
    can OCR; --retry (without paths, or with them) also retries what failed."""
    from raadslens import pipeline
    from raadslens.search_api.store import display_url, open_store

    if not paths and not retry:
        raise typer.BadParameter("give PDF files or folders, or --retry", param_hint="PATHS")
    settings = Settings.from_env(db=db, workers=workers, timeout=timeout, max_memory=max_memory)
    with _failing_clearly():
        store = open_store(settings.db)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(total: int, name: str | None) -> None:
            if name is None:
                bar.update(task, total=total)
            else:
                bar.update(task, advance=1, description=name)

        summary = pipeline.ingest(paths or [], store, workers=settings.workers, ocr=ocr, timeout=settings.timeout,
                                  max_memory_mb=settings.max_memory, progress=progress, retry=retry)
    if summary.documents:  # the saved searches hear of what is new
        cli_alerts.after_ingest(store, settings)
    store.close()
    for p in summary.missing:
        err.print(f"[red]error:[/red] {escape(p)}: no such file or folder", highlight=False)
    for p in summary.gone:
        err.print(f"[yellow]warning:[/yellow] {escape(p)}: recorded, but no longer there (not retried)", highlight=False)
    for name, w in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(name)}: {escape(w)}", highlight=False)
    for v in summary.verdicts:
        if v.verdict == "failed":
            err.print(f"[red]failed:[/red] {escape(v.path)}: {escape(v.reason or '')}", highlight=False)
        elif verbose:
            err.print(f"{v.verdict}: {escape(v.path)}" + (f" ({v.document})" if v.document else ""), highlight=False)
    console.print(
        f"{summary.documents} documents, {summary.pages} pages ({summary.ocr_pages} OCR"
        + (f", {summary.needs_ocr_pages} need OCR" if summary.needs_ocr_pages else "")
        + f"), {summary.mentions} mentions,"
        + (f" {summary.retried} read again," if summary.retried else "")
        + f" {summary.skipped} already stored,"
        f" {len(summary.failures)} failures → {display_url(settings.db)}", markup=False, highlight=False,
    )
    if report:
        report.write_text(json.dumps(summary.report(), indent=2, ensure_ascii=False))
    if summary.missing:  # every file found got a verdict (failures included): only a path not there is an error
        raise typer.Exit(1)


@app.command()
def migrate(db: DbOpt = None) -> None:
    """Bring the database's schema up to this raadslens (SQLite or PostgreSQL), step by step.

    Each step is one transaction: a step that fails leaves the database at the version
    before it, and says so. Up to date already: nothing is written."""
    from raadslens.search_api.store import migrate_store

    with _failing_clearly():
        m = migrate_store(_settings(db).db)
    change = f"schema version {m.after}, up to date" if m.before == m.after else (
        f"schema version {m.before} → {m.after}" if m.before else f"schema version {m.after} created")
    console.print(f"{change} ({m.backend}) → {m.where}", markup=False, highlight=False)


def _mentions_json(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in mentions]  # null fields stay: they are part of the contract


@app.command()
def extract(
    file: Annotated[str | None, typer.Argument(help="A PDF, a .txt, or - for text on stdin.")] = None,
    format: Annotated[str, typer.Option("--format", help="Output format: json.")] = "json",
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help='JSON lines in: {"id", "text", "reference_date"?}; - for stdin.')] = None,
    reference_date: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) for relative dates.")] = None,
) -> None:
    """Extract mentions from one document (no database) as JSON."""
    from raadslens.extract.pipeline import extract_document, extract_pages

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
                err.print(f"[red]error:[/red] line {n}: expected a JSON object with \"text\" ({escape(str(e))})")
                raise typer.Exit(2) from e
            mentions = extract_pages([(1, text)], reference_date=rdate)
            sys.stdout.write(json.dumps({"id": rid, "mentions": _mentions_json(mentions)}, ensure_ascii=False) + "\n")
        return
    if file is None:
        raise typer.BadParameter("give a FILE (PDF, .txt or -) or --jsonl IN")
    if file == "-" or not file.lower().endswith(".pdf"):
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        out: dict[str, Any] = {"source": file, "mentions": _mentions_json(extract_pages([(1, text)], reference_date=ref))}
    else:
        from raadslens.ingest import IngestError, read_pdf

        try:
            doc = read_pdf(Path(file))
        except IngestError as e:
            err.print(f"[red]error:[/red] {escape(str(file))}: {escape(str(e))}")
            raise typer.Exit(1) from e
        doc.mentions = extract_document(doc, reference_date=ref)
        out = doc.model_dump(mode="json", exclude={"pages"}, exclude_none=True)
        out["pages"] = len(doc.pages)
        out["mentions"] = _mentions_json(doc.mentions)
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", OR, -exclude.')],
    db: DbOpt = None,
    limit: int = 10,
    offset: int = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search the page text; every hit names document and page."""
    from raadslens.search_api.answers.search import search as run_search

    result = _answer(db, lambda store: run_search(store, query, limit=limit, offset=offset))
    if json_out:
        _print_json(result)
        return
    console.print(f"{result['total']} pages match {query!r}", markup=False)
    for hit in result["hits"]:
        snippet = escape(hit["snippet"]).replace("<mark>", "[bold yellow]").replace("</mark>", "[/bold yellow]")
        console.print(f"[cyan]{escape(hit['title'])}[/cyan] ({hit['date'] or 'undated'}) p. {hit['page']}")
        console.print(f"  {snippet}", highlight=False)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    db: DbOpt = None,
) -> None:
    """Serve the API (OpenAPI docs at /docs)."""
    import uvicorn

    from raadslens.search_api.web.app import create_app

    url = _settings(db).db
    _reader(db).close()  # says so when the database is missing or empty, before serving it
    uvicorn.run(create_app(url), host=host, port=port, log_level="info")


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A PDF.")],
    page: Annotated[int | None, typer.Option("--page", help="Only this page (1-based).")] = None,
) -> None:
    """Show a page's blocks with roles and the decisions taken (OCR, furniture)."""
    from raadslens.ingest import IngestError, read_pdf
    from raadslens.ingest.inspect import describe

    try:
        doc = read_pdf(file)
    except IngestError as e:
        err.print(f"[red]error:[/red] {escape(str(file))}: {escape(str(e))}")
        raise typer.Exit(1) from e
    console.print(describe(doc, page), highlight=False, markup=False)

def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_rendered(view: str, fmt: str, data: dict[str, Any]) -> None:
    from raadslens.search_api.answers import formats

    with _failing_clearly():
        _, text = formats.render(view, fmt, data)
    sys.stdout.write(text)


@app.command()
def changes(
    subject: Annotated[str | None, typer.Option(help="A subject or alias, e.g. VTT.")] = None,
    document: Annotated[str | None, typer.Option(help="A document id: changes against its previous version.")] = None,
    db: DbOpt = None,
) -> None:
    """What changed between versions, for a subject or a document (JSON)."""
    from raadslens.search_api.answers import changes as ch
    from raadslens.search_api.answers.boxes import add_boxes

    _print_json(_answer(db, lambda store: add_boxes(store, ch.changes(store, subject=subject, document=document))))


@app.command()
def amounts(
    subject: Annotated[str | None, typer.Option(help="A subject or alias.")] = None,
    document: Annotated[str | None, typer.Option(help="A document id or file name.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Document date on or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Document date on or before (YYYY-MM-DD).")] = None,
    min_eur: Annotated[float | None, typer.Option("--min", help="At least this many euros.")] = None,
    max_eur: Annotated[float | None, typer.Option("--max", help="At most this many euros.")] = None,
    recurrence: Annotated[str | None, typer.Option(help="structural or incidental.")] = None,
    format: Annotated[str, typer.Option("--format", help="json (one page) or csv (every matching amount).")] = "json",
    csv: Annotated[bool, typer.Option("--csv", help="The same as --format csv.")] = False,
    limit: Annotated[int, typer.Option(help="Amounts per page (JSON).")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many amounts (JSON).")] = 0,
    db: DbOpt = None,
) -> None:
    """Amounts with subject and citation: a page of JSON with the total, or a CSV of every row."""
    from raadslens.search_api.answers import amounts as am
    from raadslens.search_api.answers import formats

    filters: dict[str, Any] = dict(subject=subject, document=document, date_from=date_from, date_to=date_to,
                                   min_eur=min_eur, max_eur=max_eur, recurrence=recurrence)
    if format not in ("json", "csv"):
        raise typer.BadParameter(f"unknown format {format!r}: use json or csv", param_hint="--format")
    if csv or format == "csv":
        def write(store: Store) -> None:
            for chunk in formats.amounts_csv_chunks(am.every_amount(store, **filters)):
                sys.stdout.write(chunk)

        _answer(db, write)
        return
    from raadslens.search_api.answers.boxes import add_boxes

    _print_rendered("amounts", "json", _answer(db, lambda store: add_boxes(
        store, am.amounts(store, **filters, limit=limit, offset=offset))))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in Dutch or English.")],
    db: DbOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole JSON answer.")] = False,
) -> None:
    """Answer a question with citations."""
    from raadslens.search_api import ask as asker
    from raadslens.search_api.answers.boxes import add_boxes

    try:
        result = _answer(db, lambda store: add_boxes(store, asker.answer(store, question)))
    except asker.Unanswerable as e:
        err.print(f"[red]{escape(str(e))}[/red]. I can answer:")
        for c in e.capabilities:
            err.print(f"  - {c}", markup=False)
        raise typer.Exit(2) from e
    if json_out:
        _print_json(result)
        return
    console.print(result["answer"], highlight=False, markup=False)
    for c in result["citations"][:10]:
        console.print(f"  [cyan]{escape(c['document_title'])}[/cyan] p. {c['page']}: “{escape(c['quote'])}”",
                      highlight=False)


@app.command()
def timeline(
    q: Annotated[str | None, typer.Argument(help="Search terms that select the documents, e.g. kerntakendiscussie.")] = None,
    subject: Annotated[str | None, typer.Option(help="Or: the documents naming this subject.")] = None,
    format: Annotated[str, typer.Option(help="json, timelinejs, ics or markdown.")] = "markdown",
    db: DbOpt = None,
) -> None:
    """The timeline of a process: events, planned or happened, and shifted dates."""
    from raadslens.search_api.answers import timeline as tl
    from raadslens.search_api.answers.boxes import add_boxes

    def events(store: Store) -> dict[str, Any]:  # the JSON has each citation's boxes, as GET /timeline
        data = tl.timeline(store, q=q, subject=subject)
        return add_boxes(store, data) if format == "json" else data

    _print_rendered("timeline", format, _answer(db, events))


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold JSONL files (default: the tune and the test part of tests/data/gold/).")] = None,
    ocr: Annotated[bool, typer.Option(help="Include gold pages that need OCR.")] = True,
    baseline: Annotated[bool, typer.Option(help="Score the dateparser baseline too (if installed).")] = True,
    metadata: Annotated[bool, typer.Option(help="Score document metadata too (reads every gold document).")] = True,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives.")] = False,
    questions: Annotated[Path | None, typer.Option(help="Score /ask on this question set (JSONL) instead, "
                                                   "against the database's documents.")] = None,
    db: DbOpt = None,
) -> None:
    """Precision, recall and F1 per kind (span and value-exact) on the hand-checked gold set:
    the tune part and the test part (never tuned on) apart, and the metadata accuracy.
    With --questions: correct / answered wrong / not answered per split of a question set."""
    if questions is not None:
        from raadslens.search_api.ask.evaluate import evaluate_questions

        report = _answer(db, lambda store: evaluate_questions(store, questions))
        console.print(report.table(verbose=verbose), highlight=False, markup=False)
        return
    from raadslens.extract.evaluate import (
        default_gold_files,
        evaluate,
        format_table,
        split_test_files,
    )

    if gold:
        parts = [("gold", list(gold))]
    else:
        parts = [("TUNE part", default_gold_files()), ("TEST part (never tuned on)", split_test_files())]
    for name, files in parts:
        if not files:
            console.print(f"== {name}: no gold files\n", markup=False)
            continue
        result = evaluate(files, include_ocr=ocr, baseline=baseline)
        console.print(f"== {name}: {', '.join(f.name for f in files)}", markup=False)
        console.print(format_table(result, verbose=verbose) + "\n", highlight=False, markup=False)
    if metadata and not gold:
        from raadslens.extract.metadata_eval import evaluate_metadata, format_metadata

        console.print(format_metadata(evaluate_metadata(ocr=ocr), verbose=verbose), highlight=False,
                      markup=False)


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


app.add_typer(cli_alerts.app, name="alerts")  # raadslens alerts add|list|remove|run
app.command("export")(cli_alerts.export)
app.command("watch")(cli_alerts.watch_cmd)
app.command("remove")(cli_alerts.remove_document_cmd)
