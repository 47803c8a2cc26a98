"""The screenshot walk (issue 13): every page of a real `netmap serve` in headless Chromium at 1366x768,
as the beheerder, a lezer and a share link: each answers, logs no console error, asks no other host, does
not scroll sideways, and is photographed (into a temporary folder; `scripts/screenshots.sh` for people)."""
from __future__ import annotations

import pytest

from tests.browser import require_chromium
from tests.web_screenshots import LEZER_PAGES, PAGES, SHARE_PAGES, walk_pages

pytestmark = pytest.mark.browser


def test_every_page_photographed_without_a_problem(tmp_path):
    require_chromium()
    walk = walk_pages(tmp_path / "shots")
    assert walk.problems == []
    assert len(walk.shots) == len(PAGES) + len(LEZER_PAGES) + len(SHARE_PAGES) + 2  # + upload problems, login
    for shot in walk.shots:
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot
