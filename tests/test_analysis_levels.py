"""Levels, time and brokerage (issue 11): each definition on a small hand-checked graph, and the invariants."""
from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from netmap.analysis import Settings, SettingsError, analyse, structure
from netmap.analysis.common import build_context
from netmap.analysis.levels import (
    level_matrix,
    matrix_total,
    network_ei,
    tie_cell,
    tie_summary,
)
from netmap.cli import main
from netmap.dataset import example_path, read_dataset
from netmap.errors import DataError
from netmap.graph import build_graph
from netmap.model import LEVELS, Dataset, Membership, Node, Representation, Tie


def org(i: str, *levels: str, kind: str = "organisation") -> Node:
    return Node(i, kind, i.upper(), levels=tuple(levels))


def graph(nodes, ties=(), memberships=(), representation=()) -> nx.MultiDiGraph:
    return build_graph(Dataset(nodes={n.id: n for n in nodes}, ties=list(ties), memberships=list(memberships),
                               representation=list(representation)))


# --- the level matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, cell", [
    (("I",), ("I",), ("I", "I")),
    (("I", "II"), ("II", "III"), ("II", "II")),          # horizontal: the shared level
    (("I", "III"), ("I", "III"), ("I", "I")),            # several shared: the first in I..IV
    (("I",), ("IV",), ("I", "IV")),
    (("I", "IV"), ("II",), ("I", "II")),                 # vertical: the closest pair, first in order
    (("IV",), ("I", "II"), ("II", "IV")),
    (("I",), (), None),
])
def test_tie_cell(a, b, cell):
    assert tie_cell(a, b) == cell
    assert tie_cell(b, a) == cell


def test_each_tie_counted_once_and_sums_equal_the_summary():
    G = graph([org("a", "I", "II", "IV"), org("b", "II", "IV"), org("c", "III"), org("d", "I", "IV"),
               org("e")],
              [Tie("a", "b"), Tie("a", "c"), Tie("b", "d"), Tie("c", "d"), Tie("d", "e"), Tie("a", "c", "funding")])
    m = level_matrix(G)
    # a-b horizontal at II; a-c vertical II-III; b-d horizontal at IV; c-d vertical III-IV; d-e unknown
    assert m["II"]["II"] == 1 and m["IV"]["IV"] == 1 and m["II"]["III"] == 1 and m["III"]["IV"] == 1
    assert m["I"]["IV"] == 0 and m["I"]["I"] == 0
    assert all(m[x][y] == m[y][x] for x in LEVELS for y in LEVELS)
    counts = tie_summary(G)["actors"]
    assert counts == {"ties": 5, "horizontal": 2, "vertical": 2, "unknown": 1}
    assert matrix_total(m) == {"horizontal": 2, "vertical": 2, "ties": 4}


def test_network_ties_apart_from_actor_ties_and_no_hidden_gap():
    # two national networks spanning I;II;IV and II;IV: their tie is horizontal at II, in the network matrix
    G = graph([org("n1", "I", "II", "IV", kind="network"), org("n2", "II", "IV", kind="network"),
               org("fam", "I"), org("min", "IV"), org("prov", "II")],
              [Tie("n1", "n2"), Tie("prov", "min"), Tie("fam", "prov")],
              [Membership("fam", "n1"), Membership("min", "n1"), Membership("min", "n2")])
    result = analyse(G)
    assert result.level_matrix["I"]["IV"] == 0
    assert result.facts["network_level_matrix"]["II"]["II"] == 1
    assert matrix_total(result.facts["network_level_matrix"])["ties"] == 1
    gap = next(f for f in result.findings if f.kind == "level_gap" and f.subjects == ["I", "IV"])
    assert gap.details["ties"] == 0 and gap.details["channels"] == ["n1"]   # co-membership as context
    assert gap.details["network_ties"] == 1 and "geen direct leren" in gap.message
    s = result.summary
    assert s["actor_ties"]["ties"] + s["network_ties"]["ties"] == s["learning_ties"] == 3
    assert s["horizontal"] + s["vertical"] + s["unknown_direction"] == s["learning_ties"]


def assert_sums_match(result) -> None:
    s = result.summary
    for key, scope in (("level_matrix", "actor_ties"), ("network_level_matrix", "network_ties")):
        total = matrix_total(result.facts[key])
        assert total["horizontal"] == s[scope]["horizontal"]
        assert total["vertical"] == s[scope]["vertical"]
        assert total["ties"] + s[scope]["unknown"] == s[scope]["ties"]
    assert s["horizontal"] == s["actor_ties"]["horizontal"] + s["network_ties"]["horizontal"]
    assert s["vertical"] == s["actor_ties"]["vertical"] + s["network_ties"]["vertical"]


def test_matrix_sums_equal_the_summary_on_kbl_and_in_the_report():
    from netmap.report import render_markdown

    G = build_graph(read_dataset(example_path()))
    result = analyse(G)
    assert_sums_match(result)
    md = render_markdown(result, G)
    a = result.summary["actor_ties"]
    assert f"{a['horizontal'] + a['vertical']} relaties: {a['horizontal']} horizontaal, {a['vertical']} verticaal" in md


def test_matrix_sums_equal_the_summary_on_the_synthetic_field():
    from netmap.synth import generate

    result = analyse(build_graph(generate(scale=0.05, seed=1).dataset))
    assert_sums_match(result)
    assert result.summary["learning_ties"] > 100


@pytest.mark.parametrize("source", ["kbl", "synthetic"])
def test_facts_from_level_set_counts_equal_the_one_by_one_facts(source):
    # what Cypher hands over gives the facts counted one tie or one actor at a time: the ties counted by their
    # ends' level sets, and each network's actors and the ties inside it counted by level set
    from collections import Counter

    from netmap.analysis import channels_from_level_sets, level_set_facts, network_directions_from_level_sets
    from netmap.analysis.levels import tie_rows
    from netmap.synth import generate

    ds = read_dataset(example_path()) if source == "kbl" else generate(scale=0.05, seed=3).dataset
    G = build_graph(ds)
    result = analyse(G)
    ctx = build_context(G, Settings())
    counts = Counter((ctx.levels[u][::-1], ctx.levels[v], scope == "networks") for u, v, scope, _, _ in tie_rows(ctx))
    facts = level_set_facts((a, b, net, n) for (a, b, net), n in counts.items())
    assert {k: result.facts[k] for k in facts} == facts
    assert facts["tie_summary"]["all"]["ties"] == sum(counts.values()) > 0
    assert facts["tie_summary"]["all"]["vertical"] > 0 and facts["network_ties_between"]

    rows = [(net, list(Counter(ctx.levels[m] for m in ctx.actors_of(net)).items())) for net in ctx.networks]
    channels, single = channels_from_level_sets(rows)
    assert channels == result.facts["channels"] and single == result.facts["single_level"]
    assert channels[("I", "II")] and any(a != b for a, b in channels)

    inside = Counter((net, ctx.levels[u], ctx.levels[v]) for u, v, _ in ctx.ties
                     for net in ctx.networks_of.get(u, set()) & ctx.networks_of.get(v, set()))
    directions = network_directions_from_level_sets(ctx.networks, ((*key, n) for key, n in inside.items()))
    assert directions == result.facts["network_directions"]
    assert sum(c["vertical"] for c in directions.values()) > 0


# --- one grouping rule -----------------------------------------------------------------------------


def test_one_grouping_rule_for_matrix_ei_and_brokerage():
    # m is at I;II, u at I, w at II: m shares a level with each; u and w share none
    G = graph([org("m", "I", "II"), org("u", "I"), org("w", "II"), org("n", kind="network")],
              [Tie("m", "u"), Tie("m", "w")], [Membership("m", "n"), Membership("u", "n"), Membership("w", "n")])
    result = analyse(G)
    m = result.level_matrix
    assert m["I"]["I"] == 1 and m["II"]["II"] == 1 and m["I"]["II"] == 0        # both ties horizontal
    assert result.facts["network_ei"]["n"] == -1                                # both internal
    assert result.facts["tie_summary"]["actors"] == {"ties": 2, "horizontal": 2, "vertical": 0, "unknown": 0}
    roles = result.facts["brokerage"]["m"]
    assert roles["representative"] == roles["gatekeeper"] == 1 and roles["liaison"] == 0


# --- network E-I on ties ---------------------------------------------------------------------------


def test_network_ei_counts_ties_inside_not_member_pairs():
    members = [org("a", "I"), org("b", "I"), org("c", "IV"), org("d", "IV")]
    net = org("n", kind="network")
    ms = [Membership(x.id, "n") for x in members]
    # all pairs: 2 internal, 4 external -> +1/3; the ties inside: a-b and c-d, both internal -> -1
    G = graph([*members, net], [Tie("a", "b"), Tie("c", "d")], ms)
    assert network_ei(G)["n"] == -1
    assert network_ei(graph([*members, net], [], ms))["n"] is None            # no ties inside: no E-I


# --- time ------------------------------------------------------------------------------------------


def timed_graph():
    nodes = [org("a", "I"), org("b", "IV"), org("c", "II"), org("p", "II", kind="person"),
             org("n", kind="network"), org("k", kind="network")]
    ties = [Tie("a", "b", until="2024"), Tie("a", "c", since="2030-01"), Tie("b", "c", since="2020")]
    memberships = [Membership("a", "n", until="2024-06"), Membership("b", "n", since="2031"), Membership("c", "n")]
    seats = [Representation("p", "c", "k", extra={"until": "2024-12-31"})]
    return graph(nodes, ties, memberships, seats)


def test_ended_and_future_records_do_not_count():
    G = timed_graph()
    now = build_context(G, Settings(as_of="2026-12-01"))
    assert [(u, v) for u, v, _ in now.ties] == [("b", "c")]
    assert now.members["n"] == {"c"} and now.seats.get("k", set()) == set()
    assert now.levels["n"] == ("II",)
    before = build_context(G, Settings(as_of="2024-03"))
    assert {(u, v) for u, v, _ in before.ties} == {("a", "b"), ("b", "c")}
    assert before.members["n"] == {"a", "c"} and before.seats["k"] == {"p"}
    result = analyse(G, Settings(as_of="2026-12-01"))
    assert result.summary["as_of"] == "2026-12-01" and result.summary["learning_ties"] == 1
    assert result.level_matrix["I"]["IV"] == 0
    assert analyse(G, Settings(as_of="2024")).level_matrix["I"]["IV"] == 1    # 2024 = its last day


def test_a_tie_that_ended_no_longer_connects():
    # components follow the connectivity view (collaboration connects, funding never does)
    G = graph([org("z", "III"), org("r", "II", kind="network"), org("m", "II")],
              [Tie("z", "r", "collaboration", until="2024")], [Membership("m", "r")])
    then = analyse(G, Settings(as_of="2024-05-01")).facts["components"]
    now = analyse(G, Settings(as_of="2025-01-01")).facts["components"]
    assert then == [3] and sorted(now) == [1, 2]


def test_the_graph_itself_is_not_changed_by_an_analysis():
    G = timed_graph()
    edges = G.number_of_edges()
    analyse(G, Settings(as_of="2026-01-01"))
    assert G.number_of_edges() == edges and "as_of" not in G.graph


def test_bad_dates_are_refused(tmp_path):
    with pytest.raises(SettingsError):
        Settings(as_of="1-3-2024")

    def dataset(until):
        path = tmp_path / "map.yaml"
        path.write_text("organisations:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
                        f"ties:\n  - {{source_id: a, target_id: b, until: '{until}'}}\n", encoding="utf-8")
        return read_dataset(path)

    assert dataset("2024-03").ties[0].until == "2024-03"
    with pytest.raises(DataError) as err:
        dataset("31-12-2024")
    assert "31-12-2024" in str(err.value) and "JJJJ" in str(err.value)


def test_as_of_option_on_the_commands(tmp_path):
    import json

    runner = CliRunner()
    out = runner.invoke(main, ["analyse", "--format", "json", "--as-of", "2023-06"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["summary"]["as_of"] == "2023-06-30" and data["settings"]["as_of"] == "2023-06-30"
    bad = runner.invoke(main, ["analyse", "--as-of", "gisteren"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output and "as_of" in bad.output
    for args in (["map", "--as-of", "2025", "-o", str(tmp_path / "k.html")],
                 ["runs", "save", "--as-of", "2025", "--runs-dir", str(tmp_path / "runs")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    saved = json.loads(next((tmp_path / "runs").glob("*.json")).read_text(encoding="utf-8"))
    assert saved["settings"]["as_of"] == "2025-12-31"


def test_diff_uses_each_snapshot_date():
    from netmap.diff import diff_datasets

    ds = Dataset(nodes={"a": org("a", "I"), "b": org("b", "IV")}, ties=[Tie("a", "b", until="2024")])
    same = diff_datasets(ds, ds, dates=("2024-01-01", "2025-01-01"))
    assert same.level_matrix["old"]["I"]["IV"] == 1 and same.level_matrix["new"]["I"]["IV"] == 0


# --- brokerage -------------------------------------------------------------------------------------


def test_brokerage_five_roles_on_a_five_node_example():
    # v at II brokers among u1 (II), u2 (II), a (I), b (III), c (I); no ties among the others except u1-u2
    H = nx.Graph([("v", "u1"), ("v", "u2"), ("v", "a"), ("v", "c"), ("v", "b"), ("u1", "u2")])
    groups = {"v": ("II",), "u1": ("II",), "u2": ("II",), "a": ("I",), "b": ("III",), "c": ("I",)}
    roles = structure.brokerage(H, groups)["v"]
    # open pairs around v: u1-a, u1-b, u1-c, u2-a, u2-b, u2-c (v with one end: representative/gatekeeper),
    # a-c (both I, v outside: itinerant), a-b and b-c (three groups: liaison); u1-u2 closed (no coordinator)
    assert roles == {"coordinator": 0, "gatekeeper": 6, "representative": 6, "itinerant": 1, "liaison": 2}
    H.remove_edge("u1", "u2")
    assert structure.brokerage(H, groups)["v"]["coordinator"] == 1
    assert structure.level_brokers(structure.brokerage(H, groups))["v"] == 6 + 1 + 2


def test_brokerage_agrees_with_brute_force_on_a_random_graph():
    import random
    from itertools import combinations

    rng = random.Random(5)
    H = nx.gnp_random_graph(40, 0.15, seed=5)
    level_sets = [("I",), ("II",), ("III",), ("IV",), ("I", "II"), ("II", "IV"), ()]
    groups = {v: rng.choice(level_sets) for v in H}
    fast = structure.brokerage(H, groups)
    for v in H:
        if not groups[v]:
            assert v not in fast
            continue
        slow = dict.fromkeys(structure.ROLES, 0)
        for u, w in combinations(H[v], 2):
            if not H.has_edge(u, w) and groups[u] and groups[w]:
                for role in structure.triad_roles(frozenset(groups[v]), frozenset(groups[u]), frozenset(groups[w])):
                    slow[role] += 1
        assert fast[v] == slow, v


def test_staff_do_not_make_their_employer_a_broker():
    nodes = [org("emp", "II"), org("ext1", "I"), org("ext2", "III"), org("net", kind="network"),
             org("funder", "IV")]
    staff = [Node(f"s{i}", "person", f"S{i}", levels=("I",) if i % 2 else ("III",), home_organisation_id="emp")
             for i in range(259)]
    memberships = [Membership("emp", "net"), *(Membership(s.id, "net") for s in staff[:50])]
    ties = [Tie("funder", "emp", "funding"), Tie("ext1", "ext2"), Tie("ext1", "s1"), Tie("ext2", "s1")]
    G = build_graph(Dataset(nodes={n.id: n for n in [*nodes, *staff]}, ties=ties, memberships=memberships))
    result = analyse(G)
    brokers = result.facts["brokerage"]
    assert sum(brokers["emp"].values()) == 0
    top = result.facts["structure_top"]["level_brokers"]
    assert all(row["id"] != "emp" for row in top)
    assert structure.brokerage_graph(build_context(G, Settings())).degree("emp") == 0


def test_brokerage_tie_kinds_setting():
    G = graph([org("a", "I"), org("b", "II"), org("c", "III")],
              [Tie("a", "b", "collaboration"), Tie("b", "c", "learning")])
    assert analyse(G).facts["brokerage"]["b"]["liaison"] == 1
    only_learning = analyse(G, Settings(brokerage_tie_kinds=("learning",))).facts["brokerage"]["b"]
    assert only_learning["liaison"] == 0


def test_a_seat_with_an_until_column_ends(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("organisations:\n  - {id: o, name: O, type: jongerenorganisatie}\n"
                    "networks:\n  - {id: k, name: K}\n"
                    "people:\n  - {id: p, name: P, home_organisation_id: o}\n"
                    "representation:\n  - {person_id: p, constituency_id: o, body_id: k, until: '2024'}\n",
                    encoding="utf-8")
    G = build_graph(read_dataset(path))
    assert build_context(G, Settings(as_of="2024-12-31")).seats["k"] == {"p"}
    assert not build_context(G, Settings(as_of="2025-01-01")).seats.get("k")
    path.write_text(path.read_text(encoding="utf-8").replace("'2024'", "'eind 2024'"), encoding="utf-8")
    with pytest.raises(DataError):
        read_dataset(path)


def test_a_gap_within_one_level_suggests_contact_within_it():
    """Two ministries at level IV with no tie between them, both in one network: the suggestion speaks of
    actors within level IV, never of 'actors at level IV and level IV'."""
    G = graph([org("n", "IV", kind="network"), org("vws", "IV"), org("jenv", "IV"), org("prov", "II")],
              [Tie("prov", "vws")], [Membership("vws", "n"), Membership("jenv", "n")])
    for lang, within in (("nl", "binnen niveau IV"), ("en", "within level IV")):
        result = analyse(G, lang=lang)
        gap = next(f for f in result.findings if f.kind == "level_gap" and f.subjects == ["IV", "IV"])
        assert gap.details["ties"] == 0 and gap.details["channels"] == ["n"]
        assert within in gap.suggestion and "IV en niveau IV" not in gap.suggestion, gap.suggestion
        assert "IV and level IV" not in gap.suggestion
