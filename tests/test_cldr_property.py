"""Property: an amount Babel formats in a CLDR locale, with a compact scale (short or long) and the
currency's display name, extracts back to its value and currency; a percentage written with the
locale's percent sign or percent unit name extracts back to its value. Nothing about the amounts
is written by hand: the text is CLDR's (through Babel), the expected value is the number formatted.

Thirty locales, with and without a YAML lexicon. Left out, with the reason: he and ar (bidi marks
around the numbers, no lexicon), hi (abbreviations ending in the Devanagari "॰"), ca ("milers de
milions" is a compound scale CLDR spells with a preposition), fil ("na" between number and scale),
sw (the scale word comes before the number, "bilioni 15")."""
from __future__ import annotations

from babel.numbers import format_compact_decimal, format_percent, get_currency_name
from babel.units import format_unit
from hypothesis import given, settings
from hypothesis import strategies as st

import vnict_analysis as va

LOCALES = ["en", "fr", "de", "es", "pt", "ru", "vi", "id", "th", "zh", "ja", "ko", "it", "nl", "pl", "tr",
           "sv", "cs", "da", "fi", "nb", "ro", "hu", "uk", "ms", "bg", "sk", "lt", "hr", "sl"]
CURRENCIES = ["USD", "EUR", "VND", "JPY", "GBP", "KRW"]


@settings(max_examples=120, deadline=None)
@given(locale=st.sampled_from(LOCALES), currency=st.sampled_from(CURRENCIES),
       tenths=st.integers(min_value=10, max_value=9999), power=st.integers(min_value=1, max_value=4),
       length=st.sampled_from(["short", "long"]))
def test_compact_amount_round_trips(locale, currency, tenths, power, length):
    value = tenths / 10 * 10 ** (3 * power)
    try:
        number = format_compact_decimal(value, format_type=length, locale=locale, fraction_digits=3)
    except KeyError:  # zh, ja, ko have short forms only (万, 億, 억)
        number = format_compact_decimal(value, format_type="short", locale=locale, fraction_digits=3)
    text = f"{number} {get_currency_name(currency, value, locale=locale)}"
    got = va.extract_figures(text, locale)
    assert len(got) == 1, (text, got[["raw", "value", "unit"]].values.tolist())
    assert abs(got.iloc[0]["value"] - value) <= 1e-9 * value, (text, got.iloc[0]["value"])
    assert got.iloc[0]["unit"] == currency, (text, got.iloc[0]["unit"])


@settings(max_examples=80, deadline=None)
@given(locale=st.sampled_from(LOCALES), tenths=st.integers(min_value=1, max_value=999),
       named=st.booleans())
def test_percent_round_trips(locale, tenths, named):
    value = tenths / 10
    text = format_unit(value, "percent", length="long", locale=locale) if named else \
        format_percent(value / 100, format="#,##0.0%", locale=locale)
    got = va.extract_figures(text, locale)
    assert len(got) == 1, (text, got[["raw", "value", "unit"]].values.tolist())
    assert abs(got.iloc[0]["value"] - value) < 1e-9 and got.iloc[0]["unit"] == "percent", text
