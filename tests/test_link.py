"""Linking figures by evidence: hand-worked pairs for each reason and status, invariances, bad input,
copies, and the blind cluster sets (references written by helpers who never saw the code)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import vnict_analysis as va
from vnict_analysis.errors import NoArticlesError
from vnict_analysis.evaluate_links import score_cluster_folder
from vnict_analysis.facts.link import LINK_COLUMNS, link
from vnict_analysis.facts.reconcile import diagnose

CLUSTERS = Path(__file__).resolve().parent / "fixtures" / "clusters"


def _corpus(tmp_path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _fact_of(res, source, value):
    m = res.mentions
    row = m[(m["source_id"] == source) & (m["value"] == value)]
    assert len(row) == 1, (source, value, m[["source_id", "value", "raw"]])
    return row.iloc[0]["fact_id"]


STORY = {  # one story in three languages, no registered indicator for these figures
    "a_en": "In 2024 Vietnam's online video platforms earned revenue of 1,234.5 million USD, and 37.8 million "
            "people watched them every day. Subscriptions grew by 12.7%.",
    "b_de": "Im Jahr 2024 erzielten Vietnams Online-Videoplattformen einen Umsatz von 1.234,5 Millionen US-Dollar; "
            "37,8 Millionen Menschen sahen sie täglich. Die Abonnements wuchsen um 12,7 Prozent.",
    "c_fr": "En 2024, les plateformes vidéo en ligne du Vietnam ont réalisé un chiffre d'affaires de 1 234,5 millions "
            "de dollars et 37,8 millions de personnes les ont regardées chaque jour. Les abonnements ont augmenté "
            "de 12,7 %.",
}


def test_agreement_across_three_languages_without_a_registered_indicator(tmp_path):
    res = va.run([_corpus(tmp_path, STORY)])
    facts = {_fact_of(res, s, 1_234_500_000.0) for s in STORY}
    assert len(facts) == 1 and None not in facts
    fact = res.facts.set_index("fact_id").loc[facts.pop()]
    assert fact["status"] == "agree" and fact["n_sources"] == 3
    assert fact["indicator"].startswith("~revenue")  # keyed by its concept, not by a registry entry
    revenue = set(res.mentions.loc[res.mentions["value"] == 1_234_500_000.0, "mention_id"])
    links = res.links[(res.links["decision"] == "agree") & res.links["mention_a"].isin(revenue)]
    assert len(links) == 3 and set(LINK_COLUMNS) <= set(res.links.columns)
    assert links["value"].str.startswith("equal").all() and links["concepts"].str.contains("revenue").all()


def test_rounded_value_is_agree_rounded(tmp_path):
    texts = dict(STORY)
    texts["c_fr"] = texts["c_fr"].replace("1 234,5 millions", "environ 1,23 milliard")
    res = va.run([_corpus(tmp_path, texts)])
    fid = _fact_of(res, "a_en", 1_234_500_000.0)
    assert _fact_of(res, "c_fr", 1_230_000_000.0) == fid
    assert res.facts.set_index("fact_id").loc[fid, "status"] == "agree_rounded"


def test_dropped_scale_word_is_a_conflict_diagnosed_as_scale_slip(tmp_path):
    texts = dict(STORY)
    texts["c_fr"] = texts["c_fr"].replace("1 234,5 millions de dollars", "1 234,5 dollars")  # scale word dropped
    res = va.run([_corpus(tmp_path, texts)])
    fid = _fact_of(res, "a_en", 1_234_500_000.0)
    assert _fact_of(res, "c_fr", 1_234.5) == fid
    fact = res.facts.set_index("fact_id").loc[fid]
    assert fact["status"] == "conflict" and fact["diagnosis"] == "scale_slip"


def test_conflict_needs_a_subject_beyond_growth(tmp_path):
    # two growth rates of one story are a conflict when they measure one thing (revenue), not when
    # the only concept they share is "growth" (subscriptions vs advertisers)
    base = {k: v for k, v in STORY.items() if k != "c_fr"}
    texts = dict(base)
    texts["a_en"] += " Revenue grew by 9.4% in 2024."
    texts["b_de"] += " Der Umsatz wuchs 2024 um 11,2 Prozent."
    res = va.run([_corpus(tmp_path, texts)])
    fid = _fact_of(res, "a_en", 9.4)
    assert fid is not None and _fact_of(res, "b_de", 11.2) == fid
    assert res.facts.set_index("fact_id").loc[fid, "status"] == "conflict"
    texts = dict(base)
    texts["b_de"] = texts["b_de"].replace("Die Abonnements wuchsen um 12,7 Prozent.",
                                          "Die Zahl der Werbekunden stieg um 8,3 Prozent.")
    (tmp_path / "two").mkdir()
    res = va.run([_corpus(tmp_path / "two", texts)])
    assert _fact_of(res, "b_de", 8.3) is None or _fact_of(res, "b_de", 8.3) != _fact_of(res, "a_en", 12.7)


def test_scale_slip_inside_one_article_is_a_conflict_of_that_source(tmp_path):
    texts = dict(STORY)
    texts["c_fr"] += " Ces plateformes, avec un chiffre d'affaires de 12 345 millions de dollars en 2024, recrutent."
    res = va.run([_corpus(tmp_path, texts)])
    fid = _fact_of(res, "a_en", 1_234_500_000.0)
    assert _fact_of(res, "c_fr", 12_345_000_000.0) == fid
    assert res.facts.set_index("fact_id").loc[fid, "status"] == "conflict"


def test_a_near_value_takes_the_source_slot_before_a_far_one(tmp_path):
    # one article gives two revenues: the one near the other sources' value is the conflicting
    # report of their fact; the one 3.5 times larger is not joined to it
    texts = dict(STORY)
    texts["c_fr"] = texts["c_fr"].replace("1 234,5 millions", "1 254,5 millions") + \
        " Leur chiffre d'affaires publicitaire de 2024 atteint 4 321,5 millions de dollars."
    res = va.run([_corpus(tmp_path, texts)])
    fid = _fact_of(res, "a_en", 1_234_500_000.0)
    assert _fact_of(res, "c_fr", 1_254_500_000.0) == fid
    assert _fact_of(res, "c_fr", 4_321_500_000.0) != fid
    assert res.facts.set_index("fact_id").loc[fid, "status"] == "conflict"


def test_same_number_different_fact_never_merges(tmp_path):
    texts = {"a_en": "In 2023 the digital economy accounted for 16.5% of GDP, and e-commerce grew by 25%.",
             "b_en": "In 2023 e-commerce revenue grew by 16.5% while the digital economy made up 25% of GDP."}
    res = va.run([_corpus(tmp_path, texts)])
    assert _fact_of(res, "a_en", 16.5) != _fact_of(res, "b_en", 16.5) or _fact_of(res, "a_en", 16.5) is None


def test_target_links_an_unmarked_figure_but_not_an_actual(tmp_path):
    # a strategy's target written with and without a target word is one fact; an achieved level
    # of the same number is not
    texts = {"a_en": "By 2030 Vietnam aims to have 120 chip design firms and 15 packaging plants.",
             "b_fr": "D'ici 2030, le Vietnam comptera 120 entreprises de conception de puces et 15 usines d'emballage.",
             "c_en": "In 2030 Vietnam reached 120 chip design firms, the ministry reported."}
    res = va.run([_corpus(tmp_path, texts)])
    m = res.mentions.set_index(["source_id", "value"])
    assert m.loc[("a_en", 120.0), "qualifier"] == "target" and m.loc[("b_fr", 120.0), "qualifier"] is None
    assert m.loc[("c_en", 120.0), "qualifier"] == "actual"
    assert _fact_of(res, "a_en", 15.0) == _fact_of(res, "b_fr", 15.0) is not None  # target and unmarked: one
    # the unmarked 120 joins one side, never both: a target and an actual are not bridged into one fact
    assert _fact_of(res, "b_fr", 120.0) in {_fact_of(res, "a_en", 120.0), _fact_of(res, "c_en", 120.0)}
    assert _fact_of(res, "c_en", 120.0) != _fact_of(res, "a_en", 120.0)


def test_counts_of_different_things_do_not_link(tmp_path):
    texts = {"a_id": "Kota ini berfokus pada tiga bidang utama: infrastruktur, manusia, dan insentif.",
             "b_id": "Proyek ini disusun berdasarkan tiga poros: infrastruktur, data, dan aplikasi."}
    res = va.run([_corpus(tmp_path, texts)])
    assert (res.links["decision"] == "rejected").all()


@pytest.mark.parametrize("values,qualifiers,sentences,expected", [
    ([147.8e6, 147.8e3], [None, None], ["", ""], "scale_slip"),
    ([20.0, 24.0], ["target", None], ["", ""], "target_vs_actual"),
    ([5.0, 6.0], [None, None], ["at constant 2010 prices", ""], "different_base"),
    ([39.0, 40.0], [None, None], ["", ""], "rounding"),
    ([10.4, 12.1], [None, None], ["", ""], "unexplained"),
])
def test_diagnosis(values, qualifiers, sentences, expected):
    assert diagnose(values, [2024, 2024], qualifiers, sentences) == expected


def test_links_do_not_depend_on_order(tmp_path):
    res = va.run([_corpus(tmp_path, STORY)])
    shuffled = res.mentions.drop(columns=["fact_id", "fact_kind", "status", "rank", "rank_reason", "link_key"])
    shuffled = shuffled.sample(frac=1, random_state=3)
    again = link(shuffled, res.articles)
    key = ["mention_a", "mention_b"]
    a = res.links.sort_values(key).reset_index(drop=True)
    b = again.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_unrelated_article_changes_no_link(tmp_path):
    res = va.run([_corpus(tmp_path, STORY)])
    folder = tmp_path / "corpus"
    (folder / "z_vi.txt").write_text("Năm 2022, doanh thu công nghiệp phần mềm của Cần Thơ đạt 812 tỷ đồng.",
                                     encoding="utf-8")
    more = va.run([folder])
    accepted = res.links[res.links["decision"] != "rejected"][["mention_a", "mention_b", "decision"]]
    merged = accepted.merge(more.links, on=["mention_a", "mention_b"], suffixes=("", "_new"))
    assert len(merged) == len(accepted) and (merged["decision"] == merged["decision_new"]).all()


def test_empty_inputs(tmp_path):
    assert list(link(pd.DataFrame(columns=["source_id"]), pd.DataFrame()).columns) == LINK_COLUMNS
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(NoArticlesError):
        va.run([tmp_path])


def test_copies_are_one_source(tmp_path):
    folder = _corpus(tmp_path, {"a_en": STORY["a_en"]})
    for i in range(30):
        (folder / f"copy{i:02d}.txt").write_text(STORY["a_en"].upper() + "  ", encoding="utf-8")
    res = va.run([folder])
    assert res.articles["duplicate_of"].notna().sum() == 30
    fact = res.facts.set_index("fact_id").loc[_fact_of(res, "a_en", 1_234_500_000.0)] \
        if _fact_of(res, "a_en", 1_234_500_000.0) else None
    assert fact is None or (fact["n_sources"] == 1 and fact["status"] == "single")
    assert (res.facts["n_sources"] == 1).all()
    assert res.links.empty or not (res.links["decision"] != "rejected").any()


# ---------------------------------------------------------------- blind cluster sets (regression)
# Floors just under the scores now (blind first scores in the README): a change that loses links,
# flags fewer conflicts or merges more different facts fails. dev lost two conflict pairs when
# "about 12%" and "12.1%" became a rounding of one another (the reference files them under the
# conflict with 10.4%), while its agreements rose from 75 to 77 of 88. Two equal figures of one
# article joined only when their words overlap (link.SAME_SOURCE_WORDS) cost last 95 -> 89 and
# holdout 268 -> 264 agreements and saved 6 of 20 wrong merges (final2 7 -> 4). A target against an
# unmarked figure or an estimate became a penalty instead of a veto (+48 agreements over the seven
# sets, final 113 -> 121, final2 140 -> 161) and cost one merge in final: a training target of
# 50,000 engineers and a French article's unlabelled 50.000 (an expert's estimate of demand).
# Conflicts need a subject beyond "growth"/"target" (concepts.yaml `generic`), no two years, and
# rank close values first (values 3x apart -3): over the eight sets conflicts flagged 65 -> 77 of
# 153 and merges 33 -> 27 of 132, but holdout lost its one exchange-rate conflict (11.48 vs 11.44 bn
# USD is inside the 0.5% tolerance) and final one of its conflict pairs. final3 was scored blind
# once at 01ef2da (289/311, 6/30 conflicts, 15/30 merged) before any of this. final4, written last, was scored
# blind once at acef94e: 325/356 agreements, 24/37 roundings, 15/42 conflicts, 2/17 merged.
# Exclusive concepts read in half the window (link.NEAR_DIVISOR) gained 7 agreements, 10 roundings
# and 4 conflicts over the nine sets and cost dev 83 -> 81 and final 121 -> 119 (a growth rate with
# "share" close by on one side only).
@pytest.mark.parametrize("name,agree,conflicts,merged", [
    ("dev", 0.92, 0.60, 1), ("final", 0.82, 0.70, 3), ("last", 0.81, 0.0, 3), ("holdout", 0.89, 0.07, 3), ("sealed", 0.85, 0.35, 3),
    ("fresh", 0.85, 0.30, 2), ("final2", 0.83, 0.45, 4), ("final3", 0.94, 0.65, 10),
    ("final4", 0.92, 0.33, 2)])
def test_cluster_set_scores(name, agree, conflicts, merged):
    score, _ = score_cluster_folder(CLUSTERS / name)
    pairs = score.agree + score.rounded
    assert sum(r[3] for r in pairs) / len(pairs) >= agree
    assert sum(r[4] for r in score.conflicts) / len(score.conflicts) >= conflicts
    assert sum(m for _, m in score.different) <= merged


def test_national_figure_is_not_the_dateline_city():
    text = ("Hội nghị tổng kết năm của Bộ diễn ra tại Đà Nẵng.\n"
            "Năm 2023, doanh thu toàn ngành của cả nước đạt 3,7 triệu tỷ đồng.")
    articles = pd.DataFrame([{"source_id": "x", "lang": "vi", "text": text, "translated_from": None}])
    out = va.annotate(va.extract_figures(text, "vi", "x"), articles, va.load_indicators())
    assert out["entity"].isna().all()  # unknown stays unknown rather than the conference's city
    text2 = text + " Việt Nam tiếp tục dẫn đầu khu vực."
    articles2 = articles.assign(text=text2)
    out2 = va.annotate(va.extract_figures(text2, "vi", "x"), articles2, va.load_indicators())
    assert list(out2["entity"]) == ["Vietnam"]


@pytest.mark.parametrize("text,lang", [("Theo đó, doanh thu ngành đạt 3,7 triệu tỷ đồng năm 2023.", "vi"),
                                       ("According to the report, revenue reached 5 billion USD in 2023.", "en")])
def test_connectives_and_reports_are_not_speakers(text, lang):
    articles = pd.DataFrame([{"source_id": "x", "lang": lang, "text": text, "translated_from": None}])
    m = va.extract_figures(text, lang, "x")
    out = va.attribute(va.annotate(m, articles, va.load_indicators()), articles, va.extract_attributions(articles))
    assert out["speaker"].isna().all(), out["speaker"].tolist()
