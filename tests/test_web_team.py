"""Team use of netmap serve (issue 14): accounts, roles, the gate over the route table, CSRF, sessions,
throttling, privacy by role, triage across snapshots, comments, share links, audit log, backups, concurrency."""
from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from netmap.cli import main as cli_main
from netmap.dataset import example_path, read_dataset
from netmap.web.access import SESSION_COOKIE, UNSAFE, flat_routes, level_of
from netmap.web.app import create_app
from netmap.web.team import DEFAULT_NAME_ROLES, THROTTLE_MAX

PASSWORD = "correct horse battery"
ROLES = ("beheerder", "werkorganisatie", "lezer")
PEOPLE = [n.name for n in read_dataset(example_path()).of_kind("person")]
ALLOWED = {"public": set(ROLES) | {"anonymous", "share", "expired"},
           "read": set(ROLES), "comment": set(ROLES), "write": {"beheerder", "werkorganisatie"},
           "admin": {"beheerder"}, "share": {"share"}}


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    r = client.post("/login", data={"name": name, "password": password}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/momentopnamen").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    """A workspace with one account per role, a share link and an expired and a revoked one."""
    root = tmp_path_factory.mktemp("team") / "ws"
    app = create_app(root)
    store = app.state.team
    for role in ROLES:
        store.add_user(role, role, PASSWORD)
    token, _ = store.add_share("overview", {"sid": 1}, "werkorganisatie")
    expired, share = store.add_share("overview", {"sid": 1}, "werkorganisatie")
    with store._tx() as db:
        db.execute("UPDATE shares SET expires = ? WHERE id = ?", (time.time() - 1, share.id))
    revoked, share = store.add_share("overview", {"sid": 1}, "werkorganisatie")
    store.revoke_share(share.id, "werkorganisatie")
    clients = {"anonymous": TestClient(app)}
    csrf = {}
    for role in ROLES:
        clients[role] = TestClient(app)
        csrf[role] = login(clients[role], role)
    return {"app": app, "clients": clients, "csrf": csrf, "token": token, "expired": expired, "revoked": revoked,
            "root": root}


def concrete(path: str, team: dict, who: str) -> str:
    token = {"share": team["token"], "expired": team["expired"]}.get(who, team["token"])
    values = {"sid": "1", "n": "0", "node_id": "kbl", "token": token, "share_id": "nope", "job_id": "nope",
              "name": "niveaus", "fmt": "json", "path": "web.css"}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m.group(1), "1"), path)


def all_routes(app):
    for route in flat_routes(app):
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD":
                yield route, method


def test_every_route_declares_its_access_level(team):
    undeclared = [r.path for r, _ in all_routes(team["app"]) if getattr(r, "endpoint", None) is not None
                  and level_of(r.endpoint) is None]
    assert undeclared == []


@pytest.mark.parametrize("who", ["anonymous", *ROLES, "share", "expired"])
def test_role_by_route_matrix(team, who):
    """Every route of the app's own table, for every kind of caller: allowed, or refused with no data."""
    app = team["app"]
    client = team["clients"].get(who, team["clients"]["anonymous"])
    problems = []
    for route, method in all_routes(app):
        if not hasattr(route, "endpoint"):
            continue
        level = level_of(route.endpoint)
        path = concrete(route.path, team, who)
        if route.path == "/afmelden":
            continue  # logging out would end the shared sessions; test_session_fixation_and_logout_everywhere
        if level == "public":
            continue  # the login page, the icon: the same for everyone (a failed login is not a refusal)
        data = {"csrf": team["csrf"].get(who, "")}
        r = client.request(method, path, data=data if method in UNSAFE else None, follow_redirects=False)
        allowed = who in ALLOWED[level] or (level == "share" and who == "share")
        if level == "share" and who != "share":
            allowed = False
        refused = r.status_code in (401, 403) or (r.status_code == 303 and "/login" in r.headers.get("location", "")
                                                   and path != "/login")
        if level == "share" and who != "share":
            # another caller on a share route is refused for its token only if the token is bad
            if who == "expired":
                refused = r.status_code == 404
            else:
                continue  # a valid token opens the view for anyone who holds it: that is what a link is
        if allowed and refused:
            problems.append(f"{who} refused {method} {path}: {r.status_code}")
        if not allowed and not refused and level != "public":
            problems.append(f"{who} allowed {method} {path}: {r.status_code}")
        if refused:
            body = r.text
            if any(name in body for name in PEOPLE) or "Jeugdhulp" in body or len(body) > 600:
                problems.append(f"{who} refused {method} {path} but the body holds data")
    assert problems == []


def test_undeclared_route_is_refused_to_everyone(tmp_path):
    app = create_app(tmp_path / "ws")

    @app.get("/nieuw")
    def new_route() -> dict:
        return {"secret": 1}

    app.state.flat_routes = None
    with TestClient(app) as client:
        assert client.get("/nieuw").status_code == 403  # no accounts: even the local user is refused


def test_csrf_on_every_state_changing_route(team):
    client = team["clients"]["beheerder"]
    for route, method in all_routes(team["app"]):
        if method not in UNSAFE or not hasattr(route, "endpoint") or route.path == "/login":
            continue
        path = concrete(route.path, team, "beheerder")
        r = client.request(method, path, data={"csrf": "wrong"}, follow_redirects=False)
        assert r.status_code == 403, (method, path, r.status_code)
        r = client.request(method, path, follow_redirects=False)
        assert r.status_code == 403, (method, path, r.status_code)
    r = client.post("/s/1/opmerkingen", data={"target_kind": "finding", "target": "0", "body": "x",
                                               "csrf": team["csrf"]["beheerder"]},
                    headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert r.status_code == 403


def test_session_fixation_and_logout_everywhere(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("anne", "werkorganisatie", PASSWORD)
    a, b = TestClient(app), TestClient(app)
    r = a.post("/login", data={"name": "anne", "password": PASSWORD}, headers={"Cookie": f"{SESSION_COOKIE}=planted"},
               follow_redirects=False)
    issued = r.cookies.get(SESSION_COOKIE)
    assert issued and issued != "planted"
    b.cookies.set(SESSION_COOKIE, "planted")
    assert b.get("/s/1", follow_redirects=False).status_code == 303  # the planted id is no session
    csrf = login(b, "anne")
    first = issued
    assert a.get("/s/1").status_code == 200
    r = b.post("/afmelden", data={"csrf": csrf, "everywhere": "1"}, follow_redirects=False)
    assert r.status_code == 303
    a.cookies.set(SESSION_COOKIE, first)
    assert a.get("/s/1", follow_redirects=False).status_code == 303


def test_cookie_flags(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("anne", "lezer", PASSWORD)
    r = TestClient(app).post("/login", data={"name": "anne", "password": PASSWORD}, follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    r = TestClient(app, base_url="https://testserver").post("/login", data={"name": "anne", "password": PASSWORD},
                                                            follow_redirects=False)
    assert "secure" in r.headers["set-cookie"].lower()


def test_login_throttling(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("anne", "lezer", PASSWORD)
    client = TestClient(app)
    for _ in range(THROTTLE_MAX):
        assert client.post("/login", data={"name": "anne", "password": "wrong password"}).status_code == 401
    r = client.post("/login", data={"name": "anne", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 429 and SESSION_COOKIE not in r.headers.get("set-cookie", "")
    # per address too: many names from one client
    for i in range(4 * THROTTLE_MAX):
        client.post("/login", data={"name": f"x{i}", "password": "wrong password"})
    app.state.team.add_user("bert", "lezer", PASSWORD)
    assert client.post("/login", data={"name": "bert", "password": PASSWORD}).status_code == 429
    rows = app.state.team._read("SELECT COUNT(*) AS n FROM login_failures")[0]["n"]
    assert rows <= 2 * (5 * THROTTLE_MAX + 1)


def test_api_upload_with_the_session_token(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("werk", "werkorganisatie", PASSWORD)
    c = TestClient(app)
    login(c, "werk")
    token = c.get("/api/v1/session").json()["csrf"]
    from netmap.io.writers import write_xlsx

    sample = write_xlsx(read_dataset(example_path("kbl-2026q4")), tmp_path / "q4.xlsx")
    files = {"file": (sample.name, sample.read_bytes())}
    assert c.post("/api/v1/snapshots", files=files).status_code == 403
    r = c.post("/api/v1/snapshots", files=files, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    assert r.json()["uploader"] == "werk"
    assert TestClient(app).get("/api/v1/snapshots").status_code == 401


def test_idor_refused(team):
    c, csrf = team["clients"]["werkorganisatie"], team["csrf"]["werkorganisatie"]
    assert c.post("/delen/ffffffffffff/intrekken", data={"csrf": csrf}).status_code == 404
    assert c.post("/s/1/opmerkingen", data={"csrf": csrf, "target_kind": "actor", "target": "no-such-node",
                                            "body": "x"}).status_code == 404
    assert c.post("/s/1/bevinding/99999/status", data={"csrf": csrf, "status": "erkend"}).status_code == 404
    assert c.post("/s/999/opmerkingen", data={"csrf": csrf, "target_kind": "finding", "target": "0",
                                              "body": "x"}).status_code == 404
    lezer = team["clients"]["lezer"]
    assert lezer.post("/delen/x/intrekken", data={"csrf": team["csrf"]["lezer"]}).status_code == 403


def test_privacy_by_role_in_every_body(team):
    """lezer and share link: no person's name in any page, API answer or download; werkorganisatie: names."""
    paths = ["/s/1", "/s/1/bevindingen", "/s/1/actoren", "/s/1/kaart/pagina", "/api/v1/snapshots/1/analysis",
             "/api/v1/snapshots/1/findings", "/api/v1/snapshots/1/graph", "/s/1/bevinding/0",
             "/s/1/downloads/rapport.html", "/s/1/downloads/bevindingen.json", "/s/1/downloads/rapport.md"]
    team["app"].state.team.set_name_roles(DEFAULT_NAME_ROLES, "test")  # the matrix posted an empty setting
    lezer, werk = team["clients"]["lezer"], team["clients"]["werkorganisatie"]
    seen_names = False
    for path in paths:
        body = lezer.get(path).text
        leaked = [n for n in PEOPLE if n in body]
        assert leaked == [], (path, leaked[:3])
        seen_names |= any(n in werk.get(path).text for n in PEOPLE)
    assert seen_names
    shared = TestClient(team["app"]).get(f"/l/{team['token']}").text
    assert not [n for n in PEOPLE if n in shared]


def test_name_roles_setting(tmp_path):
    app = create_app(tmp_path / "ws")
    store = app.state.team
    store.add_user("boss", "beheerder", PASSWORD)
    store.add_user("lea", "lezer", PASSWORD)
    boss, lea = TestClient(app), TestClient(app)
    csrf = login(boss, "boss")
    login(lea, "lea")
    assert not any(n in lea.get("/s/1/actoren").text for n in PEOPLE)
    assert boss.post("/beheer/namen", data={"csrf": csrf, "roles": ["beheerder", "lezer"]}).status_code == 200
    assert any(n in lea.get("/s/1/actoren").text for n in PEOPLE)


def test_triage_carries_over_and_reopens(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("werk", "werkorganisatie", PASSWORD)
    c = TestClient(app)
    csrf = login(c, "werk")
    r = c.post("/s/1/bevinding/0/status", data={"csrf": csrf, "status": "niet_van_toepassing", "reason": ""})
    assert r.status_code == 422  # a reason is needed
    c.post("/s/1/bevinding/0/status", data={"csrf": csrf, "status": "niet_van_toepassing", "reason": "bewust zo"})
    c.post("/s/1/bevinding/1/status", data={"csrf": csrf, "status": "opgelost", "reason": ""})
    from netmap.io.writers import write_xlsx

    write_xlsx(read_dataset(example_path()), tmp_path / "kbl.xlsx")
    r = c.post("/momentopnamen", files={"file": ("kbl.xlsx", (tmp_path / "kbl.xlsx").read_bytes())},
               data={"csrf": csrf})
    assert r.status_code == 200
    page = c.get("/s/2/bevinding/0").text
    assert "niet van toepassing" in page and "bewust zo" in page
    page = c.get("/s/2/bevinding/1").text
    assert "heropend" in page
    findings = c.get("/s/2/bevindingen").text
    assert "bewust zo" not in findings  # open only by default
    assert "bewust zo" in c.get("/s/2/bevindingen?status=all").text
    actions = [a["action"] for a in app.state.team.audit_log()]
    assert actions.count("status_changed") == 3 and "snapshot_uploaded" in actions


def test_share_link_shows_only_its_view(team):
    anon = TestClient(team["app"])
    page = anon.get(f"/l/{team['token']}")
    assert page.status_code == 200 and "Gedeelde weergave" in page.text
    assert anon.get(f"/l/{team['token']}/pagina").status_code == 404  # an overview has no map page
    assert anon.get("/s/1", follow_redirects=False).status_code == 303
    assert anon.get(f"/l/{team['revoked']}").status_code == 404
    assert anon.get(f"/l/{team['expired']}").status_code == 404


def test_share_create_list_revoke_and_audit(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("werk", "werkorganisatie", PASSWORD)
    app.state.team.add_user("boss", "beheerder", PASSWORD)
    c = TestClient(app)
    csrf = login(c, "werk")
    r = c.post("/delen", data={"csrf": csrf, "kind": "map", "sid": "1", "view": "force", "depth": "1",
                               "color": "level"})
    link = re.search(r'value="(http://testserver/l/[^"]+)"', r.text).group(1)
    anon = TestClient(app)
    path = link.replace("http://testserver", "")
    assert anon.get(path).status_code == 200 and anon.get(path + "/pagina").status_code == 200
    share_id = app.state.team.shares()[0].id
    assert c.post(f"/delen/{share_id}/intrekken", data={"csrf": csrf}).status_code == 200
    assert anon.get(path).status_code == 404 and anon.get(path + "/pagina").status_code == 404
    boss = TestClient(app)
    login(boss, "boss")
    log = boss.get("/beheer/audit.json").json()
    assert {"share_created", "share_revoked", "login"} <= {a["action"] for a in log}
    assert boss.get("/beheer/audit.csv").text.startswith("id,at,actor,action")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), app.state.team._tx() as db:
        db.execute("DELETE FROM audit")


def test_comments_escaped_with_author(team):
    c, csrf = team["clients"]["lezer"], team["csrf"]["lezer"]
    evil = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>'
    r = c.post("/s/1/opmerkingen", data={"csrf": csrf, "target_kind": "finding", "target": "2", "body": evil})
    assert r.status_code == 200
    page = c.get("/s/1/bevinding/2").text
    assert "&lt;script&gt;window.__pwned" in page and evil not in page and ">lezer ·" in page


def test_users_cli_and_backup_restore(tmp_path):
    ws = tmp_path / "ws"
    runner = CliRunner()
    r = runner.invoke(cli_main, ["users", "add", "anne", "--role", "beheerder", "--password-stdin",
                                 "--workspace", str(ws)], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_main, ["users", "add", "bob", "--role", "lezer", "--password-stdin",
                                 "--workspace", str(ws)], input="short\n")
    assert r.exit_code == 1 and "minstens 10" in r.output
    r = runner.invoke(cli_main, ["users", "add", "bob", "--role", "lezer", "--workspace", str(ws)],
                      input=PASSWORD + "\n" + PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_main, ["users", "list", "--workspace", str(ws)])
    assert "anne\tbeheerder" in r.output and "bob\tlezer" in r.output and PASSWORD not in r.output
    stored = (ws / "netmap.sqlite").read_bytes()
    assert PASSWORD.encode() not in stored and b"$argon2id$" in stored
    r = runner.invoke(cli_main, ["users", "reset-password", "bob", "--password-stdin", "--workspace", str(ws)],
                      input="another long password\n")
    assert r.exit_code == 0
    r = runner.invoke(cli_main, ["users", "remove", "bob", "--workspace", str(ws)])
    assert r.exit_code == 0
    r = runner.invoke(cli_main, ["users", "remove", "anne", "--workspace", str(ws)])
    assert r.exit_code == 1 and "laatste beheerder" in r.output
    assert runner.invoke(cli_main, ["users", "remove", "bob", "--workspace", str(ws)]).exit_code == 1
    app = create_app(ws)  # seeds the example
    app.state.team.add_comment("actor", "kbl", "bewaard", "anne")
    r = runner.invoke(cli_main, ["backup", str(tmp_path / "b.zip"), "--workspace", str(ws)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_main, ["restore", str(tmp_path / "b.zip"), "--workspace", str(ws)])
    assert r.exit_code == 1  # never over a workspace
    r = runner.invoke(cli_main, ["restore", str(tmp_path / "b.zip"), "--workspace", str(tmp_path / "new")])
    assert r.exit_code == 0, r.output
    back = create_app(tmp_path / "new", seed_example=False)
    assert [u.name for u in back.state.team.users()] == ["anne"]
    assert back.state.team.comments("actor", "kbl")[0]["body"] == "bewaard"
    assert len(back.state.service.snapshots()) == 1


def test_serve_listens_beyond_loopback_only_with_accounts(tmp_path, monkeypatch):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: started.append(k))
    monkeypatch.setattr("netmap.web.server.check_port_free", lambda *a: None)
    ws = tmp_path / "ws"
    r = CliRunner().invoke(cli_main, ["serve", "--host", "0.0.0.0", "--workspace", str(ws)])
    assert r.exit_code == 1 and started == []
    CliRunner().invoke(cli_main, ["users", "add", "anne", "--role", "beheerder", "--password-stdin",
                                  "--workspace", str(ws)], input=PASSWORD + "\n")
    r = CliRunner().invoke(cli_main, ["serve", "--host", "0.0.0.0", "--workspace", str(ws)])
    assert r.exit_code == 0, r.output
    assert started[0]["host"] == "0.0.0.0"


def test_concurrent_sessions_lose_no_write(tmp_path):
    """20 sessions comment and triage at once; every write is stored and in the audit log."""
    app = create_app(tmp_path / "ws")
    store = app.state.team
    for i in range(20):
        store.add_user(f"u{i}", "werkorganisatie", PASSWORD)
    clients = []
    for i in range(20):
        c = TestClient(app)
        clients.append((c, login(c, f"u{i}")))
    before = len(store.audit_log())
    errors: list[str] = []
    start = threading.Barrier(20)

    def work(i: int) -> None:
        c, csrf = clients[i]
        start.wait()
        for k in range(3):
            r = c.post("/s/1/opmerkingen", data={"csrf": csrf, "target_kind": "finding", "target": str(k),
                                                 "body": f"u{i} c{k}"})
            if r.status_code != 200:
                errors.append(f"comment {i} {k}: {r.status_code}")
            r = c.post(f"/s/1/bevinding/{i % 5}/status", data={"csrf": csrf, "status": "erkend"})
            if r.status_code != 200:
                errors.append(f"status {i} {k}: {r.status_code}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    assert store.comment_count() == 60
    log = store.audit_log()[: len(store.audit_log()) - before]
    assert sum(a["action"] == "comment_added" for a in log) == 60
    assert sum(a["action"] == "status_changed" for a in log) == 60


def test_removing_every_account_does_not_reopen_the_workspace(tmp_path):
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("lea", "lezer", PASSWORD)
    app.state.team.remove_user("lea")
    assert TestClient(app).get("/s/1", follow_redirects=False).status_code == 303


def test_workspace_is_in_wal_mode(tmp_path):
    create_app(tmp_path / "ws")
    with sqlite3.connect(Path(tmp_path / "ws" / "netmap.sqlite")) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_triaged_findings_marked_in_the_overview_and_the_downloaded_report(tmp_path):
    """Open findings by default; the triaged ones apart, with status, by whom and why (page and report)."""
    app = create_app(tmp_path / "ws")
    app.state.team.add_user("werk", "werkorganisatie", PASSWORD)
    app.state.team.add_user("lea", "lezer", PASSWORD)
    c, lea = TestClient(app), TestClient(app)
    csrf = login(c, "werk")
    login(lea, "lea")
    view = app.state.service.view(1)
    first = view.findings("nl")[0]
    before = c.get("/s/1").text
    assert "Beoordeelde bevindingen" not in before and first.message in before
    c.post("/s/1/bevinding/0/status", data={"csrf": csrf, "status": "niet_van_toepassing",
                                            "reason": "bewust zo <b>ingericht</b>"})
    page = c.get("/s/1").text
    triaged = page.split('class="triaged"')[1].split("</section>")[0]
    assert first.message in triaged and "niet van toepassing" in triaged and "werk" in triaged
    assert "bewust zo &lt;b&gt;ingericht&lt;/b&gt;" in triaged
    top = page.split('class="top-findings"')[1].split("</section>")[0]
    assert first.message not in top  # the top findings are the open ones
    for name in ("rapport.html", "rapport.md"):
        report = c.get(f"/s/1/downloads/{name}").text
        section = report.split("Beoordeelde bevindingen")[-1]
        assert "niet van toepassing" in section and "werk" in section and "bewust zo" in section
        assert report.count(first.message) == 1  # out of the open sections, in the triaged table
    # a lezer's (roles-only) report marks it too, and still names no person
    report = lea.get("/s/1/downloads/rapport.html").text
    assert "Beoordeelde bevindingen" in report and "bewust zo" in report
    assert not [n for n in PEOPLE if n in report]
    # a new status shows in the next download (the status is part of the cache key)
    c.post("/s/1/bevinding/0/status", data={"csrf": csrf, "status": "open", "reason": ""})
    assert "Beoordeelde bevindingen" not in c.get("/s/1/downloads/rapport.html").text


def test_audit_log_shows_readable_subjects_and_withholds_names(tmp_path):
    app = create_app(tmp_path / "ws")
    store = app.state.team
    store.add_user("boss", "beheerder", PASSWORD)
    store.add_user("werk", "werkorganisatie", PASSWORD)
    boss, werk = TestClient(app), TestClient(app)
    csrf = login(werk, "werk")
    view = app.state.service.view(1)
    findings = view.findings("nl")
    n, about = next((i, f) for i, f in enumerate(findings)
                    if any(view.G.nodes[s]["kind"] == "person" for s in f.subjects if s in view.G))
    person = next(s for s in about.subjects if s in view.G and view.G.nodes[s]["kind"] == "person")
    name = view.G.nodes[person]["name"]
    werk.post(f"/s/1/bevinding/{n}/status", data={"csrf": csrf, "status": "erkend", "reason": ""})
    werk.post("/s/1/opmerkingen", data={"csrf": csrf, "target_kind": "network", "target": "rkj_friesland",
                                        "body": "goed bezig"})
    login(boss, "boss")
    audit = boss.get("/beheer").text.split('class="audit"')[1]
    assert "status van een bevinding gewijzigd" in audit and "opmerking geplaatst" in audit
    assert "RKJ Friesland" in audit and name in audit  # labels, not ids
    from netmap.web.render import local_date_text

    last = store.audit_log()[0]["at"]  # times as a reader writes them ("1 december 2026 21:43"), not ISO
    assert local_date_text(last, "nl", time=True) in audit
    assert not re.search(r"\d{4}-\d{2}-\d{2}", audit.split("</table>")[0])
    assert f'"{person}"' not in audit and "network rkj_friesland" not in audit
    # a beheerder whose role may not see names: roles-only pseudonyms in the page and in both exports
    store.set_name_roles(["werkorganisatie"], "test")
    for body in (boss.get("/beheer").text, boss.get("/beheer/audit.csv").text, boss.get("/beheer/audit.json").text):
        assert name not in body and person not in body
        assert "RKJ Friesland" in body
