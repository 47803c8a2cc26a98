"""The service's workspace: a folder with the stored snapshots and a SQLite database of their metadata.

Layout (created on first start)::

    netmap-werkruimte/
      netmap.sqlite        one row per snapshot: id, date, source file, uploader, counts, fingerprint
      momentopnamen/       each snapshot's tables as a stored run (netmap's run format, re-validated on read)
      bestanden/           the files as they were uploaded, for provenance
      tmp/                 uploads being checked; emptied after each check

Nothing is stored until a file is valid: an upload is read and validated in ``tmp/``
first; only a valid dataset gets a row and a run file. The database is the
service's own state (stdlib :mod:`sqlite3`, one short connection per call, so
uvicorn's worker threads never share one).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from netmap.dataset import example_path, read_dataset
from netmap.errors import DataError, Problem
from netmap.i18n import t
from netmap.model import Dataset
from netmap.runs import dataset_of_run, fingerprint, load_run, save_run
from netmap.web.team import ANONYMOUS, TeamStore

UPLOAD_SUFFIXES = (".xlsx", ".ods", ".yaml", ".yml", ".zip", ".csv")
MAX_ZIP_MEMBERS = 64
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
_SCHEMA = """
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    source TEXT NOT NULL,
    uploader TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    counts TEXT NOT NULL,
    run_file TEXT NOT NULL,
    upload_file TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Snapshot:
    """One stored snapshot's metadata (a row of the database)."""

    id: int
    created: str
    source: str
    uploader: str
    fingerprint: str
    counts: dict[str, int]
    run_file: str
    upload_file: str

    def to_dict(self) -> dict:
        """JSON-ready, without the workspace's file paths."""
        return {"id": self.id, "created": self.created, "source": self.source, "uploader": self.uploader,
                "fingerprint": self.fingerprint, "counts": self.counts}


def safe_upload_name(name: str, lang: str = "nl") -> str:
    """The plain file name of an upload, or a :class:`DataError` for a path, ``..`` or an unknown type.

    >>> safe_upload_name("netwerk 2026.xlsx")
    'netwerk 2026.xlsx'
    >>> safe_upload_name("../etc/passwd.yaml")
    Traceback (most recent call last):
    ...
    netmap.errors.DataError: 1 probleem gevonden in de invoer; er is niets geladen.
      - ../etc/passwd.yaml: bestandsnaam met een map erin of '..' wordt geweigerd
    """
    shown = name or "?"
    if (not name or "\x00" in name or PurePosixPath(name).name != name or PureWindowsPath(name).name != name
            or name in (".", "..") or name.startswith(".")):
        raise DataError([Problem(shown, t("web.upload_bad_name", lang))], lang)
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise DataError([Problem(shown, t("web.upload_bad_type", lang, types=", ".join(UPLOAD_SUFFIXES)))], lang)
    return name


def extract_csv_zip(archive: Path, folder: Path, lang: str = "nl") -> Path:
    """Unpack the CSV files of a zip into ``folder``; members with paths outside it are refused."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                raise DataError([Problem(archive.name, t("web.zip_too_many", lang, n=MAX_ZIP_MEMBERS))], lang)
            for member in members:
                parts = PurePosixPath(member.filename.replace("\\", "/")).parts
                if member.filename.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", member.filename):
                    raise DataError([Problem(archive.name, t("web.zip_bad_member", lang), value=member.filename)],
                                    lang)
                if not parts or not parts[-1].lower().endswith(".csv") or parts[-1].startswith("."):
                    continue  # a read-me or a folder marker is not a table
                target = folder / parts[-1]
                with zf.open(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile as err:
        raise DataError([Problem(archive.name, t("web.zip_broken", lang))], lang) from err
    return folder


class Workspace:
    """The folder of stored snapshots and their database (see the module docstring)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.db_path = self.root / "netmap.sqlite"
        self.runs = self.root / "momentopnamen"
        self.files = self.root / "bestanden"
        self.tmp = self.root / "tmp"
        self.team = TeamStore(self.db_path)

    def open(self, seed_example: bool = True) -> Workspace:
        """Create the folders and the database if needed; on first start import the KBL example."""
        for folder in (self.root, self.runs, self.files, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute(_SCHEMA)
        self.team.open()  # accounts, triage, comments, share links, audit log; WAL mode
        if seed_example and not self.snapshots():
            source = example_path()
            self.add(read_dataset(source), f"{source.name} (voorbeeld)", original=None)
        return self

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def snapshots(self) -> list[Snapshot]:
        """Every snapshot, oldest first."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT * FROM snapshots ORDER BY id").fetchall()
        return [_snapshot(row) for row in rows]

    def get(self, snapshot_id: int) -> Snapshot | None:
        """The snapshot with this id, or None."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT * FROM snapshots WHERE id = ?", (snapshot_id,)).fetchone()
        return _snapshot(row) if row else None

    def previous(self, snapshot_id: int) -> Snapshot | None:
        """The snapshot stored just before this one, or None."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT * FROM snapshots WHERE id < ? ORDER BY id DESC LIMIT 1",
                             (snapshot_id,)).fetchone()
        return _snapshot(row) if row else None

    def dataset(self, snapshot: Snapshot, lang: str = "nl") -> Dataset:
        """The snapshot's validated dataset, read back from its run file."""
        return dataset_of_run(load_run(self.runs / snapshot.run_file), lang)

    def add(self, dataset: Dataset, source: str, original: Path | None, uploader: str = ANONYMOUS) -> Snapshot:
        """Store a valid dataset as a new snapshot (run file, original file, database row)."""
        run = save_run(self.runs, dataset)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO snapshots (created, source, uploader, fingerprint, counts, run_file, upload_file) "
                "VALUES (?, ?, ?, ?, ?, ?, '')",
                (now, source, uploader, fingerprint(dataset), json.dumps(dataset.counts()), run.name))
            new_id = int(cursor.lastrowid or 0)
            if original is not None:
                kept = self.files / f"{new_id}-{original.name}"
                shutil.copyfile(original, kept)
                db.execute("UPDATE snapshots SET upload_file = ? WHERE id = ?", (kept.name, new_id))
        snapshot = self.get(new_id)
        assert snapshot is not None
        return snapshot

    def check_upload(self, name: str, data: bytes, lang: str = "nl") -> tuple[Dataset, Path]:
        """Validate an uploaded file in a scratch folder; the dataset and the scratch path, or a DataError.

        The caller stores it with :meth:`add` and then removes the scratch folder
        (:meth:`discard`); on a DataError the scratch folder is already gone.
        """
        name = safe_upload_name(name, lang)
        if not data:
            raise DataError([Problem(name, t("web.upload_empty", lang))], lang)
        if len(data) > MAX_UPLOAD_BYTES:
            raise DataError([Problem(name, t("web.upload_too_big", lang, mb=MAX_UPLOAD_BYTES // 2**20))], lang)
        scratch = Path(tempfile.mkdtemp(prefix="upload-", dir=self.tmp))
        try:
            path = scratch / name
            path.write_bytes(data)
            target = path
            if path.suffix.lower() == ".zip":
                folder = scratch / "csv"
                folder.mkdir()
                target = extract_csv_zip(path, folder, lang)
            dataset = read_dataset(target, lang=lang)
            dataset.source = name
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return dataset, path

    def discard(self, path: Path) -> None:
        """Remove the scratch folder of a checked upload."""
        if path.parent.parent == self.tmp:
            shutil.rmtree(path.parent, ignore_errors=True)

    def upload(self, name: str, data: bytes, lang: str = "nl", uploader: str = ANONYMOUS) -> Snapshot:
        """Check and, if valid, store an uploaded file; a DataError (nothing stored) otherwise."""
        dataset, path = self.check_upload(name, data, lang)
        try:
            return self.add(dataset, path.name, original=path, uploader=uploader)
        finally:
            self.discard(path)


def _snapshot(row: sqlite3.Row) -> Snapshot:
    return Snapshot(row["id"], row["created"], row["source"], row["uploader"], row["fingerprint"],
                    json.loads(row["counts"]), row["run_file"], row["upload_file"])
