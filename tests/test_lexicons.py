"""Lexicons: every YAML file loads, typos are errors, a new language is a data change."""
from __future__ import annotations

import shutil

import pytest

from vnict_analysis.figures.extract import extract_figures
from vnict_analysis.text.lexicon import available_lexicons, load_lexicon
from vnict_analysis.figures.numbers import parse_number


def test_all_lexicons_load():
    langs = available_lexicons()
    assert {"id", "th", "vi", "en", "zh", "ja", "ko"} <= set(langs)
    for lang in langs:
        lex = load_lexicon(lang)
        assert lex.decimal and lex.group


def test_separators_come_from_cldr():
    assert (load_lexicon("id").decimal, load_lexicon("id").group) == (",", ".")
    assert (load_lexicon("th").decimal, load_lexicon("th").group) == (".", ",")


def test_language_without_yaml_parses_digits():
    assert parse_number("1.234,5", "de") == 1234.5
    df = extract_figures("Der Umsatz stieg um 12,5 %.", "de", "x")
    assert list(df["value"]) == [12.5] and list(df["unit"]) == ["percent"]


def test_unknown_key_is_an_error(tmp_path, root):
    shutil.copytree(root / "vnict_analysis" / "data" / "lexicons", tmp_path / "lexicons")
    (tmp_path / "lexicons" / "ms.yaml").write_text("lang: ms\nscale_wordz: {}\n")
    with pytest.raises(ValueError, match="unknown key"):
        load_lexicon("ms", str(tmp_path))


def test_adding_a_language_is_a_yaml_file(tmp_path, root):
    """Malay: scale words and a currency from data alone."""
    shutil.copytree(root / "vnict_analysis" / "data" / "lexicons", tmp_path / "lexicons")
    (tmp_path / "lexicons" / "ms.yaml").write_text(
        "lang: ms\nnumbers:\n  units: {satu: 1, dua: 2, tiga: 3}\n  scales: {juta: 1.0e6, bilion: 1.0e9}\n"
        "currencies:\n  MYR: [ringgit, RM]\nbounds:\n  about: [kira-kira]\n"
    )
    df = extract_figures("Pelaburan kira-kira RM 2,5 bilion.", "ms", "x", resources=str(tmp_path))
    assert list(df["value"]) == [2.5e9] and list(df["unit"]) == ["MYR"] and list(df["bound"]) == ["about"]
