"""The report as a reader takes it, checked against the input tables of the realistic example.

Mainly the table of perspectives per network and body: a seat rule (``represents``: the koersgroep's ZonMw
seat) and a perspective present fewer times than required are not 'missing perspectives'; the table says so
in its own columns. Also how names are listed and named.
"""
import csv
from pathlib import Path

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.report import render_html, render_markdown
from netmap.report.charts import coverage_rows

REALISTIC = Path(example_path()).parent / "kbl-realistisch"

DATA = """\
organisations:
  - {id: uni, name: Universiteit Noord, type: universiteit, level: III, perspectives: [onderzoek]}
  - {id: zonmw, name: ZonMw, type: fonds, level: III, perspectives: [onderzoek]}
  - {id: ouders_nl, name: Ouderplatform, type: ouderorganisatie, level: I, perspectives: [ouders]}
networks:
  - {id: raad, name: Raad Noord, type: body, level: III}
people:
  - {id: p1, name: Onderzoeker Noord, role: onderzoeker, home_organisation_id: uni}
memberships:
  - {member_id: uni, network_id: raad}
  - {member_id: p1, network_id: raad}
"""
RULES = """\
bodies:
  raad:
    requires:
      - {perspectives: [onderzoek], represents: [zonmw], note: 1 van ZonMw}
      - {perspectives: [onderzoek], min_count: 3}
      - {perspectives: [ouders]}
"""


def _table(markdown: str, first_cell: str, section: str = "Perspectieven per netwerk en orgaan"):
    """The header and the row starting with ``first_cell`` of the table under ``section`` (the coverage table
    unless told) in a Markdown report."""
    lines = markdown.split(f"### {section}", 1)[1].split("\n### ", 1)[0].splitlines()
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines if line.startswith("|")]
    row = next(r for r in rows if r[0] == first_cell)
    return rows[0], row


def test_a_seat_and_a_shortfall_are_not_listed_as_missing_perspectives(tmp_path):
    (tmp_path / "d.yaml").write_text(DATA, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    G = build_graph(read_dataset(tmp_path / "d.yaml"))
    analysis = analyse(G, Settings(rules_path=str(tmp_path / "rules.yaml")))
    head, row = _table(render_markdown(analysis, G), "Raad Noord")
    assert head[2:] == ["Ontbrekende perspectieven (vereist door de regels)",
                        "Lege of onderbezette zetels (voorgeschreven door de regels)"]
    # two members bring onderzoek (the university and its researcher): it is present, not missing, although
    # the ZonMw seat is empty and the rule asks for three
    assert row[1] == "onderzoek: 2"
    assert row[2] == "ouders en verzorgers"
    assert row[3] == "1 van ZonMw: 0 van 1 bezet"
    _, rows = coverage_rows(analysis, G)
    assert next(r for r in rows if r["network"] == "raad")["missing"] == {"ouders"}  # the chart's red cells
    english = render_markdown(analysis, G, lang="en")
    assert "| Raad Noord | research: 2 | parents and carers | 1 van ZonMw: 0 of 1 filled |" in english


def test_realistic_koersgroep_row_names_the_empty_zonmw_seat_as_a_seat(tmp_path):
    G = build_graph(read_dataset(REALISTIC))
    analysis = analyse(G)
    with open(REALISTIC / "representation.csv", encoding="utf-8") as f:
        seats = [r for r in csv.DictReader(f, delimiter=";") if r["body_id"] == "kbl_koersgroep"]
    assert seats and not any(r["constituency_id"] == "zonmw" for r in seats)  # the input: no ZonMw seat
    markdown = render_markdown(analysis, G)
    _, row = _table(markdown, "KBL Koersgroep")
    assert row[2] == "" and "ZonMw" not in row[1]
    assert row[3] == "1 van ZonMw: 0 van 1 bezet"
    # the finding about that seat sits under a heading that names seats, not under 'missing perspectives' alone
    section = markdown.split("### Ontbrekende perspectieven en lege zetels", 1)[1].split("\n### ", 1)[0]
    assert "niemand een zetel namens ZonMw" in section
    assert "1 van ZonMw: 0 van 1 bezet" in render_html(analysis, G)


def test_a_list_one_longer_than_its_limit_names_the_last_one_instead_of_one_other():
    G = build_graph(read_dataset(REALISTIC))
    overlap = next(f for f in analyse(G).findings if f.kind == "network_overlap")
    with open(REALISTIC / "memberships.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    members = [{r["member_id"] for r in rows if r["network_id"] == net} for net in overlap.subjects]
    shared = members[0] & members[1]
    assert len(shared) == 5  # the input: five providers in both Twente networks, the message's limit is four
    assert "1 andere" not in overlap.message
    assert all(G.nodes[n]["name"] in overlap.message for n in shared)


def test_the_community_method_is_named_as_a_name():
    G = build_graph(read_dataset(REALISTIC))
    analysis = analyse(G)
    assert analysis.summary["community_method"] == "leiden"
    assert "methode: Leiden)" in render_markdown(analysis, G)
    assert "method: Leiden)" in render_markdown(analysis, G, lang="en")


def test_the_shipped_seat_rules_speak_the_readers_language():
    G = build_graph(read_dataset(REALISTIC))
    dutch, english = analyse(G, lang="nl"), analyse(G, lang="en")
    seat = next(f for f in dutch.findings if f.kind == "missing_perspective" and "zonmw" in f.subjects)
    assert seat.message == "In KBL Koersgroep heeft niemand een zetel namens ZonMw; de regel vraagt: 1 van ZonMw."
    seat = next(f for f in english.findings if f.kind == "missing_perspective" and "zonmw" in f.subjects)
    assert seat.message == "In KBL Koersgroep no one holds a seat on behalf of ZonMw; the rule asks for: 1 from ZonMw."
    rules = render_markdown(english, G, lang="en").split("- KBL Koersgroep: ", 1)[1].split("\n", 1)[0]
    assert " van " not in rules and rules.endswith("; 1 from ZonMw")


def test_a_seat_label_that_counts_is_not_counted_twice_in_the_rules():
    """'minstens 2× 2 bestuursleden SBJ' read as four; a label without a count keeps 'minstens n×'."""
    G = build_graph(read_dataset(REALISTIC))
    for lang, start in (("nl", "2 bestuursleden SBJ; 1 van de branches (BGZJ); "),
                        ("en", "2 board members of SBJ; 1 from the sector associations (BGZJ); ")):
        markdown = render_markdown(analyse(G, lang=lang), G, lang=lang)
        assert markdown.split("- KBL Koersgroep: ", 1)[1].startswith(start)
        assert "× 1 " not in markdown and "× 2 " not in markdown
    assert "; minstens 1× praktijk; " in render_markdown(analyse(G), G)  # a label without a count


def test_the_shipped_perspective_rules_speak_the_readers_language_too():
    """The adviesraad's rules carry a note ('ouders met ervaring'): an English finding quoted it in Dutch."""
    G = build_graph(read_dataset(example_path()))
    for lang, expected in (("nl", "In KBL Adviesraad ontbreekt het perspectief ouders en verzorgers; de regel vraagt: "
                                  "ouders met ervaring."),
                           ("en", "KBL Adviesraad lacks the perspective parents and carers; the rule asks for: "
                                  "parents with lived experience.")):
        analysis = analyse(G, Settings(as_of="2026-12-03"), lang=lang)
        ouders = next(f for f in analysis.findings if f.kind == "missing_perspective"
                      and f.subjects == ["kbl_adviesraad", "ouders"])
        assert ouders.message == expected


def test_the_networks_table_shows_the_members_levels_when_they_differ_from_the_networks_own():
    G = build_graph(read_dataset(REALISTIC))
    tables = {name: list(csv.DictReader(open(REALISTIC / f"{name}.csv", encoding="utf-8"), delimiter=";"))
              for name in ("networks", "organisations", "memberships")}
    declared = next(r["level"] for r in tables["networks"] if r["id"] == "ben_oost")
    level_of = {r["id"]: r["level"] for r in tables["organisations"]}
    members = {level_of[r["member_id"]] for r in tables["memberships"] if r["network_id"] == "ben_oost"}
    assert declared == "II" and members == {"II", "III"}  # the input: a network on II whose members sit on II and III
    markdown = render_markdown(analyse(G), G)
    head, row = _table(markdown, "BEN Oost (coördinatie Enschede)", "Netwerken en organen")
    assert head[2] == "Niveaus" and row[2] == "II (leden: II, III)"
    _, row = _table(markdown, "Leernetwerk wachttijden Twente", "Netwerken en organen")
    assert row[2] == "II"  # the same levels: said once


def test_an_empty_framed_cell_is_always_one_of_several_choices_of_a_met_rule():
    from netmap.analysis.perspectives import composition_rules

    G = build_graph(read_dataset(REALISTIC))
    analysis = analyse(G)
    rules = composition_rules(G, analysis.settings)
    _, rows = coverage_rows(analysis, G)
    explained = 0
    for row in rows:
        for code in row["prescribed"] - row["missing"]:
            if row["counts"].get(code):
                continue
            # framed, empty and not red: a rule asking for any one of several, one of which a member brings
            assert any(code in req["perspectives"] and len(req["perspectives"]) > 1 and not req["together"]
                       and any(row["counts"].get(p) for p in req["perspectives"])
                       for req in rules[row["network"]]["requires"]), (row["network"], code)
            explained += 1
    assert explained  # the RKJ's 'praktijk': professionals and wijkteams empty, aanbieders present
    assert "één ervan genoeg" in render_markdown(analysis, G)
