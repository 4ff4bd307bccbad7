"""Training: settings in sync with the schema, augmentation keeps the geometry, seeded determinism."""

import pytest
import torch
import yaml
from trigml.config import SCHEMA_DIR
from trigml.tracking.filtering import select_hits
from trigml.tracking.graph import build_graph
from trigml.tracking.train import TrainSettings, augment, train

from tests.tracking.toy_events import toy_event, train_settings


def graphs(n=3):
    from torch_geometric.data import Data

    out = []
    for k in range(n):
        g = build_graph(select_hits(*toy_event(150, seed=k, pt_lo=0.5), pt_min=1.0), labels="consecutive", pt_min=1.0,
                        phi_slope_max=0.007, z0_max=350.0)  # fmt: skip
        out.append(Data(x=torch.from_numpy(g.x), edge_index=torch.from_numpy(g.edge_index),
                        edge_attr=torch.from_numpy(g.edge_attr), y=torch.from_numpy(g.y)))  # fmt: skip
    return out


def test_settings_need_every_schema_key():
    schema = yaml.safe_load((SCHEMA_DIR / "tracking.schema.yaml").read_text())
    props = schema["properties"]["train"]["properties"]
    fields = set(TrainSettings.__dataclass_fields__) - {"seed"}
    assert fields == set(props) - {"hidden_size"}
    with pytest.raises(ValueError, match="unknown training setting.*epoch\\b"):
        TrainSettings.from_mapping({**train_settings(), "seed": 0, "epoch": 3})
    with pytest.raises(ValueError, match="lacks setting.*combine"):
        TrainSettings.from_mapping({k: v for k, v in train_settings(seed=0).items() if k != "combine"})
    with pytest.raises(ValueError, match="direction 'both'"):
        TrainSettings.from_mapping(train_settings(seed=0, direction="both"))


def test_augment_keeps_edge_geometry():
    g = graphs(1)[0]
    gen = torch.Generator().manual_seed(1)
    for _ in range(6):
        x, e = augment(g.x, g.edge_attr, gen)
        src, dst = g.edge_index
        assert x[:, 1].min() >= -1 and x[:, 1].max() < 1
        torch.testing.assert_close(x[:, 0], g.x[:, 0])  # r unchanged
        torch.testing.assert_close(e[:, [0, 1, 3]], g.edge_attr[:, [0, 1, 3]])  # dr, dphi, dR unchanged
        torch.testing.assert_close(x[dst, 2] - x[src, 2], e[:, 2], atol=1e-6, rtol=0)  # dz follows z
        dphi = torch.remainder(x[dst, 1] - x[src, 1] + 1, 2) - 1  # rotation leaves dphi alone
        torch.testing.assert_close(dphi, e[:, 1], atol=1e-5, rtol=0)
    assert not torch.equal(x, g.x)


def test_training_is_seeded():
    data = graphs(3)
    s = TrainSettings.from_mapping(train_settings(epochs=2, seed=5, direction="inner_to_outer"))
    m1, h1 = train(data[:2], data[2:], hidden_size=8, settings=s, prefer_device="cpu")
    m2, h2 = train(data[:2], data[2:], hidden_size=8, settings=s, prefer_device="cpu")
    for (k, a), (_, b) in zip(m1.state_dict().items(), m2.state_dict().items(), strict=True):
        assert torch.equal(a, b), k
    assert h1["epochs"][-1]["val_loss"] == h2["epochs"][-1]["val_loss"]
    # the threshold is the validation TPR = TNR point of the best model's combined scores
    from trigml.tracking.metrics import threshold_tpr_eq_tnr
    from trigml.tracking.train import combined_scores

    assert h1["threshold"] == threshold_tpr_eq_tnr(*combined_scores(m1, data[2:], s))
    with pytest.raises(ValueError, match="no training or no validation graph"):
        train(data[:2], [], hidden_size=8, settings=s)
