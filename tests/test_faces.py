"""The CLI and the API give the same answer to the same request.

Each case runs a `raadslens` command as a user does (a real subprocess with
`--db` on the ingested corpus) and asks its HTTP twin on the real server over
the same database, then compares: JSON after parsing both sides (the CLI
indents, the API does not), text formats (CSV, iCalendar, Markdown) byte for
byte. Every answer is also checked to be non-trivial, so two empty outputs
cannot agree their way to a pass. Requests the answers refuse must be refused
by both faces alike: exit 2 for a bad request (API 400/422), exit 1 for a
missing thing (API 404), the API's message on stderr, and nothing on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

NEWER = "<newer version>"  # placeholder for a document that has a previous version, from GET /versions
VTT = "Veilig Thuis Twente"


def raadslens(db, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("RAADSLENS_DB", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"  # plain stderr to compare messages with
    return subprocess.run([sys.executable, "-m", "raadslens", *args, "--db", str(db)],
                          capture_output=True, timeout=120, env=env, check=False)


@pytest.fixture(scope="module")
def newer_version(client) -> str:
    """The id of a document that has a previous version (the last of the first chain of two or more)."""
    chains = [c for c in client.get("/versions").json()["chains"] if len(c) >= 2]
    assert chains, "the corpus has no version chain"
    return chains[0][-1]["id"]


def _fill(value: Any, doc_id: str) -> Any:
    return doc_id if value == NEWER else value


# --- what makes an answer non-trivial ---------------------------------------------------------

def hits(n_min: int, offset: int = 0) -> Callable[[Any], None]:
    def check(d: dict) -> None:
        assert len(d["hits"]) >= n_min and d["total"] > offset and d["offset"] == offset
        assert all(h["document_id"] and h["page"] >= 1 and "<mark>" in h["snippet"] for h in d["hits"])
    return check


def answered(intent: str) -> Callable[[Any], None]:
    def check(d: dict) -> None:
        assert d["interpretation"]["intent"] == intent
        assert d["answered"] is True and d["answer"] and d["facts"] and d["citations"]
    return check


def not_answered(d: dict) -> None:
    assert d["answered"] is False and not d["facts"] and d["nearest"]  # the nearest sources, to read


def subject_changes(d: dict) -> None:
    assert d["subject"] == {"canonical": VTT, "alias": "VTT"}
    assert any(c["kind"] == "changed" and c["from"]["amount_cents"] == 85_000_000
               and c["to"]["amount_cents"] == 98_300_000 for c in d["changes"])


def document_changes(d: dict) -> None:
    assert d["from_document"]["id"] != d["to_document"]["id"]
    assert d["amounts"] and d["paragraphs"]


def amounts_where(pred: Callable[[dict], bool]) -> Callable[[Any], None]:
    def check(d: dict) -> None:
        assert d["count"] == len(d["amounts"]) > 0
        assert all(pred(a) for a in d["amounts"])
    return check


def csv_rows(text: bytes) -> None:
    lines = text.decode("utf-8").splitlines()
    assert lines[0] == ("document,filename,organisation,page,subject,row,column,year,scenario,proposal,"
                        "recurrence,amount,quote") and len(lines) > 10


def events(d: dict) -> None:
    assert d["query"] == "kerntakendiscussie" and d["documents"] and len(d["events"]) > 10


def ics(text: bytes) -> None:
    s = text.decode("utf-8")
    assert s.startswith("BEGIN:VCALENDAR") and s.count("BEGIN:VEVENT") > 10


def markdown(text: bytes) -> None:
    s = text.decode("utf-8")
    assert s.startswith("# ") and s.count("\n- **") > 10


def timelinejs(d: dict) -> None:
    assert d["title"] and len(d["events"]) > 10


# --- the same request, twice ------------------------------------------------------------------

@dataclass(frozen=True)
class Twin:
    args: tuple[str, ...]
    path: str
    params: dict[str, Any]
    check: Callable[[Any], None]
    compare: str = "json"  # or "bytes"


def twin(args, path, params, check, compare="json"):
    return pytest.param(Twin(tuple(args), path, params, check, compare), id=" ".join(args))


Q_AB = "Tot wanneer geldt het PGA-contract voor jeugdgezondheidszorg aan asielzoekers?"
Q_VTT = "What changed in the VTT amount between versions?"
Q_ZAAK = "Welke documenten horen bij zaaknummer 3825997?"
Q_SAVE = "Met hoeveel worden de budgetten voor forensische geneeskunde verhoogd?"
Q_NONE = "Wanneer opent SamenTwente het nieuwe zwembad in Hengelo?"

TWINS = [
    twin(["search", "meldingen huiselijk geweld", "--json", "--limit", "2"],
         "/search", {"q": "meldingen huiselijk geweld", "limit": 2}, hits(2)),
    twin(["search", "veilig thuis", "--json", "--limit", "3", "--offset", "2"],
         "/search", {"q": "veilig thuis", "limit": 3, "offset": 2}, hits(3, offset=2)),
    twin(["search", "kerntakendiscussie", "--json", "--limit", "50"],
         "/search", {"q": "kerntakendiscussie", "limit": 50}, hits(20)),
    twin(["ask", Q_AB, "--json"], "/ask", {"q": Q_AB}, answered("date")),
    twin(["ask", Q_VTT, "--json"], "/ask", {"q": Q_VTT}, answered("changes")),
    twin(["ask", Q_ZAAK, "--json"], "/ask", {"q": Q_ZAAK}, answered("zaak_documents")),
    twin(["ask", Q_SAVE, "--json"], "/ask", {"q": Q_SAVE}, answered("amount")),
    twin(["ask", Q_NONE, "--json"], "/ask", {"q": Q_NONE}, not_answered),
    twin(["changes", "--subject", "VTT"], "/changes", {"subject": "VTT"}, subject_changes),
    twin(["changes", "--document", NEWER], "/changes", {"document": NEWER}, document_changes),
    twin(["amounts", "--subject", "VTT"], "/amounts", {"subject": "VTT"},
         amounts_where(lambda a: a["subject"] == VTT)),
    twin(["amounts", "--csv"], "/amounts", {"format": "csv"}, csv_rows, "bytes"),
    twin(["amounts", "--min", "100000", "--max", "1000000"], "/amounts", {"min": 100000, "max": 1000000},
         amounts_where(lambda a: 10_000_000 <= a["cents"] <= 100_000_000)),
    twin(["amounts", "--from", "2025-01-01", "--to", "2025-02-01", "--recurrence", "structural"],
         "/amounts", {"from": "2025-01-01", "to": "2025-02-01", "recurrence": "structural"},
         amounts_where(lambda a: "2025-01-01" <= a["date"] <= "2025-02-01" and a["recurrence"] == "structural")),
    twin(["timeline", "kerntakendiscussie", "--format", "json"], "/timeline", {"q": "kerntakendiscussie"}, events),
    twin(["timeline", "kerntakendiscussie", "--format", "ics"],
         "/timeline", {"q": "kerntakendiscussie", "format": "ics"}, ics, "bytes"),
    twin(["timeline", "kerntakendiscussie", "--format", "markdown"],
         "/timeline", {"q": "kerntakendiscussie", "format": "markdown"}, markdown, "bytes"),
    twin(["timeline", "kerntakendiscussie", "--format", "timelinejs"],
         "/timeline", {"q": "kerntakendiscussie", "format": "timelinejs"}, timelinejs),
]


@pytest.mark.parametrize("case", TWINS)
def test_cli_and_api_give_the_same_answer(corpus_db, client, newer_version, case: Twin):
    args = [_fill(a, newer_version) for a in case.args]
    params = {k: _fill(v, newer_version) for k, v in case.params.items()}
    cli = raadslens(corpus_db, *args)
    assert cli.returncode == 0, cli.stderr.decode()
    api = client.get(case.path, params=params)
    assert api.status_code == 200, api.text
    if case.compare == "bytes":
        assert cli.stdout == api.content
        case.check(api.content)
    else:
        from_cli, from_api = json.loads(cli.stdout), api.json()
        assert from_cli == from_api
        case.check(from_api)


# --- the same refusal, twice ------------------------------------------------------------------

@dataclass(frozen=True)
class Refusal:
    args: tuple[str, ...]
    path: str
    params: dict[str, Any]
    exit_code: int
    status: int
    says: bool = True  # the CLI prints the API's message (not for FastAPI's own validation errors)


def refusal(args, path, params, exit_code, status, says=True):
    marks: list = []
    return pytest.param(Refusal(tuple(args), path, params, exit_code, status, says), id=" ".join(args), marks=marks)


REFUSALS = [
    refusal(["search", '"unbalanced', "--json"], "/search", {"q": '"unbalanced'}, 2, 400),
    refusal(["ask", "Hoe laat is het?", "--json"], "/ask", {"q": "Hoe laat is het?"}, 2, 422),
    refusal(["changes", "--subject", "XYZ"], "/changes", {"subject": "XYZ"}, 1, 404),
    refusal(["changes", "--document", "doesnotexist"], "/changes", {"document": "doesnotexist"}, 1, 404),
    refusal(["amounts", "--subject", "XYZ"], "/amounts", {"subject": "XYZ"}, 1, 404),
    refusal(["amounts", "--subject", "XYZ", "--csv"], "/amounts", {"subject": "XYZ", "format": "csv"}, 1, 404),
    refusal(["timeline", "--subject", "XYZ", "--format", "json"], "/timeline", {"subject": "XYZ"}, 1, 404),
    # Once disagreements: the CLI accepted what the API refused (now validated in the answers).
    refusal(["search", "kerntakendiscussie", "--json", "--limit", "0"],
            "/search", {"q": "kerntakendiscussie", "limit": 0}, 2, 422, says=False),
    refusal(["search", "kerntakendiscussie", "--json", "--offset", "-1"],
            "/search", {"q": "kerntakendiscussie", "offset": -1}, 2, 422, says=False),
    refusal(["amounts", "--from", "13-03-2025"], "/amounts", {"from": "13-03-2025"}, 2, 422, says=False),
    refusal(["amounts", "--recurrence", "weekly"], "/amounts", {"recurrence": "weekly"}, 2, 422, says=False),
    refusal(["changes", "--subject", "[/x]"], "/changes", {"subject": "[/x]"}, 1, 404),
]


@pytest.mark.parametrize("case", REFUSALS)
def test_cli_and_api_refuse_alike(corpus_db, client, case: Refusal):
    api = client.get(case.path, params=case.params)
    assert api.status_code == case.status, api.text
    cli = raadslens(corpus_db, *case.args)
    stderr = cli.stderr.decode()
    assert (cli.returncode, cli.stdout) == (case.exit_code, b""), stderr  # an error, never an answer
    assert "Traceback" not in stderr
    if case.says:
        detail = api.json()["detail"]
        if isinstance(detail, dict):  # an unanswerable question: the message and what can be asked
            for line in [detail["message"], *detail["can_answer"]]:
                assert line in stderr
        else:
            assert detail in stderr
