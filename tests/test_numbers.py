"""parse_number: examples from the issue, property tests against Babel, and bad input."""
from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings, strategies as st

from vnict_analysis.text.lexicon import load_lexicon
from vnict_analysis.figures.numbers import parse_number
import vnict_analysis as va

CASES = [
    ("36.571", "id", 36571), ("8,1", "id", 8.1), ("1.400", "id", 1400), ("36.571", "vi", 36571),
    ("147.8", "th", 147.8), ("147.8", "en", 147.8), ("36,571", "th", 36571), ("36,571", "en", 36571),
    ("๓๖,๕๗๑", "th", 36571), ("๘.๑", "th", 8.1),
    ("147,8 juta", "id", 147.8e6), ("36.571 miliar", "id", 36571e9), ("2 triliun", "id", 2e12),
    ("36,571 พันล้าน", "th", 36571e9), ("5 หมื่นล้าน", "th", 5e10), ("3 แสน", "th", 3e5),
    ("1,5 tỷ", "vi", 1.5e9), ("2 nghìn tỷ", "vi", 2e12), ("300 ngàn", "vi", 3e5), ("7 triệu", "vi", 7e6),
    ("1.2 billion", "en", 1.2e9), ("3 hundred million", "en", 3e8),
    ("tiga", "id", 3), ("dua belas", "id", 12), ("dua puluh lima", "id", 25), ("seratus", "id", 100),
    ("tiga ratus ribu", "id", 300000), ("hai mươi lăm", "vi", 25), ("một trăm linh năm", "vi", 105),
    ("mười", "vi", 10), ("ห้าสิบเอ็ด", "th", 51), ("ยี่สิบ", "th", 20), ("สองแสนห้าหมื่น", "th", 250000),
    ("twenty-one", "en", 21), ("one hundred and five", "en", 105), ("three thousand", "en", 3000),
    ("-5", "en", -5), ("−2,5", "id", -2.5), ("minus 3", "en", -3),
    ("760億", "ja", 760e8), ("1억", "ko", 1e8), ("三千万", "zh", 3e7), ("2万", "zh", 2e4),
    ("1 234,5", "fr", 1234.5), ("1.234,5", "de", 1234.5), ("1,234.5", "en", 1234.5),
]


@pytest.mark.parametrize("text,lang,expected", CASES)
def test_parse_examples(text, lang, expected):
    assert parse_number(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "12-KL", "1.2.3,4,5", "3G", "Rp", "per", "12,34.5"])
def test_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text, "id")


@pytest.mark.parametrize("lang", ["xx", "", "english", "12"])
def test_unknown_language(lang):
    with pytest.raises(ValueError):
        parse_number("1", lang)


def test_non_string():
    with pytest.raises(ValueError):
        parse_number(12, "en")  # type: ignore[arg-type]


LOCALES = ["id", "vi", "th", "en", "de", "fr", "es", "ja", "ko", "zh"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LOCALES), st.integers(min_value=0, max_value=10**12))
def test_babel_integers_round_trip(lang, n):
    text = format_decimal(n, locale=lang)
    assert parse_number(text, lang) == n


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LOCALES), st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_babel_decimals_round_trip(lang, whole, cents):
    value = whole + cents / 100
    text = format_decimal(value, format="#,##0.00", locale=lang)
    assert parse_number(text, lang) == pytest.approx(value)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["id", "vi", "th", "en", "ja", "ko", "zh"]), st.integers(min_value=1, max_value=999),
       st.data())
def test_scale_words_round_trip(lang, n, data):
    lex = load_lexicon(lang)
    word, mult = data.draw(st.sampled_from(sorted(lex.numbers("scales").items())))
    sep = " " if lex.spaces else ""
    text = format_decimal(n, locale=lang) + sep + word
    assert parse_number(text, lang) == pytest.approx(n * mult)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30), st.sampled_from(["id", "vi", "th", "en", "zh", "ko"]))
def test_arbitrary_unicode_only_value_error(text, lang):
    try:
        value = parse_number(text, lang)
    except ValueError:
        return
    assert isinstance(value, float)


@pytest.mark.parametrize("text,lang,value", [
    # a scale multiplies only the groups closed by smaller scales since the last larger one
    ("tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones quinientos "
     "cincuenta y seis mil ochocientos treinta y dos", "es", 3_455_228_556_832),
    ("dos mil millones", "es", 2e9),
    ("one million two hundred thousand", "en", 1_200_000),
    ("deux cent virgule cinquante deux", "fr", 200.52),   # decimals read as one numeral
])
def test_words_value_of_long_numerals(text, lang, value):
    assert va.parse_number(text, lang) == pytest.approx(value)


@pytest.mark.parametrize("text,lang,expected", [
    ("외국투자가8천3백만달러로", "ko", [(83e6, "USD")]),          # (8천 + 3백) 만, not 8천 and 3백만
    ("3억8천2백만달러", "ko", [(382e6, "USD")]),
    ("3亿8千2百万美元", "zh", [(382e6, "USD")]),
    ("plus d’un milliard de dollars", "fr", [(1e9, "USD")]),   # a spelled numeral's scale, then "de dollars"
    ("im Jahr 2030 1000 Milliarden US-Dollar erreichen", "de", [(1e12, "USD")]),  # not a phone number
    ("ricavi per 31,6 miliardi di dollari", "it", [(31.6e9, "USD")]),  # no YAML: CLDR's word for dollar
    ("dois vírgula cinco por cento", "pt", [(2.5, "percent")]),
    ("売上高は、四億、", "ja", [(4e8, "count")]),                # a numeral set apart by punctuation
])
def test_figures_from_language_data(text, lang, expected):
    got = va.extract_figures(text, lang)
    assert list(zip(got["value"], got["unit"])) == expected


@pytest.mark.parametrize("text,lang", [("el 22 de diciembre", "es"), ("26 agosto 2024", "it"), ("Январь 12", "ru")])
def test_cldr_month_names_make_dates(text, lang):
    assert va.extract_figures(text, lang).empty
