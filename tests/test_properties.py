"""Property-based tests (Hypothesis): the cleaner, the JSONL/CSV readers, the merge, CAMEO names.

For any text the cleaner returns a CleanText whose every character maps back into what was
read; for any file of lines or rows the readers raise nothing and account for every item:
each non-blank line or row is a document or a Reject named after it, or the whole file is
one Reject that says why. Mentions merge into the same events in every order they come in,
and a CAMEO code's name leads back to that code.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_events import mention

from dyad import ontology
from dyad.records import ActorRef, RawDocument, Reject
from dyad.settings import Settings
from dyad.store.merge import MergeRule, event_from_dict, merge
from dyad.text.checks import binary_reason
from dyad.text.clean import clean
from dyad.text.ingest import read_inputs

SETTINGS = Settings(min_chars=1, english_min_ratio=0.0)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text the web throws at a cleaner: words, punctuation, newlines, controls, entities, tweets.
PIECES = st.sampled_from(
    [
        "Pakistan",
        "arrested",
        "the",
        " ",
        "  ",
        "\n",
        "\n\n",
        ".",
        "!",
        "?",
        "\u2014",
        "\u201c",
        "\u201d",
        "'",
        '"',
        "(",
        ")",
        "[",
        "]",
        "@handle",
        "#tag",
        "pic.twitter.com/x",
        "https://t.co/x",
        "&amp;",
        "&#8217;",
        "\u00e2\u20ac\u2122",
        "\t",
        "\r",
        "\x0b",
        "\x1b",
        "\u2028",
        "\u00a0",
        "\ufeff",
        "Read more:",
        "— Name (@n) July 24, 2019",
        "S\nome",
        "co-\noperate",
        "a" * 50,
        "\ufffd",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


@PROPERTY
@given(TEXTS)
def test_clean_never_raises_and_maps_every_character(raw: str) -> None:
    out = clean(raw)
    assert out.raw == raw
    assert len(out.offsets) == len(out.text)
    assert all(0 <= o < max(len(raw), 1) for o in out.offsets)
    assert list(out.offsets) == sorted(out.offsets)
    if out.text:
        start, end = out.raw_span(0, len(out.text))
        assert 0 <= start <= end <= len(raw)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=200)  # surrogates too
OBJECTS = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=200), ANY_TEXT, JSON_VALUES)},
    optional={"id": JSON_VALUES, "date": JSON_VALUES, "title": ANY_TEXT, "url": JSON_VALUES},
)
LINES = st.one_of(
    OBJECTS.map(lambda o: json.dumps(o).encode()),
    OBJECTS.map(lambda o: json.dumps(o, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" ")),
    st.just(b""),
    st.integers(1, 3000).map(lambda n: b"[" * n),
)


def _read(name: str, data: bytes) -> tuple[str, list]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return str(path), list(read_inputs([str(path)], SETTINGS))


def _accounted(path: str, items: list, expected: list[int]) -> None:
    """One item per expected line/row number, in order, or one Reject for the whole file."""
    if len(items) == 1 and isinstance(items[0], Reject) and items[0].origin == path:
        assert items[0].reason and items[0].detail is not None
        return
    origins = [item.origin for item in items]
    assert origins == [f"{path}:{n}" for n in expected], (origins, expected)
    for item in items:
        assert isinstance(item, RawDocument | Reject)
        if isinstance(item, RawDocument):
            item.text.encode("utf-8")
            for value in (item.title, item.doc_id, item.url, item.date):
                assert value is None or isinstance(value, str)


@pytest.mark.slow  # 150 files written and read
@PROPERTY
@given(st.lists(LINES, max_size=12))
def test_jsonl_reader_accounts_for_every_line(lines: list[bytes]) -> None:
    data = b"\n".join(lines) + b"\n"
    path, items = _read("corpus.jsonl", data)
    expected = [n for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    _accounted(path, items, expected)


CELLS = st.one_of(st.text(max_size=40), st.sampled_from(["", " ", "=1+1", "@SUM(A1)", "-2", '"', "\n", "a,b"]))


@pytest.mark.slow  # 150 files written and read
@PROPERTY
@given(st.lists(st.lists(CELLS, min_size=0, max_size=5), max_size=10), st.sampled_from([",", "\t"]))
def test_table_reader_accounts_for_every_row(rows: list[list[str]], delimiter: str) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["id", "text", "date"])
    writer.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    path, items = _read("corpus.csv" if delimiter == "," else "corpus.tsv", data)
    # the line each non-blank row starts on, as the csv module counts them
    reader = csv.reader(io.StringIO(buf.getvalue(), newline=""), delimiter=delimiter)
    next(reader)
    expected, start = [], reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            expected.append(start)
        start = reader.line_num + 1
    if binary_reason(data):
        # mostly control characters (\x1c-\x1f are even spaces to str.strip): one binary reject
        assert len(items) == 1 and items[0].reason == "binary"
        return
    if not expected:
        assert len(items) == 1 and items[0].reason == "empty"
        return
    _accounted(path, items, expected)


# --- the event merge: independent of the order mentions come in --------------------------

USA_GOV = ActorRef("Washington", "USAGOV", "USA")
USA_MIL = ActorRef("the Pentagon", "USAMIL", "USA")
PAK_REF = ActorRef("Pakistan", "PAK", "PAK")
PAK_GOV = ActorRef("Islamabad", "PAKGOV", "PAK")

MENTION_FIELDS = st.fixed_dictionaries(
    {
        "doc": st.sampled_from(["a1", "a2", "a3"]),
        # days around the 3-day window, and no date at all
        "date": st.sampled_from(["2019-07-20", "2019-07-21", "2019-07-23", "2019-07-24", "2019-07-28", None]),
        "precision": st.sampled_from(["day", "day", "month"]),
        # one root (07) in two bases, another root (04), and 0711 under 071
        "cameo": st.sampled_from(["072", "071", "0711", "042"]),
        "source": st.sampled_from([USA_GOV, USA_MIL, ActorRef("the US", "USA", "USA"), None]),
        "target": st.sampled_from([PAK_REF, PAK_GOV]),
        "modality": st.sampled_from(["asserted", "asserted", "negated"]),
        "confidence": st.sampled_from([0.5, 0.9]),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(MENTION_FIELDS, min_size=1, max_size=5), st.sampled_from([MergeRule(), MergeRule(family="base")]))
def test_merge_gives_the_same_events_for_every_order(fields: list[dict], rule: MergeRule) -> None:
    """Every permutation of up to five mentions (distinct ids) merges into the same events,
    with the same mentions in each, as the order they were generated in."""
    mentions = [mention(f"m{i}", **f) for i, f in enumerate(fields)]

    def merged(ms) -> list:
        return [(e, tuple(m.event_id for m in e.mentions)) for e in merge(ms, rule)]

    first = merged(mentions)
    assert sum(e.num_mentions for e, _ in first) == len(mentions)
    for order in itertools.permutations(mentions):
        assert merged(order) == first, [m.event_id for m in order]


# --- CAMEO codes and names -----------------------------------------------------------------


@functools.cache
def _codes_by_name() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, entry in ontology.cameo_table().items():
        out.setdefault(entry.name, []).append(code)
    return out


@PROPERTY
@given(st.sampled_from(sorted(ontology.cameo_table())))
def test_cameo_code_to_name_to_code(code: str) -> None:
    """A code's name names that code alone (every name in the codebook table is unique), and
    an event of that code keeps both through its JSONL form."""
    entry = ontology.cameo(code)
    assert entry.code == code and entry.root == ontology.root_of(code)
    assert _codes_by_name()[entry.name] == [code]
    back = event_from_dict(json.loads(json.dumps(mention("m", cameo=code).as_dict())))
    assert (back.cameo, back.cameo_name) == (code, entry.name)
