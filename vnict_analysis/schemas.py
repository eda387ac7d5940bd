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
    "outlet", "url", "title", "translated_from", "note",
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
