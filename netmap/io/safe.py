"""The one way netmap writes a file: a temporary file in the same folder, fsync, rename.

Every writer of netmap (reports, maps, findings, exports, the input formats, runs,
synthetic fields) writes through :func:`atomic_path` or its shorthands, so an
interrupted run never leaves a half-written file: the old file stays until the new
one is complete, and a crash leaves at most a hidden ``.<name>.netmap-tmp-*`` file
that the next write of the same name removes.

Also here, because every writer shares them:

- :func:`made_folder`: an output folder made for a block and removed again, if still empty, when it fails;
- :func:`atomic_folder`: a folder of files (a CSV export) built beside its place and
  swapped in whole;
- :func:`refuse_input_overlap`: an output path that is an input, or lies inside an
  input folder, is refused before anything is read or written;
- :class:`OutputError`: a path that cannot be written (no permission, a file where a
  folder should be, ...) as one line for the user, never a traceback;
- :func:`write_manifest`: ``netmap-run.json``, the list of the files of one run
  with the run's fingerprint and each file's SHA-256 (see :func:`write_manifest`);
- :func:`strict_json`: JSON text that never contains ``NaN`` or ``Infinity``.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from netmap.errors import NetmapError

#: The Content-Security-Policy of every HTML page netmap writes (reports, diff reports, maps): nothing is
#: fetched from anywhere, no form posts, no base URL. Pages without scripts use :data:`CSP`; the map pages
#: add only their own inline script (:data:`CSP_WITH_SCRIPT`). Nothing else is allowed anywhere.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
       "base-uri 'none'; form-action 'none'")
CSP_WITH_SCRIPT = CSP.replace("default-src 'none'; ", "default-src 'none'; script-src 'unsafe-inline'; ")
MANIFEST_NAME = "netmap-run.json"
MANIFEST_FORMAT = 1
_TMP_MARK = ".netmap-tmp-"


class OutputError(NetmapError):
    """An output cannot be written where asked, or would overwrite an input."""


def _message(key: str, lang: str, **params: object) -> str:
    from netmap.i18n import t

    return t(f"output.{key}", lang, **params)


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def output_error(err: OSError, path: str | Path, lang: str = "nl") -> OutputError:
    """An OSError met while writing ``path`` as a one-line :class:`OutputError`."""
    if isinstance(err, PermissionError):
        key = "permission"
    elif isinstance(err, (NotADirectoryError, FileExistsError)):
        key = "not_a_folder"
    elif isinstance(err, IsADirectoryError):
        key = "is_a_folder"
    else:
        key = "failed"
    return OutputError(_message(key, lang, path=path, reason=_reason(err)))


def ensure_folder(folder: str | Path, lang: str = "nl") -> Path:
    """Create ``folder`` and its parents if needed; an impossible folder is an :class:`OutputError`."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise output_error(err, folder, lang) from err
    if not folder.is_dir():  # pragma: no cover - mkdir(exist_ok) raises FileExistsError first
        raise OutputError(_message("not_a_folder", lang, path=folder, reason="file"))
    return folder


@contextlib.contextmanager
def made_folder(folder: str | Path, lang: str = "nl") -> Iterator[Path]:
    """:func:`ensure_folder` for the length of a block that may fail: on an error (Ctrl-C included) the
    folders it made, and only those, are removed again while they are empty, so a failed run leaves no
    empty output folder behind; a folder that existed before stays as it was.

    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     with made_folder(base / "a" / "b"):
    ...         raise ValueError("bad input")
    ... except ValueError:
    ...     pass
    >>> sorted(base.iterdir())
    []
    """
    folder = Path(folder)
    made = []
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            break
        made.append(candidate)  # deepest first: the order they are removed in
    ensure_folder(folder, lang)
    try:
        yield folder
    except BaseException:
        for created in made:
            try:
                created.rmdir()  # only while empty: a file written meanwhile keeps its folder
            except OSError:
                break
        raise


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform lets a folder be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path, lang: str = "nl") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is synced and renamed onto ``path``.

    The body writes the temporary path however it likes (``book.save(tmp)``,
    ``nx.write_graphml(G, tmp)``); on an exception, Ctrl-C included, the temporary file
    is removed and ``path`` is untouched.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('done', ['a.txt'])
    """
    path = Path(path)
    folder = ensure_folder(path.parent, lang)
    if path.is_dir():
        raise OutputError(_message("is_a_folder", lang, path=path, reason="folder"))
    for stale in folder.glob(f".{path.name}{_TMP_MARK}*"):
        with contextlib.suppress(OSError):
            stale.unlink()
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}{_TMP_MARK}", suffix=path.suffix, dir=folder)
    except OSError as err:
        raise output_error(err, path, lang) from err
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # keep the permissions an existing file had
            shutil.copymode(path, tmp)
        if not path.exists():
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        _fsync_folder(folder)
    except OSError as err:
        raise output_error(err, path, lang) from err
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_atomic(path: str | Path, mode: str = "w", lang: str = "nl", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open(path, mode)`` that lands on ``path`` only when the block ends without an error."""
    with atomic_path(path, lang) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def write_text(path: str | Path, text: str, lang: str = "nl", newline: str | None = None) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically; return the path.

    Text that cannot be encoded (a lone surrogate from a broken file) is written with the
    replacement character instead of failing halfway.
    """
    path = Path(path)
    with open_atomic(path, "w", lang, encoding="utf-8", errors="replace", newline=newline) as handle:
        handle.write(text)
    return path


def create_new(path: str | Path, text: str, lang: str = "nl") -> Path:
    """Write ``text`` to ``path`` only if ``path`` does not exist yet, complete or not at all.

    The text is written and synced under a temporary name, then hard-linked to ``path``
    (which fails with FileExistsError if another writer got there first, never replacing
    it); where hard links are not possible, it falls back to an exclusive create.
    """
    path = Path(path)
    folder = ensure_folder(path.parent, lang)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}{_TMP_MARK}", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT file systems)
            with open(path, "x", encoding="utf-8", errors="replace") as handle:
                handle.write(text)
        _fsync_folder(folder)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return path


def write_bytes(path: str | Path, data: bytes, lang: str = "nl") -> Path:
    """Write ``data`` to ``path`` atomically; return the path."""
    path = Path(path)
    with open_atomic(path, "wb", lang) as handle:
        handle.write(data)
    return path


def save_with(path: str | Path, save: Callable[[Path], Any], lang: str = "nl") -> Path:
    """Let ``save`` write a temporary path (``book.save``), then rename it onto ``path``."""
    path = Path(path)
    with atomic_path(path, lang) as tmp:
        save(tmp)
    return path


@contextlib.contextmanager
def atomic_folder(folder: str | Path, lang: str = "nl") -> Iterator[Path]:
    """Yield a fresh temporary folder beside ``folder``; on success it replaces ``folder`` whole.

    What was in ``folder`` before is gone afterwards (a CSV export is one set of files);
    on an error the old folder stays as it was.
    """
    folder = Path(folder)
    parent = ensure_folder(folder.parent, lang)
    if folder.exists() and not folder.is_dir():
        raise OutputError(_message("not_a_folder", lang, path=folder, reason="file"))
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}{_TMP_MARK}", dir=parent))
    except OSError as err:
        raise output_error(err, folder, lang) from err
    old = parent / f".{folder.name}{_TMP_MARK}old-{tmp.name[-8:]}"
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        if folder.exists():
            os.replace(folder, old)
        os.replace(tmp, folder)
        _fsync_folder(parent)
    except OSError as err:
        raise output_error(err, folder, lang) from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def strict_json(data: Any, **kwargs: Any) -> str:
    """``json.dumps`` that refuses NaN and infinity (strict JSON) and keeps non-ASCII text readable."""
    kwargs.setdefault("ensure_ascii", False)
    return json.dumps(data, allow_nan=False, **kwargs)


def write_json(path: str | Path, data: Any, lang: str = "nl", **kwargs: Any) -> Path:
    """Write ``data`` as strict JSON (see :func:`strict_json`) to ``path`` atomically."""
    return write_text(path, strict_json(data, **kwargs), lang)


# --- inputs and outputs ---------------------------------------------------------------------------


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(str(path)))).resolve(strict=False)


def overlaps_input(output: str | Path, inputs: Iterable[str | Path | None]) -> Path | None:
    """The input that ``output`` is, or lies inside of (an input folder); None when it touches none.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "x.yaml").write_text("")
    0
    >>> overlaps_input(d / "x.yaml", [d / "x.yaml"]) == d / "x.yaml"
    True
    >>> overlaps_input(d / "out.html", [d / "x.yaml"]) is None
    True
    >>> overlaps_input(d / "organisations.csv", [d]) == d
    True
    """
    target = _resolved(output)
    for item in inputs:
        if item is None or str(item) == "":
            continue
        source = _resolved(item)
        if target == source:
            return Path(item)
        if source.is_dir() and (source == target or source in target.parents):
            return Path(item)
    return None


def refuse_input_overlap(outputs: Iterable[str | Path | None], inputs: Iterable[str | Path | None],
                         lang: str = "nl") -> None:
    """Raise :class:`OutputError` when an output path is an input or lies inside an input folder.

    For an output *folder* (``netmap run -o``) the folder itself is compared: writing a run
    into the folder of the workbook it reads is refused, beside a workbook is fine.
    """
    inputs = [i for i in inputs if i is not None and str(i) != ""]
    for output in outputs:
        if output is None:
            continue
        source = overlaps_input(output, inputs)
        if source is not None:
            raise OutputError(_message("is_input", lang, path=output, input=source))


# --- the manifest of a run ------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: str | Path, files: Iterable[Path], fingerprint: str, info: dict[str, Any] | None = None,
                   lang: str = "nl") -> Path:
    """Write ``netmap-run.json`` into ``folder``: the run's input fingerprint and every file with its SHA-256.

    A set of run files is complete and from one run exactly when the manifest exists and
    every file it lists has the hash it lists (:func:`check_manifest`).
    """
    folder = Path(folder)
    entries = {}
    for path in files:
        path = Path(path)
        entries[path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)] = (
            sha256_file(path))
    record = {"netmap_run_files": MANIFEST_FORMAT, "fingerprint": fingerprint, **(info or {}), "files": entries}
    return write_json(folder / MANIFEST_NAME, record, lang, indent=1)


def check_manifest(folder: str | Path) -> list[str]:
    """The files of the manifest in ``folder`` that are missing or changed; ``["netmap-run.json"]`` without one."""
    folder = Path(folder)
    try:
        record = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [MANIFEST_NAME]
    bad = []
    for name, digest in record.get("files", {}).items():
        path = folder / name
        if not path.is_file() or sha256_file(path) != digest:
            bad.append(name)
    return bad


@contextlib.contextmanager
def run_folder(folder: str | Path, fingerprint: str, info: dict[str, Any] | None = None,
               lang: str = "nl") -> Iterator[Path]:
    """Yield a fresh hidden staging folder inside ``folder``; on success its files replace theirs together.

    On success: the old manifest goes, each staged file is renamed into ``folder`` (one
    ``rename`` each, so the window is milliseconds), and a new ``netmap-run.json`` lists them
    with the run's ``fingerprint``. On an error or Ctrl-C the staging folder is removed and
    ``folder`` keeps the previous run's files and manifest untouched.
    """
    folder = ensure_folder(folder, lang)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".netmap-run{_TMP_MARK}", dir=folder))
    except OSError as err:
        raise output_error(err, folder, lang) from err
    try:
        yield stage
        names = sorted(p.name for p in stage.iterdir() if not p.name.startswith("."))
        remove_manifest(folder)
        for name in names:
            os.replace(stage / name, folder / name)
        write_manifest(folder, [folder / name for name in names], fingerprint, info, lang)
    except OSError as err:
        raise output_error(err, folder, lang) from err
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove_manifest(folder: str | Path) -> None:
    """Remove the manifest of ``folder`` (first step of a new run: the old set is no longer whole)."""
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / MANIFEST_NAME).unlink()
