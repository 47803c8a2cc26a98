"""What the web layer serves from: stored snapshots, analysed once and kept in memory.

:class:`Service` owns the workspace and three caches: one :class:`SnapshotView`
per snapshot (dataset, graph, analysis; other languages reuse the facts through
``Analysis.in_language``), the diffs between pairs, and rendered map pages and
downloads (bounded, least recently used first out). No request recomputes an
analysis that has been computed before.

Privacy: a view applies the one policy (:mod:`netmap.privacy`): a hidden node has
no page and its id never leaves the server; where an id must appear (JSON, links)
it is replaced by the policy's pseudonym.
"""
from __future__ import annotations

import io
import json
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netmap.errors import DataError, NetmapError, Problem
from netmap.web import library as lib
from netmap.web.workspace import ANONYMOUS, Snapshot, Workspace

MAP_VIEWS = ("levels", "force", "overlap")
MAP_COLORS = ("level", "perspective", "type", "community")
MAX_DEPTH = 3
JOBS_KEPT = 32  # finished upload jobs kept for their pages


class LRU:
    """A small thread-safe least-recently-used cache of computed values."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: one slow map must not stall every other request
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class SnapshotView:
    """One snapshot as the service shows it: dataset, graph and analysis, privacy applied."""

    def __init__(self, snapshot: Snapshot, dataset: lib.Dataset, roles_only: bool,
                 analysed: tuple[Any, lib.Analysis] | None = None):
        self.snapshot = snapshot
        self.dataset = dataset
        self.roles_only = roles_only
        if analysed is None:
            self.G = lib.build_graph(dataset)
            self.base = lib.analyse(self.G, lang="nl", roles_only=roles_only)
        else:  # the graph and analysis read from Neo4j (--neo4j)
            self.G, self.base = analysed
        self._langs: dict[str, lib.Analysis] = {"nl": self.base}
        self._lock = threading.Lock()
        self.aliases = lib.hidden_pseudonyms(self.G, roles_only)
        self._public = {v: k for k, v in self.aliases.items()}

    def analysis(self, lang: str) -> lib.Analysis:
        """The analysis with its sentences in ``lang`` (facts computed once)."""
        with self._lock:
            if lang not in self._langs:
                self._langs[lang] = self.base.in_language(self.G, lang, self.roles_only)
            return self._langs[lang]

    def hidden(self, node: str) -> bool:
        return node in self.aliases

    def public_id(self, node: str) -> str:
        """The id a page or the API may show: the node's own, or its pseudonym when hidden."""
        return self.aliases.get(node, node)

    def node_for(self, public_id: str) -> str | None:
        """The node a public id names, if it has a page (hidden nodes have none)."""
        if public_id in self.G and public_id not in self.aliases:
            return public_id
        return None

    def label(self, node: str, lang: str) -> str:
        """The name to show; a hidden node's role or type, never its name."""
        if node not in self.G:
            return node
        data = self.G.nodes[node]
        return lib.label_of(data, lang) if node in self.aliases else data["name"]

    def public(self, data: Any) -> Any:
        """JSON-ready data with every hidden id replaced by its pseudonym (exact string matches)."""
        if not self.aliases:
            return data
        if isinstance(data, str):
            return self.aliases.get(data, data)
        if isinstance(data, list | tuple):
            return [self.public(x) for x in data]
        if isinstance(data, dict):
            return {self.aliases.get(k, k) if isinstance(k, str) else k: self.public(v) for k, v in data.items()}
        return data

    def findings(self, lang: str) -> list[lib.Finding]:
        return self.analysis(lang).findings


@dataclass
class UploadJob:
    """An upload being checked, analysed and drawn in a worker thread."""

    id: str
    name: str
    stage: str = "checking"
    started: float = field(default_factory=time.monotonic)
    snapshot: Snapshot | None = None
    problems: list[Problem] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    def set_stage(self, stage: str) -> None:
        self.stage = stage

    def seconds(self) -> int:
        return int(time.monotonic() - self.started)


@dataclass(frozen=True)
class Neo4jSettings:
    """Where ``netmap serve --neo4j`` keeps the map (the usual connection settings)."""

    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None


class Service:
    """The workspace plus the caches (see module docstring).

    With ``neo4j`` the current map lives in Neo4j: on start the latest snapshot is
    loaded there if the database holds another one, every valid upload is loaded
    (``netmap load``) before it is stored, and the latest snapshot's graph and
    analysis are read from the database (``read_graph``, ``analyse_neo4j``). Older
    snapshots, kept for diffs and history, are analysed from the workspace.
    """

    def __init__(self, workspace: Workspace, roles_only: bool = False, on_change: Callable[[], Any] | None = None,
                 neo4j: Neo4jSettings | None = None):
        self.workspace = workspace
        self.roles_only = roles_only
        self.on_change = on_change or (lambda: None)
        self.neo4j = neo4j
        self.driver: Any = None
        self._views: dict[int, SnapshotView] = {}
        self._view_lock = threading.Lock()
        self._building: dict[int, threading.Lock] = {}
        self._pending: set[int] = set()  # stored, still being analysed: not listed yet
        self._workers: set[threading.Thread] = set()  # uploads under way (joined by close)
        self._diffs = LRU(16)
        self._pages = LRU(48)
        self.jobs: dict[str, UploadJob] = {}
        #: told of every stored upload (snapshot, its view, the uploader): the audit log, reopened findings
        self.on_stored: Callable[[Snapshot, SnapshotView, str], Any] = lambda *_: None

    # --- snapshots -------------------------------------------------------------------------
    def snapshots(self) -> list[Snapshot]:
        """Every snapshot that is ready (stored and analysed), oldest first."""
        pending = self._pending
        return [s for s in self.workspace.snapshots() if s.id not in pending]

    def latest(self) -> Snapshot | None:
        found = self.snapshots()
        return found[-1] if found else None

    def view(self, snapshot_id: int) -> SnapshotView | None:
        """The analysed snapshot (computed on first use, then kept), or None if there is no such id.

        One lock per snapshot: a long analysis of one never holds up pages of another.
        """
        with self._view_lock:
            if snapshot_id in self._views:
                return self._views[snapshot_id]
            lock = self._building.setdefault(snapshot_id, threading.Lock())
        with lock:
            with self._view_lock:
                if snapshot_id in self._views:
                    return self._views[snapshot_id]
            snapshot = self.workspace.get(snapshot_id)
            if snapshot is None:
                return None
            analysed = self._from_neo4j() if self._is_loaded(snapshot) else None
            view = SnapshotView(snapshot, self.workspace.dataset(snapshot), self.roles_only, analysed)
            with self._view_lock:
                self._views[snapshot_id] = view
                self._building.pop(snapshot_id, None)
            return view

    # --- Neo4j -----------------------------------------------------------------------------
    def connect(self) -> None:
        """Open the driver and make Neo4j hold the latest snapshot (a NetmapError if it cannot)."""
        if self.neo4j is None:
            return
        from netmap.neo4j import open_driver

        s = self.neo4j
        self.driver = open_driver(s.uri, s.user, s.password, database=s.database)
        latest = self.latest()
        if latest is not None and not self._is_loaded(latest):
            self._load(self.workspace.dataset(latest), latest.fingerprint)

    def close(self, timeout: float = 120) -> None:
        """Let the uploads under way finish (at most ``timeout`` seconds each), then close the driver."""
        with self._view_lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join(timeout)
        if self.driver is not None:
            self.driver.close()
            self.driver = None

    def loaded_fingerprint(self) -> str | None:
        """The fingerprint of the completed load in Neo4j, or None."""
        from netmap.neo4j import load_status

        status = load_status(self.driver, database=self.neo4j.database if self.neo4j else None)
        return status.get("fingerprint") if status.get("status") == "complete" else None

    def _is_loaded(self, snapshot: Snapshot) -> bool:
        return self.driver is not None and self.loaded_fingerprint() == snapshot.fingerprint

    def _load(self, dataset: lib.Dataset, fingerprint: str) -> None:
        from netmap.neo4j import load_graph

        database = self.neo4j.database if self.neo4j else None
        load_graph(self.driver, lib.build_graph(dataset), database=database, source=dataset.source,
                   fingerprint=fingerprint)

    def _from_neo4j(self) -> tuple[Any, lib.Analysis]:
        from netmap.neo4j import analyse_neo4j, read_graph

        database = self.neo4j.database if self.neo4j else None
        G = read_graph(self.driver, database=database)
        return G, analyse_neo4j(self.driver, database=database, lang="nl", roles_only=self.roles_only)

    def upload(self, name: str, data: bytes, lang: str, stage: Callable[[str], Any] | None = None,
               uploader: str = ANONYMOUS) -> Snapshot:
        """Check and store an upload (a DataError lists every problem; nothing stored then).

        ``stage`` is told each step (``checking``, ``loading`` with Neo4j, ``analysing``, ``drawing``)
        for a progress page.
        """
        stage = stage or (lambda _: None)
        stage("checking")
        dataset, path = self.workspace.check_upload(name, data, lang)
        try:
            if self.driver is not None:  # --neo4j: an upload is a `netmap load`; nothing stored if it fails
                stage("loading")
                self._load(dataset, lib.fingerprint(dataset))
            with self._view_lock:  # listed only once analysed, so no page waits for it
                snapshot = self.workspace.add(dataset, path.name, original=path, uploader=uploader)
                self._pending.add(snapshot.id)
        finally:
            self.workspace.discard(path)
        try:
            stage("analysing")
            view = self.view(snapshot.id)
            assert view is not None
            stage("drawing")
            self.map_page(view, "levels", None, 1, "level", lang)
            self.on_stored(snapshot, view, uploader)
        finally:
            with self._view_lock:
                self._pending.discard(snapshot.id)
            self.on_change()  # the lists and every node's history now differ
        return snapshot

    def start_upload(self, name: str, data: bytes, lang: str, uploader: str = ANONYMOUS) -> UploadJob:
        """Run :meth:`upload` in a thread; the job tells its stage, and its snapshot or problems at the end."""
        job = UploadJob(secrets.token_urlsafe(9), name)
        with self._view_lock:
            self.jobs[job.id] = job
            for old in [k for k, j in self.jobs.items() if j.done.is_set() and j is not job][:-JOBS_KEPT]:
                del self.jobs[old]

        def work() -> None:
            try:
                job.snapshot = self.upload(name, data, lang, job.set_stage, uploader)
            except DataError as err:
                job.problems = list(err.problems)
            except NetmapError as err:
                job.problems = [Problem(name, str(err))]
            except Exception as err:  # noqa: BLE001 - reported in the page, never a traceback
                job.problems = [Problem(name, f"{type(err).__name__}: {err}")]
            finally:
                job.done.set()
            try:
                if job.snapshot is not None:  # after the answer: the first overview then reads its charts cached
                    view = self.view(job.snapshot.id)
                    if view is not None:
                        self.overview_charts(view, lang)
            finally:
                with self._view_lock:
                    self._workers.discard(thread)

        # not a daemon: a daemon thread still drawing when the interpreter exits is stopped inside matplotlib's
        # font code, which aborts the whole process ("terminate called without an active exception")
        thread = threading.Thread(target=work, name=f"upload-{job.id}", daemon=False)
        with self._view_lock:
            self._workers.add(thread)
        thread.start()
        return job

    # --- diffs -----------------------------------------------------------------------------
    def compared(self, old: SnapshotView, new: SnapshotView, lang: str) -> tuple[lib.DatasetDiff, lib.Dataset,
                                                                                  lib.Dataset]:
        """The library's comparison of two snapshots, the CLI's (``compare_versions``): the diff and both
        versions as compared, a node private in either hidden in both. Cached per pair and language; the
        analysis part comes from the snapshots' cached analyses (their facts, reworded where the rule hides
        more than a snapshot's own data)."""
        key = ("compared", old.snapshot.id, new.snapshot.id, lang)
        return self._diffs.get(key, lambda: lib.compare_versions(
            old.dataset, new.dataset, lang=lang, roles_only=self.roles_only,
            analyses=(old.analysis(lang), new.analysis(lang))))

    def diff(self, old: SnapshotView, new: SnapshotView, lang: str) -> lib.DatasetDiff:
        """The diff of two snapshots (:meth:`compared`)."""
        return self.compared(old, new, lang)[0]

    def diff_blocks(self, old: SnapshotView, new: SnapshotView, lang: str) -> list:
        """The diff report's blocks (the page and the share link's offline page show them)."""
        result, before, after = self.compared(old, new, lang)
        return lib.diff_blocks(result, before, after, lang, self.roles_only)

    def diff_page(self, old: SnapshotView, new: SnapshotView, lang: str) -> str:
        return self._pages.get(("diff", old.snapshot.id, new.snapshot.id, lang),
                               lambda: lib.render_diff_html(self.diff_blocks(old, new, lang), lang))

    def diff_map(self, old: SnapshotView, new: SnapshotView, lang: str) -> str:
        def draw() -> str:
            result, before, after = self.compared(old, new, lang)
            return self._written(lambda path: lib.write_diff_map(before, after, path, lang, self.roles_only,
                                                                 diff=result), ".html").decode("utf-8")
        return self._pages.get(("diffmap", old.snapshot.id, new.snapshot.id, lang), draw)

    def diff_json(self, old: SnapshotView, new: SnapshotView, lang: str) -> dict:
        """The diff report's JSON; every hidden node's id a pseudonym, as in all the service's JSON."""
        result, before, after = self.compared(old, new, lang)
        return lib.diff_json(result, before, after, self.roles_only, pseudonymous=True)

    # --- maps ------------------------------------------------------------------------------
    def map_page(self, view: SnapshotView, kind: str, focus: str | None, depth: int, color: str, lang: str) -> str:
        """The offline map page (the same file ``netmap map`` writes) for these options, cached."""
        key = ("map", view.snapshot.id, kind, focus, depth, color, lang)

        def draw() -> str:
            findings = view.findings(lang)
            if kind == "overlap":
                return self._written(lambda path: lib.write_overlap_map(
                    view.G, path, findings=findings, lang=lang, roles_only=self.roles_only), ".html").decode()
            payload = lib.build_map_payload(view.G, view=kind, findings=findings, lang=lang,
                                            roles_only=self.roles_only, focus=focus, depth=depth, color_by=color,
                                            perspectives=view.base.facts.get("perspectives"))
            return lib.render_page(payload)
        return self._pages.get(key, draw)

    def graph_payload(self, view: SnapshotView, kind: str, focus: str | None, depth: int, lang: str) -> dict:
        """The map data as JSON (what the map page draws), privacy applied by the map builder."""
        return lib.build_map_payload(view.G, view=kind, findings=view.findings(lang), lang=lang,
                                     roles_only=self.roles_only, focus=focus, depth=depth,
                                     perspectives=view.base.facts.get("perspectives"))

    # --- downloads -------------------------------------------------------------------------
    def download_names(self) -> list[str]:
        """Every file a snapshot offers, by the name it is downloaded as."""
        names = [*lib.REPORT_FILES.values(), lib.FINDINGS_FILE, lib.FINDINGS_JSON, *lib.MAP_FILES]
        return names + [export_name(fmt) for fmt in lib.EXPORT_FORMATS]

    def download(self, view: SnapshotView, name: str, lang: str, triage: lib.Triage | None = None) -> bytes | None:
        """The bytes of one download, or None for a name not in :meth:`download_names`.

        ``triage`` (``Finding.key`` -> status, author, at, reason): the report lists the open
        findings and, apart, the triaged ones; it is part of the cache key, so a new status shows."""
        if name not in self.download_names():
            return None
        marks = tuple(sorted((k, tuple(sorted(v.items()))) for k, v in (triage or {}).items())) \
            if name in lib.REPORT_FILES.values() else ()
        return self._pages.get(("download", view.snapshot.id, name, lang, marks),
                               lambda: self._make(view, name, lang, triage))

    def coverage(self, view: SnapshotView) -> tuple[list[str], list[dict]]:
        """Networks and bodies x perspectives (present, missing, prescribed), from the analysis's facts, once."""
        return self._pages.get(("coverage", view.snapshot.id), lambda: lib.coverage_rows(view.base, view.G))

    def overview_charts(self, view: SnapshotView, lang: str) -> dict[str, str | None]:
        """The overview's heatmap and coverage grid as PNG data URIs: the report's own charts, drawn once."""
        def draw() -> dict[str, str | None]:
            analysis = view.analysis(lang)
            codes, rows = self.coverage(view)
            labels = {r["network"]: view.label(r["network"], lang) for r in rows}
            return {"heatmap": lib.level_heatmap(analysis.level_matrix, lang),
                    "coverage": lib.coverage_chart(rows, codes, labels, lang)}
        return self._pages.get(("charts", view.snapshot.id, lang), draw)

    def _make(self, view: SnapshotView, name: str, lang: str, triage: lib.Triage | None = None) -> bytes:
        analysis = view.analysis(lang)
        if name in lib.REPORT_FILES.values():
            render = lib.render_html if name == lib.REPORT_FILES["html"] else lib.render_markdown
            # the full list is a download beside it: the report's relative links reach it
            return render(analysis, view.G, lang, self.roles_only, triage=triage,
                          full_list=lib.FINDINGS_FILE).encode("utf-8")
        if name == lib.FINDINGS_FILE:
            return lib.render_findings_html(analysis, view.G, lang, self.roles_only,
                                            report=lib.REPORT_FILE).encode("utf-8")
        if name == lib.FINDINGS_JSON:
            return json.dumps(view.public(analysis.to_dict()), ensure_ascii=False, indent=2).encode("utf-8")
        if name in lib.MAP_FILES:
            return self.map_page(view, lib.MAP_FILES[name], None, 1, "level", lang).encode("utf-8")
        fmt = next(f for f in lib.EXPORT_FORMATS if export_name(f) == name)
        if fmt == "csv":
            return self._written_folder(lambda p: lib.write_export(view.dataset, fmt, p, self.roles_only))
        return self._written(lambda p: lib.write_export(view.dataset, fmt, p, self.roles_only),
                             Path(lib.EXPORT_NAMES[fmt]).suffix)

    def _written(self, write: Callable[[Path], Any], suffix: str) -> bytes:
        """Run a library writer into a scratch file and return what it wrote."""
        with tempfile.TemporaryDirectory(dir=self.workspace.tmp) as scratch:
            path = Path(scratch) / f"out{suffix}"
            write(path)
            return path.read_bytes()

    def _written_folder(self, write: Callable[[Path], Any]) -> bytes:
        """Run a library writer of a folder and return the folder as a zip."""
        with tempfile.TemporaryDirectory(dir=self.workspace.tmp) as scratch:
            folder = Path(scratch) / "out"
            write(folder)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
                for file in sorted(folder.rglob("*")):
                    if file.is_file():
                        zf.write(file, file.relative_to(folder).as_posix())
            shutil.rmtree(folder, ignore_errors=True)
            return buffer.getvalue()


def export_name(fmt: str) -> str:
    """The download name of an export format (a folder format comes as a zip)."""
    name = lib.EXPORT_NAMES[fmt]
    return f"{name}.zip" if fmt == "csv" else name
