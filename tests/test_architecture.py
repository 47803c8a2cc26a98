"""The layering the README states, checked on every module's imports (read with ``ast``, nothing is imported).

``errors <- model <- io/validate <- graph <- analysis <- maps/report``; ``neo4j`` uses model, graph and the
public analysis entry; ``cli`` and ``web`` sit on top and nothing imports ``cli``; click, the Neo4j driver and
pyvis each belong to one package; no module imports another module's ``_private`` name.

The tables below are the rules; change them here when the architecture changes (and the README with them).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netmap"

#: Module or package (longest prefix wins) -> layer. A module may import its own layer and the layers below.
LAYERS: dict[str, int] = {
    "netmap.i18n": 0,
    "netmap.errors": 0,
    "netmap.outputs": 0,       # the names of a run's files: constants only, for the CLI, the report and the service
    "netmap.collector": 0,     # the cyclic garbage collector paused around work that makes no cycles
    "netmap.model": 1,
    "netmap.schema": 1,
    "netmap.dates": 1,         # since/until and the date an analysis is made as of
    "netmap.privacy": 1,       # the one privacy policy: every output asks it
    "netmap.io": 2,
    "netmap.validate": 2,
    "netmap.validate_columns": 2,  # the column-wise fast path of validation (clean CSV input)
    "netmap.dataset": 2,
    "netmap.runs": 2,          # stored runs: tables, fingerprints and results as data
    "netmap.synth": 2,         # writes a synthetic field in the input format
    "netmap.synth_field": 2,
    "netmap.graph": 3,

    "netmap.analysis": 4,
    "netmap.diff": 4,          # two datasets and their findings compared
    "netmap.maps": 5,
    "netmap.report": 5,
    "netmap.neo4j": 6,
    "netmap.io.cypher": 6,     # the Cypher script is `netmap load` written out: it runs the load's own queries
    "netmap.io.exports": 6,    # the one entry to every export format, the Cypher script among them
    "netmap": 7,               # the public surface (netmap/__init__.py): re-exports only
    "netmap.cli": 8,
    "netmap.web": 8,
    "netmap.__main__": 8,
}

#: Packages that may import only these netmap modules (and themselves). ``netmap.analysis`` here means the
#: package's public entry (``from netmap.analysis import ...``), not its modules.
ONLY: dict[str, set[str]] = {
    "netmap.neo4j": {"netmap.collector", "netmap.errors", "netmap.i18n", "netmap.model", "netmap.schema",
                     "netmap.graph", "netmap.privacy", "netmap.analysis", "netmap.runs"},
}

#: Third-party libraries that belong to one package.
OWNED_LIBRARIES: dict[str, str] = {
    "click": "netmap.cli",
    "neo4j": "netmap.neo4j",
    "pyvis": "netmap.maps",
    "igraph": "netmap.analysis.compiled",     # the compiled kernels live behind one module
    "networkit": "netmap.analysis.compiled",
}

#: Who may import netmap.cli: the package itself and ``python -m netmap``.
CLI_IMPORTERS = ("netmap.cli", "netmap.__main__")

#: Known violations being removed (issue 10: the Neo4j backend gets one public analysis entry). Each entry is
#: (importing module, imported module); delete it when the import is gone — a stale entry fails the test.
KNOWN: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    module: str    # the importing module
    target: str    # the module imported from
    names: tuple[str, ...]
    line: int


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` (also inside functions and TYPE_CHECKING blocks), relative ones resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, (), node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([target] if target else []))
            found.append(Import(module, target, tuple(alias.name for alias in node.names), node.lineno))
    return found


def layer_of(module: str) -> tuple[str, int] | None:
    """The LAYERS entry that owns ``module`` (longest prefix), or None."""
    best = None
    for prefix, layer in LAYERS.items():
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, layer)
    return best


def is_module(name: str) -> bool:
    """True if ``from package import x`` imports the module ``x`` (``from netmap.io import flat``), not a name
    the package's ``__init__`` binds (``from netmap.analysis import analyse`` is the re-exported function)."""
    package, _, last = name.rpartition(".")
    path = PACKAGE.joinpath(*name.split(".")[1:])
    if not (path.is_dir() or path.with_suffix(".py").is_file()):
        return False
    return last not in names_bound_by(package)


def names_bound_by(package: str) -> set[str]:
    """The names a package's ``__init__.py`` binds at its top level."""
    init = PACKAGE.joinpath(*package.split(".")[1:], "__init__.py")
    if not init.is_file():
        return set()
    bound = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.Assign):
            bound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return bound


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(found: list[Import]) -> list[str]:
    """What breaks the rules, one line each (``module:line: ...``)."""
    problems = []
    for imp in found:
        where = f"{imp.module}:{imp.line}"
        top = imp.target.split(".")[0]
        if top in OWNED_LIBRARIES and not within(imp.module, OWNED_LIBRARIES[top]):
            problems.append(f"{where}: imports {top}, which only {OWNED_LIBRARIES[top]} may import")
        if top != "netmap":
            continue
        modules = [f"{imp.target}.{n}" for n in imp.names if is_module(f"{imp.target}.{n}")]
        # ``from netmap import privacy`` imports the module, not the package's public surface
        targets = modules if imp.names and len(modules) == len(imp.names) else [imp.target, *modules]
        for target in targets:
            if (imp.module, target) in KNOWN:
                continue
            if within(target, "netmap.cli") and not any(within(imp.module, m) for m in CLI_IMPORTERS):
                problems.append(f"{where}: imports {target}; nothing imports the command line")
            mine, theirs = layer_of(imp.module), layer_of(target)
            if mine is None or theirs is None:
                problems.append(f"{where}: {imp.module if mine is None else target} has no layer in LAYERS")
            elif theirs[1] > mine[1]:
                problems.append(f"{where}: {mine[0]} (layer {mine[1]}) imports {target} (layer {theirs[1]})")
            for package, allowed in ONLY.items():
                if within(imp.module, package) and not within(target, package) and target not in allowed:
                    problems.append(f"{where}: {package} may import only {', '.join(sorted(allowed))}, "
                                    f"not {target}")
        private = [n for n in imp.names if n.startswith("_") and not n.startswith("__")]
        if private and imp.target != imp.module:
            problems.append(f"{where}: imports private {', '.join(private)} from {imp.target}")
    return problems


def all_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += imports_of(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    return found


def test_every_module_keeps_to_its_layer():
    assert violations(all_imports()) == []


def test_every_known_violation_still_exists():
    present = {(imp.module, imp.target) for imp in all_imports()}
    assert KNOWN <= present, f"remove from KNOWN: {sorted(KNOWN - present)}"


def test_every_module_has_a_layer():
    modules = [module_name(p) for p in PACKAGE.rglob("*.py")]
    assert [m for m in modules if layer_of(m) is None] == []


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("netmap.model", "from netmap.graph import build_graph", "netmap.model (layer 1) imports netmap.graph"),
    ("netmap.graph", "import click", "imports click, which only netmap.cli may import"),
    ("netmap.report.html", "import neo4j", "imports neo4j, which only netmap.neo4j may import"),
    ("netmap.analysis.levels", "def f():\n    import pyvis", "imports pyvis, which only netmap.maps"),
    ("netmap.web.app", "from netmap.cli import main", "nothing imports the command line"),
    ("netmap.io.kumu", "from netmap.io.readers import _sheet", "imports private _sheet from netmap.io.readers"),
    ("netmap.neo4j.load", "from netmap.analysis.levels import level_matrix", "netmap.neo4j may import only"),
    ("netmap.neo4j.load", "from netmap.io.flat import NODE_ATTRS", "netmap.neo4j may import only"),
    ("netmap.analysis.texts", "from ..maps import write_map", "imports netmap.maps (layer 5)"),
    ("netmap.model", "from netmap import analysis", "imports netmap.analysis (layer 4)"),
])
def test_the_checker_finds_each_kind_of_violation(module, source, expected):
    found = violations(imports_of(source, module))
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(("module", "source"), [
    ("netmap.cli.core", "import click\nfrom netmap.maps import write_map\nfrom netmap.cli.common import option"),
    ("netmap.neo4j.load", "import neo4j\nfrom netmap.analysis import analyse\nfrom netmap.graph import TIE"),
    ("netmap.maps.html", "import pyvis\nfrom netmap.analysis.findings import Finding"),
    ("netmap.io.kumu", "from netmap.validate import normalise_key\nfrom . import flat"),
    ("netmap.__main__", "from netmap.cli import run_cli"),
])
def test_the_checker_allows_what_the_layers_allow(module, source):
    assert violations(imports_of(source, module)) == []
