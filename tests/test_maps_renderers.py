"""The map page's two renderers (vis-network canvas, sigma.js WebGL) and its SVG export, in headless Chromium.

One page and one UI draw through a renderer seam (netmap/maps/assets/app.js): the same
interaction tests run for both renderers.
"""
from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET

import pytest

from netmap.cli import main as cli_main
from netmap.dataset import example_path
from netmap.graph import build_graph
from netmap.maps import build_map_payload, mapgraph, write_map
from netmap.maps.html import render_page
from tests.browser import assert_clean

RENDERERS = ["canvas", "webgl"]


@pytest.fixture(scope="module")
def pages(kbl, kbl_findings, tmp_path_factory):
    out = tmp_path_factory.mktemp("renderers")
    return {r: write_map(kbl, out / f"{r}.html", findings=kbl_findings, renderer=r) for r in RENDERERS}




# ---------- choosing the renderer ----------

def test_renderer_is_chosen_by_drawn_node_count(kbl, monkeypatch):
    assert build_map_payload(kbl)["meta"]["renderer"] == "canvas"
    monkeypatch.setattr(mapgraph, "WEBGL_AT", kbl.number_of_nodes() - 1)
    payload = build_map_payload(kbl)
    assert payload["meta"]["renderer"] == "webgl"
    assert build_map_payload(kbl, renderer="canvas")["meta"]["renderer"] == "canvas"
    with pytest.raises(ValueError, match="renderer"):
        build_map_payload(kbl, renderer="svg")


def test_page_inlines_only_the_library_it_draws_with(kbl):
    webgl = render_page(build_map_payload(kbl, renderer="webgl"))
    canvas = render_page(build_map_payload(kbl, renderer="canvas"))
    assert "window.NetmapSigma=" in webgl and "vis.Network" not in webgl
    assert "window.NetmapSigma=" not in canvas and "vis-network" in canvas
    assert "@@" not in webgl.split('id="netmap-data"')[0]


def test_sigma_bundle_fetches_nothing_and_needs_no_eval():
    from netmap.maps.html import sigma_js

    code = sigma_js()
    for banned in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "importScripts", "eval(", "new Function"):
        assert banned not in code, banned


def test_map_command_takes_the_renderer_option(tmp_path, capsys):
    out = tmp_path / "k.html"
    with pytest.raises(SystemExit) as done:
        cli_main(["map", str(example_path()), "-o", str(out), "--renderer", "webgl", "--no-findings"])
    assert done.value.code == 0
    assert "window.NetmapSigma=" in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        cli_main(["map", "--help"])
    assert "--renderer" in capsys.readouterr().out and done.value.code == 0


# ---------- the same page, either renderer ----------

@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_page_draws_every_node_offline_without_errors(pages, open_map, renderer, kbl):
    page = open_map(pages[renderer])
    assert page.evaluate("netmap.renderer") == renderer
    assert page.evaluate("netmap.drawnNodeCount()") == kbl.number_of_nodes()
    assert page.evaluate("netmap.drawnEdgeCount()") > 0
    assert_clean(page)


@pytest.mark.browser
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_webgl_labels_are_legible_and_apart(pages, open_map, screen):
    page = open_map(pages["webgl"], viewport=screen)
    labels = page.evaluate("netmap.labels()")
    assert len(labels) >= 25
    assert min(label["px"] for label in labels) >= 12
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a["box"][0] < b["box"][0] + b["box"][2] and b["box"][0] < a["box"][0] + a["box"][2]
                        and a["box"][1] < b["box"][1] + b["box"][3] and b["box"][1] < a["box"][1] + a["box"][3])
    # The same priority as the canvas page: the first labels named are the same nodes.
    canvas = open_map(pages["canvas"], viewport=screen)
    assert [a["label"] for a in labels[:10]] == [a["label"] for a in canvas.evaluate("netmap.labels()")[:10]]
    assert page.evaluate("document.getElementById('toolbar').getBoundingClientRect().height") < 48
    assert_clean(page)


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_search_selects_and_a_finding_click_zooms_to_its_subjects(pages, open_map, renderer):
    page = open_map(pages[renderer], viewport=(1366, 768))
    assert "RKJ Friesland" in page.evaluate("netmap.search('friesland')")
    page.page.fill("#search", "RKJ Fries")
    page.page.click("#results button >> nth=0")
    assert page.evaluate("document.querySelector('#details .name').textContent") == "RKJ Friesland"
    page.page.keyboard.press("Escape")
    findings = page.evaluate("netmap.data.findings.map(f => f.s.length)")
    fi = next(i for i, n in enumerate(findings) if n >= 2)
    page.evaluate("netmap.fit()")
    before = page.evaluate("netmap.scale()")
    page.page.click("#tab-findings")
    page.page.click(f"#findings .finding >> nth={fi}")
    assert page.evaluate("netmap.scale()") > before * 1.2
    inside = page.evaluate(f"""(() => {{ const m = document.getElementById('map');
        return netmap.data.findings[{fi}].s.map(i => {{ const p = netmap.screenOf(i);
          return p.x > 190 && p.y > 0 && p.x < m.clientWidth && p.y < m.clientHeight; }}); }})()""")
    assert inside and all(inside)
    assert page.evaluate("netmap.state().finding") == fi
    assert_clean(page)


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_clicking_a_drawn_node_shows_its_details(pages, open_map, renderer):
    page = open_map(pages[renderer], viewport=(1366, 768))
    i = page.evaluate("netmap.indexOf('rkj_friesland')")
    page.evaluate(f"netmap.select({i})")
    page.page.keyboard.press("Escape")
    x, y = page.evaluate(f"(() => {{ const p = netmap.screenOf({i}), r = document.getElementById('map')"
                         f".getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()")
    page.page.mouse.click(x, y)
    page.page.wait_for_function("() => netmap.state().detail !== null")
    assert page.evaluate("netmap.state().detail") == i
    page.page.keyboard.press("Escape")
    assert page.evaluate("netmap.state().detail") is None
    assert_clean(page)


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_filters_zoom_buttons_and_link_work_alike(pages, open_map, renderer):
    page = open_map(pages[renderer])
    total = page.evaluate("netmap.drawnNodeCount()")
    shown = page.evaluate("netmap.setFilter('level', 'IV')")
    assert 0 < shown < total == page.evaluate("netmap.showAll()")
    before = page.evaluate("netmap.scale()")
    page.page.click("#zoom-in")
    assert page.evaluate("netmap.scale()") == pytest.approx(before * 1.3, rel=1e-3)
    page.page.click("#zoom-fit")
    assert page.evaluate("netmap.scale()") == pytest.approx(before, rel=1e-3)
    friesland = page.evaluate("netmap.indexOf('rkj_friesland')")
    page.evaluate(f"netmap.focus({friesland}, 1)")
    page.evaluate("netmap.zoomBy(1.5)")
    state, fragment = page.evaluate("netmap.state()"), page.evaluate("location.hash")
    again = open_map(pages[renderer], hash=fragment)
    assert again.evaluate("netmap.state().focus") == state["focus"]
    assert again.evaluate("netmap.scale()") == pytest.approx(state["scale"], rel=1e-2)
    assert_clean(again)


def png_size(url: str) -> tuple[int, int]:
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_png_export_draws_the_map(pages, open_map, renderer):
    page = open_map(pages[renderer], viewport=(1366, 768))
    url = page.evaluate("netmap.exportPng(false)")
    width, height = png_size(url)
    assert (width, height) == tuple(page.evaluate(
        "[document.getElementById('map').clientWidth * devicePixelRatio,"
        " document.getElementById('map').clientHeight * devicePixelRatio]"))
    # Not a blank sheet: the WebGL layers are copied while their drawing is current.
    coloured = page.evaluate("""(url => new Promise(done => { const img = new Image(); img.onload = () => {
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let k = 0; k < d.length; k += 4)
          if (Math.abs(d[k] - d[k + 1]) > 40 || Math.abs(d[k + 1] - d[k + 2]) > 40) n++;
        done(n); }; img.src = url; }))""", url)
    assert coloured > 2000
    assert_clean(page)


# ---------- SVG export ----------

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_svg_export_is_parseable_and_names_exactly_the_shown_labels(pages, open_map, renderer, tmp_path):
    page = open_map(pages[renderer], viewport=(1366, 768))
    root = ET.fromstring(page.evaluate("netmap.exportSvg(false)"))
    assert root.tag == SVG + "svg"
    texts = [[span.text for span in t.iter(SVG + "tspan")] for t in root.iter(SVG + "text")
             if t.get("class") == "label"]
    assert texts == [label["lines"] for label in page.evaluate("netmap.labels()")]
    assert len(list(root.iter(SVG + "line"))) > 50
    drawn = len(list(root.iter(SVG + "circle"))) + len(list(root.iter(SVG + "polygon")))
    assert drawn == page.evaluate("netmap.drawnNodeCount()")
    with page.page.expect_download() as download:
        page.page.click("#export-svg")
    saved = tmp_path / "saved.svg"
    download.value.save_as(saved)
    assert ET.parse(saved).getroot().tag == SVG + "svg"
    assert_clean(page)


@pytest.mark.browser
def test_svg_export_escapes_hostile_names(tmp_path, open_map):
    from netmap.model import Dataset, Node

    evil = '<b>&"x"</b> & Co'
    ds = Dataset(nodes={"o": Node("o", "organisation", evil, levels=("II",)),
                        "n": Node("n", "network", "Net", levels=("II",))})
    page = open_map(write_map(build_graph(ds), tmp_path / "e.html", renderer="webgl"))
    text = page.evaluate("netmap.exportSvg(false)")
    root = ET.fromstring(text)
    names = {" ".join(s.text for s in t.iter(SVG + "tspan")) for t in root.iter(SVG + "text")
             if t.get("class") == "label"}
    assert evil in names
    assert "<b>" not in text
    assert_clean(page)


# ---------- expanding a group in the page ----------

@pytest.fixture(scope="module")
def national():
    from netmap.synth import generate

    return build_graph(generate(0.05, seed=42).dataset)


def test_groups_carry_their_largest_members_within_the_budget(national):
    M = mapgraph.build_map_graph(national, aggregate="structure")
    groups = [n for n in M.nodes.values() if n.kind == "group"]
    assert groups and all(len(g.members) <= mapgraph.GROUP_MEMBERS for g in groups)
    big = max(groups, key=mapgraph.actor_count)
    assert len(big.members) == mapgraph.GROUP_MEMBERS < mapgraph.actor_count(big)
    inside = {n for n, key in M.group_of.items() if key == big.key and n != key}
    labels = {national.nodes[n]["name"] for n in inside} | {national.nodes[n].get("role") or "" for n in inside}
    assert all(row[0] in labels or row[1] == "person" for row in big.members)  # members of this group only


def test_group_members_respect_roles_only(national):
    M = mapgraph.build_map_graph(national, aggregate="structure", roles_only=True)
    names = {d["name"] for _, d in national.nodes(data=True) if d["kind"] == "person"}
    rows = [row for n in M.nodes.values() for row in n.members if row[1] == "person"]
    assert rows and not any(row[0] in names for row in rows)


@pytest.mark.browser
@pytest.mark.parametrize("renderer", RENDERERS)
def test_group_expands_in_place_and_collapses(national, tmp_path, open_map, renderer):
    path = write_map(national, tmp_path / f"n-{renderer}.html", aggregate="structure", renderer=renderer)
    page = open_map(path, viewport=(1366, 768))
    total = page.evaluate("netmap.drawnNodeCount()")
    assert total == len(page.evaluate("netmap.data.nodes"))
    gi = page.evaluate("""(() => { let best = -1, n = -1; netmap.data.nodes.forEach((g, i) => {
        if (g.mb && g.mn > n) { best = i; n = g.mn; } }); return best; })()""")
    group = page.evaluate(f"netmap.data.nodes[{gi}]")
    page.evaluate(f"netmap.select({gi})")
    page.page.click("#expand-group")
    shown = len(group["mb"])
    assert page.evaluate("netmap.drawnNodeCount()") == total + shown
    assert page.evaluate("netmap.expanded()") == [gi]
    rest = f"{group['mn'] - shown:,}".replace(",", ".")
    assert rest in page.evaluate("document.getElementById('details').textContent")
    # in place: every member on screen, around its group
    spots = page.evaluate("""netmap.drawnIds().filter(i => i >= netmap.data.nodes.length)
        .map(i => netmap.screenOf(i))""")
    centre = page.evaluate(f"netmap.screenOf({gi})")
    width = page.evaluate("document.getElementById('map').clientWidth")
    assert len(spots) == shown
    assert all(0 <= p["x"] <= width and abs(p["x"] - centre["x"]) < width / 2 for p in spots)
    member_names = {row[0] for row in group["mb"]}
    assert member_names & {label["label"] for label in page.evaluate("netmap.labels()")}
    fragment = page.evaluate("location.hash")
    assert "open=" in fragment
    page.page.click("#expand-group")
    assert page.evaluate("netmap.drawnNodeCount()") == total
    assert page.evaluate("netmap.expanded()") == []
    again = open_map(path, hash=fragment)
    assert again.evaluate("netmap.drawnNodeCount()") == total + shown
    assert_clean(page)
    assert_clean(again)


@pytest.mark.browser
def test_webgl_lines_are_handed_to_sigma_premultiplied(pages, open_map):
    """sigma blends with (ONE, ONE_MINUS_SRC_ALPHA): a translucent line's colour must be premultiplied by its
    alpha, or teal horizontal ties at 0.3 came out cyan, a colour the legend does not have."""
    page = open_map(pages["webgl"], viewport=(1366, 768))
    colours = page.evaluate("""(() => { const g = netmap.sigma.getGraph(), out = [];
        g.forEachEdge((k, a) => out.push(a.color)); return out; })()""")
    assert colours
    seen_translucent = False
    for colour in colours:
        r, g, b, a = (float(x) for x in colour.removeprefix("rgba(").removesuffix(")").split(","))
        assert max(r, g, b) <= 255 * a + 1, colour  # no channel brighter than its alpha allows
        seen_translucent |= a < 1
    assert seen_translucent
