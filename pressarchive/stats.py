"""``pressarchive stats --plot``: a chart of articles per month per site (matplotlib)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any


def plot_format(path: Path) -> str:
    """The image format of ``path`` by its extension (png, svg, pdf, …), or ValueError."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backend_bases import FigureCanvasBase

    fmt = path.suffix.lower().lstrip(".")
    supported = FigureCanvasBase.get_supported_filetypes()
    if fmt not in supported:
        raise ValueError(f"--plot {path}: name a .png, .svg or .pdf file (or one of"
                         f" {', '.join(sorted(supported))})")
    return fmt


def plot_monthly(rows: list[dict[str, Any]], path: Path, title: str = "",
                 fmt: str | None = None) -> None:
    """Line chart, one line per site, months on the x axis; PNG/SVG/PDF by ``fmt`` or the
    extension."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    series: dict[str, dict[date, int]] = defaultdict(dict)
    for row in rows:
        year, month = row["month"].split("-")
        series[row["site"] or "?"][date(int(year), int(month), 1)] = row["articles"]
    fig, ax = plt.subplots(figsize=(11, 5), dpi=110)
    for site, counts in sorted(series.items()):
        months = _month_range(min(counts), max(counts))  # months without articles are 0
        ax.plot(months, [counts.get(m, 0) for m in months], marker="o", markersize=3,
                label=site)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=16))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    fig.autofmt_xdate()
    ax.set_xlabel("Tháng (month)")
    ax.set_ylabel("Số bài (articles)")
    ax.set_title(title or "Articles per month")
    ax.grid(True, alpha=0.3)
    if series:
        ax.legend(title="site")
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)


def _month_range(first: date, last: date) -> list[date]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months
