"""Score attributions against a people reference written by reading the articles
(``tests/fixtures/people/<set>/reference.yaml``): for each official the reader listed, whether the
attributions find that person in that article, with the right title, body and levels; and, for the
same person named in several articles and scripts, whether the attributions give one key.

Matching is generous on the surface and strict on what a reader checks: a reference row matches an
attribution of its article whose surface overlaps the reference surface (or whose name equals the
reference's canonical name without diacritics); the title must then equal the reference title (case
and spacing ignored) and the body must share most of its words with the reference body."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml

from .people.names import plain


def _words(text) -> set[str]:
    stop = {"of", "the", "and", "for", "in", "vietnam", "viet", "nam", "s"}
    return {w for w in plain(text).split() if w not in stop}


def same_body(got, want) -> bool:
    """Bodies agree when most of the reference's content words are in the found name."""
    if not isinstance(got, str) or not isinstance(want, str):
        return False
    w, g = _words(want), _words(got)
    return bool(w) and len(w & g) >= 0.6 * len(w)


@dataclass
class PeopleScore:
    rows: list = field(default_factory=list)        # (ref row, found: bool, title ok, body ok, level ok, rendered ok)
    cross: list = field(default_factory=list)       # (person_id, source a, source b, same key)
    extra: int = 0                                   # attributions matching no reference row

    def summary(self) -> dict[str, str]:
        n = len(self.rows)

        def frac(i):
            return f"{sum(1 for r in self.rows if r[i])}/{n}"
        whole = sum(1 for r in self.rows if r[1] and r[2] and r[3])
        return {"officials found": frac(1), "right title": frac(2), "right body": frac(3),
                "person, title and body": f"{whole}/{n}", "real level": frac(4), "rendered level": frac(5),
                "cross-script pairs with one key": f"{sum(1 for c in self.cross if c[3])}/{len(self.cross)}",
                "attributions not in the reference": str(self.extra)}


def _surface_hit(got: str, want: str) -> bool:
    g, w = unicodedata.normalize("NFC", str(got)), unicodedata.normalize("NFC", str(want))
    return bool(g) and bool(w) and (g in w or w in g)


def score_people_folder(folder: str | Path, attributions: pd.DataFrame | None = None) -> tuple[PeopleScore, pd.DataFrame]:
    """Run attribution on the folder's articles (unless `attributions` is given) and score it."""
    folder = Path(folder)
    ref = yaml.safe_load((folder / "reference.yaml").read_text(encoding="utf-8"))
    persons = {p["person_id"]: p for p in ref["persons"]}
    if attributions is None:
        from .people.attribution import extract_attributions

        files = sorted(folder.glob("*.txt"))
        articles = pd.DataFrame([{"source_id": p.stem, "lang": p.stem.rsplit("_", 1)[-1],
                                  "text": p.read_text(encoding="utf-8")} for p in files])
        attributions = extract_attributions(articles)
    got = attributions[attributions.get("role_from", pd.Series("", index=attributions.index)) != "same article"]
    score = PeopleScore()
    used: set = set()
    key_of: dict[tuple[str, str], str] = {}
    for r in ref["people"]:
        canon = plain(persons.get(r["person_id"], {}).get("name", ""))
        cand = got[got["source_id"] == r["source_id"]]
        hit = cand[[_surface_hit(s, r["person_surface"]) or plain(p) == canon
                    for s, p in zip(cand["person_surface"], cand["person"])]]
        if hit.empty:
            score.rows.append((r, False, False, False, False, False))
            continue
        h = hit.iloc[0]
        used.update(hit.index)
        key = h.get("person_key") if isinstance(h.get("person_key"), str) else h["person"]
        key_of[(r["person_id"], r["source_id"])] = plain(key)
        title_ok = isinstance(h["title"], str) and plain(h["title"]) == plain(r["title"])
        body_ok = same_body(h["organisation"], r.get("organisation"))
        level_ok = h.get("org_level") == r.get("org_level")
        rend = h.get("rendered_level") if isinstance(h.get("rendered_level"), str) else None
        want_rend = r.get("rendered_level")
        rend_ok = rend == want_rend or (rend == "local" and want_rend == "local")
        score.rows.append((r, True, title_ok, body_ok, level_ok, rend_ok))
    by_person: dict[str, list] = {}
    for r in ref["people"]:
        by_person.setdefault(r["person_id"], []).append(r)
    for pid, rows in by_person.items():
        for a, b in combinations(rows, 2):
            if a["script"] == b["script"]:
                continue
            ka, kb = key_of.get((pid, a["source_id"])), key_of.get((pid, b["source_id"]))
            score.cross.append((pid, a["source_id"], b["source_id"], ka is not None and ka == kb))
    sources = {r["source_id"] for r in ref["people"]}
    score.extra = int(sum(1 for i, s in zip(got.index, got["source_id"]) if s in sources and i not in used))
    return score, attributions
