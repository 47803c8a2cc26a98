"""Dates a reader sees are written in words, by one formatter (netmap.dates.date_text): the report's as-of date,
the diff report's two dates and the dates on the web pages."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.dates import date_text
from netmap.graph import build_graph
from netmap.report import render_html, render_markdown

ISO = re.compile(r"\b20\d\d-[01]\d-[0-3]\d\b")


def test_date_text_writes_day_month_and_year_in_the_readers_language():
    assert date_text("2026-12-01") == "1 december 2026"
    assert date_text("2026-12-01", "en") == "1 December 2026"
    assert date_text(dt.date(2025, 3, 9), "en") == "9 March 2025"
    assert date_text("2026-12-01T19:43:17+00:00") == "1 december 2026"
    assert date_text("2026-12-01T19:43:17+00:00", "en", time=True) == "1 December 2026 19:43"
    assert [date_text(f"2026-{m:02d}-01").split()[1] for m in (1, 6, 10)] == ["januari", "juni", "oktober"]
    assert date_text("2026-13-01") == "2026-13-01" and date_text(None) == ""


def test_the_report_states_its_as_of_date_in_words():
    G = build_graph(read_dataset(example_path()))
    result = analyse(G, Settings(as_of="2026-12-01"))
    assert "Stand op 1 december 2026:" in render_markdown(result, G)
    assert "State on 1 December 2026:" in render_html(result, G, lang="en")
    assert "2026-12-01" not in render_markdown(result, G).split("## Voor de werkorganisatie")[0]


def test_the_diff_report_names_the_date_of_each_version_in_words():
    from netmap.diff import diff_datasets
    from netmap.report.diff import diff_blocks
    from netmap.report.diff import render_markdown as diff_markdown

    old = read_dataset(example_path())
    new = read_dataset(Path(example_path()).parent / "kbl-2026q4")
    result = diff_datasets(old, new, dates=("2026-06-30", "2026-12-01"))
    assert result.as_of == ["2026-06-30", "2026-12-01"]
    text = diff_markdown(diff_blocks(result, old, new))
    assert "de stand op 30 juni 2026, de nieuwe met de stand op 1 december 2026" in text
    same = diff_datasets(old, new, dates=("2026-12-01", "2026-12-01"))
    assert "Both versions are analysed as of 1 December 2026." in diff_markdown(diff_blocks(same, old, new, "en"))


def test_the_web_pages_show_dates_in_words(tmp_path):
    from fastapi.testclient import TestClient

    from netmap.web.app import create_app

    with TestClient(create_app(tmp_path / "ws")) as client:
        for path in ("/s/1", "/momentopnamen", "/momentopnamen/trends", "/momentopnamen?lang=en", "/s/1/bevindingen"):
            page = client.get(path)
            assert page.status_code == 200, path
            body = re.sub(r"<(script|style)\b.*?</\1>", "", page.text, flags=re.S)
            visible = re.sub(r"<[^>]+>", " ", body)
            assert not ISO.search(visible), (path, ISO.search(visible).group())
        # the day the example was stored, on a Dutch clock (the pages' zone): not the computer's date, which
        # differs from it for an hour or two around midnight UTC
        from zoneinfo import ZoneInfo

        created = client.app.state.service.snapshots()[0].created
        day = dt.datetime.fromisoformat(created).astimezone(ZoneInfo("Europe/Amsterdam")).date()
        assert date_text(day, "nl") in client.get("/s/1").text  # "Momentopname 1 · 1 december 2026 · ..."
        assert date_text(day, "en") in client.get("/momentopnamen?lang=en").text
    # no template cuts a timestamp to its ISO date itself any more
    templates = Path(__file__).parents[1] / "netmap" / "web" / "templates"
    for template in templates.glob("*.html"):
        assert not re.search(r"\.(created|expires|at)\[:1[06]\]", template.read_text(encoding="utf-8")), template
