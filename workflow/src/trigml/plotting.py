"""Figure conventions shared by every study.

- :func:`style` — the mplhep CMS-like style at a size readable in the report's default width;
- :func:`label` — one data-kind vocabulary (``simulated``, ``stand-in``, ``real``) drawn with mplhep's own
  experiment-label helper, plus an optional detail on the right (``"OpenML 42468"``, ``"μ = 10"``);
- :func:`save` — PNG (150 dpi) *and* a vector PDF beside it, written atomically, the plotted numbers as a JSON
  twin; it refuses a figure without axis labels or without any drawn series (:func:`figure_problems`);
- :func:`roc_axes`, :func:`plot_roc`, :func:`mark_working_points` — trigger ROCs read at FPR 1e-5…1e-3:
  log FPR on x, TPR on y, the paper's working points marked;
- :func:`series_style` — distinct colour *and* line style for many curves (no colour used twice).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from trigml.files import atomic_path, write_json  # noqa: E402

PAPER_STYLE = {"color": "black", "marker": "*", "markersize": 11, "linestyle": "none", "label": "paper"}

#: What the data behind a figure is; the report and summary use the same words.
DATA_KINDS = ("simulated", "stand-in", "real")
#: Older spellings still accepted by :func:`data_kind` (mapped, never shown).
_ALIASES = {"simulation": "simulated", "sim": "simulated", "standin": "stand-in", "stand in": "stand-in"}

#: Okabe–Ito colour-blind-safe palette (8 colours) and 4 line styles: 32 distinct curve styles.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
LINESTYLES = ("-", "--", "-.", ":")

PNG_DPI = 150
VECTOR_FORMAT = "pdf"


class FigureError(ValueError):
    """A figure that a reader cannot read (no axis labels, nothing drawn)."""


def style() -> None:
    """Use the CMS-like mplhep style, sized for the report's default width."""
    import mplhep

    plt.style.use(mplhep.style.CMS)
    plt.rcParams.update({"figure.figsize": (8, 6), "font.size": 14, "legend.fontsize": 11})


def data_kind(data: str) -> str:
    """Normalise a data kind to the vocabulary; ``ValueError`` naming the vocabulary otherwise."""
    key = str(data).strip().lower().replace("\u2010", "-").replace("\u2011", "-")
    key = _ALIASES.get(key, key)
    if key not in DATA_KINDS:
        raise ValueError(f"data kind {data!r} is not one of {', '.join(DATA_KINDS)}")
    return key


def label(ax: Any, data: str = "simulated", detail: str = "", *, text: str | None = None) -> None:
    """Experiment-style label via ``mplhep.label.exp_label``: **trigml** *<kind>* … <detail>.

    ``data`` is one of :data:`DATA_KINDS` (``simulated``, ``stand-in``, ``real``); ``detail`` (right-hand
    side, optional) says which sample, e.g. ``"OpenML 42468"`` or ``"sklearn digits for MNIST"``. A free
    text that is not a data kind is accepted for now as the detail, with kind ``simulated`` only if it says
    so — callers should pass the kind explicitly (``text`` is ignored, kept for old call sites).
    """
    import mplhep

    try:
        kind = data_kind(data)
    except ValueError:
        import warnings

        warnings.warn(
            f"plotting.label: {data!r} is not a data kind ({', '.join(DATA_KINDS)}); pass data=<kind>, "
            "detail=<text>",
            FutureWarning,
            stacklevel=2,
        )
        kind, detail = "", (detail or str(data)).replace("\\ ", " ")
    mplhep.label.exp_label(exp="trigml", llabel=kind, rlabel=detail, loc=0, ax=ax, fontsize=13)


def _has_series(ax: Any) -> bool:
    drawn = [line for line in ax.get_lines() if len(line.get_xdata()) > 0]
    drawn += [c for c in ax.collections if _collection_size(c) > 0]
    drawn += [p for p in ax.patches if p.get_visible() and _patch_size(p) > 0]
    drawn += list(ax.images)
    return bool(drawn)


def _collection_size(c: Any) -> int:
    try:
        return len(c.get_offsets()) + len(c.get_paths())
    except (AttributeError, TypeError):
        return 1


def _patch_size(p: Any) -> float:
    try:
        return abs(p.get_width() * p.get_height())
    except AttributeError:
        return 1.0


def _axis_label(ax: Any, which: str) -> bool:
    """The axes' own label, one on an axes sharing that axis (a row of panels labels only one), or named
    category ticks (``set_xticks(positions, names)``)."""
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    group = ax.get_shared_x_axes() if which == "x" else ax.get_shared_y_axes()
    for a in group.get_siblings(ax):
        axis = a.xaxis if which == "x" else a.yaxis
        if axis.get_label_text().strip():
            return True
        named = isinstance(axis.get_major_formatter(), FixedFormatter | FuncFormatter)  # set_xticks(x, names)
        if named and any(t.get_text().strip() for t in axis.get_ticklabels()):
            return True
    return False


def figure_problems(fig: Any) -> list[str]:
    """What makes ``fig`` unreadable: data axes without x/y labels, or no drawn series at all."""
    problems: list[str] = []
    data_axes = 0
    for i, ax in enumerate(fig.axes):
        if not ax.get_visible() or not ax.axison or ax.get_label() == "<colorbar>":
            continue
        if not _has_series(ax):
            continue
        data_axes += 1
        name = ax.get_title() or f"axes {i}"
        if not _axis_label(ax, "x"):
            problems.append(f"{name}: no x-axis label")
        if not _axis_label(ax, "y"):
            problems.append(f"{name}: no y-axis label")
    if data_axes == 0:
        problems.append("no axes with a drawn series (lines, markers, bars or an image)")
    return problems


def save(fig: Any, path: str | os.PathLike[str], twin: dict[str, Any] | None = None) -> None:
    """Save ``fig`` as ``path`` (PNG) and a vector PDF beside it; ``twin`` (the plotted numbers) as JSON.

    Raises :class:`FigureError` naming the file if the figure has no axis labels or nothing drawn.
    """
    path = Path(path)
    problems = figure_problems(fig)
    if problems:
        plt.close(fig)
        raise FigureError(f"{path}: {'; '.join(problems)}")
    fmt = path.suffix.lstrip(".") or "png"
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=fmt, bbox_inches="tight", dpi=PNG_DPI, metadata=_metadata(fmt))
    if fmt != VECTOR_FORMAT:
        with atomic_path(vector_path(path)) as tmp:
            fig.savefig(tmp, format=VECTOR_FORMAT, bbox_inches="tight", metadata=_metadata(VECTOR_FORMAT))
    plt.close(fig)
    if twin is not None:
        write_json(path.with_suffix(".json"), twin)


def vector_path(path: str | os.PathLike[str]) -> Path:
    """The vector twin of a figure: ``x.png`` → ``x.pdf``."""
    return Path(path).with_suffix("." + VECTOR_FORMAT)


def _metadata(fmt: str) -> dict[str, Any]:
    """No creation date in the files: the same config gives byte-identical figures."""
    if fmt == "pdf":
        return {"CreationDate": None, "Creator": "trigml", "Producer": "trigml"}
    if fmt == "svg":
        return {"Date": None}
    return {"Software": "trigml"} if fmt == "png" else {}


def series_style(i: int) -> dict[str, Any]:
    """Colour and line style of the ``i``-th curve: no two of the first 32 curves look alike."""
    return {"color": COLORS[i % len(COLORS)], "linestyle": LINESTYLES[(i // len(COLORS)) % len(LINESTYLES)]}


def roc_axes(ax: Any, fpr_range: tuple[float, float] = (1e-6, 1.0), *, signal: str = "signal") -> None:
    """A trigger ROC: log false-positive rate on x (the trigger rate), TPR on y, labelled."""
    ax.set_xscale("log")
    ax.set_xlim(*fpr_range)
    ax.set_ylim(0.0, 1.05)
    ax.set_xlabel("false-positive rate (background efficiency)")
    ax.set_ylabel(f"true-positive rate ({signal} efficiency)")
    ax.grid(True, which="major", alpha=0.3)


def plot_roc(ax: Any, fpr: Sequence[float], tpr: Sequence[float], i: int, label: str, **kwargs: Any) -> Any:
    """Draw one ROC curve with the ``i``-th series style; FPR = 0 points are dropped (log axis)."""
    import numpy as np

    f, t = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
    keep = f > 0
    return ax.plot(f[keep], t[keep], label=label, **{**series_style(i), **kwargs})


def mark_working_points(ax: Any, fprs: Sequence[float], label: str = "paper working point") -> None:
    """Vertical dotted lines at the paper's working points (e.g. FPR 1e-5), labelled once."""
    for k, f in enumerate(fprs):
        ax.axvline(f, color="grey", linestyle=":", linewidth=1.2, label=label if k == 0 else None)
