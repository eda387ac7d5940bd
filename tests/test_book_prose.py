"""The book's sentences are chosen by the state of the data they describe: one test per state, on
hand-made tables (expected sentences written from the state, not copied from the code's output)."""
from __future__ import annotations

import pandas as pd
import pytest

from vnict_analysis import report
from vnict_analysis.errors import ParameterError

ARTICLES = pd.DataFrame([
    {"source_id": "a", "lang": "id", "outlet": "Antara (Indonesian edition)", "published": "2024-01-05"},
    {"source_id": "b", "lang": "th", "outlet": "unknown", "published": "2024-02-01"},
    {"source_id": "c", "lang": "vi", "outlet": None, "published": None},
])


def mention(source, value, fact="f1", raw=None, label=None, scope=None, qualifier=None, speaker=None, title=None,
            lang=None, rank=None, unit="VND"):
    return {"source_id": source, "mention_id": f"{source}:m{value}", "fact_id": fact, "value": float(value),
            "raw": raw or str(value), "label_reported": label, "label_scope": scope, "qualifier": qualifier,
            "speaker": speaker, "speaker_title": title, "unit": unit, "bound": None, "rank": rank,
            "rank_reason": None, "sentence": "s.", "link_key": None,
            "lang": lang or ARTICLES.set_index("source_id").loc[source, "lang"]}


def fact(status, n_sources, fid="f1", value=36571e9, **kw):
    row = {"fact_id": fid, "indicator": "ict_revenue", "indicator_name": "ICT revenue", "entity": "Da Nang",
           "period": 2023, "kind": "level", "unit": "VND", "value": value, "value_high": None, "bound": None,
           "status": status, "n_sources": n_sources, "n_mentions": n_sources, "diagnosis": None,
           "preferred_source": "a", "rank_rule": "more sources agreeing"}
    return pd.Series(row | kw)


# ---------------------------------------------------------------- the value, by state
def test_single_source_says_only_one_source():
    m = pd.DataFrame([mention("a", 5)])
    text = report.value_sentence(fact("single", 1), m, ARTICLES)
    assert text.startswith("Only one source reports it (Antara, 2024-01-05)")


def test_agreement_names_the_sources_and_value():
    m = pd.DataFrame([mention("a", 36571e9), mention("b", 36571e9)])
    text = report.value_sentence(fact("agree", 2), m, ARTICLES)
    assert text == "2 sources in Indonesian and Thai report the same value, 36,571 billion VND."


def test_rounded_agreement_quotes_what_each_wrote():
    m = pd.DataFrame([mention("a", 40e9, raw="40 miliar"), mention("b", 39.6e9, raw="39,6 พันล้าน")])
    text = report.value_sentence(fact("agree_rounded", 2, value=40e9), m, ARTICLES)
    assert "agree once each value is read at the precision it was written with" in text
    assert "“40 miliar” (Indonesian)" in text and "“39,6 พันล้าน” (Thai)" in text


def test_conflict_says_they_disagree_and_what_the_ranking_keeps():
    m = pd.DataFrame([mention("a", 36571e9), mention("b", 3657.1e9)])
    text = report.value_sentence(fact("conflict", 2, diagnosis="scale_slip"), m, ARTICLES)
    assert text.startswith("The sources disagree on the value")
    assert "scale slip" in text and "The ranking keeps 36,571 billion VND from Antara, 2024-01-05" in text


# ---------------------------------------------------------------- labels: scope vs translation
def test_labels_of_different_scope_are_a_difference():
    m = pd.DataFrame([mention("a", 1, label="industri TI", scope="IT"), mention("b", 1, label="ไอซีที", scope="ICT")])
    assert report.label_sentence(m).startswith("The labels differ in scope")


def test_one_term_in_three_languages_is_a_translation_not_a_difference():
    m = pd.DataFrame([mention("a", 1, label="perangkat lunak"), mention("b", 1, label="ซอฟต์แวร์"),
                      mention("c", 1, label="phần mềm")])
    text = report.label_sentence(m)
    assert "not a difference" in text and "differ" not in text.split(":")[0]


def test_a_single_label_and_no_label():
    assert report.label_sentence(pd.DataFrame([mention("a", 1, label="ekspor")])) == "Its source calls it “ekspor” (Indonesian)."
    assert report.label_sentence(pd.DataFrame([mention("a", 1)])) == "No source names what the figure counts."


# ---------------------------------------------------------------- reached or expected
def test_qualifiers_that_differ_and_that_agree():
    differ = pd.DataFrame([mention("a", 1, qualifier="actual"), mention("b", 1, qualifier="estimate")])
    assert report.qualifier_sentence(differ) == ("The sources differ on whether it was reached: reached (actual) in "
                                                 "Indonesian and expected (an estimate) in Thai.")
    same = pd.DataFrame([mention("a", 1, qualifier="target"), mention("b", 1, qualifier="target")])
    assert report.qualifier_sentence(same) == "All sources that say report it as a target."
    assert report.qualifier_sentence(pd.DataFrame([mention("a", 1)])).startswith("No source says")


# ---------------------------------------------------------------- who is credited
def test_credits_nobody_one_person_and_one_statement_credited_twice():
    assert report.credit_sentence(pd.DataFrame([mention("a", 1)])).startswith("No source credits it")
    one = pd.DataFrame([mention("a", 1, speaker="Tran Van A", title="Director"), mention("b", 1)])
    assert report.credit_sentence(one, ARTICLES) == "It is credited to Tran Van A (Director); 1 source credits no one."
    two = pd.DataFrame([mention("a", 1, speaker="Tran Van A", title="Director"),
                        mention("b", 1, speaker="Le Thi B", title="Deputy Director")])
    text = report.credit_sentence(two, ARTICLES)
    assert text.startswith("The same figure is credited differently") and "not two statements" in text


def test_two_officials_of_one_body_are_colleagues_unless_one_figure_is_credited_to_both():
    attributions = pd.DataFrame([
        {"person": "Tran Van A", "title": "Director", "organisation": "Department of X"},
        {"person": "Le Thi B", "title": "Deputy Director", "organisation": "Department of X"}])
    facts = pd.DataFrame([fact("agree", 2, fid="f1"), fact("single", 1, fid="f2")])
    apart = pd.DataFrame([mention("a", 1, fact="f1", speaker="Tran Van A"), mention("b", 2, fact="f2", speaker="Le Thi B")])
    text = report.officials_summary(attributions, apart, facts)["officials_text"]
    assert "two officials of Department of X" in text and "not a discrepancy" in text
    both = pd.DataFrame([mention("a", 1, fact="f1", speaker="Tran Van A"), mention("b", 1, fact="f1", speaker="Le Thi B")])
    out = report.officials_summary(attributions, both, facts)
    assert "a real discrepancy" in out["officials_text"] and out["n_credit_split"] == "1 fact"


# ---------------------------------------------------------------- counts and the headline
def test_status_counts_name_only_the_states_present():
    assert report.status_counts_text(pd.DataFrame(columns=["status"]), "Hue") == "Hue has no fact in these articles."
    singles = pd.DataFrame({"status": ["single", "single"]})
    assert report.status_counts_text(singles, "Hue") == ("Hue has 2 facts: 2 reported by one source only; no fact is "
                                                         "reported by two sources, so nothing can agree or conflict.")
    mixed = pd.DataFrame({"status": ["agree", "conflict", "single"]})
    assert report.status_counts_text(mixed, "Hue") == ("Hue has 3 facts: 1 on which several sources agree, 1 in "
                                                       "conflict and 1 reported by one source only.")
    calm = pd.DataFrame({"status": ["agree", "single"]})
    assert report.status_counts_text(calm, "Hue").endswith("; none is in conflict.")


def test_headline_without_a_fact_says_so_and_names_no_figure():
    facts = pd.DataFrame([fact("single", 1)]).iloc[0:0]
    out = report.headline_text(facts, pd.DataFrame([mention("a", 1)]).iloc[0:0], "Hue", 2023)
    assert out == {"headline_text": "The articles hold no level figure for Hue in 2023.", "headline_framing": ""}


def test_headline_with_a_disputed_growth_says_it_is_disputed():
    facts = pd.DataFrame([fact("agree", 2), fact("conflict", 2, fid="g", indicator="ict_revenue_growth",
                                                 unit="percent", value=8.1)])
    m = pd.DataFrame([mention("a", 36571e9), mention("b", 36571e9), mention("a", 8.1, fact="g", unit="percent"),
                      mention("b", 1.49, fact="g", unit="percent")])
    text = report.headline_text(facts, m, "Da Nang", 2023, ARTICLES)["headline_text"]
    assert "growth over the previous year is disputed, the sources giving 1.49% and 8.1%" in text


def test_coverage_counts_every_figure_once():
    m = pd.DataFrame([mention("a", 1, fact="ict|x"), mention("a", 2, fact="~growth|x"), mention("b", 3, fact=None)])
    text = report.coverage_summary(m, pd.DataFrame())["coverage_text"]
    assert text.startswith("Of the 3 figures read in all the articles, 1 (33%) are placed in facts")
    assert "1 (33%) are linked" in text and "1 (33%) stand alone" in text


# ---------------------------------------------------------------- numbers for readers
@pytest.mark.parametrize("args, expected", [
    ((10, "percent", None, 15), "10–15%"),
    ((3e6, "USD", None, 5e6), "3–5 million USD"),
    ((1, "percent", "about", 2), "about 1–2%"),
    ((33830.71e9, "VND", None, None, 4), "33,830 billion VND"),
    ((33830.71e9, "VND"), "33,830.71 billion VND"),
])
def test_values_ranges_and_precision(args, expected):
    assert report.fmt_value(*args) == expected


def test_implied_values_carry_no_more_precision_than_their_inputs():
    from vnict_analysis.facts.checks import _implied

    assert _implied(36571e9 / 1.081, "VND", 36571e9, 1.081) == "33,830 billion VND"
    assert _implied(9841e9 / 0.0733, "VND", 9841e9, 7.33) == "134,000 billion VND"


@pytest.mark.parametrize("text", ["22,458", "2023", "(1, 2)", "it's \"quoted\"", "36,571 billion VND"])
def test_glued_text_comes_back_exactly_as_written(text):
    from myst_nb.core.variables import format_plain_text

    assert format_plain_text(repr(report.Plain(text)), "") == text


# ---------------------------------------------------------------- parameters
def test_entity_aliases_resolve_and_unknown_entities_list_the_known_ones():
    assert report.resolve_entity("Danang") == "Da Nang"
    assert report.resolve_entity("Đà Nẵng") == "Da Nang"
    assert report.resolve_entity(None) is None
    with pytest.raises(ParameterError, match="known entities: .*Da Nang"):
        report.resolve_entity("Atlantis")


def test_languages_must_be_known_and_present():
    assert report.check_languages(None, ["id"]) is None
    assert report.check_languages(["TH"], ["id", "th"]) == ["th"]
    with pytest.raises(ParameterError, match=r"unknown language code 'vn'.*id \(Indonesian\)"):
        report.check_languages(["vn"], ["id", "th"])
    with pytest.raises(ParameterError, match="no article is in German"):
        report.check_languages(["de"], ["id", "th"])
    with pytest.raises(ParameterError, match="empty list"):
        report.check_languages([], ["id"])


def test_valid_values_page_lists_languages_and_entities_with_facts():
    facts = pd.DataFrame([fact("agree", 2)])
    text = report.valid_values_markdown(ARTICLES, facts)
    assert "- `id` — Indonesian, 1 article" in text and "- Da Nang — 1 fact (periods: 2023)" in text


@pytest.mark.parametrize("dups,expected", [
    ([None, None, None], ""),
    ([None, "a", None], "1 file is a copy of another article (the same text, or nearly, under another name) and is "
                        "folded into its source: a copy never counts as a second source agreeing."),
    ([None, "a", "a"], "2 files are copies of another article"),
])
def test_copies_are_said_only_when_present(dups, expected):
    from vnict_analysis.report.story import copies_sentence

    got = copies_sentence(ARTICLES.assign(duplicate_of=dups))
    assert got.startswith(expected) if expected else got == ""
