"""Extraction rules on short hand-written sentences in several languages (not from the seeds)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from vnict_analysis.figures.extract import extract_figures, rejected_numbers


def one(text, lang):
    df = extract_figures(text, lang, "t")
    assert len(df) == 1, df[["raw", "value", "unit"]]
    return df.iloc[0]


@pytest.mark.parametrize("text,lang,value,unit", [
    ("Nilai ekspor diperkirakan mencapai Rp 2,5 triliun.", "id", 2.5e12, "IDR"),
    ("Doanh thu đạt 1.250 tỷ đồng.", "vi", 1250e9, "VND"),
    ("Kim ngạch xuất khẩu đạt 3,2 tỷ USD.", "vi", 3.2e9, "USD"),
    ("มูลค่าการลงทุน 2,500 ล้านบาท", "th", 2500e6, "THB"),
    ("Revenue reached $1.2 billion last year.", "en", 1.2e9, "USD"),
    ("Exports rose 12.5 percent.", "en", 12.5, "percent"),
    ("ベトナムへの投資は760億ドルに達した。", "ja", 760e8, "USD"),
    ("베트남에 1억 달러를 투자했다.", "ko", 1e8, "USD"),
    ("越南数字经济规模达到200亿美元。", "zh", 200e8, "USD"),
    ("Tăng trưởng 15 phần trăm.", "vi", 15, "percent"),
])
def test_money_and_percent(text, lang, value, unit):
    row = one(text, lang)
    assert row["value"] == pytest.approx(value)
    assert row["unit"] == unit


def test_counted_noun_and_bound():
    row = one("Perusahaan itu memiliki lebih dari 250 karyawan.", "id")
    assert (row["value"], row["unit"], row["counted"], row["bound"]) == (250, "count", "karyawan", "more_than")
    row = one("Thành phố có khoảng 1.200 doanh nghiệp.", "vi")
    assert (row["value"], row["bound"], row["counted"]) == (1200, "about", "doanh")
    row = one("มีผู้ใช้เกือบ 500 คน", "th")
    assert (row["value"], row["bound"], row["counted"]) == (500, "less_than", "คน")


def test_spelled_out_numbers():
    row = one("Kota ini membangun empat pusat data baru.", "id")
    assert (row["value"], row["counted"]) == (4, "pusat")
    row = one("The city opened twenty-one new offices.", "en")
    assert row["value"] == 21
    row = one("มีโรงงานห้าสิบเอ็ดแห่ง", "th")
    assert (row["value"], row["counted"]) == (51, "แห่ง")


def test_ranges_share_an_id():
    df = extract_figures("Pertumbuhan diperkirakan 5 hingga 7% per tahun.", "id", "t")
    assert list(df["value"]) == [5, 7] and list(df["unit"]) == ["percent", "percent"]
    assert df["range_id"].nunique() == 1 and df["range_id"].notna().all()
    df = extract_figures("Growth of 3-4% is expected.", "en", "t")
    assert list(df["value"]) == [3, 4] and df["range_id"].nunique() == 1


def test_rate_per_thousand():
    row = one("Ada 3,5 dokter per 1.000 penduduk.", "id")
    assert (row["value"], row["unit"]) == (3.5, "per_1000")


def test_qualifiers():
    df = extract_figures("Doanh thu năm 2023 ước đạt 500 tỷ đồng; mục tiêu năm 2024 là 600 tỷ đồng.", "vi", "t")
    assert list(df["qualifier"]) == ["estimate", "target"]
    assert list(df["period"]) == [2023, 2024]
    df = extract_figures("Pada 2022 ekspor mencapai USD 10 juta. Tahun depan ditargetkan USD 12 juta.", "id", "t")
    assert list(df["qualifier"]) == ["actual", "target"]


def test_buddhist_era_and_comparison_year():
    df = extract_figures("ในปี 2565 รายได้อยู่ที่ 1,200 ล้านบาท เพิ่มขึ้น 5% เมื่อเทียบกับปี 2564", "th", "t")
    assert list(df["period"]) == [2022, 2022]
    df = extract_figures("Ekspor naik 9% dibandingkan tahun 2021.", "id", "t")
    assert list(df["period"]) == [2022]  # compared with 2021 -> the figure is for 2022


@pytest.mark.parametrize("text,lang", [
    ("2025년 매출은 1,980억 달러로, 2024년 대비 26% 증가했다.", "ko"),   # the base year is followed by 대비
    ("2025年の売上高は1980億ドルで、2024年比26%増となった。", "ja"),       # ... by 比
    ("2025年收入达1980亿美元，与2024年相比增长26%。", "zh"),             # ... by 相比
])
def test_base_year_after_its_year_in_head_final_languages(text, lang):
    df = extract_figures(text, lang, "t")
    assert list(df["value"]) == [198e9, 26.0] and list(df["period"]) == [2025, 2025]


def test_result_against_the_plan_is_an_actual():
    df = extract_figures("2025년 매출은 연간 계획 대비 16% 초과 달성했다.", "ko", "t")
    assert list(df["qualifier"]) == ["actual"]


@pytest.mark.parametrize("text,lang,reason", [
    ("Nghị quyết số 52-NQ/TW được ban hành.", "vi", "document number"),
    ("Sesuai Peraturan Nomor 12 tahun 2020.", "id", "label or ordinal"),
    ("Hệ thống đạt chuẩn ISO 9001:2015.", "vi", "identifier"),
    ("Mạng 5G được triển khai.", "vi", "identifier"),
    ("Pada 17 Agustus 2024 acara dimulai.", "id", "date"),
    ("การประชุมวันที่ 5 มีนาคม", "th", "date"),
    ("ถนนหมายเลข 7 ถูกปิด", "th", "label or ordinal"),
    ("Dự án 06 về dữ liệu dân cư.", "vi", "label or ordinal"),
    ("The 2019 plan was revised.", "en", "year"),
])
def test_not_figures(text, lang, reason):
    assert extract_figures(text, lang, "t").empty
    assert reason in set(rejected_numbers(text, lang, "t")["reason"])


def test_leading_zero_code():
    assert extract_figures("Program 07 diluncurkan.", "id", "t").empty


def test_boilerplate_is_skipped_but_offsets_are_raw():
    text = "Nilainya mencapai 15%.\nSumber: https://example.com/a-123\nKomentar (4)"
    df = extract_figures(text, "id", "t")
    assert list(df["value"]) == [15]
    assert text[df.iloc[0]["start"]:df.iloc[0]["end"]] == "15%"


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_bad_text(bad):
    with pytest.raises(ValueError):
        extract_figures(bad, "id")  # type: ignore[arg-type]


def test_bad_language():
    with pytest.raises(ValueError):
        extract_figures("12%", "zz")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["id", "vi", "th", "en", "ja", "ko", "zh", "de"]))
def test_arbitrary_unicode_never_crashes(text, lang):
    df = extract_figures(text, lang, "x")
    for row in df.itertuples():
        assert text[row.start:row.end] == row.raw


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["36.571", " miliar", " USD", "%", " hingga ", "tahun 2023", " dan ", "sekitar ",
                                 "lebih dari ", "3G", "No. 5", ",", ".", " per 1.000 ", "tiga", " Komentar (0)\n"]),
                max_size=12))
def test_token_soup_never_crashes(parts):
    text = "".join(parts)
    df = extract_figures(text, "id", "x")
    assert (df["start"] < df["end"]).all()


@pytest.mark.parametrize("text,lang,value,unit", [
    ("Nilai investasi Rp2,5 triliun.", "id", 2.5e12, "IDR"),
    ("Pelaburan dijangka mencecah RM2.5 bilion.", "ms", 2.5e9, "MYR"),
    ("Revenue hit US$3bn.", "en", 3e9, "USD"),
])
def test_currency_glued_to_number(text, lang, value, unit):
    row = one(text, lang)
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text,lang", [
    ("Apple meluncurkan iPhone 15 di Jakarta.", "id"),
    ("Máy chủ chạy Windows 11.", "vi"),
    ("Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu.", "vi"),
    ("2024年5月3日发布。", "zh"),
    ("2024년 3월 발표했다.", "ko"),
])
def test_names_codes_and_dates_are_not_figures(text, lang):
    assert extract_figures(text, lang, "t").empty


def test_paired_ranges_but_not_changes():
    df = extract_figures("Growth is expected between 10 and 15 percent.", "en", "t")
    assert list(df["value"]) == [10, 15] and list(df["unit"]) == ["percent", "percent"]
    assert df["range_id"].nunique() == 1 and df["range_id"].notna().all()
    df = extract_figures("The number of deals fell 37% to 120.", "en", "t")
    assert df["range_id"].isna().all() and list(df["unit"]) == ["percent", "count"]


TEMPLATES = {
    "id": "Pada periode ini nilai ekspor mencapai {n} miliar dolar AS dan tumbuh {p}%.",
    "vi": "Trong kỳ này kim ngạch xuất khẩu đạt {n} tỷ USD, tăng {p}%.",
    "th": "ในช่วงนี้มูลค่าการส่งออกอยู่ที่ {n} ล้านดอลลาร์สหรัฐ เพิ่มขึ้น {p}%",
    "en": "In this period exports reached {n} billion dollars, up {p}%.",
}
SCALE = {"id": 1e9, "vi": 1e9, "th": 1e6, "en": 1e9}
CURRENCY = {"id": "USD", "vi": "USD", "th": "USD", "en": "USD"}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(TEMPLATES)), st.integers(min_value=1, max_value=999_999),
       st.integers(min_value=0, max_value=99), st.integers(min_value=1, max_value=999))
def test_babel_formatted_figures_are_extracted(lang, whole, cents, pct_tenths):
    from babel.numbers import format_decimal

    amount = whole + cents / 100
    pct = pct_tenths / 10
    text = TEMPLATES[lang].format(n=format_decimal(amount, format="#,##0.##", locale=lang),
                                  p=format_decimal(pct, format="#,##0.#", locale=lang))
    df = extract_figures(text, lang, "t")
    assert list(df["unit"]) == [CURRENCY[lang], "percent"], (text, df[["raw", "unit"]])
    assert df.iloc[0]["value"] == pytest.approx(amount * SCALE[lang])
    assert df.iloc[1]["value"] == pytest.approx(pct)


def test_year_right_after_a_figure_is_its_period():
    df = extract_figures("Pada 2024 pemerintah menargetkan 20 persen pada 2025 dan 30 persen pada 2030.", "id", "t")
    assert list(df["period"]) == [2025, 2030]
    df = extract_figures("ในปี 2566 รายได้อยู่ที่ 500 ล้านบาท และในปี 2567 ตั้งเป้า 600 ล้านบาท", "th", "t")
    assert list(df["period"]) == [2023, 2024]  # "และในปี 2567" opens the next clause


@pytest.mark.parametrize("text,lang,expected", [
    ("越南计划投资局预计，2025年全年外资实际到位金额将达260亿美元。", "zh", ["estimate"]),
    ("Ekonomi digital diperkirakan mencapai nilai transaksi bruto (GMV) sebesar 36 miliar dolar AS.", "id", ["estimate"]),
    ("同社は2026年までに約3億ドルを投資し、約2000人を雇用する計画だ。", "ja", ["target", "target"]),
])
def test_qualifier_reaches_over_asides_and_from_sentence_cues(text, lang, expected):
    assert list(extract_figures(text, lang, "t")["qualifier"]) == expected


def test_rate_base_is_a_power_of_ten_not_an_amount():
    df = extract_figures("Có 38 hợp đồng quy mô trên 5 triệu USD.", "vi", "t")
    assert list(df["unit"]) == ["count", "USD"] and list(df["value"]) == [38, 5e6]
    assert list(df["bound"]) == [None, "more_than"]


@pytest.mark.parametrize("text,lang,value,unit", [
    ("pour atteindre 23.667 milliards de wons", "fr", 23.667e12, "KRW"),   # CLDR "wons sud-coréens", bare
    ("un total de 5.000 millones de yenes", "es", 5e9, "JPY"),            # "yenes japoneses", bare
    ("receita de 36,3 bilhões de wons", "pt", 36.3e9, "KRW"),
    ("Viettel won 5 awards in 2023.", "en", 5.0, "count"),                # a word before a number is a word
])
def test_bare_currency_head_from_cldr(text, lang, value, unit):
    df = extract_figures(text, lang, "t")
    df = df[df["value"] != 2023]
    assert len(df) == 1 and df.iloc[0]["value"] == pytest.approx(value) and df.iloc[0]["unit"] == unit
