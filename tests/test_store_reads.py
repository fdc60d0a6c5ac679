"""Store reads that answers rely on, on both backends (the ingested corpus)."""

from __future__ import annotations

from raadslens.search_api.store import open_store


def test_documents_by_id_are_the_listed_rows_of_exactly_those_ids(corpus_url):
    store = open_store(corpus_url, create=False)
    try:
        every = {d["id"]: d for d in store.list_documents()}
        some = sorted(every)[::2]
        got = store.documents_by_id([*some, some[0], "no-such-document"])
        assert list(sorted(got)) == some  # each once, an unknown id left out
        assert all(dict(got[i]) == dict(every[i]) for i in some)
        assert store.documents_by_id([]) == {}
    finally:
        store.close()
