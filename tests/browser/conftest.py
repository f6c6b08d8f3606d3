"""Browser tests: Debian's Chromium (/usr/bin/chromium, installed by `make test` through scripts/browser) driven by
Playwright for Python, against the real app served on 127.0.0.1 (a werkzeug server in a thread, random port)
over the real Elasticsearch with the demo corpus in its own alias.

Screenshots are written to test-artifacts/screenshots/ (git-ignored; TEST_ARTIFACTS overrides the folder)."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.integration import conftest as integration

# the integration tests' fixtures: the real Elasticsearch and the demo corpus in its own alias
es_settings, es, demo_alias = integration.es_settings, integration.es, integration.demo_alias

pytestmark = pytest.mark.integration

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# the network is closed here: nothing in the background should try to reach it
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                  "--disable-default-apps", "--mute-audio"]
AXE = ROOT / "web" / "static" / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))


@pytest.fixture(scope="session")
def live_server(es_settings, demo_alias):
    from werkzeug.serving import make_server

    from web import create_app

    app = create_app(replace(es_settings, index_alias=demo_alias))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: `make test` installs it (scripts/browser)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and CSP refusals seen while a test drove the page."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))

    def _console(self, message) -> None:
        # an error page's own status is what the test asked for; anything else (CSP refusals, script errors) not
        if message.type == "error" and "the server responded with a status of" not in message.text:
            self.messages.append(message.text)


@pytest.fixture()
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900}, locale="fa-IR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = PageProblems(page)
    yield page
    context.close()
    assert not problems.messages, f"the page logged errors: {problems.messages}"


@pytest.fixture()
def phone_page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740}, locale="fa-IR",
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    problems = PageProblems(page)
    yield page
    context.close()
    assert not problems.messages, f"the page logged errors: {problems.messages}"


def screenshot(page, name: str) -> Path:
    """The whole page, and what the first screen shows (on a phone the whole page is too long to look at)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.screenshot(path=str(folder / f"{name}-first-screen.png"))
    return path


def serious_accessibility_violations(page) -> list[str]:
    """axe-core run in the page; the serious and critical violations, one line each."""
    assert AXE.is_file(), f"{AXE} is missing: `make setup` fetches it (scripts/web-assets)"
    # evaluated through the DevTools protocol, which the page's Content-Security-Policy does not block
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")


def check_accessible_and_phone_ready(page, phone_page, name: str) -> None:
    """The page as it stands passes axe-core (no serious or critical violations) and is saved as a screenshot;
    the same address on a 375 px phone does not scroll sideways and is saved too."""
    violations = serious_accessibility_violations(page)
    assert not violations, "\n".join(violations)
    screenshot(page, name)
    phone_page.goto(page.url)
    assert not has_horizontal_scroll(phone_page), f"the {name} page scrolls sideways at 375 px"
    screenshot(phone_page, f"{name}-375px")
