"""Maps opened in real headless Chromium with the network blocked (see tests/browser.py).

Outside CI these skip when Chromium is missing; in CI (env CI set) they fail instead.
"""
from __future__ import annotations

import struct

import pytest

from netmap.analysis.findings import Finding
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.maps import build_map_graph, build_map_payload, mapgraph, write_map, write_overlap_map, write_png
from tests.browser import assert_clean, require_chromium
from tests.test_maps import small_dataset

pytestmark = pytest.mark.browser

EVIL = '<img src=x onerror="window.__pwned=1">'
EVIL_SCRIPT = '</script><script>window.__pwned=2</script>'


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


def test_the_findings_tab_counts_in_the_readers_way(kbl, tmp_path, open_map):
    many = [Finding("isolated", ["coach"], "low", f"Bevinding {i}.") for i in range(1234)]
    page = open_map(write_map(kbl, tmp_path / "k.html", findings=many))
    assert page.page.inner_text("#tab-findings") == "Bevindingen (1.234)"
    english = open_map(write_map(kbl, tmp_path / "e.html", findings=many, lang="en"))
    assert english.page.inner_text("#tab-findings").endswith("(1,234)")


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
    # the regions by level (Noord I, II and the network's I-II; Zuid II and IV)
    assert page.evaluate("netmap.drawnNodeCount()") == len(build_map_graph(G, aggregate="structure").nodes) == 5
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


# ---------- what a meeting sees (issue 16) ----------

SCREENS = [(1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def kbl_maps(kbl, kbl_findings, tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    return {"levels": write_map(kbl, out / "levels.html", findings=kbl_findings),
            "force": write_map(kbl, out / "force.html", view="force", findings=kbl_findings),
            "overlap": write_overlap_map(kbl, out / "overlap.html", findings=kbl_findings)}


def boxes_overlap(a, b, gap=0):
    """Whether two boxes [x, y, w, h] overlap, or come closer than ``gap`` pixels side by side."""
    return a[0] - gap < b[0] + b[2] and b[0] < a[0] + a[2] + gap and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


#: the page keeps this many pixels beside a label (app.js LABEL_GAP; less and two names read as one)
LABEL_GAP = 8


@pytest.mark.parametrize("screen", SCREENS, ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("view", ["levels", "force", "overlap"])
def test_labels_are_legible_whole_words_and_apart(kbl_maps, open_map, view, screen):
    page = open_map(kbl_maps[view], viewport=screen)
    labels = page.evaluate("netmap.labels()")
    assert len(labels) >= 25
    assert min(label["px"] for label in labels) >= 12
    for i, a in enumerate(labels):
        # apart: never over each other, and never touching side by side (- 0.5: the boxes are rounded)
        assert not any(boxes_overlap(a["box"], b["box"], LABEL_GAP - 0.5) for b in labels[i + 1:]), a["label"]
        text = " ".join(a["lines"])
        if "…" not in text:  # wrapped at spaces only: the lines put back together are the name
            assert text == " ".join(a["label"].split())
        else:  # shortened: every line but an ellipsis ending is made of whole words of the name
            words = a["label"].split()
            assert all(w in words for line in a["lines"] for w in line.rstrip("…").split()[:-1])
    # The toolbar stays one line; the findings list is one click away, above the fold.
    assert page.evaluate("document.getElementById('toolbar').getBoundingClientRect().height") < 48
    assert page.evaluate("document.getElementById('tab-findings').getBoundingClientRect().bottom") < screen[1]
    assert_clean(page)


def test_free_layout_uses_the_width(kbl_maps, open_map):
    page = open_map(kbl_maps["force"], viewport=(1366, 768))
    left, right, width = page.evaluate("""(() => { const n = netmap.network;
        const xs = n.body.nodeIndices.map(i => n.canvasToDOM(n.body.nodes[i]).x);
        return [Math.min(...xs), Math.max(...xs), document.getElementById('map').clientWidth]; })()""")
    assert (right - left) / width > 0.8


def test_label_size_control_makes_labels_bigger(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    page.page.click("#label-bigger")
    page.page.wait_for_function("() => netmap.labels()[0].px === 15")
    assert {label["px"] for label in page.evaluate("netmap.labels()")} == {15}
    page.page.click("#label-smaller")
    page.page.click("#label-smaller")  # 11 would be too small: stays at 12
    page.page.wait_for_function("() => netmap.labels()[0].px === 12")
    assert {label["px"] for label in page.evaluate("netmap.labels()")} == {12}


def legend_line(page, key):
    return page.evaluate(f"""(() => {{ const l = document.querySelector('.legend-line[data-key="{key}"] line');
        return [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray')]; }})()""")


def test_vertical_learning_and_finding_overlap_look_different(kbl, tmp_path, open_map):
    f = Finding("network_overlap", ["ben_utrecht", "rkj_utrecht"], "low", "Delen veel leden.", "Stem af.")
    page = open_map(write_map(kbl, tmp_path / "k.html", findings=[f]))
    vertical, overlap = legend_line(page, "tie_vertical"), legend_line(page, "finding")
    assert vertical[0] != overlap[0] and vertical[1] != overlap[1]
    keys = page.evaluate("[...document.querySelectorAll('.legend-line')].map(r => r.dataset.key)")
    styles = [tuple(legend_line(page, k)) for k in keys]
    assert len(set(styles)) == len(styles)  # every relation drawn its own way
    drawn = page.evaluate("netmap.network.body.edges['f0'].options.color.color")
    assert drawn == overlap[0]


def test_filter_refits_and_clears_details_of_a_hidden_node(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    friesland = page.evaluate("netmap.indexOf('rkj_friesland')")
    page.evaluate(f"netmap.select({friesland})")
    assert page.evaluate("document.querySelector('#details .name').textContent") == "RKJ Friesland"
    before = page.evaluate("netmap.network.getScale()")
    page.evaluate("netmap.setFilter('level', 'IV')")
    assert page.evaluate("document.querySelector('#details .name')") is None
    assert page.evaluate("netmap.network.getScale()") != pytest.approx(before)
    assert page.evaluate("""(() => { const n = netmap.network, m = document.getElementById('map');
        return n.body.nodeIndices.every(i => { const p = n.canvasToDOM(n.body.nodes[i]);
          return p.x >= 0 && p.y >= 0 && p.x <= m.clientWidth && p.y <= m.clientHeight; }); })()""")


def test_clicking_a_finding_zooms_to_all_its_subjects(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    findings = page.evaluate("netmap.data.findings.map(f => f.s.length)")
    fi = next(i for i, n in enumerate(findings) if n >= 2)
    before = page.evaluate("netmap.network.getScale()")
    page.page.click("#tab-findings")
    page.page.click(f"#findings .finding >> nth={fi}")
    assert page.evaluate("netmap.network.getScale()") > before * 1.2
    inside = page.evaluate(f"""(() => {{ const n = netmap.network, m = document.getElementById('map');
        return netmap.data.findings[{fi}].s.map(i => {{ const p = n.canvasToDOM(n.body.nodes[i]);
          return p.x > 190 && p.y > 0 && p.x < m.clientWidth && p.y < m.clientHeight; }}); }})()""")
    assert all(inside)


def test_escape_clears_selection_then_focus(kbl_maps, open_map):
    page = open_map(kbl_maps["force"])
    friesland = page.evaluate("netmap.indexOf('rkj_friesland')")
    page.evaluate(f"netmap.focus({friesland}, 1)")
    page.evaluate(f"netmap.select({friesland})")
    page.page.keyboard.press("Escape")
    assert page.evaluate("netmap.state().detail") is None
    assert page.evaluate("netmap.state().focus") == friesland
    page.page.keyboard.press("Escape")
    assert page.evaluate("netmap.state().focus") is None
    assert page.evaluate("netmap.drawnNodeCount()") == len(page.evaluate("netmap.data.nodes"))


def test_zoom_buttons_zoom(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"])
    before = page.evaluate("netmap.network.getScale()")
    page.page.click("#zoom-in")
    assert page.evaluate("netmap.network.getScale()") == pytest.approx(before * 1.3)
    page.page.click("#zoom-out")
    page.page.click("#zoom-out")
    assert page.evaluate("netmap.network.getScale()") == pytest.approx(before / 1.3)
    page.page.click("#zoom-fit")
    assert page.evaluate("netmap.network.getScale()") == pytest.approx(before)


def test_presentation_mode_steps_through_the_findings(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    page.page.click("#present")
    assert page.evaluate("document.body.classList.contains('presenting')")
    assert page.evaluate("document.getElementById('panel').offsetWidth") == 0
    assert page.evaluate("netmap.state().finding") == 0
    page.page.wait_for_function("() => netmap.labels().length > 0 && netmap.labels()[0].px === 18")
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("ArrowRight")
    assert page.evaluate("netmap.state().finding") == 2
    page.page.keyboard.press("ArrowLeft")
    assert page.evaluate("netmap.state().finding") == 1
    assert "2 / " in page.evaluate("document.getElementById('present-hint').textContent")
    page.page.keyboard.press("Escape")
    assert not page.evaluate("document.body.classList.contains('presenting')")
    assert_clean(page)


def test_png_export_from_the_page_makes_an_image_without_a_request(kbl_maps, open_map, tmp_path):
    import base64
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    url = page.evaluate("netmap.exportPng(false)")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == tuple(page.evaluate(
        "[document.querySelector('#map canvas').width, document.querySelector('#map canvas').height]"))
    with page.page.expect_download() as download:
        page.page.click("#export-png")
    saved = tmp_path / "saved.png"
    download.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_clean(page)


def test_url_fragment_reopens_the_view(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"])
    friesland = page.evaluate("netmap.indexOf('rkj_friesland')")
    page.evaluate("netmap.setFilter('type', 'rkj')")
    page.evaluate(f"netmap.focus({friesland}, 2)")
    page.evaluate("netmap.setColorBy('perspective')")
    page.evaluate(f"netmap.select({friesland})")
    page.evaluate("netmap.zoomBy(1.5)")
    state = page.evaluate("netmap.state()")
    fragment = page.evaluate("location.hash")
    assert "focus=rkj_friesland" in fragment and "f.type=rkj" in fragment
    again = open_map(kbl_maps["levels"], hash=fragment)
    reopened = again.evaluate("netmap.state()")
    for key in ("focus", "filters", "detail", "colorBy"):
        assert reopened[key] == state[key], key
    assert reopened["scale"] == pytest.approx(state["scale"], rel=1e-2)
    assert again.evaluate("netmap.drawnNodeCount()") == page.evaluate("netmap.drawnNodeCount()")
    assert_clean(again)


def test_diff_map_marks_ties_by_change_and_hides_empty_controls(tmp_path, open_map):
    from netmap.maps.style import CHANGE_EDGE_STYLES
    from netmap.report.diff import write_diff_map

    old, new = read_dataset(example_path()), read_dataset(example_path("kbl-2026q4"))
    page = open_map(write_diff_map(old, new, tmp_path / "d.html"))
    colour = page.evaluate("""(() => { const ix = id => netmap.indexOf(id);
        const e = netmap.data.edges.findIndex(e => (e.a === ix('rkj_friesland') && e.b === ix('rkj_nv'))
          || (e.b === ix('rkj_friesland') && e.a === ix('rkj_nv')));
        return e < 0 ? null : [netmap.data.edges[e].ch, netmap.network.body.edges['e' + e].options.color.color,
                               netmap.network.body.edges['e' + e].options.dashes]; })()""")
    assert colour is not None and colour[0] == "gone"
    assert colour[1] == CHANGE_EDGE_STYLES["gone"]["color"] and colour[2] == CHANGE_EDGE_STYLES["gone"]["dashes"]
    changes = page.evaluate("[...document.querySelectorAll('.legend-change')].map(r => r.dataset.key)")
    assert {"new", "gone"} <= set(changes)
    assert page.evaluate("document.getElementById('findings-toggle').offsetParent") is None
    assert page.evaluate("document.getElementById('tab-findings').offsetParent") is None
    assert_clean(page)


@pytest.mark.parametrize("zoom", [1.0, 0.35, 0.15])
def test_band_labels_never_run_into_the_next_band(kbl_maps, open_map, zoom):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    page.evaluate(f"netmap.zoomBy({zoom})")
    page.page.wait_for_timeout(100)
    spill = page.evaluate("""(() => [...document.querySelectorAll('#bandlabels .band')].map(b => {
        const box = b.getBoundingClientRect();
        return [...b.querySelectorAll('.num, .txt, .gap')].filter(e => e.offsetParent !== null)
          .some(e => { const r = e.getBoundingClientRect(); return r.top < box.top - 1 || r.bottom > box.bottom + 1; });
      }))()""")
    assert not any(spill)


def test_findings_are_reachable_by_keyboard(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    page.page.click("#tab-findings")
    page.page.focus("#findings .finding >> nth=1")
    page.page.keyboard.press("Enter")
    assert page.evaluate("netmap.state().finding") == 1


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


def in_view(page, ids):
    return page.evaluate("""(ids => { const n = netmap.network, m = document.getElementById('map');
        return ids.every(i => { const p = n.canvasToDOM(n.body.nodes[i]);
          return p.x >= 0 && p.y >= 0 && p.x <= m.clientWidth && p.y <= m.clientHeight; }); })""", ids)


@pytest.mark.parametrize("roles_only", [False, True], ids=["names", "roles-only"])
def test_report_findings_open_the_map_focused_on_their_subjects(tmp_path, open_map, roles_only):
    import re

    from click.testing import CliRunner

    from netmap.cli import main

    out = tmp_path / "exports"
    args = ["run", str(example_path()), "--out", str(out)] + (["--roles-only"] if roles_only else [])
    assert CliRunner().invoke(main, args).exit_code == 0
    report = (out / "rapport.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="onmap" href="([^"#]+)#finding=(\d+)">', report)
    assert len(links) >= 20 and {name for name, _ in links} == {"kaart-niveaus.html", "kaart-overlap.html"}
    assert 'href="definities.html"' in report and (out / "definities.html").is_file()
    assert "file://" not in report
    checked = 0
    for name, rank in links[:12]:
        page = open_map(out / name, hash=f"#finding={rank}", viewport=(1366, 768))
        subjects = page.evaluate(f"netmap.data.findings[{rank}].s")
        assert page.evaluate("netmap.state().finding") == int(rank)
        if subjects:  # a level gap has bands, not nodes, as its subjects
            assert sorted(page.evaluate("netmap.network.getSelectedNodes()")) == sorted(subjects)
            assert in_view(page, subjects)
            checked += 1
        assert_clean(page)
        page.page.close()
    assert checked >= 5


def test_definitions_page_is_html_beside_the_report(tmp_path, open_map):
    from netmap.report import write_definitions

    path = write_definitions(tmp_path / "definities.html")
    page = open_map(path, wait=False)
    assert page.evaluate("document.querySelectorAll('h1, h2').length") >= 5
    assert page.evaluate("document.querySelectorAll('table').length") >= 1
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert_clean(page)


def test_map_without_findings_shows_no_findings_controls(kbl, tmp_path, open_map):
    page = open_map(write_map(kbl, tmp_path / "k.html"))
    for control in ("findings-toggle", "tab-findings", "present"):
        assert page.evaluate(f"document.getElementById('{control}').offsetParent") is None, control
    assert "bevinding" not in page.evaluate("document.getElementById('legend').textContent").lower()
    assert_clean(page)


def test_legend_lists_exactly_what_is_drawn(kbl_maps, open_map):
    page = open_map(kbl_maps["levels"], viewport=(1366, 768))
    legend = set(page.evaluate("[...document.querySelectorAll('.legend-line')].map(r => r.dataset.key)"))
    drawn = set(page.evaluate("""[...new Set(netmap.network.body.edgeIndices.map(id =>
        id.charAt(0) === 'f' ? 'finding' : netmap.data.edges[+id.slice(1)].st))]"""))
    assert legend == drawn
    colours = page.evaluate("""[...document.querySelectorAll('#legend .row .swatch')].slice(0, 5)
        .map(s => getComputedStyle(s).backgroundColor)""")
    fills = set(page.evaluate("""netmap.network.body.nodeIndices.map(i =>
        netmap.network.body.nodes[i].options.color.background)"""))
    def rgb(hex_):
        return f"rgb({int(hex_[1:3], 16)}, {int(hex_[3:5], 16)}, {int(hex_[5:7], 16)})"
    assert {rgb(f) for f in fills} <= set(colours)  # every fill drawn is in the legend's colour list


@pytest.fixture(scope="module")
def national():
    from netmap.synth import generate

    return build_graph(generate(0.05, seed=42).dataset)


@pytest.mark.parametrize("screen", SCREENS, ids=["1366x768", "1920x1080"])
def test_national_level_map_reads_as_groups_with_counts(national, tmp_path, open_map, screen):
    M = build_map_graph(national, aggregate="structure")
    path = write_map(national, tmp_path / "n.html", aggregate="structure")
    page = open_map(path, viewport=screen)
    assert page.evaluate("netmap.drawnNodeCount()") == len(M.nodes) < 300
    labels = page.evaluate("netmap.labels()")
    assert len(labels) >= 25 and min(label["px"] for label in labels) >= 12
    for i, a in enumerate(labels):
        assert not any(boxes_overlap(a["box"], b["box"]) for b in labels[i + 1:]), a["label"]
    shown = {label["label"] for label in labels}
    groups = sorted((n for n in M.nodes.values() if n.kind == "group"), key=mapgraph.actor_count, reverse=True)
    assert all(g.label.endswith(")") for g in groups)  # "Regio X (212)": the count is in the name
    assert sum(g.label in shown for g in groups[:5]) >= 3  # most of the five biggest groups are named
    assert_clean(page)


def test_national_overlap_map_groups_networks_that_share_nobody(national, tmp_path, open_map):
    page = open_map(write_overlap_map(national, tmp_path / "o.html"), viewport=(1366, 768))
    networks = sum(1 for _, k in national.nodes(data="kind") if k == "network")
    drawn = page.evaluate("netmap.drawnNodeCount()")
    assert drawn < networks / 2
    groups = page.evaluate("netmap.data.nodes.filter(n => n.k === 'group').map(n => [n.l, n.m.network])")
    assert groups and all(count > 1 for _, count in groups)
    assert_clean(page)


def test_a_bodys_details_name_the_perspectives_its_members_bring(kbl, tmp_path, open_map):
    """The adviesraad has no perspective of its own; its details say so and list what its members and seat
    holders bring, as the analysis counts them (not 'geen perspectief bekend' alone)."""
    from netmap.analysis import analyse
    from netmap.model import perspective_label

    counts = analyse(kbl).facts["perspectives"]["kbl_adviesraad"]
    page = open_map(write_map(kbl, tmp_path / "k.html", perspectives={"kbl_adviesraad": counts}))
    page.evaluate("netmap.select(netmap.indexOf('kbl_adviesraad'))")
    details = page.evaluate("document.getElementById('details').textContent")
    assert "Perspectieven van leden en zetelhouders" in details
    for code, n in counts.items():
        assert (f"{perspective_label(code, 'nl')} ({n})" in details) == bool(n), code
    assert sum(1 for n in counts.values() if n) >= 5
    assert_clean(page)


#: For each label shown: the drawn lines crossing its box, and the gap from its box to its own node's disc and
#: to the nearest other node's (screen pixels). Lines are the map's edges and the findings' overlap lines.
LABEL_GEOMETRY = """(() => {
  const D = netmap.data, segs = [], scale = netmap.scale();
  const add = (a, b) => {
    const p = netmap.screenOf(a), q = netmap.screenOf(b);
    if (p && q) segs.push([p.x, p.y, q.x, q.y]);
  };
  D.edges.forEach(e => add(e.a, e.b));
  if (document.getElementById('show-findings').checked)
    D.findings.forEach(f => { if (f.kind === 'network_overlap' && f.s.length === 2) add(f.s[0], f.s[1]); });
  function crosses(s, b) {  // Liang-Barsky: whether segment s passes through box b [x, y, w, h]
    let t0 = 0, t1 = 1; const dx = s[2] - s[0], dy = s[3] - s[1];
    const p = [-dx, dx, -dy, dy], q = [s[0] - b[0], b[0] + b[2] - s[0], s[1] - b[1], b[1] + b[3] - s[1]];
    for (let k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return false; continue; }
      const r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) return false; t0 = Math.max(t0, r); }
      else { if (r < t0) return false; t1 = Math.min(t1, r); }
    }
    return true;
  }
  function gap(b, i) {
    const p = netmap.screenOf(i); if (!p) return Infinity;
    const dx = Math.max(b[0] - p.x, 0, p.x - b[0] - b[2]), dy = Math.max(b[1] - p.y, 0, p.y - b[1] - b[3]);
    return Math.hypot(dx, dy) - (D.nodes[i].s || 10) * scale;
  }
  function beside(b, i) {  // the node's centre right above, below or beside the box
    const p = netmap.screenOf(i);
    return !!p && ((p.x >= b[0] && p.x <= b[0] + b[2]) || (p.y >= b[1] && p.y <= b[1] + b[3]));
  }
  const changed = i => !!D.nodes[i].ch && D.nodes[i].ch !== 'same';
  return netmap.labels().map(l => {
    const others = D.nodes.map((_, i) => i).filter(i => i !== l.i && beside(l.box, i));
    const nearest = others.sort((a, b) => gap(l.box, a) - gap(l.box, b))[0];
    return {label: l.label, ch: D.nodes[l.i].ch || null, crossed: segs.filter(s => crosses(s, l.box)).length,
            own: gap(l.box, l.i), other: nearest === undefined ? Infinity : gap(l.box, nearest),
            change: changed(l.i) || (nearest !== undefined && changed(nearest))};
  });
})()"""


def test_overlap_map_names_keep_off_the_lines(tmp_path, open_map):
    """On the realistic example's overlap map the finding's line ran through 'Netwerk Jeugdhulp Twente': a name
    takes the free spot beside its node that no line crosses, and here every network has one."""
    G = build_graph(read_dataset(example_path("kbl-realistisch")))
    from netmap.analysis import analyse

    page = open_map(write_overlap_map(G, tmp_path / "o.html", findings=analyse(G).findings), viewport=(1600, 1000))
    labels = page.evaluate(LABEL_GEOMETRY)
    assert len(labels) == page.evaluate("netmap.drawnNodeCount()")  # every network named
    assert "Netwerk Jeugdhulp Twente" in {label["label"] for label in labels}
    assert [label["label"] for label in labels if label["crossed"]] == []
    assert_clean(page)


@pytest.mark.parametrize("screen", [(1366, 768), (1600, 1000), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_a_change_map_a_name_by_a_changed_node_is_its_own(open_map, tmp_path, screen):
    """'Adviesraadlid sociologie' (gone) stood under its unchanged neighbour as much as under its own node: a
    name is never as near (right above, below or beside) another node as its own when either is new, gone or
    changed."""
    from netmap.report.diff import write_diff_map

    path = write_diff_map(read_dataset(example_path()), read_dataset(example_path("kbl-2026q4")), tmp_path / "d.html")
    page = open_map(path, viewport=screen)
    labels = page.evaluate(LABEL_GEOMETRY)
    assert len(labels) >= 25
    near = [(a["label"], round(a["own"], 1), round(a["other"], 1)) for a in labels
            if a["change"] and a["other"] <= a["own"] + 1]
    assert near == []
    assert_clean(page)


def test_a_change_map_names_what_changed_first(tmp_path, open_map):
    from netmap.report.diff import write_diff_map

    path = write_diff_map(read_dataset(example_path()), read_dataset(example_path("kbl-2026q4")), tmp_path / "d.html")
    page = open_map(path, viewport=(1600, 1000))
    order = [label["ch"] != "same" for label in page.evaluate(LABEL_GEOMETRY)]
    assert any(order) and order == sorted(order, reverse=True), order  # every changed node's name before the rest
    assert_clean(page)
