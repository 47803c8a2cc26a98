"""The report at national scale as a reader sees it, in headless Chromium: how tall it is, whether every kind of
finding can be reached from it and whether every count it prints is true.

The field is the synthetic one at scale 0.05 (about 190 findings, 160 of one kind): large enough that the report
groups findings and shows the top ones per kind, small enough to analyse in seconds. At scale 1 (2,251 findings)
the same report measured 18,097 px at 1366 px wide with 21 finding boxes (bench figures in the report's docs).
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from netmap.analysis import analyse
from netmap.analysis.kinds import kind_title
from netmap.graph import build_graph
from netmap.outputs import MAP_FILES
from netmap.report import FINDINGS_FILE, write_findings_page, write_report
from tests.browser import open_page, require_chromium

#: a reader scrolls through at most this much at 1366x768 (the 0.05 field measures about 17,900 px)
MAX_HEIGHT_PX = 20_000
#: finding boxes printed one by one or as a group line, whatever the number of findings
MAX_BOXES = 40

SECTIONS_JS = """() => {
  const out = [];
  let current = null;
  for (const el of document.body.children) {
    if (el.tagName === 'H2' || el.tagName === 'H3') {
      current = {tag: el.tagName, title: el.textContent, boxes: 0, single: 0, links: [], text: ''};
      out.push(current);
    } else if (current) {
      if (el.classList.contains('finding')) {
        current.boxes += 1;
        if (el.querySelector('a.onmap')) current.single += 1;
        current.text += ' ' + el.textContent;
      }
      for (const a of el.querySelectorAll('a')) current.links.push(a.getAttribute('href'));
      if (el.tagName === 'P') current.text += ' ' + el.textContent;
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    from netmap.synth import generate

    G = build_graph(generate(0.05, 3).dataset)
    result = analyse(G)
    out = tmp_path_factory.mktemp("national")
    write_report(result, G, out / "rapport.html", maps=MAP_FILES, definitions="definities.html",
                 full_list=FINDINGS_FILE)
    write_findings_page(result, G, out / FINDINGS_FILE, maps=MAP_FILES, report="rapport.html")
    return result, G, out


def test_the_national_report_is_bounded_and_every_kind_and_count_is_reachable_and_true(national):
    require_chromium()
    result, G, out = national
    counts = Counter(f.kind for f in result.findings)
    assert len(result.findings) > 150 and max(counts.values()) > 100  # grouping has to kick in
    with open_page(out / "rapport.html", wait=False, viewport=(1366, 768)) as page:
        assert page.console_errors == [] and page.outside_requests == []
        height = page.evaluate("() => document.documentElement.scrollHeight")
        boxes = page.evaluate("() => document.querySelectorAll('.finding').length")
        assert height <= MAX_HEIGHT_PX, height
        # a finding's map link is drawn after an arrow (CSS ::before), not after a stray control character
        before = page.evaluate("() => getComputedStyle(document.querySelector('a.onmap'), '::before').content")
        assert before == '"\u2192\u00a0"', before
        assert 10 <= boxes <= MAX_BOXES, boxes
        # a table of contents whose every entry leads to a section heading
        toc = page.evaluate("() => [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute('href'))")
        h2 = page.evaluate("() => [...document.querySelectorAll('h2[id]')].map(h => '#' + h.id)")
        assert len(toc) >= 8 and toc == h2
        sections = page.evaluate(SECTIONS_JS)
        summary = next(s for s in sections if s["tag"] == "H2" and s["title"] == "Samenvatting")
        assert f"De analyse levert {len(result.findings)} bevindingen op" in summary["text"]
    kinds_seen = {}
    for s in sections:
        m = re.fullmatch(r"(.+) \((\d+)\)", s["title"]) if s["tag"] == "H3" else None
        kind = next((k for k in counts if m and kind_title(k, "nl") == m.group(1)), None)
        if kind is None:
            continue
        n = int(m.group(2))
        assert n == counts[kind], (kind, n, counts[kind])  # the heading's count is the number of findings
        kinds_seen[kind] = s
        rest = n - s["single"]
        if rest:  # what is not printed one by one is counted and linked to the kind's part of the full list
            assert f"{FINDINGS_FILE}#k-{kind}" in s["links"], kind
            stated = re.search(r"(\d+) hiervan staa[nt] hier niet afzonderlijk", s["text"])
            assert stated and int(stated.group(1)) == rest, (kind, rest, s["text"][-300:])
        for group in re.findall(r"\b(\d+) [a-z'’]+ (?:hebben|zitten|worden)\b", s["text"]):
            assert int(group) <= n
    assert set(kinds_seen) == set(counts)  # every kind has its heading
    # the full list has every finding, each kind under its anchor with its own count
    with open_page(out / FINDINGS_FILE, wait=False, viewport=(1366, 768)) as page:
        assert page.console_errors == [] and page.outside_requests == []
        rows = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('h2[id]')].map(h => "
                             "[h.id, h.nextElementSibling.querySelectorAll('tbody tr').length]))")
        back = page.evaluate("() => document.querySelector('a[href=\"rapport.html\"]') !== null")
    assert rows == {f"k-{k}": n for k, n in counts.items()} and back
    assert (out / "rapport.html").stat().st_size < 1_000_000


def test_the_grouped_line_counts_the_findings_it_stands_for(national):
    result, G, out = national
    html = (out / "rapport.html").read_text(encoding="utf-8")
    levels = [f for f in result.findings if f.kind == "single_level_network"]
    assert f"{len(levels)} netwerken hebben alleen leden op één niveau" in html
    themes = [f for f in result.findings if f.kind == "shared_theme"]
    # a theme group names each theme, not only its networks
    assert all(f"&#x27;{f.details['theme']}&#x27; (" in html for f in themes[:3])


def test_at_national_scale_a_kind_without_a_group_sentence_prints_its_top_five_and_counts_the_rest():
    from dataclasses import replace

    from netmap.dataset import example_path, read_dataset
    from netmap.report import render_markdown
    from netmap.report.document import NATIONAL_FROM, NATIONAL_TOP

    G = build_graph(read_dataset(example_path()))
    result = analyse(G)
    seed = next(f for f in result.findings if f.kind == "composition_shortfall")
    many = [replace(seed, subjects=[*seed.subjects, f"extra{i}"], severity="medium") for i in range(NATIONAL_FROM)]
    national = replace(result, findings=[*result.findings, *many])
    kind_count = sum(f.kind == "composition_shortfall" for f in national.findings)
    text = render_markdown(national, G, full_list=FINDINGS_FILE)
    section = text.split(f"### {kind_title('composition_shortfall', 'nl')} ({kind_count})")[1].split("\n### ")[0]
    assert section.count("\n- **[") == NATIONAL_TOP
    assert f"{kind_count - NATIONAL_TOP} hiervan staan hier niet afzonderlijk" in section
    assert f"({FINDINGS_FILE}#k-composition_shortfall)" in section
    # below national scale the same kind prints up to report_max_per_kind (25)
    small = replace(result, findings=[*result.findings, *many[:30]])
    assert render_markdown(small, G).count("\n- **[") > render_markdown(result, G).count("\n- **[") + 20
