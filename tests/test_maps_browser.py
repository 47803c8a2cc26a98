"""Maps opened in real headless Chromium with the network blocked (see tests/browser.py).

Outside CI these skip when Chromium is missing; in CI (env CI set) they fail instead.
"""
from __future__ import annotations

import struct

import pytest

from netmap.analysis.findings import Finding
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.maps import build_map_payload, mapgraph, write_map, write_overlap_map, write_png
from tests.browser import launch_browser, load_page, require_chromium
from tests.test_maps import small_dataset

pytestmark = pytest.mark.browser

EVIL = '<img src=x onerror="window.__pwned=1">'
EVIL_SCRIPT = '</script><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def browser():
    exe = require_chromium()
    with launch_browser(exe) as context:
        yield context


@pytest.fixture(scope="module")
def kbl():
    return build_graph(read_dataset(example_path()))


@pytest.fixture
def open_map(browser):
    pages = []

    def opener(path, **kwargs):
        page = load_page(browser.new_page(), path, **kwargs)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.page.close()


def assert_clean(page):
    assert page.console_errors == []
    assert page.outside_requests == []
    assert page.dialogs == []


def test_kbl_level_map_draws_every_node_offline(kbl, tmp_path, open_map):
    page = open_map(write_map(kbl, tmp_path / "k.html"))
    assert_clean(page)
    assert page.evaluate("netmap.drawnNodeCount()") == kbl.number_of_nodes()
    assert page.evaluate("document.querySelectorAll('#bandlabels .band').length") == 4


def test_filters_and_focus_change_what_is_drawn(kbl, tmp_path, open_map):
    path = write_map(kbl, tmp_path / "k.html")
    payload = build_map_payload(kbl)
    nodes = payload["nodes"]
    page = open_map(path)
    level_iv = sum("IV" in n.get("lv", []) for n in nodes)
    assert page.evaluate("netmap.setFilter('level', 'IV')") == level_iv < len(nodes)
    rkj = [i for i, n in enumerate(nodes) if n.get("t") == "rkj"]
    assert page.evaluate("netmap.setFilter('type', 'rkj')") == sum(
        "IV" in nodes[i].get("lv", []) for i in rkj)
    assert page.evaluate("netmap.showAll()") == len(nodes)
    friesland = page.evaluate("netmap.indexOf('rkj_friesland')")
    neighbours = {e["b"] for e in payload["edges"] if e["a"] == friesland}
    neighbours |= {e["a"] for e in payload["edges"] if e["b"] == friesland}
    assert page.evaluate(f"netmap.focus({friesland}, 1)") == len(neighbours) + 1
    assert page.evaluate("netmap.setFilter('network', arguments[0])".replace("arguments[0]", str(friesland))) \
        == sum(friesland in nodes[i].get("nw", []) for i in neighbours | {friesland})
    assert_clean(page)


def test_focus_option_draws_only_the_neighbourhood(kbl, tmp_path, open_map):
    page = open_map(write_map(kbl, tmp_path / "k.html", focus="rkj_friesland", depth=1, view="force"))
    expected = len(mapgraph.focus_nodes(kbl, "rkj_friesland", 1))
    assert page.evaluate("netmap.drawnNodeCount()") == expected
    assert page.evaluate("document.querySelector('#details .name').textContent") == "RKJ Friesland"
    assert_clean(page)


def test_hostile_names_show_as_text_and_run_nothing(tmp_path, open_map):
    G = build_graph(small_dataset())
    G.nodes["org_a"]["name"] = EVIL
    G.nodes["net"]["name"] = EVIL_SCRIPT
    f = Finding("isolated", ["org_a"], "high", EVIL, EVIL_SCRIPT)
    page = open_map(write_map(G, tmp_path / "evil.html", findings=[f], title=EVIL))
    assert_clean(page)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("netmap.drawnNodeCount()") == G.number_of_nodes()
    assert page.evaluate("document.title") == EVIL
    assert page.evaluate("document.getElementById('title').textContent") == EVIL
    assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    page.evaluate("netmap.select(netmap.indexOf('org_a'))")
    assert page.evaluate("document.querySelector('#details .name').textContent") == EVIL
    assert EVIL in page.evaluate("document.getElementById('findings').textContent")
    page.page.fill("#search", "onerror")
    assert page.evaluate("document.querySelector('#results button').textContent") == EVIL
    page.page.fill("#search", "</script")
    assert page.evaluate("document.querySelector('#results button').textContent") == EVIL_SCRIPT
    assert page.evaluate("window.__pwned") is None
    assert_clean(page)


def test_roles_only_page_cannot_find_names(tmp_path, open_map):
    G = build_graph(small_dataset())
    page = open_map(write_map(G, tmp_path / "k.html", roles_only=True))
    assert page.evaluate("netmap.search('Piet')") == []
    assert page.evaluate("netmap.search('coach')") == ["coach"]


def test_findings_overlay_can_be_switched_off(kbl, tmp_path, open_map):
    f = Finding("network_overlap", ["ben_utrecht", "rkj_utrecht"], "low", "Delen veel leden.", "Stem af.")
    page = open_map(write_map(kbl, tmp_path / "k.html", findings=[f]))
    with_overlay = page.evaluate("netmap.drawnEdgeCount()")
    page.evaluate("netmap.setFindings(false)")
    assert page.evaluate("netmap.drawnEdgeCount()") == with_overlay - 1
    assert page.evaluate("netmap.network.body.nodes[netmap.indexOf('ben_utrecht')].options.borderWidth") < 2
    page.evaluate("netmap.setFindings(true)")
    assert page.evaluate("netmap.network.body.nodes[netmap.indexOf('ben_utrecht')].options.borderWidth") > 3
    assert_clean(page)


def test_level_gap_shows_on_both_bands(kbl, tmp_path, open_map):
    f = Finding("level_gap", ["I", "IV"], "medium", "Geen leerrelatie tussen I en IV.", "Breng ze samen.")
    page = open_map(write_map(kbl, tmp_path / "k.html", findings=[f]))
    badges = page.evaluate("[...document.querySelectorAll('#bandlabels .gap')].map(b => b.parentNode.textContent)")
    assert len(badges) == 2 and badges[0].startswith("IV") and badges[1].startswith("I")
    page.page.click("#bandlabels .gap")
    assert "Breng ze samen." in page.evaluate("document.getElementById('details').textContent")
    assert_clean(page)


def test_aggregated_map_draws_the_groups(tmp_path, open_map, monkeypatch):
    monkeypatch.setattr(mapgraph, "AGGREGATE_AT", 2)
    G = build_graph(small_dataset())
    page = open_map(write_map(G, tmp_path / "k.html", view="force"))
    assert page.evaluate("netmap.drawnNodeCount()") == 3  # two regions and the network
    assert_clean(page)


def test_overlap_map_draws_one_node_per_network(kbl, tmp_path, open_map):
    page = open_map(write_overlap_map(kbl, tmp_path / "o.html"))
    networks = sum(1 for _, k in kbl.nodes(data="kind") if k == "network")
    assert page.evaluate("netmap.drawnNodeCount()") == networks
    assert_clean(page)


def test_png_has_the_requested_size(kbl, tmp_path):
    exe = require_chromium()
    html = write_map(kbl, tmp_path / "k.html")
    png = write_png(html, tmp_path / "k.png", width=800, height=500, browser=exe)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (800, 500)


@pytest.mark.parametrize("color_by", ["type", "level"])
def test_prototype_names_in_the_data_are_plain_values(tmp_path, open_map, color_by):
    """Types, regions and themes named like Object.prototype's members break no lookup (issue 12)."""
    G = build_graph(small_dataset())
    names = ["__proto__", "constructor", "toString", "hasOwnProperty"]
    for number, node in enumerate(G.nodes):
        G.nodes[node]["type"] = names[number % len(names)]
        G.nodes[node]["region"] = names[(number + 1) % len(names)]
    page = open_map(write_map(G, tmp_path / "proto.html", color_by=color_by))
    assert_clean(page)
    assert page.evaluate("netmap.drawnNodeCount()") == G.number_of_nodes()
    page.evaluate("netmap.select(netmap.indexOf('org_a'))")
    assert "[object" not in page.evaluate("document.getElementById('details').textContent")
    assert_clean(page)
