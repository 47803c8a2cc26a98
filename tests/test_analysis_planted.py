"""Every finding kind on a hand-made map with known answers, and absent where it should be."""
from pathlib import Path

import pytest

from netmap.analysis import Settings, analyse
from netmap.dataset import read_dataset
from netmap.graph import build_graph

DATA = Path(__file__).parent / "data" / "analysis" / "planted.yaml"
# the planted map is far too small for an overlap to pass the significance test (tested on its own)
SETTINGS = Settings(multi_network_load=3, overlap_fdr=1.0)


@pytest.fixture(scope="module")
def dataset():
    return read_dataset(DATA)


@pytest.fixture(scope="module")
def result(dataset):
    return analyse(build_graph(dataset), SETTINGS)


def keys(result, kind):
    return sorted(tuple(f.subjects) for f in result.findings if f.kind == kind)


def fresh(dataset):
    """A new copy of the planted dataset to change one thing in."""
    return read_dataset(DATA)


EXPECTED = {
    "level_gap": [("I", "I"), ("I", "III"), ("I", "IV"), ("II", "IV"), ("III", "III"), ("IV", "IV")],
    "single_level_network": [("plat2",), ("tail",)],
    "missing_level": [("nolevel",)],
    "missing_perspective": [("kbl_adviesraad", "ouders"), ("kbl_adviesraad", "professionals", "onderzoek"),
                            ("rkj1", "onderwijs"), ("rkj1", "professionals", "aanbieders", "wijkteams")],
    "composition_shortfall": [("kbl_adviesraad",), ("kbl_adviesraad", "onderzoek")],
    "representative_without_home": [("p1",)],
    "unrepresented_constituency": [("y3",)],
    "multiple_seats": [("p2",)],
    # the adviesraad shares y1, o1 and g1 with rkj1 only through the seats held for them: by design, no overlap
    "network_overlap": [("plat", "plat2")],
    "shared_theme": [("plat", "rkj1")],
    "multi_network_load": [("g1",), ("g2",)],
    "isolated": [("lone",)],
    # g1 carries the platforms' cluster (8 actors) to the core of 18; the trivial cuts make one finding
    "single_point_of_failure": [("g1",), ("g2",), ("nolevel", "t1", "t2", "y2", "y3")],
    "separate_component": [("e1", "e2")],
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_kind_found_with_known_subjects(result, kind):
    assert keys(result, kind) == EXPECTED[kind]


def test_level_gap_without_channel_is_high_and_with_channel_medium(result):
    by_key = {tuple(f.subjects): f for f in result.findings if f.kind == "level_gap"}
    assert by_key[("II", "IV")].severity == "high"
    assert by_key[("I", "IV")].severity == "medium"
    assert by_key[("I", "IV")].details["channels"] == ["kbl_adviesraad"]


def test_messages_name_actors_and_suggestions_are_filled(result):
    home = next(f for f in result.findings if f.kind == "representative_without_home")
    assert "Piet Geheim" in home.message and "Jongeren <Eén> & Co" in home.message
    gap = next(f for f in result.findings if f.subjects == ["I", "IV"])
    # p1 (I) and p2 (IV, through home m1) meet in the Adviesraad without a direct tie
    assert gap.details["candidates"] == [["p1", "p2"]] and "die samen in Adviesraad zitten" in gap.suggestion
    missing = next(f for f in result.findings if f.subjects == ["kbl_adviesraad", "ouders"])
    assert missing.details["candidates"] == ["o1"] and "Ouders Regio" in missing.suggestion


def test_roles_only_hides_names_in_messages(dataset):
    result = analyse(build_graph(dataset), SETTINGS, roles_only=True)
    text = " ".join(f.message + f.suggestion for f in result.findings)
    assert "Piet Geheim" not in text and "Petra Twee" not in text
    assert "jongerenvertegenwoordiger" in text


def test_english_messages(dataset):
    result = analyse(build_graph(dataset), SETTINGS, lang="en")
    isolated = next(f for f in result.findings if f.kind == "isolated")
    assert isolated.message == "Eenling is in no network and has no ties at all."


def test_absent_when_fixed(dataset):
    ds = fresh(dataset)
    ds.nodes["p1"].home_organisation_id = "y1"
    ds.nodes["nolevel"].levels = ("II",)
    from netmap.model import Membership, Node, Representation, Tie
    ds.memberships.append(Membership("lone", "rkj1"))
    ds.memberships.append(Membership("y3", "rkj1"))
    ds.representation = [r for r in ds.representation if r.person_id != "p2"]
    ds.representation.append(Representation("p2", "y2", "kbl_adviesraad"))
    ds.nodes["p3"] = Node("p3", "person", "Derde", home_organisation_id="o1")
    ds.representation.append(Representation("p3", "o1", "rkj1"))
    ds.ties.append(Tie("e1", "g1"))
    ds.ties.append(Tie("t1", "g1"))
    ds.ties.append(Tie("rkj1", "plat"))
    result = analyse(build_graph(ds), Settings(multi_network_load=4, overlap_threshold=0.9,
                                               overlap_coefficient_threshold=0.9))
    for kind in ("representative_without_home", "unrepresented_constituency", "multiple_seats", "isolated",
                 "missing_level", "network_overlap", "multi_network_load", "separate_component",
                 "shared_theme"):
        assert keys(result, kind) == [], kind
    assert ("g2",) not in keys(result, "single_point_of_failure")


def test_requirements_table_replaces_default_rules(dataset):
    ds = fresh(dataset)
    from netmap.model import Requirement
    ds.requirements = [Requirement("rkj1", "rijk", 1, "een ministerie")]
    result = analyse(build_graph(ds), SETTINGS)
    assert [k for k in keys(result, "missing_perspective") if k[0] == "rkj1"] == [("rkj1", "rijk")]


def test_to_dict_is_json_ready_and_sorted(result):
    import json

    data = json.loads(json.dumps(result.to_dict()))
    severities = [f["severity"] for f in data["findings"]]
    order = ["high", "medium", "low", "info"]
    assert severities == sorted(severities, key=order.index)
    assert data["level_matrix"]["I"]["II"] == 1 and data["settings"]["multi_network_load"] == 3
