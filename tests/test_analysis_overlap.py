"""Relation views, overlap that is news, cuts that matter, isolation, seats and representation:
each definition of docs/analyses.md (connectivity, overlap, cuts, seats, representation) on a small
hand-checked graph."""
import random

import networkx as nx
import pytest
from scipy import stats

from netmap.analysis import Settings, SettingsError, analyse, load_rules
from netmap.analysis.common import build_context
from netmap.analysis.cuts import core_of, cut_facts
from netmap.analysis.overlap import (
    network_load,
    network_organisations,
    network_overlap,
    overlap_tests,
    seat_only_organisations,
)
from netmap.analysis.representation import type_key, unrepresented_constituencies
from netmap.analysis.structure import connectivity_graph
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node, Representation, Tie


def org(i, type_="stichting", region="", perspectives=(), parent=""):
    return Node(i, "organisation", i.upper(), type=type_, levels=("II",), perspectives=tuple(perspectives),
                region=region, parent_id=parent)


def net(i, type_="platform"):
    return Node(i, "network", i.upper(), type=type_, levels=("II",))


def person(i, home="", perspectives=()):
    return Node(i, "person", i.upper(), home_organisation_id=home, perspectives=tuple(perspectives))


def dataset(*nodes, memberships=(), representation=(), ties=(), requirements=()):
    return Dataset(nodes={n.id: n for n in nodes}, memberships=[Membership(*m) for m in memberships],
                   representation=[Representation(*r) for r in representation],
                   ties=[Tie(*t) for t in ties], requirements=list(requirements))


def kinds_of(result, kind):
    return [f for f in result.findings if f.kind == kind]


# -- relation views ----------------------------------------------------------------------------

def test_an_employer_is_no_member_through_its_staff_but_a_represented_organisation_is():
    # the programme leader (home: provider) sits in the koersgroep; the ZonMw seat holder represents ZonMw
    ds = dataset(net("kg", "body"), org("provider"), org("zonmw"), org("vng"),
                 person("leader", home="provider"), person("seat", home="zonmw"),
                 memberships=[("leader", "kg"), ("seat", "kg"), ("vng", "kg")],
                 representation=[("seat", "zonmw", "kg")])
    G = build_graph(ds)
    assert network_organisations(G)["kg"] == {"zonmw", "vng"}
    with_home = build_context(G, Settings(overlap_relations=("membership", "seat", "home")))
    assert network_organisations(G, with_home)["kg"] == {"zonmw", "vng", "provider"}
    assert "provider" not in network_load(G)


def test_connectivity_follows_ties_memberships_seats_not_funding_or_parents():
    ds = dataset(net("kg", "body"), org("a"), org("funder"), org("child", parent="a"), org("b"),
                 person("p", home="b"), org("c"),
                 memberships=[("a", "kg")], representation=[("p", "c", "kg")],
                 ties=[("funder", "a", "funding"), ("a", "b", "collaboration")])
    ctx = build_context(build_graph(ds), Settings())
    H = connectivity_graph(ctx)
    assert set(map(frozenset, H.edges)) >= {frozenset(e) for e in (("a", "kg"), ("a", "b"), ("p", "kg"),
                                                                     ("p", "c"), ("p", "b"))}
    assert H.degree("funder") == 0 and H.degree("child") == 0
    ctx = build_context(build_graph(ds), Settings(connectivity_relations=("tie", "parent"),
                                                  connectivity_tie_kinds=("funding",)))
    assert set(map(frozenset, connectivity_graph(ctx).edges)) == {frozenset(("funder", "a")),
                                                                  frozenset(("child", "a"))}


def test_an_unknown_relation_or_model_is_refused():
    with pytest.raises(SettingsError, match="connectivity_relations"):
        Settings(connectivity_relations=("tie", "funding"))
    with pytest.raises(SettingsError, match="overlap_null_model"):
        Settings().replace(overlap_null_model="sdsm")


# -- overlap that is news ----------------------------------------------------------------------

def field_with_parties_everywhere():
    """12 networks; the four vijfhoek parties v1..v4 sit in all of them, each network has three
    organisations of its own, and C and D also share four organisations found nowhere else."""
    names = [f"n{i:02}" for i in range(10)] + ["C", "D"]
    nodes = [net(n) for n in names] + [org(v) for v in ("v1", "v2", "v3", "v4")]
    members = []
    for n in names:
        for v in ("v1", "v2", "v3", "v4"):
            members.append((v, n))
        for k in range(3):
            nodes.append(org(f"{n}_{k}"))
            members.append((f"{n}_{k}", n))
    for r in ("r1", "r2", "r3", "r4"):
        nodes.append(org(r))
        members += [(r, "C"), (r, "D")]
    return build_graph(dataset(*nodes, memberships=members))


def test_parties_that_sit_everywhere_make_no_overlap_on_their_own():
    result = analyse(field_with_parties_everywhere())
    tests = {tuple(r["networks"]): r for r in result.facts["overlap_tests"]}
    assert len(tests) == 66  # every pair shares the four parties: all are tested
    # n00 and n01 share exactly the four parties (Jaccard 4/10, overlap 4/7: substantial by neither threshold
    # at the defaults, so make them substantial and see the test alone keep them out)
    strict = analyse(field_with_parties_everywhere(), Settings(overlap_threshold=0.3))
    parties = tests[("n00", "n01")]
    assert parties["p_value"] > 0.3 and not parties["significant"] and parties["expected"] > 3
    assert [f.subjects for f in kinds_of(strict, "network_overlap")] == [["C", "D"]]
    found = kinds_of(result, "network_overlap")
    assert [f.subjects for f in found] == [["C", "D"]]
    details = found[0].details
    # the four parties are certain to be shared (in every network); the four others (2 memberships
    # each, L = 92) each with chance 2*11/92 * 1*11/(92-11)
    assert details["expected"] == pytest.approx(4 + 4 * (2 * 11 / 92) * (11 / 81), abs=1e-3)
    assert details["q_value"] <= 0.05
    assert set(details) >= {"p_value", "q_value", "expected", "model", "shared", "jaccard"}


def test_degree_model_is_the_exact_poisson_binomial_and_hypergeometric_as_scipy():
    load = {"a": ["A", "B", "C"], "b": ["A", "B"], "c": ["A"], "d": ["B", "C"], "e": ["C"], "f": ["A", "C"]}
    fact = {"networks": ["A", "B"], "shared": ["a", "b"], "sizes": [4, 3]}
    total = sum(len(v) for v in load.values())
    def both(d):
        return (min(1, d * 4 / total) * min(1, (d - 1) * 3 / (total - 4))
                + min(1, d * 3 / total) * min(1, (d - 1) * 4 / (total - 3))) / 2

    probs = [both(len(v)) for v in load.values()]
    (degree,) = overlap_tests([fact], load)
    assert degree["p_value"] == pytest.approx(stats.poisson_binom(probs).sf(1), rel=1e-3)
    assert degree["expected"] == pytest.approx(sum(probs), abs=1e-3)
    (hyper,) = overlap_tests([fact], load, model="hypergeometric")
    assert hyper["p_value"] == pytest.approx(stats.hypergeom(6, 4, 3).sf(1), rel=1e-3)
    assert hyper["expected"] == pytest.approx(2.0)


def test_benjamini_hochberg_over_all_pairs_as_scipy():
    G = field_with_parties_everywhere()
    ctx = build_context(G, Settings())
    pairs = network_overlap(G, ctx, 2)
    tests = overlap_tests(pairs, network_load(G, ctx))
    ps = [r["p_value"] for r in tests]
    assert [r["q_value"] for r in tests] == pytest.approx(list(stats.false_discovery_control(ps)), rel=1e-3)


def field_with_prescribed_seats(extra=()):
    """Two bodies whose prescribed seats are filled by the same five parties p1..p5 (each holder
    represents one), a platform those parties are members of, two networks A and B sharing five
    members of their own accord, and six networks f0..f5 of three organisations each (so that chance
    has a field to work with); p1 is also a member of body k2 itself."""
    parties = [f"p{i}" for i in range(1, 6)]
    nodes = [net("k1", "body"), net("k2", "body"), net("plat"), net("A"), net("B")]
    shared = [f"x{i}" for i in range(1, 6)]
    fillers = [(f"f{i}_{k}", f"f{i}") for i in range(6) for k in range(3)]
    nodes += [net(f"f{i}") for i in range(6)] + [org(o) for o, _ in fillers]
    nodes += [org(p) for p in parties] + [org(x) for x in (*shared, "a1", "b1")]
    members, seats = [], []
    for body in ("k1", "k2"):
        for p in parties:
            nodes.append(person(f"{body}_{p}"))
            members.append((f"{body}_{p}", body))
            seats.append((f"{body}_{p}", p, body))
    members += [(p, "plat") for p in parties] + [("p1", "k2")]
    members += [(x, n) for x in shared for n in ("A", "B")] + [("a1", "A"), ("b1", "B"), *fillers, *extra]
    return build_graph(dataset(*nodes, memberships=members, representation=seats))


def test_organisations_there_only_by_a_prescribed_seat_make_no_overlap():
    G = field_with_prescribed_seats()
    # by hand: k1's five parties and k2's four (p1 is k2's member too) take part only through a seat
    assert seat_only_organisations(G) == {"k1": ["p1", "p2", "p3", "p4", "p5"], "k2": ["p2", "p3", "p4", "p5"]}
    result = analyse(G)
    raw = {tuple(f["networks"]): f for f in result.facts["overlaps"]}
    assert raw[("k1", "k2")]["shared"] == ["p1", "p2", "p3", "p4", "p5"]  # the plain count stays true
    own = {tuple(f["networks"]): f for f in result.facts["own_overlaps"]}
    # k1-k2, k1-plat, k2-plat: every shared party sits in one of the two only by a seat -> nothing left
    assert set(own) == {("A", "B")}
    assert own[("A", "B")]["by_design"] == [] and own[("A", "B")]["jaccard"] == round(5 / 7, 3)
    assert [f.subjects for f in kinds_of(result, "network_overlap")] == [["A", "B"]]
    # without seats in the overlap view, the parties are members of nothing shared but the platform
    plain = analyse(G, Settings(overlap_relations=("membership",)))
    assert plain.facts["seat_only"] == {}


def test_a_seat_explains_only_its_own_body():
    # p2..p5 join B as members: B shares them with the platform of their own accord (an overlap), but with
    # k1 only through k1's seats (by design)
    result = analyse(field_with_prescribed_seats(extra=[(p, "B") for p in ("p2", "p3", "p4", "p5")]))
    own = {tuple(f["networks"]): f for f in result.facts["own_overlaps"]}
    assert own[("B", "plat")]["shared"] == ["p2", "p3", "p4", "p5"] and own[("B", "plat")]["by_design"] == []
    assert ("B", "k1") not in own and ("B", "k2") not in own
    raw = {tuple(f["networks"]): f for f in result.facts["overlaps"]}
    assert raw[("B", "k1")]["shared"] == ["p2", "p3", "p4", "p5"]


def test_a_plain_hypergeometric_would_flag_the_parties():
    # why the default keeps each organisation's number of memberships: without it, the parties look like news
    result = analyse(field_with_parties_everywhere(), Settings(overlap_null_model="hypergeometric",
                                                              overlap_threshold=0.3))
    assert len(kinds_of(result, "network_overlap")) > 1


def test_the_significance_step_runs_on_overlaps_counted_elsewhere():
    G = field_with_parties_everywhere()
    embedded = analyse(G)
    given = analyse(G, facts={"overlaps": embedded.facts["overlaps"]})
    assert given.facts["overlap_tests"] == embedded.facts["overlap_tests"]
    assert [f.subjects for f in kinds_of(given, "network_overlap")] == [["C", "D"]]


# -- cuts that matter --------------------------------------------------------------------------

def hub_case():
    """Body W is the best-connected node and a cut vertex: behind it a field network F with 6 members;
    on the other side the bodies K and R with their members; network X hangs on W with its one member x."""
    nodes = [net("W", "body"), net("K", "body"), net("R", "body"), net("F"), net("X"), org("solo")]
    members = [("solo", "X"), ("X", "W")]
    nodes += [org(f"f{i}") for i in range(6)]
    members += [(f"f{i}", "F") for i in range(6)] + [("F", "W")]
    nodes += [org(f"k{i}") for i in range(3)] + [org(f"r{i}") for i in range(3)]
    members += [(f"k{i}", "K") for i in range(3)] + [(f"r{i}", "R") for i in range(3)]
    members += [("k0", "W"), ("k1", "W"), ("r0", "W"), ("k2", "R")]
    return build_graph(dataset(*nodes, memberships=members))


def test_a_hub_body_cuts_off_the_field_but_never_the_core():
    result = analyse(hub_case())
    (cut,) = [f for f in kinds_of(result, "single_point_of_failure") if "trivial" not in f.details]
    # without W: F with its 6 members (7) and X with solo (2) lose the core (K, R, their 6 members: 8)
    assert cut.subjects == ["W"] and cut.severity == "high"
    assert cut.details["pieces"] == [{"size": 7, "networks": 1, "constituencies": 0, "anchors": 0, "best": "F"},
                                     {"size": 2, "networks": 1, "constituencies": 0, "anchors": 0, "best": "X"}]
    assert cut.message == ("Als W wegvalt, raken F (7 actoren, het netwerk of orgaan zelf meegeteld) en X (2 actoren, "
                           "het netwerk of orgaan zelf meegeteld) los van de kern met de KBL-organen.")


def test_trivial_cuts_make_one_low_finding():
    result = analyse(hub_case())
    trivial = [f for f in kinds_of(result, "single_point_of_failure") if "trivial" in f.details]
    assert len(trivial) == 1 and trivial[0].severity == "low"
    # solo is only in X; each f hangs on F only
    assert {(x["actor"], x["cut"]) for x in trivial[0].details["trivial"]} >= {("solo", "X"), ("f0", "F")}
    assert "SOLO via X" in trivial[0].message


def test_a_person_in_one_body_is_no_cut():
    ds = dataset(net("K", "body"), org("a"), org("b"), person("p"),
                 memberships=[("a", "K"), ("b", "K"), ("p", "K")], ties=[("a", "b")])
    result = analyse(build_graph(ds))
    assert kinds_of(result, "single_point_of_failure") == []


def random_case(seed):
    rng = random.Random(seed)
    nodes = [net(f"B{i}", "body") for i in range(3)] + [net(f"N{i}") for i in range(6)]
    nodes += [org(f"o{i}") for i in range(30)]
    members = [(f"o{i}", rng.choice([n.id for n in nodes if n.kind == "network"])) for i in range(30)]
    members += [(f"o{rng.randrange(30)}", f"N{rng.randrange(6)}") for _ in range(8)]
    ties = [(f"o{rng.randrange(30)}", f"o{rng.randrange(30)}") for _ in range(6)]
    return build_graph(dataset(*nodes, memberships=set(members), ties=[t for t in ties if t[0] != t[1]]))


@pytest.mark.parametrize("seed", range(25))
def test_no_cut_reports_the_majority_side_or_the_core(seed):
    G = random_case(seed)
    ctx = build_context(G, Settings())
    H = connectivity_graph(ctx)
    bodies = {n for n in G if G.nodes[n].get("type") == "body"}
    core = core_of(H, bodies)
    found, trivial = cut_facts(ctx, H, bodies)
    for fact in found:
        removed = H.subgraph(core).copy()
        if fact["type"] == "tie":
            removed.remove_edge(*fact["subjects"])
        else:
            removed.remove_node(fact["subjects"][0])
        parts = sorted(nx.connected_components(removed), key=lambda c: (len(c & bodies), len(c)))
        rest = parts[-1]  # the part holding most bodies, then most actors: the core side
        for piece in fact["pieces"]:
            assert piece["best"] not in rest
            side = next(c for c in parts if piece["best"] in c)
            assert len(side) == piece["size"] and 2 * piece["size"] < sum(map(len, parts))
            assert len(side & bodies) <= len(rest & bodies)
    for x in trivial:
        removed = H.subgraph(core).copy()
        removed.remove_node(x["cut"])
        assert nx.node_connected_component(removed, x["actor"]) == {x["actor"]}


# -- isolation ---------------------------------------------------------------------------------

def test_isolated_gives_the_reason_and_says_no_relation_only_when_there_is_none():
    ds = dataset(net("K", "body"), org("vng"), org("academie", parent="vng"), org("alone"), org("cons"),
                 person("rep", home="vng"), org("funded"),
                 memberships=[("vng", "K")], representation=[("rep", "cons", "K")],
                 ties=[("vng", "funded", "funding")])
    G = build_graph(ds)
    result = analyse(G)
    isolated = {f.subjects[0]: f for f in kinds_of(result, "isolated")}
    assert set(isolated) == {"academie", "alone", "funded"}  # cons holds a seat through its representative
    assert isolated["alone"].message == "ALONE zit in geen enkel netwerk en heeft geen enkele relatie."
    assert "moederorganisatie VNG" in isolated["academie"].message
    assert "financiering" in isolated["funded"].message
    for f in isolated.values():  # a true sentence: "geen enkele relatie" only for an actor of degree 0
        assert ("geen enkele relatie" in f.message) == (G.degree(f.subjects[0]) == 0)


def test_isolated_claims_hold_on_the_example():
    from netmap.dataset import example_path, read_dataset

    G = build_graph(read_dataset(example_path("kbl")))
    result = analyse(G)
    H = connectivity_graph(build_context(G, Settings()))
    core = core_of(H, {n for n in G if G.nodes[n].get("type") == "body"})
    for f in kinds_of(result, "isolated"):
        actor = f.subjects[0]
        assert actor not in core and H.degree(actor) == 0
        assert ("geen enkele relatie" in f.message) == (G.degree(actor) == 0)
    assert not {f.subjects[0] for f in kinds_of(result, "isolated")} & {
        s for f in kinds_of(result, "single_point_of_failure") for s in f.subjects}


# -- seats and rules ---------------------------------------------------------------------------

def koersgroep(seat_for, seat_type="financier", holder_perspectives=("onderzoek",), others=(), ties=()):
    return dataset(net("kbl_koersgroep", "body"), org("zonmw", "financier"), org("uni", "universiteit"),
                   org(seat_for, seat_type), person("kg", home=seat_for, perspectives=holder_perspectives),
                   person("prof", home="uni", perspectives=("onderzoek",)), *others,
                   memberships=[("kg", "kbl_koersgroep"), ("prof", "kbl_koersgroep")],
                   representation=[("kg", seat_for, "kbl_koersgroep")], ties=ties)


def seat_findings(result, who):
    return [f for f in result.findings if f.kind in ("missing_perspective", "composition_shortfall")
            and f.subjects[0] == "kbl_koersgroep" and who in f.subjects]


def test_the_zonmw_seat_is_filled_by_a_representative_of_zonmw_only():
    # a researcher of a university brings 'onderzoek' but does not fill the ZonMw seat
    result = analyse(build_graph(koersgroep("uni2", "universiteit")))
    (missing,) = seat_findings(result, "zonmw")
    assert missing.message == "In KBL_KOERSGROEP heeft niemand een zetel namens ZONMW; de regel vraagt: 1 van ZonMw."
    assert seat_findings(analyse(build_graph(koersgroep("zonmw"))), "zonmw") == []


def test_an_empty_seat_suggests_the_staff_of_its_organisation_who_know_members_first():
    # nobody of ZonMw in the map: the advice is to ask ZonMw for a representative
    (missing,) = seat_findings(analyse(build_graph(koersgroep("uni2", "universiteit"))), "zonmw")
    assert missing.suggestion == ("Er staat nog niemand die bij ZONMW werkt in de kaart; vraag ZONMW om een "
                                  "vertegenwoordiger en neem die op in de kaart.")
    staff = [person(i, home="zonmw") for i in ("z_far", "z_near", "z_b", "z_a")]
    # z_near knows a member of the body; z_b and z_far know each other
    ds = koersgroep("uni2", "universiteit", others=staff, ties=[("z_near", "prof", "learning"),
                                                                ("z_b", "z_far", "learning")])
    (missing,) = seat_findings(analyse(build_graph(ds)), "zonmw")
    # z_near knows a member; then by number of relations (z_b and z_far one each, z_a none), then by id
    assert missing.suggestion == ("Kandidaten voor een zetel namens ZONMW (zij werken daar): Z_NEAR (kent al "
                                  "leden), Z_B, Z_FAR.")
    assert missing.details["candidates"] == ["z_near", "z_b", "z_far"]


def test_a_seat_short_by_one_says_1_zetel_not_zetel_s():
    ds = dataset(net("kbl_koersgroep", "body"), org("sbj", "bestuur"), person("s1", home="sbj"),
                 memberships=[("s1", "kbl_koersgroep")], representation=[("s1", "sbj", "kbl_koersgroep")])
    (short,) = [f for f in kinds_of(analyse(build_graph(ds)), "composition_shortfall") if "sbj" in f.subjects]
    assert short.message.startswith("KBL_KOERSGROEP heeft 1 zetel namens SBJ, maar vraagt er minstens 2")
    assert "(s)" not in short.message


def test_a_seat_of_an_organisation_type_takes_any_spelling_of_the_type():
    result = analyse(build_graph(koersgroep("jong", "Jongeren-organisaties")))
    assert seat_findings(result, "jongerenorganisatie") == []
    assert len(seat_findings(analyse(build_graph(koersgroep("zonmw"))), "jongerenorganisatie")) == 1


def test_a_requirement_cell_with_two_perspectives_means_any_of_them(tmp_path):
    from netmap.dataset import read_dataset

    (tmp_path / "kaart.yaml").write_text(
        "networks:\n  - {id: b, name: B, type: body, level: II}\n"
        "organisations:\n  - {id: o, name: O, type: stichting, level: II, perspectives: clienten}\n"
        "memberships:\n  - {member_id: o, network_id: b}\n"
        "requirements:\n  - {body_id: b, perspective: 'ouders; clienten', min_count: 1}\n"
        "  - {body_id: b, perspective: 'ouders; jongeren', min_count: 1}\n", encoding="utf-8")
    ds = read_dataset(tmp_path / "kaart.yaml")
    assert [r.perspective for r in ds.requirements] == ["ouders;clienten", "ouders;jongeren"]
    missing = kinds_of(analyse(build_graph(ds)), "missing_perspective")
    assert [f.subjects for f in missing] == [["b", "ouders", "jongeren"]]


def test_adviesraad_members_take_no_other_role_in_kbl():
    ds = dataset(net("kbl_adviesraad", "body"), net("kbl_werkorganisatie", "body"), net("rkj"),
                 person("a"), person("b"),
                 memberships=[("a", "kbl_adviesraad"), ("b", "kbl_adviesraad"), ("a", "kbl_werkorganisatie"),
                              ("b", "rkj")])
    found = [f for f in kinds_of(analyse(build_graph(ds)), "composition_shortfall")
             if f.details.get("check") == "exclusive"]
    assert [(f.subjects, f.severity) for f in found] == [(["kbl_adviesraad", "a"], "high")]
    assert "ook een rol in KBL_WERKORGANISATIE" in found[0].message


def test_a_requirement_must_say_what_it_requires(tmp_path):
    path = tmp_path / "regels.yaml"
    path.write_text("bodies:\n  b:\n    requires:\n      - {min_count: 2}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="'represents'"):
        load_rules(path)
    path.write_text("bodies:\n  b:\n    exclusive: true\n    requires:\n      - {represents: x}\n", encoding="utf-8")
    assert load_rules(path)["bodies"]["b"]["exclusive"] is True


# -- representation ----------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["cliëntorganisatie", "Cliëntenorganisatie", "clientenorganisaties",
                                      "Client-organisatie", "CLIËNTENORGANISATIE"])
def test_constituency_types_are_normalised(spelling):
    assert type_key(spelling) == "clientorganisatie"
    ds = dataset(org("c", spelling))
    assert unrepresented_constituencies(build_graph(ds)) == ["c"]


def test_direct_participation_is_presence_and_seats_count_in_kbl_bodies():
    ds = dataset(net("kbl", "body"), net("rkj", "rkj"), net("other"), person("p"), person("q"),
                 org("panel", "jongerenorganisatie", "R1"), org("seated", "ouderorganisatie"),
                 org("elsewhere", "ouderorganisatie"), org("nowhere", "cliëntorganisatie"),
                 memberships=[("panel", "rkj")],
                 representation=[("p", "seated", "kbl"), ("q", "elsewhere", "other")])
    G = build_graph(ds)
    assert unrepresented_constituencies(G) == ["elsewhere", "nowhere"]
    any_seat = build_context(G, Settings(unrepresented_seat_scope="any"))
    assert unrepresented_constituencies(G, any_seat) == ["nowhere"]
    no_participation = build_context(G, Settings(unrepresented_counts_membership=False))
    assert unrepresented_constituencies(G, no_participation) == ["panel", "elsewhere", "nowhere"]


def test_repeated_unrepresented_constituencies_make_one_finding_with_a_list():
    ds = dataset(net("kbl", "body"), *[org(f"y{i}", "jongerenorganisatie", "R1") for i in range(4)],
                 org("national", "ouderorganisatie"))
    found = kinds_of(analyse(build_graph(ds)), "unrepresented_constituency")
    assert [(f.subjects, f.severity) for f in found] == [(["national"], "medium"),
                                                         (["y0", "y1", "y2", "y3"], "low")]
    assert found[1].message == ("4 achterbannen hebben geen zetel in een KBL-orgaan en nemen zelf aan geen "
                                "enkel netwerk deel: Y0, Y1, Y2 en Y3.")
    english = kinds_of(analyse(build_graph(ds), lang="en"), "unrepresented_constituency")
    assert english[0].message == ("NATIONAL (parent organisation) has no seat in a KBL body and takes part in no "
                                  "network itself.")
