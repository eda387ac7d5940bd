"""Indicator data: schema errors, and adding an indicator is a data change."""
from __future__ import annotations

import pandas as pd
import pytest
import yaml

import vnict_analysis as va
from vnict_analysis.facts.indicators import load_indicators, unit_kind


def test_unit_kinds():
    assert [unit_kind(u) for u in ("percent", "count", "times", "per_1000", "VND")] == \
        ["percent", "count", "times", "rate", "money"]


@pytest.mark.parametrize("patch,match", [
    ({"indicators": {"x": {"name": "X", "unit_kind": "money", "labelz": {}}}}, "unknown key"),
    ({"indicators": {"x": {"name": "X", "unit_kind": "euros"}}}, "unit_kind"),
    ({"indicators": {"x": {"name": "X", "unit_kind": "money", "relations": ["nope"]}}}, "unknown relation"),
    ({"indicators": {"x": {"name": "X", "unit_kind": "money", "labels": {"en": ["(unclosed"]}}}}, "bad pattern"),
])
def test_schema_errors(tmp_path, patch, match):
    p = tmp_path / "indicators.yaml"
    p.write_text(yaml.safe_dump({"relations": {}, **patch}))
    with pytest.raises(ValueError, match=match):
        load_indicators(p)


def test_adding_an_indicator(tmp_path, root):
    data = yaml.safe_load((root / "vnict_analysis" / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    data["indicators"]["startups"] = {"name": "Startups", "unit_kind": "count",
                                      "labels": {"en": ["start-?ups"], "id": ["perusahaan rintisan"]}}
    p = tmp_path / "indicators.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ind = load_indicators(p)
    text = "In 2024 the city had 120 startups."
    articles = pd.DataFrame([{"source_id": "x", "lang": "en", "text": text, "translated_from": None}])
    mentions = va.extract_figures(text, "en", "x")
    out = va.attribute(va.annotate(mentions, articles, ind), articles, va.extract_attributions(articles))
    assert list(out["indicator"]) == ["startups"]
    # the shipped data does not know the indicator: the figure is left without one, not forced
    out = va.attribute(va.annotate(mentions, articles, load_indicators()), articles, va.extract_attributions(articles))
    assert out["indicator"].isna().all()


@pytest.mark.parametrize("text,lang,indicator,label_scope", [
    ("Năm 2023, doanh thu công nghiệp CNTT đạt 9.000 tỷ đồng, tăng 12%.", "vi", "ict_revenue", "IT"),
    ("In 2023 ICT industry revenue reached 2 billion USD, up 7%.", "en", "ict_revenue", "ICT"),
    ("Pada 2023 ekspor perangkat lunak mencapai USD 20 juta, naik 5%.", "id", "software_exports", None),
])
def test_labels_in_new_sentences(text, lang, indicator, label_scope):
    articles = pd.DataFrame([{"source_id": "x", "lang": lang, "text": text, "translated_from": None}])
    mentions = va.extract_figures(text, lang, "x")
    out = va.attribute(va.annotate(mentions, articles, load_indicators()), articles, va.extract_attributions(articles))
    assert out.iloc[0]["indicator"] == indicator
    assert out.iloc[0]["label_scope"] == label_scope
    assert out.iloc[1]["indicator"] == indicator + "_growth"


@pytest.mark.parametrize("text,lang,expected", [
    ("2024年越南软件出口达到15亿美元，同比增长12%。数字经济占GDP的比重约为18%。", "zh",
     ["software_exports", "software_exports_growth", "digital_economy_share_grdp"]),
    ("2024年のベトナムのソフトウェア輸出は15億ドルで、前年比12%増となった。", "ja",
     ["software_exports", "software_exports_growth"]),
    ("2024년 베트남의 소프트웨어 수출은 15억 달러로 전년 대비 12% 증가했다.", "ko",
     ["software_exports", "software_exports_growth"]),
    ("Eksport perisian Vietnam mencecah RM2 bilion pada 2024, meningkat 12 peratus.", "ms",
     ["software_exports", "software_exports_growth"]),
])
def test_labels_and_relations_in_cjk_and_malay(text, lang, expected):
    """Verb-final languages put the growth word after the figure ("12%増"); Chinese puts the
    share's whole before it ("占GDP的比重 18%")."""
    articles = pd.DataFrame([{"source_id": "x", "lang": lang, "text": text, "translated_from": None}])
    mentions = va.extract_figures(text, lang, "x")
    out = va.attribute(va.annotate(mentions, articles, load_indicators()), articles, va.extract_attributions(articles))
    assert list(out["indicator"]) == expected


def test_cjk_place_names_resolve():
    text = "2024年越南电子商务规模达到250亿美元，同比增长20%。"
    articles = pd.DataFrame([{"source_id": "x", "lang": "zh", "text": text, "translated_from": None}])
    out = va.annotate(va.extract_figures(text, "zh", "x"), articles, load_indicators())
    assert list(out["entity"]) == ["Vietnam", "Vietnam"]
    assert list(out["indicator"]) == ["ecommerce_market", "ecommerce_market_growth"]


def test_place_anaphor_stands_for_the_article_city():
    text = ("Kota Da Nang menarik banyak investor. Perusahaan Korea memiliki jumlah proyek investasi asing "
            "langsung tertinggi di kota tersebut dengan 279 proyek.")
    articles = pd.DataFrame([{"source_id": "x", "lang": "id", "text": text, "translated_from": None}])
    out = va.annotate(va.extract_figures(text, "id", "x"), articles, load_indicators())
    assert list(out["entity"]) == ["Da Nang"] and list(out["indicator"]) == ["fdi_projects"]
