"""The shared figure helpers: data-kind vocabulary, PNG + PDF output, the readability check, trigger ROCs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from trigml import plotting


def _figure(xlabel: str = "x", ylabel: str = "y", draw: bool = True):
    fig, ax = plt.subplots()
    if draw:
        ax.plot([1, 2, 3], [1, 4, 9], label="ours")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def test_data_kind_vocabulary():
    assert plotting.data_kind("simulation") == "simulated"
    assert plotting.data_kind("Stand-in") == "stand-in"
    assert plotting.data_kind("real") == "real"
    with pytest.raises(ValueError, match="simulated, stand-in, real"):
        plotting.data_kind("boolean")


def test_save_writes_png_pdf_and_twin(tmp_path):
    plotting.style()
    fig, ax = _figure()
    plotting.label(ax, "simulated", "μ = 10")
    out = tmp_path / "fig.png"
    plotting.save(fig, out, twin={"x": [1, 2, 3]})
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "fig.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "fig.json").exists()
    texts = [t.get_text() for t in ax.texts]
    assert "trigml" in texts and "simulated" in " ".join(texts)


def test_save_is_byte_identical(tmp_path):
    for name in ("a", "b"):
        fig, ax = _figure()
        plotting.label(ax, "real")
        plotting.save(fig, tmp_path / f"{name}.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"xlabel": ""}, "no x-axis label"), ({"ylabel": ""}, "no y-axis label"), ({"draw": False}, "no axes")],
)
def test_save_refuses_unreadable_figures(tmp_path, kwargs, problem):
    fig, _ = _figure(**kwargs)
    with pytest.raises(plotting.FigureError, match=problem):
        plotting.save(fig, tmp_path / "bad.png")
    assert not (tmp_path / "bad.png").exists() and not (tmp_path / "bad.pdf").exists()


def test_named_category_ticks_label_an_axis():
    fig, ax = _figure(xlabel="")
    ax.set_xticks([1, 2, 3], ["a", "b", "c"])
    assert plotting.figure_problems(fig) == []


def test_bars_and_images_count_as_series():
    fig, ax = _figure(draw=False)
    ax.bar([0, 1], [3, 0])
    assert plotting.figure_problems(fig) == []
    fig2, ax2 = _figure(draw=False)
    ax2.bar([0, 1], [0, 0])
    assert plotting.figure_problems(fig2) != []


def test_trigger_roc_log_fpr_and_working_points():
    fig, ax = plt.subplots()
    plotting.roc_axes(ax, (1e-6, 1.0), signal="A→4ℓ")
    plotting.plot_roc(ax, [0.0, 1e-5, 1e-3, 1.0], [0.0, 0.2, 0.5, 1.0], 0, "teacher")
    plotting.mark_working_points(ax, [1e-5, 1e-3])
    assert ax.get_xscale() == "log"
    assert list(ax.get_lines()[0].get_xdata()) == [1e-5, 1e-3, 1.0]  # FPR 0 dropped on a log axis
    assert [h.get_label() for h in ax.get_legend_handles_labels()[0]].count("paper working point") == 1
    assert plotting.figure_problems(fig) == []


def test_series_styles_are_distinct():
    styles = {tuple(sorted(plotting.series_style(i).items())) for i in range(32)}
    assert len(styles) == 32
