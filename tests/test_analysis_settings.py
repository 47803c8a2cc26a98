"""Settings from code, YAML files and rule files; clear errors for bad ones."""
from pathlib import Path

import pytest

from netmap.analysis import Settings, SettingsError, analyse, load_rules
from netmap.dataset import read_dataset
from netmap.graph import build_graph

PLANTED = Path(__file__).parent / "data" / "analysis" / "planted.yaml"


def test_from_file_reads_thresholds_and_rules(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("types:\n  platform:\n    requires:\n      - perspectives: [rijk]\n", encoding="utf-8")
    settings = tmp_path / "s.yaml"
    settings.write_text("multi_network_load: 2\ntie_kinds: [learning, collaboration]\nrules_path: rules.yaml\n",
                        encoding="utf-8")
    s = Settings.from_file(settings)
    assert s.multi_network_load == 2 and s.tie_kinds == ("learning", "collaboration")
    assert list(s.rules["types"]) == ["platform"] and s.rules["bodies"] == {}
    G = build_graph(read_dataset(PLANTED))
    missing = {tuple(f.subjects) for f in analyse(G, s).findings if f.kind == "missing_perspective"}
    assert missing == {("plat", "rijk"), ("plat2", "rijk"), ("tail", "rijk")}


@pytest.mark.parametrize("text, needle", [
    ("bogus: 1\n", "bogus"),
    ("overlap_threshold: veel\n", "overlap_threshold"),
    ("- 1\n", "mapping"),
])
def test_bad_settings_file_names_the_problem(tmp_path, text, needle):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=needle):
        Settings.from_file(path)


def test_missing_file_and_bad_rules(tmp_path):
    with pytest.raises(SettingsError, match="nope.yaml"):
        Settings.from_file(tmp_path / "nope.yaml")
    bad = tmp_path / "r.yaml"
    bad.write_text("types:\n  rkj:\n    requires:\n      - min_count: 2\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="perspectives"):
        load_rules(bad)


def test_default_rules_are_shipped_and_complete():
    rules = load_rules()
    assert {"rkj", "ben"} <= set(rules["types"])
    assert rules["bodies"]["kbl_adviesraad"]["members"] == {"min": 12, "max": 16}
    rkj = [r["perspectives"] for r in rules["types"]["rkj"]["requires"]]
    assert ["jongeren"] in rkj and ["ouders"] in rkj and ["onderwijs"] in rkj and ["onderzoek"] in rkj


def test_replace_ignores_none_and_keeps_rules():
    s = Settings().replace(overlap_threshold=None, level_gap_min=2)
    assert s.overlap_threshold == 0.5 and s.level_gap_min == 2 and s.rules == Settings().rules


@pytest.mark.parametrize("text, message", [
    ("types:\n  platform: " + "[" * 5000 + "]" * 5000 + "\n", "YAML is dieper genest dan 50 niveaus"),
    ("types: {}\ntypes: {}\n", "sleutel 'types' komt twee keer voor (ook op regel 1)"),
])
def test_rules_files_are_bounded_and_refuse_duplicate_keys(tmp_path, text, message):
    """A deeply nested rules file raised RecursionError; a repeated key silently replaced the first (issue 12)."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_rules(rules)
    assert message in str(info.value) and "rules.yaml, rij " in str(info.value)
