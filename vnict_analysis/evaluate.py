"""Score extracted figures against a reference written by reading the articles (a figures fixture:
`tests/fixtures/*_figures.yaml`): recall, precision, and agreement on period, qualifier and bound."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def locate(text: str, context: str, needle: str) -> tuple[int, int]:
    """Offsets of `needle` inside the one occurrence of `context` in `text`."""
    if text.count(context) != 1:
        raise ValueError(f"context not found exactly once: {context!r}")
    c = text.index(context)
    i = context.index(needle)
    return c + i, c + i + len(needle)


@dataclass
class Score:
    """Counts of one comparison: true positives, misses (fn), extras (fp), not-figures extracted,
    and attribute agreement on the matched figures."""

    tp: int = 0
    fn: list = field(default_factory=list)
    fp: list = field(default_factory=list)
    not_figure_hits: list = field(default_factory=list)
    attr_total: dict = field(default_factory=dict)
    attr_ok: dict = field(default_factory=dict)
    attr_miss: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.fn)) if self.tp + len(self.fn) else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp)) if self.tp + len(self.fp) else 1.0

    def accuracy(self, attr: str) -> float:
        return self.attr_ok.get(attr, 0) / self.attr_total[attr] if self.attr_total.get(attr) else 1.0


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA:
        a = None
    if b is None or (isinstance(b, float) and math.isnan(b)):
        b = None
    if a is None or b is None:
        return a is None and b is None
    return str(a) == str(b) if not isinstance(b, (int, float)) else float(a) == float(b)


def score(mentions: pd.DataFrame, texts: dict[str, str], fixture: dict) -> Score:
    """Match `mentions` to the fixture's figures by span, value and unit. Optional figures count
    neither way; an extracted number overlapping a listed not-figure is recorded."""
    s = Score()
    for sid, spec in fixture["sources"].items():
        text = texts[sid]
        got = mentions[mentions["source_id"] == sid]
        used: set = set()
        optional_rows: set = set()
        for fig in spec.get("figures") or []:
            a, b = locate(text, fig["context"], str(fig["number"]))
            hit = got[(got["start"] < b) & (got["end"] > a)]
            hit = hit[(hit["value"] - float(fig["value"])).abs() <= 1e-6 * max(1.0, abs(float(fig["value"])))]
            hit = hit[hit["unit"] == fig["unit"]]
            if fig.get("optional"):
                optional_rows |= set(got[(got["start"] < b) & (got["end"] > a)].index)
                continue
            if hit.empty:
                s.fn.append((sid, fig["context"], fig["value"], fig["unit"]))
                continue
            row = hit.iloc[0]
            used.add(hit.index[0])
            s.tp += 1
            for attr in ("period", "qualifier", "bound"):
                s.attr_total[attr] = s.attr_total.get(attr, 0) + 1
                if _same(row[attr], fig.get(attr)):
                    s.attr_ok[attr] = s.attr_ok.get(attr, 0) + 1
                else:
                    s.attr_miss.append((sid, fig["context"], attr, fig.get(attr), row[attr]))
        for idx, row in got.iterrows():
            if idx not in used and idx not in optional_rows:
                s.fp.append((sid, row["raw"], row["value"], row["unit"]))
        spans = [(r.start + r.raw.find(r.number_text), len(r.number_text)) for r in got.itertuples()]
        for nf in spec.get("not_figures") or []:
            a, b = locate(text, nf["context"], str(nf["text"]))
            if any(x < b and a < x + n for x, n in spans):
                s.not_figure_hits.append((sid, nf["context"], nf.get("why")))
    return s


def load_fixture(name: str = "seed_figures.yaml", folder: str | Path | None = None) -> dict:
    """Read a fixture YAML (default folder: the project's `tests/fixtures`)."""
    return yaml.safe_load((Path(folder) if folder else FIXTURES).joinpath(name).read_text(encoding="utf-8"))


def score_set(fixture: dict, texts: dict[str, str]) -> Score:
    """Extract figures from `texts` (source id -> article) in the fixture's languages and score them."""
    from .figures.extract import extract_figures

    parts = [extract_figures(texts[sid], spec["lang"], sid) for sid, spec in fixture["sources"].items()]
    return score(pd.concat(parts, ignore_index=True), texts, fixture)


def quality_table(folder: str | Path | None = None, seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per figures fixture found in `folder`: articles, required figures, recall, precision
    and attribute agreement. The seed fixture reads its articles from `seeds_dir` (`data/raw`), the
    others from the folder named like the fixture (`heldout/` for `heldout_figures.yaml`)."""
    folder = Path(folder) if folder else FIXTURES
    rows = []
    for path in sorted(folder.glob("*_figures.yaml")):
        name = path.name.removesuffix("_figures.yaml")
        fixture = load_fixture(path.name, folder)
        src = Path(seeds_dir) if name == "seed" and seeds_dir else folder / name
        paths = {sid: src / f"{sid}.txt" for sid in fixture["sources"]}
        if not all(p.exists() for p in paths.values()):
            continue  # the reference's articles are not here (another corpus): nothing to score
        texts = {sid: p.read_text(encoding="utf-8") for sid, p in paths.items()}
        s = score_set(fixture, texts)
        rows.append({"set": name, "articles": len(texts), "figures": s.tp + len(s.fn), "recall": s.recall,
                     "precision": s.precision, "period": s.accuracy("period"),
                     "qualifier": s.accuracy("qualifier"), "bound": s.accuracy("bound")})
    return pd.DataFrame(rows, columns=["set", "articles", "figures", "recall", "precision", "period",
                                       "qualifier", "bound"])


# ------------------------------------------------------------------ spec-by-example files
SPECS = FIXTURES.parent / "specs"


def _spec_unit(unit) -> str:
    return "count" if unit is None else str(unit)


def run_spec(case: dict, lang: str, mode: str = "text", resources=None) -> tuple[bool, list[tuple[float, str]]]:
    """One spec case (``{text, figures: [{value, unit}]}``): whether what is read from its text is
    exactly the expected figures, in order (a plain number is unit ``count``), and what was got.
    Mode ``expression`` (a corpus whose every text is one numeral, as Duckling's Numeral corpora)
    reads the whole text with `parse_number`; mode ``text`` extracts the figures of a sentence."""
    from .figures.extract import extract_figures
    from .figures.numbers import parse_number

    if mode == "expression":
        try:
            got = [(parse_number(str(case["text"]), lang), "count")]
        except ValueError:
            got = []
    else:
        got_rows = extract_figures(str(case["text"]), lang, resources=resources)
        got = [(float(v), str(u)) for v, u in zip(got_rows["value"], got_rows["unit"])]
    want = [(float(f["value"]), _spec_unit(f.get("unit"))) for f in case["figures"]]
    ok = len(got) == len(want) and all(
        u1 == u2 and abs(v1 - v2) <= 1e-9 * max(1.0, abs(v2)) for (v1, u1), (v2, u2) in zip(got, want))
    return ok, got


def score_specs(folder: str | Path | None = None, langs=None) -> pd.DataFrame:
    """One row per spec case of every ``<lang>.yaml`` in `folder` (default ``tests/specs``): the
    language, the corpus it came from, the text, what was expected, what was got and whether they match."""
    rows = []
    for path in sorted(Path(folder or SPECS).glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang = spec["lang"]
        if langs and lang not in langs:
            continue
        modes = {name: (src or {}).get("mode", "text") for name, src in (spec.get("sources") or {}).items()}
        for case in spec.get("cases") or []:
            ok, got = run_spec(case, lang, modes.get(case.get("from"), "text"))
            rows.append({"lang": lang, "from": case.get("from"), "text": case["text"],
                         "expected": [(f["value"], _spec_unit(f.get("unit"))) for f in case["figures"]],
                         "got": got, "ok": ok})
    return pd.DataFrame(rows, columns=["lang", "from", "text", "expected", "got", "ok"])
