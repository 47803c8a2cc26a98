"""`netmap analyse`: formats, output file, settings from options and files, clean errors."""
import json
from pathlib import Path

from click.testing import CliRunner

from netmap.cli import main

PLANTED = str(Path(__file__).parent / "data" / "analysis" / "planted.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_text_default_on_shipped_example():
    result = run("analyse")
    assert result.exit_code == 0
    assert result.output.startswith("kbl: ")
    assert "[HOOG] ontbrekend perspectief of lege zetel: In KBL Koersgroep" in result.output
    assert "missing_perspective" not in result.output  # a finding kind in the reader's words, not the code
    english = run("--lang", "en", "analyse")
    assert "[HIGH] missing perspective or empty seat: KBL Koersgroep lacks" in english.output


def test_json_findings_follow_the_contract_and_options_apply():
    result = run("analyse", PLANTED, "--format", "json", "--multi-network-load", "3", "--overlap-threshold", "0.9",
                 "--overlap-coefficient", "0.9")
    data = json.loads(result.output)
    assert data["settings"]["multi_network_load"] == 3
    kinds = {f["kind"] for f in data["findings"]}
    assert "multi_network_load" in kinds and "network_overlap" not in kinds
    assert all({"kind", "subjects", "severity", "message"} <= set(f) for f in data["findings"])


def test_settings_file_and_html_output(tmp_path):
    settings = tmp_path / "s.yaml"
    settings.write_text("level_gap_min: 3\n", encoding="utf-8")
    out = tmp_path / "rapport.html"
    result = run("analyse", PLANTED, "--settings", str(settings), "--format", "html", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0 and result.output.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="en"' in page and "Gaps between levels (10)" in page


def test_roles_only_and_bad_settings():
    md = run("analyse", PLANTED, "--format", "md", "--roles-only").output
    assert "Piet Geheim" not in md and "jongerenvertegenwoordiger" in md
    bad = CliRunner().invoke(main, ["analyse", PLANTED, "--settings", "geen-bestand.yaml"])
    assert bad.exit_code == 1 and bad.output.startswith("Fout: ") and "Traceback" not in bad.output
