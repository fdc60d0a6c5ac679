"""Where a store keeps the files derived from its database (rendered page images)."""

from __future__ import annotations

import os

from raadslens.search_api.store import open_store


def test_a_sqlite_file_keeps_its_page_images_beside_it(tmp_path):
    for given in (str(tmp_path / "a.db"), f"sqlite://{tmp_path / 'b.db'}"):
        store = open_store(given)
        try:
            name = given.rsplit("/", 1)[1]
            assert store.cache_dir == tmp_path / f"{name}.pages"  # an absolute sqlite:// path stays absolute
        finally:
            store.close()


def test_a_server_database_keeps_them_in_the_user_cache_under_a_hash(pg):
    url = pg.create_database("cachedir")
    store = open_store(url)
    try:
        cache = store.cache_dir
        assert cache.is_relative_to(os.environ["XDG_CACHE_HOME"])
        assert url not in str(cache) and "postgresql" not in str(cache) and ":" not in cache.name
        again = open_store(url)
        assert again.cache_dir == cache  # the same database, the same folder
        again.close()
    finally:
        store.close()
