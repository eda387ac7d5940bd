"""Split an article into boilerplate, paragraphs, sentences and clauses, keeping raw offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import Lexicon

_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENT_END = re.compile(r"[.!?…。！？](?=[\"'”’)\]]*\s)")
_CJK_SENT_END = re.compile(r"[。！？]")
_CLAUSE = re.compile(r"[;、，；：,:]")  # parentheses are asides: a clause runs on through them
_NEXT_CHAR = re.compile(r"\s*(\S)")
_BREAK = re.compile(r"[;、，；：,:\s]")
# A "sentence" longer than this is cut (at its last clause mark or space before the limit) into
# pieces of at most this many characters: the longest sentence in the 285 real fixture articles is 1,612
# characters, while a machine-made line of figures can run to megabytes, and every mention's row
# carries its sentence as provenance.
MAX_SENTENCE = 2000


def boilerplate_spans(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Spans of trailer lines (source line, comment counter, author line) to keep out of extraction.

    Lines matching a pattern in the lexicon's `boilerplate` list are trailers. A short line
    (at most four words, no digits or sentence punctuation) directly before a trailer line is
    read as an author line. Offsets refer to `text`.
    """
    patterns = [re.compile(p, re.IGNORECASE) for p in lex.words("boilerplate")]
    lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]*", text) if m.group(0).strip()]
    hits: list[tuple[int, int, str]] = []
    flagged = [any(p.match(line) for p in patterns) for _, _, line in lines]
    for i, (s, e, line) in enumerate(lines):
        if flagged[i]:
            hits.append((s, e, "trailer"))
        elif i + 1 < len(lines) and flagged[i + 1] and _looks_like_byline(line):
            hits.append((s, e, "author"))
    hits.extend((m.start(), m.end(), "url") for m in _URL.finditer(text))
    return sorted(hits)


def _looks_like_byline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and len(line.strip()) <= 40 and not re.search(r"[\d.,:;!?\"“”]", line)


@dataclass(frozen=True)
class Segments:
    """Sentence and clause boundaries of one article, searchable by offset."""

    sentences: list[tuple[int, int]]
    paragraph_of_sentence: list[int]
    clause_breaks: list[int]
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts[:] = [s for s, _ in self.sentences]

    def sentence_index(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return max(i, 0)

    def clause_start(self, pos: int, floor: int) -> int:
        """Start of the clause containing `pos`, not before `floor`."""
        i = bisect.bisect_right(self.clause_breaks, pos - 1) - 1
        return max(self.clause_breaks[i] + 1 if i >= 0 else 0, floor)


def segment(text: str, lex: Lexicon) -> Segments:
    """Sentences (split at sentence punctuation followed by a space, and at every newline;
    for scripts without spaces only at newlines and CJK full stops) and clause breaks."""
    sentences: list[tuple[int, int]] = []
    paragraphs: list[int] = []
    for p_idx, m in enumerate(re.finditer(r"[^\n]+", text)):
        start, para = m.start(), m.group(0)
        cuts: list[int] = []
        splitter = _SENT_END if lex.spaces else _CJK_SENT_END
        for e in splitter.finditer(para):
            end = e.end()
            tail = para[max(0, e.start() - 12): e.start()].split()
            if lex.spaces and tail and not para[e.start() - 1].isspace() and _is_abbreviation(tail[-1]):
                continue
            nxt = _NEXT_CHAR.match(para, end)
            if lex.spaces and nxt and nxt.group(1).islower():
                continue
            cuts.append(end)
        prev = 0
        for c in cuts + [len(para)]:
            chunk = para[prev:c]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk.rstrip())
                for piece in _cap(para, prev + lead, prev + trail):
                    sentences.append((start + piece[0], start + piece[1]))
                    paragraphs.append(p_idx)
            prev = c
    clause_breaks = [
        i for i in (m.start() for m in _CLAUSE.finditer(text))
        if text[i] not in ",:" or not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    ]
    return Segments(sentences, paragraphs, clause_breaks)


def _cap(para: str, s: int, e: int) -> list[tuple[int, int]]:
    """(s, e) cut into pieces of at most MAX_SENTENCE characters, each cut after the last clause
    mark or space in the piece's second half (a hard cut between two non-digits when there is none)."""
    pieces: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        limit = s + MAX_SENTENCE
        cut = None
        for m in _BREAK.finditer(para, limit - MAX_SENTENCE // 2, limit):
            cut = m.end()
        if cut is None:
            cut = limit
            while cut > s + 1 and (para[cut - 1].isdigit() or para[cut].isdigit()):
                cut -= 1
            if cut <= s + 1:
                cut = limit
        end = cut
        while end > s and para[end - 1].isspace():
            end -= 1
        pieces.append((s, end))
        s = cut
        while s < e and para[s].isspace():
            s += 1
    if e > s:
        pieces.append((s, e))
    return pieces


def _is_abbreviation(word: str) -> bool:
    core = word.rstrip(".")
    return (0 < len(core) <= 3 and core[:1].isupper()) or bool(re.fullmatch(r"(?:\w\.)+\w?", word))
