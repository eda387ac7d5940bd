"""Tables on disk: CSV or Parquet chosen by suffix, each with a ``.meta.yaml`` beside it (what
produced it, from which inputs, rows, and a one-line description per column); a whole `Results`
saved to a folder and read back (`save_results`, `load_results`)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import InputError
from .schemas import describe

SUFFIXES = (".csv", ".parquet")
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def meta_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.stem + ".meta.yaml")


def write_table(df: pd.DataFrame, path: str | Path, meta: dict | None = None, table: str | None = None) -> None:
    """Write `df` as CSV or Parquet, chosen by the file suffix, with ``<name>.meta.yaml`` beside it.

    `table` names the schema whose column descriptions go in the metadata (default: guessed from
    the file name, ``facts.csv`` -> ``facts``).
    """
    from ._version import __version__

    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise InputError(f"{path}: output must end in .csv or .parquet")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file to write")
    _replace_atomically(path, lambda tmp: df.to_csv(tmp, index=False) if path.suffix == ".csv"
                        else df.to_parquet(tmp, index=False))
    if meta is not None:
        info = {"dataset": path.name, "produced_by": f"vnict_analysis {__version__}: {meta.get('command')}",
                "description": meta.get("description", ""), "rows": int(len(df)),
                "columns": describe(table or _table_of(path), df.columns),
                "inputs": meta.get("inputs", [])}
        if "parameters" in meta:
            info["parameters"] = meta["parameters"]
        text = yaml.dump(info, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
        _replace_atomically(meta_path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))  # after its table


def _replace_atomically(path: Path, write) -> None:
    """Call ``write(tmp)`` on a temporary file beside `path`, then rename it over `path`: an
    interrupted or concurrent run never leaves a truncated file (the old one stays whole). OS errors
    (a read-only folder, a file where a folder should be, a full disk) become `InputError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as tmp:
            tmp_path = Path(tmp.name)
        try:
            write(tmp_path)
            os.chmod(tmp_path, 0o666 & ~_UMASK)  # a temporary file is private (0600); the table is not
            os.replace(tmp_path, path)
        finally:
            tmp_path.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _table_of(path: Path) -> str:
    stem = path.stem.lower()
    for name in ("mentions", "rejected", "facts", "checks", "attributions", "findings", "skipped", "articles", "links"):
        if name in stem:
            return name
    return "mentions" if "extract" in stem else stem


TABLE_DESCRIPTIONS = {
    "articles": "One row per article read, with its text and provenance.",
    "skipped": "Input files that could not be read, with the reason.",
    "mentions": "One row per figure mention with indicator, entity, speaker, fact and status.",
    "rejected": "Numbers that are not figures, with the reason.",
    "facts": "One row per fact across sources.",
    "checks": "One row per arithmetic check between facts.",
    "attributions": "One row per person mention with a role.",
    "findings": "One row per discrepancy in titles, bodies and credits, with evidence.",
    "links": "One row per compared pair of mentions: decision, match weight and each reason.",
}


def save_results(results: Any, folder: str | Path, parameters: dict | None = None) -> list[Path]:
    """Write every table of `results` (a `pipeline.Results`) as Parquet into `folder`, each with
    its ``.meta.yaml``; returns the paths written."""
    folder = Path(folder)
    arts = results.articles
    inputs = [{"source_id": r.source_id, "path": Path(r.path).name, "sha256": r.sha256, "lang": r.lang}
              for r in arts.itertuples()]
    written = []
    for name in results.table_names():
        path = folder / f"{name}.parquet"
        meta = {"command": "pipeline.run", "description": TABLE_DESCRIPTIONS.get(name, ""), "inputs": inputs}
        if parameters is not None:
            meta["parameters"] = parameters
        write_table(getattr(results, name), path, meta, table=name)
        written.append(path)
    return written


def read_meta(folder: str | Path, name: str) -> dict:
    """The ``.meta.yaml`` of table `name` in `folder`."""
    return yaml.safe_load(meta_path(Path(folder) / f"{name}.parquet").read_text(encoding="utf-8")) or {}


def load_tables(folder: str | Path, names: list[str]) -> dict[str, pd.DataFrame]:
    """Read the Parquet tables `names` from `folder`; a missing table is an `InputError` naming it."""
    folder = Path(folder)
    out = {}
    for name in names:
        path = folder / f"{name}.parquet"
        if not path.is_file():
            raise InputError(f"{path}: table not found (run the pipeline first: make data)")
        out[name] = pd.read_parquet(path)
    return out
