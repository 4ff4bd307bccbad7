"""hls4ml converters for every trigml design: Keras/QKeras, PyTorch (plain layers and the interaction
network's extension layers), symbolic expressions with LUT math. Each returns an hls4ml model,
written to ``output_dir`` but not compiled (:func:`trigml.hardware.hls4ml.csim.compile_model` does that).

One :class:`HLSSettings` carries what every conversion needs; it comes from a study's validated config.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .tools import quiet_tensorflow, use_tf_keras_for_hls4ml

IO_TYPES = ("io_parallel", "io_stream")


@dataclass(frozen=True)
class HLSSettings:
    """What every hls4ml conversion needs (values from the study's config schema)."""

    backend: str
    part: str
    clock_period: float
    precision: str
    reuse_factor: int = 1
    io_type: str = "io_parallel"

    def __post_init__(self) -> None:
        if self.backend not in ("Vitis", "Vivado"):
            raise ValueError(f"hls4ml backend {self.backend!r}: expected Vitis or Vivado")
        if self.io_type not in IO_TYPES:
            raise ValueError(f"io_type {self.io_type!r}: expected one of {IO_TYPES}")
        if self.reuse_factor < 1 or self.clock_period <= 0:
            raise ValueError(
                f"need reuse_factor >= 1 and clock_period > 0, got {self.reuse_factor}, {self.clock_period}"
            )

    def convert_kwargs(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "part": self.part,
            "clock_period": self.clock_period,
            "io_type": self.io_type,
        }


def _latency(convert: Any, model: Any, cfg: dict[str, Any], output_dir: str | os.PathLike[str],
             settings: HLSSettings, project_name: str) -> Any:  # fmt: skip
    """hls4ml's ``convert`` at the latency strategy and the settings' reuse factor."""
    cfg["Model"].update(ReuseFactor=settings.reuse_factor, Strategy="Latency")
    return convert(model, hls_config=cfg, output_dir=str(output_dir), project_name=project_name, **settings.convert_kwargs())


def convert_keras(model: Any, output_dir: str | os.PathLike[str], settings: HLSSettings, *,
                  project_name: str = "myproject") -> Any:  # fmt: skip
    """A (Q)Keras model: QKeras quantizers become per-layer precisions (``granularity='name'``),
    inputs and accumulators use ``settings.precision``."""
    use_tf_keras_for_hls4ml()
    import hls4ml

    cfg = hls4ml.utils.config_from_keras_model(
        model, granularity="name", default_precision=settings.precision, backend=settings.backend,
        default_reuse_factor=settings.reuse_factor,
    )  # fmt: skip
    return _latency(hls4ml.converters.convert_from_keras_model, model, cfg, output_dir, settings, project_name)


def convert_pytorch(model: Any, output_dir: str | os.PathLike[str], settings: HLSSettings, *,
                    input_shape: Sequence[int], project_name: str = "myproject") -> Any:  # fmt: skip
    """A PyTorch model made of layers hls4ml supports (one input of ``input_shape``, no batch axis)."""
    quiet_tensorflow()
    import hls4ml

    model = model.cpu().eval()
    cfg = hls4ml.utils.config_from_pytorch_model(
        model, input_shape=tuple(input_shape), granularity="model", default_precision=settings.precision,
        default_reuse_factor=settings.reuse_factor, backend=settings.backend,
    )  # fmt: skip
    return _latency(hls4ml.converters.convert_from_pytorch_model, model, cfg, output_dir, settings, project_name)


def convert_interaction_network(twin: Any, output_dir: str | os.PathLike[str], settings: HLSSettings, *,
                                style: str, sigmoid_table_size: int,
                                layer_precision: Mapping[str, Mapping[str, str]] | None = None) -> Any:  # fmt: skip
    """The padded interaction-network twin (``EdgeBlock``/``Aggregate``/``NodeBlock`` modules) through
    trigml's hls4ml extension layers (registered here, idempotently)."""
    from . import interaction_network as ext

    ext.register()
    cfg = ext.hls_config(
        twin, precision=settings.precision, reuse_factor=settings.reuse_factor, style=style,
        sigmoid_table_size=sigmoid_table_size, layer_precision={k: dict(v) for k, v in (layer_precision or {}).items()},
    )  # fmt: skip
    if settings.io_type != "io_parallel":
        raise ValueError("the interaction network's extension layers are io_parallel only")
    return ext.hls4ml.converters.convert_from_pytorch_model(
        twin,
        output_dir=str(output_dir),
        project_name="trigml_in",
        hls_config=cfg,
        **settings.convert_kwargs(),
    )


# -------------------------------------------------------------------------------- symbolic expressions
LUT_MATH = ("sin", "cos", "tan", "exp", "log", "tanh")


def to_lut_expression(expr: Any) -> tuple[Any, list[str]]:
    """Replace sin, cos, tan, exp, log, tanh by ``<f>_lut`` functions; the expression and the names
    of the math functions used. Fractional powers (sqrt) have no LUT here: a clear error."""
    import sympy

    e = sympy.sympify(expr) if isinstance(expr, str) else expr
    used = []
    for name in LUT_MATH:
        func = getattr(sympy, name)
        if e.has(func):
            used.append(name)
            e = e.replace(func, sympy.Function(f"{name}_lut"))
    if any(p.exp.is_Rational and not p.exp.is_Integer for p in e.atoms(sympy.Pow)):
        raise ValueError(f"{expr}: fractional powers (sqrt) have no LUT implementation here")
    return e, used


def lut_functions(
    names: Sequence[str], *, table_size: int, lut_range: Sequence[float]
) -> dict[str, dict[str, Any]]:
    """hls4ml ``lut_functions`` for the math functions in ``names`` (one table each)."""
    lo, hi = float(lut_range[0]), float(lut_range[1])
    if not lo < hi:
        raise ValueError(f"LUT range must have low < high, got {lut_range}")
    if table_size < 2:
        raise ValueError(f"LUT table size must be >= 2, got {table_size}")
    return {
        f"{n}_lut": {"math_func": n, "table_size": int(table_size), "range_start": lo, "range_end": hi}
        for n in names
    }


def convert_symbolic(expressions: Sequence[Any], output_dir: str | os.PathLike[str], settings: HLSSettings, *,
                     n_symbols: int, table_size: int, lut_range: Sequence[float]) -> Any:  # fmt: skip
    """Expressions in x0..x{n_symbols-1}, one output each, with LUT math (no Xilinx ``hls_math.h``
    needed: ``hls_include_path=""``/``hls_libs_path=""``), so the C simulation runs with g++ alone."""
    quiet_tensorflow()
    import hls4ml

    exprs, used = [], set()
    for e in expressions:
        lut_e, names = to_lut_expression(e)
        exprs.append(lut_e)
        used.update(names)
    luts = lut_functions(sorted(used), table_size=table_size, lut_range=lut_range) if used else None
    compiler = {"Vitis": "vitis_hls", "Vivado": "vivado_hls"}[settings.backend]
    return hls4ml.converters.convert_from_symbolic_expression(
        exprs, n_symbols=n_symbols, lut_functions=luts, output_dir=str(output_dir), precision=settings.precision,
        part=settings.part, clock_period=settings.clock_period, compiler=compiler, hls_include_path="",
        hls_libs_path="",
    )  # fmt: skip
