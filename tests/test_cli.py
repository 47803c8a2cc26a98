"""The command line: clean errors (no tracebacks), Dutch by default, every command documented."""
import json
import re
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from netmap import i18n
from netmap.cli import main
from netmap.dataset import example_path

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "data" / "bad"


@pytest.fixture
def runner():
    return CliRunner()


def test_validate_the_shipped_example(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("kbl: geldig (53 organisaties, 31 netwerken en organen, 37 personen")


def test_validate_bad_input_gives_a_clean_error(runner):
    result = runner.invoke(main, ["validate", str(BAD / "dangling_id.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        "Fout: 1 probleem gevonden in de invoer; er is niets geladen.",
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
    assert result.output == "Fout: 1 probleem gevonden in de invoer; er is niets geladen.\n" \
                            "  - bestaat-niet.xlsx: bestand of map bestaat niet\n"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(runner, name):
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Gebruik:" in result.output and len(result.output.splitlines()) > 4
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


def test_the_console_run_ends_with_every_path_printed_and_every_file_whole(tmp_path):
    """`netmap run` as its own process exits without freeing its data (cli.core._Exit): what it printed
    into a pipe (block-buffered) is all there, and every file matches the run's manifest."""
    import hashlib
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "netmap", "run", "-o", str(tmp_path / "uit"), "--as-of",
                           "2026-12-01"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert [Path(line).name for line in printed] == [
        "rapport.html", "rapport.md", "definities.html", "bevindingen.html", "bevindingen.json",
        "kaart-niveaus.html", "kaart-netwerk.html", "kaart-overlap.html"]
    assert "Klaar. Open het rapport" in done.stderr
    files = json.loads((tmp_path / "uit" / "netmap-run.json").read_text(encoding="utf-8"))["files"]
    assert len(files) == 8 and all(hashlib.sha256((tmp_path / "uit" / name).read_bytes()).hexdigest() == digest
                                   for name, digest in files.items())
    # a run that fails still ends the ordinary way: exit 1, its message, no traceback
    bad = subprocess.run([sys.executable, "-m", "netmap", "run", str(BAD / "unknown_level.yaml"), "-o",
                          str(tmp_path / "fout")], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 1 and "onbekend niveau" in bad.stderr and "Traceback" not in bad.stderr


def test_run_never_writes_a_private_name_into_html(runner, tmp_path):
    secret = "Inhoudsdeskundige pleegzorg en jeugdbescherming"  # wo_pleegzorg is marked private
    assert secret in (example_path() / "people.csv").read_text(encoding="utf-8")
    result = runner.invoke(main, ["run", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("*.html"))
    assert len(pages) == 6  # report, definitions, every finding (bevindingen.html) and the three maps
    for page in pages:
        assert secret not in page.read_text(encoding="utf-8"), page.name


# --- one language per invocation, help included ----------------------------------------------------


def _all_commands(group=main, path=()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*path, name))


def _sentences(text: str) -> list[str]:
    """The sentences of a catalogue text of three words or more, without whitespace (help output wraps)."""
    parts = re.split(r"(?<=[.;:])\s+|\n\s*\n", text)
    return ["".join(p.split()) for p in parts if len(p.split()) >= 3]


def _help_texts(lang: str) -> set[str]:
    other = "en" if lang == "nl" else "nl"
    found = set()
    for key, entry in i18n.catalogue().items():
        if key.startswith(("cli.command.", "cli.option.", "cli.help.")):
            found.update(set(_sentences(entry[lang])) - set(_sentences(entry[other])))
    return found


CLICK_ENGLISH = ["Show this message and exit", "Usage:", "Options:", "Commands:", "[default:", "Show the version"]


@pytest.mark.parametrize("command", [(), *_all_commands()], ids=lambda c: " ".join(c) or "netmap")
def test_help_speaks_one_language(runner, command):
    for lang, other in (("nl", "en"), ("en", "nl")):
        result = runner.invoke(main, ["--lang", lang, *command, "--help"])
        assert result.exit_code == 0, result.output
        flat = "".join(result.output.split())
        own = "".join(i18n.t(f"cli.command.{'_'.join(command) or 'main'}", lang).split("\n")[0].split())
        assert own in flat, f"{command} --help in {lang} lacks its own help"
        foreign = [s for s in _help_texts(other) if s in flat]
        assert foreign == [], f"{command} --help in {lang} shows {other}: {foreign}"
        if lang == "nl":
            assert [w for w in CLICK_ENGLISH if "".join(w.split()) in flat] == []


def test_help_language_from_the_environment(runner):
    result = runner.invoke(main, ["run", "--help"], env={"NETMAP_LANG": "en"})
    assert "Output folder." in result.output and "Map voor de uitvoer" not in result.output


def test_run_help_and_readme_name_every_file_the_run_writes(runner, tmp_path):
    result = runner.invoke(main, ["run", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".") and p.name != "netmap-run.json")
    assert "definities.html" in written
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `netmap run`", 1)[1].split("\n### ", 1)[0]
    assert [n for n in written if f"`{n}`" not in section] == []
    for lang in ("nl", "en"):
        flat = "".join(runner.invoke(main, ["--lang", lang, "run", "--help"]).output.split())
        assert [n for n in written if n not in flat] == [], lang


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_diff_help_names_every_state_the_diff_map_colours(runner, lang):
    flat = " ".join(runner.invoke(main, ["--lang", lang, "diff", "--help"]).output.split())
    legend = flat.split("kaart-verschillen.html (", 1)[1].split(")", 1)[0]  # what the map's colours stand for
    states = [i18n.t(f"map.ui.change_{s}", lang) for s in ("new", "gone", "changed", "same")]
    assert all(re.search(rf"(?<!\w){s}(?!\w)", legend) for s in states), (states, legend)


def test_english_run_prints_no_dutch_status_line(runner, tmp_path):
    english = runner.invoke(main, ["--lang", "en", "run", "-o", str(tmp_path)])
    dutch = runner.invoke(main, ["run", "-o", str(tmp_path)])
    assert english.exit_code == 0 and dutch.exit_code == 0, english.output
    en_lines = [line for line in english.stderr.splitlines() if line]
    nl_lines = [line for line in dutch.stderr.splitlines() if line]
    assert len(en_lines) == len(nl_lines) >= 5 and not set(en_lines) & set(nl_lines)
    statuses = {i18n.t(key, "nl") for key in i18n.catalogue() if key.startswith("cli.step.")}
    assert not statuses & set(en_lines) and "Done." in english.stderr


def _map_findings(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="netmap-data">(.*?)</script>', text, re.S)
    assert found, "no netmap-data script in the page"
    return json.loads(found.group(1))["findings"]


def test_run_settings_change_report_and_maps_alike(runner, tmp_path):
    settings = tmp_path / "drempels.yaml"
    # overlap_fdr 1: on the small example no overlap is more than chance, so only the thresholds decide
    settings.write_text("level_gap_min: 6\noverlap_threshold: 0.2\noverlap_fdr: 1.0\n", encoding="utf-8")
    for name, extra in (("default", []), ("strict", ["--settings", str(settings)])):
        assert runner.invoke(main, ["run", "-o", str(tmp_path / name), *extra]).exit_code == 0
    kinds = {}
    for name in ("default", "strict"):
        out = tmp_path / name
        findings = json.loads((out / "bevindingen.json").read_text(encoding="utf-8"))["findings"]
        kinds[name] = Counter(f["kind"] for f in findings)
        report = (out / "rapport.md").read_text(encoding="utf-8")
        gaps = [f["message"] for f in findings if f["kind"] == "level_gap"]
        assert gaps and all(message in report for message in gaps)
        for page in ("kaart-niveaus.html", "kaart-netwerk.html"):
            assert Counter(f["kind"] for f in _map_findings(out / page)) == kinds[name], page
    assert kinds["strict"]["level_gap"] > kinds["default"]["level_gap"]
    assert kinds["strict"]["network_overlap"] > kinds["default"]["network_overlap"]
    drawn = runner.invoke(main, ["map", "--settings", str(settings), "-o", str(tmp_path / "kaart.html")])
    assert drawn.exit_code == 0, drawn.output
    assert Counter(f["kind"] for f in _map_findings(tmp_path / "kaart.html")) == kinds["strict"]


def test_run_roles_only_keeps_names_out_of_the_findings_file(runner, tmp_path):
    rows = (example_path() / "people.csv").read_text(encoding="utf-8").splitlines()[1:]
    names = [row.split(";")[1] for row in rows]
    result = runner.invoke(main, ["run", "--roles-only", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    findings = (tmp_path / "bevindingen.json").read_text(encoding="utf-8")
    assert len(names) > 30 and [name for name in names if name in findings] == []


def test_usage_errors_speak_the_language_and_exit_2(runner):
    dutch = runner.invoke(main, ["run", "--bogus"])
    english = runner.invoke(main, ["--lang", "en", "run", "--bogus"])
    assert dutch.exit_code == english.exit_code == 2
    assert dutch.output.startswith("Gebruik: netmap run") and "Probeer 'netmap run --help' voor hulp." in dutch.output
    assert english.output.startswith("Usage: netmap run") and "Try 'netmap run --help' for help." in english.output
    assert "Fout: onbekende optie '--bogus'." in dutch.output
    assert "Error: no such option '--bogus'." in english.output


@pytest.mark.parametrize("args, dutch, english", [
    (["synth", "--out", "x"], "onbekende optie '--out'. Bedoelt u '--output'?",
     "no such option '--out'. Did you mean '--output'?"),
    (["synth", "--scale", "abc"], "ongeldige waarde voor '--scale': 'abc' is geen getal.",
     "invalid value for '--scale': 'abc' is not a number."),
    (["synth", "--scale", "0"], "ongeldige waarde voor '--scale': 0.0 ligt buiten het bereik x>0.",
     "invalid value for '--scale': 0.0 is outside the range x>0."),
    (["map", "--depth", "x"], "ongeldige waarde voor '--depth': 'x' is geen geheel getal.",
     "invalid value for '--depth': 'x' is not a whole number."),
    (["map", "--view", "alles"], "ongeldige waarde voor '--view': 'alles' kan niet; kies uit",
     "invalid value for '--view': 'alles' is not allowed; choose from"),
    (["diff"], "argument 'OLD' ontbreekt.", "argument 'OLD' is missing."),
    (["users", "add", "x"], "optie '--role' ontbreekt.", "option '--role' is missing."),
    (["synth", "a", "b"], "te veel argumenten: a b.", "unexpected extra arguments: a b."),
    (["bogus"], "onbekende opdracht 'bogus'; 'netmap --help' noemt ze allemaal.",
     "no such command 'bogus'; 'netmap --help' lists them all."),
])
def test_a_mistake_on_the_command_line_is_named_in_the_users_language(runner, args, dutch, english):
    said_nl = runner.invoke(main, args)
    said_en = runner.invoke(main, ["--lang", "en", *args])
    assert said_nl.exit_code == said_en.exit_code == 2
    assert f"Fout: {dutch}" in said_nl.output, said_nl.output
    assert f"Error: {english}" in said_en.output, said_en.output
    assert "Traceback" not in said_nl.output + said_en.output


def _bad_level_copy(tmp_path):
    """A copy of the shipped example whose first organisation has level 'V'."""
    import shutil

    data = tmp_path / "invoer"
    shutil.copytree(example_path(), data)
    orgs = data / "organisations.csv"
    lines = orgs.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(";")
    cells[3] = "V"
    lines[1] = ";".join(cells)
    orgs.write_text("".join(lines), encoding="utf-8")
    return data


@pytest.mark.parametrize("depth", [("uit",), ("nieuw", "dieper", "uit")])
def test_a_failed_run_leaves_no_output_folder_behind(runner, tmp_path, depth):
    data = _bad_level_copy(tmp_path)
    out = tmp_path.joinpath(*depth)
    result = runner.invoke(main, ["run", str(data), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "onbekend niveau" in result.output and "'V'" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoer"]  # no folder made, not even a parent


def test_a_failed_run_leaves_an_existing_output_folder_untouched(runner, tmp_path):
    data = _bad_level_copy(tmp_path)
    out = tmp_path / "uit"
    out.mkdir()
    (out / "oud.txt").write_text("van een vorige keer", encoding="utf-8")
    result = runner.invoke(main, ["run", str(data), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["oud.txt"]
    assert (out / "oud.txt").read_text(encoding="utf-8") == "van een vorige keer"
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert runner.invoke(main, ["run", str(data), "-o", str(empty)]).exit_code == 1
    assert empty.is_dir() and not any(empty.iterdir())  # it existed before: it stays
