"""The tracking_fpga designs for the open RTL flow: the trained FPGA interaction network on one
fixed-size sector graph (:mod:`trigml.hardware.designs.interaction_network`).

The topology traced is the test sector graph of the design with the most real edges; the test
inputs are the node and edge features of every test sector graph of the design (the first
``n_graphs``), fed through that topology -- what the bit-exact check needs (every input through the
same logic). The float IN on the same topology and features gives ``float_scores``; the AUC of the
float and fixed-point networks on the reference graph's own edges goes to ``meta``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .sectors import Padded


def reference_graph(padded: Padded) -> int:
    """Index of the sector graph with the most real edges (the first of the ties)."""
    if not padded.mask.any():
        raise ValueError("no sector graph of the design has a real edge: nothing to trace")
    return int(np.argmax(padded.mask.sum(1)))


def float_scores(model: Any, padded: Padded, rows: np.ndarray, b: int) -> np.ndarray:
    """Float IN scores of the real edges of graph ``b``'s topology for every row of flattened features."""
    import torch

    n, e = padded.x.shape[1], padded.edge_index.shape[2]
    m = padded.mask[b]
    ei = torch.as_tensor(padded.edge_index[b][:, m])
    out = []
    with torch.no_grad():
        for r in rows:
            x = torch.as_tensor(r[: n * 3].reshape(n, 3), dtype=torch.float32)
            ea = torch.as_tensor(r[n * 3 :].reshape(e, 4)[m], dtype=torch.float32)
            out.append(model(x, ei, ea).numpy())
    return np.asarray(out, np.float64)


def in_rtl_design(*, name: str, model: str, dataset: str, n_graphs: int, weight_bits: int, weight_frac: int,
                  input_int: int, input_frac: int, activation_int: int, activation_frac: int) -> Any:  # fmt: skip
    """The :class:`~trigml.hardware.design.Design` of one tracking_fpga design (``dataset``: its
    padded sector graphs, ``model``: the FPGA IN checkpoint)."""
    from trigml.hardware.designs.interaction_network import INPrecision, Topology, in_design
    from trigml.tracking.metrics import roc_auc

    from .reference import load_in_model

    net, padded = load_in_model(model), Padded.load(dataset)
    b = reference_graph(padded)
    m = padded.mask[b]
    topo = Topology(padded.x.shape[1], padded.edge_index.shape[2], padded.edge_index[b][0, m], padded.edge_index[b][1, m])
    rows = np.concatenate([padded.x.reshape(len(padded.x), -1), padded.edge_attr.reshape(len(padded.x), -1)], 1)[:n_graphs]
    p = INPrecision(weight_bits, weight_frac, input_int, input_frac, activation_int, activation_frac)
    d = in_design(name=name, model=net, topo=topo, X=rows, p=p, float_scores=float_scores(net, padded, rows, b))
    y = padded.y[b][m]
    own = np.concatenate([padded.x[b].ravel(), padded.edge_attr[b].ravel()])[None]
    fixed, ref = d.predict(own)[0], float_scores(net, padded, own, b)[0]
    two = len(np.unique(y > 0.5)) == 2
    d.meta.update(reference_graph={"index": b, "event": int(padded.event[b]), "sector": int(padded.sector[b]),
                                   "auc_float": roc_auc(y, ref) if two else None,
                                   "auc_fixed": roc_auc(y, fixed) if two else None},
                  checkpoint=model, graphs=dataset)  # fmt: skip
    return d
