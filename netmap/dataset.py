"""Read and validate in one call: a path in, a Dataset out (or a DataError naming every problem)."""
from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from netmap.io.readers import read_tables
from netmap.model import PERSPECTIVES, Dataset
from netmap.validate import validate


def read_dataset(path: str | Path, perspectives: Iterable[str] = PERSPECTIVES, lang: str = "nl") -> Dataset:
    """Read ``path`` (.xlsx, .yaml, .csv or a folder of CSV files) and validate it.

    Raises :class:`~netmap.errors.DataError` with every problem found; nothing is
    returned half-valid.
    """
    tables = read_tables(path, lang=lang)
    return validate(tables, perspectives=perspectives, lang=lang, source=Path(path).name)


def example_path(name: str = "kbl") -> Path:
    """The folder of a shipped example dataset (``netmap/examples/<name>``).

    >>> example_path().name
    'kbl'
    """
    folder = resources.files("netmap") / "examples" / name
    if not folder.is_dir():
        raise FileNotFoundError(f"example {name!r} is not shipped with this installation")
    return Path(str(folder))  # an installed package is a folder: the readers get a real path
