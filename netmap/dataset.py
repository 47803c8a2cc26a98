"""Read and validate in one call: a path in, a Dataset out (or a DataError naming every problem)."""
from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from netmap import collector
from netmap.io.columnar import read_csv_columns
from netmap.io.readers import read_tables
from netmap.model import PERSPECTIVES, Dataset
from netmap.validate import validate
from netmap.validate_columns import validate_columns


def read_dataset(path: str | Path, perspectives: Iterable[str] = PERSPECTIVES, lang: str = "nl") -> Dataset:
    """Read ``path`` (.xlsx, .yaml, .csv or a folder of CSV files) and validate it.

    Raises :class:`~netmap.errors.DataError` with every problem found; nothing is
    returned half-valid.

    CSV input is first read into columns and checked column by column (:mod:`netmap.io.columnar`,
    :mod:`netmap.validate_columns`): at the parser's speed, and only when every check passes. Any
    other input, and CSV input with any problem, is read and validated row by row, which names every
    problem with its file, row, column and value.
    """
    path = Path(path)
    perspectives = tuple(perspectives)
    with collector.paused(hand_over=True):  # hundreds of thousands of new objects, no cycles: nothing for the collector
        columns = read_csv_columns(path) if path.exists() else None
        dataset = validate_columns(columns, perspectives, lang, path.name) if columns is not None else None
    if dataset is not None:
        return dataset
    tables = read_tables(path, lang=lang)
    return validate(tables, perspectives=perspectives, lang=lang, source=path.name)


def example_path(name: str = "kbl") -> Path:
    """The folder of a shipped example dataset (``netmap/examples/<name>``).

    >>> example_path().name
    'kbl'
    """
    folder = resources.files("netmap") / "examples" / name
    if not folder.is_dir():
        raise FileNotFoundError(f"example {name!r} is not shipped with this installation")
    return Path(str(folder))  # an installed package is a folder: the readers get a real path
