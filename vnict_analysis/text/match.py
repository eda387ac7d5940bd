"""The one way a word list becomes a regular expression: literal words with a gap for their spaces,
word edges where the script has them, longest first. Every module that looks up words (scale and
currency words, titles, places, people) builds its patterns here."""
from __future__ import annotations

import re
from typing import Iterable

NEVER = r"(?!x)x"  # a pattern that matches nothing (an empty word list)


def literal(word: str, gap: str = r"\s+") -> str:
    """`word` escaped, each space matching `gap` (``\\s+`` by default: line breaks and double
    spaces inside a name; places use ``\\s*`` so "DaNang" is "Da Nang")."""
    return re.escape(word).replace(r"\ ", gap)


def lit(word: str, spaces: bool, lead: bool = True) -> str:
    """A literal word as a regex; word boundaries where the script has them and the word's
    edge is a letter or digit (so "US$" may touch the number that follows it). `lead=False`
    drops the leading boundary, for words matched right after a number ("5juta")."""
    body = literal(word)
    if spaces and lead and word[:1].isalnum():
        body = r"(?<!\w)" + body
    if spaces and word[-1:].isalnum():
        body = body + r"(?!\w)"
    return body


def bounded(body: str) -> str:
    """`body` that neither starts nor ends inside a word."""
    return rf"(?<!\w)(?:{body})(?!\w)"


def first_chars(words: Iterable[str]) -> str:
    """A lookahead for the first letters of `words` (both cases): lets the regex engine skip every
    position where none of them can start, which makes long alternations several times faster."""
    chars = {c for w in words if str(w) for c in (str(w)[0].lower(), str(w)[0].upper())}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" if chars else ""


def alt(words: Iterable[str], spaces: bool, lead: bool = True) -> str:
    """Alternation of literal words, longest first (see :func:`lit`)."""
    ws = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    if not ws:
        return NEVER
    return "(?:" + "|".join(lit(w, spaces, lead) for w in ws) + ")"


_WS = re.compile(r"\s+")


class WordMatcher:
    """Many literal words found in one pass: an Aho-Corasick automaton (pyahocorasick) over the
    words written without their spaces proposes where each may start, and the word's own pattern
    (``literal(word, gap)``, with word edges when `edged(word)`) confirms it on the text as written.
    The result is what one regex alternation of the words, longest first, would find — the longest
    word at each position, left to right, none overlapping — at a cost that does not grow with the
    number of words (a 272-alias alternation scanned every position once per alias)."""

    def __init__(self, words: Iterable[str], gap: str = r"\s+", edged=lambda word: True) -> None:
        import ahocorasick

        self.words = sorted({str(w) for w in words if str(w).strip()}, key=len, reverse=True)
        self._patterns = [re.compile(bounded(literal(w, gap)) if edged(w) else literal(w, gap)) for w in self.words]
        by_key: dict[str, list[int]] = {}
        for rank, w in enumerate(self.words):
            by_key.setdefault(_WS.sub("", w), []).append(rank)
        self._automaton = ahocorasick.Automaton() if by_key else None
        for key, ranks in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(ranks)))
        if self._automaton is not None:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of every word found in `text`, left to right."""
        if self._automaton is None or not text:
            return []
        kept = [i for i, ch in enumerate(text) if not ch.isspace()]  # str.isspace is re's \s
        squeezed = "".join(text[i] for i in kept)
        starts: dict[int, list[int]] = {}
        for end, (n, ranks) in self._automaton.iter(squeezed):
            starts.setdefault(kept[end - n + 1], []).extend(ranks)
        out: list[tuple[int, int, str]] = []
        pos = 0
        for start in sorted(starts):
            if start < pos:
                continue
            for rank in sorted(starts[start]):
                m = self._patterns[rank].match(text, start)
                if m and m.end() > start:
                    out.append((start, m.end(), self.words[rank]))
                    pos = m.end()
                    break
        return out
