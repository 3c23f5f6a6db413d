"""Headless Chromium for the browser tests: the flags this machine needs, request and console recording."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]  # fmt: skip
_STREAMLIT_PROBE = re.compile(r"/[^/?#]+/_stcore/(health|host-config)$")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@dataclass
class Recorder:
    """Everything a page asked for outside the server, and every console error, since the last reset."""

    base: str
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request) -> None:
        url = request.url
        if not url.startswith((self.base, "data:", "blob:", "about:")):
            self.outside.append(url)

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        # Streamlit's frontend finds its base path by probing /<page>/_stcore/health and host-config before
        # falling back to /_stcore/...; those two 404s on a direct link to a page are the framework's, not errors.
        if "404" in message.text and _STREAMLIT_PROBE.search(message.location.get("url", "")):
            return
        self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def reset(self) -> None:
        self.outside.clear()
        self.console_errors.clear()


@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_app(page, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished running the page script and drawn its elements."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_timeout(800)  # charts and the map draw after the script finished
