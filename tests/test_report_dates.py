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
    assert "As of 1 December 2026:" in render_html(result, G, lang="en")
    assert "2026-12-01" not in render_markdown(result, G).split("## Voor de werkorganisatie")[0]


UNDATED = {"nl": "De gegevens noemen geen peildatum: geanalyseerd met de stand op de dag van de analyse, {date}; "
                 "lidmaatschappen, zetels en relaties die daarvoor zijn afgelopen of daarna beginnen, tellen niet mee.",
           "en": "The data gives no reference date: analysed as of the day of the analysis, {date}; memberships, "
                 "seats and ties that ended before it or start after it are not counted."}
DATED = {"nl": "Stand op {date}: lidmaatschappen", "en": "As of {date}: memberships"}
DEFAULT = {"nl": "(de dag van de analyse: er is geen datum opgegeven)",
           "en": "(the day of the analysis: no date was given)"}


def test_without_a_date_the_report_says_it_holds_on_the_day_of_the_analysis():
    """No ``as_of`` in the settings and no --as-of: the date is today's, and the report must not present it as
    the data's ("Stand op 3 december 2026: ..."); with a date given it keeps its 'Stand op'."""
    G = build_graph(read_dataset(example_path()))
    undated, dated = analyse(G), analyse(G, Settings(as_of="2026-06-30"))
    for lang in ("nl", "en"):
        today = date_text(undated.summary["as_of"], lang)
        for render in (render_markdown, render_html):
            text = render(undated, G, lang=lang)
            assert UNDATED[lang].format(date=today) in text and DATED[lang].format(date=today) not in text
            assert DEFAULT[lang] in text  # the settings table's row too
            text = render(dated, G, lang=lang)
            assert DATED[lang].format(date=date_text("2026-06-30", lang)) in text
            assert "peildatum" not in text and "reference date" not in text and DEFAULT[lang] not in text


def test_the_web_services_report_says_the_same(tmp_path):
    """The service analyses a snapshot with no date of its own: its report download says so."""
    from fastapi.testclient import TestClient

    from netmap.web.app import create_app

    with TestClient(create_app(tmp_path / "ws")) as client:
        today = client.app.state.service.view(1).base.summary["as_of"]
        for lang in ("nl", "en"):
            for name in ("rapport.md", "rapport.html"):
                text = client.get(f"/s/1/downloads/{name}?lang={lang}").text
                assert UNDATED[lang].format(date=date_text(today, lang)) in text, (lang, name)


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
