"""Column contracts of the project's tables, checked with pandera where each table is produced."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

MENTION_COLUMNS = [
    "source_id", "mention_id", "lang", "value", "unit", "counted", "raw", "number_text",
    "start", "end", "sentence", "sentence_start", "sentence_end", "period", "period_source",
    "qualifier", "cue", "bound", "range_id", "ambiguous",
]
SCAN_COLUMNS = MENTION_COLUMNS + ["reason"]
REJECTED_COLUMNS = ["source_id", "lang", "raw", "start", "end", "sentence", "reason"]

ARTICLE_COLUMNS = [
    "source_id", "lang", "lang_source", "text", "path", "sha256", "n_chars", "encoding",
    "outlet", "url", "title", "translated_from", "published", "note", "duplicate_of",
]
SKIPPED_COLUMNS = ["path", "reason"]

_UNIT = r"^(percent|count|times|[A-Z]{3}|per_[0-9.e+]+)$"

MENTIONS = pa.DataFrameSchema(
    {
        "source_id": pa.Column(str),
        "mention_id": pa.Column(str, unique=True),
        "lang": pa.Column(str),
        "value": pa.Column(float, nullable=False),
        "unit": pa.Column(str, pa.Check.str_matches(_UNIT)),
        "counted": pa.Column(object, nullable=True),
        "raw": pa.Column(str),
        "number_text": pa.Column(str),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(0)),
        "sentence": pa.Column(str),
        "sentence_start": pa.Column(int),
        "sentence_end": pa.Column(int),
        "period": pa.Column("Int64", pa.Check.in_range(1800, 2200), nullable=True),
        "period_source": pa.Column(object, nullable=True),
        "qualifier": pa.Column(object, pa.Check.isin(["actual", "estimate", "target"]), nullable=True),
        "cue": pa.Column(object, nullable=True),
        "bound": pa.Column(object, pa.Check.isin(["about", "more_than", "less_than"]), nullable=True),
        "range_id": pa.Column(object, nullable=True),
        "ambiguous": pa.Column(bool),
    },
    checks=[pa.Check(lambda d: (d["start"] < d["end"]).all(), error="start must be before end")],
    strict=True,
    ordered=True,
)


def validate_mentions(df: pd.DataFrame) -> pd.DataFrame:
    """Check the mentions table against its schema (raises pandera's SchemaError if broken)."""
    df = df.astype({"value": float, "start": int, "end": int, "sentence_start": int, "sentence_end": int,
                    "ambiguous": bool, "period": "Int64"})
    return MENTIONS.validate(df)


def _schema(columns: dict, **kw) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False, coerce=False, **kw)


_LEVEL = ["national", "provincial", "municipal", "district", "foreign", "company"]

FACTS = _schema({
    "fact_id": pa.Column(str, unique=True),
    "indicator": pa.Column(str),
    "period": pa.Column("Int64", nullable=True),
    "kind": pa.Column(str, pa.Check.isin(["level", "target"])),
    "unit": pa.Column(str, pa.Check.str_matches(_UNIT)),
    "value": pa.Column(float),
    "status": pa.Column(str, pa.Check.isin(["agree", "agree_rounded", "conflict", "single"])),
    "n_sources": pa.Column(int, pa.Check.ge(1)),
    "n_mentions": pa.Column(int, pa.Check.ge(1)),
    "sources": pa.Column(str),
})

CHECKS = _schema({
    "check_id": pa.Column(str, unique=True),
    "kind": pa.Column(str, pa.Check.isin(["level_growth", "target_vs_base", "growth_target", "plan_fulfilment",
                                          "increment_vs_growth", "share_vs_total", "cross_source"])),
    "inputs": pa.Column(str),
    "expected": pa.Column(float),
    "observed": pa.Column(float, nullable=True),
    "tolerance": pa.Column(float, pa.Check.ge(0)),
    "passed": pa.Column(object, nullable=True),
    "explanation": pa.Column(str),
})

ATTRIBUTIONS = _schema({
    "source_id": pa.Column(str),
    "person": pa.Column(object, nullable=True),
    "title": pa.Column(object, nullable=True),
    "org_level": pa.Column(object, pa.Check.isin(_LEVEL), nullable=True),
    "rendered_level": pa.Column(object, pa.Check.isin(["national", "local"]), nullable=True),
    "resolved": pa.Column(bool),
    "start": pa.Column(int, pa.Check.ge(0)),
    "end": pa.Column(int, pa.Check.ge(0)),
    "sentence": pa.Column(str),
})

FINDINGS = _schema({
    "finding_id": pa.Column(str, unique=True),
    "kind": pa.Column(str, pa.Check.isin(["rendered_level", "title_split", "office_holder", "credited_figures"])),
    "subject": pa.Column(str),
    "evidence": pa.Column(str),
})


def is_missing(v) -> bool:
    """True for a table cell that holds no value: None, NaN or pandas' NA."""
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Check a table against its schema where it is produced; empty tables pass as they are."""
    return schema.validate(df) if len(df) else df


# ---------------------------------------------------------------- column descriptions
#: One line per column of every table the pipeline writes; `store.write_table` puts them in the
#: ``.meta.yaml`` beside each table, and a test checks that every written column has one.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "articles": {
        "source_id": "file name without .txt: the article's id everywhere",
        "lang": "ISO 639-1 language of the article",
        "lang_source": "where the language came from: declared (sources.yaml), given (--lang) or detected",
        "text": "the article's text as decoded",
        "path": "the file the article was read from",
        "sha256": "checksum of the file's bytes",
        "n_chars": "length of the text in characters",
        "encoding": "encoding the file was decoded with",
        "outlet": "publishing outlet (sources.yaml)",
        "url": "address of the article (sources.yaml)",
        "title": "headline (sources.yaml)",
        "translated_from": "language of the original when the article is a translation (sources.yaml)",
        "published": "publication date YYYY[-MM[-DD]] (sources.yaml)",
        "note": "free note on the source (sources.yaml)",
        "duplicate_of": "the first article with the same text (case, spacing, punctuation ignored); null for an original",
    },
    "skipped": {
        "path": "an input file that could not be read",
        "reason": "why it was skipped",
    },
    "mentions": {
        "source_id": "article the figure is in",
        "mention_id": "unique id of the mention: <source_id>:m<nnn>",
        "lang": "language of the article",
        "value": "the figure's value in base units (VND, USD, persons; percent as 8.1)",
        "unit": "percent, count, times, per_<N> or an ISO 4217 currency code",
        "counted": "the noun a count counts, as written",
        "raw": "the figure as written, with its unit and scale words",
        "number_text": "the number part of raw",
        "start": "offset of raw in the article text",
        "end": "offset just after raw",
        "sentence": "the sentence the figure is in",
        "sentence_start": "offset of the sentence",
        "sentence_end": "offset just after the sentence",
        "period": "year the figure refers to (null when the text gives none)",
        "period_source": "where the period was read: sentence, clause, previous sentence...",
        "qualifier": "actual, estimate or target, from the wording",
        "cue": "the word that set the qualifier",
        "bound": "about, more_than or less_than when the figure is hedged",
        "range_id": "shared by the two ends of a range",
        "ambiguous": "true when the number's separators allow two readings",
        "indicator": "registered indicator the figure reports (null when none fits)",
        "label_reported": "the label of the figure as written",
        "relation": "growth, share, increase... when the figure relates to a base indicator",
        "entity": "place or body the figure is about",
        "translated_from": "language of the original when the article is a translation",
        "published": "publication date of the article",
        "duplicate_of": "the article this one is a copy of (copies count as one source)",
        "indicator_name": "display name of the indicator",
        "label_scope": "IT or ICT: what the reported label covers",
        "speaker": "who the figure is credited to",
        "speaker_title": "the speaker's title",
        "speaker_scope": "where the credit was found: sentence, paragraph or article lead",
        "fact_id": "the fact the mention belongs to",
        "fact_kind": "level or target",
        "status": "agree, agree_rounded, conflict, single or unassigned",
        "link_key": "fact key given by the evidence links (null where the registered indicator decides)",
        "rank": "preferred, normal or deprecated, Wikidata-like",
        "rank_reason": "why the mention has its rank",
    },
    "rejected": {
        "source_id": "article the number is in",
        "lang": "language of the article",
        "raw": "the number as written",
        "start": "offset in the article text",
        "end": "offset just after it",
        "sentence": "the sentence the number is in",
        "reason": "why it is not a figure (year, date, document number, ordinal...)",
    },
    "facts": {
        "fact_id": "indicator|entity|period|kind|unit",
        "indicator": "indicator id",
        "indicator_name": "display name of the indicator",
        "entity": "place or body",
        "period": "year (null when unspecified)",
        "kind": "level or target",
        "unit": "unit of the value",
        "value": "the preferred value in base units",
        "value_high": "upper end when the fact is a range",
        "bound": "bound of the preferred mention",
        "status": "agree, conflict or single",
        "n_sources": "number of sources reporting the fact (copies of one text count once)",
        "n_copies": "articles folded into another as copies of its text",
        "n_mentions": "number of mentions",
        "sources": "source ids, comma-separated",
        "langs": "languages, comma-separated",
        "values": "distinct values reported",
        "labels": "label per source",
        "qualifiers": "qualifier per source",
        "bounds": "bound per source",
        "speakers": "speaker per source",
        "label_scopes": "label scope per source",
        "label_differs": "true when the sources label the fact differently",
        "qualifier_differs": "true when the sources qualify it differently",
        "bound_differs": "true when the sources bound it differently",
        "speaker_differs": "true when the sources credit different speakers",
        "preferred_mention": "the mention whose value the fact takes",
        "preferred_source": "that mention's source",
        "rank_rule": "the ranking rules applied, in order",
        "diagnosis": "conflicts: scale_slip, target_vs_actual, different_base, rounding or unexplained",
    },
    "links": {
        "mention_a": "first mention of the compared pair",
        "mention_b": "second mention",
        "source_a": "source of mention_a",
        "source_b": "source of mention_b",
        "decision": "agree, agree_rounded, conflict or rejected",
        "score": "match weight: the sum of the weights below",
        "value": "value evidence and its weight (specific values weigh more)",
        "period": "period evidence",
        "indicator": "registered-indicator evidence",
        "concepts": "concepts around each figure (concepts.yaml) and their weight",
        "label": "overlap of the words around the figures (same language)",
        "entity": "entity evidence",
        "story": "other specific values the two articles share (co-reporting)",
        "counted": "the counted nouns, when two counts in one language count different things",
        "published": "publication dates, when two undated figures were published far apart",
        "kind": "target vs level, when the two qualifiers differ",
        "reasons": "all reasons in one line, or the reason the pair was vetoed",
    },
    "checks": {
        "check_id": "unique id of the check",
        "kind": "level_growth, target_vs_base, growth_target, plan_fulfilment, increment_vs_growth, share_vs_total or cross_source",
        "entity": "place or body",
        "period": "year",
        "inputs": "fact ids the check reads",
        "expected": "the value implied by the inputs",
        "observed": "the value reported, when there is one",
        "unit": "unit of expected and observed",
        "tolerance": "relative tolerance of the comparison",
        "passed": "true/false when a reported value is compared; null otherwise",
        "explanation": "the check in words",
    },
    "attributions": {
        "source_id": "article",
        "person": "canonical name (registry) or the name as written",
        "person_surface": "the name as written",
        "title": "title in English",
        "title_surface": "the title as written",
        "organisation": "canonical body name",
        "organisation_surface": "the body as written",
        "org_type": "department, ministry, committee, company...",
        "org_level": "the body's real level: national, provincial, municipal, district, foreign or company",
        "rendered_level": "the level the word used for the body implies: national or local",
        "resolved": "true when the person is in the registry",
        "organisation_resolved": "true when the body is in the registry",
        "org_term": "the organisation word as written (Dinas, กรม, Sở...)",
        "other_titles": "further titles of the person in the same mention",
        "role_from": "apposition, speech verb or same article",
        "start": "offset of the mention",
        "end": "offset just after it",
        "sentence": "the sentence",
        "sentence_start": "offset of the sentence",
        "sentence_end": "offset just after the sentence",
        "paragraph_start": "offset of the paragraph",
        "paragraph_end": "offset just after the paragraph",
        "person_key": "one key per person across articles and scripts (Latin, no diacritics)",
        "person_match": "how the key was found: as written, Sino-Vietnamese reading, a romanisation's "
                        "skeleton matched to a Latin name (with the scores), or unresolved and why",
    },
    "findings": {
        "finding_id": "unique id",
        "kind": "rendered_level, title_split, office_holder or credited_figures",
        "subject": "the body, office or fact concerned",
        "detail": "what differs, in words",
        "source_ids": "sources involved",
        "evidence": "the sentences that show it",
    },
}


def describe(table: str, columns) -> dict[str, str]:
    """``{column: description}`` for the columns of `table` (an unknown column says so)."""
    docs = DESCRIPTIONS.get(table, {})
    return {str(c): docs.get(str(c), "(undocumented)") for c in columns}
