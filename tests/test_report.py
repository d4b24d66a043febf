"""The report: self-contained HTML that renders in headless Chromium with its charts and events."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lhtml
from test_events import mention

from dyad.analysis.relations import RelationOptions
from dyad.records import ActorRef, Evidence
from dyad.report import write as report
from dyad.store import events as ev
from dyad.store import reads
from dyad.store.db import Store

# the demo pipeline behind most fixtures, and a headless browser
pytestmark = pytest.mark.slow

SENTENCE = "Washington agreed to fund Pakistan's F-16 fleet, officials said."
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("report") / "r.duckdb")
    usa, pak = ActorRef("Washington", "USAGOV", "USA"), ActorRef("Pakistan", "PAKGOV", "PAK")
    codes = ["042", "072", "112", "057", "138", "036"]
    ms = []
    for i in range(60):
        month = i // 5
        src, tgt = (usa, pak) if i % 3 else (pak, usa)
        m = mention(
            f"m{i}",
            doc=f"art{i // 2}",
            date=f"{2018 + month // 12}-{month % 12 + 1:02d}-{1 + i % 27:02d}",
            cameo=codes[(i + month // 6) % len(codes)],
            source=src,
            target=tgt,
            sentence=SENTENCE,
            sentence_id=f"art{i // 2}:{i % 2}",
        )
        ms.append(m.__class__(**{**m.__dict__, "evidence": Evidence("fund", 21, 25)}))
    with Store(path) as store:
        ev.add_events(store, ms)
    return path


@pytest.fixture()
def html_report(store_path, tmp_path) -> Path:
    with Store(store_path, read_only=True) as store:
        return report.write_report(store, "USA", "PAK", tmp_path / "usa-pak.html", RelationOptions(bootstrap=200))


def _chromium_dom(path: Path, budget_ms: int = 0) -> str:
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--dump-dom",
    ]
    if budget_ms:
        args.insert(-1, f"--virtual-time-budget={budget_ms}")
    done = subprocess.run([*args, path.as_uri()], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _offline(page: str) -> None:
    """Nothing to fetch: no external scripts, styles, images or frames (outside inline scripts)."""
    page = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert not re.search(r"<link[^>]*\shref=", page)


def test_report_html_is_self_contained(html_report, store_path):
    page = html_report.read_text(encoding="utf-8")
    _offline(page)
    doc = lhtml.fromstring(page)
    assert doc.xpath('//figure[@id="chart-index"]/*[local-name()="svg"]')
    assert doc.xpath('//figure[@id="chart-volume"]/*[local-name()="svg"]')
    with Store(store_path, read_only=True) as store:
        assert len(doc.xpath('//table[@id="event-table"]/tbody/tr')) == reads.counts(store)["events"]
    assert doc.xpath('//table[@id="event-table"]//mark[text()="fund"]')
    assert "USA-&gt;PAK" in page and "How this was made" in page


@needs_chromium
def test_report_renders_in_headless_chromium(html_report, store_path):
    dom = lhtml.fromstring(_chromium_dom(html_report))
    svg = dom.xpath('//figure[@id="chart-index"]/*[local-name()="svg"]')
    assert svg and svg[0].xpath('.//*[local-name()="path"]')  # drawn marks
    assert dom.xpath('//figure[@id="chart-volume"]/*[local-name()="svg"]')
    with Store(store_path, read_only=True) as store:
        n_events = reads.counts(store)["events"]
    rows = dom.xpath('//table[@id="event-table"]/tbody/tr')
    assert len(rows) == n_events
    assert "F-16 fleet" in rows[0].text_content()


@needs_chromium
def test_report_interactive_charts_draw_offline(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        path = report.write_report(
            store, "USA", "PAK", tmp_path / "live.html", RelationOptions(bootstrap=50), interactive=True
        )
    page = path.read_text(encoding="utf-8")
    _offline(page)
    dom = lhtml.fromstring(_chromium_dom(path, budget_ms=10000))
    live = dom.xpath('//figure[@id="chart-index"][contains(@class, "vega-embed")]')
    assert live, "vega-embed did not run"
    assert live[0].xpath('.//*[local-name()="svg"][contains(@class, "marks")]')


def test_report_markdown_with_chart_files(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        path = report.write_report(store, "USA", "PAK", tmp_path / "usa-pak.md", RelationOptions(bootstrap=50))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# USA – PAK")
    assert "![Net cooperation index](usa-pak-index.svg)" in text
    assert (tmp_path / "usa-pak-index.svg").read_text().startswith("<svg")
    assert "## Events" in text and "| date |" in text


def test_report_dyad_without_events(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        path = report.write_report(store, "USA", "IND", tmp_path / "none.html")
    page = path.read_text(encoding="utf-8")
    assert "No asserted events between USA and IND" in page
    assert "<svg" not in page


def test_report_cli_writes_the_file(store_path, tmp_path):
    from typer.testing import CliRunner

    from dyad.cli.main import app

    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["report", "USA", "PAK", "--db", store_path, "--out", str(out), "--bootstrap", "20", "--max-events", "5"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "The latest 5 of" in page and "<svg" in page


@pytest.mark.parametrize(
    "period, kind, label",
    [
        ("2019-07-01", "month", "2019-07"),
        ("2019-01-01", "year", "2019"),
        ("2019-07-22", "week", "2019-W30"),
        ("2019-07-22", "day", "2019-07-22"),
        ("all", "month", "all"),
    ],
)
def test_report_period_labels(period, kind, label):
    assert report.period_label(period, kind) == label


# --- HTML from templates: article text is escaped, only http(s) URLs are linked -------------------
HOSTILE = "<script>alert(1)</script> \"quoted\" & 'single'"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> tuple[Path, str]:
    """A report whose article title, outlet, URL, actor text and sentence all carry markup and quotes."""
    from dyad.records import Article, Sentence

    tmp = tmp_path_factory.mktemp("hostile")
    path = str(tmp / "h.duckdb")
    arts = [
        Article(
            id="h1",
            origin="h1.html",
            kind="html",
            raw="x",
            text="x",
            title=f"Title {HOSTILE}",
            date="2019-07-26",
            url="javascript:alert(2)",
            source=f"Outlet {HOSTILE}",
            doc_id=None,
        ),
        Article(
            id="h2",
            origin="h2.html",
            kind="html",
            raw="x",
            text="x",
            title="Linked",
            date="2019-08-26",
            url='https://news.invalid/a?x=1&y="2" onmouseover=alert(3)',
            source="Wire",
            doc_id=None,
        ),
    ]
    usa = ActorRef(f"Washington {HOSTILE}", "USAGOV", "USA")
    sentence = f"Washington agreed to fund it. {HOSTILE}"
    ms = [
        mention(f"h{i}", doc=doc, date=f"2019-0{7 + i}-26", source=usa, sentence=sentence, sentence_id=f"{doc}:0")
        for i, doc in enumerate(["h1", "h2"])
    ]
    ms = [m.__class__(**{**m.__dict__, "evidence": Evidence("fund", 21, 25)}) for m in ms]
    with Store(path) as store:
        store.add_articles([(a, [Sentence(a.id, 0, "x", 0, 1, 0, 1, 0)], None) for a in arts])
        ev.add_events(store, ms)
        out = report.write_report(store, "USA", "PAK", tmp / "h.html", RelationOptions(bootstrap=20))
    return out, path


def test_report_html_escapes_markup_and_quotes_in_article_text(hostile_report):
    page = hostile_report[0].read_text(encoding="utf-8")
    assert "<script" not in page and "alert(1)" in page  # the text is there, never as an element
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; &amp; &#39;single&#39;" in page
    doc = lhtml.fromstring(page)
    cells = doc.xpath('//table[@id="event-table"]/tbody/tr')
    assert len(cells) == 2
    text = " ".join(row.text_content() for row in cells)  # parsed back: exactly the stored strings
    for stored in (
        f"USAGOV (Washington {HOSTILE})",
        f"Washington agreed to fund it. {HOSTILE}",
        f"Title {HOSTILE} (Outlet {HOSTILE})",
    ):
        assert stored in text, stored
    assert doc.xpath('//table[@id="event-table"]//mark[text()="fund"]')


def test_report_html_links_only_http_urls_whole(hostile_report):
    doc = lhtml.fromstring(hostile_report[0].read_text(encoding="utf-8"))
    links = doc.xpath("//a")
    assert [a.get("href") for a in links] == ['https://news.invalid/a?x=1&y="2" onmouseover=alert(3)']
    assert links[0].keys() == ["href"] and links[0].text_content() == "Linked (Wire)"
    assert "javascript" not in " ".join(doc.xpath("//@href"))


def test_report_html_template_reads_exactly_the_context(hostile_report):
    """Every name report.html reads is in the context render_html builds, and the context has no extra."""
    from jinja2 import meta, nodes

    env = report.templates()
    with Store(hostile_report[1], read_only=True) as store:
        data = report.collect(store, "USA", "PAK", RelationOptions(bootstrap=20))
    for name in ("report.html", "base.html"):
        tree = env.parse(env.loader.get_source(env, name)[0])
        macros = {n if isinstance(n, str) else n[1] for i in tree.find_all(nodes.FromImport) for n in i.names}
        expected = set(report.html_context(data)) if name == "report.html" else set()
        assert meta.find_undeclared_variables(tree) - macros == expected, name


def test_report_html_template_refuses_a_missing_value(hostile_report):
    """StrictUndefined: a value the context lacks fails the render instead of printing nothing."""
    import jinja2

    with Store(hostile_report[1], read_only=True) as store:
        data = report.collect(store, "USA", "PAK", RelationOptions(bootstrap=20))
    context = report.html_context(data)
    template = report.templates().get_template("report.html")
    assert "Net cooperation index" in template.render(context)
    for key in ("title", "events", "span"):
        with pytest.raises(jinja2.UndefinedError, match=key):
            template.render({k: v for k, v in context.items() if k != key})
    rows = [
        report.EventRow(
            **{
                f: getattr(r, f)
                for f in ("date", "actors", "cameo", "quad", "goldstein", "modality", "counts", "quotes")
            }
        )
        for r in context["events"]
    ]
    assert template.render({**context, "events": rows}) == template.render(context)
    with pytest.raises(jinja2.UndefinedError, match="actors"):
        template.render({**context, "events": [{k: v for k, v in r.__dict__.items() if k != "actors"} for r in rows]})
