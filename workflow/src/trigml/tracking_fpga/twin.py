"""The fixed-size, padded twin of the interaction network, made of hls4ml-convertible blocks.

The PyG :class:`trigml.tracking.model.InteractionNetwork` is what is trained; an FPGA needs fixed
array sizes, so the twin works on one sector graph padded to ``n_nodes`` nodes and ``n_edges``
edges. It is split into four blocks, each a :class:`hls4ml.utils.torch.HLS4MLModule` (so
``torch.fx`` keeps it as one node for hls4ml's parser) and each converted to one custom hls4ml
layer by :mod:`trigml.hardware.hls4ml.interaction_network`:

    r1        EdgeBlock   e'_ij = MLP_R1([x_i, x_j, e_ij])        (n_edges, edge_dim)
    aggregate Aggregate   a_i   = sum_{j->i} e'_ij                 (n_nodes, edge_dim)
    o         NodeBlock   x'_i  = MLP_O([x_i, a_i])                (n_nodes, node_dim)
    r2        EdgeBlock   s_ij  = MLP_R2([x'_i, x'_j, e'_ij])      (n_edges, 1)
    sigmoid   nn.Sigmoid  (hls4ml's own activation layer)

Padding convention (shared with the C++ of ``nnet_trigml_in.h``): padded nodes have zero
features; a padded edge has zero features and both indices equal to ``n_nodes`` (one past the
last node). An edge whose source or target index is ``>= n_nodes`` is *invalid*: its message is
zero, it adds nothing to any node, and its score is ``sigmoid(0)`` = 0.5, ignored downstream.
The edge index is carried as a float tensor (hls4ml's ``predict`` passes every input as float)
and read as an unsigned integer.

Shapes:
    x: (n_nodes, node_dim), edge_attr: (n_edges, edge_dim), edge_index: (2, n_edges) -> (n_edges, 1)
"""

from __future__ import annotations

import copy

import torch

from trigml.hardware.hls4ml.tools import quiet_tensorflow

quiet_tensorflow()  # hls4ml imports TensorFlow when present: legacy Keras, no CUDA chatter

from hls4ml.utils.torch import HLS4MLModule  # noqa: E402
from torch import Tensor, nn  # noqa: E402


def _check_mlp(layers: nn.Sequential) -> None:
    kinds = [type(m).__name__ for m in layers]
    if kinds != ["Linear", "ReLU", "Linear", "ReLU", "Linear"]:
        raise ValueError(f"expected an MLP Linear-ReLU-Linear-ReLU-Linear, got {kinds}")


def _valid_edges(edge_index: Tensor, n_nodes: int) -> tuple[Tensor, Tensor, Tensor]:
    idx = edge_index.to(torch.long)
    valid = (idx[0] < n_nodes) & (idx[1] < n_nodes) & (idx[0] >= 0) & (idx[1] >= 0)
    src = torch.where(valid, idx[0], torch.zeros_like(idx[0]))
    tgt = torch.where(valid, idx[1], torch.zeros_like(idx[1]))
    return valid, src, tgt


class EdgeBlock(HLS4MLModule):
    """Edge MLP on [x_target, x_source, e] for every (valid) edge of a padded graph.

    Shapes:
        x: (n_nodes, node_dim), edge_attr: (n_edges, edge_dim), edge_index: (2, n_edges)
        -> (n_edges, out_dim); rows of invalid (padded) edges are zero.
    """

    def __init__(self, *, mlp: nn.Sequential, n_nodes: int, n_edges: int) -> None:
        super().__init__()
        _check_mlp(mlp)
        self.mlp = copy.deepcopy(mlp)
        self.n_nodes = int(n_nodes)
        self.n_edges = int(n_edges)

    def forward(self, x: Tensor, edge_attr: Tensor, edge_index: Tensor) -> Tensor:
        valid, src, tgt = _valid_edges(edge_index, self.n_nodes)
        m = torch.cat([x[tgt], x[src], edge_attr], dim=1)
        out = self.mlp(m)
        return out * valid.unsqueeze(1).to(out.dtype)


class Aggregate(HLS4MLModule):
    """Sum of edge messages at their target node.

    Shapes:
        messages: (n_edges, dim), edge_index: (2, n_edges) -> (n_nodes, dim)
    """

    def __init__(self, *, n_nodes: int, n_edges: int) -> None:
        super().__init__()
        self.n_nodes = int(n_nodes)
        self.n_edges = int(n_edges)

    def forward(self, messages: Tensor, edge_index: Tensor) -> Tensor:
        valid, _, tgt = _valid_edges(edge_index, self.n_nodes)
        out = messages.new_zeros((self.n_nodes, messages.shape[1]))
        return out.index_add(0, tgt[valid], messages[valid])


class NodeBlock(HLS4MLModule):
    """Node MLP on [x_i, a_i].

    Shapes:
        x: (n_nodes, node_dim), aggr: (n_nodes, edge_dim) -> (n_nodes, node_dim)
    """

    def __init__(self, *, mlp: nn.Sequential, n_nodes: int) -> None:
        super().__init__()
        _check_mlp(mlp)
        self.mlp = copy.deepcopy(mlp)
        self.n_nodes = int(n_nodes)

    def forward(self, x: Tensor, aggr: Tensor) -> Tensor:
        return self.mlp(torch.cat([x, aggr], dim=1))


class INTwin(nn.Module):
    """The interaction network on one padded graph, as hls4ml-convertible blocks (see module doc).

    Build it from a trained :class:`~trigml.tracking.model.InteractionNetwork` with
    :meth:`from_model`; its weights are copied, the trained model is not modified.
    """

    def __init__(self, *, r1: EdgeBlock, aggregate: Aggregate, o: NodeBlock, r2: EdgeBlock) -> None:
        super().__init__()
        self.r1 = r1
        self.aggregate = aggregate
        self.o = o
        self.r2 = r2
        self.sigmoid = nn.Sigmoid()

    @property
    def n_nodes(self) -> int:
        return self.r1.n_nodes

    @property
    def n_edges(self) -> int:
        return self.r1.n_edges

    @classmethod
    def from_model(cls, model: nn.Module, *, n_nodes: int, n_edges: int) -> INTwin:
        """Copy the R1/O/R2 MLPs of a trained interaction network into a fixed-size twin."""
        for name in ("R1", "O", "R2"):
            if not hasattr(model, name) or not hasattr(getattr(model, name), "layers"):
                raise TypeError(f"{type(model).__name__} has no {name}.layers: not an InteractionNetwork")
        if n_nodes < 1 or n_edges < 1:
            raise ValueError(f"a design needs n_nodes >= 1 and n_edges >= 1, got {n_nodes}/{n_edges}")
        twin = cls(
            r1=EdgeBlock(mlp=model.R1.layers, n_nodes=n_nodes, n_edges=n_edges),
            aggregate=Aggregate(n_nodes=n_nodes, n_edges=n_edges),
            o=NodeBlock(mlp=model.O.layers, n_nodes=n_nodes),
            r2=EdgeBlock(mlp=model.R2.layers, n_nodes=n_nodes, n_edges=n_edges),
        )
        return twin.eval()

    def forward(self, x: Tensor, edge_attr: Tensor, edge_index: Tensor) -> Tensor:
        e1 = self.r1(x, edge_attr, edge_index)
        a = self.aggregate(e1, edge_index)
        x1 = self.o(x, a)
        logits = self.r2(x1, e1, edge_index)
        return self.sigmoid(logits)
