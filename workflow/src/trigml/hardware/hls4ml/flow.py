"""The one hls4ml flow every study uses: compile -> C simulation -> compare -> synthesis (or its
explicit skip) -> ``hardware.json`` record."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .compare import compare
from .converters import HLSSettings
from .csim import compile_model, predict
from .synthesis import record, synthesize

log = logging.getLogger(__name__)


def evaluate(
    hls_model: Any,
    settings: HLSSettings,
    *,
    design: str,
    study: str,
    inputs: np.ndarray | Sequence[np.ndarray],
    reference: np.ndarray,
    report_dir: str | Path,
    labels: np.ndarray | None = None,
    metric: str | None = None,
    n_scores: int | None = None,
    mask: np.ndarray | None = None,
    synthesize_design: bool = True,
    details: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], np.ndarray]:
    """Compile ``hls_model``, simulate ``inputs``, compare with ``reference`` (the framework's
    outputs on the same inputs), synthesise where the tool exists; the validated record and the
    C-simulation outputs. ``synthesize_design=False`` records the skip (e.g. scan points)."""
    compile_s = compile_model(hls_model)
    out, csim_s = predict(hls_model, inputs)
    comp = compare(reference, out, labels=labels, metric=metric, n_scores=n_scores, mask=mask)
    comp.update(compile_s=compile_s, csim_rows_per_s=len(out) / csim_s if csim_s > 0 else None)
    log.info("%s/%s: C simulation vs reference %s", study, design, comp)
    if synthesize_design:
        synth = synthesize(hls_model, settings, report_dir=report_dir)
    else:
        from trigml.hardware import schema

        synth = schema.not_synthesized(
            backend="hls4ml", part=settings.part, clock_ns=float(settings.clock_period),
            reason="synthesis not requested for this design (C simulation only)",
        )  # fmt: skip
    return record(synth, comp, design=design, study=study, details=details), out
