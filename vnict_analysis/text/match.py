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
