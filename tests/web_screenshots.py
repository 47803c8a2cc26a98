"""A screenshot walk through every page of `netmap serve`: a real server, headless Chromium at 1366x768.

Used by ``tests/test_web_screenshots.py`` (into a temporary folder) and by people:

    scripts/screenshots.sh [FOLDER]        # default: exports/screenshots

A workspace is prepared with two snapshots (the KBL example and 2026Q4), an account per role,
a triaged finding, a comment and a share link; then a `netmap serve` on a free loopback port is
opened page by page: as the beheerder (every page), as a lezer (roles-only) and through the
share link. Each page must answer 200, log no console error, ask no other host, not scroll
sideways at 1366 px and not embed its map smaller than 600x400; a PNG of the whole page is
written per page (``NN-name.png``).
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import launch_browser
from tests.serving import running_server

VIEWPORT = {"width": 1366, "height": 768}
PASSWORD = "correct horse battery"

#: (file name, path) for the beheerder; {share} is the share link's token
PAGES = [
    ("overzicht", "/s/2"),
    ("overview-en", "/s/2?lang=en"),
    ("bevindingen", "/s/2/bevindingen"),
    ("bevindingen-alle", "/s/2/bevindingen?status=all&audience=adviesraad"),
    ("bevinding", "/s/2/bevinding/0"),
    ("netwerken", "/s/2/netwerken"),
    ("netwerken-zoeken", "/s/2/netwerken?q=RKJ"),
    ("actoren", "/s/2/actoren"),
    ("netwerk-rkj-friesland", "/s/2/n/rkj_friesland"),
    ("orgaan-adviesraad", "/s/2/n/kbl_adviesraad"),
    ("organisatie-njr", "/s/2/n/njr"),
    ("kaart-niveaus", "/s/2/kaart"),
    ("kaart-focus", "/s/2/kaart?focus=rkj_friesland&depth=1"),
    ("kaart-netwerk", "/s/2/kaart?view=force"),
    ("kaart-overlap", "/s/2/kaart?view=overlap"),
    ("momentopnamen", "/momentopnamen"),
    ("verschil", "/momentopnamen/verschil?old=1&new=2"),
    ("verschil-kaart", "/momentopnamen/verschil/kaart?old=1&new=2"),
    ("trends", "/momentopnamen/trends"),
    ("wat-als", "/s/2/watals"),
    ("wat-als-uitkomst", "/s/2/watals?remove=kbl_koersgroep"),
    ("downloads", "/s/2/downloads"),
    ("rapport", "/s/2/downloads/rapport.html"),
    ("delen", "/delen"),
    ("beheer", "/beheer"),
]
LEZER_PAGES = [("lezer-overzicht", "/s/2"), ("lezer-actoren", "/s/2/actoren"), ("lezer-kaart", "/s/2/kaart")]
SHARE_PAGES = [("deellink", "/l/{share}")]
#: pages that are files offered for download (opened, not navigated to)
DOWNLOADS = {"/s/2/downloads/rapport.html"}


@dataclass
class Walk:
    """What the walk saw: the screenshots written and every problem found."""

    shots: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def prepare(workspace: Path) -> str:
    """Two snapshots, one account per role, a triage, a comment and a share link; the share token."""
    from netmap.dataset import example_path
    from netmap.web.app import create_app
    from tests.test_web import csv_zip

    app = create_app(workspace)
    store = app.state.team
    for role in ("beheerder", "werkorganisatie", "lezer"):
        store.add_user(role, role, PASSWORD)
    service = app.state.service
    service.upload("kbl-2026q4.zip", csv_zip(example_path("kbl-2026q4")), "nl", uploader="werkorganisatie")
    first = service.view(2).findings("nl")[0]
    store.set_status(first.kind, list(first.subjects), "niet_van_toepassing", "Zo ingericht door de koersgroep.",
                     "werkorganisatie")
    store.add_comment("network", "rkj_friesland", "Volgend kwartaal komt er een ouder bij.", "werkorganisatie")
    token, _ = store.add_share("map", {"sid": 2, "view": "levels", "focus": "rkj_friesland", "depth": 1,
                                       "color": "level"}, "werkorganisatie")
    service.close()
    return token


def broken_workbook(workspace: Path) -> Path:
    """The 2026Q4 example as a workbook with an unknown level and a dangling id (two problems)."""
    from tests.test_web_browser import workbook_with_two_problems

    folder = workspace.parent / "upload"
    folder.mkdir(exist_ok=True)
    return workbook_with_two_problems(folder)[0]


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()


def new_page(context):
    """A page at 1366x768 that records its console errors in ``page.netmap_errors``."""
    page = context.new_page()
    page.set_viewport_size(VIEWPORT)
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.netmap_errors = errors
    return page


def shoot(page, base: str, name: str, path: str, out: Path, walk: Walk, upload: Path | None = None) -> None:
    errors = page.netmap_errors
    errors.clear()
    if upload is not None:  # the snapshots page after an upload with problems
        page.goto(base + path)
        page.set_input_files("input[type=file]", str(upload))
        page.click("form.upload button[type=submit]")
        page.wait_for_load_state()
        ok = page.locator("table.problems tbody tr").count() > 0
    elif path in DOWNLOADS:  # a download: open the saved file as the browser would
        body = page.request.get(base + path)
        ok = body.ok
        saved = out / f"{name}.html"
        saved.write_bytes(body.body())
        page.goto(saved.resolve().as_uri())
        saved.unlink()
    else:
        response = page.goto(base + path)
        ok = response is not None and response.ok
    if not ok:
        walk.problems.append(f"{name}: {path} did not answer 200")
    if page.locator("iframe.map").count():
        page.frames[1].wait_for_function("() => window.netmapReady === true", timeout=60_000)
    elif page.evaluate("() => !!document.getElementById('netmap-data')"):
        page.wait_for_function("() => window.netmapReady === true", timeout=60_000)
    page.wait_for_timeout(300)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    if wide > VIEWPORT["width"]:
        walk.problems.append(f"{name}: the page is {wide} px wide at {VIEWPORT['width']} (scrolls sideways)")
    for w, h in page.evaluate("() => Array.from(document.querySelectorAll('iframe'), function (f) {"
                              " var r = f.getBoundingClientRect(); return [r.width, r.height]; })"):
        if w < 600 or h < 400:
            walk.problems.append(f"{name}: an embedded map is only {w:.0f}x{h:.0f} px")
    for e in errors:
        walk.problems.append(f"{name}: console error: {e}")
    target = out / f"{len(walk.shots) + 1:02d}-{name}.png"
    page.screenshot(path=str(target), full_page=True)
    walk.shots.append(target)


def walk_pages(out: Path, workspace: Path | None = None) -> Walk:
    """Prepare a workspace, serve it, and photograph every page into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    walk = Walk()
    with tempfile.TemporaryDirectory(prefix="netmap-shots-") as tmp:
        ws = workspace or Path(tmp) / "werkruimte"
        token = prepare(ws)
        with running_server(ws, probe="/favicon.ico", timeout_s=120) as base, launch_browser() as context:
            outside: list[str] = []

            def route(r):
                if r.request.url.startswith((base + "/", "data:", "about:", "file:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            for who, pages in (("beheerder", PAGES), ("lezer", LEZER_PAGES), ("", SHARE_PAGES)):
                context.clear_cookies()
                page = new_page(context)
                if who:
                    log_in(page, base, who)
                for name, path in pages:
                    shoot(page, base, name, path.format(share=token), out, walk)
                if who == "beheerder":
                    shoot(page, base, "upload-problemen", "/momentopnamen", out, walk, upload=broken_workbook(ws))
                page.close()
            context.clear_cookies()
            page = new_page(context)
            shoot(page, base, "inloggen", "/login", out, walk)
            page.close()
            walk.problems += [f"outside request: {u}" for u in outside]
    return walk


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("exports/screenshots")
    walk = walk_pages(out)
    for shot in walk.shots:
        print(shot)
    for problem in walk.problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if walk.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
