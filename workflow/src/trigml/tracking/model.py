"""The interaction network edge classifier of DeZoort et al. (2021), in PyTorch Geometric.

R1 (edge block) : e'_ij = MLP_R1([x_i, x_j, e_ij])              -> edge_dim (4) outputs
aggregation     : a_i   = sum_{edges j->i} e'_ij                (messages summed at the target node)
O  (node block) : x'_i  = MLP_O([x_i, a_i])                     -> node_dim (3) outputs
R2 (edge block) : w_ij  = sigmoid(MLP_R2([x'_i, x'_j, e'_ij]))  -> 1 output (edge score)

Each MLP has two hidden layers of ``hidden_size`` with ReLU. With node_dim 3, edge_dim 4:
hidden 40 -> 6,448 parameters (the paper's model), hidden 8 -> 528 (the FPGA model).

Conventions shared with ``trigml.tracking_fpga`` (the hls4ml twin reads these modules):
``edge_index[0]`` is the source (inner hit, ``j``), ``edge_index[1]`` the target (outer hit, ``i``);
the concatenation order is [target features, source features, edge features] — x_i first —
as in PyG's ``message(x_i, x_j, edge_attr)`` with flow source_to_target.

Shapes:
    x: (N, node_dim), edge_index: (2, E) int64, edge_attr: (E, edge_dim) -> scores (E,)
"""

from __future__ import annotations

import torch
from torch import Tensor, nn
from torch_geometric.nn import MessagePassing


def mlp(in_dim: int, hidden: int, out_dim: int) -> nn.Sequential:
    """Two hidden ReLU layers; no activation on the output (callers add it)."""
    return nn.Sequential(
        nn.Linear(in_dim, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Linear(hidden, out_dim),
    )


class RelationalModel(nn.Module):
    """Edge MLP on [x_i, x_j, e_ij]."""

    def __init__(self, *, in_dim: int, out_dim: int, hidden_size: int) -> None:
        super().__init__()
        self.layers = mlp(in_dim, hidden_size, out_dim)

    def forward(self, m: Tensor) -> Tensor:
        return self.layers(m)


class ObjectModel(nn.Module):
    """Node MLP on [x_i, aggregated messages]."""

    def __init__(self, *, in_dim: int, out_dim: int, hidden_size: int) -> None:
        super().__init__()
        self.layers = mlp(in_dim, hidden_size, out_dim)

    def forward(self, c: Tensor) -> Tensor:
        return self.layers(c)


class InteractionNetwork(MessagePassing):
    """Edge-classifying interaction network (R1 -> sum -> O -> R2 -> sigmoid)."""

    def __init__(self, *, node_dim: int = 3, edge_dim: int = 4, hidden_size: int = 40) -> None:
        super().__init__(aggr="add", flow="source_to_target")
        self.node_dim_in = node_dim
        self.edge_dim_in = edge_dim
        self.hidden_size = hidden_size
        self.R1 = RelationalModel(in_dim=2 * node_dim + edge_dim, out_dim=edge_dim, hidden_size=hidden_size)
        self.O = ObjectModel(in_dim=node_dim + edge_dim, out_dim=node_dim, hidden_size=hidden_size)
        self.R2 = RelationalModel(in_dim=2 * node_dim + edge_dim, out_dim=1, hidden_size=hidden_size)
        self._e_tilde: Tensor | None = None

    def forward(self, x: Tensor, edge_index: Tensor, edge_attr: Tensor) -> Tensor:
        """Edge scores in [0, 1], shape (E,)."""
        x_tilde = self.propagate(edge_index, x=x, edge_attr=edge_attr, size=None)
        assert self._e_tilde is not None
        m2 = torch.cat([x_tilde[edge_index[1]], x_tilde[edge_index[0]], self._e_tilde], dim=1)
        self._e_tilde = None
        return torch.sigmoid(self.R2(m2)).squeeze(-1)

    def message(self, x_i: Tensor, x_j: Tensor, edge_attr: Tensor) -> Tensor:
        e = self.R1(torch.cat([x_i, x_j, edge_attr], dim=1))
        self._e_tilde = e
        return e

    def update(self, aggr_out: Tensor, x: Tensor) -> Tensor:
        return self.O(torch.cat([x, aggr_out], dim=1))


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
