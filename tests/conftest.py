"""Fixtures shared by the map pages' tests in real Chromium (tests/test_maps_browser.py, test_maps_renderers.py).

A module that defines a fixture of the same name (``kbl`` in tests/test_web.py) uses its own."""
from __future__ import annotations

import pytest

from netmap.analysis import analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from tests.browser import launch_browser, load_page, require_chromium


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module."""
    exe = require_chromium()
    with launch_browser(exe) as context:
        yield context


@pytest.fixture
def open_map(browser):
    """Opens a map file in a new page (``load_page``'s options); the pages are closed after the test."""
    pages = []

    def opener(path, **kwargs):
        page = load_page(browser.new_page(), path, **kwargs)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.page.close()


@pytest.fixture(scope="module")
def kbl():
    """The KBL example as a graph."""
    return build_graph(read_dataset(example_path()))


@pytest.fixture(scope="module")
def kbl_findings(kbl):
    """The findings on the KBL example."""
    return analyse(kbl).findings
