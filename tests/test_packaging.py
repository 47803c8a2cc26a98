"""Shipped files live inside the package and are found one way: importlib.resources."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from netmap.analysis.settings import DEFAULT_RULES, load_rules
from netmap.dataset import example_path
from netmap.neo4j.queries import cypher, names

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(str(resources.files("netmap")))


def test_examples_queries_and_rules_are_inside_the_package():
    assert example_path().is_relative_to(PACKAGE) and (example_path() / "organisations.csv").is_file()
    assert example_path("kbl-2026q4").is_dir()
    assert "merge_organisations" in names() and "MERGE" in cypher("merge_organisations")
    assert Path(str(DEFAULT_RULES)).is_relative_to(PACKAGE) and load_rules()["bodies"]
    assert not (ROOT / "examples").exists() and not (ROOT / "cypher").exists()


def test_no_module_finds_its_files_through___file__():
    found = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
             if re.search(r"Path\(__file__\)|os\.path\.dirname\(__file__\)", p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_wheel_takes_the_package_folder_as_it_is():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["netmap"]' in config and "force-include" not in config
    assert 'netmap = "netmap.cli:run_cli"' in config
