"""Reader strings for the book's prose: the headline fact and its framing, per-chapter summaries,
and the extraction-quality section. Every string is computed from the tables, never typed."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .format import _missing, count, fmt_value, join_words, language_name


def select_facts(facts: pd.DataFrame, entity: str | None = None, period: int | None = None) -> pd.DataFrame:
    """Facts about `entity` (all when None) in `period` (all when None)."""
    keep = pd.Series(True, index=facts.index)
    if entity is not None:
        keep &= facts["entity"] == entity
    if period is not None:
        keep &= facts["period"].astype("Int64") == int(period)
    return facts[keep.fillna(False).astype(bool)]


def headline_fact(facts: pd.DataFrame, entity: str, period: int | None) -> pd.Series | None:
    """The entity's best-attested level fact in the period: most sources, then most mentions."""
    f = select_facts(facts, entity, period)
    f = f[(f["kind"] == "level") & (f["unit"] != "percent")]
    if f.empty:
        return None
    return f.sort_values(["n_sources", "n_mentions", "fact_id"], ascending=[False, False, True]).iloc[0]


def _framing(fact: pd.Series | None) -> dict[str, str]:
    """The sentences around the headline's labels and qualifiers, true to how many sources there
    are and to what differs between them."""
    keep = "the table keeps every mention, each linked to its sentence."
    if fact is None or int(fact["n_sources"]) < 2:
        return {"framing_intro": "Only one source reports it, so there is nothing to compare it with.",
                "framing_close": keep[0].upper() + keep[1:]}
    differs = any(bool(fact[f"{k}_differs"]) for k in ("label", "qualifier", "speaker"))
    values = "The values differ" if fact["status"] == "conflict" else "The values agree"
    if differs:
        return {"framing_intro": "The sources do not describe it in the same words.",
                "framing_close": f"{values}, the framing does not: {keep}"}
    return {"framing_intro": "The sources describe it alike.", "framing_close": f"{values} and so does the framing: {keep}"}


def fact_story(facts: pd.DataFrame, mentions: pd.DataFrame, entity: str, period: int | None) -> dict[str, str]:
    """Reader strings for the reconciliation page: the headline fact, its growth, sources, labels,
    qualifiers (reached vs expected) and who is credited; counts of agreements, conflicts, singles."""
    f = select_facts(facts, entity)
    out = {"n_facts": f"{len(f):,}", "n_agree": f"{(f['status'] == 'agree').sum():,}",
           "n_conflict": f"{(f['status'] == 'conflict').sum():,}", "n_single": f"{(f['status'] == 'single').sum():,}"}
    h = headline_fact(facts, entity, period)
    if h is None:
        return out | _framing(None) | {"headline": "no figure", "headline_name": "no level fact", "growth": "not reported",
                      "headline_sources": "no source", "headline_langs": "no language", "headline_mentions": "0",
                      "headline_labels": "none", "headline_qualifiers": "none", "headline_speakers": "nobody",
                      "headline_fact_id": "", "headline_indicator": ""}
    m = mentions[mentions["fact_id"] == h["fact_id"]]
    g = facts[(facts["indicator"] == f"{h['indicator']}_growth") & (facts["entity"] == entity)
              & (facts["period"].astype("Int64") == h["period"]) & (facts["kind"] == h["kind"])]
    quals = [f"{q} in {language_name(lang)}" for (lang, q), _ in m.groupby(["lang", m["qualifier"].fillna("unqualified")])]
    labels = [f"“{lab}”" + ("" if scope == "—" else f" ({scope})") for lab, scope in
              m[["label_reported", "label_scope"]].fillna("—").drop_duplicates().itertuples(index=False)]
    speakers = m.dropna(subset=["speaker"]).drop_duplicates("speaker")
    return out | _framing(h) | {
        "headline": fmt_value(h["value"], h["unit"], h["bound"]), "headline_name": str(h["indicator_name"]),
        "headline_fact_id": str(h["fact_id"]), "headline_indicator": str(h["indicator"]),
        "growth": fmt_value(g.iloc[0]["value"], "percent") if len(g) else "not reported",
        "headline_sources": count(int(h["n_sources"]), "source"), "headline_mentions": count(len(m), "mention"),
        "headline_langs": join_words(sorted({language_name(x) for x in m["lang"]})),
        "headline_labels": join_words(labels), "headline_qualifiers": join_words(quals),
        "headline_speakers": join_words(s.speaker if _missing(s.speaker_title) else f"{s.speaker}, {s.speaker_title}"
                                        for s in speakers.itertuples()),
    }


def params_text(entity: str, period: int | None, languages: Iterable[str] | None, tolerance: float) -> str:
    """The parameters a page was built with, as a phrase (no paths)."""
    langs = "all languages" if languages is None else join_words(language_name(x) for x in languages)
    return (f"entity {entity or 'every place'}, period {'any' if period is None else period}, {langs}, "
            f"tolerance {tolerance:.1%}".replace(".0%", "%"))


def corpus_summary(articles: pd.DataFrame, skipped: pd.DataFrame, corpus: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the corpus page: counts by language, translations, detection, skipped files."""
    by_lang = articles["lang"].map(language_name).value_counts()
    n_tr = int(articles["translated_from"].notna().sum())
    n_match = int(corpus["detected_matches"].sum()) if len(corpus) else 0
    skipped_names = [f"{Path(p).name} ({r})" for p, r in zip(skipped["path"], skipped["reason"])]
    return {
        "n_articles": count(len(articles), "article"), "n_languages": count(len(by_lang), "language"),
        "lang_breakdown": join_words(f"{n} in {lang}" for lang, n in by_lang.items()),
        "n_translated": count(n_tr, "article"), "n_originals": count(len(articles) - n_tr, "article"),
        "n_chars": f"{int(articles['n_chars'].sum()):,}",
        "detect_agree": "every article" if n_match == len(articles) else f"{n_match} of {len(articles)} articles",
        "skipped_text": ("No file was skipped." if skipped.empty else
                         f"{count(len(skipped), 'file')} could not be read and are listed here, not dropped: "
                         + join_words(skipped_names) + "."),
        "copies_text": copies_sentence(articles),
    }


def copies_sentence(articles: pd.DataFrame) -> str:
    """How many files are copies of another article, folded into its source (empty when none)."""
    if "duplicate_of" not in articles or articles["duplicate_of"].isna().all():
        return ""
    folded = articles.dropna(subset=["duplicate_of"])
    n_orig = folded["duplicate_of"].nunique()
    return (f"{count(len(folded), 'file')} {'is a copy' if len(folded) == 1 else 'are copies'} of "
            f"{'another article' if n_orig == 1 else count(n_orig, 'other article')} (the same text, or nearly, "
            f"under another name) and {'is' if len(folded) == 1 else 'are'} folded into "
            f"{'its source' if n_orig == 1 else 'their sources'}: a copy never counts as a second source agreeing.")


def figures_summary(mentions: pd.DataFrame, rejected: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the figures page: how many figures, assigned, rejected and why."""
    reasons = rejected["reason"].value_counts()
    assigned = int(mentions["fact_id"].notna().sum())
    return {
        "n_mentions": count(len(mentions), "figure"), "n_assigned": count(assigned, "figure"),
        "n_unassigned": count(len(mentions) - assigned, "figure"),
        "n_rejected": count(len(rejected), "number"),
        "top_reasons": join_words(f"{r} ({n})" for r, n in reasons.head(3).items()),
        "n_qualified": count(int(mentions["qualifier"].notna().sum()), "figure"),
        "n_bounded": count(int(mentions["bound"].notna().sum()), "figure"),
    }


def checks_summary(checks: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the checks page: how many checks hold, fail or have nothing to compare."""
    passed = checks["passed"].map(lambda p: None if _missing(p) else bool(p))
    first = checks[passed.isna()].head(1)
    return {
        "n_checks": count(len(checks), "check"), "n_hold": count(int((passed == True).sum()), "check"),  # noqa: E712
        "n_fail": count(int((passed == False).sum()), "check"),  # noqa: E712
        "n_open": count(int(passed.isna().sum()), "check"),
        "example_implied": str(first["explanation"].iloc[0]) if len(first) else "no check lacks a comparison",
        "failures": join_words(checks.loc[passed == False, "explanation"]) if (passed == False).any()  # noqa: E712
        else "none",
        "checks_text": _checks_text(passed, checks, first),
    }


def _checks_text(passed: pd.Series, checks: pd.DataFrame, first: pd.DataFrame) -> str:
    """The checks' verdicts in sentences that name only what happened, with verbs that agree."""
    if checks.empty:
        return "no check can be formed from these facts."
    hold, fail, open_ = int((passed == True).sum()), int((passed == False).sum()), int(passed.isna().sum())  # noqa: E712
    parts = []
    if hold:
        parts.append(f"{hold:,} {'holds' if hold == 1 else 'hold'} within tolerance")
    if fail:
        parts.append(f"{fail:,} {'does' if fail == 1 else 'do'} not")
    if open_:
        parts.append(f"{open_:,} {'has' if open_ == 1 else 'have'} no reported value to compare with, so "
                     f"{'it gives' if open_ == 1 else 'they give'} the implied value only")
    text = join_words(parts) + "."
    if len(first):
        text += f" For example: {first['explanation'].iloc[0]}."
    if fail:
        failed = list(checks.loc[passed == False, "explanation"])  # noqa: E712
        more = f", and {len(failed) - 3:,} more in the table" if len(failed) > 3 else ""
        text += " Checks that do not hold: " + "; ".join(failed[:3]) + more + "."
    return text


def attribution_summary(attributions: pd.DataFrame, findings: pd.DataFrame, entity: str) -> dict[str, str]:
    """Reader strings for the attributions page: people, bodies, and the findings about the entity."""
    def first(kind: str) -> pd.DataFrame:
        f = findings[findings["kind"] == kind]
        own = f[f["subject"].str.contains(entity, regex=False)] if entity else f
        return own if len(own) else f

    rendered, split = first("rendered_level"), first("title_split")
    split = split[~split["subject"].str.contains("|", regex=False)]  # people, not per-fact credits
    return {
        "n_people": count(attributions["person"].nunique(), "person", "people"),
        "n_attributions": count(len(attributions), "attribution"),
        "n_orgs": count(attributions["organisation"].nunique(), "body", "bodies"),
        "n_findings": count(len(findings), "finding"),
        "n_rendered": count(int((findings["kind"] == "rendered_level").sum()), "finding"),
        "rendered_detail": join_words(rendered["detail"]) if len(rendered) else "no rendering finding",
        "n_split": count(int((findings["kind"] == "title_split").sum()), "finding"),
        "split_detail": (f"{split['subject'].iloc[0]}: {split['detail'].iloc[0]}" if len(split)
                         else "no title split found"),
        "n_office": count(int((findings["kind"] == "office_holder").sum()), "finding"),
    }



def quality_summary(table: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the extraction-quality section, from :func:`vnict_analysis.evaluate.quality_table`."""
    seed = table[table["set"] == "seed"]
    unseen = table[table["set"] != "seed"]
    if seed.empty and unseen.empty:
        return {"seed_scores": "not measured (no reference files)", "unseen_scores": "not measured",
                "n_unseen_articles": "no article", "weakest": "—"}
    def span(col: str) -> str:
        lo, hi = unseen[col].min(), unseen[col].max()
        return f"{lo:.2f}" if round(lo, 2) == round(hi, 2) else f"{lo:.2f}–{hi:.2f}"
    attrs = ["period", "qualifier", "bound"]
    weakest = min(attrs, key=lambda a: unseen[a].mean()) if len(unseen) else "—"
    return {
        "seed_scores": (f"recall {seed['recall'].iloc[0]:.2f} and precision {seed['precision'].iloc[0]:.2f}"
                        if len(seed) else "not measured"),
        "unseen_scores": f"recall {span('recall')} and precision {span('precision')}" if len(unseen) else "not measured",
        "n_unseen_articles": count(int(unseen["articles"].sum()), "article"),
        "weakest": weakest,
    }


def quality_table_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The quality table with readable names and two decimals."""
    out = table.copy()
    for col in ("recall", "precision", "period", "qualifier", "bound"):
        out[col] = out[col].map(lambda v: f"{v:.2f}")
    return out.rename(columns={"set": "reference set", "figures": "figures in the reference",
                               "period": "period agrees", "qualifier": "qualifier agrees", "bound": "bound agrees"})


# ---------------------------------------------------------------- sentences chosen by the data's state
def placement(mentions: pd.DataFrame) -> pd.Series:
    """Where each mention was placed: ``indicator`` (a fact about an indicator the data files name),
    ``linked`` (a fact formed by evidence alone; its key starts with ``~``) or ``alone``."""
    fid = mentions["fact_id"].astype("string")
    return pd.Series(["alone" if _missing(f) else ("linked" if str(f).startswith("~") else "indicator") for f in fid],
                     index=mentions.index)


def fact_name(fact: pd.Series | dict) -> str:
    """The fact's indicator as readers name it; a fact formed by evidence alone is named by its
    concepts ("growth, revenue (no named indicator)")."""
    name = fact.get("indicator_name")
    if not _missing(name):
        return str(name)
    key = str(fact.get("indicator") or str(fact.get("fact_id", "")).split("|")[0])
    if key.startswith("~"):
        return ", ".join(key[1:].split("+")).replace("_", " ") + " (no named indicator)"
    return key.replace("_", " ")


def fact_label(fact_id: str, facts: pd.DataFrame) -> str:
    """A fact as a reader names it ("ICT/IT industry revenue, Da Nang, 2023, target"), never its key."""
    row = facts[facts["fact_id"] == fact_id]
    if row.empty:
        return str(fact_id).split("|")[0].replace("_", " ")
    r = row.iloc[0]
    parts = [fact_name(r), str(r["entity"])]
    if not _missing(r["period"]):
        parts.append(str(int(r["period"])))
    if r["kind"] != "level":
        parts.append(str(r["kind"]))
    return ", ".join(parts)


def source_names(articles: pd.DataFrame) -> dict[str, str]:
    """Every source id -> :func:`source_name` (one pass over the articles; the first row of an id wins)."""
    out: dict[str, str] = {}
    for _, r in articles.iterrows():
        out.setdefault(r["source_id"], _outlet_and_date(r))
    return out

QUALIFIER_WORDS = {"actual": "reached (actual)", "estimate": "expected (an estimate)", "target": "a target"}


def source_name(source_id: str, articles: pd.DataFrame | None = None) -> str:
    """A source as a reader knows it: the outlet and its date ("Báo Quảng Nam, 2024"), else its id."""
    if articles is not None and len(articles):
        row = articles[articles["source_id"] == source_id]
        if len(row):
            return _outlet_and_date(row.iloc[0])
    return str(source_id)


def _outlet_and_date(r: pd.Series) -> str:
    outlet = None if _missing(r.get("outlet")) else str(r["outlet"]).split(" (")[0].strip()
    if outlet and outlet.casefold() in ("unknown", "none", "n/a"):
        outlet = None
    date = None if _missing(r.get("published")) else str(r["published"])
    outlet = outlet or f"unnamed outlet ({language_name(r.get('lang'))})"
    return f"{outlet}, {date}" if date else outlet


def _by_source(m: pd.DataFrame, col: str) -> dict[str, list[str]]:
    """Distinct non-missing values of `col`, with the sources (language names) giving each."""
    out: dict[str, list[str]] = {}
    for value, lang in zip(m[col], m["lang"]):
        if _missing(value) or str(value) in ("", "-", "—"):
            continue
        langs = out.setdefault(str(value), [])
        if language_name(lang) not in langs:
            langs.append(language_name(lang))
    return out


def value_sentence(fact: pd.Series, mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> str:
    """What the sources say about the value, by the fact's state: single, agree, agree_rounded or conflict."""
    m = mentions[mentions["fact_id"] == fact["fact_id"]]
    value = fmt_value(fact["value"], fact["unit"], fact["bound"], fact.get("value_high"))
    srcs = list(dict.fromkeys(m["source_id"]))
    langs = join_words(sorted({language_name(x) for x in m["lang"]}))
    status = str(fact["status"])
    if status == "single" or len(srcs) < 2:
        return f"Only one source reports it ({source_name(srcs[0], articles) if srcs else 'none'}): {value}."
    if status == "agree":
        return f"{count(len(srcs), 'source')} in {langs} report the same value, {value}."
    written = join_words(f"“{raw}” ({language_name(lang)})" for raw, lang in
                         m[["raw", "lang"]].drop_duplicates().itertuples(index=False))
    if status == "agree_rounded":
        return (f"{count(len(srcs), 'source')} in {langs} agree once each value is read at the precision it "
                f"was written with: {written}.")
    diag = "" if _missing(fact.get("diagnosis")) else f" The likely cause: {str(fact['diagnosis']).replace('_', ' ')}."
    preferred = "" if _missing(fact.get("preferred_source")) else (
        f" The ranking keeps {value} from {source_name(str(fact['preferred_source']), articles)}"
        + ("" if _missing(fact.get("rank_rule")) else f" ({fact['rank_rule']})") + ".")
    return f"The sources disagree on the value: {written}.{diag}{preferred}"


def label_sentence(mentions: pd.DataFrame) -> str:
    """How the sources name the figure: labels that differ in scope (IT vs ICT) are a difference;
    the same term in several languages is a translation, not a difference."""
    rows = mentions.dropna(subset=["label_reported"])
    if rows.empty:
        return "No source names what the figure counts."
    scope = rows["label_scope"].where(~rows["label_scope"].isin(["", "-", "—"]))
    seen = list(dict.fromkeys(zip(rows["label_reported"].astype(str), scope, rows["lang"].map(language_name))))
    scopes = {sc for _, sc, _ in seen if not _missing(sc)}
    one = rows["source_id"].nunique() == 1
    if len(scopes) > 1:
        listing = join_words(f"“{lab}” ({sc if not _missing(sc) else 'no scope'}, {lang})" for lab, sc, lang in seen)
        return (f"The labels differ in scope: {listing}; totals of {join_words(sorted(scopes))} need not be "
                "the same aggregate.")
    listing = join_words(f"“{lab}” ({lang})" for lab, _, lang in seen)
    if len({lab for lab, _, _ in seen}) == 1:
        return f"{'Its source calls' if one else 'Every source calls'} it {listing}."
    if len({lang for _, _, lang in seen}) == 1:
        return f"{'Its source' if one else 'The sources'} name{'s' if one else ''} it {listing}."
    within = f" (all {next(iter(scopes))})" if scopes else ""
    return f"Each source names it in its own language{within}: {listing}: one term translated, not a difference."


def qualifier_sentence(mentions: pd.DataFrame) -> str:
    """Whether the figure was reached or only expected, and whether the sources say the same."""
    quals = _by_source(mentions, "qualifier")
    if not quals:
        return "No source says whether it was reached or only expected."
    if len(quals) == 1:
        q = next(iter(quals))
        return f"{'Its source reports' if mentions['source_id'].nunique() == 1 else 'All sources that say report'} it as {QUALIFIER_WORDS.get(q, q)}."
    return ("The sources differ on whether it was reached: "
            + join_words(f"{QUALIFIER_WORDS.get(q, q)} in {join_words(l)}" for q, l in quals.items()) + ".")


def credit_sentence(mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> str:
    """Who the figure is credited to: nobody, one person, or one statement credited to different people."""
    m = mentions.dropna(subset=["speaker"])
    if m.empty:
        return "No source credits it to a named person or body."
    who: dict[str, list[str]] = {}
    for s in m.itertuples():
        name = s.speaker if _missing(s.speaker_title) else f"{s.speaker} ({s.speaker_title})"
        src = source_name(s.source_id, articles)
        who.setdefault(name, [])
        if src not in who[name]:
            who[name].append(src)
    silent = mentions["source_id"].nunique() - m["source_id"].nunique()
    rest = f"; {count(silent, 'source')} credit{'s' if silent == 1 else ''} no one" if silent else ""
    if len(who) == 1:
        return f"It is credited to {next(iter(who))}{rest}."
    return ("The same figure is credited differently: "
            + join_words(f"to {w} by {join_words(s)}" for w, s in who.items())
            + f"{rest}. One statement is credited to different people or bodies, not two statements.")


def headline_text(facts: pd.DataFrame, mentions: pd.DataFrame, entity: str | None, period: int | None,
                  articles: pd.DataFrame | None = None) -> dict[str, str]:
    """The headline paragraph and its framing, each sentence chosen by the state of the data."""
    where = f"{entity or 'the articles'}" + ("" if period is None else f" in {period}")
    h = headline_fact(facts, entity, period)
    if h is None:
        n_any = len(select_facts(facts, entity)) if entity is not None else len(facts)
        return {"headline_text": f"The articles hold no level figure for {where}"
                                 + (f"; they hold {count(n_any, 'fact')} about {entity} in other years or kinds."
                                    if n_any else "."),
                "headline_framing": ""}
    m = mentions[mentions["fact_id"] == h["fact_id"]]
    g = facts[(facts["indicator"] == f"{h['indicator']}_growth") & (facts["entity"] == h["entity"])
              & (facts["period"].astype("Int64") == h["period"]) & (facts["kind"] == h["kind"])]
    growth = ""
    if len(g):
        gr = g.iloc[0]
        if gr["status"] == "conflict":
            given = sorted({float(v) for v in mentions.loc[mentions["fact_id"] == gr["fact_id"], "value"]})
            growth = (f"; its growth over the previous year is disputed, the sources giving "
                      f"{join_words(fmt_value(v, 'percent') for v in given)} (see the conflicts page)")
        else:
            growth = (f", with growth of {fmt_value(gr['value'], 'percent', gr['bound'], gr.get('value_high'))} over "
                      "the previous year" + (" (one source)" if gr["status"] == "single" else ""))
    first = (f"For {where}, the best-attested figure is {fact_name(h)}: "
             f"{fmt_value(h['value'], h['unit'], h['bound'], h.get('value_high'))}{growth}.")
    framing = " ".join([value_sentence(h, mentions, articles), label_sentence(m), qualifier_sentence(m),
                        credit_sentence(m, articles)])
    return {"headline_text": first, "headline_framing": framing}


def coverage_summary(mentions: pd.DataFrame, facts: pd.DataFrame, links: pd.DataFrame | None = None) -> dict[str, str]:
    """How many figures the book could place: in facts about named indicators, linked across sources
    by evidence only, or standing alone, and how many conflicts each way finds."""
    n = len(mentions)
    kinds = placement(mentions)
    placed, linked = int((kinds == "indicator").sum()), int((kinds == "linked").sum())
    alone = n - placed - linked
    n_link_conflicts = 0
    if links is not None and len(links):
        n_link_conflicts = int((links["decision"] == "conflict").sum())
    pct = (lambda k: f" ({k / n:.0%})") if n else (lambda k: "")
    return {
        "coverage_text": (
            f"Of the {count(n, 'figure')} read in all the articles, {placed:,}{pct(placed)} are placed in facts about an indicator the "
            f"data files name; {linked:,}{pct(linked)} are linked to the same figure in another source by evidence "
            f"alone (value, period, concepts, shared story) without a named indicator; and {alone:,}{pct(alone)} "
            "stand alone, reported by one source about no named indicator: they are in the tables, never dropped."
            if n else "No figure was read."),
        "n_link_conflicts": count(n_link_conflicts, "pair"),
    }


def _number_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, f"{n:,}")


def officials_summary(attributions: pd.DataFrame, mentions: pd.DataFrame, facts: pd.DataFrame) -> dict[str, str]:
    """Two officials of one body are two people, not a discrepancy, unless one figure is credited to
    both; and one figure credited to different people in different sources is said as such."""
    credited = mentions.dropna(subset=["speaker", "fact_id"])
    by_person = credited.groupby("speaker")["fact_id"].apply(set).to_dict()
    pairs = []
    for org, g in attributions.dropna(subset=["organisation"]).groupby("organisation"):
        people = g.drop_duplicates("person")[["person", "title"]].values.tolist()
        if len(people) < 2:
            continue
        shared = set.intersection(*[by_person.get(p, set()) for p, _ in people])
        who = join_words(f"{p} ({t})" if not _missing(t) else p for p, t in people)
        if shared:
            pairs.append(f"{who}, of {org}, are credited with the same figure "
                         f"({join_words(fact_label(x, facts) for x in sorted(shared))}): one statement credited to "
                         "two people, a real discrepancy.")
        elif len({t for _, t in people}) == 1:
            pairs.append(f"{who} are each named {people[0][1]} of {org}: {_number_word(len(people))} holders of one "
                         "office (at different times, or one name is wrong), each credited with different figures.")
        else:
            pairs.append(f"{who} are {_number_word(len(people))} officials of {org}; each is credited with different "
                         "figures, so they are colleagues, not a discrepancy.")
    split = []
    for fid, g in credited.groupby("fact_id"):
        if g["source_id"].nunique() > 1 and g["speaker"].nunique() > 1:
            split.append(fid)
    return {
        "officials_text": " ".join(pairs) if pairs else "No body has two officials named in these articles.",
        "n_credit_split": count(len(split), "fact"),
        "credit_split_text": (f"{count(len(split), 'fact')} {'is' if len(split) == 1 else 'are'} credited to different "
                              "people or bodies in different sources: "
                              + join_words(fact_label(x, facts) for x in split[:6])
                              + ("…" if len(split) > 6 else "") + "." if split else
                              "No figure is credited to different people in different sources."),
    }


def status_counts_text(facts: pd.DataFrame, entity: str | None) -> str:
    """The facts about `entity` counted by state, in a sentence that names only the states present."""
    who = entity or "The articles"
    n = len(facts)
    if n == 0:
        return f"{who} has no fact in these articles." if entity else "The articles hold no fact."
    c = facts["status"].value_counts()
    parts = [(int(c.get("agree", 0)), "on which several sources agree"),
             (int(c.get("agree_rounded", 0)), "on which they agree once rounding is allowed"),
             (int(c.get("conflict", 0)), "in conflict"),
             (int(c.get("single", 0)), "reported by one source only")]
    said = [f"{k:,} {words}" for k, words in parts if k]
    multi = n - int(c.get("single", 0))
    tail = ("; no fact is reported by two sources, so nothing can agree or conflict" if not multi else
            "; none is in conflict" if not c.get("conflict", 0) else "")
    return f"{who} {'has' if entity else 'hold'} {count(n, 'fact')}: {join_words(said)}{tail}."
