"""Models that leave trigml: every trained model of a study exported to ONNX (and QONNX for the QKeras
models), each export run with onnxruntime on the study's inputs and compared with the framework.

Per study the checkpoints are found under ``results/<study>/`` after the study ran (rule ``export_onnx``
depends on the study's final targets):

=============  ======================================  ==================================================
study          checkpoints                             inputs of the check
=============  ======================================  ==================================================
tracking(_fpga) ``train/pt*/model.pt`` (PyTorch IN)    graphs of the tracking study at the same pT (test
                                                       events where ``edges/pt*/scores.npz`` names them)
jets_sr        ``nn/model_*.h5`` (Keras / QKeras)      the test jets of ``data/split.npz``
anomaly_kd     ``models/**/{teacher,models}.pt``       the test images of ``data/<dataset>.npz``
anomaly_kd_l1  ``models/*.h5`` (Keras / QKeras)        ``x_test`` of ``data/dataset.npz``
logic_warp     ``*/train/*networks*.pt`` (netlists)    the hardware test inputs stored with each network
=============  ======================================  ==================================================

PyTorch → ONNX with ``torch.onnx.export`` (TorchScript exporter, opset 17, dynamic batch / graph size);
Keras → ONNX with tf2onnx (QKeras quantisers become ordinary ONNX arithmetic, so onnxruntime runs them);
QKeras Dense networks → QONNX as well (``Quant`` nodes, checked with ``qonnx.core.onnx_exec``); WARP /
difflogic networks → ONNX built from their discrete netlist (Gather + table look-up + GroupSum).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

OPSET = 17
RTOL = 1e-4  # an export agrees when max |Δ| <= RTOL * max(1, max |framework output|)
MAX_CHECK_INPUTS = 256  # inputs per model in the check (the first of the test set, in file order)
EXPORTABLE_STUDIES = ("tracking", "tracking_fpga", "jets_sr", "anomaly_kd", "anomaly_kd_l1", "logic_warp")
STUDY_WILDCARD = "|".join(EXPORTABLE_STUDIES)


# ------------------------------------------------------------------------------------------------
# Workflow helpers (export.smk)
# ------------------------------------------------------------------------------------------------


def indices(config: Any) -> list[str]:
    """The export index of every study switched on that trains models."""
    from trigml import patterns

    return [patterns.export.index(study=s) for s in EXPORTABLE_STUDIES if s in config["studies"]]


def named_indices(config: Any) -> dict[str, list[str]]:
    """``{"exports": indices}`` for the summary's input, or ``{}`` when no study trains models."""
    found = indices(config)
    return {"exports": found} if found else {}


def study_inputs(rules: Any) -> Callable[[Any], list[str]]:
    """Input function of ``export_onnx``: the final targets of ``{study}`` (its models exist by then)."""

    def get(wildcards: Any) -> list[str]:
        from trigml.workflow import study_targets

        return study_targets(rules, wildcards.study)

    return get


# ------------------------------------------------------------------------------------------------
# Running an exported model
# ------------------------------------------------------------------------------------------------


class OnnxModel:
    """An ONNX file run by onnxruntime: ``model(x)`` or ``model(name=array, ...)`` → first output."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.path = Path(path)
        self.session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]

    def __call__(self, *args: np.ndarray, **feeds: np.ndarray) -> np.ndarray:
        feeds = {**dict(zip(self.input_names, args, strict=False)), **feeds}
        return self.session.run(None, {k: np.asarray(v) for k, v in feeds.items()})[0]


def load_model(path: str | os.PathLike[str]) -> Any:
    """A trained model from its file, without the workflow.

    ``.onnx`` → :class:`OnnxModel` (onnxruntime; numpy in, numpy out); ``.h5`` → the Keras / QKeras
    model; ``.pt`` → the PyTorch model(s) of the checkpoint: an interaction network (tracking), or
    ``{"teacher": ..., "<student>": ...}`` (anomaly_kd). ``ValueError`` names a file it cannot read.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    if path.suffix == ".onnx":
        return OnnxModel(path)
    if path.suffix == ".h5":
        return _load_keras(path)
    if path.suffix == ".pt":
        return _load_torch(path)
    raise ValueError(f"{path}: unknown model format (expected .onnx, .h5 or .pt)")


def _load_keras(path: Path) -> Any:
    from trigml.jets_sr.nn import load_model as load_qmodel

    return load_qmodel(path)


def _load_torch(path: Path) -> Any:
    import torch

    ck = torch.load(path, map_location="cpu", weights_only=False)
    if isinstance(ck, dict) and {"state_dict", "node_dim", "edge_dim"} <= set(ck):
        from trigml.tracking.train import load_model as load_in

        return load_in(path)
    if isinstance(ck, dict) and {"teacher", "students", "meta"} <= set(ck):
        from trigml.anomaly_kd.steps import models_from_checkpoint

        teacher, students, _ = models_from_checkpoint(path)
        return {"teacher": teacher, **dict(students.items())}
    raise ValueError(f"{path}: not a trigml PyTorch checkpoint (tracking IN or anomaly_kd teacher/students)")


def max_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"ONNX output shape {a.shape} differs from the framework's {b.shape}")
    return float(np.max(np.abs(a - b))) if a.size else 0.0


# ------------------------------------------------------------------------------------------------
# Exporters: one per framework
# ------------------------------------------------------------------------------------------------


def export_torch(module: Any, args: tuple[Any, ...], names: list[str], dynamic: dict[str, dict[int, str]],
                 out: Path) -> np.ndarray:  # fmt: skip
    """Export a PyTorch module; returns its output on ``args`` (the reference of the check)."""
    import torch

    from trigml.files import atomic_path

    module = module.eval()
    with torch.no_grad():
        ref = module(*args)
    with atomic_path(out) as tmp:
        torch.onnx.export(module, args, str(tmp), input_names=names, output_names=["y"], opset_version=OPSET,
                          dynamic_axes={**dynamic, "y": {0: "n"}}, dynamo=False)  # fmt: skip
    return ref.detach().cpu().numpy()


def export_keras(model: Any, out: Path) -> None:
    """Keras / QKeras → ONNX with tf2onnx (the quantisers become ONNX arithmetic)."""
    import tensorflow as tf
    import tf2onnx

    from trigml.files import atomic_path

    spec = tuple(
        tf.TensorSpec((None, *i.shape[1:]), tf.float32, name=f"x{j}") for j, i in enumerate(model.inputs)
    )
    proto, _ = tf2onnx.convert.from_keras(model, input_signature=spec, opset=OPSET)
    with atomic_path(out) as tmp:
        tmp.write_bytes(proto.SerializeToString())


def _quant_params(quantizer: Any) -> tuple[float, int, int] | None:
    """(scale, bit width, signed) of a QKeras ``quantized_bits`` / ``quantized_relu``; None if other."""
    name = type(quantizer).__name__
    if name == "quantized_bits" and str(getattr(quantizer, "alpha", None)) in ("1", "1.0", "None"):
        bits, integer = int(quantizer.bits), int(quantizer.integer)
        return 2.0 ** (integer + 1 - bits), bits, 1
    if name == "quantized_relu":
        bits, integer = int(quantizer.bits), int(quantizer.integer)
        return 2.0 ** (integer - bits), bits, 0
    return None


def _qonnx_layers(model: Any) -> list[tuple[str, Any]]:
    """The QKeras model as (kind, layer) steps, or ``ValueError`` saying what QONNX cannot hold here."""
    steps = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        if kind not in ("QDense", "QActivation", "Dense", "Activation"):
            raise ValueError(f"layer {layer.name} ({kind}) has no QONNX mapping in trigml")
        steps.append((kind, layer))
    return steps


def export_qonnx(model: Any, out: Path) -> None:
    """A QKeras Dense network as QONNX: ``Quant`` nodes on weights, biases and activations (batch size 1,
    the convention of the QONNX / FINN tools)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from trigml.files import atomic_path

    nodes, inits, cur = [], [], "x0"

    def const(name: str, value: Any) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), name))
        return name

    def quant(src: str, q: Any, tag: str) -> str:
        params = _quant_params(q) if q is not None else None
        if params is None:
            if q is not None:
                raise ValueError(f"{tag}: quantizer {q} has no QONNX mapping in trigml")
            return src
        scale, bits, signed = params
        nodes.append(helper.make_node("Quant", [src, const(f"{tag}_s", scale), const(f"{tag}_z", 0.0),
                                                const(f"{tag}_b", bits)], [f"{tag}_q"],
                                      domain="qonnx.custom_op.general", signed=signed, narrow=0,
                                      rounding_mode="ROUND"))  # fmt: skip
        return f"{tag}_q"

    for i, (kind, layer) in enumerate(_qonnx_layers(model)):
        cur = _qonnx_step(kind, layer, i, cur, nodes, const, quant)
    n_in = int(model.inputs[0].shape[-1])
    n_out = int(model.outputs[0].shape[-1])
    graph = helper.make_graph(nodes, "trigml_qonnx", [helper.make_tensor_value_info("x0", TensorProto.FLOAT, [1, n_in])],
                              [helper.make_tensor_value_info(cur, TensorProto.FLOAT, [1, n_out])], inits)  # fmt: skip
    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11),
                                                    helper.make_opsetid("qonnx.custom_op.general", 1)])  # fmt: skip
    onnx.checker.check_model(proto)
    with atomic_path(out) as tmp:
        tmp.write_bytes(proto.SerializeToString())


def _qonnx_step(
    kind: str, layer: Any, i: int, cur: str, nodes: list, const: Callable, quant: Callable
) -> str:
    from onnx import helper

    if kind in ("QDense", "Dense"):
        w, b = layer.get_weights()
        wq = quant(const(f"w{i}", w), getattr(layer, "kernel_quantizer_internal", None), f"w{i}")
        bq = quant(const(f"b{i}", b), getattr(layer, "bias_quantizer_internal", None), f"b{i}")
        nodes.append(helper.make_node("MatMul", [cur, wq], [f"mm{i}"]))
        nodes.append(helper.make_node("Add", [f"mm{i}", bq], [f"dense{i}"]))
        cur = f"dense{i}"
        act = getattr(layer, "activation", None)
        act_name = getattr(act, "__name__", type(act).__name__)
        if act_name not in ("linear", "None", "NoneType"):
            raise ValueError(
                f"layer {layer.name}: activation {act_name} inside a Dense layer has no QONNX mapping"
            )
        return cur
    act = layer.quantizer if kind == "QActivation" else layer.activation
    if kind == "QActivation" and _quant_params(act) is not None:
        if type(act).__name__ == "quantized_relu":
            nodes.append(helper.make_node("Relu", [cur], [f"relu{i}"]))
            cur = f"relu{i}"
        return quant(cur, act, f"a{i}")
    name = getattr(act, "__name__", str(act))
    if name == "relu":
        nodes.append(helper.make_node("Relu", [cur], [f"relu{i}"]))
        return f"relu{i}"
    if name == "linear":
        return cur
    if name in ("softmax", "sigmoid"):
        op = {"softmax": "Softmax", "sigmoid": "Sigmoid"}[name]
        nodes.append(helper.make_node(op, [cur], [f"{name}{i}"], **({"axis": -1} if op == "Softmax" else {})))
        return f"{name}{i}"
    raise ValueError(f"layer {layer.name}: activation {name} has no QONNX mapping in trigml")


def run_qonnx(path: Path, x: np.ndarray) -> np.ndarray:
    """QONNX's own executor (onnxruntime does not know ``Quant``), one sample at a time."""
    from qonnx.core.modelwrapper import ModelWrapper
    from qonnx.core.onnx_exec import execute_onnx
    from qonnx.transformation.infer_shapes import InferShapes

    w = ModelWrapper(str(path)).transform(InferShapes())
    iname, oname = w.graph.input[0].name, w.graph.output[0].name
    return np.concatenate([execute_onnx(w, {iname: x[i : i + 1]})[oname] for i in range(len(x))])


# ------------------------------------------------------------------------------------------------
# Logic networks: ONNX from the discrete netlist
# ------------------------------------------------------------------------------------------------


def export_netlist(d: dict[str, Any], out: Path) -> None:
    """A WARP / difflogic netlist (``trigml.logic_warp`` arrays) as ONNX: input bits (or fixed-point
    codes through the thermometer thresholds) → per layer Gather + truth-table look-up → GroupSum."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from trigml.files import atomic_path
    from trigml.logic_warp.netlist import FixedPoint

    nodes, inits = [], []

    def const(name: str, value: Any) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    cur = "x"
    if d["thresholds"] is not None:
        codes = FixedPoint(*d["fixed"]).threshold_codes(np.asarray(d["thresholds"])).astype(np.int64)
        nodes += [helper.make_node("Unsqueeze", ["x", const("ax2", np.array([2]))], ["xu"]),
                  helper.make_node("Greater", ["xu", const("thr", codes[None])], ["gt"]),
                  helper.make_node("Cast", ["gt"], ["gtf"], to=TensorProto.INT64),
                  helper.make_node("Flatten", ["gtf"], ["bits"], axis=1)]  # fmt: skip
        cur = "bits"
    for i, (inputs, tables) in enumerate(zip(d["inputs"], d["tables"], strict=True)):
        inputs, tables = np.asarray(inputs, np.int64), np.asarray(tables, np.int64)
        width, k = inputs.shape
        weights = (1 << np.arange(k - 1, -1, -1)).astype(np.int64)
        nodes.append(
            helper.make_node("Gather", [cur, const(f"in{i}", inputs)], [f"g{i}"], axis=1)
        )  # (N, W, k)
        nodes.append(helper.make_node("MatMul", [f"g{i}", const(f"wt{i}", weights)], [f"row{i}"]))  # (N, W)
        offset = const(f"off{i}", (np.arange(width, dtype=np.int64) << k))
        nodes.append(helper.make_node("Add", [f"row{i}", offset], [f"flat{i}"]))
        nodes.append(
            helper.make_node("Gather", [const(f"tab{i}", tables.reshape(-1)), f"flat{i}"], [f"h{i}"], axis=0)
        )
        cur = f"h{i}"
    n_classes = int(d["n_classes"])
    nodes += [helper.make_node("Reshape", [cur, const("shape", np.array([0, n_classes, -1]))], ["groups"]),
              helper.make_node("ReduceSum", ["groups", const("ax", np.array([2]))], ["y"], keepdims=0)]  # fmt: skip
    x_info = helper.make_tensor_value_info("x", TensorProto.INT64, [None, int(d["n_inputs"])])
    y_info = helper.make_tensor_value_info("y", TensorProto.INT64, [None, n_classes])
    proto = helper.make_model(helper.make_graph(nodes, "trigml_logic", [x_info], [y_info], inits),
                              opset_imports=[helper.make_opsetid("", OPSET)])  # fmt: skip
    onnx.checker.check_model(proto)
    with atomic_path(out) as tmp:
        tmp.write_bytes(proto.SerializeToString())


# ------------------------------------------------------------------------------------------------
# Per study: which models, which inputs; one record per exported model
# ------------------------------------------------------------------------------------------------


def _record(
    name: str, framework: str, out: Path, ref: np.ndarray, got: np.ndarray, n: int, **extra: Any
) -> dict:
    scale = float(np.max(np.abs(ref))) if np.size(ref) else 0.0
    return {"model": name, "framework": framework, "onnx": out.name, "n_checked": int(n),
            "max_abs_diff": max_abs_diff(got, ref), "tolerance": RTOL * max(1.0, scale), "opset": OPSET,
            **extra}  # fmt: skip


def _tracking_models(results: Path, study: str, outdir: Path) -> Iterator[dict[str, Any]]:
    import torch

    from trigml.tracking.train import load_model as load_in
    from trigml.tracking.train import to_data

    for ckpt in sorted((results / study / "train").glob("pt*/model.pt")):
        pt = ckpt.parent.name
        graphs = _tracking_graphs(results, pt)
        if not graphs:
            raise FileNotFoundError(
                f"{results}/tracking/graphs/{pt}: no graphs to check the {study} export on"
            )
        model = load_in(ckpt)
        out = outdir / f"in_{pt}.onnx"
        refs, gots = [], []
        for i, g in enumerate(graphs):
            data = to_data(g)
            args = (data.x.float(), data.edge_index.long(), data.edge_attr.float())
            if i == 0:
                export_torch(model, args, ["x", "edge_index", "edge_attr"],
                             {"x": {0: "nodes"}, "edge_index": {1: "edges"}, "edge_attr": {0: "edges"}}, out)  # fmt: skip
                onnx_model = OnnxModel(out)
            with torch.no_grad():
                refs.append(model(*args).numpy())
            gots.append(onnx_model(*(a.numpy() for a in args)))
        yield _record(f"in_{pt}", "pytorch", out, np.concatenate(refs), np.concatenate(gots), len(graphs),
                      inputs=f"{len(graphs)} graphs ({', '.join(p.stem for p in graphs)})")  # fmt: skip


def _tracking_graphs(results: Path, pt: str, n: int = 3) -> list[Path]:
    """Test graphs at ``pt`` (named by the edge scores of the test events), else the last ``n`` graphs."""
    gdir = results / "tracking" / "graphs" / pt
    scores = results / "tracking" / "edges" / pt / "scores.npz"
    if scores.exists():
        with np.load(scores) as z:
            test = [gdir / f"{name}.npz" for name in sorted(z.files)]
        test = [p for p in test if p.exists()]
        if test:
            return test[:n]
    return sorted(gdir.glob("event*.npz"))[-n:]


def _keras_models(files: list[Path], x: np.ndarray, outdir: Path, inputs: str) -> Iterator[dict[str, Any]]:
    """Every Keras / QKeras model: ONNX (tf2onnx, onnxruntime check); QONNX too where it maps."""
    for f in files:
        model = _load_keras(f)
        ref = model.predict(x, verbose=0)
        out = outdir / f"{f.stem}.onnx"
        export_keras(model, out)
        rec = _record(f.stem, "keras", out, ref, OnnxModel(out)(x), len(x), inputs=inputs)
        if any(type(layer).__name__.startswith("Q") for layer in model.layers):
            rec.update(_qonnx_record(model, f.stem, x, ref, outdir))
        yield rec


def _qonnx_record(model: Any, stem: str, x: np.ndarray, ref: np.ndarray, outdir: Path) -> dict[str, Any]:
    qout = outdir / f"{stem}.qonnx.onnx"
    try:
        export_qonnx(model, qout)
    except ValueError as exc:  # a layer without a QONNX mapping: said, not hidden
        return {"qonnx": None, "qonnx_reason": str(exc)}
    n = min(len(x), 32)  # QONNX's executor is slow (one sample at a time)
    return {
        "qonnx": qout.name,
        "qonnx_n_checked": n,
        "qonnx_max_abs_diff": max_abs_diff(run_qonnx(qout, x[:n]), ref[:n]),
    }


def _jets_sr_models(results: Path, study: str, outdir: Path) -> Iterator[dict[str, Any]]:
    from trigml import patterns
    from trigml.jets_sr.steps import load_split

    files = sorted((results / study / "nn").glob("model_*.h5"))
    if not files:
        return
    root = Path(patterns.RESULTS)
    d = load_split(str(results / Path(patterns.jets_sr.dataset()).relative_to(root)),
                   str(results / Path(patterns.jets_sr.split()).relative_to(root)))  # fmt: skip
    x = d["test"][0][:MAX_CHECK_INPUTS]
    yield from _keras_models(files, x, outdir, f"first {len(x)} test jets")


def _anomaly_kd_l1_models(results: Path, study: str, outdir: Path) -> Iterator[dict[str, Any]]:
    files = sorted((results / study / "models").glob("*.h5"))
    if not files:
        return
    with np.load(results / study / "data" / "dataset.npz") as z:
        x = z["x_test"][:MAX_CHECK_INPUTS].astype(np.float32)
    yield from _keras_models(files, x, outdir, f"first {len(x)} test events (x_test)")


def _anomaly_kd_models(results: Path, study: str, outdir: Path) -> Iterator[dict[str, Any]]:
    import torch

    from trigml.anomaly_kd.datasets import load_image_set, to_float
    from trigml.anomaly_kd.steps import models_from_checkpoint

    base = results / study / "models"
    for ckpt in sorted(base.glob("**/*.pt")):
        rel = ckpt.relative_to(base)  # <dataset>/<technique>/class<c>/{teacher,models}.pt
        x = to_float(
            load_image_set(results / study / "data" / f"{rel.parts[0]}.npz").x_test[:MAX_CHECK_INPUTS]
        )
        teacher, students, _ = models_from_checkpoint(ckpt)
        models = (
            {"teacher": teacher} if ckpt.stem == "teacher" else {"teacher": teacher, **dict(students.items())}
        )
        for role, module in models.items():
            tail = (
                ["teacher"]
                if ckpt.stem == "teacher"
                else ["models" if role == "teacher" else "student", role]
            )
            name = "_".join([*rel.parent.parts, *tail])
            out = outdir / f"{name}.onnx"
            args = (torch.as_tensor(x),)
            ref = export_torch(module, args, ["x"], {"x": {0: "n"}}, out)
            yield _record(name, "pytorch", out, ref, OnnxModel(out)(x), len(x),
                          inputs=f"first {len(x)} test images of {rel.parts[0]}")  # fmt: skip


def _logic_warp_models(results: Path, study: str, outdir: Path) -> Iterator[dict[str, Any]]:
    import torch

    for f in sorted((results / study).glob("*/train/*networks*.pt")):
        nets = torch.load(f, map_location="cpu", weights_only=False)
        for method, designs in sorted(nets.items()):
            for design, ex in sorted(designs.items()):
                name = f"{f.parent.parent.name}_{f.stem}_{method}_{design}".replace(".", "p")
                out = outdir / f"{name}.onnx"
                export_netlist(ex["netlist"], out)
                x = np.asarray(ex["x"], dtype=np.int64)[:MAX_CHECK_INPUTS]
                ref = np.asarray(ex["torch_counts"])[:MAX_CHECK_INPUTS]
                yield _record(name, "pytorch (torchlogix, discrete)", out, ref, OnnxModel(out)(x), len(x),
                              inputs=f"first {len(x)} hardware test inputs stored with the network")  # fmt: skip


def _checked_diffs(record: dict[str, Any]) -> list[float]:
    """Max |Δ| of every export of one model: ONNX always, QONNX where it was written."""
    diffs = [record["max_abs_diff"]]
    if "qonnx_max_abs_diff" in record:
        diffs.append(record["qonnx_max_abs_diff"])
    return diffs


STUDY_EXPORTERS: dict[str, Callable[[Path, str, Path], Iterator[dict[str, Any]]]] = {
    "tracking": _tracking_models,
    "tracking_fpga": _tracking_models,
    "jets_sr": _jets_sr_models,
    "anomaly_kd": _anomaly_kd_models,
    "anomaly_kd_l1": _anomaly_kd_l1_models,
    "logic_warp": _logic_warp_models,
}


def export_study(results: str | os.PathLike[str], study: str, outdir: str | os.PathLike[str],
                 index_json: str | os.PathLike[str]) -> dict[str, Any]:  # fmt: skip
    """Export every trained model of ``study`` into ``outdir``; write the checks to ``index_json``."""
    from trigml.files import write_json

    if study not in STUDY_EXPORTERS:
        raise ValueError(f"no exporter for study {study!r} (known: {', '.join(STUDY_EXPORTERS)})")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    records = []
    for rec in STUDY_EXPORTERS[study](Path(results), study, outdir):
        log.info("%s: %s → %s, max |Δ| %.3g on %d inputs", study, rec["model"], rec["onnx"],
                 rec["max_abs_diff"], rec["n_checked"])  # fmt: skip
        records.append(rec)
    index = {"study": study, "models": records,
             "max_abs_diff": max((r["max_abs_diff"] for r in records), default=None)}  # fmt: skip
    write_json(index_json, index)
    bad = [r for r in records if max(_checked_diffs(r)) > r["tolerance"]]
    if bad:
        raise ValueError(
            f"{index_json}: ONNX export disagrees with the framework for "
            + ", ".join(f"{r['model']} (max |Δ| {r['max_abs_diff']:.3g} > {r['tolerance']:.3g})" for r in bad)
        )
    return index
