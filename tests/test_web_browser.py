"""netmap serve in a real browser: a real `netmap serve` (uvicorn) on 127.0.0.1 and headless Chromium.

One user flow: overview, search a network and open its page, follow a finding to the
map, copy the URL into a fresh page and see the same view, upload a workbook with two
problems, read them, upload the fixed one and see the diff, a hostile dataset, a what-if.
Every request to another host is aborted and fails the test, as does any console
error (a CSP violation is one).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from netmap.dataset import example_path, read_dataset
from netmap.io.writers import write_xlsx
from tests.browser import launch_browser, require_chromium
from tests.serving import running_server
from tests.test_web import hostile_dataset

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m netmap serve` on a free loopback port with a fresh workspace; stopped afterwards."""
    with running_server(tmp_path_factory.mktemp("serve") / "werkruimte") as base:
        yield base


class Recorder:
    """Console errors and outside requests of every page opened in a context."""

    def __init__(self, base: str):
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []

    def attach(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))

        def route(r):
            url = r.request.url
            if url.startswith((self.base + "/", "data:")):
                r.continue_()
            else:
                self.outside.append(url)
                r.abort()

        page.route("**/*", route)
        return page


def map_frame(page):
    """The map inside the Kaart page, once it has drawn."""
    page.wait_for_selector("iframe#map-frame")
    frame = page.frame_locator("iframe#map-frame")
    frame.locator("#map canvas").first.wait_for(timeout=60_000)
    inner = page.frames[1]
    inner.wait_for_function("() => window.netmapReady === true", timeout=60_000)
    return inner


def workbook_with_two_problems(folder: Path) -> tuple[Path, Path]:
    """The 2026Q4 example as a workbook, once fixed and once with an unknown level and a dangling id."""
    import openpyxl

    fixed = write_xlsx(read_dataset(example_path("kbl-2026q4")), folder / "kwartaal.xlsx")
    book = openpyxl.load_workbook(fixed)
    orgs, members = book["organisations"], book["memberships"]
    level = [c.value for c in orgs[1]].index("level") + 1
    network = [c.value for c in members[1]].index("network_id") + 1
    orgs.cell(row=4, column=level, value="V")
    members.cell(row=7, column=network, value="rkj_fryslan")
    broken = folder / "broken" / "kwartaal.xlsx"
    broken.parent.mkdir()
    book.save(broken)
    return broken, fixed


def test_a_user_walks_through_the_service(server, tmp_path):
    require_chromium()
    rec = Recorder(server)
    broken, fixed = workbook_with_two_problems(tmp_path)
    with launch_browser() as context:
        page = rec.attach(context.new_page())
        # overview
        page.goto(server + "/")
        assert page.url == server + "/s/1"
        assert page.locator("h1").inner_text() == "Overzicht"
        assert page.locator("table.coverage td.missing").count() > 0
        # search a network, open its page
        page.get_by_role("link", name="Netwerken en organen").click()
        page.get_by_label("Zoeken").fill("Friesland")
        page.get_by_role("button", name="Zoeken").click()
        page.get_by_role("link", name="RKJ Friesland", exact=True).click()
        assert page.locator("h1").inner_text() == "RKJ Friesland"
        assert page.locator("text=Bevindingen hierover").count() == 1
        # follow a finding about it to the map
        page.get_by_role("link", name="Bevindingen", exact=True).click()
        page.select_option("select[name=network]", "rkj_friesland")
        page.get_by_role("button", name="Filteren").click()
        page.locator("li.finding a.map-link").first.click()
        assert "focus=" in page.url
        inner = map_frame(page)
        focused = inner.evaluate("JSON.parse(document.getElementById('netmap-data').textContent).meta.focusIndex")
        drawn = inner.evaluate("netmap.drawnNodeCount()")
        assert focused is not None and 1 < drawn < 121
        # the copied link reopens the same view
        copied = page.url
        fresh = rec.attach(context.new_page())
        fresh.goto(copied)
        again = map_frame(fresh)
        assert again.evaluate("netmap.drawnNodeCount()") == drawn
        assert again.evaluate("JSON.parse(document.getElementById('netmap-data').textContent).meta.focusIndex") \
            == focused
        fresh.close()
        # a filter and a colour chosen inside the map go into the address bar, and come back from it
        page.wait_for_selector("body[data-map-synced=true]")
        inner.click("#filterbox summary")  # the map keeps its filters in a popover (one-line toolbar)
        inner.select_option("#filter-level", "III")
        inner.select_option("#color-by", "perspective")
        assert "f.level=III" in page.url and "color=perspective" in page.url
        filtered = inner.evaluate("netmap.drawnNodeCount()")
        assert 0 < filtered < drawn
        fresh = rec.attach(context.new_page())
        fresh.goto(page.url)
        again = map_frame(fresh)
        fresh.wait_for_selector("body[data-map-synced=true]")
        assert again.evaluate("netmap.drawnNodeCount()") == filtered
        assert again.eval_on_selector("#filter-level", "s => s.value") == "III"
        assert again.eval_on_selector("#color-by", "s => s.value") == "perspective"
        fresh.close()
        # upload a workbook with two problems, read them
        page.get_by_role("link", name="Momentopnamen").click()
        page.set_input_files("input[type=file]", str(broken))
        page.get_by_role("button", name="Controleren en toevoegen").click()
        problems = page.locator("table.problems tbody tr")
        assert problems.count() == 2
        cells = [problems.nth(i).locator("td").all_inner_texts() for i in range(2)]
        assert any("organisations" in c[0] and c[1] == "4" and c[2] == "level" and "V" in c[3] for c in cells)
        assert any("memberships" in c[0] and c[1] == "7" and c[2] == "network_id" and "rkj_fryslan" in c[3]
                   for c in cells)
        assert page.locator("table.snapshots tbody tr").count() == 1  # nothing stored
        # upload the fixed one: the diff against the previous snapshot
        page.set_input_files("input[type=file]", str(fixed))
        page.get_by_role("button", name="Controleren en toevoegen").click()
        page.wait_for_url("**/momentopnamen/verschil?old=1&new=2*")
        assert page.locator("h1").inner_text() == "Verschil tussen momentopname 1 en 2"
        assert page.locator(".diff-report li").count() > 0
        page.get_by_role("link", name="Overzicht").first.click()
        assert page.locator("text=Vergeleken met momentopname 1").count() == 1
        # hostile names from the data stay text
        hostile = tmp_path / "evil.yaml"
        hostile.write_text(yaml.safe_dump(hostile_dataset()), encoding="utf-8")
        page.goto(server + "/momentopnamen")
        page.set_input_files("input[type=file]", str(hostile))
        page.get_by_role("button", name="Controleren en toevoegen").click()
        page.wait_for_url("**/verschil?old=2&new=3*")
        for path in ("/s/3", "/s/3/n/evil", "/s/3/n/net", "/s/3/bevindingen", "/s/3/kaart"):
            page.goto(server + path)
            assert page.evaluate("window.__pwned") is None
        page.goto(server + "/s/3/n/evil")
        assert page.locator("h1").inner_text().startswith("<script>window.__pwned=1</script>")
        page.goto(server + "/s/3/kaart")
        inner = map_frame(page)
        assert inner.evaluate("window.__pwned") is None
        # a what-if: the koersgroep falls away
        page.goto(server + "/s/1")
        page.get_by_role("link", name="Wat als").click()
        page.get_by_label("Als deze actor wegvalt").fill("kbl_koersgroep")
        page.locator("form.whatif").first.get_by_role("button", name="Uitproberen").click()
        assert "remove=kbl_koersgroep" in page.url
        assert page.locator("h2", has_text="Nieuwe bevindingen").inner_text() != "Nieuwe bevindingen (0)"
        assert page.locator(".whatif-result li.finding").count() > 0
        # English
        page.goto(server + "/s/1?lang=en")
        assert page.locator("h1").inner_text() == "Overview"
    assert rec.outside == []
    assert rec.errors == []


def test_a_focus_clicked_inside_the_map_goes_into_the_address(server):
    """Select a node in the map, press its Focus button: the Kaart page's URL gets focus and depth, and
    the copied link reopens the map drawn around that node (also the form shows it)."""
    require_chromium()
    rec = Recorder(server)
    with launch_browser() as context:
        page = rec.attach(context.new_page())
        page.goto(server + "/s/1/kaart")
        inner = map_frame(page)
        page.wait_for_selector("body[data-map-synced=true]")
        assert "focus=" not in page.url
        inner.evaluate("netmap.select(netmap.indexOf('rkj_friesland'))")
        inner.click("#details button")  # the details panel's Focus button
        page.wait_for_function("() => location.search.indexOf('focus=rkj_friesland') >= 0")
        assert "depth=1" in page.url
        assert page.input_value("form.map-options input[name=focus]") == "rkj_friesland"
        focused = inner.evaluate("netmap.drawnNodeCount()")
        names = sorted(inner.evaluate("netmap.labels().map(function (p) { return p.label; })"))
        fresh = rec.attach(context.new_page())
        fresh.goto(page.url)
        again = map_frame(fresh)
        assert again.evaluate("netmap.drawnNodeCount()") == focused
        assert sorted(again.evaluate("netmap.labels().map(function (p) { return p.label; })")) == names
        data = "JSON.parse(document.getElementById('netmap-data').textContent)"
        assert again.evaluate(f"{data}.nodes[{data}.meta.focusIndex].id") == "rkj_friesland"
        fresh.close()
        # clearing the focus inside an unfocused page's map takes it out of the address again
        inner.evaluate("netmap.showAll()")
        page.wait_for_function("() => location.search.indexOf('focus=') < 0")
    assert rec.outside == []
    assert rec.errors == []


def test_pages_fit_a_laptop_screen(server):
    """At 1366x768, no page needs scrolling sideways (a table as wide as the screen hides its last column)."""
    require_chromium()
    rec = Recorder(server)
    with launch_browser() as context:
        page = rec.attach(context.new_page())
        page.set_viewport_size({"width": 1366, "height": 768})
        for path in ("/momentopnamen", "/momentopnamen?lang=en", "/momentopnamen/trends", "/s/1", "/s/1/bevindingen",
                     "/s/1/n/kbl_werkorganisatie", "/s/1/downloads", "/s/1/watals?remove=vws", "/s/1/actoren"):
            page.goto(server + path)
            wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert wide <= screen, (path, wide, screen)
    assert rec.outside == []
    assert rec.errors == []
