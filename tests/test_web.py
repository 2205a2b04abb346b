"""The dashboard in a real headless Chromium (Debian's, through Playwright) against a real server.

A fixture starts ``wirecoder serve`` on 127.0.0.1 (a port the system picks) over the analysis store
(``tests/analysis.py``, which holds an article with ``<script>alert(1)</script>``) and stops it
afterwards. Each test drives the pages, saves a screenshot to its ``tmp_path``, and checks that
the hostile text shows as text, that no dialog opens, that no request leaves the server and
that the browser logs no error.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from analysis import HOSTILE_NAME, HOSTILE_PLACE, SCRIPT, analysis_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is absent: install Debian's chromium (.ci/run does, as root)",
)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    return analysis_store(tmp_path_factory, coder)


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``wirecoder serve`` on 127.0.0.1, on a port the system picks (``--port 0``): its URL."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    command = [str(Path(sys.executable).with_name("wirecoder")), "serve", "--db", str(store_path)]
    with log.open("wb") as sink:
        process = subprocess.Popen([*command, "--port", "0"], stdout=sink, stderr=sink)
    try:
        yield _wait_until_serving(process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process: subprocess.Popen[bytes], log: Path) -> str:
    """The base URL uvicorn logs once it listens, after one good answer from it."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        started = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", log.read_text())
        if started:
            try:
                with urllib.request.urlopen(f"{started[1]}/api/stats", timeout=5) as answer:
                    if answer.status == 200:
                        return started[1]
            except OSError:
                pass
        time.sleep(0.2)
    pytest.fail(f"the server did not start (exit {process.poll()}): {log.read_text()}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=90_000
        )
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did that it should not: dialogs, requests elsewhere, console errors."""

    base: str
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert self.dialogs == [], "a dialog opened: article text ran as script"
        assert self.foreign == [], "the page asked for something beyond the server"
        assert self.errors == []


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(base_url=server, viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    watch = Watch(server)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", on_dialog)
    opened.on(
        "request",
        lambda r: None if r.url.startswith(server) else watch.foreign.append(r.url),
    )
    opened.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: watch.errors.append(str(e)))
    yield opened, watch
    context.close()
    watch.check()


def shows_script_as_text(page: Any) -> None:
    assert SCRIPT in page.inner_text("main")
    assert page.locator("script").count() == 0  # the dashboard runs no script at all


def test_web_explorer_filters_sort_and_pages(page: tuple[Any, Watch], tmp_path: Path) -> None:
    browser_page, _ = page
    browser_page.goto("/")
    assert browser_page.locator("#events tbody tr").count() > 1
    browser_page.fill("input[name=actor]", "AZE")
    browser_page.select_option("select[name=type]", "SUPPORT")
    browser_page.click("form.filters button[type=submit]")
    browser_page.wait_for_url("**/?actor=AZE*")
    assert "type=SUPPORT" in browser_page.url
    rows = browser_page.locator("#events tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert "SUPPORT" in cells.nth(1).inner_text()
        assert cells.nth(2).inner_text().startswith("AZE")
    browser_page.goto("/")
    browser_page.click("th >> text=Goldstein")
    browser_page.click("th >> text=Goldstein")  # twice: descending
    assert "sort=goldstein" in browser_page.url and "order=desc" in browser_page.url
    scores = [
        float(text)
        for text in browser_page.locator("#events tbody td.num").all_inner_texts()
        if text.strip() not in ("", "—")
    ]
    assert scores == sorted(scores, reverse=True)
    browser_page.click(".sizes >> text=25")
    browser_page.click("a[rel=next]")
    assert "page=2" in browser_page.url
    assert "26–" in browser_page.inner_text("#count")
    browser_page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)


def test_web_event_page_highlights_evidence(page: tuple[Any, Watch], tmp_path: Path) -> None:
    browser_page, _ = page
    browser_page.goto("/?q=s'est+entretenu&actor=AZE")
    shows_script_as_text(browser_page)
    browser_page.click("#events tbody tr >> nth=0 >> td >> nth=0 >> a")
    browser_page.wait_for_url("**/events/*")
    evidence = browser_page.locator("#evidence")
    assert SCRIPT.rstrip(">") in evidence.inner_text()
    assert "s'est entretenu" in browser_page.inner_text("#evidence mark.trigger")
    assert "Nadeem Raza" in browser_page.inner_text("#evidence mark.recipient")
    assert "Azerbaïdjan" in browser_page.inner_text("#evidence mark.actor")
    assert browser_page.locator("#others tbody tr").count() >= 1
    shows_script_as_text(browser_page)
    browser_page.screenshot(path=str(tmp_path / "event.png"), full_page=True)


def test_web_dyad_chart(page: tuple[Any, Watch], tmp_path: Path) -> None:
    browser_page, _ = page
    browser_page.goto("/dyads")
    browser_page.fill("input[name=a]", "AZE")
    browser_page.fill("input[name=b]", "PAK")
    browser_page.click("form.filters button[type=submit]")
    browser_page.wait_for_url("**/dyads/AZE/PAK?by=month")
    chart = browser_page.locator("#dyad-chart svg")
    assert chart.locator("rect.bar").count() >= 2
    assert chart.locator("circle.goldstein-dot").count() >= 2
    assert chart.locator("text", has_text="2021-02").count() == 1
    assert browser_page.locator("#periods tbody tr").count() >= 2
    browser_page.screenshot(path=str(tmp_path / "dyad-month.png"), full_page=True)
    browser_page.click(".tabs >> text=year")
    browser_page.wait_for_url("**/dyads/AZE/PAK?by=year")
    assert chart.locator("text", has_text="2022").count() >= 1
    browser_page.screenshot(path=str(tmp_path / "dyad-year.png"), full_page=True)


def test_web_map(page: tuple[Any, Watch], tmp_path: Path) -> None:
    browser_page, _ = page
    browser_page.goto("/map")
    places = browser_page.locator("#map svg circle.place")
    assert places.count() == browser_page.locator("#places tbody tr").count() >= 2
    assert browser_page.locator("#map svg text.place-label", has_text=HOSTILE_PLACE).count() == 1
    shows_script_as_text(browser_page)
    browser_page.screenshot(path=str(tmp_path / "map.png"), full_page=True)
    browser_page.fill("input[name=actor]", "NATO")
    browser_page.click("form.filters button[type=submit]")
    assert places.count() < browser_page.locator("#places tbody tr").count() + 99
    assert browser_page.locator("#map svg circle.place").count() <= 2


def test_web_actor_pages(page: tuple[Any, Watch], tmp_path: Path) -> None:
    browser_page, _ = page
    browser_page.goto("/actors?q=alizad")
    shows_script_as_text(browser_page)
    browser_page.click(f"#actors >> text={HOSTILE_NAME}")
    browser_page.wait_for_url("**/actors/*")
    assert browser_page.inner_text("h1").startswith(HOSTILE_NAME)
    assert "ambassadeur" in browser_page.inner_text("#roles")
    shows_script_as_text(browser_page)
    browser_page.screenshot(path=str(tmp_path / "actor.png"), full_page=True)


@pytest.mark.parametrize(
    "url",
    ["/", "/?q=script", "/actors", "/actors/AZE", "/map", "/dyads", "/dyads/AZE/PAK", "/nope"],
)
def test_web_pages_escape_and_stay_local(page: tuple[Any, Watch], url: str) -> None:
    browser_page, watch = page
    response = browser_page.goto(url)
    assert response is not None
    assert response.status == (404 if url == "/nope" else 200)
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert browser_page.locator("script").count() == 0
    html = browser_page.content()
    assert "<script>alert" not in html
    if SCRIPT in browser_page.inner_text("body"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    if url == "/nope":  # the browser logs the page's own 404 status as an error
        watch.errors = [e for e in watch.errors if "status of 404" not in e]
