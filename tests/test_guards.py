"""Tests for the per-document guards (issue 13, "Nothing stops a batch"): the cleaner's bounds on
token length, runs and nesting, its size limit and deadline, linear sentence spans, and the
parse stage's time budget. No timing is asserted here: that is benchmarks/bench_bad_input.py."""

from __future__ import annotations

import json
import re
import time

import pytest

from dyad.records import CleanText, Reject
from dyad.settings import Settings, data_path
from dyad.text.clean import clean, load_rules
from dyad.text.limits import CleanTimeout, DocumentTooLong, clean_options, guard_reason
from dyad.text.repeats import _sentence_spans

OFF = {"max_token_chars": 0, "max_run_chars": 0, "max_nesting": 0}
GUARD_KEYS = {"long-token", "long-run", "deep-nesting"}


def sample_texts() -> list[str]:
    lines = data_path("sample", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def assert_maps(ct: CleanText) -> None:
    """Offsets increase, and every character that cleaning kept maps to the same raw one."""
    assert len(ct.offsets) == len(ct.text)
    assert all(a < b for a, b in zip(ct.offsets, ct.offsets[1:]))
    for i, ch in enumerate(ct.text):
        if ch.isalnum() or ch in "()[]{}!.":
            assert ct.raw[ct.offsets[i]] == ch, (i, ch)


def raw_of(ct: CleanText, phrase: str) -> str:
    """The raw text that ``phrase`` of the cleaned text maps back to."""
    start = ct.text.index(phrase)
    s, e = ct.raw_span(start, start + len(phrase))
    return ct.raw[s:e]


def depth(text: str) -> int:
    level = deepest = 0
    for ch in text:
        if ch in "([{":
            level += 1
            deepest = max(deepest, level)
        elif ch in ")]}" and level:
            level -= 1
    return deepest


# --- normal text is untouched ------------------------------------------------------------


@pytest.mark.parametrize("index", range(50))
def test_guards_leave_the_sample_corpus_as_it_was(index: int) -> None:
    texts = sample_texts()
    if index >= len(texts):
        pytest.skip("fewer sample articles")
    raw = texts[index]
    guarded, plain = clean(raw), clean(raw, **OFF)
    assert guarded == plain
    assert not GUARD_KEYS & set(guarded.removed)
    assert guard_reason(raw) is None


def test_settings_defaults_are_the_clean_defaults() -> None:
    s = Settings()
    assert (s.max_doc_chars, s.max_token_chars, s.max_run_chars, s.max_nesting) == (1_000_000, 1_000, 100, 16)
    assert s.doc_time_budget == 20.0
    options = clean_options(s, start=100.0)
    assert options == {
        "max_doc_chars": 1_000_000,
        "max_token_chars": 1_000,
        "max_run_chars": 100,
        "max_nesting": 16,
        "deadline": 120.0,
    }
    assert clean_options(s.replace(doc_time_budget=0.0))["deadline"] is None


# --- overlong tokens, runs, nesting -----------------------------------------------------


HEAD = "Pakistan summoned the U.S. ambassador on Monday."
TAIL = "Officials said the talks would resume in Geneva next week."


@pytest.mark.parametrize(
    "token",
    [
        "a" * 200_000,
        "QUJD" * 400,
        "(" * 10_000 + "x" + ")" * 10_000,
        "".join(f"(w{i}" for i in range(3_000)) + ")" * 3_000,
    ],
)
def test_overlong_token_is_removed_and_offsets_still_map(token: str) -> None:
    raw = f"{HEAD} {token} {TAIL}\n\nA second paragraph follows here."
    ct = clean(raw)
    assert ct.removed["long-token"] == 1
    assert ct.text == f"{HEAD} {TAIL}\nA second paragraph follows here."
    assert_maps(ct)
    assert raw_of(ct, TAIL) == TAIL
    assert raw_of(ct, "A second paragraph") == "A second paragraph"
    assert ct.raw_span(0, len(ct.text))[1] == len(raw)


def test_token_at_the_bound_is_kept() -> None:
    token = "b" * 1_000  # a run of one letter: the run guard cuts it, the token guard does not
    mixed = "ab" * 500
    ct = clean(f"{HEAD} {mixed} {TAIL}")
    assert mixed in ct.text and "long-token" not in ct.removed
    ct = clean(f"{HEAD} {token} {TAIL}")
    assert "long-token" not in ct.removed and ct.removed["long-run"] == 1


def test_overlong_run_is_cut_to_the_bound() -> None:
    raw = f"{HEAD} Wait{'!' * 500} he said. {'=' * 300}\n{TAIL}"
    ct = clean(raw)
    assert ct.removed["long-run"] == 2
    assert "!" * 100 in ct.text and "!" * 101 not in ct.text
    assert "=" * 100 in ct.text and "=" * 101 not in ct.text
    assert_maps(ct)
    assert raw_of(ct, "Wait" + "!" * 100) == "Wait" + "!" * 100  # the run's first characters
    assert raw_of(ct, TAIL) == TAIL


def test_run_of_blank_lines_is_cut_without_changing_the_layout() -> None:
    raw = f"{HEAD}\n" + "\n" * 100_000 + TAIL
    ct = clean(raw)
    assert ct.text == f"{HEAD}\n{TAIL}"
    assert raw_of(ct, TAIL) == TAIL


@pytest.mark.parametrize("sep", [" ", ""])
def test_deep_nesting_is_flattened_and_offsets_still_map(sep: str) -> None:
    words = [f"w{i}" for i in range(40)]
    nested = sep.join(f"({sep}{w}" if sep else f"({w}" for w in words) + (sep + ")") * 40
    raw = f"{HEAD} {nested} {TAIL} (A normal aside [with a bracket] stays.)"
    ct = clean(raw)
    assert ct.removed["deep-nesting"] == 40 - 16
    assert depth(ct.text) == 16
    assert all(w in ct.text for w in words)
    assert "(A normal aside [with a bracket] stays.)" in ct.text
    assert_maps(ct)
    assert raw_of(ct, TAIL) == TAIL
    inner = ct.text.index("w39")
    assert ct.raw[ct.raw_span(inner, inner + 3)[0] :][:3] == "w39"


def test_unbalanced_brackets_are_left_alone() -> None:
    raw = f"{HEAD} ))) {TAIL} ((( {TAIL}"
    assert clean(raw) == clean(raw, **OFF)


def test_guards_can_be_turned_off() -> None:
    raw = f"{HEAD} {'a' * 2_000} {'-' * 200} {'(' * 30}x{')' * 30} {TAIL}"
    ct = clean(raw, **OFF)
    assert not GUARD_KEYS & set(ct.removed)
    assert "a" * 2_000 in ct.text


# --- size and deadline -------------------------------------------------------------------


def test_document_over_max_doc_chars_is_refused() -> None:
    raw = "The minister spoke. " * 60_000  # 1.2 million characters, one paragraph
    reason = guard_reason(raw)
    assert reason is not None and "max_doc_chars=1000000" in reason and "\n" not in reason
    with pytest.raises(DocumentTooLong, match="max_doc_chars") as info:
        clean(raw)
    assert info.value.reason == "too-large"
    assert guard_reason(raw, Settings(max_doc_chars=0)) is None
    assert guard_reason("x" * 11, Settings(max_doc_chars=10)) is not None
    assert guard_reason("x" * 10, Settings(max_doc_chars=10)) is None


def test_clean_past_its_deadline_raises_a_one_line_error() -> None:
    raw = "\n".join(sample_texts())
    with pytest.raises(CleanTimeout) as info:
        clean(raw, deadline=time.monotonic() - 1.0)
    assert info.value.reason == "too-slow"
    assert "cleaning took over" in str(info.value) and "\n" not in str(info.value)
    assert clean(raw, deadline=time.monotonic() + 3600) == clean(raw)


# --- sentence spans on a long paragraph --------------------------------------------------


def reference_spans(text: str, rules) -> list[tuple[int, int]]:
    """The former (quadratic) implementation, as the reference for the linear one."""
    end_re = re.compile(r"[.!?\u2026]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
    initialism = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
    spans, start = [], 0
    for m in end_re.finditer(text):
        words = text[start : m.start()].split()
        before = words[-1] if words else ""
        abbreviation = before.lower() in rules.abbreviations or initialism.fullmatch(before)
        if text[m.start()] == "." and abbreviation:
            continue
        spans.append((start, m.end()))
        start = m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip())
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def test_sentence_spans_of_a_long_paragraph() -> None:
    rules = load_rules()
    parts = [
        "Mr. Khan met U.S. envoys on Monday.",
        "They spoke (briefly).",
        "Was it enough?",
        '"Yes," he said!',
        "Talks resume in Jan. 2019 \u2026",
        "The end",
    ]
    text = " ".join(parts[i % len(parts)] for i in range(3_000))
    spans = _sentence_spans(text, rules)
    assert spans == reference_spans(text, rules)
    assert [text[s:e] for s, e in spans[:6]] == [
        "Mr. Khan met U.S. envoys on Monday.",
        "They spoke (briefly).",
        "Was it enough?",
        '"Yes," he said!',
        "Talks resume in Jan. 2019 \u2026",
        "The end Mr. Khan met U.S. envoys on Monday.",
    ]
    assert len(spans) == 2_501  # five a round, "The end" running into the next; the last alone
    assert all(text[s] != " " and text[e - 1] != " " for s, e in spans)


def test_sentence_spans_after_a_long_word() -> None:
    rules = load_rules()
    text = "It ended. " + "x" * 5_000 + " U.S. Officials said so. " + "Dr. " * 2_000 + "Who spoke."
    assert _sentence_spans(text, rules) == reference_spans(text, rules)


def test_clean_long_paragraph_drops_repeated_sentences_with_offsets() -> None:
    sentences = [f"Officials in city number {i} said the talks would resume." for i in range(2_000)]
    raw = " ".join(sentences + sentences[:500])  # one paragraph, its first 500 sentences again
    ct = clean(raw)
    assert ct.text == " ".join(sentences)
    assert ct.removed["repeat"] == 500
    assert_maps(ct)
    assert raw_of(ct, sentences[-1]) == sentences[-1]
    assert all(raw[r.raw_start : r.raw_end] == r.text for r in ct.repeats)


def test_clean_long_hard_wrapped_paragraph_is_joined() -> None:
    lines = [f"the minister {i} said that talks with the neighbours would go on and" for i in range(4_000)]
    raw = "\n".join(lines)
    ct = clean(raw)
    assert ct.text == " ".join(lines)
    assert ct.removed["line-wrap"] == len(lines) - 1
    assert_maps(ct)
    assert [ct.offsets[i] for i, ch in enumerate(ct.text) if ch == " "] == [
        i for i, ch in enumerate(raw) if ch in " \n"
    ]


# --- the parse stage's time budget (spaCy) -----------------------------------------------


def long_clean(paragraphs: int) -> CleanText:
    texts = sample_texts()
    paras = [texts[i % len(texts)].replace("\n", " ") for i in range(paragraphs)]
    text = "\n".join(paras)
    return CleanText(raw=text, text=text, offsets=tuple(range(len(text))))


def short_clean(n: int) -> CleanText:
    text = sample_texts()[n]
    return CleanText(raw=text, text=text, offsets=tuple(range(len(text))))


@pytest.mark.slow
def test_parse_budget_turns_a_slow_long_document_into_a_reject() -> None:
    from dyad.nlp.parse import GROUP_CHARS, LONG_DOC_CHARS, Parser

    long = long_clean(40)
    assert len(long.text) > LONG_DOC_CHARS and len(long.text) > 2 * GROUP_CHARS
    items = [("a", short_clean(0)), ("long", long), ("b", short_clean(1)), ("c", short_clean(2))]
    parser = Parser(Settings(doc_time_budget=1e-9))
    out = list(parser.parse_many(items))
    assert [key for key, _ in out] == ["a", "long", "b", "c"]
    reject = out[1][1]
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == ("", "too-slow")
    assert reject.detail == "parsing took over 1e-09 s (settings.doc_time_budget)"
    unbudgeted = dict(parser.parse_many([items[0], items[2], items[3]], budget=0))
    for key, sentences in out:
        if key != "long":
            assert sentences == unbudgeted[key]


@pytest.mark.slow
def test_parse_long_document_within_budget_reads_as_before() -> None:
    from dyad.nlp.parse import LONG_DOC_CHARS, Parser

    long = long_clean(18)
    assert len(long.text) > LONG_DOC_CHARS
    items = [("a", short_clean(3)), ("long", long), ("b", short_clean(4))]
    parser = Parser(Settings(doc_time_budget=3600.0))
    budgeted = list(parser.parse_many(items))
    plain = list(parser.parse_many(items, budget=0))
    assert [k for k, _ in budgeted] == ["a", "long", "b"]
    assert budgeted == plain
    assert parser.parse_clean("long", long) == plain[1][1]


@pytest.mark.slow
def test_ingest_rejects_a_document_over_max_doc_chars(tmp_path) -> None:
    from dyad import api
    from dyad.store.db import Store

    big = "The minister said the talks would resume. " * 25_000  # 1.05 million characters
    path = tmp_path / "docs.jsonl"
    rows = [{"id": "normal", "text": sample_texts()[0]}, {"id": "big", "text": big}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    summary = api.ingest([str(path)], settings=Settings(db=db))
    assert summary.stored == 1
    with Store(db, read_only=True) as store:
        rejects = store.rejects()
    assert len(rejects) == 1 and rejects[0].origin.endswith(":2")
    assert rejects[0].reason == "too-large"
    assert "max_doc_chars" in rejects[0].detail


@pytest.mark.slow
def test_ingest_turns_a_cleaning_timeout_into_a_too_slow_reject(tmp_path, monkeypatch) -> None:
    from dyad import api
    from dyad.store.db import Store
    from dyad.text import clean as clean_module

    real_clean = clean_module.clean

    def slow_clean(raw, rules=None, **kw):  # the deadline check fires for the marked document
        if "SLOW" in raw:
            raise CleanTimeout("cleaning took over 20 s (settings.doc_time_budget)")
        return real_clean(raw, rules, **kw)

    monkeypatch.setattr("dyad.pipeline.clean", slow_clean)
    path = tmp_path / "docs.jsonl"
    rows = [
        {"id": "a", "text": sample_texts()[0]},
        {"id": "b", "text": "SLOW " + sample_texts()[1]},
        {"id": "c", "text": sample_texts()[2]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    summary = api.ingest([str(path)], settings=Settings(db=db))
    assert summary.stored == 2 and summary.rejected == {"too-slow": 1}
    with Store(db, read_only=True) as store:
        assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in store.rejects()] == [("2", "too-slow")]
