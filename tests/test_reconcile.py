"""Facts across sources and the arithmetic checks, against hand-worked expectations
(tests/fixtures/seed_facts.yaml, written from the articles, and values worked out by hand)."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import vnict_analysis as va
from vnict_analysis.evaluate import load_fixture

SEEDS_000, SEEDS_004 = "000_2e49e2097305be64", "004_be17b0d01f873df6"
# the fixture's indicator ids where they differ from data/indicators.yaml
ALIASES = {"it_revenue_growth_avg": "ict_revenue_growth_avg", "it_training_institutions": "training_institutions"}


@pytest.fixture(scope="module")
def res(root):
    return va.run([root / "data" / "raw"])


@pytest.fixture(scope="module")
def facts_fixture():
    return load_fixture("seed_facts.yaml")


def _fact(facts, indicator, period, kind="level", entity="Da Nang"):
    period_mask = facts["period"].isna() if period is None else facts["period"] == period
    hit = facts[(facts["indicator"] == indicator) & period_mask & (facts["kind"] == kind) & (facts["entity"] == entity)]
    assert len(hit) == 1, (indicator, period, kind, facts[["fact_id"]])
    return hit.iloc[0]


def test_four_shared_facts_agree(res, facts_fixture):
    shared = [f for f in facts_fixture["facts"] if f["status"] == "agree"]
    assert len(shared) == 4
    for spec in shared:
        fact = _fact(res.facts, spec["indicator"], spec["period"])
        assert fact["status"] == "agree"
        assert fact["value"] == pytest.approx(spec["value"])
        assert set(fact["sources"].split("; ")) == set(spec["sources"])
        assert fact["n_mentions"] == sum(spec["n_mentions"].values())
        if "qualifier" in spec.get("differences", []):
            assert fact["qualifier_differs"]
        if "label" in spec.get("differences", []):
            assert fact["label_differs"]


def test_revenue_labelled_it_in_one_source_and_ict_in_another(res):
    fact = _fact(res.facts, "ict_revenue", 2023)
    assert f"{SEEDS_000}: IT" in fact["label_scopes"] and "ICT" in fact["label_scopes"]
    assert f"{SEEDS_000}: actual" in fact["qualifiers"] and f"{SEEDS_004}: estimate" in fact["qualifiers"]


def test_repeated_mentions_count_as_one_source(res):
    m = res.mentions[res.mentions["fact_id"] == _fact(res.facts, "ict_revenue", 2023)["fact_id"]]
    assert len(m) == 4 and m["source_id"].nunique() == 2
    assert set(m["status"]) == {"agree"}


def test_never_the_same_fact(res, facts_fixture):
    for a, b in facts_fixture["never_same_fact"]:
        ids = []
        for spec in (a, b):
            value = spec["value"][0] if isinstance(spec["value"], list) else spec["value"]
            period = None if spec["period"] == "unspecified" else spec["period"]
            rows = res.mentions[(res.mentions["value"] - value).abs() < 1e-6 * max(1, value)]
            rows = rows[rows["indicator"].notna()]
            if period is not None:
                rows = rows[rows["period"] == period]
            assert not rows.empty, spec
            ids.append(set(rows["fact_id"]))
        assert not (ids[0] & ids[1]), (a, b)


def test_target_and_actual_are_different_facts(res):
    assert _fact(res.facts, "ict_revenue_growth", 2024, "target")["value"] == pytest.approx(8.9)
    assert _fact(res.facts, "software_exports", 2024, "target")["value"] == pytest.approx(161.8e6)


# -- checks, values worked out by hand ---------------------------------------------------------
HAND = {
    # kind: (inputs that identify it, expected value in base units)
    ("level_growth", "ict_revenue"): 36571e9 / 1.081,            # 33,830.71 billion VND
    ("level_growth", "software_exports"): 147.8e6 / 1.12,        # 131.96 million USD
    ("target_vs_base", "software_exports"): (161.8 / 147.8 - 1) * 100,   # 9.47 %
    ("growth_target", "ict_revenue"): 36571e9 * 1.089,           # 39,825.82 billion VND
    ("plan_fulfilment", "software_exports"): 147.8e6 / 1.0125,   # 145.98 million USD
    ("increment_vs_growth", "ict_value_added"): 768 / (9841 - 768) * 100,  # 8.46 %
    ("share_vs_total", "ict_value_added"): 9841e9 / 0.0733,      # 134,256.48 billion VND
}


@pytest.mark.parametrize("kind,indicator", sorted(HAND))
def test_check_values(res, kind, indicator):
    rows = res.checks[(res.checks["kind"] == kind) & res.checks["inputs"].str.startswith(indicator + "|")]
    assert len(rows) == 1, res.checks[["kind", "inputs"]]
    assert rows.iloc[0]["expected"] == pytest.approx(HAND[(kind, indicator)], rel=1e-9)
    assert pd.isna(rows.iloc[0]["passed"])  # nothing reported to compare with


def test_cross_source_checks_pass(res):
    cross = res.checks[res.checks["kind"] == "cross_source"]
    assert len(cross) == 2 and cross["passed"].all()


# -- invariance -------------------------------------------------------------------------------
def _annotated(root):
    articles = va.load([root / "data" / "raw"])
    mentions, _ = va.extract_corpus(articles)
    return va.annotate(mentions, articles, va.load_indicators())


@pytest.fixture(scope="module")
def annotated(root):
    return _annotated(root)


def _canon(facts):
    cols = ["fact_id", "value", "status", "n_sources", "n_mentions", "sources", "values", "preferred_mention"]
    return facts[cols].sort_values("fact_id").reset_index(drop=True)


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_order_invariance(annotated, rnd):
    base_m, base_f = va.reconcile(annotated)
    idx = list(annotated.index)
    rnd.shuffle(idx)
    m, f = va.reconcile(annotated.loc[idx])
    pd.testing.assert_frame_equal(_canon(base_f), _canon(f))
    assert (m.loc[base_m.index, "fact_id"].fillna("-") == base_m["fact_id"].fillna("-")).all()
    assert (m.loc[base_m.index, "rank"].fillna("-") == base_m["rank"].fillna("-")).all()


def test_unrelated_article_changes_no_fact(tmp_path, root):
    import shutil

    for p in (root / "data" / "raw").glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    shutil.copy(root / "data" / "sources.yaml", tmp_path / "sources.yaml")  # the metadata beside the data
    (tmp_path / "zz_hanoi.txt").write_text(
        "Năm 2023, doanh thu công nghiệp CNTT của Hà Nội đạt 500.000 tỷ đồng, tăng 10%.\n", encoding="utf-8")
    before = va.run([root / "data" / "raw"]).facts
    after = va.run([tmp_path]).facts
    old = _canon(before)
    new = _canon(after[after["fact_id"].isin(before["fact_id"])])
    pd.testing.assert_frame_equal(old, new)
    assert len(after) > len(before)  # the Hanoi figures form facts of their own
    assert (after["entity"] == "Hanoi").any()


def test_conflict_with_majority_and_outlier():
    rows = []
    for i, (sid, value) in enumerate([("a", 36571e9), ("b", 36571e9), ("c", 36571e9), ("d", 40000e9)]):
        rows.append({"source_id": sid, "mention_id": f"{sid}:m001", "lang": "en", "value": value, "unit": "VND",
                     "number_text": "36,571" if value < 4e13 else "40,000", "bound": None, "qualifier": "actual",
                     "period": 2023, "indicator": "ict_revenue", "entity": "Da Nang", "label_reported": "IT",
                     "range_id": None})
    m, f = va.reconcile(pd.DataFrame(rows))
    assert list(f["status"]) == ["conflict"]
    assert f.iloc[0]["value"] == 36571e9  # the majority is preferred
    assert list(m.sort_values("source_id")["status"]) == ["agree", "agree", "agree", "conflict"]
    assert list(m.sort_values("source_id")["rank"]) == ["preferred", "preferred", "preferred", "normal"]


def test_rounded_value_is_consistent():
    rows = [
        {"source_id": "a", "mention_id": "a:1", "value": 20.0, "number_text": "20", "bound": "about"},
        {"source_id": "b", "mention_id": "b:1", "value": 19.76, "number_text": "19,76", "bound": None},
    ]
    df = pd.DataFrame([{**r, "lang": "id", "unit": "percent", "qualifier": None, "period": 2023, "range_id": None,
                        "indicator": "digital_economy_share_grdp", "entity": "Da Nang", "label_reported": None}
                       for r in rows])
    _, f = va.reconcile(df)
    assert list(f["status"]) == ["agree_rounded"]  # one value within the written precision ("about 20%" vs 19.76%)


def test_bad_tolerance():
    with pytest.raises(ValueError):
        va.reconcile(pd.DataFrame(columns=["indicator"]), tolerance=-1)


def test_cli_reconcile(tmp_path, root):
    r = subprocess.run([sys.executable, "-m", "vnict_analysis", "reconcile", str(root / "data/raw"),
                        "--tolerance", "0.01", "--output", str(tmp_path / "m.csv"), "--facts", str(tmp_path / "f.csv"),
                        "--checks", str(tmp_path / "c.csv")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    m = pd.read_csv(tmp_path / "m.csv")
    assert {"source_id", "value", "unit", "indicator", "entity", "period", "fact_id", "status"} <= set(m.columns)
    f = pd.read_csv(tmp_path / "f.csv")
    assert (f["status"] == "agree").sum() == 4
    c = pd.read_csv(tmp_path / "c.csv")
    assert {"check_id", "kind", "inputs", "expected", "observed", "tolerance", "passed", "explanation"} <= set(c.columns)
    bad = subprocess.run([sys.executable, "-m", "vnict_analysis", "reconcile", str(root / "data/raw"),
                          "--tolerance", "-1", "--output", str(tmp_path / "m.csv")], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_article_order_invariance(root, res):
    paths = sorted((root / "data" / "raw").glob("*.txt"), reverse=True)
    again = va.run(paths)
    pd.testing.assert_frame_equal(_canon(res.facts), _canon(again.facts))
    pd.testing.assert_frame_equal(res.checks.sort_values("check_id").reset_index(drop=True),
                                  again.checks.sort_values("check_id").reset_index(drop=True))


def test_later_report_preferred_when_all_else_ties():
    rows = [{"source_id": sid, "mention_id": f"{sid}:m001", "lang": "vi", "value": v, "unit": "VND",
             "number_text": t, "bound": None, "qualifier": "actual", "period": 2023, "indicator": "ict_revenue",
             "entity": "Da Nang", "label_reported": None, "range_id": None, "translated_from": None,
             "published": pub}
            for sid, v, t, pub in [("a", 1.0e12, "1.000", "2023-06"), ("b", 1.2e12, "1.200", "2024-02-01")]]
    m, f = va.reconcile(pd.DataFrame(rows))
    assert f.iloc[0]["status"] == "conflict" and f.iloc[0]["value"] == 1.2e12
    assert m.set_index("source_id").loc["b", "rank"] == "preferred"


def test_bad_published_date_is_a_schema_error(tmp_path):
    from vnict_analysis.corpus import SourcesError, read_sources

    p = tmp_path / "s.yaml"
    p.write_text("sources:\n  a:\n    lang: id\n    published: 16 Jan 2024\n")
    with pytest.raises(SourcesError, match="published"):
        read_sources(p)
