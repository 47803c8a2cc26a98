"""netmap serve through FastAPI's in-process TestClient: every page, the API, privacy, escaping, traversal."""
from __future__ import annotations

import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner
from fastapi.testclient import TestClient

from netmap.analysis import analyse
from netmap.cli import main as cli_main
from netmap.dataset import example_path, read_dataset
from netmap.diff import compare_versions
from netmap.graph import build_graph
from netmap.i18n import t
from netmap.web import library
from netmap.web.app import create_app, map_page_csp
from netmap.web.service import Service

BAD = Path(__file__).parent / "data" / "bad"


def state(client: TestClient) -> Any:
    """The application's state (the service, the response cache) behind a test client."""
    return client.app.state  # type: ignore[attr-defined]
EVIL_NAME = '<script>window.__pwned=1</script>"quote\' & <b>'
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


@pytest.fixture(scope="module")
def kbl_client(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("ws"))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def fresh_client(tmp_path):
    """A workspace of its own (KBL seeded), for tests that upload."""
    with TestClient(create_app(tmp_path / "ws")) as client:
        yield client


@pytest.fixture(scope="module")
def kbl():
    G = build_graph(read_dataset(example_path()))
    return G, analyse(G)


def csv_zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for file in sorted(folder.glob("*.csv")):
            zf.write(file, file.name)
    return buffer.getvalue()


def post_file(client: TestClient, name: str, data: bytes, lang: str = "nl", wait: bool = True):
    """Upload; returns the answer, once the upload has finished (on a loaded machine it may outlast the
    page's wait and answer with the progress page: the test then reads the stored snapshot all the same)."""
    url = "/momentopnamen" + ("?lang=en" if lang == "en" else "")
    response = client.post(url, files={"file": (name, data, "application/octet-stream")}, follow_redirects=False)
    for job in list(state(client).service.jobs.values()) if wait else []:
        job.done.wait(600)
    return response


def page_urls(client: TestClient, sid: int = 1) -> list[str]:
    """Every page of a snapshot, including one page per network, organisation and person."""
    service: Service = state(client).service
    view = service.view(sid)
    assert view is not None
    node_pages = [f"/s/{sid}/n/{quote(n, safe='')}" for n in view.G if not view.hidden(n)]
    return [f"/s/{sid}", f"/s/{sid}?lang=en", f"/s/{sid}/bevindingen", f"/s/{sid}/bevindingen?audience=adviesraad",
            f"/s/{sid}/netwerken", f"/s/{sid}/actoren?q=a", f"/s/{sid}/kaart", f"/s/{sid}/kaart?view=force",
            f"/s/{sid}/kaart?view=overlap", f"/s/{sid}/downloads", "/momentopnamen", "/momentopnamen/trends",
            f"/s/{sid}/watals", f"/s/{sid}/watals?remove=vws", *node_pages]


def assert_strict_page(response) -> None:
    assert response.status_code == 200, response.text[:500]
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert not INLINE_SCRIPT.search(response.text), "a page has an inline script"
    assert " style=" not in response.text and "<style" not in response.text
    assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", response.text)  # nothing from another host


def test_every_page_renders_for_the_kbl_example(kbl_client):
    urls = page_urls(kbl_client)
    assert len(urls) > 100  # 121 node pages
    for url in urls:
        assert_strict_page(kbl_client.get(url))


def test_home_redirects_to_the_latest_snapshot_and_keeps_the_language(kbl_client):
    r = kbl_client.get("/?lang=en", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/s/1?lang=en"
    page = kbl_client.get("/s/1?lang=en").text
    assert "Top findings per audience" in page and "Overzicht" not in page.split("<main>")[1]
    assert "Belangrijkste bevindingen per doelgroep" in kbl_client.get("/s/1").text


def test_overview_shows_the_librarys_counts_matrix_and_coverage(kbl_client, kbl):
    _, analysis = kbl
    page = kbl_client.get("/s/1").text
    assert f'<span class="n">{len(analysis.findings)}</span>' in page
    assert 'class="matrix numbers"' in page and 'class="coverage numbers"' in page
    # the charts are the report's (matplotlib PNGs), with the numbers in a table beside them
    import base64
    import re

    images = re.findall(r'<img class="chart" src="data:image/png;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 2 and all(base64.b64decode(d)[:8] == b"\x89PNG\r\n\x1a\n" for d, _ in images)
    from netmap.report.charts import level_heatmap

    assert level_heatmap(analysis.level_matrix, "nl").split(",")[1] == images[0][0]
    # the adviesraad lacks 'ouders' by the shipped rules: the grid says so in its row
    grid = page.split('class="coverage numbers"')[1].split("</table>")[0]
    row = grid.split('href="/s/1/n/kbl_adviesraad"')[1].split("</tr>")[0]
    assert "ontbreekt" in row


def test_findings_filters_match_the_library(kbl_client, kbl):
    _, analysis = kbl
    for audience in library.AUDIENCES:
        page = kbl_client.get(f"/s/1/bevindingen?audience={audience}").text
        expected = sum(f.audience == audience for f in analysis.findings)
        assert f"{expected} van {len(analysis.findings)} bevindingen" in page
    page = kbl_client.get("/s/1/bevindingen?network=rkj_friesland&severity=medium").text
    expected = [f for f in analysis.findings if "rkj_friesland" in f.subjects and f.severity == "medium"]
    assert f"{len(expected)} van" in page and expected
    for f in expected:
        assert f.message.replace("'", "&#39;").replace('"', "&#34;") in page


def test_a_finding_links_to_the_map_focused_on_its_subject(kbl_client):
    page = kbl_client.get("/s/1/bevindingen?kind=isolated").text
    assert 'href="/s/1/kaart?focus=academie_vng&amp;depth=1"' in page
    map_page = kbl_client.get("/s/1/kaart?focus=academie_vng&depth=1").text
    assert 'src="/s/1/kaart/pagina?view=levels&amp;focus=academie_vng&amp;depth=1"' in map_page


def test_map_frame_is_the_library_map_with_a_hash_csp(kbl_client, kbl):
    G, analysis = kbl
    r = kbl_client.get("/s/1/kaart/pagina?focus=rkj_friesland&depth=2")
    payload = library.build_map_payload(G, findings=analysis.findings, focus="rkj_friesland", depth=2,
                                        perspectives=analysis.facts["perspectives"])
    assert r.text == library.render_page(payload)
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert csp == map_page_csp(r.text) and csp.count("'sha256-") == 3  # two scripts, one style
    assert "connect-src 'none'" in csp


def test_map_options_are_checked(kbl_client):
    assert kbl_client.get("/s/1/kaart?view=bogus").status_code == 422
    assert kbl_client.get("/s/1/kaart?depth=9").status_code == 422
    assert kbl_client.get("/s/1/kaart?depth=x").status_code == 422
    page = kbl_client.get("/s/1/kaart?focus=nobody").text
    assert "staat niet op de kaart" in page


def test_network_page_shows_members_missing_perspectives_seats_and_findings(kbl_client, kbl):
    G, analysis = kbl
    page = kbl_client.get("/s/1/n/kbl_koersgroep").text
    members = [u for u, v, d in G.in_edges("kbl_koersgroep", data=True) if d["rel"] == "membership"]
    assert f"Leden ({len(members)})" in page
    assert "jongeren (ervaringsdeskundig)" in page.split("Ontbrekende perspectieven")[1].split("</section>")[0]
    assert "Zetels en wie ze bezet" in page
    about = [f for f in analysis.findings if "kbl_koersgroep" in f.subjects]
    assert f"Bevindingen hierover ({len(about)})" in page


def test_api_returns_what_the_library_returns(kbl_client, kbl):
    G, analysis = kbl
    got = kbl_client.get("/api/v1/snapshots/1/analysis").json()
    # the one private person of the example keeps the library's pseudonym, as on the map
    private = [n for n, d in G.nodes(data=True) if d["private"]]
    assert private == ["wo_pleegzorg"]
    alias = library.pseudonyms(G.nodes(data=True), False)["wo_pleegzorg"]
    want = json.loads(json.dumps(analysis.to_dict()).replace('"wo_pleegzorg"', f'"{alias}"'))
    assert "wo_pleegzorg" not in json.dumps(got)
    for data in (got, want):
        data["summary"].pop("timings")
    assert got == want
    findings = kbl_client.get("/api/v1/snapshots/1/findings?audience=bureau").json()
    assert findings == [f for f in want["findings"] if f["audience"] == "bureau"]
    english = kbl_client.get("/api/v1/snapshots/1/findings?lang=en").json()
    assert [f["message"] for f in english] == [f.message for f in analysis.in_language(G, "en").findings]
    graph = kbl_client.get("/api/v1/snapshots/1/graph?focus=rkj_friesland&depth=2").json()
    assert graph == json.loads(json.dumps(library.build_map_payload(
        G, findings=analysis.findings, focus="rkj_friesland", depth=2, perspectives=analysis.facts["perspectives"])))
    node = kbl_client.get("/api/v1/snapshots/1/nodes/rkj_friesland").json()
    assert node["node"]["label"] == G.nodes["rkj_friesland"]["name"]
    assert kbl_client.get("/api/v1/snapshots/1/nodes/nobody").status_code == 404
    assert kbl_client.get("/api/v1/snapshots/1/findings?lang=fr").status_code == 422
    spec = kbl_client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/snapshots", "/api/v1/snapshots/{sid}/graph", "/api/v1/diff"} <= set(spec["paths"])
    assert kbl_client.get("/docs").status_code == 404  # its scripts would come from a CDN


def test_analysis_is_computed_once_per_snapshot(tmp_path, monkeypatch):
    calls = []
    real = library.analyse
    monkeypatch.setattr(library, "analyse", lambda *a, **k: calls.append(1) or real(*a, **k))
    with TestClient(create_app(tmp_path / "ws")) as client:
        for url in ["/s/1", "/s/1?lang=en", "/s/1/bevindingen", "/s/1/n/nji", "/api/v1/snapshots/1/findings",
                    "/api/v1/snapshots/1/findings?lang=en", "/s/1"]:
            assert client.get(url).status_code == 200
    assert len(calls) == 1



def test_a_pair_of_snapshots_is_compared_once_per_language(fresh_client, monkeypatch):
    """The diff page, the overview's change, the change map and the diff JSON share one comparison."""
    calls = []
    real = library.compare_versions
    monkeypatch.setattr(library, "compare_versions", lambda *a, **k: calls.append(1) or real(*a, **k))
    post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")))
    for lang in ("nl", "en"):
        for url in ("/momentopnamen/verschil?old=1&new=2", "/s/2", "/momentopnamen/verschil/kaart?old=1&new=2",
                    "/api/v1/diff?old=1&new=2"):
            url += ("&" if "?" in url else "?") + f"lang={lang}"
            assert fresh_client.get(url).status_code == 200, url
    assert len(calls) == 2

def test_cached_answers_keep_their_headers_and_an_upload_empties_the_cache(fresh_client):
    first = fresh_client.get("/s/1/n/rkj_friesland")
    hits = state(fresh_client).responses.hits
    again = fresh_client.get("/s/1/n/rkj_friesland")
    assert state(fresh_client).responses.hits == hits + 1
    assert again.text == first.text and again.headers["content-security-policy"] == first.headers[
        "content-security-policy"] and again.headers["x-content-type-options"] == "nosniff"
    frame = [fresh_client.get("/s/1/kaart/pagina") for _ in range(2)]
    assert frame[0].headers["content-security-policy"] == frame[1].headers["content-security-policy"]
    assert "sha256-" in frame[1].headers["content-security-policy"]
    assert first.text.count('<td>aanwezig</td>') == 1
    assert post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4"))).status_code == 303
    after = fresh_client.get("/s/1/n/rkj_friesland").text
    assert after.count('<td>aanwezig</td>') == 2  # the history now shows snapshot 2
    assert len(fresh_client.get("/api/v1/snapshots").json()) == 2


def test_empty_workspace_renders_every_page(tmp_path):
    with TestClient(create_app(tmp_path / "ws", seed_example=False)) as client:
        home = client.get("/")
        assert_strict_page(home)
        assert "Er zijn nog geen momentopnamen" in home.text
        assert_strict_page(client.get("/momentopnamen"))
        assert client.get("/s/1").status_code == 404
        assert client.get("/api/v1/snapshots").json() == []
        assert client.get("/api/v1/snapshots/1/findings").status_code == 404


def test_first_start_seeds_the_example_and_a_restart_keeps_the_workspace(tmp_path):
    ws = tmp_path / "ws"
    with TestClient(create_app(ws)) as client:
        first = client.get("/api/v1/snapshots").json()
    assert [s["id"] for s in first] == [1] and first[0]["uploader"] == "anoniem"
    assert first[0]["counts"] == read_dataset(example_path()).counts()
    assert (ws / "netmap.sqlite").is_file()
    with TestClient(create_app(ws)) as client:
        assert client.get("/api/v1/snapshots").json() == first


def stored_files(client: TestClient) -> list[Path]:
    ws = state(client).service.workspace
    return sorted(p for folder in (ws.runs, ws.files, ws.tmp) for p in folder.rglob("*"))


def test_a_broken_upload_shows_every_problem_and_stores_nothing(fresh_client):
    before = stored_files(fresh_client)
    r = post_file(fresh_client, "unknown_level.yaml", (BAD / "unknown_level.yaml").read_bytes())
    assert r.status_code == 200
    assert_strict_page_status(r)
    assert "is niet opgeslagen" in r.text
    rows = r.text.split('<table class="problems">')[1].split("</table>")[0]
    assert "<td>organisations</td>" in rows or "organisations" in rows
    assert "<td>level</td>" in rows and "V" in rows
    assert stored_files(fresh_client) == before
    assert len(fresh_client.get("/api/v1/snapshots").json()) == 1
    for bad in ("broken.xlsx", "not_yaml.yaml", "dangling_id.yaml"):
        r = post_file(fresh_client, bad, (BAD / bad).read_bytes())
        assert r.status_code == 200 and "is niet opgeslagen" in r.text
    assert "het bestand is leeg" in post_file(fresh_client, "leeg.yaml", b"").text
    assert stored_files(fresh_client) == before


def assert_strict_page_status(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and not INLINE_SCRIPT.search(response.text)


def test_a_valid_csv_zip_becomes_a_snapshot_and_shows_the_diff(fresh_client):
    later = example_path("kbl-2026q4")
    r = post_file(fresh_client, "kbl-2026q4.zip", csv_zip(later))
    assert r.status_code == 303 and r.headers["location"] == "/momentopnamen/verschil?old=1&new=2&stored=2"
    diff = fresh_client.get(r.headers["location"])
    assert diff.status_code == 200 and "Opgeslagen als momentopname 2" in diff.text
    want, _, _ = compare_versions(read_dataset(example_path()), read_dataset(later))
    counts = want.counts()
    overview = fresh_client.get("/s/2").text
    assert "Vergeleken met momentopname 1" in overview
    assert f"{len(want.findings_opened)} nieuwe bevindingen" in overview
    assert (f"<td>Actoren</td><td>{counts['nodes']['added']}</td><td>{counts['nodes']['removed']}</td>"
            f"<td>{counts['nodes']['changed']}</td>") in overview
    api = fresh_client.get("/api/v1/diff?old=1&new=2").json()
    assert api["counts"] == json.loads(json.dumps(counts))
    assert fresh_client.get("/api/v1/snapshots").json()[-1]["source"] == "kbl-2026q4.zip"
    diff_map = fresh_client.get("/momentopnamen/verschil/kaart?old=1&new=2")
    assert diff_map.status_code == 200 and "'unsafe-inline'" not in diff_map.headers["content-security-policy"]
    for url in page_urls(fresh_client, 2):
        assert_strict_page(fresh_client.get(url))


def test_shutting_down_lets_the_uploads_under_way_finish(tmp_path):
    """An upload's thread draws the overview's charts after its answer. Left running when the interpreter
    exits, it was stopped inside matplotlib's font code and the process aborted ("terminate called without
    an active exception", exit code 134); the service's shutdown now joins it, and it is no daemon."""
    import threading

    with TestClient(create_app(tmp_path / "ws")) as client:
        post_file(client, "kbl-2026q4.zip", csv_zip(example_path("kbl-2026q4")))  # waits for the answer only
        uploads = [t for t in threading.enumerate() if t.name.startswith("upload-")]
        assert all(not t.daemon for t in uploads)
    assert not [t for t in uploads if t.is_alive()]
    assert len(state(client).service.snapshots()) == 2


def test_the_overviews_change_uses_the_diff_reports_words(fresh_client):
    """A finding that is gone may have been resolved or lost its subject: the overview says 'opgelost of
    verdwenen' as the diff report does, and counts ties as 'relaties', the word its change table uses."""
    post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")))
    for lang in ("nl", "en"):
        overview = fresh_client.get("/s/2" + ("?lang=en" if lang == "en" else "")).text
        sentence = re.search(r"(\d+) " + re.escape(t("web.findings_opened", lang)) + r", (\d+) ([^.<]+)\.", overview)
        assert sentence and sentence.group(3) == {"nl": "bevindingen opgelost of verdwenen",
                                                  "en": "findings resolved or gone"}[lang], sentence
        ties = t("diff.ties", lang)
        assert f"<td>{ties}</td>" in overview  # the change table's row
        assert re.search(r'<span class="n">\d+</span> ' + ties.lower() + "</li>", overview), lang


def test_upload_through_the_api(fresh_client):
    bad = fresh_client.post("/api/v1/snapshots", files={"file": ("x.yaml", (BAD / "unknown_level.yaml").read_bytes())})
    assert bad.status_code == 422
    assert {"table", "row", "column", "value", "message"} <= set(bad.json()["problems"][0])
    good = fresh_client.post("/api/v1/snapshots",
                             files={"file": ("kbl.zip", csv_zip(example_path("kbl-2026q4")))})
    assert good.status_code == 201 and good.json()["id"] == 2


@pytest.mark.parametrize("name", ["../evil.yaml", "..\\evil.yaml", "/etc/evil.yaml", "sub/evil.yaml",
                                  ".hidden.yaml", "evil.exe", ".."])
def test_upload_names_with_paths_are_refused(fresh_client, name, tmp_path):
    before = stored_files(fresh_client)
    data = yaml.safe_dump({"organisations": [{"id": "a", "name": "A"}]}).encode()
    r = post_file(fresh_client, name, data)
    assert r.status_code == 200 and "is niet opgeslagen" in r.text, name
    assert "geweigerd" in r.text or "onbekend bestandstype" in r.text
    assert stored_files(fresh_client) == before
    assert not (tmp_path / "evil.yaml").exists()


@pytest.mark.parametrize("name", ["C:\\temp\\evil.yaml", "c:evil.yaml", "a/../b.yaml", "\\\\server\\x.yaml",
                                  "evil.yaml\x00.xlsx"])
def test_safe_upload_name_refuses_windows_and_posix_paths(name):
    from netmap.errors import DataError
    from netmap.web.workspace import safe_upload_name

    with pytest.raises(DataError, match="geweigerd"):
        safe_upload_name(name)


def test_a_zip_with_a_path_outside_its_folder_is_refused(fresh_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("organisations.csv", "id,name\na,A\n")
        zf.writestr("../../escaped.csv", "id,name\nb,B\n")
    before = stored_files(fresh_client)
    r = post_file(fresh_client, "data.zip", buffer.getvalue())
    assert "is niet opgeslagen" in r.text and "../../escaped.csv" in r.text
    assert stored_files(fresh_client) == before
    ws = state(fresh_client).service.workspace.root
    assert not (ws / "escaped.csv").exists() and not (ws.parent / "escaped.csv").exists()


@pytest.mark.parametrize("name", ["..%2F..%2Fnetmap.sqlite", "netmap.sqlite", "..%2Fmomentopnamen",
                                  "%2Fetc%2Fpasswd", "rapport.html%00.txt"])
def test_downloads_outside_the_list_are_refused(kbl_client, name):
    r = kbl_client.get(f"/s/1/downloads/{name}")
    assert r.status_code == 404
    assert "SQLite" not in r.text


def test_every_listed_download_is_served(kbl_client, kbl):
    G, analysis = kbl
    for name in state(kbl_client).service.download_names():
        r = kbl_client.get(f"/s/1/downloads/{name}")
        assert r.status_code == 200 and r.content, name
        assert f'filename="{name}"' in r.headers["content-disposition"]
    report = kbl_client.get("/s/1/downloads/rapport.md").text
    assert report == library.render_markdown(analysis, G, full_list=library.FINDINGS_FILE)
    listed = kbl_client.get(f"/s/1/downloads/{library.FINDINGS_FILE}").text  # every finding, one row each
    assert listed.count("<tr class=") == len(analysis.findings)
    with zipfile.ZipFile(io.BytesIO(kbl_client.get("/s/1/downloads/netmap-csv.zip").content)) as zf:
        assert {"nodes.csv", "edges.csv"} <= set(zf.namelist())


def test_the_snapshot_list_names_each_count(kbl_client):
    """Each count in the snapshot list stands under a header saying what it counts, not as bare 'a / b / c / d'."""
    snapshot = state(kbl_client).service.workspace.snapshots()[0]
    for lang, headers in (("nl", ["Organisaties", "Netwerken en organen", "Personen", "Relaties"]),
                          ("en", ["Organisations", "Networks and bodies", "People", "Ties"])):
        page = kbl_client.get("/momentopnamen" + ("?lang=en" if lang == "en" else "")).text
        table = page[page.index('<table class="snapshots">'):]
        table = table[:table.index("</table>")]
        head = re.findall(r"<th[^>]*>([^<]*)</th>", table)
        assert head[4:8] == headers, head
        row = re.findall(r"<td[^>]*>([^<]*)</td>", table[table.index("<tbody>"):])
        assert row[4:8] == [str(snapshot.counts[k]) for k in ("organisations", "networks", "people", "ties")]


@pytest.mark.parametrize(("stored", "shown"), [
    ("2026-12-01T23:30:00+00:00", "2 december 2026 00:30"),  # winter: UTC+1, the next day
    ("2026-07-01T12:05:00+00:00", "1 juli 2026 14:05"),  # summer: UTC+2
    ("2026-12-01T08:00:00+01:00", "1 december 2026 08:00"),
])
def test_times_on_pages_are_dutch_time_not_utc(stored, shown):
    from netmap.web.render import local_date_text

    assert local_date_text(stored, "nl", time=True) == shown
    assert local_date_text(stored, "nl") == shown.rsplit(" ", 1)[0]
    assert local_date_text("2024-03", "nl") == "maart 2024" and local_date_text("", "nl") == ""


def test_the_snapshot_list_shows_the_upload_time_in_dutch_time(kbl_client):
    import datetime as dt
    from zoneinfo import ZoneInfo

    snapshot = state(kbl_client).service.workspace.snapshots()[0]
    local = dt.datetime.fromisoformat(snapshot.created).astimezone(ZoneInfo("Europe/Amsterdam"))
    page = kbl_client.get("/momentopnamen").text
    month = t(f"dates.month_{local.month}", "nl")
    assert f">{local.day} {month} {local.year} {local:%H:%M}</td>" in page


def test_the_snapshot_line_does_not_read_as_n_of_m(kbl_client):
    """'Snapshot 1 of 2 December 2026' reads as 'one of two': the line above every page keeps id, date, source apart."""
    snapshot = state(kbl_client).service.workspace.snapshots()[0]
    for lang, word in (("nl", "Momentopname"), ("en", "Snapshot")):
        page = kbl_client.get("/s/1/bevindingen" + ("?lang=en" if lang == "en" else "")).text
        line = re.search(r'<p class="snapshot">([^<]*)</p>', page).group(1)
        assert not re.search(r"\b(van|of) \d", line), line
        assert line.startswith(f"{word} 1 · ") and line.endswith(f" · {html.escape(snapshot.source)}"), line


def test_a_node_page_names_tie_kinds_and_writes_decimals_in_the_readers_language(kbl_client, kbl):
    """The ties table says 'leerrelatie', not the data's code 'learning'; Jaccard has a decimal comma in Dutch."""
    G, _ = kbl
    node = "kbl_werkorganisatie"
    kinds = {d["kind"] for u, v, d in G.edges(data=True) if d["rel"] == "tie" and node in (u, v)}
    assert kinds == {"learning"}
    for lang, word, jaccard in (("nl", "leerrelatie", r"Jaccard \d,\d\d\)"),
                                ("en", "learning tie", r"Jaccard \d\.\d\d\)")):
        page = kbl_client.get(f"/s/1/n/{node}" + ("?lang=en" if lang == "en" else "")).text
        ties = page[page.index(f"<h2>{t('web.ties', lang)}"):]
        cells = re.findall(r"<tr><td>.*?</td><td>([^<]*)</td>", ties[:ties.index("</table>")])
        assert cells and set(cells) == {word}, cells
        assert re.search(jaccard, page) and not re.search(r"Jaccard \d" + ("\\." if lang == "nl" else ","), page)


def test_the_downloads_page_links_every_download(kbl_client):
    """A download the service offers is reachable from the Downloads page, each with its own label."""
    for lang in ("nl", "en"):
        page = kbl_client.get("/s/1/downloads" + ("?lang=en" if lang == "en" else "")).text
        links = re.findall(r'<a href="/s/1/downloads/([^"?]+)[^"]*" download>([^<]+)</a>', page)
        assert sorted(n for n, _ in links) == sorted(state(kbl_client).service.download_names()), lang
        assert len({label for _, label in links}) == len(links), lang


def hostile_dataset() -> dict:
    return {
        "organisations": [
            {"id": "evil", "name": EVIL_NAME, "level": "II", "type": "<i>type</i>"},
            {"id": "formula", "name": "=HYPERLINK(\"http://x\")", "level": "I"},
            {"id": "geheim", "name": "Geheime Stichting", "level": "II", "private": True},
            {"id": "team/noord ?#&", "name": "Team Noord", "level": "I"},
        ],
        "networks": [{"id": "net", "name": "Netwerk \"Quote\" <b>vet</b>", "level": ["I", "II"],
                      "themes": ["<script>alert(2)</script>"]},
                     # matplotlib mathtext in a name: the charts draw it as text (it used to fail the overview)
                     {"id": "wiskunde", "name": "Kosten $\\frac{a$ en $x^2$", "level": ["I"]}],
        "people": [{"id": "jan", "name": "Jan de Vries", "role": "voorzitter", "home_organisation_id": "evil"}],
        "memberships": [{"member_id": "evil", "network_id": "net"}, {"member_id": "jan", "network_id": "net"},
                        {"member_id": "team/noord ?#&", "network_id": "net"},
                        {"member_id": "geheim", "network_id": "net"},
                        {"member_id": "formula", "network_id": "wiskunde"}],
        "ties": [{"source_id": "evil", "target_id": "formula", "kind": "learning", "theme": "**markdown** _x_"}],
    }


def test_hostile_names_are_escaped_on_every_page(fresh_client):
    r = post_file(fresh_client, "evil.yaml", yaml.safe_dump(hostile_dataset()).encode())
    assert r.status_code == 303
    for url in page_urls(fresh_client, 2):
        page = fresh_client.get(url)
        assert_strict_page(page)
        assert "<script>window.__pwned" not in page.text and "<b>vet</b>" not in page.text
        assert "<script>alert(2)" not in page.text and "<i>type</i>" not in page.text
    assert "Kosten $\\frac{a$ en $x^2$" in fresh_client.get("/s/2").text  # its chart drew (the table names it)
    net = fresh_client.get("/s/2/n/net").text
    link = 'href="/s/2/n/team%2Fnoord%20%3F%23%26"'
    assert link in net
    team = fresh_client.get("/s/2/n/team%2Fnoord%20%3F%23%26")
    assert team.status_code == 200 and "<h1>Team Noord</h1>" in team.text
    api = fresh_client.get("/api/v1/snapshots/2/nodes/team%2Fnoord%20%3F%23%26").json()
    assert api["node"]["label"] == "Team Noord"
    node = fresh_client.get("/s/2/n/evil").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&#34;quote&#39; &amp; &lt;b&gt;" in node
    frame = fresh_client.get("/s/2/kaart/pagina").text
    assert "<script>window.__pwned" not in frame  # the map's JSON escapes '<'


def test_private_nodes_never_get_a_page_or_leave_their_id(fresh_client):
    post_file(fresh_client, "evil.yaml", yaml.safe_dump(hostile_dataset()).encode())
    assert fresh_client.get("/s/2/n/geheim").status_code == 404
    texts = [fresh_client.get(u).text for u in page_urls(fresh_client, 2)]
    texts += [fresh_client.get(u).text for u in ("/api/v1/snapshots/2/analysis", "/api/v1/snapshots/2/findings",
                                                 "/api/v1/snapshots/2/nodes/net", "/api/v1/snapshots/2/graph",
                                                 "/s/2/kaart/pagina", "/s/2/downloads/bevindingen.json")]
    for text in texts:
        assert "Geheime Stichting" not in text and '"geheim"' not in text and "/n/geheim" not in text
    assert "Jan de Vries" in fresh_client.get("/s/2/n/net").text  # people are named outside roles-only mode


def test_roles_only_shows_people_as_roles_everywhere(tmp_path):
    with TestClient(create_app(tmp_path / "ws", roles_only=True)) as client:
        assert post_file(client, "evil.yaml", yaml.safe_dump(hostile_dataset()).encode()).status_code == 303
        assert client.get("/s/2/n/jan").status_code == 404
        urls = page_urls(client, 2) + ["/api/v1/snapshots/2/analysis", "/api/v1/snapshots/2/findings",
                                       "/api/v1/snapshots/2/nodes/net", "/api/v1/snapshots/2/graph",
                                       "/s/2/kaart/pagina", "/s/2/kaart/pagina?view=overlap"]
        urls += [f"/s/2/downloads/{n}" for n in state(client).service.download_names()
                 if not n.endswith((".xlsx", ".zip"))]
        for url in urls:
            text = client.get(url).text
            assert "Jan de Vries" not in text and '"jan"' not in text and "/n/jan" not in text, url
        net = client.get("/s/2/n/net").text
        assert "voorzitter" in net and "Rollenmodus" in net
        kbl_people = [n.name for n in read_dataset(example_path()).of_kind("person")]
        overview = client.get("/s/1/bevindingen").text
        assert not [name for name in kbl_people if f">{name}<" in overview]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", "10.0.0.1"])
def test_serve_refuses_a_non_loopback_host(host, tmp_path, monkeypatch):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(k))
    monkeypatch.setattr("netmap.web.server.check_port_free", lambda *a: None)
    result = CliRunner().invoke(cli_main, ["serve", "--host", host, "--workspace", str(tmp_path / "ws")])
    assert started == []
    assert result.exit_code == 1
    assert "luistert alleen op deze computer" in result.output and host in result.output
    assert not (tmp_path / "ws").exists()


def test_serve_starts_uvicorn_on_loopback_with_the_workspace(tmp_path, monkeypatch):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: started.append((app, k)))
    result = CliRunner().invoke(cli_main, ["serve", "--port", "8123", "--workspace", str(tmp_path / "ws"),
                                           "--roles-only"])
    assert result.exit_code == 0, result.output
    (app, options), = started
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert app.state.service.roles_only and (tmp_path / "ws" / "netmap.sqlite").is_file()
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_is_a_command_of_the_cli():
    result = CliRunner().invoke(cli_main, ["serve", "--help"])
    assert result.exit_code == 0 and "--roles-only" in result.output and "--workspace" in result.output


REFERENCE_COLUMNS = {"member_id", "network_id", "person_id", "constituency_id", "body_id", "source_id",
                     "target_id"}
CLEARED_COLUMNS = {"parent_id", "home_organisation_id", "host_id"}


def edited_example(tmp_path: Path, remove: str = "", add_membership: tuple[str, str] | None = None):
    """The KBL example edited as CSV text (independently of netmap.web.whatif), read and analysed."""
    import csv

    folder = tmp_path / "edited"
    shutil.copytree(example_path(), folder)
    for file in folder.glob("*.csv"):
        with open(file, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter=";"))
            header = list(rows[0]) if rows else []
        kept = []
        for row in rows:
            if row.get("id") == remove or any(row.get(c) == remove for c in REFERENCE_COLUMNS if remove):
                continue
            kept.append({k: ("" if k in CLEARED_COLUMNS and v == remove and remove else v) for k, v in row.items()})
        if add_membership and file.name == "memberships.csv":
            kept.append({"member_id": add_membership[0], "network_id": add_membership[1], "role": "member",
                         "since": "", "until": ""})
        with open(file, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, delimiter=";")
            writer.writeheader()
            writer.writerows(kept)
    return analyse(build_graph(read_dataset(folder)))


@pytest.mark.parametrize("remove, add", [("kbl_koersgroep", None), ("nji", None), ("sbj", None),
                                         ("", ("ouderplatform", "kbl_adviesraad"))])
def test_what_if_equals_analysing_the_edited_data(kbl_client, kbl, tmp_path, remove, add):
    """The change report's pairing (``pair_findings``): a finding about the same thing that reads otherwise
    after the change is changed, not closed and opened again."""
    from netmap.diff import pair_findings

    _, analysis = kbl
    opened, closed, changed = pair_findings(analysis.findings, edited_example(tmp_path, remove, add).findings)
    query = f"remove={remove}" if remove else f"member={add[0]}&network={add[1]}"
    got = kbl_client.get(f"/api/v1/snapshots/1/whatif?{query}").json()
    assert (opened or closed) and got == json.loads(json.dumps({"opened": opened, "closed": closed,
                                                                "changed": changed}))
    page = kbl_client.get(f"/s/1/watals?{query}").text
    assert f"Nieuwe bevindingen ({len(opened)})" in page and f"Bevindingen die verdwijnen ({len(closed)})" in page
    assert f"Bevindingen die veranderen ({len(changed)})" in page
    for f in changed:  # the sentence after the change, and the one it replaces
        assert f["message"] in html.unescape(page)
        assert "message" not in f["changes"] or f["changes"]["message"][0] in html.unescape(page)


def test_what_if_stores_nothing_and_names_unknown_ids(fresh_client):
    before = stored_files(fresh_client)
    assert fresh_client.get("/s/1/watals?remove=kbl_koersgroep").status_code == 200
    assert fresh_client.get("/s/1/watals?tie_from=kbl_koersgroep&tie_to=kbl_adviesraad").status_code == 200
    assert stored_files(fresh_client) == before
    assert len(fresh_client.get("/api/v1/snapshots").json()) == 1
    assert "staat niet in deze momentopname" in fresh_client.get("/s/1/watals?remove=nobody").text
    assert "geen verbinding" in fresh_client.get("/s/1/watals?tie_from=vws&tie_to=academie_vng").text
    assert "al lid" in fresh_client.get("/s/1/watals?member=vws&network=vijfhoek").text
    assert fresh_client.get("/api/v1/snapshots/1/whatif?remove=nobody").status_code == 422
    # the private person cannot be named, so not removed either
    assert "staat niet in deze momentopname" in fresh_client.get("/s/1/watals?remove=wo_pleegzorg").text


def test_what_if_takes_the_name_a_reader_types(kbl_client, kbl):
    """A reader types 'Gemeente Heerlen', not 'gem_heerlen': the name of a shown actor or network is the same
    change as its id (any case); a private person's name names nothing."""
    G, _ = kbl
    for by_name, by_id in (("remove=Gemeente+Heerlen", "remove=gem_heerlen"),
                           ("remove=kbl+koersgroep", "remove=kbl_koersgroep"),
                           ("member=Landelijk+Ouderplatform+Jeugd+(voorbeeld)&network=KBL+Adviesraad",
                            "member=ouderplatform&network=kbl_adviesraad"),
                           ("tie_from=KBL+Adviesraad&tie_to=KBL+Koersgroep",
                            "tie_from=kbl_adviesraad&tie_to=kbl_koersgroep")):
        assert kbl_client.get(f"/api/v1/snapshots/1/whatif?{by_name}").json() == \
            kbl_client.get(f"/api/v1/snapshots/1/whatif?{by_id}").json(), by_name
        page = kbl_client.get(f"/s/1/watals?{by_name}").text
        assert "staat niet in deze momentopname" not in page and "Nieuwe bevindingen (" in page, by_name
    private = G.nodes["wo_pleegzorg"]["name"]
    assert "staat niet in deze momentopname" in kbl_client.get("/s/1/watals", params={"remove": private}).text


def test_the_services_diff_equals_the_librarys(fresh_client):
    post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")))
    service = state(fresh_client).service
    for lang in ("nl", "en"):
        got = service.diff(service.view(1), service.view(2), lang)
        want, _, _ = compare_versions(read_dataset(example_path()), read_dataset(example_path("kbl-2026q4")),
                                      lang=lang)  # the CLI's comparison, both versions analysed by it
        got_d, want_d = got.to_dict(), want.to_dict()
        got_d.pop("new_source"), want_d.pop("new_source")  # the upload's file name vs the folder's
        assert got_d == want_d


@pytest.fixture(scope="module")
def synth_client(tmp_path_factory):
    """A workspace with the KBL example and the synthetic field at scale 0.1 (snapshot 2)."""
    from netmap.io.writers import write_csv_folder
    from netmap.synth import generate

    folder = tmp_path_factory.mktemp("synth")
    write_csv_folder(generate(0.1, seed=1).dataset, folder / "csv")
    with TestClient(create_app(folder / "ws")) as client:
        assert post_file(client, "veld-0.1.zip", csv_zip(folder / "csv")).status_code == 303
        for job in list(state(client).service.jobs.values()):  # on a loaded machine it may take over 3 s
            assert job.done.wait(600) and job.snapshot is not None
        yield client


def test_every_page_renders_for_the_synthetic_field_at_scale_0_1(synth_client):
    service: Service = state(synth_client).service
    view = service.view(2)
    assert view.snapshot.counts["people"] > 5000
    urls = [u for u in page_urls(synth_client, 2) if "/n/" not in u]
    kinds: dict[str, list[str]] = {}
    for n, d in view.G.nodes(data=True):
        if not view.hidden(n):
            kinds.setdefault(d["kind"], []).append(n)
    urls += [f"/s/2/n/{n}" for nodes_of_kind in kinds.values() for n in nodes_of_kind[:15]]
    urls += ["/s/2/kaart/pagina", "/s/2/kaart/pagina?view=overlap", "/momentopnamen/verschil?old=1&new=2",
             "/s/2/downloads/rapport.html", "/s/2/downloads/bevindingen.json"]
    for url in urls:
        r = synth_client.get(url)
        assert r.status_code == 200, url
        if "/pagina" not in url and "/downloads/" not in url:
            assert_strict_page(r)
    api = synth_client.get("/api/v1/snapshots/2/findings").json()
    assert len(api) == len(view.findings("nl")) > 100


def test_trends_show_the_librarys_numbers_and_offline_svg_charts(fresh_client, monkeypatch):
    post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")))
    page = fresh_client.get("/momentopnamen/trends")
    assert_strict_page(page)
    for sid, path in ((1, example_path()), (2, example_path("kbl-2026q4"))):
        summary = analyse(build_graph(read_dataset(path))).summary
        assert (f"<td>{summary['horizontal']}</td><td>{summary['vertical']}</td><td>{summary['findings']}</td>"
                in page.text), sid
    for name in ("ties", "findings", "coverage"):
        assert f'src="/momentopnamen/trends/{name}.svg"' in page.text
        svg = fresh_client.get(f"/momentopnamen/trends/{name}.svg")
        assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
        assert svg.text.lstrip().startswith("<?xml") and "<svg" in svg.text
        assert "<script" not in svg.text and "http://www.w3.org" in svg.text and "href=\"http" not in svg.text
        assert "script-src" not in svg.headers["content-security-policy"]  # default-src 'none' covers it
    assert fresh_client.get("/momentopnamen/trends/evil.svg").status_code == 404
    from netmap.web import charts

    monkeypatch.setattr(charts, "charts_available", lambda: False)
    state(fresh_client).responses.clear()
    without = fresh_client.get("/momentopnamen/trends").text
    assert "matplotlib" in without and "trends/ties.svg" not in without and "<td>21</td>" in without


def test_trends_write_decimals_and_dates_as_the_reader_does(kbl_client):
    """The mean number of perspectives has a decimal comma in Dutch (3,90, not 3.9); a chart's tick is the
    snapshot and its date in words and in Dutch time, like the table, not an ISO date."""
    from netmap.web import charts
    from netmap.web.render import local_date_text

    rows = charts.trend_rows(state(kbl_client).service, "nl")
    mean = rows[0]["mean_perspectives"]
    assert mean != int(mean)  # the KBL example: 3.9 perspectives per network on average
    state(kbl_client).responses.clear()
    for lang, shown in (("nl", f"{mean:.2f}".replace(".", ",")), ("en", f"{mean:.2f}")):
        page = kbl_client.get("/momentopnamen/trends" + ("?lang=en" if lang == "en" else "")).text
        assert f"<td>{shown}</td>" in page, lang
        tick = charts.tick_label(rows[0], lang)
        assert tick == f"{rows[0]['id']}\n{local_date_text(rows[0]['created'], lang)}", tick
        assert not re.search(r"\d{4}-\d{2}", tick)


def test_tables_of_snapshots_head_every_column(kbl_client):
    """The column of snapshot numbers is 'Momentopname' (one per row), and no column goes without a header."""
    for lang, word in (("nl", "Momentopname"), ("en", "Snapshot")):
        q = "?lang=en" if lang == "en" else ""
        for url, cls in (("/momentopnamen/trends", "trends"), ("/s/1/n/kbl_werkorganisatie", "history")):
            page = kbl_client.get(url + q).text
            table = page[page.index(f'<table class="{cls}">'):]
            head = re.findall(r"<th[^>]*>([^<]*)</th>", table[:table.index("</thead>")])
            assert head[0] == word and all(h.strip() for h in head), (url, head)


def test_work_without_an_account_is_named_in_the_readers_language(fresh_client):
    """Without accounts the seeded example and an upload were by 'anoniem' and 'lokaal', in English too:
    both are shown as work without an account; the service's own names cannot be taken by an account."""
    from netmap.web.team import RESERVED_NAMES, AccountError

    post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")))
    assert fresh_client.post("/s/1/opmerkingen", data={"target_kind": "network", "target": "kbl_adviesraad",
                                                       "body": "graag bespreken"}).status_code == 200
    for lang in ("nl", "en"):
        q = "?lang=en" if lang == "en" else ""
        snapshots = fresh_client.get("/momentopnamen" + q).text
        comments = fresh_client.get("/s/1/n/kbl_adviesraad" + q).text
        label = t("web.who_no_account", lang)
        assert snapshots.count(f"<td>{label}</td>") == 2 and f'<p class="meta">{label} · ' in comments, lang
        assert not re.search(r">(lokaal|anoniem)\b", snapshots + comments), lang
    for name in RESERVED_NAMES + ("Lokaal",):
        with pytest.raises(AccountError):
            state(fresh_client).team.add_user(name, "lezer", "een-lang-wachtwoord")
    assert state(fresh_client).team.users() == []


def test_a_slow_upload_shows_its_progress_and_then_the_result(fresh_client, monkeypatch):
    import threading

    from netmap.web import pages

    gate = threading.Event()
    service: Service = state(fresh_client).service
    real_analyse = library.analyse

    def slow_analyse(G, *args, **kwargs):
        if "rkj_nhn" in G:  # only in the later quarter
            gate.wait(30)
        return real_analyse(G, *args, **kwargs)

    monkeypatch.setattr(pages, "UPLOAD_WAIT_S", 0.2)
    monkeypatch.setattr(library, "analyse", slow_analyse)
    r = post_file(fresh_client, "q4.zip", csv_zip(example_path("kbl-2026q4")), wait=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/momentopnamen/taak/")
    job_url = r.headers["location"]
    progress = fresh_client.get(job_url, follow_redirects=False)
    assert progress.status_code == 200 and progress.headers["cache-control"] == "no-store"
    assert '<meta http-equiv="refresh" content="2">' in progress.text
    assert 'aria-current="step" class="current">Analyseren' in progress.text
    assert_strict_page(progress)
    assert fresh_client.get(job_url, follow_redirects=False).status_code == 200  # not served from the cache
    # meanwhile the other snapshot is served as usual (the upload is still held at the gate: the page did not
    # wait for it), and the new one is not listed until it is ready
    running = next(iter(service.jobs.values()))
    assert fresh_client.get("/s/1/n/nji").status_code == 200 and not running.done.is_set()
    assert fresh_client.get("/", follow_redirects=False).headers["location"] == "/s/1"
    assert [s["id"] for s in fresh_client.get("/api/v1/snapshots").json()] == [1]
    gate.set()
    job = next(iter(service.jobs.values()))
    assert job.done.wait(30)
    done = fresh_client.get(job_url, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/momentopnamen/verschil?old=1&new=2&stored=2"
    assert fresh_client.get("/momentopnamen/taak/nope").status_code == 404


def test_a_slow_upload_with_problems_shows_them_when_done(fresh_client, monkeypatch):
    from netmap.web import pages

    monkeypatch.setattr(pages, "UPLOAD_WAIT_S", 0.0)
    r = post_file(fresh_client, "bad.yaml", (BAD / "unknown_level.yaml").read_bytes())
    job = next(iter(state(fresh_client).service.jobs.values()))
    assert job.done.wait(30)
    page = fresh_client.get(r.headers["location"]) if r.status_code == 303 else r
    assert "is niet opgeslagen" in page.text and "<td>level</td>" in page.text


def test_a_libreoffice_workbook_becomes_a_snapshot(fresh_client, tmp_path):
    from netmap.io.writers import write_xlsx
    from tests.office import soffice_convert

    later = read_dataset(example_path("kbl-2026q4"))
    ods = soffice_convert(write_xlsx(later, tmp_path / "kwartaal.xlsx"), "ods", tmp_path / "ods")
    page = fresh_client.get("/momentopnamen").text
    assert 'accept=".xlsx,.ods,' in page and "(.ods)" in page
    r = post_file(fresh_client, "kwartaal.ods", ods.read_bytes())
    assert r.status_code in (200, 303) and "is niet opgeslagen" not in r.text  # 200: the progress page, on a slow run
    stored = fresh_client.get("/api/v1/snapshots").json()
    assert len(stored) == 2 and stored[-1]["counts"] == later.counts()
