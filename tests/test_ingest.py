"""Tests for dyad.text.ingest: every input kind, and every way an input can be bad."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import random
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.records import RawDocument, Reject
from dyad.settings import Settings
from dyad.text.checks import REASONS, detect_language, normalize_date, read_date
from dyad.text.escapes import display_name
from dyad.text.ingest import READERS, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()

ENGLISH = (
    "Diplomats from the two neighbouring countries met in the capital on Wednesday and agreed "
    "to resume talks on the disputed border, which have been frozen since the spring."
)
# Line number -> what wire.jsonl (and its gzipped copy) gives for that line.
JSONL_ORIGINS = {1: RawDocument, 2: Reject, 3: Reject, 5: RawDocument}


def read(*paths: str | Path, settings: Settings = SETTINGS, stdin=None) -> list:
    return list(read_inputs([str(p) for p in paths], settings, stdin=stdin))


def only(items: list):
    assert len(items) == 1, items
    return items[0]


def by_origin(items: list) -> dict:
    return {item.origin: item for item in items}


def reasons(items: list) -> list[str]:
    return [item.reason for item in items if isinstance(item, Reject)]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- HTML --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, title, date, url, source, kept, dropped",
    [
        (
            "ministers_meet.html",
            "Foreign ministers agree to reopen border crossings",
            "2024-03-05",
            "https://courier.example.org/world/2024/03/05/ministers-border-crossings",
            "The Harbour Courier",
            "release twelve detained truck drivers",
            ["Subscribe today", "Privacy policy", "All rights reserved"],
        ),
        (
            "ceasefire_talks.htm",
            "Mediators press for ceasefire in northern province",
            "2023-11-18",
            "https://ledger.example.com/news/mediators-ceasefire-northern-province",
            "ledger.example.com",
            "accused the rebels of shelling two villages",
            ["Sign in", "Ten recipes for winter", "Advertise with us"],
        ),
    ],
)
def test_ingest_html_main_text_and_metadata(name, title, date, url, source, kept, dropped):
    doc = only(read(FIXTURES / name))
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.title, doc.date, doc.url, doc.source) == ("html", title, date, url, source)
    assert kept in doc.text
    for boilerplate in dropped:
        assert boilerplate not in doc.text
    assert len(doc.text.splitlines()) >= 3  # paragraphs stay on their own lines


def test_ingest_html_without_article_body_is_rejected():
    reject = only(read(FIXTURES / "menu_only.html"))
    assert reject.reason == "no-article-body"


def test_ingest_html_declared_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Envoy named</title></head><body>'
        f"<article><p>{ENGLISH}</p><p>The envoy, Ren\u00e9 Dupr\u00e9, will travel on Friday.</p>"
        "</article></body></html>"
    )
    doc = only(read(write(tmp_path, "envoy.html", page.encode("cp1252"))))
    assert "Ren\u00e9 Dupr\u00e9" in doc.text


# --- feeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, titles, dates, source",
    [
        (
            "world.rss",
            ["Envoys open talks on prisoner exchange", "Parliament delays vote on trade accord"],
            ["2024-04-12", "2024-04-13"],  # the date as published, not shifted to UTC
            "The Harbour Courier: World",
        ),
        (
            "regional.atom",
            [
                "Governor meets tribal elders over land dispute",
                "Opposition leader calls for early election",
            ],
            ["2023-11-19", "2023-11-20"],
            "Daily Ledger: Regional",
        ),
    ],
)
def test_ingest_feed_one_document_per_entry(name, titles, dates, source):
    docs = read(FIXTURES / name)
    assert [d.origin for d in docs] == [f"{FIXTURES / name}#1", f"{FIXTURES / name}#2"]
    assert [d.title for d in docs] == titles
    assert [d.date for d in docs] == dates
    assert {d.kind for d in docs} == {"rss"}
    assert {d.source for d in docs} == {source}
    assert all(d.url and d.url.startswith("https://") for d in docs)
    assert all("<" not in d.text and "&lt;" not in d.text for d in docs)


def test_ingest_feed_html_content_becomes_paragraph_lines():
    first = read(FIXTURES / "world.rss")[0]
    assert first.doc_id == "courier-2024-0412"
    assert first.text.splitlines() == [
        "Envoys from the governments of Arland and Belmora opened talks in Vesk on Friday about "
        "an exchange of prisoners held since the border clashes last year.",
        "A mediator from the regional council said both sides had handed over lists of names and "
        "that the first exchange could take place within a month if the talks go well.",
    ]


def test_ingest_xml_read_as_feed_only_when_it_is_one(tmp_path):
    feed = tmp_path / "world.xml"
    shutil.copy(FIXTURES / "world.rss", feed)
    other = write(tmp_path, "sitemap.xml", "<urlset><url><loc>https://x.example</loc></url></urlset>")
    items = read(feed, other)
    assert [type(i) for i in items] == [RawDocument, RawDocument, Reject]
    assert items[-1].reason == "unsupported"


def test_ingest_bad_feed_is_rejected(tmp_path):
    path = write(tmp_path, "broken.rss", "this is not a feed at all, only a line of words")
    assert only(read(path)).reason == "bad-feed"


# --- CSV, TSV, JSONL ------------------------------------------------------------------------


def test_ingest_csv_rows_with_quoted_newlines_and_bom():
    path = FIXTURES / "corpus.csv"
    items = by_origin(read(path))
    assert list(items) == [f"{path}:2", f"{path}:5", f"{path}:6"]  # line where each row starts
    first = items[f"{path}:2"]
    assert first.doc_id == "c-1"  # the BOM did not stick to the first column's name
    assert first.date == "2024-03-05"
    assert "fertiliser.\n\nThe pact" in first.text
    assert items[f"{path}:5"].date == "2024-03-12"
    assert items[f"{path}:6"].reason == "no-text"


def test_ingest_tsv_with_mapped_columns():
    settings = SETTINGS.replace(id_column="ref", title_column="headline", date_column="published", text_column="body")
    docs = read(FIXTURES / "corpus.tsv", settings=settings)
    assert [(d.kind, d.doc_id, d.title, d.date) for d in docs] == [
        ("tsv", "T-100", "UN envoy visits refugee camps", "2024-06-02"),
        ("tsv", "T-101", "Ministry denies troop build-up", "2024-06-03"),
    ]


def test_ingest_table_without_text_column_is_one_reject():
    reject = only(read(FIXTURES / "corpus.tsv"))
    assert reject.reason == "no-text-column"
    assert "ref, headline, published, body" in reject.detail


def test_ingest_jsonl_bad_line_does_not_stop_the_file():
    path = FIXTURES / "wire.jsonl"
    items = by_origin(read(path))
    assert {origin: type(item) for origin, item in items.items()} == {
        f"{path}:{n}": kind for n, kind in JSONL_ORIGINS.items()
    }
    assert items[f"{path}:2"].reason == "bad-json"
    assert items[f"{path}:3"].reason == "no-text"
    assert items[f"{path}:1"].date == "2024-02-10"
    assert items[f"{path}:5"].doc_id == "4"
    assert items[f"{path}:5"].date == "2024-02-11"


def test_ingest_jsonl_line_with_invalid_utf8_is_rejected_alone(tmp_path):
    good = f'{{"text": "{ENGLISH}"}}'.encode()
    path = write(tmp_path, "mixed.ndjson", good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    assert [getattr(i, "reason", "doc") for i in read(path)] == ["doc", "invalid-utf8", "doc"]


def test_ingest_jsonl_array_line_is_bad_json(tmp_path):
    path = write(tmp_path, "rows.jsonl", '["not", "an", "object"]\n')
    assert only(read(path)).reason == "bad-json"


# --- gzip and WARC ----------------------------------------------------------------------


def test_ingest_gzipped_jsonl_reads_like_the_plain_file():
    path = FIXTURES / "archive.jsonl.gz"
    items = read(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in JSONL_ORIGINS]
    plain = read(FIXTURES / "wire.jsonl")
    unplaced = [i.as_dict() | {"origin": ""} for i in items]
    assert unplaced == [i.as_dict() | {"origin": ""} for i in plain]


@pytest.mark.parametrize("name, kind", [("note.txt.gz", "txt"), ("page.html.gz", "html"), ("blob.gz", "txt")])
def test_ingest_gzip_inner_extension_decides(tmp_path, name, kind):
    page = f"<html><body><article><p>{ENGLISH}</p></article></body></html>"
    content = page if kind == "html" else ENGLISH
    doc = only(read(write(tmp_path, name, gzip.compress(content.encode()))))
    assert (doc.kind, doc.origin) == (kind, str(tmp_path / name))


def test_ingest_bad_gzip_is_rejected(tmp_path):
    path = write(tmp_path, "cut.jsonl.gz", gzip.compress(ENGLISH.encode())[:20])
    assert only(read(path)).reason == "bad-gzip"


def _warc_page(title: str, body: str, date_meta: str = "") -> bytes:
    meta = f'<meta property="article:published_time" content="{date_meta}">' if date_meta else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{ENGLISH}</p></article></body></html>"
    ).encode()


def _write_warc(path: Path, compress: bool = True) -> Path:
    records = [
        (
            "https://news.example.org/a",
            "text/html; charset=utf-8",
            "2024-05-01T10:00:00Z",
            _warc_page("Envoys meet in Vesk", "The envoys met for three hours.", "2024-04-30"),
        ),
        (
            "https://news.example.org/logo.png",
            "image/png",
            "2024-05-01T10:00:01Z",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ),
        (
            "https://news.example.org/b",
            "text/html",
            "2024-05-02T11:00:00Z",
            _warc_page("Talks adjourned", "The talks were adjourned until June."),
        ),
        (
            "https://news.example.org/menu",
            "text/html",
            "2024-05-02T11:00:05Z",
            b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
        ),
    ]
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=compress)
        for uri, ctype, warc_date, payload in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            writer.write_record(record)
    return path


def test_ingest_warc_html_responses(tmp_path):
    path = _write_warc(tmp_path / "crawl.warc.gz")
    items = read(path)
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#3", f"{path}#4"]  # #2 is the image
    first, second, menu = items
    assert (first.kind, first.url, first.title, first.date) == (
        "warc",
        "https://news.example.org/a",
        "Envoys meet in Vesk",
        "2024-04-30",
    )
    assert (second.url, second.date) == ("https://news.example.org/b", "2024-05-02")  # WARC-Date
    assert "adjourned until June" in second.text
    assert menu.reason == "no-article-body"


def test_ingest_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    data = _write_warc(tmp_path / "full.warc", compress=False).read_bytes()
    path = write(tmp_path, "cut.warc", data[:-40])  # inside the last record's payload
    items = read(path)
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#3", f"{path}#4"]
    assert items[-1].reason == "bad-warc"
    assert "truncated" in items[-1].detail


@pytest.mark.parametrize("keep", [0.15, 0.5, 0.66, 0.99])
def test_ingest_cut_warc_gz_always_ends_in_a_reject(tmp_path, keep):
    data = _write_warc(tmp_path / "full.warc.gz").read_bytes()
    path = write(tmp_path, "cut.warc.gz", data[: int(len(data) * keep)])
    assert read(path)[-1].reason == "bad-warc"


def test_ingest_bad_warc_is_rejected(tmp_path):
    path = write(tmp_path, "junk.warc", "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
    assert only(read(path)).reason == "bad-warc"


# --- standard input -----------------------------------------------------------------------


def test_ingest_stdin_jsonl():
    lines = "\n".join([f'{{"id": "s1", "text": "{ENGLISH}"}}', "{broken", ""])
    items = read("-", stdin=io.StringIO(lines))
    assert [i.origin for i in items] == ["-:1", "-:2"]
    assert (items[0].kind, items[0].doc_id, items[1].reason) == ("jsonl", "s1", "bad-json")


def test_ingest_stdin_text():
    doc = only(read("-", stdin=io.StringIO("  \n" + ENGLISH)))
    assert (doc.origin, doc.kind) == ("-", "stdin")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"caf\xe9 " + ENGLISH.encode(), "invalid-utf8"),
        (b"\x00\x01\x02" * 40, "binary"),
    ],
)
def test_ingest_stdin_bad_bytes(data, reason):
    reject = only(read("-", stdin=io.BytesIO(data)))
    assert (reject.origin, reject.reason) == ("-", reason)


def test_ingest_stdin_text_wrapper_is_read_as_bytes():
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9 " + ENGLISH.encode()), encoding="latin-1")
    reject = only(read("-", stdin=stream))
    assert reject.reason == "invalid-utf8"
    assert "0xe9" in reject.detail


# --- folders, limits and bad files ---------------------------------------------------------


def test_ingest_folder_walk_is_recursive_and_sorted(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/c/d.txt", "a.txt", ".hidden.txt", ".cache/x.txt"]:
        write(tmp_path, name, ENGLISH)
    origins = [item.origin for item in read(tmp_path)]
    assert origins == [str(tmp_path / n) for n in ["a.txt", "b.txt", "a/z.txt", "a/c/d.txt"]]


def test_ingest_fixture_folder_is_read_the_same_every_time():
    first = [item.as_dict() for item in read(FIXTURES)]
    assert first == [item.as_dict() for item in read(FIXTURES)]
    assert {i["origin"].split("/")[-1].split(":")[0].split("#")[0] for i in first} == {
        p.name for p in FIXTURES.iterdir()
    }


def test_ingest_size_limit(tmp_path):
    small = SETTINGS.replace(max_bytes=100)
    big = write(tmp_path, "long.txt", ENGLISH * 2)
    bomb = write(tmp_path, "bomb.txt.gz", gzip.compress(b"a " * 10_000))
    assert reasons(read(big, bomb, settings=small)) == ["too-large", "too-large"]
    assert only(read("-", stdin=io.StringIO(ENGLISH), settings=small)).reason == "too-large"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "empty"),
        ("short.txt", b"Talks resumed.", "empty"),
        ("nul.txt", b"Talks\x00resumed " * 10, "binary"),
        ("controls.txt", bytes(range(1, 9)) * 30, "binary"),
        ("latin1.txt", "Le minist\u00e8re a confirm\u00e9.".encode("latin-1"), "invalid-utf8"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "unsupported"),
        ("utf16.txt", ENGLISH.encode("utf-16"), "binary"),
        ("empty.csv", b"id,title,text\n", "empty"),  # never silent: the file is one item
        ("empty.rss", b'<rss version="2.0"><channel><title>t</title></channel></rss>', "empty"),
    ],
)
def test_ingest_bad_file_reason(tmp_path, name, data, reason):
    items = read(write(tmp_path, name, data))
    if reason is None:
        assert items == []
    else:
        assert only(items).reason == reason


@pytest.mark.parametrize("ext", sorted(READERS) + [".bin", ""])
def test_ingest_random_bytes_are_rejected_not_raised(tmp_path, ext):
    data = random.Random(ext).randbytes(600)
    items = read(write(tmp_path, f"noise{ext}", data))
    assert items and all(isinstance(item, Reject) for item in items)


def test_ingest_missing_path():
    reject = only(read("/nonexistent/dyad/article.txt"))
    assert (reject.origin, reject.reason) == ("/nonexistent/dyad/article.txt", "missing")


def test_ingest_unknown_extension_sniffed_as_text(tmp_path):
    doc = only(read(write(tmp_path, "NOTES", ENGLISH)))
    assert doc.kind == "txt"


def test_ingest_french_text_is_not_english():
    reject = only(read(FIXTURES / "communique_fr.txt"))
    assert (reject.reason, reject.detail) == ("not-english", "detected 'fr'")


def test_ingest_empty_fixture_file():
    assert only(read(FIXTURES / "empty.txt")).reason == "empty"


def test_ingest_every_reject_logged_once(caplog):
    with caplog.at_level(logging.WARNING, logger="dyad.text.ingest"):
        items = read(FIXTURES / "wire.jsonl", "/nonexistent.txt")
    lines = [r.getMessage() for r in caplog.records if r.name == "dyad.text.ingest"]
    assert len(lines) == len(reasons(items)) == 3
    assert all("\n" not in line for line in lines)
    assert any("wire.jsonl:2: bad-json" in line for line in lines)


def test_ingest_reject_reasons_are_documented():
    items = read(FIXTURES) + read("/nonexistent.txt")
    assert set(reasons(items)) <= set(REASONS)


# --- text titles, language, dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, title",
    [
        (f"Ministers pledge new talks\n\n{ENGLISH}", "Ministers pledge new talks"),
        (f"Will the talks resume?\n{ENGLISH}", "Will the talks resume?"),
        (f"The ministers met on Tuesday.\n{ENGLISH}", None),
        (ENGLISH, None),
        (f"{ENGLISH[:-1]}\n{ENGLISH}", None),  # too long for a headline
    ],
)
def test_ingest_txt_headline(tmp_path, text, title):
    doc = only(read(write(tmp_path, "story.txt", text)))
    assert doc.title == title
    assert doc.text == text  # the text is kept whole


def test_ingest_txt_utf8_bom_is_dropped(tmp_path):
    doc = only(read(write(tmp_path, "bom.txt", "\ufeff" + ENGLISH)))
    assert doc.text == ENGLISH


@pytest.mark.parametrize(
    "text, language",
    [
        (ENGLISH, "en"),
        ((FIXTURES / "communique_fr.txt").read_text(encoding="utf-8"), "fr"),
        (
            "Die Au\u00dfenminister beider L\u00e4nder trafen sich am Dienstag in der Hauptstadt "
            "und vereinbarten, die Grenz\u00fcberg\u00e4nge wieder zu \u00f6ffnen.",
            "de",
        ),
        ("", None),
        ("2024 1999 42", None),
    ],
)
def test_ingest_detect_language(text, language):
    assert detect_language(text, SETTINGS) == language


@pytest.mark.slow  # dateparser warms up on its first call
@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T22:10:00Z", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("yesterday", None),
        ("3 days ago", None),
        ("March 2024", None),
        ("Tuesday", None),
        ("not a date", None),
        ("", None),
        (None, None),
        (20240305, None),
    ],
)
def test_ingest_normalize_date(value, expected):
    assert normalize_date(value) == expected


# --- encoding faults, hostile file names, nesting, dates (issue 13) ------------------------


def test_unpaired_surrogate_is_repaired_with_a_note_and_the_file_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "text": ENGLISH}),
        '{"id": "2", "title": "bad \\udc00 title", "text": "broken \\ud800 escape: ' + ENGLISH + '"}',
        json.dumps({"id": "3", "text": ENGLISH.replace("Wednesday", "Friday")}),
        '{"id": "4", "text": "a pair split in two \\ud83d\\ude00 is one emoji. ' + ENGLISH + '"}',
    ]
    items = read(write(tmp_path, "s.jsonl", "\n".join(lines) + "\n"))
    assert [type(i) for i in items] == [RawDocument] * 4
    broken = items[1]
    assert "\ufffd" in broken.text and "\ufffd" in broken.title
    broken.text.encode("utf-8"), broken.title.encode("utf-8")  # encodable now
    assert [n.split(":")[0] for n in broken.notes] == ["repaired-unicode", "repaired-unicode"]
    assert items[0].notes == () and items[3].notes == ()
    assert "\U0001f600" in items[3].text


@pytest.mark.parametrize(
    "name, shown",
    [
        ("plain/é.txt", "plain/é.txt"),
        ("a\udcff\udcfe.txt", "a\\xff\\xfe.txt"),  # the bytes of a non-UTF-8 name
        ("b\x1b[31mred\nFAKE LOG.txt", "b\\x1b[31mred\\x0aFAKE LOG.txt"),
        ("rtl\u202etxt.exe", "rtl\\u202etxt.exe"),
    ],
)
def test_display_name_is_one_printable_utf8_line(name: str, shown: str) -> None:
    out = display_name(name)
    assert out == shown
    out.encode("utf-8")
    assert "\n" not in out and "\x1b" not in out


def test_folder_with_hostile_file_names_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    raw_names = [b"a\xff\xfe.txt", b"b\x1b[31mred\nFAKE LOG.txt", b"c.txt"]
    for n, raw in enumerate(raw_names):
        (Path(os.fsdecode(bytes(folder))) / os.fsdecode(raw)).write_text(ENGLISH + f" Item {n}.")
    items = read(folder)
    assert [type(i) for i in items] == [RawDocument] * 3
    for item in items:
        item.origin.encode("utf-8")
        assert "\n" not in item.origin and "\x1b" not in item.origin
    assert items[0].origin.endswith("a\\xff\\xfe.txt")


def test_deeply_nested_or_huge_json_line_is_rejected_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ENGLISH}),
        "[" * 100_000,
        "{" * 50_000,
        '{"text": "x", "n": ' + "9" * 10_000 + "}",
        json.dumps({"text": ENGLISH.replace("Wednesday", "Friday")}),
    ]
    items = read(write(tmp_path, "n.jsonl", "\n".join(lines) + "\n"))
    assert [type(i) for i in items] == [RawDocument, Reject, Reject, Reject, RawDocument]
    assert reasons(items) == ["bad-json"] * 3
    assert "nested" in items[1].detail


@pytest.mark.slow  # dateparser warms up on its first call
@pytest.mark.parametrize(
    "value, day, note",
    [
        ("2019-07-22", "2019-07-22", None),
        ("Mon, 22 Jul 2019 10:00:00 GMT", "2019-07-22", None),
        (1563753600, "2019-07-22", None),  # Unix seconds
        ("1563753600000", "2019-07-22", None),  # Unix milliseconds
        (None, None, None),
        ("", None, None),
        ("2019-13-45", None, "date-unreadable"),
        ("yesterday", None, "date-incomplete"),
        ("March 2024", None, "date-incomplete"),
        (12345, None, "date-unreadable"),
        (3.5, None, "date-unreadable"),
        ([2019, 7, 22], None, "date-unreadable"),
        ("-5000-01-01", None, "date-out-of-range"),
        ("0001-01-01", None, "date-out-of-range"),
        ("9999-12-31", None, "date-out-of-range"),
    ],
)
def test_read_date_never_loses_a_date_silently(value, day, note) -> None:
    got_day, got_note = read_date(value)
    assert got_day == day
    assert (got_note.split(":")[0] if got_note else None) == note


@pytest.mark.slow  # dateparser warms up on its first call
def test_undated_rows_say_why(tmp_path: Path, caplog) -> None:
    rows = [
        {"text": ENGLISH + f" Row {n}.", "date": d}
        for n, d in enumerate(["2019-13-45", "yesterday", 12345, "-5000-01-01", "2019-07-22"])
    ]
    with caplog.at_level(logging.WARNING, logger="dyad.text.ingest"):
        items = read(write(tmp_path, "d.jsonl", "".join(json.dumps(r) + "\n" for r in rows)))
    assert [i.date for i in items] == [None, None, None, None, "2019-07-22"]
    assert [len(i.notes) for i in items] == [1, 1, 1, 1, 0]
    assert sum("stored undated" in r.getMessage() for r in caplog.records) == 4


def _warc(records: int = 3) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for n in range(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = f"<html><body><article><p>{ENGLISH} Record {n}.</p></article></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(
                f"http://example.com/{n}", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buf.getvalue()


def test_a_warc_cut_anywhere_gives_documents_or_bad_warc(tmp_path: Path) -> None:
    data = _warc()
    for cut in range(20, len(data), 37):
        items = read(write(tmp_path, f"cut{cut}.warc", data[:cut]))
        assert all(isinstance(i, RawDocument) or i.reason in ("bad-warc", "empty") for i in items), (cut, items)
        for item in items:
            if isinstance(item, Reject):
                assert "NoneType" not in item.detail and "Error" not in item.detail
