"""A static picture (PNG) of a map page, for reports and slides, taken with headless Chromium.

The page is opened with ``#static`` (no toolbar or details, legend kept) and the
browser's virtual clock is run forward so the drawing finishes before the shot.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from netmap.errors import MissingDependency, NetmapError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
            "microsoft-edge")
WINDOWS_PATHS = (r"C:\Program Files\Google\Chrome\Application\chrome.exe",
                 r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe")
#: Flags that keep a headless browser from phoning home or needing a sandbox in containers.
QUIET_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", "--force-device-scale-factor=1")


def find_browser(browser: str | Path | None = None) -> str:
    """The path of a Chromium-family browser, or :class:`MissingDependency` saying how to get one."""
    if browser is not None:
        if Path(browser).is_file() or shutil.which(str(browser)):
            return str(shutil.which(str(browser)) or browser)
    else:
        for name in BROWSERS:
            found = shutil.which(name)
            if found:
                return found
        for path in WINDOWS_PATHS:
            if Path(path).is_file():
                return path
    raise MissingDependency(
        "Voor een PNG-afbeelding is Chromium (of Chrome/Edge) nodig; installeer het, bijvoorbeeld met "
        "'apt-get install chromium'. / A PNG picture needs Chromium (or Chrome/Edge); install it, e.g. "
        "'apt-get install chromium'.")


def write_png(html_path: str | Path, png_path: str | Path, *, width: int = 1600, height: int = 1000,
              browser: str | Path | None = None, wait_ms: int = 20000) -> Path:
    """Take a ``width`` x ``height`` picture of the map page ``html_path`` and write it to ``png_path``.

    Raises :class:`~netmap.errors.MissingDependency` when no Chromium-family browser
    is found, :class:`~netmap.errors.NetmapError` when the browser fails.
    """
    html_path, png_path = Path(html_path).resolve(), Path(png_path)
    if not html_path.is_file():
        raise NetmapError(f"kaart niet gevonden / map not found: {html_path}")
    exe = find_browser(browser)
    from netmap.io.safe import atomic_path

    with atomic_path(png_path) as shot, tempfile.TemporaryDirectory(prefix="netmap-chromium-") as profile:
        shot.unlink()  # Chromium writes the picture itself; an empty file would look like one
        cmd = [exe, *QUIET_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
               f"--virtual-time-budget={wait_ms}", f"--screenshot={shot.resolve()}",
               html_path.as_uri() + "#static"]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=wait_ms / 1000 + 120)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise NetmapError(f"Chromium kon de afbeelding niet maken / could not take the picture: {err}") from err
        if done.returncode != 0 or not shot.is_file():
            tail = (done.stderr or "").strip().splitlines()[-3:]
            raise NetmapError("Chromium kon de afbeelding niet maken / could not take the picture: "
                              + " ".join(tail))
    return png_path
