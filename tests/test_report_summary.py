"""The report's summary: one point per weak spot, however many findings see it from another side."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from netmap.analysis import analyse
from netmap.dataset import read_dataset
from netmap.graph import build_graph
from netmap.report import render_markdown
from netmap.report.document import SUMMARY_TOP
from netmap.report.markdown import escape_md

REALISTIC = Path(__file__).parents[1] / "netmap" / "examples" / "kbl-realistisch"


def _rows(table: str) -> list[dict[str, str]]:
    """One input table of the realistic example, as the reader's spreadsheet has it."""
    with open(REALISTIC / f"{table}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def summary_points(markdown: str) -> list[str]:
    head = markdown.split("### ")[0]
    top = head.split("De belangrijkste punten:" if "punten" in head else "The main points:")[1]
    return [line[2:] for line in top.strip().splitlines() if line.startswith("- ")]


@pytest.fixture(scope="module")
def realistic():
    G = build_graph(read_dataset(REALISTIC))
    return G, analyse(G)


def test_two_findings_about_one_weak_spot_make_one_summary_point(realistic):
    G, result = realistic
    # by hand: Hanze and RKJ Friesland each hold Werkplaats Sociaal Domein Noord to the core, two high findings
    spof = [f for f in result.findings if f.kind == "single_point_of_failure" and f.severity == "high"]
    assert sorted(f.subjects[0] for f in spof) == ["hanze", "rkj_friesland"]
    points = summary_points(render_markdown(result, G))
    assert len(points) == SUMMARY_TOP
    about = [p for p in points if "Werkplaats Sociaal Domein Noord" in p]
    assert about == ["Als Hanzehogeschool Groningen of Kenniswerkplaats Jeugd Friesland wegvalt, raakt Werkplaats "
                     "Sociaal Domein Noord (4 tot 5 actoren, het netwerk of orgaan zelf meegeteld) los van de kern "
                     "met de KBL-organen (2 kwetsbare schakels voor hetzelfde deel)."]
    # the count includes the network itself: four members of the input and the network
    assert len({r["member_id"] for r in _rows("memberships") if r["network_id"] == "wsd_noord"}) == 4
    # the freed place goes to the next finding in priority order: the level gap I-IV
    assert any(p.startswith("Er is geen enkele directe leerrelatie tussen een actor op niveau I") for p in points)
    # both findings stay in the findings section, each with its own sentence
    body = render_markdown(result, G).split("## Voor de werkorganisatie")[1]
    assert all(escape_md(f.message) in body for f in spof)


def test_the_merged_point_in_english_and_with_roles_only(realistic):
    G, _ = realistic
    english = summary_points(render_markdown(analyse(G, lang="en"), G, lang="en"))
    assert ("If Hanzehogeschool Groningen or Kenniswerkplaats Jeugd Friesland drops out, Werkplaats Sociaal Domein "
            "Noord (4 to 5 actors, counting the network or body itself) loses contact with the core holding KBL's "
            "bodies (2 single points of failure for the same part).") in english
    roles = summary_points(render_markdown(analyse(G, roles_only=True), G, roles_only=True))
    assert len(roles) == SUMMARY_TOP and sum("Werkplaats Sociaal Domein Noord" in p for p in roles) == 1


def test_on_the_synthetic_field_each_cut_off_part_is_one_point():
    from netmap.synth import generate

    G = build_graph(generate(0.05, 3).dataset)
    result = analyse(G)
    points = summary_points(render_markdown(result, G))
    cut_off = [p for p in points if "los van de kern" in p or "enige verbinding" in p]
    parts = [re.search(r"rond (.+?) (?:los|met de kern)", p) for p in cut_off]
    named = [m.group(1) for m in parts if m]
    assert len(named) == len(set(named)), points  # no part is named in two points
    assert len(points) == SUMMARY_TOP
