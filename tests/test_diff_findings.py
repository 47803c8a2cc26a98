"""A finding in both snapshots whose sentence or severity changed is *changed*, not resolved and new; and
the date a version is analysed as of is not passed off as the data's when the data gives none."""
import datetime as dt
import json

import pytest

from netmap.dates import date_text
from netmap.diff import diff_datasets
from netmap.model import Dataset, Membership, Node, Representation, Requirement
from netmap.report.diff import diff_blocks, diff_json, render_html, render_markdown


def council(youth: int, with_njr_perspective: bool = True, private_youth: bool = False) -> Dataset:
    """A council that asks 4 youth perspectives, with NJR and ``youth`` youth panels as members."""
    nodes = {"raad": Node("raad", "network", "Raad", levels=("IV",)),
             "njr": Node("njr", "organisation", "NJR", levels=("I",),
                         perspectives=("jongeren",) if with_njr_perspective else ())}
    members = [Membership("njr", "raad")]
    for i in range(youth):
        nodes[f"j{i}"] = Node(f"j{i}", "person", f"Jongere Geheim {i}", role="jongere", levels=("I",),
                              perspectives=("jongeren",), private=private_youth)
        members.append(Membership(f"j{i}", "raad"))
    return Dataset(nodes=nodes, memberships=members, requirements=[Requirement("raad", "jongeren", 4)],
                   source=f"raad-{youth}")


def test_a_count_that_moved_is_one_changed_finding_not_resolved_and_new():
    old, new = council(0), council(1)  # 1 of 4 youth perspectives, then 2 of 4
    d = diff_datasets(old, new, dates=("2026-06-30", "2026-09-30"))
    shortfall = [f for f in d.findings_changed if f["kind"] == "composition_shortfall"]
    assert [f["subjects"] for f in shortfall] == [["raad", "jongeren"]]
    assert [f["kind"] for f in d.findings_opened + d.findings_closed] == []
    before, after = shortfall[0]["changes"]["message"]
    assert "1 keer" in before and "2 keer" in after and set(shortfall[0]["changes"]) == {"message"}
    text = render_markdown(diff_blocks(d, old, new))
    n = len(d.findings_changed)
    assert f"- Bevindingen: 0 opgelost of verdwenen, {n} gewijzigd, 0 nieuw" in text
    assert f"Gewijzigd sinds de vorige keer ({n})" in text
    assert f"- Nu: {after} Eerder: {before}" in text
    assert f"<li>Nu: {after} Eerder: {before}</li>" in render_html(diff_blocks(d, old, new))
    data = json.loads(json.dumps(diff_json(d, old, new)))
    assert len(data["findings_changed"]) == n and data["findings_opened"] == data["findings_closed"] == []
    english = diff_datasets(old, new, lang="en", dates=("2026-06-30", "2026-09-30"))
    assert f"- Findings: 0 resolved or gone, {n} changed, 0 new" in render_markdown(diff_blocks(english, old, new,
                                                                                                   "en"))


def test_a_rule_unmet_then_met_in_part_is_changed_with_its_kind_and_severity_as_before():
    """No youth perspective at all (missing) and then one of four (short): the same rule, still unmet."""
    old, new = council(0, with_njr_perspective=False), council(1, with_njr_perspective=False)
    d = diff_datasets(old, new, dates=("2026-06-30", "2026-09-30"))
    rule = next(f for f in d.findings_changed if f["subjects"] == ["raad", "jongeren"])
    assert rule["changes"]["kind"] == ["missing_perspective", "composition_shortfall"]
    assert not any(f["subjects"] == ["raad", "jongeren"] for f in d.findings_opened + d.findings_closed)
    line = next(x for x in render_markdown(diff_blocks(d, old, new)).splitlines() if "ontbrekend" in x)
    assert line.startswith("- ontbrekend perspectief of lege zetel → samenstelling onvolledig") and "Eerder:" in line


def test_a_changed_finding_keeps_private_people_out():
    old, new = council(1, private_youth=True), council(2, private_youth=True)
    d = diff_datasets(old, new, dates=("2026-06-30", "2026-09-30"))
    assert d.findings_changed
    for roles_only in (False, True):
        blocks = diff_blocks(d, old, new, roles_only=roles_only)
        text = render_markdown(blocks) + render_html(blocks)
        assert "Geheim" not in text
    shared = json.dumps(diff_json(d, old, new, roles_only=True), ensure_ascii=False)
    assert "Geheim" not in shared and '"j0"' not in shared and '"j1"' not in shared


def test_without_a_reference_date_the_report_says_the_day_of_the_analysis():
    old, new = council(0), council(1)
    today = dt.date.today()
    undated = diff_datasets(old, new)
    assert undated.dated == [False, False]
    assert ("De gegevens noemen geen peildatum: beide versies zijn geanalyseerd met de stand op de dag van de "
            f"analyse, {date_text(today)}.") in render_markdown(diff_blocks(undated, old, new))
    english = diff_datasets(old, new, lang="en")
    assert ("The data gives no reference date: both versions are analysed as of the day of the analysis, "
            f"{date_text(today, 'en')}.") in render_markdown(diff_blocks(english, old, new, "en"))
    half = diff_datasets(old, new, dates=("2026-06-30", None))
    assert half.dated == [True, False]
    assert ("De oude versie is geanalyseerd met de stand op 30 juni 2026; de nieuwe noemt geen peildatum en is "
            f"geanalyseerd met de stand op de dag van de analyse, {date_text(today)}.") in render_markdown(
        diff_blocks(half, old, new))
    dated = diff_datasets(old, new, dates=("2026-06-30", "2026-09-30"))
    assert "peildatum" not in render_markdown(diff_blocks(dated, old, new))



def two_seats(private: bool, with_gamma: bool = False) -> Dataset:
    """A coach with two seats and no home organisation: findings that name him wherever he is public."""
    nodes = {"alfa": Node("alfa", "organisation", "Stichting Alfa", type="ouderorganisatie", levels=("II",)),
             "beta": Node("beta", "organisation", "Jongerenraad Beta", type="jongerenorganisatie", levels=("I",)),
             "oost": Node("oost", "network", "Leernetwerk Oost", levels=("I", "II")),
             "pieter": Node("pieter", "person", "Pieter Geheimhouder", role="coach", private=private)}
    if with_gamma:
        nodes["gamma"] = Node("gamma", "organisation", "Gemeente Gamma", levels=("II",))
    return Dataset(nodes=nodes, memberships=[Membership(m, "oost") for m in ("alfa", "pieter", "beta")],
                   representation=[Representation("pieter", c, "oost") for c in ("alfa", "beta")], source="zetels")


def test_analyses_at_hand_give_the_clis_comparison_and_keep_their_facts(monkeypatch):
    """The web service passes each snapshot's cached analysis to ``compare_versions``: a person private in
    the new version only is named in neither, as when ``compare_versions`` analyses both itself (``netmap
    diff``); the cached facts are reused, not computed again, only the sentences are written anew."""
    from netmap.analysis import analyse, levels
    from netmap.diff import compare_versions
    from netmap.graph import build_graph

    for old, new in ((two_seats(False), two_seats(True, True)), (two_seats(True), two_seats(False, True))):
        want, *_ = compare_versions(old, new)
        at_hand = (analyse(build_graph(old)), analyse(build_graph(new)))
        assert any("Pieter Geheimhouder" in f.message for a in at_hand for f in a.findings)  # public in one
        with monkeypatch.context() as m:
            m.setattr(levels, "level_matrix", lambda *a, **k: pytest.fail("a fact was computed again"))
            got, compared_old, compared_new = compare_versions(old, new, analyses=at_hand)
        assert got.to_dict() == want.to_dict()
        assert compared_old.nodes["pieter"].private and compared_new.nodes["pieter"].private
        assert "Geheimhouder" not in json.dumps(got.to_dict()) and got.findings_opened
