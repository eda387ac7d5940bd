"""The sources page: each article HTML-escaped, its figures highlighted with one anchor per mention."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from .format import _missing, anchor, fmt_value, language_name


_PAGE_CSS = """<style>
.va-article { line-height: 1.7; }
.va-article mark { background: #fff3a8; padding: 0 .1em; border-radius: 2px; }
.va-article mark.va-agree { background: #c8f0c8; }
.va-article mark.va-conflict { background: #f8c8c8; }
.va-article mark.va-unassigned { background: #e4e4e4; }
.va-article mark:target, .va-article span:target { outline: 3px solid #d9480f; }
.va-article .va-rejected { text-decoration: underline dotted #888; }
.va-meta { color: #555; font-size: .9em; }
</style>"""


def highlight_article(text: str, mentions: pd.DataFrame, rejected: pd.DataFrame | None = None) -> str:
    """The article as HTML: text escaped, each figure in a ``<mark id=...>`` (anchor per mention id),
    each rejected number dotted-underlined with its reason; newlines become ``<br>``."""
    spans = [(int(m.start), int(m.end), "m", m) for m in mentions.itertuples()]
    if rejected is not None:
        spans += [(int(r.start), int(r.end), "r", r) for r in rejected.itertuples()]
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, pos = [], 0

    def esc(s: str) -> str:
        return html.escape(s).replace("`", "&#96;").replace("\n", "<br>\n")

    for start, end, kind, row in spans:
        if start < pos:  # overlapping span: keep an anchor, no second highlight
            if kind == "m":
                out.append(f'<span id="{anchor(row.mention_id)}"></span>')
            continue
        out.append(esc(text[pos:start]))
        if kind == "m":
            tip = (f"{row.mention_id}: {fmt_value(row.value, row.unit, row.bound)}"
                   f" · {row.indicator_name if not _missing(row.indicator_name) else 'no indicator'} · {row.status}")
            out.append(f'<mark id="{anchor(row.mention_id)}" class="va-{html.escape(str(row.status))}" '
                       f'title="{esc(tip)}">{esc(text[start:end])}</mark>')
        else:
            out.append(f'<span class="va-rejected" title="not a figure: {esc(str(row.reason))}">{esc(text[start:end])}</span>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def sources_page(articles: pd.DataFrame, mentions: pd.DataFrame, rejected: pd.DataFrame,
                 title: str = "Sources") -> str:
    """The sources page as MyST Markdown: each article with its figures highlighted; all article
    text and metadata HTML-escaped (an article containing ``<script>`` shows it as text)."""
    parts = [f"# {title}\n",
             "Each article as loaded, with every figure the extractor found highlighted "
             "(green: a fact other sources agree with; yellow: a fact from a single source; red: a conflict; grey: a figure not assigned to any indicator). "
             "Numbers underlined with dots were read but are not figures (hover for the reason). "
             "Tables elsewhere in the book link to these highlights.\n",
             "```{raw} html\n" + _PAGE_CSS + "\n```\n"]
    for i, a in enumerate(articles.itertuples(), 1):
        meta = " · ".join(html.escape(str(x)).replace("`", "&#96;") for x in
                          (language_name(a.lang), a.outlet, a.url, a.title) if not _missing(x))
        body = highlight_article(a.text, mentions[mentions["source_id"] == a.source_id],
                                 rejected[rejected["source_id"] == a.source_id])
        heading = re.sub(r"[^A-Za-z0-9_.-]", "_", str(a.source_id))
        parts.append(f"## {i}. {heading}\n\n```{{raw}} html\n<section class=\"va-article\" id=\"{anchor(a.source_id, 'src')}\">\n"
                     f"<p class=\"va-meta\">{meta}</p>\n<p>{body}</p>\n</section>\n```\n")
    return "\n".join(parts)


def write_sources_page(path: str | Path, articles: pd.DataFrame, mentions: pd.DataFrame,
                       rejected: pd.DataFrame) -> bool:
    """Write :func:`sources_page` to `path` if its content changed; returns whether it was written."""
    path = Path(path)
    text = sources_page(articles, mentions, rejected)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
