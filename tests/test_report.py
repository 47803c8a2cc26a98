"""The report: Markdown and HTML, escaping, privacy, languages, on the planted map and the KBL example."""
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.report import render_html, render_markdown, write_report

PLANTED = Path(__file__).parent / "data" / "analysis" / "planted.yaml"


@pytest.fixture(scope="module")
def planted():
    G = build_graph(read_dataset(PLANTED))
    return analyse(G, Settings(multi_network_load=3)), G


@pytest.fixture(scope="module")
def kbl():
    G = build_graph(read_dataset(example_path()))
    return analyse(G), G


def test_html_is_escaped_self_contained_and_parses(planted):
    result, G = planted
    page = render_html(result, G)
    assert "Jongeren &lt;Eén&gt; &amp; Co" in page and "<Eén>" not in page
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert not re.search(r"<script|<link|@import|url\(", page)
    # only pictures inlined as data, links inside the page, and the one link to the definitions of the measures
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]*)"', page))
    outside = [href for href in re.findall(r'href="([^"]*)"', page) if not href.startswith("#")]
    assert len(outside) == 1 and outside[0].endswith("analyses.md")
    doc = lxml_html.fromstring(page)
    assert doc.findtext(".//h1").startswith("Leerverbindingen in kaart")
    assert len(doc.find_class("finding")) == len(result.findings)


def test_roles_only_report_hides_people_names(planted):
    result, G = planted
    for text in (render_html(result, G, roles_only=True), render_markdown(result, G, roles_only=True)):
        assert "Piet Geheim" not in text and "Petra Twee" not in text
        assert "jongerenvertegenwoordiger" in text


def test_private_person_never_named_in_kbl_html(kbl):
    result, G = kbl
    page = render_html(result, G)
    private = [n for n, d in G.nodes(data=True) if d.get("private")]
    assert private and all(G.nodes[n]["name"] not in page for n in private)


def test_markdown_has_sections_matrix_and_settings(kbl):
    result, G = kbl
    md = render_markdown(result, G)
    for heading in ("## Samenvatting", "## Voor de werkorganisatie", "## Voor de adviesraad",
                    "## Voor het bureau", "## Leren tussen niveaus", "## Instellingen en regels"):
        assert heading in md
    assert "| niveau I (Gezin en professionals) | 3 | 1 | 1 | 0 |" in md
    assert "| niveau IV (Bestuur en overheid) |  |  |  | 1 |" in md
    assert "KBL Adviesraad heeft 11 leden" in md and "overlap\\_threshold | 0,5" in md


def test_english_report(kbl):
    result, G = kbl
    md = render_markdown(result, G, lang="en")
    assert md.startswith("# Learning connections mapped") and "## For the adviesraad" in md
    assert "KBL Adviesraad has 11 members" in md


def test_kbl_planted_gaps_are_found(kbl):
    result, _ = kbl
    keys = {(f.kind, tuple(f.subjects)) for f in result.findings}
    assert ("level_gap", ("I", "IV")) in keys
    assert ("missing_perspective", ("kbl_koersgroep", "jongeren")) in keys
    assert ("missing_perspective", ("kbl_adviesraad", "ouders")) in keys
    assert ("composition_shortfall", ("kbl_adviesraad",)) in keys
    assert ("representative_without_home", ("wo_wijkteams",)) in keys
    assert ("unrepresented_constituency", ("mind",)) in keys
    # ExpEx takes part in Garage2020 itself: direct participation is presence
    assert not any(k[0] == "unrepresented_constituency" and "expex" in k[1] for k in keys)


def test_write_report_returns_path_and_caps_long_lists(planted, tmp_path):
    result, G = planted
    capped = analyse(G, Settings(multi_network_load=3, report_max_per_kind=1))
    path = write_report(capped, G, tmp_path / "sub" / "r.md", fmt="md")
    assert path == tmp_path / "sub" / "r.md"
    assert "en nog 5 bevindingen van deze soort" in path.read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        write_report(result, G, tmp_path / "r.pdf", fmt="pdf")


def test_network_types_are_shown_in_the_readers_words(kbl):
    result, G = kbl
    md = render_markdown(result, G)
    assert "| KBL Adviesraad | orgaan | III (leden: I, III, IV) |" in md and "| body |" not in md
    assert "- type regionale kenniswerkplaats (RKJ): " in md
    assert "| KBL Adviesraad | body | III (members: I, III, IV) |" in render_markdown(result, G, lang="en")


def test_the_report_links_to_the_definitions_shipped_in_the_package(planted):
    from importlib import resources

    from netmap.report import render_markdown
    from netmap.report.document import definitions_uri

    result, G = planted
    shipped = resources.files("netmap") / "docs" / "analyses.md"
    text = shipped.read_text(encoding="utf-8")
    assert "# Wat netmap meet: de definities" in text and "# What netmap measures: the definitions" in text
    assert definitions_uri().startswith("file://") and definitions_uri().endswith("netmap/docs/analyses.md")
    assert f"[docs/analyses.md]({definitions_uri()})" in render_markdown(result, G)


def test_at_national_scale_the_report_shows_counts_groups_and_the_top_while_the_json_has_everything():
    from netmap.report import render_markdown
    from netmap.synth import generate

    G = build_graph(generate(0.05, 3).dataset)
    result = analyse(G)
    text = render_markdown(result, G)
    shown = text.count("\n- **[")
    assert len(result.findings) > 150 and shown < 60, (len(result.findings), shown)
    for kind, n in result.summary["by_kind"].items():  # every kind's count is stated in its heading
        assert f"({n})" in text, kind
    assert "de volledige tabel staat in bevindingen.json" in text
    assert len(result.to_dict()["findings"]) == len(result.findings)


def test_report_has_contents_map_links_and_a_heatmap_picture(tmp_path):
    import base64
    import re

    from netmap.analysis import analyse
    from netmap.dataset import example_path, read_dataset
    from netmap.graph import build_graph
    from netmap.outputs import MAP_FILES
    from netmap.report import write_report

    G = build_graph(read_dataset(example_path()))
    html = write_report(analyse(G), G, tmp_path / "r.html", maps=MAP_FILES).read_text(encoding="utf-8")
    toc = re.search(r'<nav class="toc">(.*?)</nav>', html).group(1)
    anchors = re.findall(r'href="#(s\d+)"', toc)
    assert len(anchors) >= 6 and all(f'<h2 id="{a}">' in html for a in anchors)
    for name in MAP_FILES:  # relative links to the maps beside the report
        assert f'href="{name}"' in html
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', html)
    assert len(images) == 3  # findings per audience and kind, the level matrix heatmap, the perspective coverage grid
    assert all(base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n" for data, _ in images)
    assert "src=\"http" not in html and "src=\"file" not in html
    md = write_report(analyse(G), G, tmp_path / "r.md", fmt="md", maps=MAP_FILES).read_text(encoding="utf-8")
    assert "(kaart-niveaus.html)" in md and "data:image" not in md


def test_each_finding_links_to_the_map_focused_on_it_and_the_definitions_sit_beside(tmp_path):
    import re

    from netmap.analysis import analyse
    from netmap.analysis.findings import sort_findings
    from netmap.dataset import example_path, read_dataset
    from netmap.graph import build_graph
    from netmap.outputs import MAP_FILES
    from netmap.report import DEFINITIONS_FILE, write_definitions, write_report

    G = build_graph(read_dataset(example_path()))
    result = analyse(G)
    ranked = sort_findings(list(result.findings))
    for roles_only in (False, True):
        html = write_report(result, G, tmp_path / "r.html", maps=MAP_FILES, roles_only=roles_only,
                            definitions=DEFINITIONS_FILE).read_text(encoding="utf-8")
        links = re.findall(r'<a class="onmap" href="(kaart-[a-z]+\.html)#finding=(\d+)">', html)
        assert len(links) >= 20
        for name, rank in links:  # the overlap map for an overlap finding, the level map for the rest
            kind = ranked[int(rank)].kind
            assert name == ("kaart-overlap.html" if kind == "network_overlap" else "kaart-niveaus.html")
        # the link sits in the finding's own box, after its message
        box = re.search(r'<div class="finding [a-z]+"><p><span class="badge">[^<]*</span>([^<]*)</p>.*?'
                        r'#finding=(\d+)"', html)
        if not roles_only:  # (roles-only messages name roles, not the finding's own words)
            assert box.group(1).startswith(ranked[int(box.group(2))].message.replace("&", "&amp;")[:20])
        assert f'href="{DEFINITIONS_FILE}"' in html and "file://" not in html
    md = write_report(result, G, tmp_path / "r.md", fmt="md", maps=MAP_FILES).read_text(encoding="utf-8")
    assert re.search(r"\[Toon op de kaart\]\(kaart-niveaus\.html#finding=\d+\)", md)
    # without maps beside it, a report has no such links (nothing to point to)
    assert "#finding=" not in write_report(result, G, tmp_path / "s.html").read_text(encoding="utf-8")
    page = write_definitions(tmp_path / DEFINITIONS_FILE).read_text(encoding="utf-8")
    assert "<h1>Wat netmap meet: de definities</h1>" in page and "<table>" in page
    assert "<script" not in page and 'http-equiv="Content-Security-Policy"' in page
    # an English reader is not sent past the whole Dutch text: the English comes first, the Dutch follows
    english = write_definitions(tmp_path / "en.html", "en").read_text(encoding="utf-8")
    first, second = (english.index(f"<h1>{h}</h1>") for h in ("What netmap measures: the definitions (English)",
                                                                 "Wat netmap meet: de definities"))
    assert first < second and english.count("<h2>") == page.count("<h2>") and '<html lang="en"' in english
    assert "An English version follows below" in page and "follows below" not in english
    assert page.index("<h1>Wat netmap meet") < page.index("<h1>What netmap measures")


def test_the_list_of_all_findings_follows_the_privacy_policy(planted, kbl):
    from netmap.report import render_findings_html

    result, G = planted
    page = render_findings_html(result, G, roles_only=True)
    assert "Piet Geheim" not in page and "Petra Twee" not in page and "jongerenvertegenwoordiger" in page
    assert page.count("<tr class=") == len(result.findings)
    result, G = kbl
    page = render_findings_html(result, G)
    private = [n for n, d in G.nodes(data=True) if d.get("private")]
    assert private and all(G.nodes[n]["name"] not in page for n in private)
    assert "<script" not in page and 'http-equiv="Content-Security-Policy"' in page


def test_findings_chart_bar_order_is_the_same_in_every_process():
    """Kinds with equal counts were ordered by set iteration, which string hashing changes from one process to
    the next: the report's findings chart (a PNG) differed between two runs on the same data."""
    import subprocess
    import sys

    code = ("from netmap.analysis.findings import Finding; from netmap.report.charts import bar_order;"
            "fs = [Finding(k, [k + str(i)], 'low', '') for i in range(2) for k in "
            "('overlap', 'gap', 'isolated', 'level', 'load', 'cut', 'home', 'seat')];"
            "print(bar_order(fs))")
    orders = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
              for seed in range(6)}
    assert len(orders) == 1
    assert orders.pop().count("'werkorganisatie'") == 8


def _settings_rows(md: str) -> dict[str, str]:
    """The settings table of a Markdown report: setting name -> value as shown."""
    section = md.split("## Instellingen en regels" if "## Instellingen" in md else "## Settings and rules")[1]
    rows = {}
    for line in section.split("\n\n", 3)[2].splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        rows[cells[0].replace("\\_", "_")] = cells[1]
    return rows


@pytest.mark.parametrize("lang, tie_kinds, brokerage, as_of, threshold, types", [
    ("nl", "leerrelatie", "leerrelatie, samenwerking", "1 maart 2026", "0,5",
     ("jongerenorganisatie", "koepelorganisatie", "branche-organisatie")),
    ("en", "learning tie", "learning tie, collaboration", "1 March 2026", "0.5",
     ("youth organisation", "umbrella organisation", "client and parent organisation")),
])
def test_the_settings_table_shows_codes_in_the_readers_words(kbl, lang, tie_kinds, brokerage, as_of,
                                                              threshold, types):
    _, G = kbl
    result = analyse(G, Settings(as_of="2026-03-01"))
    rows = _settings_rows(render_markdown(result, G, lang=lang))
    assert rows["tie_kinds"] == tie_kinds  # the option's name stays: it is what a settings file spells
    assert rows["brokerage_tie_kinds"] == brokerage
    assert rows["as_of"] == as_of and rows["overlap_threshold"] == threshold
    shown = rows["constituency_types"].split(", ")
    assert set(types) <= set(shown) and len(shown) == len(set(shown))  # each word once
    codes = {"learning", "umbrella", "koepel", "2026-03-01"} | ({"cliëntorganisatie"} if lang == "en" else set())
    assert not codes & {part for value in rows.values() for part in value.split(", ")}
