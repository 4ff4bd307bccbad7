"""The conv design kind (anomaly_kd's students): a tiny Conv2d / LeakyReLU / AvgPool2d / Linear
network, streamed as one kernel per stage, goes through trace → Verilator (bit-exact) → Yosys;
the traced kernels compute exactly the NumPy fixed-point network; a wrong reference fails naming
the design; what has no streaming kernel gives a clear error."""

import numpy as np
import pytest

pytestmark = pytest.mark.unit

PRECISION = "ap_fixed<12,4>"


def _tiny_net():
    import torch
    from torch import nn

    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(1, 2, 3), nn.LeakyReLU(0.3), nn.AvgPool2d(2), nn.Conv2d(2, 2, 2, stride=2),
                         nn.LeakyReLU(0.3), nn.Flatten(), nn.Linear(2, 1)).eval()  # fmt: skip


def _tiny_design(n=120):
    """8x8 images -> conv 6x6x2 -> pool 3x3x2 -> conv(k2, s2) 1x1x2 -> head; label 1 = bright image."""
    import torch
    from trigml.hardware.designs.conv import conv_design, stages_from_torch

    net = _tiny_net()
    rng = np.random.default_rng(2)
    x = rng.random((n, 1, 8, 8)) * rng.random((n, 1, 1, 1))
    with torch.no_grad():
        scores = net(torch.from_numpy(x.astype(np.float32))).numpy()
    y = (x.mean(axis=(1, 2, 3)) > np.median(x.mean(axis=(1, 2, 3)))).astype(int)
    d = conv_design(name="tiny_conv", study="test", stages=stages_from_torch(net, PRECISION), precision=PRECISION,
                    x=x, labels=y, float_scores=scores, seed=1)  # fmt: skip
    return d, x, scores


def test_stages_and_kernels_replay_the_network():
    from trigml.hardware.designs.conv import forward, stages_from_torch
    from trigml.hardware.designs.fixed import parse_ap_fixed
    from trigml.hardware.rtl import _on_grid

    d, x, scores = _tiny_design()
    stages = stages_from_torch(_tiny_net(), PRECISION)
    assert [s.kind for s in stages] == ["conv", "pool", "conv", "dense"]
    assert (
        stages[0].slope == np.floor(0.3 * 256) / 256 and stages[1].slope is None
    )  # slope cast to ap_fixed<12,4>
    assert d.comb.shape == (9 + 8 + 8 + 2, 1 + 2 + 2 + 2)  # one window per kernel in, [head, stages] out
    assert [s["windows_per_image"] for s in d.meta["stages"]] == [36, 9, 1, 1]
    X = _on_grid(d.inputs, d.comb.inp_qint)
    assert np.array_equal(X, d.inputs)  # the test rows are already on the design's input grid
    t = parse_ap_fixed(PRECISION)
    fixed = forward(x, stages, t, t)
    out = d.predict(X)
    assert np.array_equal(out[:, 0], fixed[:, 0])  # output 0 is the whole network's fixed-point score
    assert np.abs(fixed[:, 0] - scores[:, 0]).max() < 0.05  # 8 fractional bits
    # kernel outputs are stage outputs: the second output pair is conv 0 on the row's window
    first = d.inputs[:, :9] @ stages[0].W.reshape(2, -1).T + stages[0].b
    assert np.all(np.abs(out[:, 1:3] - np.where(first > 0, first, 0.3 * first)) <= 2 / 256)


def test_unsupported_layers_are_named():
    from torch import nn
    from trigml.hardware.designs.conv import stages_from_torch

    with pytest.raises(ValueError, match="MaxPool2d is not supported"):
        stages_from_torch(
            nn.Sequential(nn.Conv2d(1, 1, 3), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1, 1)), PRECISION
        )
    with pytest.raises(ValueError, match="power of two"):
        stages_from_torch(
            nn.Sequential(nn.Conv2d(1, 1, 3), nn.AvgPool2d(3), nn.Flatten(), nn.Linear(1, 1)), PRECISION
        )
    with pytest.raises(ValueError, match="exactly one Linear head"):
        stages_from_torch(nn.Sequential(nn.Conv2d(1, 1, 3)), PRECISION)


@pytest.fixture(scope="module")
def conv_run(tmp_path_factory):
    from hw_tiny import flow_keeping_outputs

    d, _, _ = _tiny_design()
    prj = tmp_path_factory.mktemp("conv") / "rtl"
    return prj, *flow_keeping_outputs(d, prj)


def test_conv_design_bit_exact_and_synthesised(conv_run):
    _, got, r = conv_run
    assert len(got) == 120 and r["n_checked"] == 120 and r["bit_exact"] and r["mismatches"] == 0
    assert r["synthesized"], r["reason"]
    assert r["luts"] > 0 and r["dsps"] == 0 and r["latency_cycles"] >= 1
    assert (
        r["metric"] == "auc"
        and r["accuracy_float"] > 0.6
        and abs(r["accuracy_fixed"] - r["accuracy_float"]) < 0.05
    )
    assert r["details"]["architecture"].startswith("streaming")


def test_conv_wrong_reference_names_the_design(conv_run):
    from trigml.hardware import rtl

    prj, got, _ = conv_run
    with np.load(prj / "reference.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["expected_codes"][5, 0] += 1  # a deliberately wrong software score for image #5
    np.savez_compressed(prj / "reference.npz", **arrays)
    with pytest.raises(
        rtl.BitMismatch, match=r"design tiny_conv: 1 of 120 inputs .* first differing input #5"
    ):
        rtl.check_outputs(prj, got)


def test_default_config_traces_the_hls4ml_students():
    """make run's config sends anomaly_kd.hls's students (F, G of the first class) to the open flow, at
    the hls4ml precision; hardware.anomaly_kd.students narrows them and names unknown ones."""
    import copy
    from pathlib import Path

    from trigml.config import load_config
    from trigml.hardware import inputs

    config = load_config(Path(__file__).resolve().parents[2] / "config" / "config.yaml")
    kd = config["anomaly_kd"]
    opts = inputs.anomaly_kd_options(config)
    classes = kd["hls"]["classes"] if kd["hls"]["classes"] is not None else kd["classes"][:1]
    want = [f"{d}_{kd['hls']['technique']}_class{c}_{s}" for d in kd["datasets"] for c in classes
            for s in kd["hls"]["students"]]  # fmt: skip
    assert list(opts) == want and inputs.design_names(config)["anomaly_kd"] == want
    assert {o["precision"] for o in opts.values()} == {kd["hls"]["precision"]}
    assert f"results/anomaly_kd/hardware/{want[0]}/hardware.json" in inputs.all_hardware(config)
    c = copy.deepcopy(config)
    c["hardware"]["anomaly_kd"]["students"] = [kd["hls"]["students"][0]]
    assert list(inputs.anomaly_kd_options(c)) == want[:1]
    c["hardware"]["anomaly_kd"]["students"] = ["Z"]
    with pytest.raises(ValueError, match="'Z'"):
        inputs.anomaly_kd_options(c)
