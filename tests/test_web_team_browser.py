"""Team use in a real browser: a real `netmap serve` with accounts on 127.0.0.1 and headless Chromium.

A werkorganisatie member uploads a snapshot, comments on a finding and marks it "niet van toepassing" (both
with hostile text); a lezer sees status, reason and comment as text, without people's names and without the
triage form; the next snapshot keeps the status; a share link opens its view and nothing else.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from netmap.dataset import example_path, read_dataset
from netmap.io.writers import write_xlsx
from tests.browser import launch_browser, require_chromium
from tests.serving import ROOT, running_server
from tests.test_web_browser import Recorder

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
PEOPLE = [n.name for n in read_dataset(example_path()).of_kind("person")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("team") / "werkruimte"
    for name, role in (("wil", "werkorganisatie"), ("lea", "lezer")):
        subprocess.run([sys.executable, "-m", "netmap", "users", "add", name, "--role", role, "--password-stdin",
                        "--workspace", str(workspace)], input=PASSWORD + "\n", text=True, check=True, cwd=ROOT)
    with running_server(workspace, probe="/login") as base:
        yield base


def sign_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(base + "/s/*")


def upload(page, base: str, path) -> None:
    page.goto(base + "/momentopnamen")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Controleren en toevoegen").click()
    page.wait_for_url("**/momentopnamen/verschil?*")


def test_two_users_triage_comment_and_share(server, tmp_path):
    require_chromium()
    rec = Recorder(server)
    book = write_xlsx(read_dataset(example_path()), tmp_path / "kbl.xlsx")
    with launch_browser() as context:
        page = rec.attach(context.new_page())
        # the werkorganisatie member: upload, comment, niet van toepassing
        sign_in(page, server, "wil")
        upload(page, server, book)
        page.goto(server + "/s/2/bevinding/0")
        page.get_by_label("Nieuwe opmerking").fill("Bewust zo " + EVIL)
        page.get_by_role("button", name="Plaatsen").click()
        page.select_option("select[name=status]", "niet_van_toepassing")
        page.get_by_label("Reden").fill("Past bij de opzet " + EVIL)
        page.get_by_role("button", name="Opslaan").click()
        assert page.locator(".status-now strong").inner_text() == "niet van toepassing"
        assert page.evaluate("window.__pwned") is None
        # a share link of the overview
        page.goto(server + "/delen")
        page.select_option("select[name=kind]", "overview")
        page.get_by_role("button", name="Deel deze weergave").click()
        link = page.locator("input.share-url").input_value()
        assert "/l/" in link
        page.get_by_role("button", name="Afmelden", exact=True).click()
        page.wait_for_url("**/login")
        # the lezer: sees it, as text, without names, without the triage form
        sign_in(page, server, "lea")
        page.goto(server + "/s/2/bevinding/0")
        assert page.locator(".status-now strong").inner_text() == "niet van toepassing"
        assert page.locator(".comment .body").first.inner_text() == "Bewust zo " + EVIL
        assert page.locator(".comment .meta").first.inner_text().startswith("wil ·")
        assert EVIL in page.locator(".triage .reason").inner_text()
        assert page.locator("form.triage-form").count() == 0
        assert page.evaluate("window.__pwned") is None
        for path in ("/s/2", "/s/2/actoren", "/s/2/bevindingen?status=all", "/s/2/bevinding/0"):
            page.goto(server + path)
            text = page.content()
            assert [n for n in PEOPLE if n in text] == [], path
        page.goto(server + "/s/2/bevindingen")
        assert "Past bij de opzet" not in page.content()  # open findings by default
        page.get_by_role("button", name="Afmelden", exact=True).click()
        # the next snapshot keeps the status
        sign_in(page, server, "wil")
        upload(page, server, book)
        page.goto(server + "/s/3/bevinding/0")
        assert page.locator(".status-now strong").inner_text() == "niet van toepassing"
        page.get_by_role("button", name="Overal afmelden").click()
        # the share link, without an account: its view only
        context.clear_cookies()
        page.goto(link)
        assert page.locator("p.notice.shared").count() == 1
        assert page.locator("nav.site").count() == 0
        assert [n for n in PEOPLE if n in page.content()] == []
        page.goto(server + "/s/1")
        assert "/login" in page.url
    assert rec.outside == []
    assert rec.errors == []
