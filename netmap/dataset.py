"""Read and validate in one call: a path in, a Dataset out (or a DataError naming every problem)."""
from __future__ import annotations

from collections.abc import Iterable
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
    """The folder of a shipped example dataset (works from a checkout and from an installed wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "examples" / name, here.parent / "examples" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"example {name!r} is not shipped with this installation")
