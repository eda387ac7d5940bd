"""Load articles with their provenance: text, language, checksum, metadata; report what can't be read."""
from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .datafiles import SourcesFile, check_lang, read_data_file
from .errors import DataFileError, InputError
from .schemas import ARTICLE_COLUMNS, SKIPPED_COLUMNS

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SOURCE_KEYS = {"lang", "outlet", "url", "title", "translated_from", "published", "note"}


class SourcesError(DataFileError):
    """A sources file does not follow its schema."""


def sources_beside(paths: Iterable[str | Path]) -> Path | None:
    """The metadata file beside the data: ``sources.yaml`` in the first input's folder, else in
    the folder above it (``data/raw/`` -> ``data/sources.yaml``); None when there is none."""
    for p in paths:
        folder = Path(p) if Path(p).is_dir() else Path(p).parent
        for cand in (folder / "sources.yaml", folder.parent / "sources.yaml"):
            if cand.is_file():
                return cand
        return None
    return None


def read_sources(path: str | Path | None = None) -> dict[str, dict]:
    """Read a metadata file (``sources.yaml``) and check it against its schema (`SourcesFile`).

    Returns ``{source_id: {lang, outlet, url, title, translated_from, published, note}}``; source
    ids are strings whatever YAML would make of them. `path` None gives no metadata.

    Raises
    ------
    SourcesError
        A missing file, unknown keys, unknown language codes, non-string values, malformed dates
        or duplicate keys; the message names the file and the line.
    """
    if path is None:
        return {}
    path = Path(path)
    if not path.is_file():
        raise SourcesError(f"{path}: sources file not found")
    try:
        data = read_data_file(path, SourcesFile)
    except DataFileError as exc:
        raise SourcesError(str(exc)) from None
    return {str(sid): {k: (meta or {}).get(k) for k in sorted(SOURCE_KEYS)}
            for sid, meta in (data.get("sources") or {}).items()}


def content_key(text: str) -> str:
    """Hash of a text with case, spacing and punctuation ignored: two files with the same key are
    copies of one article."""
    norm = re.sub(r"[\W_]+", " ", text.casefold()).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the `.txt` files they hold (sorted); a missing path is an error."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.glob("*.txt") if q.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"no such file or folder: {p}")
    return out


def decode(raw: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 with or without BOM, UTF-16 with BOM.

    Raises ValueError with a reader's reason ("empty", "binary", "not UTF-8 …").
    """
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        try:
            text, enc = raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ValueError(f"undecodable UTF-16: {exc.reason}") from exc
    elif b"\x00" in raw:
        raise ValueError("binary file (contains NUL bytes)")
    else:
        enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 (byte {exc.start}: {exc.reason})") from exc
    if not text.strip():
        raise ValueError("empty file")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ValueError("binary file (control characters)")
    return text, enc


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of `text` with py3langid (an offline, maintained fork of langid.py
    whose model ships in the wheel). Returns ``(code, probability)``."""
    lang, prob = _identifier().classify(text[:1500])  # the first paragraphs are enough, and 3x faster
    return str(lang), float(prob)


def load_corpus(
    paths: Iterable[str | Path],
    sources: dict[str, dict] | None = None,
    lang: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read articles; return ``(articles, skipped)``.

    Parameters
    ----------
    paths : files or folders of `.txt` articles.
    sources : metadata by source id (see :func:`read_sources`); language comes from here when
        the file is named, else from `lang`, else it is detected.
    lang : force this language for every file.

    Every input file ends up in exactly one of the two tables: `articles` (one row per article,
    columns ``ARTICLE_COLUMNS``) or `skipped` (``path, reason``).
    """
    paths = list(paths)
    if lang is not None:
        lang = check_lang(lang)
    if sources is None:
        sources = read_sources(sources_beside(paths))
    rows, skipped = [], []
    for path in collect_paths(paths):
        try:
            raw = path.read_bytes()
            text, enc = decode(raw)
        except (OSError, ValueError) as exc:
            log.warning("skipped %s: %s", path, exc)
            skipped.append({"path": str(path), "reason": str(exc)})
            continue
        sid = path.stem
        meta = sources.get(sid, {})
        if lang:
            code, how = lang, "given"
        elif meta.get("lang"):
            code, how = check_lang(meta["lang"]), "declared"
        else:
            code, _ = detect_language(text)
            how = "detected"
        rows.append({
            "source_id": sid, "lang": code, "lang_source": how, "text": text, "path": str(path),
            "sha256": hashlib.sha256(raw).hexdigest(), "n_chars": len(text), "encoding": enc,
            **{k: meta.get(k) for k in ("outlet", "url", "title", "translated_from", "published", "note")},
        })
    first_of: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["source_id"]):  # copies of one text are one source
        key = content_key(row["text"])
        row["duplicate_of"] = first_of.setdefault(key, row["source_id"])
        if row["duplicate_of"] == row["source_id"]:
            row["duplicate_of"] = None
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    if articles["source_id"].duplicated().any():
        dups = sorted(articles.loc[articles["source_id"].duplicated(), "source_id"])
        raise InputError(f"two files share a source id (file stem): {dups}")
    return articles, pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)


def load(paths: Iterable[str | Path], sources: dict[str, dict] | str | Path | None = None,
         lang: str | None = None) -> pd.DataFrame:
    """One row per readable article (see :func:`load_corpus`); the skipped files are listed in
    ``df.attrs["skipped"]`` as ``[{"path", "reason"}, ...]`` (plain records, so tables from
    several calls concatenate). `sources` may be a path to a sources YAML file; None reads the
    one beside the data (:func:`sources_beside`)."""
    if isinstance(sources, (str, Path)):
        sources = read_sources(sources)
    articles, skipped = load_corpus(paths, sources, lang)
    articles.attrs["skipped"] = skipped.to_dict("records")
    return articles
