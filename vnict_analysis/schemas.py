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
    "outlet", "url", "title", "translated_from", "published", "note",
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
    "status": pa.Column(str, pa.Check.isin(["agree", "conflict", "single"])),
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


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Check a table against its schema where it is produced; empty tables pass as they are."""
    return schema.validate(df) if len(df) else df
