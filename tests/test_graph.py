"""The graph: relations, derived horizontal/vertical direction, display names in privacy mode."""
from netmap.dataset import example_path, read_dataset
from netmap.graph import HOME, MEMBERSHIP, REPRESENTATION, TIE, build_graph, display_name, edges_of, home_of, members_of
from netmap.model import Dataset, Membership, Node, Tie, level_span


def small():
    nodes = {
        "a": Node("a", "organisation", "A", levels=("I", "II")),
        "b": Node("b", "organisation", "B", levels=("II",)),
        "c": Node("c", "organisation", "C", levels=("IV",)),
        "d": Node("d", "organisation", "D"),
        "n": Node("n", "network", "N", levels=("II",)),
        "p": Node("p", "person", "Jan Jansen", role="voorzitter", home_organisation_id="a", private=True),
    }
    ties = [Tie("a", "b"), Tie("b", "c"), Tie("c", "d"), Tie("a", "c", kind="funding")]
    return Dataset(nodes=nodes, ties=ties, memberships=[Membership("a", "n"), Membership("p", "n")])


def test_direction_of_ties():
    G = build_graph(small())
    directions = {(u, v): d["direction"] for u, v, d in edges_of(G, TIE)}
    assert directions == {("a", "b"): "horizontal", ("b", "c"): "vertical", ("c", "d"): None,
                          ("a", "c"): "vertical"}


def test_relations():
    G = build_graph(small())
    assert members_of(G) == {"n": {"a", "p"}}
    assert home_of(G) == {"p": "a"}
    assert sum(1 for _ in edges_of(G, MEMBERSHIP)) == 2


def test_privacy_shows_roles():
    G = build_graph(small())
    assert display_name(G, "p") == "voorzitter"  # private person
    assert display_name(G, "a", roles_only=True) == "A"


def test_level_span():
    assert level_span(("I",), ("IV",)) == ("I", "II", "III", "IV")
    assert level_span(("II",), ("III",)) == ("II", "III")


def test_shipped_example_builds():
    G = build_graph(read_dataset(example_path()))
    kinds = {k for _, k in G.nodes(data="kind")}
    assert kinds == {"organisation", "network", "person"}
    assert sum(1 for _ in edges_of(G, REPRESENTATION)) == 18
    assert sum(1 for _ in edges_of(G, HOME)) > 10
    assert G.nodes["clientenraad_brug"]["name"] == 'Cliëntenraad Jeugd "De Brug" & partners (voorbeeld)'


def test_private_organisations_are_never_named():
    ds = small()
    ds.nodes["b"].private = True
    ds.nodes["b"].type = "zorgaanbieder"
    G = build_graph(ds)
    assert display_name(G, "b") == "zorgaanbieder (afgeschermd)"  # neither its name nor its id
    assert display_name(G, "b", lang="en") == "care provider (withheld)"  # the type in English too


def test_dataset_from_graph_inverts_build_graph():
    from netmap.graph import dataset_from_graph

    ds = read_dataset(example_path())
    back = dataset_from_graph(build_graph(ds))
    assert back.nodes == ds.nodes
    assert sorted(map(repr, back.memberships)) == sorted(map(repr, ds.memberships))
    assert sorted(map(repr, back.representation)) == sorted(map(repr, ds.representation))
    assert sorted(map(repr, back.ties)) == sorted(map(repr, ds.ties))
    assert back.requirements == ds.requirements
