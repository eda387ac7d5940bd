"""Link figure mentions across sources by evidence, registered indicator or not.

Candidate pairs come from blocking, so the cost stays near-linear: different sources, the same unit
and overlapping rounding-aware value intervals for values of three significant digits or more;
every pair of one unit whose values overlap or whose concepts meet inside two articles that
co-report a story (this is where common values such as 20% and conflicts are compared). Each pair gets a
match weight in the manner of Fellegi-Sunter record linkage: a sum of log-odds-like weights, one per
piece of evidence, each kept as a reason in the links table:

==============  ==========================================================================
value           equal: +log2(N / n) capped at 8 (a seven-digit amount is near-unique, 20% is
                common; n = mentions in the corpus with that value); rounded: half of it;
                different: 1 - 2 log2(ratio), from +1 down to -3 (4 times apart); a power of ten or
                100 points apart +3 (a scale slip, another base)
period          same year +1.5; one missing -0.5; different years read in the figure's own
                sentence -5 (strong, not a veto: a base year is sometimes read as the period);
                otherwise (a year from a comparison or the context) -2; a one-digit value
                given for two years in the figures' own sentences: no link
indicator       both registered and equal +4; different -3 when the values are equal and rare, else no link
concepts        Jaccard of the concept sets (``concepts.yaml``, any language) x 4; none shared -3
label           Jaccard of the words around the figures (same language) x 3
entity          same +1; different -1.5 (entities are read less reliably than values)
counted         counts of different nouns in one language ("3 fields" vs "3 axes") -3
published       two undated figures published more than 180 days apart -3
kind            a target vs an actual: -4 when the values are equal, specific and not for two
                different years, else no link (and no chain through other mentions); a target vs
                an unmarked figure or an estimate: -1
story           the two articles share k other specific values: +min(3, k) (co-reporting)
==============  ==========================================================================

Weights are set by hand from the dev cluster set (documented here and in the book's methods page);
agreement is accepted at `AGREE_AT`, a conflict (same concept, period and unit, different value,
inside a co-reported story, values apart by a power of ten +3) at `CONFLICT_AT`, when the two are for
one year and share a concept beyond the `generic` ones (growth, target), the same indicator, words
(`CONFLICT_WORDS`, one language) or a value relation (a power of ten, 100 points).
"""
from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd

from ..datafiles import ConceptsFile, read_data_file
from ..resources import Resources, as_resources
from ..schemas import is_missing as _missing
from ..people.registry import load_registry
from ..text.match import bounded, literal
from .reconcile import fact_key, hundred_apart, interval, power_of_ten_apart

AGREE_AT = 5.0
BUCKET_CAP = 64             # a value bucket larger than this compares equal values only
CONFLICT_AT = 4.0            # swept 5.5 -> 3.5 on the nine cluster sets: conflicts 94 -> 104 of 195 at 4.0, merges unchanged
FAR_WEIGHT = 3.0            # different values: 1 - 2 log2(ratio), +1 when equal to -3 when 4 times apart
CONFLICT_WORDS = 0.3
_LOCAL = {"provincial", "municipal", "district"}        # label-word overlap (one language) that names one subject without a specific concept
STORY_MIN_BITS = 3.0        # a story needs at least this many bits of shared values...
STORY_SIZE = 4              # ...and log2(N / STORY_SIZE) + 1 in a corpus of N articles
STORY_DF_CAP = 32           # values held by more articles are not story evidence
EQUAL_DF_CAP = 8            # equal values held by at most this many articles are always compared
DIGIT_BITS = 1.5            # prior evidence per significant digit of a specific shared value
BEFORE, AFTER = 90, 40      # characters of context read for concepts and label words
#: The same window in scripts without spaces, where a character says as much as a word.
BEFORE_DENSE, AFTER_DENSE = 60, 30
NEAR_DIVISOR = 2            # exclusive concepts are read in half the window
LINK_COLUMNS = ["mention_a", "mention_b", "source_a", "source_b", "decision", "score", "value", "period",
                "indicator", "concepts", "label", "entity", "story", "counted", "published", "kind", "reasons"]
_WORD = re.compile(r"[^\W\d_]{2,}")


def load_concepts(resources: Resources | None = None) -> dict[str, dict[str, list[str]]]:
    """``{concept: {lang: [words]}}`` from ``concepts.yaml`` (cached on the `Resources`)."""
    return _concepts_file(resources).get("concepts") or {}


def load_exclusive(resources: Resources | None = None) -> list[tuple[str, str]]:
    """Pairs of concepts one figure cannot be at once (``exclusive`` in ``concepts.yaml``)."""
    return [tuple(p) for p in _concepts_file(resources).get("exclusive") or [] if len(p) == 2]


def load_generic(resources: Resources | None = None) -> frozenset[str]:
    """Concepts that say how a figure is given, not what it measures (``generic`` in ``concepts.yaml``)."""
    return frozenset(_concepts_file(resources).get("generic") or [])


def _concepts_file(resources: Resources | None) -> dict:
    res = as_resources(resources)
    path = res.path("concepts.yaml")
    return res.cached("concepts_file", lambda: read_data_file(path, ConceptsFile) if path.is_file() else {})


def _exclusive(ca: frozenset, cb: frozenset, pairs) -> tuple[str, str] | None:
    """The exclusive pair the two concept sets split ("growth" only on one side, "share_of_gdp"
    only on the other), or None."""
    for x, y in pairs:
        for p, q in ((x, y), (y, x)):
            if p in ca and p not in cb and q in cb and q not in ca:
                return p, q
    return None


def _concept_patterns(concepts: dict, lang: str, spaced: bool, compounds: bool = False) -> list[tuple[str, re.Pattern]]:
    out = []
    for name, by_lang in concepts.items():
        words = sorted({str(w) for w in by_lang.get(lang, [])}, key=len, reverse=True)
        if words:
            body = "|".join(literal(w) for w in words)
            if compounds:  # German "Internetnutzer", "Onlinehandel": the concept ends a compound
                body = rf"(?:{body})(?!\w)"
            elif spaced:
                body = bounded(body)
            out.append((name, re.compile(body, re.IGNORECASE)))
    return out


def describe_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, resources: Resources | None = None) -> pd.DataFrame:
    """Per mention: the concept set and the label words around it (the evidence `link` compares),
    and the concepts read in a window `NEAR_DIVISOR` times narrower (``near_concepts``: which of
    two exclusive measures a figure is)."""
    from ..text.lexicon import load_lexicon

    concepts = load_concepts(resources)
    texts = dict(zip(articles["source_id"], articles["text"]))
    cache: dict[str, list] = {}
    rows = []
    for m in mentions.itertuples():
        text = texts.get(m.source_id, "")
        if m.lang not in cache:
            try:
                lex = load_lexicon(m.lang, resources)
                spaced, compounds = lex.spaces, bool(lex.data.get("compounds"))
            except ValueError:
                spaced, compounds = True, False
            cache[m.lang] = (_concept_patterns(concepts, m.lang, spaced, compounds), spaced)
        pats, spaced = cache[m.lang]
        before, after = (BEFORE, AFTER) if spaced else (BEFORE_DENSE, AFTER_DENSE)
        lo = max(int(m.sentence_start), int(m.start) - before)
        hi = min(int(m.sentence_end), int(m.end) + after)
        window = text[lo:int(m.start)] + " " + text[int(m.end):hi]
        found = frozenset(name for name, pat in pats if pat.search(window))
        nlo = max(int(m.sentence_start), int(m.start) - before // NEAR_DIVISOR)
        nhi = min(int(m.sentence_end), int(m.end) + after // NEAR_DIVISOR)
        near_window = text[nlo:int(m.start)] + " " + text[int(m.end):nhi]
        near = frozenset(name for name, pat in pats if name in found and pat.search(near_window))
        if spaced:
            words = frozenset(w.lower() for w in _WORD.findall(window))
        else:
            chars = re.sub(r"[\W\d_]", "", window)
            words = frozenset(chars[i:i + 2] for i in range(len(chars) - 1))
        rows.append((found, words, near))
    return pd.DataFrame(rows, columns=["concepts", "label_words", "near_concepts"], index=mentions.index)


def _by_key(members: list[int], m: pd.DataFrame) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i in members:
        out[_value_key(float(m.at[i, "value"]))].append(i)
    return out


def _significant(number_text) -> str:
    """The digits of a number as written, without leading and trailing zeros ("20.000" -> "2")."""
    return re.sub(r"\D", "", str(number_text)).strip("0")


def _specific(number_text) -> bool:
    """A value that tells one story from another: three significant digits or more ("14,02",
    "36.571", "147.8"), or two that are not a round 10, 15, 20 ("82", "19")."""
    digits = _significant(number_text)
    return len(digits) >= 3 or (len(digits) == 2 and digits[-1] not in "05")


def _days_apart(a, b) -> int | None:
    """Days between two publication dates (YYYY[-MM[-DD]]); None unless both give a month."""
    import datetime as dt

    def parse(v):
        m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(v)) if isinstance(v, str) else None
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 15)) if m else None
    da, db = parse(a), parse(b)
    return abs((da - db).days) if da and db else None


#: Label-word overlap two equal figures of one article need to be joined into one fact by links
#: through other articles (None: no such test): "3 phases" and "3 fabs" of one strategy are two
#: facts. Measured on the cluster sets: 6 fewer wrong merges of 20, 7 fewer agreements of ~1,500.
SAME_SOURCE_WORDS: float | None = 0.08
PERIOD_VETO_DIGITS = 1          # a value of this many significant digits given for two years is two facts


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# vetoes that also keep the two mentions out of one fact by any chain of other links
_VETO_TARGET, _VETO_INDICATORS = "target vs level", "different registered indicators"
CANNOT_LINK = (_VETO_TARGET, _VETO_INDICATORS)
_EXCLUSIVE = ": measures one figure cannot be at once"


_KIND_CLASH = "target vs level -4"   # an explicit target against an explicit actual: never one fact


def _cannot_link(links: pd.DataFrame) -> pd.Series:
    """Rows whose two mentions no chain of other links may join: a veto that says so, or a rejected
    target against an actual (an unmarked figure between them must not bridge the two)."""
    reasons = links["reasons"]
    return reasons.isin(CANNOT_LINK) | reasons.str.endswith(_EXCLUSIVE, na=False) | \
        ((links["decision"] == "rejected") & (links["kind"] == _KIND_CLASH))


_REASON_KEYS = ("value", "period", "indicator", "concepts", "label", "entity", "story", "counted", "published", "kind")


def _intern(text: str | None) -> str | None:
    return sys.intern(text) if isinstance(text, str) else text


def _value_key(value: float) -> str:
    return f"{value:.4g}"


def link(mentions: pd.DataFrame, articles: pd.DataFrame, resources: Resources | None = None,
         tolerance: float = 0.005, described: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per compared pair of mentions (`LINK_COLUMNS`): both ids, decision (`agree`,
    `agree_rounded`, `conflict` or `rejected`), the score and each reason."""
    m = mentions.reset_index(drop=True)
    if m.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    if "duplicate_of" in m.columns:  # copies of one text are one source: never compared with each other
        origin = [d if isinstance(d, str) else s for d, s in zip(m["duplicate_of"], m["source_id"])]
    else:
        origin = list(m["source_id"])
    desc = described.reset_index(drop=True) if described is not None else describe_mentions(m, articles, resources)
    exclusive = load_exclusive(resources)
    generic = load_generic(resources)
    level_of = {p.get("name"): p.get("level") for p in load_registry(resources).places}
    n = len(m)
    vkey = [(u, _value_key(v)) for u, v in zip(m["unit"], m["value"])]  # (unit, value to 4 digits)
    freq = Counter(vkey)
    ivals = [interval(float(v), t, b if isinstance(b, str) else None, tolerance)
             for v, t, b in zip(m["value"], m["number_text"], m["bound"])]
    n_sources = m["source_id"].nunique()
    sources_of: dict[tuple, set] = defaultdict(set)
    for key, sid in zip(vkey, m["source_id"]):
        sources_of[key].add(sid)
    sig = [_significant(t) or _significant(f"{float(v):.12g}".split("e")[0])  # spelled numbers: the value's digits
           for t, v in zip(m["number_text"], m["value"])]
    specific = [_specific(d) and len(sources_of[key]) <= max(6, n_sources // 5) for d, key in zip(sig, vkey)]
    # story co-reporting: two articles report one story when the values they share are, together,
    # unlikely to be shared by chance. A value held by df of N articles is shared by a random
    # article with probability ~df/N, so sharing it is log2(N/df) bits of evidence (20% in a large
    # archive is little, a seven-digit amount a lot); the prior odds that two articles co-report
    # are ~STORY_SIZE/N, so a story needs at least log2(N/STORY_SIZE) + 1 bits (`story_need`).
    n_origins = len(set(origin))
    keys_of: dict[str, set] = defaultdict(set)
    for i in range(n):
        keys_of[origin[i]].add(vkey[i])
    holders: dict[tuple, list] = defaultdict(list)
    for o, ks in keys_of.items():
        for key in ks:
            holders[key].append(o)
    digits_of = {}
    for key, d in zip(vkey, sig):
        digits_of[key] = len(d) if _specific(d) else 0
    # plus DIGIT_BITS per significant digit after the first of a specific value: in a small corpus
    # frequencies cannot tell "82" or "36571" (rare anywhere) from "20" or "30.000"
    bits_of = {key: math.log2(n_origins / len(h)) + DIGIT_BITS * max(0, digits_of[key] - 1)
               for key, h in holders.items()}
    story_need = max(STORY_MIN_BITS, math.log2(max(n_origins, 1) / STORY_SIZE) + 1)
    shared: Counter = Counter()
    bits: Counter = Counter()
    for key, h in holders.items():
        # a value held by more than STORY_DF_CAP articles is common (a story is rarely reported more
        # often); leaving it out keeps the pair count bounded: at most STORY_DF_CAP^2 / 2 per value
        if 2 <= len(h) <= STORY_DF_CAP:
            for a, b in combinations(sorted(h), 2):
                shared[(a, b)] += 1
                bits[(a, b)] += bits_of[key]

    def story(a: str, b: str, own: tuple | None) -> tuple[int, float]:
        """Other values two articles share and their bits, the compared pair's own value left out."""
        pair = (a, b) if a < b else (b, a)
        k, got = shared[pair], bits[pair]
        if own is not None and k and a != b and own in keys_of[a] and own in keys_of[b] and \
                2 <= len(holders[own]) <= STORY_DF_CAP:
            k, got = k - 1, got - bits_of[own]
        return k, got

    pairs: set[tuple[int, int]] = set()
    # blocking 1: values of three significant digits or more, of one unit, in one bucket of two
    # significant digits (3.7 and 3.74, 19.76 and 20 share one), whose intervals overlap; in a
    # crowded bucket only equal values, and only values fewer than BUCKET_CAP sources report
    rare = [specific[i] and len(sig[i]) >= 3 for i in range(n)]
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        if rare[i]:
            buckets[(m.at[i, "unit"], f"{float(m.at[i, 'value']):.2g}")].append(i)
    for members in buckets.values():
        groups = [members] if len(members) <= BUCKET_CAP else \
            [g for g in _by_key(members, m).values() if len(g) <= BUCKET_CAP]
        for group in groups:
            order = sorted(group, key=lambda i: ivals[i][0])
            active: list[int] = []
            for i in order:
                active = [j for j in active if ivals[j][1] >= ivals[i][0]]
                for j in active:
                    if origin[i] != origin[j]:
                        pairs.add((min(i, j), max(i, j)))
                active.append(i)
    # blocking 1b: an equal value held by few articles, whatever its digits ("39 billion USD" or
    # "20,000 stations" in five articles of one story, each too short to share two values)
    by_vkey: dict[tuple, list[int]] = defaultdict(list)
    for i in range(n):
        by_vkey[vkey[i]].append(i)
    for key, h in holders.items():
        if 2 <= len(h) <= EQUAL_DF_CAP:
            for i, j in combinations(by_vkey[key], 2):
                if origin[i] != origin[j]:
                    pairs.add((min(i, j), max(i, j)))
    # blocking 2: inside two articles that co-report a story, every pair of one unit whose values
    # overlap, are apart by a power of ten (a scale slip) or whose concepts meet (common values
    # such as 20% and conflicts are compared only here)
    story_pairs = {k for k, v in bits.items() if v >= story_need}
    unit_of, concept_list = list(m["unit"]), list(desc["concepts"])
    values_of = [abs(float(v)) for v in m["value"]]
    if story_pairs:
        by_src = pd.Series(range(n)).groupby(pd.Series(origin)).groups
        for a, b in story_pairs:
            for i in by_src.get(a, []):
                for j in by_src.get(b, []):
                    if unit_of[i] != unit_of[j]:
                        continue
                    if (ivals[i][0] <= ivals[j][1] and ivals[j][0] <= ivals[i][1]) or \
                            _jaccard(concept_list[i], concept_list[j]) > 0 or \
                            power_of_ten_apart(values_of[i], values_of[j]) or \
                            (unit_of[i] == "percent" and hundred_apart(values_of[i], values_of[j])):
                        pairs.add((min(i, j), max(i, j)))

    rows = []
    records = m.to_dict("records")
    concepts_of, words_of = list(desc["concepts"]), list(desc["label_words"])
    near_of = list(desc["near_concepts"])
    ids = list(m["mention_id"])
    pairs = {(i, j) if ids[i] < ids[j] else (j, i) for i, j in pairs}  # a before b by id: order-free
    for i, j in sorted(pairs, key=lambda p: (ids[p[0]], ids[p[1]])):
        a, b = records[i], records[j]
        reasons, score, veto = {}, 0.0, None
        lo, hi = max(ivals[i][0], ivals[j][0]), min(ivals[i][1], ivals[j][1])
        same = abs(a["value"] - b["value"]) <= 1e-9 * max(abs(a["value"]), abs(b["value"]), 1.0)
        related = False  # values in a known relation: a power of ten or 100 points apart
        overlap = lo <= hi
        w_value = min(8.0, math.log2(n / freq[vkey[i]]) + 1.0)
        if same:
            reasons["value"] = f"equal +{w_value:.1f}"
            score += w_value
        elif overlap:
            reasons["value"] = f"equal after rounding +{w_value / 2:.1f}"
            score += w_value / 2
        else:
            p10 = power_of_ten_apart(abs(a["value"]), abs(b["value"]))
            related = bool(p10) or (a["unit"] == "percent" and hundred_apart(float(a["value"]), float(b["value"])))
            if a["unit"] == "percent" and hundred_apart(float(a["value"]), float(b["value"])):
                reasons["value"] = "100 points apart (x% above vs 100+x% of a base?) +3"
                score += 3
            elif p10:
                reasons["value"] = f"apart by exactly 10^{p10} (a scale slip?) +3"
                score += 3
            else:
                # a misprint or a revised figure stays near the value (321.7 vs 312.7); a value many
                # times another with no scale word between them is another quantity
                lo_v, hi_v = sorted((abs(float(a["value"])), abs(float(b["value"]))))
                ratio = hi_v / lo_v if lo_v else math.inf
                w_apart = max(-FAR_WEIGHT, 1.0 - 2.0 * math.log2(ratio)) if math.isfinite(ratio) else -FAR_WEIGHT
                reasons["value"] = f"different, {ratio:.2f} times apart {w_apart:+.1f}"
                score += w_apart
        pa, pb = a["period"], b["period"]
        if not _missing(pa) and not _missing(pb):
            if int(pa) == int(pb):
                reasons["period"] = "same +1.5"
                score += 1.5
            elif a.get("period_source") == b.get("period_source") == "sentence":
                reasons["period"] = f"{int(pa)} vs {int(pb)} -5"  # strong, not a veto: years are misread too
                score -= 5
                if min(len(sig[i]), len(sig[j])) <= PERIOD_VETO_DIGITS:
                    veto = veto or "a round value given for two different years"  # 100% by 2025, 100% by 2030
            else:  # a year read from a comparison ("vs 2022") or the context is weak evidence
                reasons["period"] = f"{int(pa)} vs {int(pb)} (one read from context or a comparison) -2"
                score -= 2
        else:
            reasons["period"] = "one missing -0.5" if (_missing(pa) != _missing(pb)) else "both missing"
            score -= 0.5 if _missing(pa) != _missing(pb) else 0.0
        ia, ib = a.get("indicator"), b.get("indicator")
        if isinstance(ia, str) and isinstance(ib, str):
            if ia == ib:
                reasons["indicator"] = "same +4"
                score += 4
            elif same and w_value >= 6:  # label patterns differ by language; a rare equal value outweighs them
                reasons["indicator"] = f"{ia} vs {ib} -3"
                score -= 3
            else:
                reasons["indicator"] = f"{ia} vs {ib}"
                veto = veto or _VETO_INDICATORS
        else:
            reasons["indicator"] = "not both registered"
        ca, cb = concepts_of[i], concepts_of[j]
        # both name what they measure beyond the generic concepts, and nothing of it is shared
        subject_clash = bool(ca - generic) and bool(cb - generic) and not (ca & cb) - generic
        if ca and cb:
            jac = 0.0 if subject_clash else _jaccard(ca, cb)  # growth of profit is not growth of revenue
            reasons["concepts"] = f"{'+'.join(sorted(ca))} vs {'+'.join(sorted(cb))}: " + \
                (f"+{4 * jac:.1f}" if jac else "none shared -3")
            score += 4 * jac if jac else -3
        else:
            reasons["concepts"] = "unknown"
        if a["lang"] == b["lang"]:
            jac = _jaccard(words_of[i], words_of[j])
            reasons["label"] = f"word overlap {jac:.2f} +{3 * jac:.1f}"
            score += 3 * jac
        else:
            reasons["label"] = "different languages (concepts compared instead)"
        if _missing(pa) and _missing(pb):
            days = _days_apart(a.get("published"), b.get("published"))
            if days is not None and days > 180:
                reasons["published"] = f"undated figures published {days} days apart -3"
                score -= 3
                if not specific[i] or not specific[j]:  # "about 6,000 engineers" now and 8 months ago: two states
                    veto = veto or "undated round figures published more than 180 days apart"
        ea, eb = a.get("entity"), b.get("entity")
        if isinstance(ea, str) and isinstance(eb, str):
            if ea == eb:
                reasons["entity"] = "same +1"
                score += 1
            elif {level_of.get(ea), level_of.get(eb)} & {"national"} and {level_of.get(ea), level_of.get(eb)} & _LOCAL:
                # a plant in Bac Ninh is also Vietnam's: one side names the country, the other a place in it
                reasons["entity"] = f"{ea} vs {eb} (the country and a place in it) -0.5"
                score -= 0.5
            else:
                reasons["entity"] = f"{ea} vs {eb} -1.5"
                score -= 1.5
        else:
            reasons["entity"] = "unknown"
        na_, nb_ = a.get("counted"), b.get("counted")
        if a["lang"] == b["lang"] and isinstance(na_, str) and isinstance(nb_, str) and na_.lower() != nb_.lower():
            reasons["counted"] = f"counts of {na_} vs {nb_} -3"
            score -= 3
        k, k_bits = story(origin[i], origin[j], vkey[i] if same else None)
        co_reported = k_bits >= story_need
        # enough to link on: the same registered indicator, a shared concept, or an equal value in
        # two articles that co-report a story where the concepts of one side are unknown
        evidence = (isinstance(ia, str) and ia == ib) or (bool(ca & cb) and not subject_clash) or \
            (same and co_reported and not (ca and cb))
        if not evidence and not (w_value >= 6 and len(re.sub(r"\D", "", str(a["number_text"]))) >= 3):
            veto = veto or "no shared concept or indicator, and the value is too common to link on"
        # which of two exclusive measures a figure is, is read close to it: a "share" half a
        # sentence away belongs to another figure
        split = _exclusive(near_of[i], near_of[j], exclusive) if near_of[i] and near_of[j] else None
        if split and not (isinstance(ia, str) and ia == ib):
            veto = veto or f"{split[0]} vs {split[1]}{_EXCLUSIVE}"
        if not same and overlap and ca and cb and _jaccard(ca, cb) <= 0.25 and not (isinstance(ia, str) and ia == ib):
            # "20.3% of GDP" is not "about 20% of exports": a rounding needs most concepts shared
            veto = veto or "rounded values whose concepts differ"
        ka = "target" if a["qualifier"] == "target" else "level"
        kb = "target" if b["qualifier"] == "target" else "level"
        other = b["qualifier"] if ka == "target" else a["qualifier"]
        if ka != kb and other != "actual" and (_missing(pa) or _missing(pb) or int(pa) == int(pb) or
                                               "sentence" != a.get("period_source") or "sentence" != b.get("period_source")):
            # a target against an unmarked figure or an estimate: wording that did not say "reached"
            # is no evidence of a level ("10 plants by 2030" in a strategy is its target)
            reasons["kind"] = f"target vs {other if isinstance(other, str) else 'unmarked'} -1"
            score -= 1
        elif ka != kb:
            if same and specific[i] and (_missing(pa) or _missing(pb) or int(pa) == int(pb)):
                # qualifier cues are read less reliably than a specific equal value for the same year
                reasons["kind"] = _KIND_CLASH
                score -= 4
            else:
                veto = veto or _VETO_TARGET
        bonus = min(3, k) if co_reported else 0
        reasons["story"] = f"{k} other shared values, {k_bits:.1f} of {story_need:.1f} bits +{bonus}"
        score += bonus
        if veto:
            decision = "rejected"
        elif (same or overlap) and score >= AGREE_AT:
            decision = "agree" if same else "agree_rounded"
        elif not (same or overlap) and co_reported and _jaccard(ca, cb) >= 0.34 and score >= CONFLICT_AT and \
                (_missing(pa) or _missing(pb) or int(pa) == int(pb)) and (  # two years, two values: a series
                (ca & cb) - generic or (isinstance(ia, str) and ia == ib) or related or
                (a["lang"] == b["lang"] and _jaccard(words_of[i], words_of[j]) >= CONFLICT_WORDS)):
            decision = "conflict"
        else:
            decision = "rejected"
        # one tuple per pair, its repeated texts shared (interned): at 20,000 articles the table
        # has millions of rows and dicts of fresh strings were most of the memory
        rows.append((a["mention_id"], b["mention_id"], a["source_id"], b["source_id"], decision, round(score, 2),
                     *(_intern(reasons.get(k2)) for k2 in _REASON_KEYS),
                     _intern(veto) if veto else "; ".join(f"{k2}: {v}" for k2, v in reasons.items())))
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def link_keys(mentions: pd.DataFrame, links: pd.DataFrame, articles: pd.DataFrame,
              resources: Resources | None = None, described: pd.DataFrame | None = None) -> pd.Series:
    """A fact key per mention from the accepted links (None where the registered-indicator key
    stands): connected mentions share one key; a component never holds two different values of one
    source, nor two figures of one sentence. Unregistered facts are keyed by their concepts, entity, period, kind and unit."""
    m = mentions
    pos = {mid: i for i, mid in enumerate(m["mention_id"])}
    parent = list(range(len(m)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[int, list[int]] = {i: [i] for i in range(len(m))}
    # agreements first, then conflicts, each by score: a conflict joins two groups only when the
    # agreements leave room (one value per source), so a wrong conflict cannot block a true agreement
    acc = links[links["decision"] != "rejected"].assign(_conflict=lambda d: d["decision"] == "conflict") \
        .sort_values(["_conflict", "score", "mention_a", "mention_b"], ascending=[True, False, True, True])
    values = list(m["value"])
    sources = list(m["source_id"])
    sentences = list(zip(m["source_id"], m["sentence_start"]))
    vetoed = links[_cannot_link(links)]
    cannot_of: dict[int, set] = defaultdict(set)
    for a, b in zip(vetoed["mention_a"], vetoed["mention_b"]):
        if a in pos and b in pos:
            cannot_of[pos[a]].add(pos[b])
            cannot_of[pos[b]].add(pos[a])
    # per component, kept up to date as the smaller one joins the larger (so the whole pass is
    # O(n log n)): its sentences, its members per source (all of one value, so the first gives the
    # source's value), and the mentions it must not hold
    desc = described.reset_index(drop=True) if described is not None else describe_mentions(m, articles, resources)
    words_of = list(desc["label_words"])
    vkeys = [_value_key(v) for v in values]
    comp_sentences: dict[int, set] = {i: {sentences[i]} for i in range(len(m))}
    comp_by_source: dict[int, dict] = {i: {sources[i]: [i]} for i in range(len(m))}
    comp_cannot: dict[int, set] = {i: set(cannot_of[i]) for i in cannot_of}
    counted_of = [c.lower() if isinstance(c, str) else None for c in m["counted"]]
    generic = load_generic(resources)
    concepts_of = [c - generic for c in desc["concepts"]]  # "growth of profit" and "growth of revenue" differ

    def _unlike(x: int, y: int) -> bool:
        """Two mentions of one article that name different counted things or disjoint concepts."""
        if counted_of[x] and counted_of[y] and counted_of[x] != counted_of[y]:
            return True
        return bool(concepts_of[x] and concepts_of[y] and not concepts_of[x] & concepts_of[y])

    for r in acc.itertuples():
        i, j = find(pos[r.mention_a]), find(pos[r.mention_b])
        if i == j:
            continue
        if len(members[i]) < len(members[j]):
            i, j = j, i
        # two figures of one sentence are two facts; one value per source; nor two mentions whose
        # own comparison was vetoed (transitive links must not chain one year's figure to another's)
        big, small = comp_by_source[i], comp_by_source[j]
        shared_src = small.keys() & big.keys()
        # ...unless the link is a scale slip: one article writing "43.1 trillion" and, further on,
        # "431 trillion" for it holds a conflict within that source
        slip = r.decision == "conflict" and str(r.value).startswith("apart by exactly 10^")
        ok = comp_sentences[i].isdisjoint(comp_sentences[j]) and all(
            vkeys[big[src][0]] == vkeys[small[src][0]] or
            (slip and power_of_ten_apart(abs(values[big[src][0]]), abs(values[small[src][0]])))
            for src in shared_src)
        if ok and comp_cannot:
            cannot_i = comp_cannot.get(i)
            ok = not (cannot_i and any(x in cannot_i for x in members[j]))
        if ok and SAME_SOURCE_WORDS is not None:
            for src in shared_src:
                # one article's two equal figures are one fact only when they are said in like words
                # and count the same thing: "three continents" and "three cable routes" are two facts
                if not any(_jaccard(words_of[x], words_of[y]) >= SAME_SOURCE_WORDS for x in big[src] for y in small[src]) \
                        or any(_unlike(x, y) for x in big[src] for y in small[src]):
                    ok = False
                    break
        if not ok:
            continue
        parent[j] = i
        members[i] += members.pop(j)
        comp_sentences[i] |= comp_sentences.pop(j)
        for src, xs in comp_by_source.pop(j).items():
            big.setdefault(src, []).extend(xs)
        if j in comp_cannot:
            comp_cannot.setdefault(i, set()).update(comp_cannot.pop(j))
    keys = [None] * len(m)
    for root, idx in members.items():
        if len(idx) < 2 or len({sources[x] for x in idx}) < 2:
            continue
        rows = m.iloc[idx]
        registered = rows["indicator"].dropna()
        if len(registered):
            # one registered indicator: the whole component takes the most complete key among its
            # registered mentions (a year and a place over unspecified/unknown)
            if registered.nunique() >= 1:
                main = registered.value_counts().sort_index().idxmax()  # the indicator most members have
                reg_rows = rows[rows["indicator"] == main]
                anchor = min((fact_key(r) for _, r in reg_rows.iterrows()),
                             key=lambda k: (("|unspecified|" in k) + ("|unknown|" in k), k))
                for x in idx:
                    keys[x] = anchor
            continue
        ent = rows["entity"].dropna().mode()
        per = rows["period"].dropna()
        kind = "target" if (rows["qualifier"] == "target").any() else "level"
        common = frozenset.intersection(*[desc.iloc[x]["concepts"] or frozenset() for x in idx])
        label = "~" + ("+".join(sorted(common)) if common else "figure")
        key = (f"{label}|{ent.iloc[0] if len(ent) else 'unknown'}|"
               f"{int(per.mode().iloc[0]) if len(per) else 'unspecified'}|{kind}|{rows['unit'].iloc[0]}")
        first = min(m["mention_id"].iloc[x] for x in idx)
        for x in idx:
            keys[x] = f"{key}|{first}" if label.startswith("~") else key
    return pd.Series(keys, index=m.index, dtype=object)
