"""The text catalogue: one lookup, every key in Dutch and English with the same placeholders."""
from __future__ import annotations

import pytest

from netmap import i18n
from netmap.dataset import example_path, read_dataset


def test_every_text_has_both_languages_and_equal_placeholders():
    assert i18n.check_catalogue() == []


def test_lookup_falls_back_to_dutch_and_fills_placeholders():
    assert i18n.t("input.problems_head_n", "en", n=3) == "3 problems found in the input; nothing was loaded."
    assert i18n.t("input.problems_head_n", n=3).startswith("3 problemen")


def test_counts_are_grouped_the_readers_way_and_identifiers_are_not():
    assert i18n.t("input.problems_head_n", n=17049).startswith("17.049 problemen")
    assert i18n.t("input.problems_head_n", "en", n=17049).startswith("17,049 problems")
    assert i18n.t("input.problems_head_n", n=999).startswith("999 problemen")
    assert i18n.t("input.problems_head_n", n=0.5).startswith("0,5 problemen")  # floats keep the decimal comma
    # a port, a snapshot or a place in a file is a name, not a count
    assert "50001" in i18n.t("web.serve_port_busy", port=50001)
    assert "1234" in i18n.t("web.upload_stored", "en", id=1234)
    assert "1523" in i18n.t("import.xml_broken", line=1523, column=2000) and "2000" in \
        i18n.t("import.xml_broken", line=1, column=2000)
    assert "True" in i18n.t("input.problems_head_n", n=True)  # a flag is no count


def test_check_finds_a_missing_language_and_unequal_placeholders(monkeypatch):
    monkeypatch.setattr(i18n, "_catalogue", dict(i18n.catalogue()))
    monkeypatch.setattr(i18n, "_origin", dict(i18n._origin))
    i18n.add_texts("probe", {"only_nl": {"nl": "alleen"}, "params": {"nl": "{a} en {b}", "en": "{a} and {c}"},
                             "number": {"nl": "ja", "en": 1}}, origin="test")
    problems = "\n".join(i18n.check_catalogue())
    assert "probe.only_nl" in problems and "no en" in problems
    assert "probe.params" in problems and "placeholders differ" in problems
    assert "probe.number" in problems


def test_a_key_defined_twice_is_refused(monkeypatch):
    monkeypatch.setattr(i18n, "_catalogue", dict(i18n.catalogue()))
    monkeypatch.setattr(i18n, "_origin", dict(i18n._origin))
    with pytest.raises(ValueError, match="defined twice"):
        i18n.add_texts("input", {"row": {"nl": "r", "en": "r"}}, origin="elsewhere")


def test_threads_asking_for_the_first_text_at_once_all_get_it(monkeypatch):
    """The service's threads may load the catalogue together: none may see it half read (a KeyError before)."""
    import threading
    import time

    from netmap import i18n

    real_load = i18n.yaml.safe_load

    def slow_load(text):
        time.sleep(0.01)  # widen the window in which the first loader is still reading files
        return real_load(text)

    builtin = {k for k, origin in i18n._origin.items() if origin.startswith("netmap/texts/")}
    monkeypatch.setattr(i18n.yaml, "safe_load", slow_load)
    monkeypatch.setattr(i18n, "_loaded", False)
    monkeypatch.setattr(i18n, "_catalogue", {k: v for k, v in i18n._catalogue.items() if k not in builtin})
    monkeypatch.setattr(i18n, "_origin", {k: v for k, v in i18n._origin.items() if k not in builtin})
    results: list[str] = []
    errors: list[BaseException] = []

    def ask():
        try:
            results.append(i18n.t("web.upload_help", "en"))  # in the last file read (web.yaml sorts late)
        except BaseException as err:  # noqa: BLE001 - the test reports any failure of a thread
            errors.append(err)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == [] and len(results) == 8 and len(set(results)) == 1


@pytest.mark.parametrize("name", ["kbl", "kbl-2026q4", "kbl-realistisch"])
def test_every_type_of_the_shipped_examples_has_an_english_word(name):
    """A type the catalogue does not know is shown as written: 'gemeente' in the English map's legend and
    filter, 'zorgaanbieder (withheld)' for a private organisation. The examples' types must all be known."""
    types = {node.type for node in read_dataset(example_path(name)).nodes.values() if node.type}
    assert types and sorted(code for code in types if f"types.{code}" not in i18n.catalogue()) == []
    assert i18n.word("types", "gemeente", "en") == "municipality"
    assert i18n.word("types", "gemeente", "nl") == "gemeente"
