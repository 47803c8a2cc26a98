"""The text catalogue: one lookup, every key in Dutch and English with the same placeholders."""
from __future__ import annotations

import pytest

from netmap import i18n


def test_every_text_has_both_languages_and_equal_placeholders():
    assert i18n.check_catalogue() == []


def test_lookup_falls_back_to_dutch_and_fills_placeholders():
    assert i18n.t("input.problems_head_n", "en", n=3) == "3 problems found in the input; nothing was loaded."
    assert i18n.t("input.problems_head_n", n=3).startswith("3 problemen")


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
