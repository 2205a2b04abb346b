"""Dyad charts outside the browser: a terminal table with unicode sparklines, and a PNG.

``dyad_table`` builds a rich ``Table`` of a ``DyadSeries``; ``sparkline`` draws a row of values
as block characters; ``plot_dyad`` writes the dashboard's dyad chart (QuadClass stacked bars,
mean Goldstein line) with matplotlib's Agg backend, so it needs no display.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from wirecoder.query import DyadSeries

__all__ = ["QUAD_COLOURS", "dyad_table", "plot_dyad", "sparkline"]

BLOCKS = "▁▂▃▄▅▆▇█"
QUAD_LABELS = ("verbal coop.", "material coop.", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#8cc7a1", "#2e8b57", "#f0a35e", "#c8443a")
GOLDSTEIN_COLOUR = "#5b3f9e"


def sparkline(
    values: Sequence[float | None], low: float | None = None, high: float | None = None
) -> str:
    """One block character per value, scaled from ``low`` to ``high``; ``None`` is a space.

    >>> sparkline([0, 1, 2, None, 4])
    '▁▃▅ █'
    """
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low = min(known) if low is None else low
    high = max(known) if high is None else high
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            level = 0 if span <= 0 else round((value - low) / span * (len(BLOCKS) - 1))
            out.append(BLOCKS[max(0, min(len(BLOCKS) - 1, level))])
    return "".join(out)


def dyad_table(series: DyadSeries) -> Table:
    """The periods that have events, then sparklines of events and Goldstein over all periods."""
    a, b = series.a, series.b
    counts = [p.events for p in series.periods]
    means = [p.goldstein_mean for p in series.periods]
    caption = (
        f"events    {sparkline(counts, low=0)}\n"
        f"Goldstein {sparkline(means, low=-10, high=10)}  (-10 … +10)\n"
        f"{series.events} events: {series.a_to_b} {a}→{b}, {series.b_to_a} {b}→{a}"
        + (f", {series.undated} undated" if series.undated else "")
        + (
            f"; mean Goldstein {series.goldstein_mean:+.2f}"
            if series.goldstein_mean is not None
            else ""
        )
    )
    table = Table(title=f"{a} ↔ {b} per {series.by}", caption=caption, caption_justify="left")
    table.add_column(series.by)
    for header in ("events", f"{a}→{b}", f"{b}→{a}", *QUAD_LABELS, "Goldstein", "types"):
        table.add_column(header, justify="left" if header == "types" else "right")
    for p in series.periods:
        if not p.events:
            continue
        table.add_row(
            p.period,
            str(p.events),
            str(p.a_to_b),
            str(p.b_to_a),
            *(str(n) if n else "" for n in p.quad_classes.values()),
            f"{p.goldstein_mean:+.1f}" if p.goldstein_mean is not None else "",
            ", ".join(f"{t}×{n}" if n > 1 else t for t, n in p.types.items()),
        )
    return table


def plot_dyad(series: DyadSeries, path: str | Path) -> Path:
    """Write the dyad chart to ``path`` (PNG, or any format matplotlib knows by extension)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    periods = series.periods
    x = list(range(len(periods)))
    width = max(7.0, min(16.0, 0.35 * len(periods) + 3.0))
    figure = Figure(figsize=(width, 4.6), dpi=120, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bottom = [0] * len(periods)
    for quad, (label, colour) in enumerate(zip(QUAD_LABELS, QUAD_COLOURS, strict=True)):
        heights = [p.quad_classes.values()[quad] for p in periods]
        axes.bar(x, heights, bottom=bottom, color=colour, label=label, width=0.7)
        bottom = [low + h for low, h in zip(bottom, heights, strict=True)]
    axes.set_ylabel("events")
    axes.set_ylim(0, max(max(bottom, default=0), 1) * 1.1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    every = max(1, -(-len(periods) // 12))
    axes.set_xticks(x[::every], [p.period for p in periods][::every], rotation=45, ha="right")
    goldstein = axes.twinx()
    means = [p.goldstein_mean if p.goldstein_mean is not None else float("nan") for p in periods]
    goldstein.plot(
        x, means, color=GOLDSTEIN_COLOUR, marker="o", linewidth=2, label="mean Goldstein"
    )
    goldstein.axhline(0, color=GOLDSTEIN_COLOUR, linewidth=0.8, linestyle=":", alpha=0.6)
    goldstein.set_ylim(-10.5, 10.5)
    goldstein.set_ylabel("Goldstein", color=GOLDSTEIN_COLOUR)
    handles, labels = axes.get_legend_handles_labels()
    more_handles, more_labels = goldstein.get_legend_handles_labels()
    figure.legend(
        handles + more_handles,
        labels + more_labels,
        fontsize=8,
        loc="outside lower center",
        ncols=5,
        frameon=False,
    )
    axes.set_title(f"{series.a} ↔ {series.b} per {series.by}: {series.events} events")
    target = Path(path)
    figure.savefig(target)
    return target
