"""The L1 scripts as command-line programs (main(argv)) on tiny inputs."""

import json

import numpy as np
import pytest
from trigml.anomaly_kd_l1.features import detector_noise, load_dataset
from trigml.anomaly_kd_l1.layout import read_particles, write_particles


def _write_scores(path, role, shift, rng):
    np.savez(
        path,
        **{
            f"{role}__background": rng.exponential(1.0, 400),
            f"{role}__background_val": rng.exponential(1.0, 100),
            f"{role}__signal_Ato4l": rng.exponential(1.0, 100) + shift,
        },
    )


def test_prepare_script_writes_the_dataset_and_rejects_bad_arguments(tmp_path):
    import anomaly_kd_l1.prepare_l1_dataset as script

    rng = np.random.default_rng(0)
    for name, n in (("b", 30), ("s", 6), ("o", 4)):
        write_particles(tmp_path / f"{name}.h5", detector_noise(n, rng=rng))
    out = tmp_path / "d.npz"
    common = ["--outliers", str(tmp_path / "o.h5"), "--split", "0.5", "0.1", "0.4", "--n-noise", "5"]
    common += ["--max-events", "null", "--seed", "0"]
    script.main(
        [
            "--background",
            str(tmp_path / "b.h5"),
            "--signals",
            str(tmp_path / "s.h5"),
            "--names",
            "Ato4l",
            *common,
        ]
        + ["--dataset", str(out), "--log", str(tmp_path / "p.log")]
    )
    d = load_dataset(out)
    assert d["signal_Ato4l"].shape == (6, 57) and len(d["x_test"]) == 12 and len(d["outlier_noise"]) == 5
    assert "dataset" in (tmp_path / "p.log").read_text()
    with pytest.raises(SystemExit):
        script.main(
            ["--background", "b.h5", "--signals", "s.h5", "--names", "A", "B", *common, "--dataset", "x.npz"]
        )


def test_evaluate_script_writes_metrics(tmp_path):
    import anomaly_kd_l1.evaluate_l1 as script

    rng = np.random.default_rng(1)
    _write_scores(tmp_path / "t.npz", "teacher", 1.0, rng)
    np.savez(
        tmp_path / "s.npz",
        **{k: v for k, v in np.load(tmp_path / "t.npz").items()},
        student__background=rng.exponential(1.0, 400),
        student__background_val=rng.exponential(1.0, 100),
        student__signal_Ato4l=rng.exponential(1.0, 100) + 3.0,
    )
    _write_scores(tmp_path / "a.npz", "ae", 0.5, rng)
    data = tmp_path / "d.npz"
    np.savez(
        data,
        x_test=rng.random((50, 57)).astype(np.float32),
        signal_Ato4l=rng.random((20, 57)).astype(np.float32),
    )
    (tmp_path / "t.json").write_text(json.dumps({"n_params": 30000}))
    info = {"technique": "baseline", "n_params": 1000, "bits": 8, "teacher_n_params": 30000, "switches": {},
            "outlier_source": None}  # fmt: skip
    (tmp_path / "s.json").write_text(json.dumps(info))
    (tmp_path / "a.json").write_text(json.dumps({"n_params": 900, "bits": 8, "latent": 7}))
    out = tmp_path / "metrics.json"
    settings = {
        "fpr": [1e-5, 1e-2],
        "keep_fraction": 0.95,
        "max_param_ratio": 0.05,
        "bootstrap": 20,
        "ci_level": 0.9,
    }
    script.main(
        [
            "--dataset",
            str(data),
            "--teacher-scores",
            str(tmp_path / "t.npz"),
            "--teacher-info",
            str(tmp_path / "t.json"),
        ]
        + ["--student-scores", str(tmp_path / "s.npz"), "--student-infos", str(tmp_path / "s.json")]
        + ["--small-ae-scores", str(tmp_path / "a.npz"), "--small-ae-info", str(tmp_path / "a.json")]
        + ["--settings", json.dumps(settings), "--seed", "0", "--data-info", "{}", "--metrics", str(out)]
    )
    m = json.loads(out.read_text())
    assert m["fpr_targets"] == [1e-5, 1e-2]
    sig = m["students"]["baseline"]["signals"]["Ato4l"]
    assert sig["tpr_at_fpr_1e-05"]["tpr"] is None
    assert 0 < sig["tpr_at_fpr_0.01"]["tpr"] <= 1 and len(sig["tpr_at_fpr_0.01"]["ci"]) == 2
    assert 0.5 < m["teacher"]["signals"]["Ato4l"]["auc"] < 1
    assert "auc_of_sum_pt" in m["diagnostics"]["Ato4l"]


def test_simulate_script_writes_a_tiny_sample(tmp_path):
    import anomaly_kd_l1.simulate_l1_sample as script

    out = tmp_path / "lq.h5"
    sim = {"n_background": 5, "n_signal": 3, "n_outliers": 2, "ecm": 13000, "mpi": False, "qcd_pthat_min": 40,
           "cocktail": {"W": 1.0}, "detector": {}}  # fmt: skip
    script.main(["--sample", "leptoquark", "--events", str(out), "--sim", json.dumps(sim), "--seed", "2"])
    a = read_particles(out)
    assert a.shape == (3, 19, 4)
