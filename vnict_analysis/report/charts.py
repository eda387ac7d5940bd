"""Charts for the book: matplotlib figures with titles, labelled axes and units, drawn for a phone
first (about 5 inches wide, 10-point text at least) and embedded as inline SVG that scales with the
page (`figure_html`), with alt text that describes what the chart shows."""
from __future__ import annotations

import contextlib
import functools
import html
import io
import re
import warnings

import pandas as pd

from .format import _SCALES, _missing, count, fmt_value, language_name

#: Width of every chart in inches: shown at its natural size on a desktop (about 410 px, text 12-15
#: px) and scaled down by at most 0.9 on a 390 px phone.
WIDTH = 4.3
#: Colours of a fact's state, also used by the status chips of the tables.
STATE_COLOURS = {"agree": "#2e7d32", "agree_rounded": "#81c784", "conflict": "#c62828", "single": "#90a4ae",
                 "missing": "#ffffff"}
STATE_WORDS = {"agree": "agree", "agree_rounded": "agree, rounded", "conflict": "conflict",
               "single": "one source", "missing": "not reported"}


@contextlib.contextmanager
def _glyph_warnings_off():
    """Text is drawn by the browser's fonts (Thai, CJK); matplotlib's own font only measures it, so
    its missing-glyph warnings say nothing about the page."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        yield


def _literal_text(chart):
    """Text from the data ("$1.2 billion", a file named "a$b$c.txt") is drawn as written, never as
    matplotlib mathtext; text is at least 10 points."""
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        import matplotlib

        with _glyph_warnings_off(), matplotlib.rc_context({"text.parse_math": False, "font.size": 10, "axes.titlesize": 11,
                                                           "xtick.labelsize": 10, "ytick.labelsize": 10,
                                                           "legend.fontsize": 10}):
            fig = chart(*args, **kwargs)
            if fig is not None:  # None: nothing to draw
                fig.canvas.draw()  # lay the text out while mathtext is off
        return fig
    return draw


@_literal_text
def chart_figures(mentions: pd.DataFrame, rejected: pd.DataFrame, title: str,
                  source_names: dict[str, str] | None = None):
    """Stacked bars per source: figures in a fact, figures linked by evidence only, figures alone,
    numbers rejected as not figures."""
    import matplotlib.pyplot as plt

    names = source_names or {}
    ids = sorted(set(mentions["source_id"]) | set(rejected["source_id"]))
    from .story import placement

    where = placement(mentions)
    parts = [
        (mentions[where == "indicator"], "#2e7d32", "in a fact"),
        (mentions[where == "linked"], "#1565c0", "linked, no indicator"),
        (mentions[where == "alone"], "#b0bec5", "alone"),
        (rejected, "#c62828", "rejected: not a figure"),
    ]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.32 * max(len(ids), 3) + 1.6))
    left = pd.Series(0, index=ids)
    labels = [_short(names.get(i, i), 24) for i in ids]
    for table, colour, label in parts:
        n = table.groupby("source_id").size().reindex(ids, fill_value=0)
        ax.barh(labels, n, left=left, color=colour, label=label)
        left = left + n
    ax.invert_yaxis()
    ax.set_xlabel("Numbers read (count)")
    ax.set_title(title, loc="left")
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(0, -0.12 if len(ids) > 6 else -0.2), ncol=2,
              frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def figure_html(fig, alt: str, caption: str, name: str):
    """The figure as an inline, scalable SVG inside ``<figure>`` with its caption; `alt` is read by
    screen readers (``role="img"`` and ``aria-label``). Text stays text (searchable, sharp on any
    screen) and links set on artists (`set_url`) are clickable. `fig` None gives the caption alone, as
    a paragraph: a chart that would show nothing is not drawn."""
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython.display import HTML

    if fig is None:
        return HTML(f'<p class="va-nochart">{html.escape(caption)}</p>')
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": name}), _glyph_warnings_off():
        fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    size = re.search(r'<svg[^>]*? width="([\d.]+)pt"', svg)
    natural = f' style="max-width:{float(size.group(1)) * 4 / 3:.0f}px"' if size else ""  # never enlarged
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                 lambda m: f'<svg{m.group(1)} role="img" aria-label="{html.escape(alt, quote=True)}" '
                           f'class="va-svg"{natural}', svg, count=1)
    svg = re.sub(r'\bid="', f'id="{name}-', svg)  # several charts on one page: ids stay unique
    svg = re.sub(r'(url\(#|xlink:href="#|href="#)', lambda m: m.group(1) + f"{name}-", svg)
    return HTML(f'<figure class="va-figure" id="{html.escape(name)}">{svg}'
                f'<figcaption>{html.escape(caption)}</figcaption></figure>')


def _short(text: str, n: int = 18) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


@_literal_text
def chart_fact_matrix(facts: pd.DataFrame, mentions: pd.DataFrame, source_names: dict[str, str], title: str,
                      max_rows: int = 12, max_cols: int = 4):
    """Fact x source matrix: one row per fact reported by two or more sources (conflicts first, then
    by sources), one column per source; each cell coloured by the fact's state (agree, agree with
    rounding, conflict) or left white where the source does not report it, and holding the value as
    that source wrote it; at most `max_rows` facts and the `max_cols` sources reporting most of them
    (the table below the chart has every fact); a fact is shown when two of those sources report it.
    None when no fact qualifies."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    from .story import fact_name

    f = facts[facts["n_sources"] >= 2].copy()
    if f.empty:
        return None
    f["_c"] = (f["status"] == "conflict").astype(int)
    f = f.sort_values(["_c", "n_sources", "fact_id"], ascending=[False, False, True]).head(max_rows)
    m = mentions[mentions["fact_id"].isin(f["fact_id"])]
    sources = list(m.groupby("source_id")["fact_id"].nunique().sort_values(ascending=False, kind="stable").index)
    sources = sources[:max_cols]
    shown = m[m["source_id"].isin(sources)].groupby("fact_id")["source_id"].nunique()
    f = f[f["fact_id"].map(shown).fillna(0) >= 2]  # every row compares at least two of the columns
    if f.empty:
        return None
    m = m[m["fact_id"].isin(f["fact_id"])]
    n_r, n_c = len(f), len(sources)
    label_w = 1.9  # inches for the fact names, wrapped on two lines
    cell_w = min(1.1, (WIDTH - label_w) / max(n_c, 1))
    fig = plt.figure(figsize=(label_w + cell_w * n_c, 0.5 * n_r + 1.7))
    ax = fig.add_axes((label_w / (label_w + cell_w * n_c), 1.2 / (0.5 * n_r + 1.7),
                       cell_w * n_c / (label_w + cell_w * n_c), 0.5 * n_r / (0.5 * n_r + 1.7)))
    for y, fact in enumerate(f.itertuples()):
        for x, src in enumerate(sources):
            mm = m[(m["fact_id"] == fact.fact_id) & (m["source_id"] == src)]
            state = "missing" if mm.empty else str(fact.status)
            if state == "conflict" and len(mm) and mm["rank"].eq("preferred").any():
                state = "agree"  # the value the ranking keeps, shown green among the red
            rect = Rectangle((x, y), 1, 1, facecolor=STATE_COLOURS.get(state, "#ffffff"), edgecolor="#cfd8dc")
            ax.add_patch(rect)
            if len(mm):
                rect.set_url(f"sources.html#m-{re.sub(r'[^A-Za-z0-9_-]', '-', str(mm['mention_id'].iloc[0]))}")
                dark = state in ("agree", "conflict")
                ax.text(x + 0.5, y + 0.5, _short(mm["raw"].iloc[0], max(6, int(cell_w * 9))), ha="center",
                        va="center", fontsize=9, color="white" if dark else "black")
    ax.set_xlim(0, n_c)
    ax.set_ylim(n_r, 0)
    ax.set_xticks([x + 0.5 for x in range(n_c)], [_short(source_names.get(s, s), 16) for s in sources],
                  rotation=35, ha="right", fontsize=9)
    ax.set_yticks([y + 0.5 for y in range(n_r)], [_wrap(f"{fact_name(r._asdict())}"
                                                        f"{'' if pd.isna(r.period) else ' ' + str(int(r.period))}", 20)
                                                  for r in f.itertuples()], fontsize=9)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    fig.suptitle(title, x=0.02, ha="left", fontsize=11)
    states = [s for s in ("agree", "agree_rounded", "conflict") if (f["status"] == s).any()] + ["missing"]
    fig.legend(handles=[Patch(facecolor=STATE_COLOURS[s], edgecolor="#90a4ae", label=STATE_WORDS[s]) for s in states],
               loc="lower left", ncol=len(states), frameon=False, fontsize=9, handlelength=1.2, columnspacing=0.8)
    return fig


def _wrap(text: str, width: int) -> str:
    """`text` on at most two lines of about `width` characters (the second shortened)."""
    import textwrap

    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    return lines[0] if len(lines) == 1 else lines[0] + "\n" + _short(" ".join(lines[1:]), width)


@_literal_text
def chart_timeline(facts: pd.DataFrame, checks: pd.DataFrame, indicator: str, title: str):
    """One indicator across years: reported levels as filled dots joined by a solid line, values the
    arithmetic implies (a previous year's level from a growth) hollow, targets dashed. None with fewer
    than two points."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    f = facts[(facts["indicator"] == indicator) & facts["period"].notna()]
    unit = f["unit"].iloc[0] if len(f) else None
    implied = checks[(checks["kind"].isin(["level_growth", "growth_target"]))
                     & checks["inputs"].str.startswith(f"{indicator}|") & (checks["unit"] == unit)]
    points = len(f) + len(implied)
    if f.empty or points < 2:
        return None
    scale, unit_label = _SCALES.get(unit, (1.0, "%" if unit == "percent" else str(unit)))
    fig, ax = plt.subplots(figsize=(WIDTH, 3.0))
    lev = f[f["kind"] == "level"].sort_values("period")
    if len(lev):
        ax.plot(lev["period"].astype(int), lev["value"] / scale, "-o", color="#1565c0", label="reported")
        for r in lev.itertuples():
            ax.annotate(fmt_value(r.value, r.unit, r.bound), (int(r.period), r.value / scale), xytext=(0, 7),
                        textcoords="offset points", ha="center", fontsize=9)
    tgt = f[f["kind"] == "target"].sort_values("period")
    if len(tgt):
        base = lev[lev["period"] < tgt["period"].min()].tail(1)
        xs = list(base["period"].astype(int)) + list(tgt["period"].astype(int))
        ys = list(base["value"] / scale) + list(tgt["value"] / scale)
        ax.plot(xs, ys, "--s", color="#6a1b9a", mfc="white", label="target reported")
    for kind, marker, words in (("level_growth", "o", "previous level implied by a growth rate"),
                                ("growth_target", "s", "level implied by a growth target")):
        c = implied[implied["kind"] == kind]
        if c.empty:
            continue
        xs = [int(p) - 1 if kind == "level_growth" else int(p) for p in c["period"]]
        ax.plot(xs, c["expected"] / scale, marker, mfc="white", mec="#1565c0", mew=1.5, ls="none", label=words)
        if kind == "growth_target" and len(lev):  # a target is a dashed line from the last reported level
            for x, y in zip(xs, c["expected"] / scale):
                base = lev[lev["period"] < x].tail(1)
                if len(base):
                    ax.plot([int(base["period"].iloc[0]), x], [base["value"].iloc[0] / scale, y], "--", color="#6a1b9a")
    years = sorted({int(y) for y in f["period"]} | {int(c.period) - (c.kind == "level_growth") for c in implied.itertuples()})
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.set_ylabel(unit_label)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"))
    ax.set_title(title, loc="left")
    ax.margins(y=0.25)
    ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(0, -0.18), ncol=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


@_literal_text
def chart_checks(checks: pd.DataFrame, title: str):
    """The checks that have a reported value to compare, on one axis: how far the reported value is
    from the implied one (percent), with the tolerance shaded. None when no check has a reported
    value (the table says what each implies)."""
    import matplotlib.pyplot as plt

    c = checks[checks["observed"].notna() & checks["expected"].notna() & (checks["expected"] != 0)]
    if c.empty:
        return None
    dev = (c["observed"] / c["expected"] - 1) * 100
    fig, ax = plt.subplots(figsize=(WIDTH, 0.45 * len(c) + 1.5))
    tol = float(c["tolerance"].iloc[0]) * 100
    ax.axvspan(-tol, tol, color="#c8e6c9", label=f"tolerance ±{tol:g}%")
    colours = ["#2e7d32" if p is True else "#c62828" if p is False else "#90a4ae" for p in c["passed"]]
    ys = list(range(len(c)))
    ax.scatter(dev, ys, color=colours, zorder=3)
    ax.axvline(0, color="grey", lw=1)
    labels = [_short(f"{k.replace('_', ' ')}: {str(i).split('|')[0].replace('_', ' ')} {p}", 34)
              for k, i, p in zip(c["kind"], c["inputs"], c["period"])]
    ax.set_yticks(ys, labels, fontsize=9)
    ax.set_ylim(len(c) - 0.5, -0.5)
    lim = max(2 * tol, float(dev.abs().max()) * 1.2, 1.0)
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("reported vs implied (% difference)")
    ax.set_title(title, loc="left")
    ax.legend(frameon=False, fontsize=9, loc="lower right")
    fig.tight_layout()
    return fig
