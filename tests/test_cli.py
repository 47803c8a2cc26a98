"""The command line: clean errors (no tracebacks), Dutch by default, every command documented."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "data" / "bad"


@pytest.fixture
def runner():
    return CliRunner()


def test_validate_the_shipped_example(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("kbl: geldig (53 organisations, 31 networks, 37 people")


def test_validate_bad_input_gives_a_clean_error(runner):
    result = runner.invoke(main, ["validate", str(BAD / "dangling_id.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        "Error: 1 probleem gevonden in de invoer; er is niets geladen.",
        "  - dangling_id.yaml [memberships], rij 1, kolom 'network_id': verwijst naar een id dat niet "
        "bestaat (waarde: 'rkj_onbekend')",
    ]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_english_on_request(runner):
    result = runner.invoke(main, ["--lang", "en", "validate", str(BAD / "unknown_level.yaml")])
    assert result.exit_code == 1
    assert "unknown level; use I, II, III or IV" in result.output


def test_missing_file(runner):
    result = runner.invoke(main, ["validate", "bestaat-niet.xlsx"])
    assert result.exit_code == 1
    assert result.output == "Error: 1 probleem gevonden in de invoer; er is niets geladen.\n" \
                            "  - bestaat-niet.xlsx: bestand of map bestaat niet\n"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(runner, name):
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 4
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"netmap {name}" in readme, f"command {name} is not documented in README.md"


def test_run_writes_everything_into_the_output_folder(runner, tmp_path):
    result = runner.invoke(main, ["run", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert {"rapport.html", "rapport.md", "bevindingen.json", "kaart-niveaus.html",
            "kaart-netwerk.html", "kaart-overlap.html"} <= set(written)
    findings = json.loads((tmp_path / "out" / "bevindingen.json").read_text(encoding="utf-8"))["findings"]
    assert findings and all({"kind", "subjects", "severity", "message"} <= set(f) for f in findings)


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "netmap", "validate", str(BAD / "unknown_level.yaml")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "onbekend niveau" in done.stderr


def test_run_never_writes_a_private_name_into_html(runner, tmp_path):
    secret = "Inhoudsdeskundige pleegzorg en jeugdbescherming"  # wo_pleegzorg is marked private
    assert secret in (ROOT / "examples" / "kbl" / "people.csv").read_text(encoding="utf-8")
    result = runner.invoke(main, ["run", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("*.html"))
    assert len(pages) == 4
    for page in pages:
        assert secret not in page.read_text(encoding="utf-8"), page.name
