"""What each study sends to the open RTL flow: one builder per design kind, from the study's own
output files to a :class:`~trigml.hardware.design.Design` (``convert_rtl`` calls one by name).

* ``jets_nn``: jets_sr's QKeras NN (quantizers replayed), input at jets_sr.nn.hls_precision, test jets;
* ``jets_sr``: the five one-vs-rest expressions of one complexity of jets_sr's SR sweep (the front's
  chosen members), at jets_sr.hls.precision with its LUT functions;
* ``logic_warp``: one network exported by logic_warp (its own Verilog);
* ``anomaly_kd_l1``: the QKeras L1 student at anomaly_kd_l1.hls.default_precision on the test
  background and every signal (AUC, 1 = signal);
* ``anomaly_kd``: a convolutional student of the paper half (the hls4ml students F, G) at
  anomaly_kd.hls.precision, as the streaming datapath hls4ml's io_stream builds (one kernel per
  stage, :mod:`trigml.hardware.designs.conv`), on the task's test images (AUC, 1 = anomaly).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .design import Design

__all__ = ["BUILDERS", "build"]


def jets_nn(*, name: str, model: str, dataset: str, split: str, input_precision: str) -> Design:
    """jets_sr's quantized NN on the test jets."""
    from trigml.jets_sr.nn import load_model
    from trigml.jets_sr.steps import load_split

    from .designs.dense import dense_design, layers_from_qkeras

    qmodel = load_model(model)
    X, y = load_split(dataset, split)["test"]
    scores = qmodel.predict(X, verbose=0)
    return dense_design(name=name, study="jets_sr", layers=layers_from_qkeras(qmodel), input_precision=input_precision,
                        X=X, labels=y, float_scores=scores, metric="accuracy",
                        precision=f"QKeras quantizers of {qmodel.name}, input {input_precision}",
                        meta={"model": model})  # fmt: skip


def jets_sr(*, name: str, front: str, dataset: str, split: str, complexity: int, precision: str,
            table_size: int, lut_range: list[float]) -> Design:  # fmt: skip
    """The SR classifier (one expression per class) of maximum complexity ``complexity``."""
    from trigml.files import read_json
    from trigml.jets_sr.features import CLASSES, FEATURES
    from trigml.jets_sr.steps import load_split

    from .designs.symbolic import symbolic_design

    fr = read_json(front)
    sweep = {int(s["max_complexity"]): s for s in fr["sweep"]}
    if complexity not in sweep:
        raise ValueError(
            f"design {name}: complexity {complexity} is not in the SR sweep {sorted(sweep)} ({front})"
        )
    cols = [FEATURES.index(f) for f in fr["features"]]
    X, y = load_split(dataset, split)["test"]
    exprs = [sweep[complexity]["expressions"][k] for k in CLASSES]
    return symbolic_design(name=name, study="jets_sr", expressions=exprs, n_inputs=len(cols), precision=precision,
                           table_size=table_size, lut_range=lut_range, X=np.asarray(X)[:, cols], labels=y,
                           meta={"max_complexity": complexity, "classes": list(CLASSES)})  # fmt: skip


def logic_warp(*, name: str, export_dir: str, network: str, pipeline_every: int) -> Design:
    """One exported logic network."""
    from .designs.logicnet import logicnet_design

    return logicnet_design(export_dir, network, study="logic_warp", name=name, pipeline_every=pipeline_every)


def anomaly_kd_l1(*, name: str, model: str, dataset: str, input_precision: str, seed: int) -> Design:
    """The QKeras L1 student on test background and all signals (shuffled, seeded)."""
    from trigml.anomaly_kd_l1.features import load_dataset, signal_names
    from trigml.anomaly_kd_l1.models import load_model

    from .designs.dense import dense_design, layers_from_qkeras

    data = load_dataset(dataset)
    sig = [data[f"signal_{n}"] for n in signal_names(data)]
    X = np.concatenate([data["x_test"], *sig]).astype(np.float32)
    y = np.concatenate([np.zeros(len(data["x_test"]), int), *[np.ones(len(s), int) for s in sig]])
    order = np.random.default_rng(seed).permutation(len(X))
    X, y = X.reshape(len(X), -1)[order], y[order]
    qmodel = load_model(model)
    scores = np.asarray(qmodel.predict(X, verbose=0)).reshape(len(X), -1)
    return dense_design(name=name, study="anomaly_kd_l1", layers=layers_from_qkeras(qmodel),
                        input_precision=input_precision, X=X, labels=y, float_scores=scores, metric="auc",
                        precision=f"QKeras quantizers, input {input_precision}", meta={"model": model})  # fmt: skip


def anomaly_kd(*, name: str, model: str, dataset: str, student: str, precision: str, val_fraction: float,
               seed: int) -> Design:  # fmt: skip
    """Student ``student`` of the checkpoint ``model`` (one dataset, technique and class) on that task's
    test images of the image set ``dataset`` (normal + anomalies)."""
    import torch

    from trigml.anomaly_kd.datasets import load_image_set, one_class_task
    from trigml.anomaly_kd.steps import models_from_checkpoint

    from .designs.conv import conv_design, stages_from_torch

    _, students, meta = models_from_checkpoint(model)
    if student not in students:
        raise KeyError(f"design {name}: {model} has no student {student!r} (has {list(students)})")
    task = one_class_task(load_image_set(dataset), int(meta["class"]), val_fraction=val_fraction, seed=seed)
    net = students[student].cpu().eval()
    with torch.no_grad():
        scores = net(torch.from_numpy(np.ascontiguousarray(task.x_test, dtype=np.float32))).numpy()
    return conv_design(name=name, study="anomaly_kd", stages=stages_from_torch(net, precision), precision=precision,
                       x=task.x_test, labels=task.y_test, float_scores=scores.reshape(len(scores), -1), seed=seed,
                       meta={"student": student, "layers": list(net.layers), "checkpoint": model,
                             "class": int(meta["class"]), "technique": meta["technique"]})  # fmt: skip


def tracking_fpga(**kwargs: Any) -> Design:
    """The FPGA interaction network on one fixed-size sector graph (trigml.tracking_fpga.rtl)."""
    from trigml.tracking_fpga.rtl import in_rtl_design

    return in_rtl_design(**kwargs)


BUILDERS: dict[str, Callable[..., Design]] = {
    "jets_nn": jets_nn, "jets_sr": jets_sr, "logic_warp": logic_warp, "anomaly_kd_l1": anomaly_kd_l1,
    "anomaly_kd": anomaly_kd, "tracking_fpga": tracking_fpga,
}  # fmt: skip


def build(builder: str, **kwargs: Any) -> Design:
    """The design made by builder ``builder`` (a key of :data:`BUILDERS`) from ``kwargs``."""
    if builder not in BUILDERS:
        raise ValueError(f"unknown design builder {builder!r}; known: {sorted(BUILDERS)}")
    return BUILDERS[builder](**kwargs)
