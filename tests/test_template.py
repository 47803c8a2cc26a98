"""The template workbook: loads as it is, explains every column and vocabulary, never overwrites."""
import openpyxl
import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.dataset import read_dataset
from netmap.io.template import write_template
from netmap.model import LEVELS, PERSPECTIVES, SCOPES, TABLES
from netmap.schema import column_names


@pytest.mark.parametrize("lang, sheet", [("nl", "uitleg"), ("en", "explanation")])
def test_template_validates_and_explains_every_column(tmp_path, lang, sheet):
    path = write_template(tmp_path / "t.xlsx", lang=lang)
    assert read_dataset(path).counts() == {"organisations": 2, "networks": 2, "people": 2, "memberships": 2,
                                           "representation": 1, "ties": 1, "requirements": 1}
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [sheet, *TABLES]
    for table in TABLES:
        assert [c.value for c in book[table][1]] == list(column_names(table))
    rows = [tuple(c.value for c in row) for row in book[sheet].iter_rows()]
    documented = {(r[0], r[1]) for r in rows if r[0] in TABLES}
    assert documented == {(t, c) for t in TABLES for c in column_names(t)}
    assert all(r[3] for r in rows if r[0] in TABLES)  # every column has an explanation
    vocab = {(r[0], r[1]) for r in rows if r[0] in ("level", "perspectives", "scope", "cycle_step")}
    assert {("level", lv) for lv in LEVELS} | {("perspectives", p) for p in PERSPECTIVES} <= vocab
    assert {("scope", s) for s in SCOPES} | {("cycle_step", str(n)) for n in range(1, 5)} <= vocab


def test_template_explanation_is_dutch_by_default(tmp_path):
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    rows = {(r[0].value, r[1].value): r[3].value for r in book["uitleg"].iter_rows(min_row=2) if r[1].value}
    assert rows[("people", "home_organisation_id")] == "Id van de thuisorganisatie (de achterban-band)."
    assert rows[("cycle_step", "1")] == "verbinding aangaan"


def test_template_command_never_overwrites(tmp_path):
    runner = CliRunner()
    target = tmp_path / "start.xlsx"
    first = runner.invoke(main, ["template", str(target)])
    assert first.exit_code == 0 and first.output.strip() == str(target)
    target.write_bytes(b"my own work")
    second = runner.invoke(main, ["template", str(target)])
    assert second.exit_code == 1 and "bestaat al" in second.output
    assert target.read_bytes() == b"my own work"
    assert runner.invoke(main, ["template", str(target), "--force"]).exit_code == 0
    assert read_dataset(target).counts()["organisations"] == 2


@pytest.mark.parametrize("lang, counts", [
    ("nl", "2 organisaties, 2 netwerken en organen, 2 personen, 2 lidmaatschappen, 1 zetel, 1 relatie, 1 eis"),
    ("en", "2 organisations, 2 networks and bodies, 2 people, 2 memberships, 1 seat, 1 tie, 1 requirement"),
])
def test_validate_counts_one_record_in_the_singular(tmp_path, lang, counts):
    path = write_template(tmp_path / "t.xlsx")
    result = CliRunner().invoke(main, ["--lang", lang, "validate", str(path)])
    assert result.exit_code == 0 and result.output.strip().endswith(f"({counts})"), result.output
