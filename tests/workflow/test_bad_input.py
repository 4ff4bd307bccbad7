"""Bad input across the studies: each case gives a clear error that names the file (or config
key) and the field, and leaves nothing half-written (issue 18, item 7)."""

from __future__ import annotations

import gzip
import importlib.util
import json
import struct
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]


def _fixtures():
    spec = importlib.util.spec_from_file_location("trackml_fixtures", REPO / "tests/data/trackml_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _only(folder: Path, *names: str) -> None:
    """Nothing but ``names`` in ``folder``: no output, no temporary file left behind."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


# --- TrackML events (data, tracking, tracking_fpga) -------------------------------------------


@pytest.fixture
def event_dir(tmp_path):
    from trigml.data.trackml.io import write_event

    write_event(tmp_path / "ev", 1000, *_fixtures().make_event())
    return tmp_path / "ev"


def _load(event_dir):
    from trigml.data.trackml.io import load_event

    return load_event(event_dir / "event000001000")


def _rewrite_csv(path: Path, edit) -> None:
    import pandas as pd

    df = pd.read_csv(path)
    edit(df).to_csv(path, index=False)


@pytest.mark.parametrize(
    ("part", "edit", "field"),
    [
        ("hits", lambda df: df.drop(columns=["x"]), "x"),
        ("hits", lambda df: df.assign(z=df["z"].where(df.index != 2)), "z"),
        ("particles", lambda df: df.assign(px="fast"), "px"),
        ("truth", lambda df: df.assign(hit_id=df["hit_id"] + 10_000), "hit_id"),
        (
            "hits",
            lambda df: df.assign(hit_id=df["hit_id"].where(df.index != 1, df["hit_id"].iloc[0])),
            "hit_id",
        ),
    ],
    ids=["missing-column", "nan", "not-numeric", "truth-ids-unknown", "duplicate-ids"],
)
def test_trackml_event_with_a_bad_column(event_dir, part, edit, field):
    from trigml.data.trackml.format import TrackMLFormatError

    path = event_dir / f"event000001000-{part}.csv"
    _rewrite_csv(path, edit)
    with pytest.raises(TrackMLFormatError) as err:
        _load(event_dir)
    text = str(err.value)
    assert "event000001000-" in text and field in text, text


def test_trackml_truncated_gzip(tmp_path):
    from trigml.data.trackml.format import TrackMLFormatError
    from trigml.data.trackml.io import load_event, write_event

    write_event(tmp_path, 1000, *_fixtures().make_event(), compress=True)
    hits = tmp_path / "event000001000-hits.csv.gz"
    hits.write_bytes(hits.read_bytes()[:40])
    with pytest.raises(TrackMLFormatError, match="event000001000-hits.csv.gz"):
        load_event(tmp_path / "event000001000")


def test_trackml_missing_part_is_named(event_dir):
    (event_dir / "event000001000-cells.csv").unlink()
    with pytest.raises(FileNotFoundError, match="cells"):
        _load(event_dir)


def test_trackml_bad_event_is_not_written(tmp_path):
    from trigml.data.trackml.format import TrackMLFormatError
    from trigml.data.trackml.io import write_event

    hits, cells, particles, truth = _fixtures().make_event()
    with pytest.raises(TrackMLFormatError, match="hit_id"):
        write_event(
            tmp_path / "out", 1000, hits, cells, particles, truth.assign(hit_id=truth["hit_id"] + 10_000)
        )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- jets (jets_sr, logic_warp) ------------------------------------------------------------------


@pytest.fixture
def jets():
    import pandas as pd
    from trigml.jets_sr.dataset import CLASSES, FEATURES

    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(10, len(FEATURES))).astype(np.float32), columns=FEATURES)
    df["class"] = [CLASSES[i % len(CLASSES)] for i in range(10)]
    return df


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda df: df.drop(columns=["zlogz"]), "zlogz"),
        (lambda df: df.assign(mass_mmdt=np.where(df.index == 3, np.nan, df["mass_mmdt"])), "mass_mmdt"),
        (lambda df: df.assign(**{"class": "higgs"}), "class"),
    ],
    ids=["missing-column", "nan", "unknown-class"],
)
def test_jet_parquet_with_a_bad_column(tmp_path, jets, edit, field):
    from trigml.jets_sr.dataset import JetDatasetError, read_jets

    path = tmp_path / "jets.parquet"
    edit(jets).to_parquet(path)
    with pytest.raises(JetDatasetError) as err:
        read_jets(path)
    assert str(path) in str(err.value) and field in str(err.value)


def test_jet_file_that_is_not_parquet(tmp_path):
    from trigml.jets_sr.dataset import JetDatasetError, read_jets

    path = tmp_path / "jets.parquet"
    path.write_bytes(b"PAR1 but not really")
    with pytest.raises(JetDatasetError, match="not a readable parquet"):
        read_jets(path)


def test_bad_jets_are_not_written(tmp_path, jets):
    from trigml.jets_sr.dataset import JetDatasetError, write_jets

    with pytest.raises(JetDatasetError, match="zlogz"):
        write_jets(jets.drop(columns=["zlogz"]), tmp_path / "jets.parquet")
    _only(tmp_path)


# --- IDX images (anomaly_kd) -----------------------------------------------------------------


def _idx(path: Path, shape=(3, 2, 2)) -> bytes:
    payload = struct.pack(">HBB", 0, 0x08, len(shape)) + struct.pack(f">{len(shape)}I", *shape)
    return payload + bytes(int(np.prod(shape)))


def test_truncated_idx(tmp_path):
    from trigml.anomaly_kd.idx import IDXError, read_idx

    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(_idx(path)[:-5])
    with pytest.raises(IDXError, match=r"train-images-idx3-ubyte: truncated"):
        read_idx(path)


def test_truncated_gzip_idx(tmp_path):
    from trigml.anomaly_kd.idx import IDXError, read_idx

    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(_idx(path))[:-12])
    with pytest.raises(IDXError, match="t10k-labels-idx1-ubyte.gz"):
        read_idx(path)


def test_idx_with_a_bad_magic_number(tmp_path):
    from trigml.anomaly_kd.idx import IDXError, read_idx

    path = tmp_path / "x-idx3-ubyte"
    path.write_bytes(b"\x01\x02" + _idx(path)[2:])
    with pytest.raises(IDXError, match="magic"):
        read_idx(path)


# --- ADC2021 HDF5 (anomaly_kd_l1) ----------------------------------------------------------


def _h5(path: Path, **datasets) -> None:
    import h5py

    with h5py.File(path, "w") as fh:
        for name, data in datasets.items():
            fh.create_dataset(name, data=data)


def test_adc2021_file_of_the_wrong_shape(tmp_path):
    from trigml.anomaly_kd_l1.layout import LayoutError, read_particles

    path = tmp_path / "background.h5"
    _h5(path, Particles=np.zeros((5, 18, 4), np.float32))
    with pytest.raises(LayoutError, match=r"background.h5: dataset 'Particles' has shape \(5, 18, 4\)"):
        read_particles(path)


def test_adc2021_file_without_particles(tmp_path):
    from trigml.anomaly_kd_l1.layout import LayoutError, read_particles

    path = tmp_path / "signal.h5"
    _h5(path, Jets=np.zeros((5, 4), np.float32))
    with pytest.raises(LayoutError, match="signal.h5: no dataset 'Particles'"):
        read_particles(path)


def test_adc2021_file_with_a_wrong_object_type(tmp_path):
    from trigml.anomaly_kd_l1.layout import LayoutError, read_particles

    data = np.zeros((2, 19, 4), np.float32)
    data[1, 0, 3] = 4.0  # row 0 is the MET slot
    path = tmp_path / "bad_types.h5"
    _h5(path, Particles=data)
    with pytest.raises(LayoutError, match=r"bad_types.h5: .*event 1 row 0 has type 4"):
        read_particles(path)


def test_adc2021_bad_events_are_not_written(tmp_path):
    from trigml.anomaly_kd_l1.layout import LayoutError, write_particles

    with pytest.raises(LayoutError, match="NaN"):
        write_particles(tmp_path / "sim.h5", np.full((2, 19, 4), np.nan, np.float32))
    _only(tmp_path)


# --- symbolic regression (jets_sr) -----------------------------------------------------------


def test_sr_expression_with_an_unknown_operator():
    from trigml.jets_sr.sr import parse_expression

    with pytest.raises(ValueError, match=r"unknown operator\(s\) \['softplus'\]"):
        parse_expression("softplus(x0) + x1")


def test_sr_expression_that_does_not_parse():
    from trigml.jets_sr.sr import parse_expression

    with pytest.raises(ValueError, match=r"cannot parse expression 'x0 \+\* x1'"):
        parse_expression("x0 +* x1")


# --- checkpoints -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"not a checkpoint", b"PK\x03\x04truncated zip"], ids=["garbage", "truncated"]
)
def test_corrupt_checkpoint_names_the_file(tmp_path, content):
    from trigml.files import load_torch

    path = tmp_path / "model.pt"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=r"model.pt: not a readable checkpoint"):
        load_torch(path)


def test_corrupt_anomaly_kd_checkpoint(tmp_path):
    from trigml.anomaly_kd.steps import load_checkpoint

    path = tmp_path / "models.pt"
    path.write_bytes(b"\x80\x04garbage")
    with pytest.raises(ValueError, match="models.pt"):
        load_checkpoint(path)


# --- Verilog (logic_warp) --------------------------------------------------------------------


@pytest.mark.slow
def test_verilog_that_does_not_parse(tmp_path):
    """A logic network whose Verilog Yosys cannot read: the open RTL flow (the only one logic_warp's
    designs go through) says synthesized false, naming the design and Yosys's complaint."""
    import numpy as np
    from trigml.hardware import rtl
    from trigml.hardware.designs.logicnet import logicnet_design
    from trigml.hardware.settings import RtlSettings
    from trigml.logic_warp import synth
    from trigml.logic_warp.netlist import Layer, Netlist

    try:
        synth.find_yosys()
    except synth.YosysNotFound:
        pytest.skip("no Yosys")
    net = Netlist(
        n_inputs=2, layers=[Layer(inputs=np.array([[0, 1]]), tables=np.array([[0, 1, 1, 0]]))], n_classes=1
    )
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    net.save(tmp_path / "xor.npz")
    np.savez_compressed(
        tmp_path / "xor_expected.npz", x=x, y=np.zeros(4, int), torch_counts=net.class_counts(x)
    )
    design = logicnet_design(tmp_path, "xor", study="logic_warp", name="boolean_xor", pipeline_every=0)
    settings = RtlSettings(part="xcvu13p-flga2577-2-e", yosys_family="xcup", clock_ns=5.0, latency_cutoff=0.0,
                           n_checked=4, max_cost=1e6, synth_timeout_s=120)  # fmt: skip
    rtl.write_project(design, tmp_path / "rtl", settings)
    (tmp_path / "rtl" / "src" / "boolean_xor.v").write_text(
        "module boolean_xor(input a, output y);\n  assign y = a &&& ;\nendmodule\n"
    )
    r = rtl.synthesize(tmp_path / "rtl", settings)
    assert r["synthesized"] is False and r["reason"].startswith("design boolean_xor: Yosys failed")


# --- config: schema and cross-key errors -----------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"seed": "many"}, "config key 'seed'"),
        ({"data": {"trackml": {"sourse": "simulate"}}}, "unknown config key 'data.trackml.sourse'"),
        ({"data": {"trackml": {"source": "local"}}}, "data.trackml.local_dir is not set"),
        ({"studies": ["jets_sr"], "jets_sr": {"data": {"source": "local"}}}, "jets_sr.data.local_path"),
        ({"studies": ["jets_sr"], "jets_sr": {"split": [0.5, 0.2, 0.2]}}, "jets_sr.split must sum to 1"),
        (
            {"studies": ["tracking", "tracking_fpga"], "tracking_fpga": {"pt": 7.25}},
            "tracking_fpga.pt",
        ),
    ],
    ids=[
        "wrong-type",
        "unknown-key",
        "trackml-local-without-folder",
        "jets-local-without-file",
        "jets-split",
        "fpga-threshold-not-built",
    ],  # fmt: skip
)
def test_config_errors_name_the_key(config, message):
    from trigml.config import ConfigError, validate_config

    with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("(", r"\(")):
        validate_config(config)


def test_config_file_that_is_not_a_mapping(tmp_path):
    from trigml.config import ConfigError, load_config

    path = tmp_path / "mine.yaml"
    path.write_text("- studies\n- data\n")
    with pytest.raises(ConfigError, match="mine.yaml: a config file must hold a mapping"):
        load_config(path)


# --- shared files and command lines ---------------------------------------------------------


def test_json_that_does_not_parse_names_the_file(tmp_path):
    from trigml.files import read_json

    path = tmp_path / "metrics.json"
    path.write_text('{"auc": 0.9')
    with pytest.raises(ValueError, match="metrics.json: not valid JSON"):
        read_json(path)


def test_nan_is_refused_and_nothing_is_written(tmp_path):
    from trigml.files import write_json

    with pytest.raises(ValueError):
        write_json(tmp_path / "metrics.json", {"auc": float("nan")})
    _only(tmp_path)


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--threads", "0"], "--threads"), (["--settings", "{epochs: 3"], "--settings")],
    ids=["zero-threads", "params-not-json"],
)
def test_script_arguments_name_the_option(capsys, argv, message):
    from trigml.cli import json_arg, parser

    p = parser("t")
    p.add_argument("--settings", type=json_arg)
    with pytest.raises(SystemExit):
        p.parse_args(argv)
    assert message in capsys.readouterr().err


def test_download_with_the_wrong_checksum_is_discarded(tmp_path, http_server):
    from trigml.download import DownloadError, fetch

    served = tmp_path / "served"
    served.mkdir()
    (served / "events.zip").write_bytes(b"x" * 1000)
    url = http_server(served)
    dest = tmp_path / "dl" / "events.zip"
    with pytest.raises(DownloadError, match="sha256 mismatch"):
        fetch(f"{url}/events.zip", dest, sha256="0" * 64, retries=1)
    assert not dest.exists()
    assert not dest.parent.exists() or json.dumps(sorted(p.name for p in dest.parent.iterdir())) == "[]"
