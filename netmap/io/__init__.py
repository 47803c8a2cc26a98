"""Reading users' tables (xlsx, CSV, YAML) and writing data formats."""
from netmap.io.readers import RawTable, read_tables

__all__ = ["RawTable", "read_tables"]
