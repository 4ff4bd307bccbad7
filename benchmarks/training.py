"""Training throughput at 1 and 2 threads: does a rule's ``threads: n`` buy anything?

Two models, the ones the default DAG trains longest:

* ``tracking_in``: the tracking interaction network (PyG, hidden 40, 6,448 parameters) on simulated
  μ = 200 graphs at pT > 2 GeV (graphs per second, one epoch pass with batch 1);
* ``jets_nn``: jets_sr's 16-64-32-32-5 MLP (Keras) on random jets (jets per second, batch 64).

Each (model, threads) point runs in a fresh interpreter after :func:`trigml.runtime.use_threads`,
the call every script makes with its ``--threads``: TensorFlow fixes its thread pools when it
starts, so one process cannot measure both. Writes ``training.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from trigml.files import write_json

THREADS = (1, 2)


def _tracking_in(quick: bool) -> dict[str, Any]:
    import numpy as np
    import torch
    from trigml.data.simulation import SimulationSettings
    from trigml.data.simulation.events import TrackMLSimulator
    from trigml.tracking.filtering import select_hits
    from trigml.tracking.graph import build_graph
    from trigml.tracking.model import InteractionNetwork

    torch.manual_seed(0)
    sim, graphs = TrackMLSimulator(SimulationSettings(mu=200), 20211), []
    for k in range(1 if quick else 2):
        ev = sim.event(9000 + k)
        g = build_graph(select_hits(ev["hits"], ev["particles"], ev["truth"], pt_min=2.0), pt_min=2.0,
                        phi_slope_max=0.006, z0_max=275.0, labels="dezoort")  # fmt: skip
        graphs.append([torch.from_numpy(np.asarray(a)) for a in (g.x, g.edge_index, g.edge_attr, g.y)])
    model = InteractionNetwork(hidden_size=40)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    repeats = 2 if quick else 8

    def epoch() -> None:
        for x, ei, ea, y in graphs:
            opt.zero_grad()
            out = model(x, ei, ea).squeeze(-1)
            torch.nn.functional.binary_cross_entropy(out, y.float()).backward()
            opt.step()

    epoch()  # warm-up
    t0 = time.perf_counter()
    for _ in range(repeats):
        epoch()
    seconds = time.perf_counter() - t0
    return {"unit": "graphs/s", "rate": repeats * len(graphs) / seconds, "n_graphs": len(graphs),
            "mean_edges": float(np.mean([g[1].shape[1] for g in graphs])), "torch_threads": torch.get_num_threads()}  # fmt: skip


def _jets_nn(quick: bool) -> dict[str, Any]:
    import numpy as np
    from trigml.jets_sr.nn import _tf, build_mlp

    tf, keras = _tf()
    rng = np.random.default_rng(0)
    n = 4000 if quick else 20000
    X, y = rng.normal(size=(n, 16)).astype("float32"), rng.integers(0, 5, n)
    model = build_mlp(hidden=(64, 32, 32))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    Y = np.eye(5)[y]
    model.fit(X[:640], Y[:640], batch_size=64, epochs=1, verbose=0)  # warm-up (graph tracing)
    t0 = time.perf_counter()
    model.fit(X, Y, batch_size=64, epochs=1, verbose=0, shuffle=False)
    seconds = time.perf_counter() - t0
    return {"unit": "jets/s", "rate": n / seconds, "n_jets": n,
            "tf_intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads()}  # fmt: skip


MODELS = {"tracking_in": _tracking_in, "jets_nn": _jets_nn}


def _point(model: str, threads: int, quick: bool) -> dict[str, Any]:
    """One measurement in a fresh interpreter (``python -m benchmarks.training MODEL THREADS QUICK``)."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    cmd = [sys.executable, "-m", "benchmarks.training", model, str(threads), str(int(quick))]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(out_dir: Path, quick: bool = False) -> list[Path]:
    results: dict[str, Any] = {}
    for model in MODELS:
        points = {str(t): _point(model, t, quick) for t in THREADS}
        results[model] = {"points": points, "speedup_2_threads": points["2"]["rate"] / points["1"]["rate"]}
    out = Path(out_dir) / "training.json"
    write_json(out, {"quick": quick, "cpu_count": os.cpu_count(), "models": results})
    return [out]


if __name__ == "__main__":
    name, n_threads, quick_flag = sys.argv[1], int(sys.argv[2]), bool(int(sys.argv[3]))
    from trigml.runtime import use_threads

    use_threads(n_threads)
    print(json.dumps({"threads": n_threads, **MODELS[name](quick_flag)}))
