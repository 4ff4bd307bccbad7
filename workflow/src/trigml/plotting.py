"""Figure conventions: mplhep style, a JSON twin beside every figure, the paper's values drawn beside ours."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from trigml.files import atomic_path, write_json  # noqa: E402

PAPER_STYLE = {"color": "black", "marker": "*", "markersize": 11, "linestyle": "none", "label": "paper"}


def style() -> None:
    """Use the CMS-like mplhep style (falls back to matplotlib's default if mplhep is missing)."""
    try:
        import mplhep

        plt.style.use(mplhep.style.CMS)
    except ImportError:  # pragma: no cover - mplhep is pinned in requirements.txt
        pass
    plt.rcParams.update({"figure.figsize": (8, 6), "font.size": 14})


def label(ax: Any, text: str = "trigml", data: str = "simulation") -> None:
    """Experiment-style label: 'trigml' plus what the data is (simulation / real / stand-in)."""
    ax.text(0.0, 1.01, rf"$\bf{{{text}}}$ $\it{{{data}}}$", transform=ax.transAxes, fontsize=13, va="bottom")


def save(fig: Any, path: str | os.PathLike[str], twin: dict[str, Any] | None = None) -> None:
    """Save ``fig`` atomically; write ``twin`` (the plotted numbers) as JSON next to it (.json)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix.lstrip(".") or "png", bbox_inches="tight", dpi=110)
    plt.close(fig)
    if twin is not None:
        write_json(path.with_suffix(".json"), twin)
