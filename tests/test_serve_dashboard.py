"""The dashboard in a real browser: headless Chromium (Debian's) driven by Playwright, over
the real server and the coded sample corpus. Skips where Chromium or Playwright is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serving import running

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "dashboard.png"

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed"), pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base(demo_store):
    with running(demo_store) as url:
        yield url


def test_serve_dashboard_shows_a_dyad_and_its_evidence(browser, base):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    outside: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(base) else outside.append(req.url))
    page.goto(base + "/")
    page.wait_for_selector("#chart-index svg path.index-line")

    # pick a dyad: the picker lists /dyads; choose another, then USA-PAK again
    options = page.eval_on_selector_all("#dyad-picker option", "os => os.map(o => o.value)")
    assert "PAK-USA" in options and len(options) >= 5
    other = next(o for o in options if o != "PAK-USA")
    page.select_option("#dyad-picker", other)
    page.wait_for_function(
        "t => document.getElementById('dyad-title').textContent.replace(/ /g, '') === t", arg=other.replace("-", "–")
    )
    page.select_option("#dyad-picker", "PAK-USA")
    page.wait_for_function(
        "() => document.getElementById('dyad-title').textContent.includes('PAK')"
        " && document.getElementById('dyad-title').textContent.includes('USA')"
    )
    # the title changes at once, the charts when their data arrives: wait for USA-PAK's
    page.wait_for_selector('#chart-index svg[data-dyad="PAK-USA"] path.index-line')
    page.wait_for_selector('#chart-quads svg[data-dyad="PAK-USA"]')

    # the chart has data: a line with one point per period with an index, bars per quad class
    points = page.locator("#chart-index svg circle.point")
    assert points.count() >= 5
    assert page.locator("#chart-quads svg rect.q1, #chart-quads svg rect.q2").count() >= 3
    assert "asserted events" in page.inner_text("#dyad-totals")

    # the event table, and a row's evidence with its trigger marked
    page.wait_for_selector("#event-table tbody tr")
    rows = page.locator("#event-table tbody tr")
    assert rows.count() >= 10
    rows.nth(0).click()
    page.wait_for_selector("#evidence .mention mark")
    mark = page.inner_text("#evidence .mention mark")
    sentence = page.inner_text("#evidence .mention blockquote")
    assert mark and mark in sentence and len(sentence) > len(mark)

    # a period's point filters the table to that period
    points.nth(points.count() - 1).click()
    page.wait_for_selector("#clear-filter:not([hidden])")
    period = page.get_attribute("#chart-index svg circle.point.selected", "data-period")
    dates = page.eval_on_selector_all("#event-table tbody tr td:first-child", "tds => tds.map(t => t.textContent)")
    assert dates and all(d[:7] == period[:7] for d in dates)

    # the scenarios board and the network matrix
    assert page.locator("#scenario-board .column").count() == 5
    assert page.locator("#scenario-board .card").count() >= 1
    assert page.locator("#network-matrix td[title]").count() >= 6

    # a fresh visit opens on USA-PAK (the README's screenshot)
    page.goto("about:blank")
    page.goto(base + "/")
    page.wait_for_selector("#chart-index svg path.index-line")
    assert page.inner_text("#dyad-title") == "USA – PAK"
    page.wait_for_selector("#event-table tbody tr")
    page.click("#event-table tbody tr >> nth=0")
    page.wait_for_selector("#evidence .mention mark")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert not problems, problems
    assert not outside, outside  # offline: nothing fetched from anywhere but the server
    page.close()


def test_serve_dashboard_shows_article_text_as_text(browser, base, monkeypatch):
    """Markup in the data is shown, never run: an event whose sentence holds a script tag."""
    page = browser.new_page()
    ran: list[str] = []
    page.on("dialog", lambda d: (ran.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=alert(1)> Pakistan <b>met</b> India."
    page.route(
        "**/api/v1/events/*",
        lambda route: route.fulfill(
            json={
                "event_key": "k",
                "date": "2019-01-01",
                "cameo": "040",
                "cameo_name": "<i>Consult</i>",
                "source": None,
                "target": None,
                "source_key": "PAK",
                "target_key": "IND",
                "goldstein": 1.0,
                "modality": "asserted",
                "num_mentions": 1,
                "num_articles": 1,
                "mentions": [
                    {
                        "sentence": hostile,
                        "evidence": {"text": "met", "start": hostile.index("met"), "end": hostile.index("met") + 3},
                        "date": "2019-01-01",
                        "article": {
                            "id": "a",
                            "title": "<script>alert(2)</script>",
                            "url": "javascript:alert(3)",
                            "date": "2019-01-01",
                        },
                    }
                ],
            }
        ),
    )
    page.goto(base + "/")
    page.wait_for_selector("#event-table tbody tr")
    page.click("#event-table tbody tr >> nth=0")
    page.wait_for_selector("#evidence .mention mark")
    assert page.inner_text("#evidence .mention mark") == "met"
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#evidence blockquote")
    assert page.locator("#evidence img, #evidence script, #evidence a").count() == 0
    assert "<script>alert(2)</script>" in page.inner_text("#evidence")
    page.wait_for_timeout(300)
    assert not ran
    page.close()
