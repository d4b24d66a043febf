"""The store: migrations, whole-article writes, reads back what was written."""

from __future__ import annotations

import duckdb
import pytest

from dyad.records import Article, Quote, Reject, Repeat, Sentence, Span, Token
from dyad.store.db import SCHEMA_VERSION, Store


def _article(aid: str = "a1", **kw) -> Article:
    base = {
        "id": aid,
        "origin": "x.txt",
        "kind": "txt",
        "raw": "Raw text. Raw text.",
        "text": "Raw text.",
        "title": "T",
        "date": "2019-07-22",
        "url": None,
        "source": "wire",
        "doc_id": "d1",
        "quotes": (Quote("hello", "Ann Author", "ann", "2019-07-24", None, 0, 5),),
        "repeats": (Repeat("Raw text.", 10, 19, 0),),
        "trailer": "bio",
    }
    base.update(kw)
    return Article(**base)


def _sentence(aid: str = "a1") -> Sentence:
    tok = Token(0, "Raw", "raw", "ADJ", "JJ", "ROOT", 0, 0, "", "O", "")
    return Sentence(aid, 0, "Raw text.", 0, 9, 0, 9, 0, (tok,), (Span(0, 1, "ORG", "Raw"),), ())


def test_store_migrations_recorded(db_path):
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.migrate() == []  # nothing pending the second time
    con = duckdb.connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_store_migration_6_indexes_event_keys(db_path):
    with Store(db_path) as store:
        got = {(t, i) for t, i in store.con.execute("SELECT table_name, index_name FROM duckdb_indexes()").fetchall()}
        assert {
            ("events", "events_event_key"),
            ("events", "events_global_id"),
            ("mentions", "mentions_event_key"),
        } <= got
        # 200,000 events: enough for DuckDB to look a key up in the index instead of scanning
        store.con.execute("""INSERT INTO events (event_key, global_id, merge_group, date_precision, source_key,
            target_key, cameo, cameo_base, cameo_root, cameo_name, goldstein, quad_class, modality, num_mentions,
            num_sources, num_articles, article_ids, is_root, confidence, added_at)
            SELECT printf('%016x', i), i, 'g', 'day', 'USA', 'PAK', '042', '042', '04', 'Make a visit', 1.9, 1,
                   'asserted', 1, 1, 1, ['a'], TRUE, 1.0, TIMESTAMP '2021-01-01' FROM range(200000) t(i)""")
        plan = store.con.execute(
            "EXPLAIN ANALYZE SELECT * FROM events WHERE event_key = '0000000000000abc'"
        ).fetchall()[0][1]
        assert "Index Scan" in plan
        assert store.con.execute(
            "SELECT global_id FROM events WHERE event_key = ?", ["0000000000000abc"]
        ).fetchall() == [(0xABC,)]


def test_store_roundtrip_article(db_path):
    with Store(db_path) as store:
        store.add_articles([(_article(), [_sentence()], [1, 2, 3])])
        got = store.get_article("a1")
        assert got is not None and got.n_sentences == 1
        assert got.article.quotes[0].handle == "ann"
        assert got.article.repeats[0].first_raw_start == 0
        assert got.article.date == "2019-07-22"
        assert store.sentences("a1")[0].tokens[0].lemma == "raw"
        assert store.sentences("a1")[0].entities[0].label == "ORG"
        assert store.get_article("d1").article.id == "a1"  # by the input's own id


def test_store_transaction_is_all_or_nothing(db_path):
    with Store(db_path) as store:
        store.add_articles([(_article(), [_sentence()], None)])
        with pytest.raises(duckdb.Error):  # second article collides on its sentences' key
            store.add_articles([(_article("a2"), [_sentence("a2")], None), (_article("a1"), [], None)])
        assert store.article_ids() == {"a1"}
        assert store.counts()["sentences"] == 1


def test_store_rejects_upsert(db_path):
    with Store(db_path) as store:
        store.add_reject(Reject("bad.bin", "binary", "NUL bytes"))
        store.add_reject(Reject("bad.bin", "binary", "NUL bytes"))
        assert store.rejects() == [Reject("bad.bin", "binary", "NUL bytes")]


def test_store_read_only_open(db_path):
    Store(db_path).close()
    with Store(db_path, read_only=True) as store:
        assert store.counts()["articles"] == 0
