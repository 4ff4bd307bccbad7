"""Tiny designs shared by the hardware tests (a plain module: conftest fixtures and module-scoped
fixtures both import it)."""

import numpy as np


def make_tiny_dense():
    """A 4-6-3 MLP (6-bit weights, quantized ReLU), 300 random inputs, labels from the float model."""
    from trigml.hardware.designs.dense import Layer, dense_design
    from trigml.hardware.designs.fixed import FixedType

    rng = np.random.default_rng(3)
    W1 = np.round(rng.normal(0, 0.5, (4, 6)) * 32) / 32
    W2 = np.round(rng.normal(0, 0.5, (6, 3)) * 32) / 32
    layers = [Layer(W=W1, b=np.full(6, 0.125), act="relu", out=FixedType(0, 2, 4), overflow="SAT", rounding="RND"),
              Layer(W=W2, b=np.zeros(3))]  # fmt: skip
    X = rng.normal(0, 1.5, (300, 4))
    fl = np.maximum(X @ W1 + 0.125, 0) @ W2
    return dense_design(name="tiny_dense", study="test", layers=layers, input_precision="ap_fixed<8,3>", X=X,
                        labels=fl.argmax(1), float_scores=fl)  # fmt: skip


def flow_keeping_outputs(design, prj):
    """``design`` through trace -> Verilator -> Yosys into ``prj`` at the tests' settings; returns the
    Verilator output codes (kept for wrong-reference tests, which need no second build) and the
    validated hardware.json record."""
    from trigml.hardware import rtl, schema
    from trigml.hardware.settings import RtlSettings

    settings = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=3.0,
                           n_checked=1000, max_cost=20000, synth_timeout_s=300)  # fmt: skip
    rtl.write_project(design, prj, settings)
    got, version = rtl.run_verilator(prj, n_checked=settings.n_checked)
    sim = {**rtl.check_outputs(prj, got), "tool_versions": {"verilator": version}}
    return got, schema.validate(rtl.hardware_record(prj, sim, rtl.synthesize(prj, settings), settings))
