"""Names written against their title, with no comma or honorific between, in scripts without
capitals: Japanese katakana names before the title ("グエン・マイン・フン情報通信大臣", "人民委員会の
ドゥオン・アン・ドゥック副委員長"), Korean names before the body and title ("응우옌 마잉 훙 정보통신부
장관은") or after it ("정보통신부장인 응우옌 트롱 훙 씨는"), Chinese names after the title ("越南信息传媒部
部长阮孟雄在"). Which side a language puts the name on, and the words that end a name, come from the
lexicon (`attribution.adjacent_names`, `name_stops`, `particles`); the body is the run of the
same script between name and title (head-final: its type word last)."""
from __future__ import annotations

import re

from .registry import Registry
from .roles import Match, Terms

KANA = "\u30a0-\u30ff\u31f0-\u31ff"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
HANGUL = "\uac00-\ud7a3"
#: A katakana name has at least two parts joined by a middle dot (single katakana words are loanwords).
KANA_NAME = re.compile(rf"[{KANA}]+(?:[・･·][{KANA}]+)+$")
#: A name transliterated into Han characters with a middle dot ("基斯·范巴尔").
HAN_DOTTED = re.compile(rf"[{HAN}]{{1,5}}(?:[·・][{HAN}]{{1,6}})+")


def adjacent_person(text: str, s0: int, s1: int, t: Match, terms: Terms, reg: Registry
                    ) -> tuple[Match | None, tuple[int, int] | None]:
    """The name written against title `t` and the span of the body between them, per the
    lexicon's side: (None, None) when the language has no such rule or no name is there."""
    side = terms.adjacent
    if not side:
        return None, None
    if side in ("before", "both"):
        found = _before(text, s0, t, terms, reg)
        if found[0] is not None:
            return found
    if side in ("after", "both"):
        return _after(text, s1, t, terms, reg)
    return None, None


def _before(text: str, s0: int, t: Match, terms: Terms, reg: Registry):
    j = t.start
    if re.match(rf"[{KANA}]", text[j - 1:j] or " "):  # ja: "…のドー・フイ副委員長"
        return _kana_name(text, s0, j, j)
    k = j
    while k > s0 and re.match(rf"[{HAN}]", text[k - 1]):
        k -= 1
    if k < j and re.match(rf"[{KANA}]", text[k - 1:k] or " "):  # ja: name, then the body fused with the title
        name, _ = _kana_name(text, s0, k, k)
        if name is not None:
            return name, (k, j)
    if not re.search(rf"[{HANGUL}]", text[max(s0, j - 40):j]) or re.match(rf"[{HANGUL}]", text[j - 1:j] or " "):
        return None, None  # ko: a title inside a word ("정보통신부장인") has its name after it
    # ko: words before the title; the body's words (ending in a body type, or places) sit next to it
    words = [(m.start(), m.end()) for m in re.finditer(rf"[{HANGUL}]+", text[s0:j])]
    words = [(a + s0, b + s0) for a, b in words]
    body: list[tuple[int, int]] = []
    i = len(words) - 1
    while i >= 0 and _is_body_word(text[words[i][0]:words[i][1]], terms, reg) and _gap_ok(text, words[i][1],
                                                                                          body[0][0] if body else j):
        body.insert(0, words[i])
        i -= 1
    name: list[tuple[int, int]] = []
    end = body[0][0] if body else j
    while i >= 0 and len(name) < 4 and _gap_ok(text, words[i][1], name[0][0] if name else end):
        w = text[words[i][0]:words[i][1]]
        if (_is_body_word(w, terms, reg) or any(w.endswith(p) for p in terms.particles) or terms.find("titles", w)
                or w in terms.not_names or re.match(r"\d", text[words[i][0] - 1:words[i][0]] or " ")):
            break
        name.insert(0, words[i])
        i -= 1
    if not name or sum(b - a for a, b in name) < 2:
        return None, None
    a, b = name[0][0], name[-1][1]
    return Match(a, b, text[a:b], a), ((body[0][0], body[-1][1]) if body else None)


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Words of one phrase: a space, or a gloss in brackets ("쩐 홍 하(Tran Hong Ha·60) 자원환경부")."""
    return re.fullmatch(r" ?(?:\([^()]{1,40}\))? ?", text[a:b]) is not None


def _is_body_word(word: str, terms: Terms, reg: Registry) -> bool:
    return bool(reg.find_places(word)) or any(word.endswith(o) for o in terms.org_types) or any(
        word.endswith(g) for g in terms.geo)


def _kana_name(text: str, s0: int, end: int, body_end: int):
    a = end
    while a > s0 and re.match(rf"[{KANA}・･·]", text[a - 1]):
        a -= 1
    if not KANA_NAME.match(text[a:end]):
        return None, None
    name = Match(a, end, text[a:end], a)
    if text[a - 1:a] == "の":  # "ホーチミン市人民委員会のドゥオン・アン・ドゥック副委員長"
        b = a - 1
        c = b
        while c > s0 and not re.match(r"[\s、。，,()（）「」:：]", text[c - 1]) and text[c - 1] != "の":
            c -= 1
        if c < b:
            return name, (c, b)
    return name, None


def _after(text: str, s1: int, t: Match, terms: Terms, reg: Registry):
    pos = t.end
    if text.startswith("の", pos):  # ja: "副所長のグエン・フー・ティエン氏"
        m = re.match(rf"[{KANA}]+(?:[・･·][{KANA}]+)+", text[pos + 1:s1])
        if m:
            a = pos + 1
            return Match(a, a + m.end(), m.group(0), a), None
    for p in sorted(terms.particles, key=len, reverse=True):  # ko: "부장인 응우옌 …"
        if text.startswith(p, pos):
            pos += len(p)
            break
    while pos < s1 and text[pos] == " ":
        pos += 1
    m = HAN_DOTTED.match(text, pos, s1)
    if m:
        return Match(m.start(), m.end(), m.group(0), m.start()), _han_body(text, t)
    if re.match(rf"[{HAN}]", text[pos:pos + 1]):
        b = pos
        while b < s1 and b - pos < 3 and re.match(rf"[{HAN}]", text[b]) and not any(
                text.startswith(w, b) for w in terms.name_stops):
            b += 1
        if b - pos >= 2:
            return Match(pos, b, text[pos:b], pos), _han_body(text, t)
        return None, None
    words = []
    i = pos
    for m in re.finditer(rf"[{HANGUL}]+", text[pos:s1]):
        if text[i:pos + m.start()].strip() or len(words) == 4:
            break
        w = m.group(0)
        honorific = next((h for h in terms.honorifics if w == h or w.startswith(h)), None)
        if honorific:
            break
        words.append((pos + m.start(), pos + m.end()))
        i = pos + m.end()
    if words and i < s1 and any(text.startswith(h, i + 1) or text.startswith(h, i) for h in terms.honorifics):
        a, b = words[0][0], words[-1][1]
        return Match(a, b, text[a:b], a), None
    return None, None


def _han_body(text: str, t: Match) -> tuple[int, int] | None:
    """zh: the Han run before the title, cut after the last word that ends a clause ("的", "有")."""
    a = t.start
    while a > 0 and re.match(rf"[{HAN}]", text[a - 1]):
        a -= 1
    run = text[a:t.start]
    cut = max((run.rfind(w) + len(w) for w in ("的", "有", "在", "时", "及", "、") if w in run), default=0)
    a += cut
    return (a, t.start) if a < t.start else None
