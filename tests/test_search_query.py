"""Query parsing, stemming and snippets, without a database."""

from __future__ import annotations

import pytest

from raadslens.models.normalize import stem_text
from raadslens.search_api.search.query import QueryError, parse_query
from raadslens.search_api.search.snippets import snippet
from raadslens.search_api.store.sqlite.fts import compile_match


def test_documents_and_queries_stem_alike():
    assert stem_text("Meldingen") == stem_text("melding")
    assert stem_text("geïnformeerd") == stem_text("geinformeerd")


@pytest.mark.parametrize(
    "q, expected",
    [
        ("veilig thuis", '("veilig") AND ("thuis")'),
        ('"veilig thuis"', '("veilig thuis")'),
        ("jeugd OR jongeren", '("jeugd" OR "jonger")'),
        ("jeugd -ggd", '("jeugd") NOT "ggd"'),
        ("A24STW-42", '("a24stw 42")'),
        ("(jeugd);", '("jeugd")'),
    ],
)
def test_queries_become_quoted_stemmed_terms(q, expected):
    assert compile_match(parse_query(q)) == expected.replace('"veilig"', f'"{stem_text("veilig")}"').replace(
        '"veilig thuis"', f'"{stem_text("veilig thuis")}"'
    )


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR", "OR jeugd", "jeugd OR", "-jeugd", "", "?!"])
def test_meaningless_queries_raise_with_a_message(q):
    with pytest.raises(QueryError) as e:
        parse_query(q)
    assert len(str(e.value)) > 10


def test_snippet_marks_matches_and_escapes_html():
    text = "Aanhef. " + "woord " * 40 + "De <b>meldingen</b> bij Veilig Thuis stijgen." + " slot" * 40
    s = snippet(text, parse_query("melding veilig").stems)
    assert "<mark>meldingen</mark>" in s and "<mark>Veilig</mark>" in s
    assert "&lt;b&gt;" in s and "<b>" not in s
    assert s.startswith("…") and s.endswith("…")


def test_amount_blanking_keeps_the_words_around_it():
    """Rows of two versions are aligned on their text without amounts; the words must survive."""
    from raadslens.search_api.answers.changes import amount_key as _key

    assert _key("uitzetting van €850.000 nodig") == "uitzetting van nodig"
    assert _key("Beëindigen Gezonde School Aanpak | -€ 185.000 (I)") == _key("Beëindigen Gezonde School Aanpak | -€ 200.000")


def test_snippet_picks_the_densest_cluster_and_starts_at_the_page_start_when_close():
    stems = parse_query("jeugd").stems
    near_start = "Jeugd eerst. " + "woord " * 100
    s = snippet(near_start, stems)
    assert s.startswith("<mark>Jeugd</mark>") and s.endswith("…")
    page = "jeugd " + "vul " * 60 + "over jeugd en jeugdzorg: de jeugd telt. " + "slot " * 60
    s = snippet(page, stems)
    assert s.count("<mark>") == 2 and "<mark>jeugd</mark> telt" in s  # the cluster, not the first hit
    assert s.startswith("…") and "vul vul vul vul over" in s  # a few words of lead-in
