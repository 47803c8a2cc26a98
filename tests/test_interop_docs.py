"""The input format and the exchange formats are documented inside the repository, and say what the code does."""
from pathlib import Path

from netmap import schema
from netmap.io.exports import GEXF_VERSION
from netmap.model import PERSPECTIVES, TIE_KINDS

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "input-format.md"


def test_the_input_format_lives_in_the_repository_and_the_readme_links_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/input-format.md)" in readme
    assert "../shared/DATA-FORMAT.md" not in readme


def test_the_input_format_doc_is_the_schema():
    doc = DOC.read_text(encoding="utf-8")
    assert schema.column_table_markdown() in doc, "paste schema.column_table_markdown() into docs/input-format.md"
    assert ", ".join(PERSPECTIVES) in doc.replace("\n", " ")
    assert "`, `".join(TIE_KINDS) in doc


def test_the_stated_gexf_version_is_the_one_written():
    readme, doc = ((ROOT / p).read_text(encoding="utf-8") for p in ("README.md", "docs/input-format.md"))
    assert GEXF_VERSION == "1.2draft"
    assert f"GEXF {GEXF_VERSION}" in readme and f"GEXF {GEXF_VERSION}" in doc
    assert "GEXF 1.2)" not in readme and "GEXF 1.2," not in readme


def test_the_readme_does_not_deny_what_it_documents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "not there yet" not in readme
    assert "### Two loads compared" in readme and "(#two-loads-compared)" in readme
