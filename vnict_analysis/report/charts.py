"""Charts for the book: matplotlib figures with titles, labelled axes and units."""
from __future__ import annotations

import functools

import pandas as pd

from .format import _SCALES, _missing, count, fmt_value, language_name


def _literal_text(chart):
    """Text from the data ("$1.2 billion", a file named "a$b$c.txt") is drawn as written, never as
    matplotlib mathtext."""
    @functools.wraps(chart)
    def draw(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False}):
            fig = chart(*args, **kwargs)
            fig.canvas.draw()  # lay the text out while mathtext is off
        return fig
    return draw


@_literal_text
def chart_fact_values(facts: pd.DataFrame, mentions: pd.DataFrame, title: str):
    """Dot chart: for each fact, the value each mention reports relative to the fact's value
    (0% = agreement). Facts reported more than once come first; a figure is returned."""
    import matplotlib.pyplot as plt

    f = facts.sort_values(["n_mentions", "fact_id"], ascending=[True, False])
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(f), 3) + 1.6))
    m = mentions[mentions["fact_id"].isin(f["fact_id"])]
    sources = sorted(m["source_id"].unique())
    colors = plt.get_cmap("tab10")
    ylabels = []
    for y, fact in enumerate(f.itertuples()):
        ylabels.append(f"{fact.indicator_name} ({'—' if pd.isna(fact.period) else fact.period}, {fact.kind})")
        high = getattr(fact, "value_high", None)
        for k, mm in enumerate(m[m["fact_id"] == fact.fact_id].itertuples()):
            if not _missing(high) and fact.value <= mm.value <= high:
                dev = 0.0  # an end of the reported range agrees with the range
            else:
                dev = (mm.value / fact.value - 1) * 100 if fact.value else 0.0
            i = sources.index(mm.source_id)
            ax.plot(dev, y + (i - (len(sources) - 1) / 2) * 0.12, "o", color=colors(i % 10), markersize=7)
        shown = fmt_value(fact.value, fact.unit, fact.bound)
        if not _missing(high):
            shown = f"{shown}–{fmt_value(high, fact.unit)}"
        ax.annotate(shown, (1.0, y), xycoords=("axes fraction", "data"),
                    xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    for i, s in enumerate(sources):
        ax.plot([], [], "o", color=colors(i % 10), label=f"{s} ({language_name(m[m.source_id == s].lang.iloc[0])})")
    ax.axvline(0, color="grey", lw=1)
    ax.set_yticks(range(len(ylabels)), ylabels, fontsize=8)
    ax.set_xlabel("Reported value relative to the fact's value (%; 0 = agreement)")
    ax.set_ylabel("Fact (period, kind)")
    ax.set_title(title)
    lim = max(5.0, float(abs(ax.get_xlim()[0])), float(abs(ax.get_xlim()[1])))
    ax.set_xlim(-lim, lim)
    if sources:
        fig.legend(title="Source", fontsize=8, loc="lower center", ncol=2, frameon=False)
    legend_inches = 0.45 + 0.2 * ((len(sources) + 1) // 2) if sources else 0.0
    fig.tight_layout(rect=(0, min(0.45, legend_inches / fig.get_figheight()), 1, 1))
    return fig


@_literal_text
def chart_checks(checks: pd.DataFrame, title: str):
    """One panel per check: the value the arithmetic implies beside the value reported (if any), in
    reader units (billion VND, million USD, %). Returns a figure."""
    import matplotlib.pyplot as plt

    n = max(len(checks), 1)
    fig, axes = plt.subplots(n, 1, figsize=(8, 1.25 * n + 1.0), squeeze=False)
    if checks.empty:
        axes[0, 0].text(0.5, 0.5, "No checks for these parameters", ha="center", va="center")
        axes[0, 0].set_axis_off()
    for ax, c in zip(axes[:, 0], checks.itertuples()):
        scale, unit_label = _SCALES.get(c.unit, (1.0, "%" if c.unit == "percent" else c.unit))
        vals = [c.expected / scale, None if _missing(c.observed) else c.observed / scale]
        ax.barh([1], [vals[0]], color="#4c72b0", height=0.6)
        ax.text(vals[0], 1, " " + fmt_value(c.expected, c.unit), va="center", fontsize=8)
        if vals[1] is not None:
            ax.barh([0], [vals[1]], color="#dd8452", height=0.6)
            ax.text(vals[1], 0, " " + fmt_value(c.observed, c.unit), va="center", fontsize=8)
        else:
            ax.text(0, 0, " nothing reported to compare", va="center", fontsize=8, color="grey")
        ax.set_yticks([0, 1], ["reported", "implied"], fontsize=8)
        ax.set_xlim(0, max(v for v in vals if v is not None) * 1.35 or 1)
        ax.set_xlabel(unit_label, fontsize=8)
        verdict = {True: "holds", False: "does not hold"}.get(None if _missing(c.passed) else bool(c.passed), "no comparison")
        subject = str(c.inputs).split("|")[0].replace("_", " ")
        ax.set_title(f"{c.kind.replace('_', ' ')} · {subject} · {c.period} · {verdict}", fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


@_literal_text
def chart_corpus(corpus: pd.DataFrame, articles: pd.DataFrame, title: str):
    """Bar chart: article length (characters) and figures per article, by language."""
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 0.5 * max(len(articles), 3) + 1.4), sharey=True)
    names = [f"{s} ({language_name(l)})" for s, l in zip(articles["source_id"], articles["lang"])]
    a1.barh(names, articles["n_chars"], color="#4c72b0")
    a1.set_xlabel("Length (characters)")
    a1.set_ylabel("Article (language)")
    a2.barh(names, corpus["figures"], color="#55a868")
    a2.set_xlabel("Figures extracted (count)")
    a1.tick_params(axis="y", labelsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


@_literal_text
def chart_figures(mentions: pd.DataFrame, rejected: pd.DataFrame, title: str):
    """Stacked bars per source: figures in a fact, figures without an indicator, numbers rejected."""
    import matplotlib.pyplot as plt

    ids = sorted(set(mentions["source_id"]) | set(rejected["source_id"]))
    assigned = mentions[mentions["fact_id"].notna()].groupby("source_id").size().reindex(ids, fill_value=0)
    other = mentions[mentions["fact_id"].isna()].groupby("source_id").size().reindex(ids, fill_value=0)
    rej = rejected.groupby("source_id").size().reindex(ids, fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(ids), 3) + 1.6))
    ax.barh(ids, assigned, color="#55a868", label="figure in a fact")
    ax.barh(ids, other, left=assigned, color="#bbbbbb", label="figure, no indicator")
    ax.barh(ids, rej, left=assigned + other, color="#c44e52", label="number rejected (not a figure)")
    ax.set_xlabel("Numbers read (count)")
    ax.set_ylabel("Source")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


