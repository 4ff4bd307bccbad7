"""The jet parquet format: reader errors, OpenML conversion, download through trigml.download."""

import numpy as np
import pandas as pd
import pytest
from trigml.jets_sr import dataset as D
from trigml.jets_sr.features import CLASSES, FEATURES


def _frame(n=20, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.normal(size=(n, 16)).astype(np.float32), columns=FEATURES)
    df["class"] = [CLASSES[i % 5] for i in range(n)]
    return df


def test_roundtrip_and_label_order(tmp_path):
    df = _frame()
    D.write_jets(df, tmp_path / "j.parquet")
    X, y, names = D.load_jets(tmp_path / "j.parquet")
    assert X.dtype == np.float32 and X.shape == (20, 16)
    assert names == FEATURES
    assert y.tolist() == [i % 5 for i in range(20)]  # g, q, t, w, z = 0..4
    np.testing.assert_array_equal(X, df[FEATURES].to_numpy())
    back = pd.read_parquet(tmp_path / "j.parquet")
    assert list(back.columns) == [*FEATURES, "class"]
    assert all(back[c].dtype == np.float32 for c in FEATURES)


def test_missing_column_is_named(tmp_path):
    df = _frame().drop(columns=["d2_a1_b2_mmdt"])
    df.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(D.JetDatasetError, match=r"bad\.parquet.*d2_a1_b2_mmdt"):
        D.load_jets(tmp_path / "bad.parquet")


def test_nan_is_refused_with_column_and_row(tmp_path):
    df = _frame()
    df.loc[7, "mass_mmdt"] = np.nan
    df.to_parquet(tmp_path / "nan.parquet")
    with pytest.raises(D.JetDatasetError, match=r"'mass_mmdt' has 1 NaN.*row 7"):
        D.load_jets(tmp_path / "nan.parquet")


def test_unknown_class_empty_and_unreadable(tmp_path):
    df = _frame()
    df.loc[0, "class"] = "higgs"
    with pytest.raises(D.JetDatasetError, match="higgs"):
        D.validate_frame(df)
    with pytest.raises(D.JetDatasetError, match="empty"):
        D.validate_frame(_frame().iloc[:0])
    (tmp_path / "junk.parquet").write_text("not parquet")
    with pytest.raises(D.JetDatasetError, match="junk.parquet"):
        D.load_jets(tmp_path / "junk.parquet")
    with pytest.raises(FileNotFoundError, match="nowhere.parquet"):
        D.load_jets(tmp_path / "nowhere.parquet")


def test_no_partial_file_on_error(tmp_path):
    df = _frame()
    df.loc[0, "zlogz"] = np.inf
    with pytest.raises(D.JetDatasetError):
        D.write_jets(df, tmp_path / "out.parquet")
    assert list(tmp_path.iterdir()) == []


def _write_arff(path, df):
    lines = ["@RELATION hls4ml_lhc_jets_hlf", ""]
    lines += [f"@ATTRIBUTE {c} NUMERIC" for c in FEATURES]
    lines += ["@ATTRIBUTE class {g,q,t,w,z}", "", "@DATA"]
    for _, row in df.iterrows():
        lines.append(",".join([f"{row[c]:.6g}" for c in FEATURES] + [row["class"]]))
    path.write_text("\n".join(lines) + "\n")


def test_convert_openml_arff_and_subset(tmp_path):
    df = _frame(30)
    _write_arff(tmp_path / "d.arff", df)
    out = D.convert_openml(tmp_path / "d.arff", tmp_path / "jets.parquet")
    assert len(out) == 30
    X, y, _ = D.load_jets(tmp_path / "jets.parquet")
    np.testing.assert_allclose(X, df[FEATURES].to_numpy(), rtol=1e-5, atol=1e-6)
    sub = D.convert_openml(tmp_path / "d.arff", tmp_path / "sub.parquet", max_jets=12, seed=3)
    assert len(sub) == 12


def test_download_openml_over_http(tmp_path, http_server):
    served = tmp_path / "srv"
    served.mkdir()
    _frame(25).to_parquet(served / "dataset_42468.pq")  # OpenML's parquet layout: features + class
    base = http_server(served)
    out = D.download_openml(tmp_path / "jets.parquet", tmp_path / "dl", url=f"{base}/dataset_42468.pq")
    assert len(out) == 25
    assert (tmp_path / "dl" / "dataset_42468.pq").exists()
    X, y, _ = D.load_jets(tmp_path / "jets.parquet")
    assert X.shape == (25, 16)
    with pytest.raises(Exception, match="sha256|checksum"):
        D.download_openml(
            tmp_path / "j2.parquet", tmp_path / "dl2", url=f"{base}/dataset_42468.pq", sha256="0" * 64
        )
    assert not (tmp_path / "j2.parquet").exists()


def test_split_is_stratified_and_seeded():
    y = np.repeat(np.arange(5), 40)
    a = D.split_indices(y, seed=1)
    b = D.split_indices(y, seed=1)
    assert [len(a[k]) for k in ("train", "val", "test")] == [120, 40, 40]
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
        assert np.bincount(y[a[k]]).tolist() == [len(a[k]) // 5] * 5
    assert len(np.intersect1d(a["train"], a["test"])) == 0
    with pytest.raises(ValueError, match="fractions"):
        D.split_indices(y, fractions=(0.5, 0.5, 0.5))
