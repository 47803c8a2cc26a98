"""The overlap map counts a pair as the overlap finding does (one definition), and its subtitle says how.

A hand-checked field: bodies A and B share the member organisations x, y and z; W sits in both only through
a prescribed seat (its person holds a seat on its behalf in each); a person employed by Q is a member of both.
By hand, in the default overlap view (members and seats, not employers through their staff), A and B share
x, y and z of their own accord: 3. W is there by design, Q not at all. Before, the map drew 4 (x, y, z and W)
beside a finding that said 3, and its subtitle said people counted through their organisation.
"""
from __future__ import annotations

import json
import re

from netmap.analysis import Settings, analyse
from netmap.graph import build_graph
from netmap.maps import write_overlap_map
from netmap.model import Dataset, Membership, Node, Representation


def field():
    nodes = [Node(n, "network", n, type="body", levels=("II",)) for n in "AB"]
    nodes += [Node(o, "organisation", o.upper(), type="stichting", levels=("II",)) for o in ("x", "y", "z", "w", "q")]
    nodes += [Node(p, "person", p, home_organisation_id=home) for p, home in (("seat_w", "w"), ("staff_q", "q"))]
    memberships = [(o, n) for o in "xyz" for n in "AB"] + [("staff_q", "A"), ("staff_q", "B")]
    # a background of networks with members of their own, so that sharing x, y and z is more than chance
    for i in range(12):
        nodes.append(Node(f"n{i}", "network", f"N{i}", type="platform", levels=("II",)))
        for j in range(6):
            nodes.append(Node(f"o{i}_{j}", "organisation", f"O{i}-{j}", type="stichting", levels=("II",)))
            memberships.append((f"o{i}_{j}", f"n{i}"))
    return Dataset(nodes={n.id: n for n in nodes}, memberships=[Membership(*m) for m in memberships],
                   representation=[Representation("seat_w", "w", "A"), Representation("seat_w", "w", "B")])


def map_data(G, tmp_path, settings=None, name="o.html"):
    text = write_overlap_map(G, tmp_path / name, min_overlap=2, settings=settings).read_text(encoding="utf-8")
    return json.loads(re.search(r'id="netmap-data">(.*?)</script>', text, re.S).group(1))


def line(data, a, b):
    index = {n["id"]: i for i, n in enumerate(data["nodes"])}
    return next(e for e in data["edges"] if {e["a"], e["b"]} == {index[a], index[b]})


def test_the_map_draws_the_pair_as_the_finding_counts_it(tmp_path):
    G = build_graph(field())
    result = analyse(G, Settings(overlap_threshold=0.4))
    [finding] = [f for f in result.findings if f.kind == "network_overlap"]
    assert finding.subjects == ["A", "B"] and finding.details["shared"] == ["x", "y", "z"]
    assert finding.details["by_design"] == ["w"] and "3 organisaties gemeen" in finding.message
    edge = line(map_data(G, tmp_path), "A", "B")
    assert edge["n"] == 3 and edge["j"] == finding.details["jaccard"]
    assert edge["sh"][:3] == ["X", "Y", "Z"] and "W (alleen via een voorgeschreven zetel" in edge["sh"][3]
    assert not any(name.startswith("Q") for name in edge["sh"])  # an employer is no member through its staff


def test_the_map_follows_the_analysis_settings_and_its_subtitle_says_who_counts(tmp_path):
    G = build_graph(field())
    settings = Settings(overlap_threshold=0.4, overlap_relations=("membership", "seat", "home"))
    result = analyse(G, settings)
    [finding] = [f for f in result.findings if f.kind == "network_overlap"]
    data = map_data(G, tmp_path, settings)
    edge = line(data, "A", "B")
    assert finding.details["shared"] == ["q", "x", "y", "z"] and edge["n"] == 4
    assert "Q" in edge["sh"]
    assert any("de werkgevers van leden en zetelhouders" in n for n in data["meta"]["notes"])
    default = map_data(G, tmp_path, name="p.html")["meta"]["notes"]
    assert any("niet de werkgevers van leden" in n for n in default)
    assert not any("via hun organisatie" in n for n in default)


def test_the_subtitle_counts_in_the_singular_and_plural_and_never_says_an_organisation_holds_a_seat():
    from netmap.maps.overlap import overlap_note

    two, one = overlap_note(2, "nl"), overlap_note(1, "nl")
    assert two.startswith("lijn: netwerken die minstens 2 organisaties delen")
    assert one.startswith("lijn: netwerken die een of meer organisaties delen") and "1 " not in one
    assert overlap_note(1, "en").startswith("line: networks sharing one organisation or more")
    for note in (two, one, overlap_note(2, "nl", Settings(overlap_relations=("membership", "seat", "home")))):
        assert "organisaties met een zetel" not in note and "tenzij die zetel voorgeschreven is" in note
