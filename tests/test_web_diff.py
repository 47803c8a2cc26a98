"""The diff a real `netmap serve` shows and serves: a node private in either snapshot is named in neither.

`netmap diff` compares two versions after :func:`netmap.privacy.private_in_either`; the service compared
each snapshot's own cached analysis, so a person public in one snapshot and private in the other was named
in the first one's sentences on the diff page, in the diff JSON and (private before, public now) on the
change map. Each test runs against `python -m netmap serve` on 127.0.0.1, fed by real uploads.
"""
from __future__ import annotations

import copy
import json
import time
import urllib.request
import uuid
from typing import Any

import pytest
import yaml

from netmap.dataset import read_dataset
from tests.serving import running_server

PERSON, PERSON_ID = "Pieter Geheimhouder", "pieter"
VERSION: dict[str, list[dict[str, Any]]] = {
    "organisations": [{"id": "alfa", "name": "Stichting Alfa", "level": "II", "type": "ouderorganisatie"},
                      {"id": "beta", "name": "Jongerenraad Beta", "level": "I", "type": "jongerenorganisatie"}],
    "networks": [{"id": "oost", "name": "Leernetwerk Oost", "level": ["I", "II"]}],
    # two seats and no home organisation: findings that name him in every version he is public in
    "people": [{"id": PERSON_ID, "name": PERSON, "role": "coach"}],
    "memberships": [{"member_id": "alfa", "network_id": "oost"}, {"member_id": PERSON_ID, "network_id": "oost"},
                    {"member_id": "beta", "network_id": "oost"}],
    "representation": [{"person_id": PERSON_ID, "constituency_id": "alfa", "body_id": "oost"},
                       {"person_id": PERSON_ID, "constituency_id": "beta", "body_id": "oost"}],
}


def versions(private_in: str) -> tuple[dict, dict]:
    """(old, new): the person private in the one named; the new version adds an organisation and a seat
    note, so the two differ in more than the flag."""
    old, new = copy.deepcopy(VERSION), copy.deepcopy(VERSION)
    (old if private_in == "old" else new)["people"][0]["private"] = True
    new["organisations"].append({"id": "gamma", "name": "Gemeente Gamma", "level": "II"})
    new["memberships"][1]["role"] = "chair"
    return old, new


def get(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=120) as response:
        return response.read().decode("utf-8")


def upload(base: str, name: str, data: bytes) -> None:
    """POST one file to the upload form, then wait until the snapshot is listed (a slow upload answers
    with its progress page first)."""
    before = len(json.loads(get(base, "/api/v1/snapshots")))
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/momentopnamen", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    urllib.request.urlopen(request, timeout=300).read()
    deadline = time.monotonic() + 300
    while len(json.loads(get(base, "/api/v1/snapshots"))) == before:
        assert time.monotonic() < deadline, f"{name} was not stored"
        time.sleep(0.5)


@pytest.fixture(scope="module", params=["old", "new"])
def served(request, tmp_path_factory):
    """A server whose snapshots 2 and 3 are the two versions (1 is the seeded example), the person
    private in the old one or in the new one; yields (base URL, the version he is private in, the files)."""
    folder = tmp_path_factory.mktemp(f"private-in-{request.param}")
    files = []
    for label, data in zip(("v1", "v2"), versions(request.param)):
        files.append(folder / f"{label}.yaml")
        files[-1].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with running_server(folder / "werkruimte") as base:
        for file in files:
            upload(base, file.name, file.read_bytes())
        yield base, request.param, files


DIFF_URLS = ["/momentopnamen/verschil?old=2&new=3", "/momentopnamen/verschil?old=2&new=3&lang=en",
             "/api/v1/diff?old=2&new=3", "/api/v1/diff?old=2&new=3&lang=en",
             "/momentopnamen/verschil/kaart?old=2&new=3", "/momentopnamen/verschil/kaart?old=2&new=3&lang=en"]


def test_the_diff_names_no_one_private_in_either_snapshot(served):
    base, _, _ = served
    for url in DIFF_URLS:
        text = get(base, url).lower()
        assert "geheimhouder" not in text and PERSON_ID not in text, url
    page = get(base, DIFF_URLS[0])
    assert "Gemeente Gamma" in page  # the diff itself is still there
    assert "coach" in page  # his changed membership, by his role


def test_the_diff_is_the_one_netmap_diff_makes(served):
    """The API's diff is the CLI's (`compare_versions` analysing both versions itself), ids pseudonymised
    as in all the service's JSON."""
    from netmap.diff import compare_versions
    from netmap.report.diff import diff_json

    base, _, files = served
    for lang in ("nl", "en"):
        result, old, new = compare_versions(read_dataset(files[0]), read_dataset(files[1]), lang=lang)
        want = json.loads(json.dumps(diff_json(result, old, new, pseudonymous=True)))
        got = json.loads(get(base, f"/api/v1/diff?old=2&new=3&lang={lang}"))
        for data in (got, want):
            data.pop("old_source"), data.pop("new_source")
        assert got == want


def test_each_snapshots_own_pages_keep_its_own_data(served):
    """A snapshot's own pages show that snapshot's data: the person is named where he is public there,
    and withheld where he is private."""
    base, private_in, _ = served
    public, private = (3, 2) if private_in == "old" else (2, 3)
    assert PERSON in get(base, f"/s/{public}/n/{PERSON_ID}")
    assert PERSON in get(base, f"/s/{public}/bevindingen")
    findings = get(base, f"/s/{private}/bevindingen")
    assert PERSON not in findings and "Coach vertegenwoordigt 2 achterbannen" in findings


def test_a_node_pages_history_does_not_call_him_absent_where_he_is_withheld(served):
    """The history on his page (where he is public) neither claims he was absent from the snapshot he is
    private in, nor tells that apart from absence: both read "absent or withheld" there, with no link."""
    import re

    base, private_in, _ = served
    public, private = (3, 2) if private_in == "old" else (2, 3)
    page = get(base, f"/s/{public}/n/{PERSON_ID}")
    table = page[page.index('<table class="history">'):]
    table = table[:table.index("</table>")]
    states = dict(re.findall(r"<tr><td>(?:<a [^>]*>)?(\d+)(?:</a>)?</td><td>[^<]*</td>\s*<td>([^<]*)</td>", table))
    # snapshot 1 (the seeded example) withholds someone too: there absence and withholding read alike
    assert states == {"1": "niet aanwezig of afgeschermd", str(private): "niet aanwezig of afgeschermd",
                      str(public): "aanwezig"}, table
    assert f"/s/{private}/n/" not in table
    rows = json.loads(get(base, f"/api/v1/snapshots/{public}/nodes/{PERSON_ID}?lang=en"))["history"]
    assert {r["id"]: r["state"] for r in rows} == {1: "withheld", private: "withheld", public: "present"}
