"""hls4ml C simulation of a tiny student against PyTorch (g++ only; no Vivado needed)."""

import numpy as np
import pytest
import torch
from trigml.anomaly_kd.hls import csim_compare
from trigml.anomaly_kd.models import Student


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    torch.manual_seed(3)
    st = Student(layers=["conv2", "avgpool2", "conv2s2", "avgpool2"], name="G").eval()
    rng = np.random.default_rng(0)
    x = rng.random((40, 1, 28, 28), dtype=np.float32)
    y = np.repeat([0, 1], 20)
    x[y == 1] *= 0.5  # make the two halves differ so the AUC is defined and not trivial
    res, hm = csim_compare(st, x, y, tmp_path_factory.mktemp("hls") / "g", precision="ap_fixed<18,4>")
    return st, x, res, hm


def test_csim_matches_pytorch(compiled):
    st, x, res, hm = compiled
    assert res["n_images"] == 40
    # 14 fractional bits; a few roundings through conv, pool and dense layers
    assert res["max_abs_diff"] < 5e-3
    assert abs(res["auc_csim"] - res["auc_torch"]) < 0.05


def test_csim_is_the_compiled_model(compiled):
    st, x, res, hm = compiled
    with torch.no_grad():
        ref = st(torch.from_numpy(x[:5])).numpy().ravel()
    got = np.asarray(hm.predict(np.ascontiguousarray(x[:5]))).ravel()
    assert np.max(np.abs(got - ref)) <= res["max_abs_diff"] + 1e-12
