"""`dyad serve`: the REST API against the real server (uvicorn, a loopback port) over the
coded sample corpus, every error case included."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from serving import running

from dyad import api
from dyad.serve.store import Cached, accepts_gzip
from dyad.serve.tables import csv_response, flat_event

# each test serves a coded store (the demo pipeline) from a thread
pytestmark = pytest.mark.slow

API = "/api/v1"


@pytest.fixture(scope="module")
def server(demo_store):
    with running(demo_store) as base:
        yield httpx.Client(base_url=base, timeout=60)


def _all_pages(client, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = client.get(f"{API}/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items


def test_serve_health_counts_the_store(server, demo_store):
    got = server.get(f"{API}/health").json()
    summary = api.summary(demo_store)
    assert got["status"] == "ok" and got["articles"] == summary["articles"]
    assert got["events"] == sum(1 for _ in api.events(demo_store)) > 100


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_serve_events_pages_cover_the_dyad_once(server, demo_store, order):
    expected = [e["event_key"] for e in api.events(demo_store, actors=["USA", "PAK"])]
    got = _all_pages(server, actor=["USA", "PAK"], limit=4, order=order)
    keys = [e["event_key"] for e in got]
    assert len(keys) == len(set(keys)) == len(expected) > 8
    assert set(keys) == set(expected)
    dates = [e["date"] for e in got]
    assert dates == sorted(dates, reverse=order == "desc")
    for e in got:
        assert {e["source_key"], e["target_key"]} == {"USA", "PAK"}
        assert set(e) >= {
            "event_key",
            "date",
            "source",
            "target",
            "cameo",
            "cameo_name",
            "goldstein",
            "quad_class",
            "modality",
            "num_mentions",
            "num_sources",
            "num_articles",
            "confidence",
        }


def test_serve_events_filters(server, demo_store):
    asserted = _all_pages(server, actor="PAK", modality="asserted", since="2019-01-01", until="2019-06-30", limit=50)
    assert asserted and all(
        e["modality"] == "asserted"
        and "2019-01-01" <= e["date"] <= "2019-06-30"
        and "PAK" in (e["source_key"], e["target_key"])
        for e in asserted
    )
    expected = list(
        api.events(demo_store, actors=["PAK"], modality=["asserted"], since="2019-01-01", until="2019-06-30")
    )
    assert len(asserted) == len(expected)
    consult = _all_pages(server, root="04", limit=50)
    assert consult and all(e["cameo_root"] == "04" for e in consult)


def test_serve_event_has_every_mention_with_its_evidence(server, demo_store):
    busiest = max(api.events(demo_store), key=lambda e: e["num_mentions"])
    got = server.get(f"{API}/events/{busiest['event_key']}").json()
    assert len(got["mentions"]) == busiest["num_mentions"] >= 2
    for m in got["mentions"]:
        ev = m["evidence"]
        assert m["sentence"][ev["start"] : ev["end"]] == ev["text"]
        assert m["article"]["id"] in busiest["article_ids"] and m["article"]["title"]


def test_serve_relations_match_the_library(server, demo_store):
    got = server.get(f"{API}/relations/usa/pak", params={"period": "year", "bootstrap": 100}).json()
    assert got == api.relations("USA", "PAK", db=demo_store, period="year", bootstrap=100)
    both = [r for r in got["rows"] if r["direction"] == "USA<->PAK"]
    assert sum(r["events"] for r in both) == next(t for t in got["totals"] if t["direction"] == "USA<->PAK")["events"]
    csv = server.get(f"{API}/relations/USA/PAK", params={"period": "year", "bootstrap": 100, "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("period,direction,source,target,events,verbal_coop")
    assert len(lines) == 1 + len(got["rows"])


def test_serve_cached_answers_gzip_and_etag(server):
    params = {"period": "month", "bootstrap": 50}
    plain = server.get(f"{API}/relations/USA/PAK", params=params, headers={"Accept-Encoding": "identity"})
    packed = server.get(f"{API}/relations/USA/PAK", params=params, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers and packed.headers["content-encoding"] == "gzip"
    assert packed.num_bytes_downloaded < len(plain.content) / 2
    assert packed.content == plain.content  # the same JSON, only smaller on the wire
    etag = plain.headers["etag"]
    assert etag == packed.headers["etag"] and plain.headers["vary"] == "Accept-Encoding"
    for match in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = server.get(f"{API}/relations/USA/PAK", params=params, headers={"If-None-Match": match})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = server.get(f"{API}/relations/USA/PAK", params={**params, "period": "year"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    dyads = server.get(f"{API}/dyads", headers={"If-None-Match": server.get(f"{API}/dyads").headers["etag"]})
    assert dyads.status_code == 304


@pytest.mark.parametrize(
    "header,expected",
    [
        (None, False),
        ("", False),
        ("identity", False),
        ("gzip", True),
        ("br, gzip;q=0.5", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0", False),
        ("*", True),
        ("deflate, br", False),
        ("gzip;q=x", False),
    ],
)
def test_serve_accepts_gzip(header, expected):
    assert accepts_gzip(header) is expected


def test_serve_small_answers_are_not_gzipped():
    small, large = Cached({"items": []}), Cached({"items": ["x" * 40] * 200})
    assert small.gzipped is None and large.gzipped is not None
    assert "content-encoding" not in small.response({"accept-encoding": "gzip"}).headers
    assert gzip.decompress(large.response({"accept-encoding": "gzip"}).body) == large.body
    assert Cached({"a": 1}).etag != Cached({"a": 2}).etag and Cached({"a": 1}).etag == Cached({"a": 1}).etag


def test_serve_dyads_network_scenarios_articles(server, demo_store):
    dyads = server.get(f"{API}/dyads", params={"limit": 5}).json()["items"]
    assert dyads == api.dyads(demo_store, limit=5)
    net = server.get(f"{API}/network", params={"actor": ["USA,PAK", "IND"]}).json()
    assert net["actors"] == ["USA", "PAK", "IND"] and len(net["cells"]) == 6
    assert net["index"] == [list(r) for r in api.network(["USA", "PAK", "IND"], db=demo_store)["index"]]
    board = server.get(f"{API}/scenarios", params={"dyad": "USA,PAK"}).json()["items"]
    assert board and all(s["status"] for s in board)
    opened = server.get(f"{API}/scenarios", params={"dyad": "USA,PAK", "status": "open"}).json()["items"]
    assert [s["id"] for s in opened] == [s["id"] for s in board if s["status"] == "open"]
    moved = [s for s in server.get(f"{API}/scenarios").json()["items"] if s["evidence"]]
    assert moved and all(
        server.get(f"{API}/events/{e['event_key']}").status_code == 200
        for s in moved
        for e in s["evidence"]
        if e["event_key"]
    )
    first = next(api.articles(demo_store))
    art = server.get(f"{API}/articles/{first['id']}").json()
    assert art["title"] == first["title"] and art["sentences"][0]["index"] == 0


@pytest.mark.parametrize(
    "path",
    ["/events?format=csv&limit=5", "/dyads?format=csv", "/network?actor=USA,PAK&format=csv", "/scenarios?format=csv"],
)
def test_serve_tables_as_csv(server, path):
    res = server.get(API + path)
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert len(res.text.strip().splitlines()) >= 2


def test_serve_csv_cells_cannot_run_as_formulas():
    event = {
        "event_key": "k",
        "date": "2019-01-01",
        "date_end": None,
        "source": {"text": '=HYPERLINK("x")'},
        "target": None,
        "cameo": "042",
        "cameo_name": "Make a visit",
        "goldstein": -2.0,
        "quad_class": 1,
        "modality": "asserted",
        "plover": {},
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "confidence": 1.0,
        "article_ids": ["a"],
        "source_url": "@SUM(A1)",
    }
    text = csv_response("t", [flat_event(event)]).body.decode()
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and ",-2.0," in text


ERRORS = [  # path, status, field
    ("/events?limit=0", 400, "limit"),
    ("/events?limit=100000", 400, "limit"),
    ("/events?since=2019-13-01", 400, "since"),
    ("/events?until=yesterday", 400, "until"),
    ("/events?modality=perhaps", 400, "modality"),
    ("/events?actor=U", 400, "actor"),
    ("/events?root=4", 400, "root"),
    ("/events?cursor=bm90LWEtY3Vyc29y", 400, "cursor"),
    ("/events?order=sideways", 400, "order"),
    ("/events?format=xml", 400, "format"),
    ("/relations/USA/USA", 400, "b"),
    ("/relations/U/PAK", 400, "a"),
    ("/relations/USA/PAK?period=decade", 400, "period"),
    ("/relations/USA/PAK?bootstrap=-1", 400, "bootstrap"),
    ("/dyads?sort=loudest", 400, "sort"),
    ("/network?actor=USA", 400, "actor"),
    ("/scenarios?dyad=USA", 400, "dyad"),
    ("/scenarios?status=maybe", 400, "status"),
    ("/events/0000000000000000", 404, None),
    ("/articles/no-such-article", 404, None),
    ("/no-such-route", 404, None),
]


@pytest.mark.parametrize("path,status,field", ERRORS)
def test_serve_errors_are_json_naming_the_field(server, path, status, field):
    res = server.get(API + path)
    assert res.status_code == status
    body = res.json()
    assert body["status"] == status and body["error"]
    assert body.get("field") == field
    assert "Traceback" not in res.text


def test_serve_cursor_of_another_order_is_refused(server):
    page = server.get(f"{API}/events", params={"limit": 2}).json()
    res = server.get(f"{API}/events", params={"limit": 2, "cursor": page["next"], "order": "desc"})
    assert res.status_code == 400 and res.json()["field"] == "cursor"


def test_serve_answers_only_loopback_host_names(server):
    res = server.get(f"{API}/health", headers={"Host": "attacker.example"})
    assert res.status_code == 400 and res.json()["field"] == "Host"


def test_serve_docs_work_offline(server):
    page = server.get("/docs").text
    spec = server.get("/openapi.json").json()
    assert {f"{API}/events", f"{API}/relations/{{a}}/{{b}}", f"{API}/ingest"} <= set(spec["paths"])
    import re

    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert refs and all(r.startswith("/") for r in refs), refs  # nothing from another host
    assert all(server.get(r).status_code == 200 for r in refs)
    assert "https://" not in server.get("/").text


def test_serve_code_stores_nothing(server):
    before = server.get(f"{API}/health").json()
    res = server.post(
        f"{API}/code",
        json={
            "text": "Pakistan's foreign minister met his Afghan counterpart in Kabul on Tuesday.",
            "date": "2019-03-05",
        },
    )
    assert res.status_code == 200, res.text
    items = res.json()["items"]
    assert items and items[0]["cameo"].startswith("04") and items[0]["date"].startswith("2019-03")
    assert server.get(f"{API}/health").json() == before


@pytest.mark.parametrize(
    "body,field", [({"date": "2019-01-01"}, "text"), ({"text": ""}, "text"), ({"text": "x", "date": "soon"}, "date")]
)
def test_serve_code_bad_body(server, body, field):
    res = server.post(f"{API}/code", json=body)
    assert res.status_code == 400 and res.json()["field"] == field


def test_serve_body_limit(demo_store):
    with running(demo_store, "--max-body", "1000") as base:
        big = json.dumps({"text": "x" * 2000})
        declared = httpx.post(f"{base}{API}/code", content=big, headers={"content-type": "application/json"})
        assert declared.status_code == 413 and declared.json()["status"] == 413
        chunked = httpx.post(
            f"{base}{API}/code",
            content=iter([big[:600].encode(), big[600:].encode()]),
            headers={"content-type": "application/json"},
        )
        assert chunked.status_code == 413


@pytest.fixture()
def writable(demo_store, tmp_path):
    db = str(tmp_path / "w.duckdb")
    shutil.copy(demo_store, db)
    token_file = tmp_path / "cfg" / "serve.token"
    done = subprocess.run(
        [sys.executable, "-m", "dyad", "serve", "--new-token", "--token-file", str(token_file)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(token_file)
    return db, token_file


def test_serve_new_token_is_private(writable):
    _, token_file = writable
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    assert len(token_file.read_text().strip()) >= 32


STORY = {
    "id": "serve-1",
    "date": "2021-04-02",
    "title": "Talks in Oslo",
    "text": "Norway's foreign minister met Iceland's prime minister in Oslo on Friday to discuss fishing rights.",
}


def test_serve_ingest_needs_the_token(writable):
    db, token_file = writable
    with running(db, "--token-file", str(token_file)) as base:
        url = f"{base}{API}/ingest"
        none = httpx.post(url, json=STORY)
        assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
        wrong = httpx.post(url, json=STORY, headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403
        assert httpx.get(f"{base}{API}/health").json()["articles"] == api.summary(db)["articles"]
    with running(db, "--token-file", str(token_file.parent / "absent.token")) as base:
        res = httpx.post(f"{base}{API}/ingest", json=STORY, headers={"Authorization": "Bearer x"})
        assert res.status_code == 403 and "disabled" in res.json()["error"]


def test_serve_ingest_writes_and_reads_wait(writable):
    db, token_file = writable
    token = token_file.read_text().strip()
    with running(db, "--token-file", str(token_file)) as base:
        before = httpx.get(f"{base}{API}/health").json()
        dyads_before = httpx.get(f"{base}{API}/dyads", params={"limit": 1000}).json()["items"]
        seen: list[int] = []
        result: dict = {}

        def post():
            result["res"] = httpx.post(
                f"{base}{API}/ingest",
                timeout=300,
                headers={"Authorization": f"Bearer {token}", "content-type": "application/x-ndjson"},
                content=json.dumps(STORY) + "\n",
            )

        writer = threading.Thread(target=post)
        writer.start()
        while writer.is_alive():
            seen.append(httpx.get(f"{base}{API}/health", timeout=30).status_code)
        writer.join()
        res = result["res"]
        assert res.status_code == 200, res.text
        assert res.json()["ingest"]["stored"] == 1 and res.json()["events"] >= 1
        assert 503 in seen  # reads during the write were told the store is busy
        busy = [s for s in seen if s != 200]
        assert set(busy) == {503}
        after = httpx.get(f"{base}{API}/health").json()
        assert after["articles"] == before["articles"] + 1 and after["events"] > before["events"]
        dyads_after = httpx.get(f"{base}{API}/dyads", params={"limit": 1000}).json()["items"]
        assert dyads_after != dyads_before  # the cached answer was dropped with the write
        again = httpx.post(f"{base}{API}/ingest", headers={"Authorization": f"Bearer {token}"}, content=b"  ")
        assert again.status_code == 400 and again.json()["field"] == "body"


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_serve_reads_never_write(demo_store, tmp_path):
    db = str(tmp_path / "r.duckdb")
    shutil.copy(demo_store, db)
    before = _digest(db)
    with running(db) as base:
        for path in ("/health", "/events?limit=5", "/relations/USA/PAK", "/dyads", "/scenarios"):
            assert httpx.get(base + API + path, timeout=60).status_code == 200
    assert _digest(db) == before


def test_serve_refuses_an_older_store_without_migrating(tmp_path):
    import duckdb

    from dyad.store.db import MIGRATIONS

    db = str(tmp_path / "old.duckdb")
    con = duckdb.connect(db)
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    for version, name, fn in MIGRATIONS[:2]:
        fn(con)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    con.close()
    before = _digest(db)
    done = subprocess.run(
        [sys.executable, "-m", "dyad", "serve", "--db", db, "--port", "1"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "older" in done.stderr and "Traceback" not in done.stderr
    assert f"dyad migrate --db {db}" in done.stderr  # the command that migrates it
    assert _digest(db) == before
    missing = subprocess.run(
        [sys.executable, "-m", "dyad", "serve", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1 and "no store" in missing.stderr


def test_serve_csv_response_keeps_the_next_cursor():
    res = csv_response("events", [{"a": 1}], next_cursor="abc")
    assert res.headers["x-next-cursor"] == "abc"
    assert io.StringIO(res.body.decode()).read().splitlines() == ["a", "1"]
