"""The finding-kind registry, and the derived concepts defined once (tie direction, communities, facts)."""
from __future__ import annotations

import pkgutil
from collections import Counter
from pathlib import Path

import pytest

from netmap import i18n
from netmap.analysis import Settings, analyse, kinds, levels
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import REQUIRED_TEXTS, Kind, kind_explanation, kind_label, kind_title
from netmap.analysis.structure import communities
from netmap.dataset import example_path, read_dataset
from netmap.graph import as_of, build_graph, simple_graph
from netmap.maps import build_map_payload
from netmap.model import Dataset, Node, Tie
from netmap.report import render_markdown

PLANTED = Path(__file__).parent / "data" / "analysis" / "planted.yaml"


def test_every_module_in_the_package_is_one_registered_kind():
    modules = sorted(m.name for m in pkgutil.iter_modules(kinds.__path__))
    assert list(kinds.names()) == modules
    for name in modules:
        kind = kinds.get(name)
        assert kind.name == name and kind.find is not None and kind.suggest is not None
        assert kind.reads, name


def test_every_kind_has_every_text_in_both_languages():
    for name in kinds.names():
        for key in REQUIRED_TEXTS:
            entry = i18n.catalogue()[f"finding.{name}.{key}"]
            assert entry["nl"] and entry["en"], (name, key)
    assert [p for p in i18n.check_catalogue() if p.startswith("finding.")] == []


def test_every_kind_has_a_dutch_map_label():
    # the defect: missing_level had no map label, so the Dutch map showed "missing level" in English
    for name in kinds.names():
        assert kind_label(name, "nl") != name.replace("_", " "), name
        assert kind_label(name, "nl") != kind_label(name, "en"), name
    f = Finding("missing_level", ["a"], "info", "Van a is het niveau niet bekend.", audience="bureau")
    G = build_graph(Dataset(nodes={"a": Node("a", "organisation", "A")}))
    [record] = build_map_payload(G, findings=[f])["findings"]
    assert record["kl"] == "onbekend niveau"


def test_findings_follow_their_kind_declaration():
    result = analyse(build_graph(read_dataset(PLANTED)))
    seen = {f.kind for f in result.findings}
    assert seen <= set(kinds.names()) and len(seen) >= 12
    for f in result.findings:
        kind = kinds.get(f.kind)
        assert f.audience == kind.audience and f.severity in kind.severities, f


def test_report_and_map_take_heading_explanation_and_label_from_the_registry():
    assert kind_title("missing_level", "nl") == "Onbekend niveau"
    assert kind_explanation("level_gap", "en").startswith("Levels with no")
    assert kind_title("no_such_kind") == "no_such_kind" and kind_explanation("no_such_kind") == ""
    assert kind_label("no_such_kind") == "no such kind"


@pytest.fixture
def probe_kind(monkeypatch):
    """A tiny extra kind registered at run time: one finding per network without a theme."""
    monkeypatch.setattr(i18n, "_catalogue", dict(i18n.catalogue()))
    monkeypatch.setattr(i18n, "_origin", dict(i18n._origin))

    def find(ctx, facts):
        return [kind.finding([n], "info", kind.text("message", ctx.lang, net=ctx.name(n)))
                for n in ctx.networks if not ctx.G.nodes[n].get("themes")]

    def suggest(ctx, index, f):
        return kind.text("suggest", ctx.lang), []

    kind = Kind("probe_without_theme", "bureau", ("info",), "always info", ("perspectives",), find, suggest)
    texts = {"title": {"nl": "Netwerken zonder thema", "en": "Networks without a theme"},
             "explanation": {"nl": "Geen thema vastgelegd.", "en": "No theme recorded."},
             "label": {"nl": "zonder thema", "en": "no theme"},
             "message": {"nl": "{net} heeft geen thema.", "en": "{net} has no theme."},
             "suggest": {"nl": "Vul een thema in.", "en": "Fill in a theme."}}
    kinds.register(kind, texts, origin="test")
    yield kind
    kinds.unregister(kind.name)


def test_a_kind_is_one_registration_that_flows_everywhere(probe_kind):
    ds = Dataset(nodes={"n": Node("n", "network", "Netwerk N"), "o": Node("o", "organisation", "O", levels=("I",))})
    G = build_graph(ds)
    result = analyse(G)
    [f] = [f for f in result.findings if f.kind == "probe_without_theme"]
    assert (f.message, f.suggestion, f.audience) == ("Netwerk N heeft geen thema.", "Vul een thema in.", "bureau")
    assert "### Netwerken zonder thema (1)" in render_markdown(result, G)
    assert "Networks without a theme (1)" in render_markdown(result, G, lang="en")
    records = build_map_payload(G, findings=result.findings)["findings"]
    assert "zonder thema" in {r["kl"] for r in records}
    assert i18n.check_catalogue() == []


def test_a_kind_without_its_texts_is_refused():
    kind = Kind("probe_untitled", "bureau", ("info",), "always info", (), lambda ctx, facts: [])
    with pytest.raises(ValueError, match="lacks the texts title, explanation, label"):
        kinds.register(kind, {})
    assert "probe_untitled" not in kinds.names()


def person_without_level() -> Dataset:
    """p has no level and works at o (level I); p's tie to q (level I) is horizontal by o's level."""
    return Dataset(nodes={"o": Node("o", "organisation", "O", levels=("I",)),
                          "q": Node("q", "organisation", "Q", levels=("I",)),
                          "p": Node("p", "person", "P", home_organisation_id="o")},
                   ties=[Tie("p", "q")])


def test_tie_direction_is_the_same_in_graph_report_and_map():
    G = build_graph(person_without_level())
    [(_, _, data)] = [e for e in G.edges(data=True) if e[2]["rel"] == "tie"]
    assert data["direction"] == "horizontal"
    summary = analyse(G).summary
    assert (summary["horizontal"], summary["vertical"], summary["unknown_direction"]) == (1, 0, 0)
    payload = build_map_payload(G, aggregate="none")
    assert [e["st"] for e in payload["edges"] if e["st"].startswith("tie_")] == ["tie_horizontal"]


def test_map_clusters_are_the_analysis_communities():
    G = build_graph(read_dataset(example_path()))
    settings = Settings()
    payload = build_map_payload(G, aggregate="none", color_by="community", settings=settings)
    sizes = Counter(rec["c"] for rec in payload["nodes"])
    # one definition (structure.communities, seeded): the analysis runs it on the graph as of its date,
    # the map on the graph it draws (every relation, whatever its dates)
    as_of_date, _ = communities(simple_graph(as_of(G, settings.as_of_date())), settings.seed)
    assert analyse(G, settings).facts["communities"] == as_of_date
    drawn, _ = communities(simple_graph(G), settings.seed)
    assert [sizes[i] for i in range(len(drawn))] == [len(c) for c in drawn]


def test_given_facts_replace_their_computation(monkeypatch):
    G = build_graph(person_without_level())
    embedded = analyse(G)

    def refuse(*args, **kwargs):
        raise AssertionError("computed although given")

    monkeypatch.setattr(levels, "level_matrix", refuse)
    given = analyse(G, facts={"level_matrix": embedded.level_matrix,
                              "network_level_matrix": embedded.facts["network_level_matrix"]})
    assert [f.to_dict() for f in given.findings] == [f.to_dict() for f in embedded.findings]


@pytest.mark.parametrize("lang, expected", [
    ("nl", "2 actoren vormen een los eiland zonder verbinding met de rest: BEN Brabant (coördinatie Eindhoven) "
           "en Gemeente Eindhoven."),
    ("en", "2 actors form a separate island without a connection to the rest: BEN Brabant (coördinatie Eindhoven) "
           "and Gemeente Eindhoven.")])
def test_a_small_island_is_named_in_full_not_as_some_of_it(lang, expected):
    """'... including A and B' said of an island of exactly A and B reads as if there were more."""
    G = build_graph(read_dataset(example_path()))
    island = next(f for f in analyse(G, Settings(as_of="2026-12-03"), lang=lang).findings
                  if f.kind == "separate_component")
    assert island.message == expected
