"""Maps without a browser: what reaches the HTML file, selection, privacy, aggregation, layout, CLI.

The browser tests (tests/test_maps_browser.py) open the same kinds of files in headless Chromium.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from netmap.analysis.findings import Finding
from netmap.analysis.overlap import network_overlap
from netmap.cli import main
from netmap.dataset import example_path, read_dataset
from netmap.errors import MissingDependency, NetmapError
from netmap.graph import build_graph
from netmap.maps import build_map_graph, build_map_payload, mapgraph, write_map, write_overlap_map, write_png
from netmap.maps.html import to_script_json
from netmap.maps.layout import level_layout
from netmap.maps.payload import scrub_text
from netmap.model import Dataset, Membership, Node, Tie

NASTY = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> & \u2028 'q\" Ieder(in) cliënt"


def small_dataset() -> Dataset:
    """Two organisations in two regions, one network, three people (one private), a learning tie."""
    nodes = {
        "org_a": Node("org_a", "organisation", "Zorg A", levels=("II",), region="Noord", type="aanbieder"),
        "org_b": Node("org_b", "organisation", "Gemeente B", levels=("II",), region="Zuid", type="gemeente"),
        "net": Node("net", "network", "Leernetwerk X", levels=("I", "II"), type="rkj", themes=("pleegzorg",)),
        "p1": Node("p1", "person", "Piet Publiek", role="coach", levels=("I",), home_organisation_id="org_a"),
        "p2": Node("p2", "person", "Geheime Gerda", role="jeugdwerker", levels=("I",), private=True,
                   home_organisation_id="org_a"),
        "p3": Node("p3", "person", "Bestuurder Bram", role="wethouder", levels=("IV",),
                   home_organisation_id="org_b"),
    }
    memberships = [Membership("org_a", "net"), Membership("p1", "net"), Membership("p2", "net")]
    return Dataset(nodes=nodes, memberships=memberships, ties=[Tie("p1", "p3", theme="veiligheid")],
                   source="klein")


@pytest.fixture
def small():
    return build_graph(small_dataset())


def embedded_data(path) -> dict:
    """The JSON a written map carries."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="netmap-data">(.*?)</script>', text, re.S)
    assert found, "no netmap-data script in the page"
    return json.loads(found.group(1))


def test_map_is_one_offline_file_with_a_strict_policy(small, tmp_path):
    path = write_map(small, tmp_path / "sub" / "kaart.html")
    text = path.read_text(encoding="utf-8")
    assert path == tmp_path / "sub" / "kaart.html"
    assert "default-src 'none'" in text and "connect-src 'none'" in text
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", text, re.I)
    assert not re.search(r"@@(LANG|TITLE|APP_CSS|DATA|LIB_JS|RENDER_JS|APP_JS)@@", text)  # every marker was filled
    assert len(embedded_data(path)["nodes"]) == small.number_of_nodes()


def test_names_with_html_stay_data_and_survive_unchanged(small, tmp_path):
    small.nodes["org_a"]["name"] = NASTY
    path = write_map(small, tmp_path / "kaart.html")
    text = path.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "alert(2)</script>" not in text
    labels = [n["l"] for n in embedded_data(path)["nodes"]]
    assert NASTY in labels


def test_script_json_escapes_what_could_end_a_script():
    out = to_script_json({"x": "</script>&\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(out)
    assert json.loads(out) == {"x": "</script>&\u2028\u2029"}


def test_private_people_never_reach_the_file(small, tmp_path):
    finding = Finding("single_point_of_failure", ["p2"], "high", "Geheime Gerda is de enige schakel.",
                      "Vraag p2 om een collega mee te nemen.")
    text = write_map(small, tmp_path / "k.html", findings=[finding]).read_text(encoding="utf-8")
    assert "Geheime Gerda" not in text and '"p2"' not in text and "Vraag p2 " not in text
    assert "jeugdwerker is de enige schakel." in text
    assert "Piet Publiek" in text  # not private, not roles_only


def test_roles_only_shows_people_as_roles_and_drops_their_ids(small, tmp_path):
    text = write_map(small, tmp_path / "k.html", roles_only=True).read_text(encoding="utf-8")
    for secret in ("Piet Publiek", "Geheime Gerda", "Bestuurder Bram", '"p1"', '"p3"'):
        assert secret not in text
    labels = {n["l"] for n in embedded_data(tmp_path / "k.html")["nodes"]}
    assert {"coach", "jeugdwerker", "wethouder", "Zorg A"} <= labels


def test_private_organisation_keeps_type_not_name_or_region(small, tmp_path):
    small.nodes["org_b"]["private"] = True
    text = write_map(small, tmp_path / "k.html").read_text(encoding="utf-8")
    assert "Gemeente B" not in text and '"Zuid"' not in text and '"org_b"' not in text
    assert "gemeente (afgeschermd)" in text


def test_scrub_text_replaces_whole_names_only():
    names = {"Jan": "rol", "Jan de Vries": "coach"}
    assert scrub_text("Jan de Vries en Jansen, Jan.", names) == "coach en Jansen, rol."


def test_focus_keeps_what_lies_within_depth(small):
    assert set(build_map_graph(small, focus="p3", depth=1).nodes) == {"p3", "p1", "org_b"}
    assert set(build_map_graph(small, focus="p3", depth=2).nodes) == {"p3", "p1", "org_b", "org_a", "net"}


def test_focus_on_unknown_id_is_a_clear_error(small):
    with pytest.raises(NetmapError, match="onbekend id"):
        build_map_graph(small, focus="niemand")


def test_aggregation_merges_people_then_organisations(small):
    M = build_map_graph(small, aggregate="organisations")
    assert set(M.nodes) == {"org_a", "org_b", "net"}
    assert M.nodes["org_a"].merged == {"person": 2}
    assert {(e.u, e.v, e.style, e.count) for e in M.edges} >= {("org_a", "net", "membership", 3)}
    R = build_map_graph(small, aggregate="regions")
    assert set(R.nodes) == {"region:Noord", "region:Zuid", "net"}
    assert R.nodes["region:Noord"].merged == {"organisation": 1, "person": 2}
    assert [(e.u, e.v) for e in R.edges if e.style == "tie_vertical"] == [("region:Noord", "region:Zuid")]


def test_auto_aggregation_starts_above_the_threshold(small, monkeypatch):
    assert build_map_graph(small).aggregated == "none"
    monkeypatch.setattr(mapgraph, "AGGREGATE_AT", 4)
    assert build_map_graph(small).aggregated == "organisations"
    monkeypatch.setattr(mapgraph, "AGGREGATE_AT", 2)
    assert build_map_graph(small).aggregated == "structure"
    monkeypatch.setattr(mapgraph, "AGGREGATE_AT", 5000)
    monkeypatch.setattr(mapgraph, "READABLE_AT", 4)  # smooth, but more than a room can read
    assert build_map_graph(small).aggregated == "structure"


def _aggregate_by_counting(G, selected, homes) -> str:
    """resolve_aggregate("auto") as first written: count what each mode draws (the reference)."""
    for mode in ("none", "organisations"):
        drawn = len(selected) if mode == "none" else len({mapgraph.group_key(G, n, mode, homes) for n in selected})
        if drawn <= mapgraph.AGGREGATE_AT:
            return mode if drawn <= mapgraph.READABLE_AT else "structure"
    return "structure"


@pytest.mark.parametrize("name", ["small", "kbl", "kbl-realistisch"])
def test_auto_aggregation_decides_as_counting_every_mode_does(name, monkeypatch):
    """The shortcut (more organisations and networks than AGGREGATE_AT: structure, without merging people
    first) decides as counting what each mode would draw, at every threshold, with and without a focus."""
    G = build_graph(small_dataset() if name == "small" else read_dataset(example_path().parent / name))
    edges = mapgraph.graph_edges(G)
    for selected in (set(G.nodes), set(list(G.nodes)[: len(G) // 3])):
        homes = {u: v for u, v, d in edges if d["rel"] == "home" and v in selected}
        for at in range(0, len(selected) + 2):
            for readable in (0, at // 2, at):
                monkeypatch.setattr(mapgraph, "AGGREGATE_AT", at)
                monkeypatch.setattr(mapgraph, "READABLE_AT", readable)
                assert mapgraph.resolve_aggregate("auto", G, selected, homes) == \
                    _aggregate_by_counting(G, selected, homes), (at, readable)


def test_structure_groups_regions_by_level_and_keeps_networks_that_span_regions(small):
    S = build_map_graph(small, aggregate="structure")
    # each actor at its own level, in its home organisation's region; the network spans one region only
    # (Noord: org_a and its people) so it is drawn inside Noord's group of its levels
    assert S.group_of["p1"] == S.group_of["p2"] == "group:Noord|I"
    assert S.group_of["org_a"] == "group:Noord|II" and S.group_of["p3"] == "group:Zuid|IV"
    assert S.group_of["net"] == "group:Noord|I-II"
    noord = S.nodes["group:Noord|I"]
    assert noord.kind == "group" and noord.label == "Noord (2)" and noord.merged == {"person": 2}
    # the tie p1 -> p3 is one line between two groups, with its count
    assert [(e.u, e.v, e.count) for e in S.edges if e.style.startswith("tie")] == [
        ("group:Noord|I", "group:Zuid|IV", 1)]
    # a private person's name never names a group's largest members
    assert all("Gerda" not in name for n in S.nodes.values() for name in n.top)


def test_structure_keeps_a_network_with_members_in_two_regions(small):
    G = small.copy()
    G.add_edge("org_b", "net", rel="membership")
    S = build_map_graph(G, aggregate="structure")
    assert S.group_of["net"] == "net" and S.nodes["net"].kind == "network"


def test_structure_groups_national_organisations_by_type_only_when_many(small):
    G = small.copy()
    for i in range(7):
        G.add_node(f"school{i}", kind="organisation", name=f"School {i}", type="onderwijs", levels=("II",),
                   region="landelijk")
    G.add_node("vws", kind="organisation", name="VWS", type="ministerie", levels=("IV",), region="landelijk")
    S = build_map_graph(G, aggregate="structure")
    assert S.group_of["school3"] == "group:landelijk|II|onderwijs"
    assert S.nodes["group:landelijk|II|onderwijs"].label == "Landelijk: onderwijs (7)"
    assert S.group_of["vws"] == "vws"


def test_level_layout_puts_iv_on_top_and_spanning_nodes_between_bands():
    import networkx as nx

    H = nx.Graph([("top", "mid"), ("mid", "low"), ("span", "low")])
    attrs = {"top": {"levels": ("IV",)}, "mid": {"levels": ("III",)}, "low": {"levels": ("II",)},
             "span": {"levels": ("II", "III")}, }
    for n, a in attrs.items():
        a.update(kind="organisation", label=n)
    pos, bands = level_layout(H, attrs)
    band = {b["level"]: b for b in bands}
    assert pos["top"][1] < pos["mid"][1] < pos["span"][1] < pos["low"][1]
    assert band["III"]["y1"] == pytest.approx(pos["span"][1])  # on the III/II border
    assert band["IV"]["y0"] <= pos["top"][1] <= band["IV"]["y1"]


def test_payload_findings_land_on_their_subjects(small):
    f = Finding("missing_perspective", ["net"], "high", "Leernetwerk X mist ouders.", "Nodig de oudervereniging uit.")
    payload = build_map_payload(small, findings=[f])
    index = [n.get("id") for n in payload["nodes"]].index("net")
    assert payload["findings"][0]["s"] == [index]
    assert payload["findings"][0]["kl"] == "ontbrekend perspectief of lege zetel"


def test_level_gap_findings_go_to_the_bands(small):
    f = Finding("level_gap", ["I", "IV"], "medium", "Geen leerrelatie tussen I en IV.")
    [rec] = build_map_payload(small, findings=[f])["findings"]
    assert rec["s"] == [] and rec["lv"] == ["I", "IV"]


def test_english_map_speaks_english(small):
    payload = build_map_payload(small, lang="en")
    assert payload["text"]["search"] == "Search a name"
    assert payload["bands"][0]["label"] == "IV Governance and government"


def test_network_overlap_counts_shared_organisations():
    ds = Dataset(nodes={i: Node(i, "network" if i in "AB" else "organisation", i) for i in "ABxyz"},
                 memberships=[Membership(m, n) for m, n in ["xA", "yA", "xB", "yB", "zB", "zA"]])
    [fact] = network_overlap(build_graph(ds), min_shared=2)
    assert (fact["networks"], fact["shared"], fact["jaccard"]) == (["A", "B"], ["x", "y", "z"], 1.0)
    assert network_overlap(build_graph(ds), min_shared=4) == []


def test_overlap_map_has_one_node_per_network(tmp_path):
    G = build_graph(read_dataset(example_path()))
    data = embedded_data(write_overlap_map(G, tmp_path / "o.html"))
    networks = [n for n, k in G.nodes(data="kind") if k == "network"]
    assert len(data["nodes"]) == len(networks)
    assert all(e["n"] >= 2 for e in data["edges"])


def test_png_without_browser_is_a_clear_error(small, tmp_path):
    html = write_map(small, tmp_path / "k.html")
    with pytest.raises(MissingDependency, match="Chromium"):
        write_png(html, tmp_path / "k.png", browser=tmp_path / "geen-browser")


def test_cli_map_writes_default_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["map", "--no-findings"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "exports" / "netmap-kaart.html").is_file()
    result = runner.invoke(main, ["map", "--view", "overlap", "-o", "o.html", "--no-findings"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.html").is_file()


def test_cli_map_unknown_focus_is_an_error_line(tmp_path):
    result = CliRunner().invoke(main, ["map", "--focus", "bestaat_niet", "-o", str(tmp_path / "k.html"),
                                       "--no-findings"])
    assert result.exit_code == 1
    assert "Fout: onbekend id of regio voor focus: 'bestaat_niet'" in result.output


def test_write_map_reports_its_stages_in_the_readers_language(small, tmp_path):
    lines = []
    write_map(small, tmp_path / "k.html", progress=lines.append)
    assert [line.split(":")[1].split()[0] for line in lines] == ["knopen", "clusters", "indeling", "groottes",
                                                                  "pagina"]
    # a small map merges nothing: the first stage does not say it does
    assert "samenvoegen als het er te veel zijn" in lines[0] and "bundelen" not in lines[0]
    english = []
    write_map(small, tmp_path / "k.html", progress=english.append, lang="en")
    assert english[0].strip().startswith("map:")


def test_diff_map_ties_carry_their_change_and_a_legend():
    from netmap.diff import union_graph
    from netmap.maps.style import CHANGE_EDGE_STYLES

    U = union_graph(read_dataset(example_path()), read_dataset(example_path("kbl-2026q4")))
    payload = build_map_payload(U, color_by="change")
    ids = [n.get("id") for n in payload["nodes"]]
    pair = {ids.index("rkj_friesland"), ids.index("rkj_nv")}
    gone = [e for e in payload["edges"] if {e["a"], e["b"]} == pair and e["st"].startswith("tie")]
    assert [e["ch"] for e in gone] == ["gone"]
    assert {e.get("ch") for e in payload["edges"]} >= {"new", "gone", "same"}
    assert [row[0] for row in payload["legend"]["changes"]] == [c for c in CHANGE_EDGE_STYLES
                                                               if c in {e.get("ch") for e in payload["edges"]}]
    # Outside a diff no line carries a change and the legend has no change entries.
    plain = build_map_payload(build_graph(read_dataset(example_path())))
    assert not any("ch" in e for e in plain["edges"]) and plain["legend"]["changes"] == []


#: the smallest CAM02-UCS distance (colorspacious' deltaE; ~1 is a just-noticeable difference) between any two
#: colours of one palette, seen normally and under simulated full protanopia, deuteranopia and tritanopia
#: (Machado et al. 2009). Fills must be told apart by colour alone: 12. Lines also differ in dash
#: pattern (checked in Chromium), so their colours need only 10.
CVD_MIN_FILL, CVD_MIN_LINE = 12.0, 10.0


def cvd_min_distance(colours: list[str]) -> float:
    import itertools

    import numpy as np
    from colorspacious import cspace_convert, deltaE

    rgb = [np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)]) / 255 for c in colours]
    worst = float("inf")
    for cvd in (None, "protanomaly", "deuteranomaly", "tritanomaly"):
        seen = rgb if cvd is None else [np.clip(cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": cvd,
                                                                    "severity": 100}, "sRGB1"), 0, 1) for c in rgb]
        worst = min(worst, min(float(deltaE(a, b, input_space="sRGB1")) for a, b in itertools.combinations(seen, 2)))
    return worst


def test_palettes_stay_apart_for_colour_blind_readers():
    from netmap.maps import style
    from netmap.maps.payload import CHANGE_COLORS

    fills = {"levels": [*style.LEVEL_COLORS.values(), style.MULTI_LEVEL_COLOR, style.UNKNOWN_COLOR],
             "changes": list(CHANGE_COLORS.values()), "severity": list(style.SEVERITY_COLORS.values())}
    for name, colours in fills.items():
        assert cvd_min_distance(colours) >= CVD_MIN_FILL, name
    ties = [style.EDGE_STYLES[k]["color"] for k in ("tie_horizontal", "tie_vertical", "tie_other")]
    assert cvd_min_distance(ties) >= CVD_MIN_LINE
    assert cvd_min_distance([s["color"] for s in style.CHANGE_EDGE_STYLES.values()]) >= CVD_MIN_LINE
    # the check can fail: the old grey for several levels sat 8.1 from level I's teal under deuteranopia
    assert cvd_min_distance([*style.LEVEL_COLORS.values(), "#6c7a89"]) < CVD_MIN_FILL


def test_focus_on_a_region_drills_down_from_its_group(small):
    M = build_map_graph(small, focus="noord", depth=1, aggregate="none")  # a region's name, any case
    # Noord's organisation with its people, plus one step out: the network and the tie partner's side
    assert {"org_a", "p1", "p2", "net", "p3"} <= set(M.nodes)
    assert "org_b" not in M.nodes  # two steps away (through p3)
    payload = build_map_payload(small, focus="Noord")
    assert payload["meta"]["focusIndex"] is None and any("Noord" in n for n in payload["meta"]["notes"])


def test_structure_draws_regional_fabric_in_its_own_region_guests_aside(small):
    G = small.copy()
    for net, region in (("ln_noord", "Noord"), ("ln_zuid", "Zuid")):  # one leernetwerk per region
        G.add_node(net, kind="network", name=f"Leernetwerk {region}", type="leernetwerk", levels=("II",),
                   region=region)
    G.add_edge("org_a", "ln_noord", rel="membership")
    G.add_edge("org_b", "ln_noord", rel="membership")  # a guest from Zuid
    G.add_edge("org_b", "ln_zuid", rel="membership")
    S = build_map_graph(G, aggregate="structure")
    assert S.group_of["ln_noord"] == "group:Noord|II" and S.group_of["ln_zuid"] == "group:Zuid|II"
    # the guest's membership is now a line between the two regions' groups
    assert ("group:Zuid|II", "group:Noord|II") in {(e.u, e.v) for e in S.edges if e.style == "membership"}
    G.remove_node("ln_zuid")  # the only one of its type: a network spanning two regions stays itself
    assert build_map_graph(G, aggregate="structure").group_of["ln_noord"] == "ln_noord"


# -- the maps of one run share their work (netmap.maps.shared) ---------------------------------------
def run_maps(G, result, folder, shared):
    """The three maps `netmap run` writes, with or without the work they share; their bytes by file."""
    from netmap.cli.core import _draw
    from netmap.outputs import MAP_FILES

    folder.mkdir()
    for name, view in MAP_FILES.items():
        _draw(G, folder / name, view, result, result.lang, result.roles_only, shared=shared)
    return {name: (folder / name).read_bytes() for name in MAP_FILES}


@pytest.mark.parametrize(("lang", "roles_only"), [("nl", False), ("en", True)])
def test_shared_work_leaves_every_map_of_a_run_as_it_was(kbl, tmp_path, lang, roles_only):
    from netmap.analysis import Settings, analyse
    from netmap.maps.shared import SharedWork

    result = analyse(kbl, Settings(as_of="2026-12-01"), lang=lang, roles_only=roles_only)
    alone = run_maps(kbl, result, tmp_path / "alone", None)
    assert run_maps(kbl, result, tmp_path / "shared", SharedWork.of_analysis(kbl, result)) == alone


def test_overlap_map_takes_its_pairs_from_the_analysis(kbl, tmp_path, monkeypatch):
    """With the run's analysis handed in, the overlap map indexes nothing again (the analysis's own
    overlap facts, same lines); asked for weaker ties than the analysis counted, it counts them itself."""
    from netmap.analysis import analyse
    from netmap.maps import overlap
    from netmap.maps.shared import SharedWork

    result = analyse(kbl)
    before = embedded_data(write_overlap_map(kbl, tmp_path / "a.html", findings=result.findings,
                                             settings=result.settings))
    indexed = []
    monkeypatch.setattr(overlap, "build_context", lambda *a, **k: indexed.append(a) or real_context(*a, **k))
    shared = SharedWork.of_analysis(kbl, result)
    after = embedded_data(write_overlap_map(kbl, tmp_path / "b.html", findings=result.findings,
                                            settings=result.settings, shared=shared))
    assert after == before and before["edges"] and not indexed
    write_overlap_map(kbl, tmp_path / "c.html", settings=result.settings, shared=shared, min_overlap=1)
    assert len(indexed) == 1


def real_context(*args, **kwargs):
    from netmap.analysis.common import build_context

    return build_context(*args, **kwargs)


def test_shared_work_serves_only_the_map_it_was_made_for(kbl, tmp_path):
    """A map in another language (or privacy mode) than the shared work's computes its own, and adds nothing."""
    from netmap.analysis import analyse
    from netmap.maps.shared import SharedWork

    result = analyse(kbl)
    shared = SharedWork.of_analysis(kbl, result)
    write_map(kbl, tmp_path / "nl.html", findings=result.findings, shared=shared)
    kept = dict(shared.memo)
    english = embedded_data(write_map(kbl, tmp_path / "en.html", findings=result.findings, lang="en",
                                      shared=shared))
    assert english == embedded_data(write_map(kbl, tmp_path / "en2.html", findings=result.findings, lang="en"))
    assert english["meta"]["lang"] == "en" and shared.memo == kept and kept
