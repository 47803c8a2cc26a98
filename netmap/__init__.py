"""netmap: map and analyse the learning network of Dutch youth care (KBL).

The public surface; the implementation lives in private-by-convention modules.
"""
from netmap.analysis.findings import Finding
from netmap.dataset import example_path, read_dataset
from netmap.errors import DataError, MissingDependency, Neo4jError, NetmapError, Problem
from netmap.graph import build_graph
from netmap.io.readers import read_tables
from netmap.model import LEVELS, PERSPECTIVES, Dataset
from netmap.validate import validate

__all__ = [
    "LEVELS",
    "PERSPECTIVES",
    "DataError",
    "Dataset",
    "Finding",
    "MissingDependency",
    "Neo4jError",
    "NetmapError",
    "Problem",
    "build_graph",
    "example_path",
    "read_dataset",
    "read_tables",
    "validate",
]
