"""Load articles with their provenance: text, language, checksum, metadata; report what can't be read."""
from __future__ import annotations

import hashlib
import heapq
import logging
import re
import stat
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .datafiles import SourcesFile, check_lang, read_data_file
from .errors import DataFileError, InputError, UnknownLanguageError
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
    if path.is_dir():
        raise SourcesError(f"{path}: is a folder; --sources names the metadata YAML file itself")
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


def exact_copies(articles: pd.DataFrame) -> pd.Series:
    """True for each article `load_corpus` folded as a copy (``duplicate_of``) whose text is its
    original's (same `content_key`), not a near-copy: the steps after loading read one copy only
    (the `articles` table keeps every file). Only folded articles and their originals are hashed."""
    if "duplicate_of" not in articles or articles["duplicate_of"].isna().all():
        return pd.Series(False, index=articles.index)
    text_of = dict(zip(articles["source_id"], articles["text"]))
    keys: dict[str, str] = {}

    def key(sid: str) -> str:
        if sid not in keys:
            keys[sid] = content_key(text_of[sid])
        return keys[sid]

    return pd.Series([isinstance(d, str) and d in text_of and key(sid) == key(d)
                      for sid, d in zip(articles["source_id"], articles["duplicate_of"])], index=articles.index)


NEAR_DUPLICATE = 0.9   # shingle Jaccard at or above which two texts are one article (a repost with its own trailer)
_SHINGLE, _SKETCH, _PREFIX = 5, 16, 3000


_TOKEN = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+")  # a Thai/CJK/Hangul character, or a word


def _shingles(text: str) -> set[int]:
    """Hashed runs of five tokens (words; single characters in scripts without spaces) of the
    case-folded text: insensitive to spacing, punctuation and shifts (crc32: the same in every process)."""
    toks = _TOKEN.findall(text[:_PREFIX].casefold())  # a copy shares its opening: a bounded cost per article
    return {zlib.crc32("\x1f".join(toks[i:i + _SHINGLE]).encode("utf-8"))
            for i in range(max(1, len(toks) - _SHINGLE + 1))}


def near_duplicates(texts: dict[str, str]) -> dict[str, str]:
    """``{source_id: the earlier source_id it nearly copies}``: texts whose five-token shingle sets overlap by
    `NEAR_DUPLICATE` or more. Candidates share one of their 16 smallest shingle hashes (a bottom-k
    sketch), so the cost stays near-linear; each candidate pair is then measured exactly on the
    first 3,000 characters, and the two lengths must be within 10% of each other."""
    shingles = {sid: _shingles(t) for sid, t in texts.items()}
    sketch = {sid: heapq.nsmallest(_SKETCH, sh) for sid, sh in shingles.items()}
    index: dict[int, list[str]] = {}
    for sid in sorted(shingles):
        for h in sketch[sid]:
            index.setdefault(h, []).append(sid)
    out: dict[str, str] = {}
    for sid in sorted(shingles):
        if sid in out:
            continue
        cands = sorted({o for h in sketch[sid] for o in index[h] if o > sid and o not in out})
        a = shingles[sid]
        for other in cands:
            b = shingles[other]
            la, lb = len(texts[sid]), len(texts[other])
            if min(la, lb) / max(la, lb) < NEAR_DUPLICATE or min(len(a), len(b)) / max(len(a), len(b)) < NEAR_DUPLICATE:
                continue
            if len(a & b) / len(a | b) >= NEAR_DUPLICATE:
                out[other] = sid
    return out


def collect_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the `.txt` files they hold (sorted); a missing path is an error."""
    return collect_entries(paths)[0]


# An article larger than this is skipped with its reason, not read: a news article is tens of
# kilobytes (the largest of the 285 real ones in the fixtures is 12 KB), and a file of hundreds of megabytes is an
# archive or a dump to split into articles first. `load_corpus(max_bytes=...)` and `--max-mb` raise it.
MAX_BYTES = 10_000_000


def _not_readable(p: Path, max_bytes: int | None = MAX_BYTES) -> str | None:
    """Why an entry cannot be read as an article without opening it, or None for a regular file."""
    try:
        st = p.stat()  # follows symbolic links
    except FileNotFoundError:
        return "broken symbolic link" if p.is_symlink() else "vanished while listing"
    except OSError as exc:  # ELOOP and the like
        return "symbolic link loop" if exc.errno == 40 else f"cannot stat ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        return "a folder, not a file"
    if not stat.S_ISREG(st.st_mode):  # FIFOs and devices would block or never end: never opened
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "device or socket"
        return f"not a regular file ({kind})"
    if max_bytes is not None and st.st_size > max_bytes:
        return (f"{st.st_size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:g} MB an article may have "
                "(split it into articles, or raise --max-mb)")
    try:
        str(p).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8"
    return None


def collect_entries(paths: Iterable[str | Path], max_bytes: int | None = MAX_BYTES) -> tuple[list[Path], list[dict]]:
    """Files to read and entries skipped with a reason: a folder gives every entry whose name ends
    in `.txt` in any case (`.TXT` is read), sorted; broken links, loops, FIFOs, devices, folders
    named `.txt`, undecodable names and files over `max_bytes` are listed, not opened. A missing
    path is an error."""
    out: list[Path] = []
    skipped: list[dict] = []

    def take(q: Path) -> None:
        why = _not_readable(q, max_bytes)
        if why:
            skipped.append({"path": str(q).encode("utf-8", "backslashreplace").decode("utf-8"), "reason": why})
        else:
            out.append(q)

    for p in paths:
        p = Path(p)
        if p.is_dir():
            for q in sorted(p.iterdir(), key=lambda x: str(x).encode("utf-8", "surrogateescape")):
                if q.name.lower().endswith(".txt"):
                    take(q)
        elif p.exists() or p.is_symlink():
            take(p)
        else:
            raise InputError(f"no such file or folder: {p}")
    return out, skipped


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
    max_bytes: int | None = MAX_BYTES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read articles; return ``(articles, skipped)``.

    Parameters
    ----------
    paths : files or folders of `.txt` articles.
    sources : metadata by source id (see :func:`read_sources`); language comes from here when
        the file is named, else from `lang`, else it is detected.
    lang : force this language for every file.
    max_bytes : files larger than this are skipped with the reason (None: no limit).

    Every input file ends up in exactly one of the two tables: `articles` (one row per article,
    columns ``ARTICLE_COLUMNS``) or `skipped` (``path, reason``).
    """
    paths = list(paths)
    if lang is not None:
        lang = check_lang(lang)
    if sources is None:
        sources = read_sources(sources_beside(paths))
    files, skipped = collect_entries(paths, max_bytes)
    for entry in skipped:
        log.warning("skipped %s: %s", entry["path"], entry["reason"])

    def skip(path: Path, reason: str) -> None:
        log.warning("skipped %s: %s", path, reason)
        skipped.append({"path": str(path), "reason": reason})

    rows = []
    for path in files:
        try:
            raw = path.read_bytes()
            text, enc = decode(raw)
        except (OSError, ValueError) as exc:
            skip(path, str(exc))
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
            try:
                code = check_lang(code)
            except UnknownLanguageError:  # e.g. "zxx" for a table of numbers: this file only, not the run
                skip(path, f"detected language {code!r} is unknown to CLDR; declare it in sources.yaml or with --lang")
                continue
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
    # near-copies too (a repost with its own headline or trailer), among the texts not yet folded
    near = near_duplicates({r["source_id"]: r["text"] for r in rows if r["duplicate_of"] is None})
    for row in rows:
        if row["source_id"] in near:
            row["duplicate_of"] = near[row["source_id"]]
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
