"""Open map pages in real headless Chromium, with the network blocked; reusable by tests and benchmarks.

Uses the ``playwright`` Python package to drive the system's Chromium (Debian's
``chromium``); it never downloads a browser. Every request that is not a
``file://`` URL is aborted and recorded, so a page that tries to reach another
host is caught, not just silently offline.

>>> # with open_page("kaart.html") as page:
>>> #     assert page.console_errors == [] and page.outside_requests == []
>>> #     page.evaluate("netmap.drawnNodeCount()")

Used by the benchmark: :func:`time_until_interactive` (seconds from navigation
until the page has drawn and set ``window.netmapReady``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-default-apps", "--disable-extensions"]
SKIP_REASON = "headless Chromium not found (apt-get install chromium); map browser tests skipped outside CI"


def find_chromium() -> str | None:
    """The system Chromium's path, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The Chromium path; skips the calling test outside CI when it is missing, fails in CI."""
    import pytest

    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed: the map tests must run in CI "
                        "(apt-get install chromium)")
        pytest.skip(SKIP_REASON)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but the playwright package is missing (pip install -e '.[test]')")
        pytest.skip("the playwright package is not installed")
    return exe


@dataclass
class MapPage:
    """An open page plus what it did: console errors, page errors and blocked outside requests."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg: Any = None) -> Any:
        """Run JavaScript in the page and return its (JSON-able) result."""
        return self.page.evaluate(script, arg) if arg is not None else self.page.evaluate(script)

    def wait_ready(self, timeout_s: float = 120.0) -> None:
        """Wait until the map has drawn (``window.netmapReady``)."""
        self.page.wait_for_function("() => window.netmapReady === true", timeout=timeout_s * 1000)

    def screenshot(self, path: str | Path) -> Path:
        """Save a PNG of the viewport."""
        self.page.screenshot(path=str(path))
        return Path(path)


@contextmanager
def launch_browser(executable: str | None = None) -> Iterator[Any]:
    """A headless Chromium (playwright Browser) with a fresh profile, closed afterwards."""
    from playwright.sync_api import sync_playwright

    exe = executable or find_chromium()
    if exe is None:
        raise RuntimeError(SKIP_REASON)
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="netmap-browser-") as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=exe, headless=True,
                                                       args=LAUNCH_ARGS, viewport={"width": 1600, "height": 1000})
        try:
            yield context
        finally:
            context.close()


@contextmanager
def open_page(html_path: str | Path, *, executable: str | None = None, wait: bool = True, hash: str = "",
              viewport: tuple[int, int] = (1600, 1000), timeout_s: float = 120.0) -> Iterator[MapPage]:
    """Open ``html_path`` offline and yield a :class:`MapPage` (waits for the map unless ``wait=False``)."""
    with launch_browser(executable) as context:
        page = context.new_page()
        yield load_page(page, html_path, wait=wait, hash=hash, viewport=viewport, timeout_s=timeout_s)


def load_page(page: Any, html_path: str | Path, *, wait: bool = True, hash: str = "",
              viewport: tuple[int, int] = (1600, 1000), timeout_s: float = 120.0) -> MapPage:
    """Attach the recorders and the network block to a playwright page, then load the map."""
    result = MapPage(page)
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    def on_console(msg: Any) -> None:
        if msg.type == "error":
            result.console_errors.append(msg.text)

    def on_dialog(dialog: Any) -> None:
        result.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda err: result.console_errors.append(f"pageerror: {err}"))
    page.on("dialog", on_dialog)

    def block(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            result.outside_requests.append(url)
            route.abort()

    page.route("**/*", block)
    page.goto(Path(html_path).resolve().as_uri() + hash, wait_until="load", timeout=timeout_s * 1000)
    if wait:
        result.wait_ready(timeout_s)
    return result


def time_until_interactive(html_path: str | Path, *, executable: str | None = None,
                           timeout_s: float = 600.0) -> float:
    """Seconds from starting navigation until the page has drawn the map and accepts input.

    The browser is started first and not counted; the clock runs over loading the
    file, parsing the data, building the view and the first drawing.
    """
    with launch_browser(executable) as context:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        start = time.perf_counter()
        page.goto(Path(html_path).resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function("() => window.netmapReady === true", timeout=timeout_s * 1000, polling=50)
        return time.perf_counter() - start


def assert_clean(page: MapPage) -> None:
    """The page logged no console error, asked for nothing outside the file, and opened no dialog."""
    assert page.console_errors == []
    assert page.outside_requests == []
    assert page.dialogs == []
