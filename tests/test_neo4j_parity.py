"""Analyses from Neo4j (Cypher + the read-back graph) equal the embedded engine's, fact by fact."""
from pathlib import Path

import pytest

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.neo4j import load_graph, open_driver
from netmap.neo4j.analyse import CYPHER_FACTS, analyse_neo4j, cypher_facts

pytestmark = pytest.mark.neo4j

DATA = Path(__file__).parent / "data" / "analysis"
DATASETS = [example_path()] + sorted(p for p in DATA.glob("*") if p.suffix in (".yaml", ".yml") or p.is_dir())


@pytest.fixture
def driver(neo4j_clean):
    with open_driver(neo4j_clean.uri, None, None) as drv:
        yield drv


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_findings_equal_the_embedded_engine(driver, path):
    G = build_graph(read_dataset(path))
    load_graph(driver, G)
    embedded = analyse(G)
    from_db = analyse_neo4j(driver)
    assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded.findings]
    assert from_db.level_matrix == embedded.level_matrix
    assert from_db.channel_matrix == embedded.channel_matrix


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_each_cypher_fact_equals_the_networkx_fact(driver, path):
    G = build_graph(read_dataset(path))
    load_graph(driver, G)
    settings = Settings(overlap_min_shared=1, as_of="2024-06-01")  # a date on which every record counts
    facts_db = cypher_facts(driver, G, settings)
    facts_nx = analyse(G, settings).facts
    assert set(facts_db) == set(CYPHER_FACTS)
    for name in CYPHER_FACTS:
        assert facts_db[name] == facts_nx[name], name


def test_records_that_do_not_count_on_the_date_are_left_out_in_neo4j_too(driver):
    ds = read_dataset(example_path())
    for record in ds.memberships[:20]:
        record.until = "2024"
    for record in ds.ties[:20]:
        record.since = "2030"
    for record in ds.representation[:12]:  # a seat's dates are extra columns (x_until in the database)
        record.extra["until"] = "2024-03"
    G = build_graph(ds)
    load_graph(driver, G)
    seen = []
    for as_of in ("2024-03-31", "2024-04-01", "2026-01-01"):
        settings = Settings(as_of=as_of)
        embedded, from_db = analyse(G, settings), analyse_neo4j(driver, settings)
        assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded.findings]
        assert from_db.level_matrix == embedded.level_matrix
        facts_db = cypher_facts(driver, G, settings)
        for name in CYPHER_FACTS:
            assert facts_db[name] == embedded.facts[name], (as_of, name)
        seen.append(facts_db)
    # each date changes something: the seats end after March 2024, the memberships in 2024, the ties start later
    assert seen[0] != seen[1] != seen[2]


def test_kbl_findings_are_not_trivial(driver):
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    kinds = {f.kind for f in analyse_neo4j(driver).findings}
    assert {"missing_perspective", "unrepresented_constituency", "level_gap"} <= kinds


def test_english_and_roles_only(driver):
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    result = analyse_neo4j(driver, lang="en", roles_only=True)
    assert result.findings == analyse(G, lang="en", roles_only=True).findings


def test_cli_analyse_from_neo4j_prints_the_same_json(neo4j_clean):
    import json

    from click.testing import CliRunner

    from netmap.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["load", "--uri", neo4j_clean.uri, "--no-save-run"]).exit_code == 0
    from_db = runner.invoke(main, ["analyse", "--neo4j", "--uri", neo4j_clean.uri, "--format", "json"])
    embedded = runner.invoke(main, ["analyse", "--format", "json"])
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.output)["findings"] == json.loads(embedded.output)["findings"]
    both = runner.invoke(main, ["analyse", "x.xlsx", "--neo4j", "--uri", neo4j_clean.uri])
    assert both.exit_code == 2 and "geef PATH of --neo4j, niet allebei" in both.output


VARIANTS = [Settings(overlap_min_shared=1, overlap_relations=("membership", "seat", "home")),
            Settings(unrepresented_seat_scope="any", unrepresented_counts_membership=False)]


@pytest.mark.parametrize("settings", VARIANTS, ids=["overlap_home", "unrepresented_any"])
def test_cypher_facts_follow_the_relation_settings(driver, settings):
    compared = set()
    for path in (example_path(), DATA / "planted.yaml"):
        G = build_graph(read_dataset(path))
        load_graph(driver, G)
        facts_db, facts_nx = cypher_facts(driver, G, settings), analyse(G, settings).facts
        for name in facts_db:
            assert facts_db[name] == facts_nx[name], (path.name, name)
        compared |= set(facts_db)
    assert compared == set(CYPHER_FACTS)


def test_seat_requirements_are_counted_alike(driver):
    # the default koersgroep rule: the ZonMw seat needs a representative of ZonMw (here a university's seat)
    from tests.test_analysis_overlap import koersgroep

    for ds in (koersgroep("uni2", "universiteit"), koersgroep("zonmw"), koersgroep("jong", "Jongeren-organisaties")):
        G = build_graph(ds)
        load_graph(driver, G)
        assert cypher_facts(driver, G, Settings())["composition"] == analyse(G).facts["composition"]


@pytest.fixture(scope="module")
def field():
    from netmap.synth import generate

    return build_graph(generate(0.03, 3).dataset)


def test_the_domain_graph_moves_a_fraction_of_a_read_back_with_the_same_findings(driver, field):
    # the synthetic field has people without a role (read in short) and findings that name some of them
    from netmap.neo4j import read_graph, traffic

    load_graph(driver, field)
    with traffic() as full:
        read_graph(driver)
    with traffic() as used:
        from_db = analyse_neo4j(driver)
    embedded = analyse(field)
    assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded.findings]
    domain = from_db.summary["engine"]["domain_graph"]
    assert domain["people_in_short"] > 0 and 0 < domain["people_named"] < domain["people_in_short"]
    assert domain["hidden_namesakes"] < domain["people_in_short"]
    assert from_db.summary["organisations"] == embedded.summary["organisations"]
    assert from_db.summary["people"] == embedded.summary["people"]
    assert from_db.summary["components"] == embedded.summary["components"]
    assert from_db.facts["structure_top"]["degree"] == embedded.facts["structure_top"]["degree"]
    assert from_db.facts["structure_top"]["level_brokers"] == embedded.facts["structure_top"]["level_brokers"]
    assert used.bytes < 0.25 * full.bytes


def test_the_domain_graph_report_and_roles_only_json_equal_the_embedded_ones(driver, field):
    from netmap.neo4j.analyse import analyse_neo4j_graph
    from netmap.report import render_markdown

    load_graph(driver, field)
    for roles_only in (False, True):
        D, from_db = analyse_neo4j_graph(driver, roles_only=roles_only)
        embedded = analyse(field, roles_only=roles_only)
        assert from_db.to_dict()["findings"] == embedded.to_dict()["findings"]
        assert from_db.public_ids == embedded.public_ids
    report_db = render_markdown(from_db, D, lang="nl", roles_only=True)
    assert "\x00" not in report_db
    # equal but for the structure section: GDS's Louvain is another optimiser (tests/test_neo4j_gds.py)
    report_embedded = render_markdown(embedded, field, lang="nl", roles_only=True)
    assert without_structure(report_db) == without_structure(report_embedded)
    assert without_structure(report_db) != report_db


def without_structure(markdown: str) -> str:
    from netmap.i18n import t

    before, head, rest = markdown.partition("## " + t("report.structure_section", "nl"))
    assert head
    return before + rest[rest.find("\n## "):]


def test_the_community_count_is_the_same_in_two_databases_built_differently(driver):
    # the store's node ids differ between a load into an emptied database and a load after other data
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    first = analyse_neo4j(driver).summary["communities"]
    with driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        session.run("UNWIND range(1, 500) AS i CREATE (:Filler {i: i})").consume()
    load_graph(driver, G)
    with driver.session() as session:
        session.run("MATCH (n:Filler) DELETE n").consume()
    assert analyse_neo4j(driver).summary["communities"] == first


def test_a_private_person_read_in_short_is_named_by_their_role(driver):
    # a person without membership or seat is read in short, and no person's name or role is read in the first
    # pass; private, a suggestion shows them by their role (scrubbed from the details too), so the first pass's
    # role must name them as its name does
    from netmap.model import Node

    ds = read_dataset(example_path())
    G = build_graph(ds)
    cons = analyse(G).facts["unrepresented"][0]
    ds.nodes["stille_kracht"] = Node("stille_kracht", "person", "Stille Kracht", private=True,
                                     role="ervaringsdeskundige ouder", home_organisation_id=cons)
    G = build_graph(ds)
    load_graph(driver, G)
    embedded, from_db = analyse(G), analyse_neo4j(driver)
    suggestions = [f.suggestion for f in embedded.findings if f.kind == "unrepresented_constituency"]
    assert any("ervaringsdeskundige ouder" in s for s in suggestions)
    assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded.findings]


def test_the_domain_graph_reads_the_load_numbers_when_they_are_not_0_to_n(driver):
    # a fresh load numbers the actors 0 .. n - 1 and the rows leave the numbers out; other numbers (here every
    # one doubled, the order kept) are read with the rows
    from netmap.neo4j.domain import dense_ords

    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    assert dense_ords(driver)
    with driver.session() as session:
        session.run("MATCH (n:Actor) SET n.ord = 2 * n.ord").consume()
    assert not dense_ords(driver)
    assert [f.to_dict() for f in analyse_neo4j(driver).findings] == [f.to_dict() for f in analyse(G).findings]


def test_unknown_levels_and_directions_by_hand(driver):
    # p has no level and a home at II (so II, not unknown); q no level and a home without one; o none at all.
    # Ties: p-a (II-I vertical), q-a (unknown), a-n (with a network at I;II through its members: horizontal).
    # n has a at I, h and p at II: channels I-II and II-II, and the tie p-a inside it (vertical); s has x at I
    # and II, and p and q by their seats: channels I-II and II-II;
    # u has a, o (no level) and z (III) by its seat: channel I-III
    from netmap.model import Dataset, Membership, Node, Representation, Tie

    # perspectives: a brings 'ouders', h 'jeugdhulp' and so does p through h
    nodes = [Node("a", "organisation", "A", levels=("I",), perspectives=("ouders",)),
             Node("h", "organisation", "H", levels=("II",), perspectives=("jeugdhulp",)),
             Node("o", "organisation", "O"), Node("g", "organisation", "G"),
             Node("p", "person", "P", home_organisation_id="h"), Node("q", "person", "Q", home_organisation_id="g"),
             Node("x", "organisation", "X", levels=("I", "II")),
             Node("z", "person", "Z", levels=("III",)),
             Node("n", "network", "N"), Node("s", "network", "S"), Node("u", "network", "U")]
    # seats: p for a and for h in n, and once more for a in s (two constituencies, two bodies); z without a home
    # for o in u (and so its actor, at III); q has a home and one seat, in neither list
    seats = [Representation("p", "a", "n"), Representation("p", "h", "n"), Representation("p", "a", "s"),
             Representation("z", "o", "u"), Representation("q", "g", "s")]
    G = build_graph(Dataset(nodes={n.id: n for n in nodes}, ties=[Tie("p", "a"), Tie("q", "a"), Tie("a", "n")],
                            memberships=[Membership("a", "n"), Membership("h", "n"), Membership("p", "n"),
                                         Membership("x", "s"), Membership("a", "u"), Membership("o", "u")],
                            representation=seats))
    load_graph(driver, G)
    facts = cypher_facts(driver, G, Settings())
    assert facts["unknown_level"] == ["o", "g", "q"]
    assert facts["channels"] == {("I", "II"): ["n", "s"], ("II", "II"): ["n", "s"], ("I", "III"): ["u"]}
    assert facts["single_level"] == {}  # u has z at III through the seat
    assert facts["network_directions"]["n"] == {"horizontal": 0, "vertical": 1, "unknown": 0}
    assert facts["perspectives"] == {"n": {"ouders": 1, "jeugdhulp": 2}, "s": {"jeugdhulp": 1}, "u": {"ouders": 1}}
    assert facts["without_home"] == [{"person": "z", "constituencies": ["o"], "bodies": ["u"]}]
    # in the graph's edge order: p's home h (its first edge) before a
    assert facts["multiple_seats"] == [{"person": "p", "constituencies": ["h", "a"], "bodies": ["n", "s"]}]
    assert facts["network_directions"]["s"] == facts["network_directions"]["u"] == dict.fromkeys(
        ("horizontal", "vertical", "unknown"), 0)
    assert facts["tie_summary"] == {"actors": {"ties": 2, "horizontal": 0, "vertical": 1, "unknown": 1},
                                    "networks": {"ties": 1, "horizontal": 1, "vertical": 0, "unknown": 0},
                                    "all": {"ties": 3, "horizontal": 1, "vertical": 1, "unknown": 1}}
    assert facts["network_ties_between"] == {("I", "I"): 1, ("I", "II"): 1}
    assert {k: analyse(G).facts[k] for k in facts} == facts


def test_load_seat_only_themes_and_exclusive_roles_by_hand(driver):
    # bodies k, the adviesraad (exclusive by the default rules) and the werkorganisatie; platforms in the order
    # t2, t1, t3. On 2025-06-01 b's memberships (of k, t2) and r's of the werkorganisatie have ended.
    # k: a is a member and has q's seat, b and c take part only by p's and x's seats; the adviesraad: d by r's seat.
    # Themes: wijk (t2, t1, t3), school (t2, t3), zorg (t1 only). t1-t2 learn from each other; t3's tie to t1 is
    # funding and its tie to t2 ended in 2020: t3 is loose on wijk, t2 and t3 on school.
    # The adviesraad's x is also in the werkorganisatie and seated in k, w is in k, y only in t1, r's other role
    # has ended.
    from netmap.model import Dataset, Membership, Node, Representation, Tie

    def body(i):
        return Node(i, "network", i.upper(), type="body")

    def platform(i, *themes):
        return Node(i, "network", i.upper(), type="platform", themes=themes)

    nodes = [*(Node(i, "organisation", i.upper()) for i in "abcdh"),
             *(Node(i, "person", i.upper()) for i in "qrxwy"), Node("p", "person", "P", home_organisation_id="h"),
             body("k"), body("kbl_adviesraad"), body("kbl_werkorganisatie"),
             platform("t2", "wijk", "school"), platform("t1", "zorg", "wijk"), platform("t3", "school", "wijk")]
    memberships = [Membership("a", "k"), Membership("b", "k", until="2020"), Membership("a", "t1"),
                   Membership("d", "t1"), Membership("d", "t2"), Membership("b", "t2", until="2020"),
                   Membership("x", "kbl_adviesraad"), Membership("w", "kbl_adviesraad"),
                   Membership("y", "kbl_adviesraad"), Membership("x", "kbl_werkorganisatie"), Membership("w", "k"),
                   Membership("y", "t1"), Membership("r", "kbl_werkorganisatie", until="2024-12")]
    seats = [Representation("p", "b", "k"), Representation("p", "c", "k"), Representation("q", "a", "k"),
             Representation("x", "c", "k"), Representation("r", "d", "kbl_adviesraad")]
    ties = [Tie("t1", "t2"), Tie("t3", "t1", kind="funding"), Tie("t3", "t2", until="2020")]
    G = build_graph(Dataset(nodes={n.id: n for n in nodes}, memberships=memberships, representation=seats,
                            ties=ties))
    load_graph(driver, G)
    settings = Settings(as_of="2025-06-01")
    facts = cypher_facts(driver, G, settings)
    assert facts["load"] == {"a": ["k", "t1"], "b": ["k"], "c": ["k"], "d": ["kbl_adviesraad", "t1", "t2"]}
    assert facts["seat_only"] == {"k": ["b", "c"], "kbl_adviesraad": ["d"]}
    assert list(facts["seat_only"]) == ["k", "kbl_adviesraad"]
    assert facts["themes"] == [{"theme": "school", "networks": ["t2", "t3"], "loose": ["t2", "t3"]},
                               {"theme": "wijk", "networks": ["t2", "t1", "t3"], "loose": ["t3"]}]
    assert facts["exclusive_roles"] == [{"network": "kbl_adviesraad", "actor": "w", "others": ["k"]},
                                        {"network": "kbl_adviesraad", "actor": "x",
                                         "others": ["k", "kbl_werkorganisatie"]}]
    embedded = analyse(G, settings).facts
    assert {k: embedded[k] for k in ("load", "seat_only", "themes", "exclusive_roles")} == {
        k: facts[k] for k in ("load", "seat_only", "themes", "exclusive_roles")}
    # staff count instead of seats: p's employer h is in k, and nothing is there only by a seat
    staff = Settings(as_of="2025-06-01", overlap_relations=("membership", "home"))
    facts = cypher_facts(driver, G, staff)
    assert facts["load"] == {"a": ["k", "t1"], "d": ["t1", "t2"], "h": ["k"]}
    assert facts["seat_only"] == {}
    assert facts["load"] == analyse(G, staff).facts["load"]
