"""``netmap backup`` / ``netmap restore``: a workspace as one zip file (snapshots, uploaded files, SQLite state).

The database is copied with SQLite's online backup API, so a backup taken while the
service runs is consistent (WAL mode: readers and the one writer go on meanwhile).
A restore goes into an empty or new folder only; it never overwrites a workspace.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from pathlib import Path, PurePosixPath

from netmap.errors import NetmapError
from netmap.i18n import t
from netmap.web.team import now_iso
from netmap.web.workspace import Workspace

FOLDERS = ("momentopnamen", "bestanden")
MANIFEST = "netmap-backup.json"


def backup(root: Path, target: Path, lang: str = "nl") -> dict:
    """Write the workspace at ``root`` into the zip ``target``; what it holds (counts)."""
    ws = Workspace(root)
    if not ws.db_path.is_file():
        raise NetmapError(t("web.backup_no_workspace", lang, path=root))
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "netmap.sqlite"
        with closing(sqlite3.connect(ws.db_path)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        with closing(sqlite3.connect(copy)) as db:
            counts = {name: db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]  # noqa: S608 - fixed names
                      for name in ("snapshots", "users", "triage", "comments", "shares", "audit")}
        manifest = {"format": 1, "created": now_iso(), "counts": counts}
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, allow_nan=False))
            zf.write(copy, "netmap.sqlite")
            for folder in FOLDERS:
                for file in sorted((root / folder).rglob("*")):
                    if file.is_file():
                        zf.write(file, file.relative_to(root).as_posix())
    return counts


def restore(archive: Path, root: Path, lang: str = "nl") -> dict:
    """Unpack a backup into ``root`` (new or empty); what it holds (counts)."""
    if root.exists() and any(root.iterdir()):
        raise NetmapError(t("web.restore_not_empty", lang, path=root))
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            if MANIFEST not in names or "netmap.sqlite" not in names:
                raise NetmapError(t("web.restore_not_backup", lang, path=archive))
            manifest = json.loads(zf.read(MANIFEST))
            for name in names:
                parts = PurePosixPath(name).parts
                if name != MANIFEST and name != "netmap.sqlite" and (
                        ".." in parts or name.startswith("/") or not parts or parts[0] not in FOLDERS):
                    raise NetmapError(t("web.restore_not_backup", lang, path=archive))
            root.mkdir(parents=True, exist_ok=True)
            for name in names:
                if name == MANIFEST or name.endswith("/"):
                    continue
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(name) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise NetmapError(t("web.restore_not_backup", lang, path=archive)) from err
    Workspace(root).open(seed_example=False)
    return dict(manifest.get("counts", {}))
