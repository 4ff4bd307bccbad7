"""WARP and difflogic networks: torchlogix ``LogicDense`` layers + ``GroupSum``, one harness.

``method="warp"``: each node holds 2^k Walsh coefficients (torchlogix ``parametrization="warp"``,
k in {2, 4, 6}); ``method="difflogic"``: a softmax over the 16 two-input gates (torchlogix
``parametrization="raw"``, k = 2). Both use random fixed connections drawn from a seeded generator,
the same residual initialisation (every node starts as a pass-through of its first input), and a
GroupSum head. Real-valued inputs go through :class:`~trigml.logic_warp.thermometer.ThermometerEncoding`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import numpy as np
import torch
from torch import nn
from torchlogix.layers import GroupSum, LogicDense

from .thermometer import ThermometerEncoding
from .walsh import difflogic_truth_table, walsh_to_truth_table

__all__ = ["METHODS", "LogicNetwork", "relaxed"]

METHODS = ("warp", "difflogic")
SAMPLINGS = ("soft", "gumbel_soft", "hard", "gumbel_hard")


class LogicNetwork(nn.Module):
    """Randomly connected logic network with a GroupSum classifier head.

    Args (keyword-only):
        n_inputs: input width: bits (``encoder`` None) or real features (the encoder's F).
        widths: nodes per logic layer; the last one must be a multiple of ``n_classes``.
        n_classes: classes of the GroupSum head (2 for a Boolean function).
        method: ``warp`` or ``difflogic``.
        lut_rank: inputs per node (k); WARP 2, 4 or 6, difflogic 2.
        temperature: node temperature tau (training output sigmoid(-z / tau) for WARP, softmax
            temperature for difflogic).
        sampling: ``soft``; ``gumbel_soft`` adds logistic (WARP) / Gumbel (difflogic) noise before
            the sigmoid / softmax in training (stochastic smoothing); ``hard``/``gumbel_hard`` use a
            straight-through estimator.
        init: ``residual`` (each node a pass-through of its first input, with probability
            ``residual_probability`` in the relaxed output) or ``random``.
        group_tau: GroupSum temperature (scores = popcount of each class's nodes / group_tau).
        encoder: thermometer encoding of real inputs, or None for bit inputs.
        seed: seed of the random connections.

    Shapes:
        x: ``(B, n_inputs)`` -> scores ``(B, n_classes)``.
    """

    def __init__(
        self,
        *,
        n_inputs: int,
        widths: Sequence[int],
        n_classes: int,
        method: str = "warp",
        lut_rank: int = 2,
        temperature: float = 1.0,
        sampling: str = "soft",
        init: str = "residual",
        residual_probability: float = 0.951,
        group_tau: float = 1.0,
        encoder: ThermometerEncoding | None = None,
        seed: int = 0,
    ) -> None:
        super().__init__()
        widths = [int(w) for w in widths]
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {method!r}")
        if method == "difflogic" and lut_rank != 2:
            raise ValueError("difflogic nodes are 2-input gates: lut_rank must be 2")
        if method == "warp" and lut_rank not in (2, 4, 6):
            raise ValueError(f"WARP lut_rank must be 2, 4 or 6 (torchlogix 0.1.1), got {lut_rank}")
        if sampling not in SAMPLINGS:
            raise ValueError(f"sampling must be one of {SAMPLINGS}, got {sampling!r}")
        if not widths or min(widths) < 1:
            raise ValueError(f"widths must be a non-empty list of positive layer sizes, got {widths}")
        if n_classes < 1 or widths[-1] % n_classes:
            raise ValueError(f"last layer width {widths[-1]} must be a multiple of n_classes={n_classes}")
        if encoder is not None and encoder.n_features != n_inputs:
            raise ValueError(f"encoder expects {encoder.n_features} features but n_inputs={n_inputs}")
        self.method, self.lut_rank, self.n_classes = method, int(lut_rank), int(n_classes)
        self.n_inputs, self.widths = int(n_inputs), widths
        self.encoder = encoder
        in_dim = encoder.n_outputs if encoder is not None else self.n_inputs
        self.n_bits_in = in_dim
        kwargs = {
            "forward_sampling": sampling,
            "temperature": float(temperature),
            "weight_init": init,
            "residual_probability": float(residual_probability),
        }
        # torchlogix draws fixed connections from torch's global generator: fork it, seeded.
        layers = []
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            for width in widths:
                if width * self.lut_rank < in_dim:
                    raise ValueError(
                        f"a layer of {width} {self.lut_rank}-input nodes cannot read all {in_dim} inputs "
                        "of the previous layer (need width * lut_rank >= inputs)"
                    )
                layers.append(
                    LogicDense(
                        in_dim=in_dim,
                        out_dim=width,
                        lut_rank=self.lut_rank,
                        parametrization="warp" if method == "warp" else "raw",
                        parametrization_kwargs=dict(kwargs),
                        connections="fixed",
                        connections_kwargs={"init_method": "random"},
                    )
                )
                in_dim = width
        for layer in layers:
            # torchlogix keeps the connection indices as a plain attribute: they would neither
            # follow .to(device) nor be saved in the state dict. Make them a buffer.
            idx = layer.connections.indices
            del layer.connections.indices
            layer.connections.register_buffer("indices", idx)
        self.layers = nn.ModuleList(layers)
        self.head = GroupSum(self.n_classes, tau=float(group_tau))

    def logic(self, x: torch.Tensor) -> torch.Tensor:
        """Bits (or relaxed bits) of the last logic layer, ``(B, widths[-1])``."""
        if x.ndim != 2 or x.shape[1] != self.n_inputs:
            raise ValueError(f"expected input (B, {self.n_inputs}), got {tuple(x.shape)}")
        h = self.encoder(x) if self.encoder is not None else x.float()
        for layer in self.layers:
            h = layer(h)
        return h

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.logic(x))

    # --- the discrete network -------------------------------------------------------------
    def connections(self) -> list[np.ndarray]:
        """Per layer, the input index of every node's inputs ``(width, k)`` (input 0 first)."""
        return [layer.connections.indices.detach().cpu().numpy().T.astype(np.int64) for layer in self.layers]

    def truth_tables(self) -> list[np.ndarray]:
        """Per layer, the discrete truth table of every node ``(width, 2^k)`` (bool)."""
        out = []
        for layer in self.layers:
            w = layer.weight.detach().cpu().double().numpy()
            if self.method == "warp":
                out.append(walsh_to_truth_table(w))
            else:
                out.append(np.stack([difflogic_truth_table(g) for g in w.argmax(1)]))
        return out

    def n_parameters(self) -> dict[str, int]:
        logic = sum(int(layer.weight.numel()) for layer in self.layers)
        enc = sum(int(p.numel()) for p in self.encoder.parameters()) if self.encoder is not None else 0
        return {"logic": logic, "encoder": enc, "total": logic + enc}

    @property
    def n_gates(self) -> int:
        return int(sum(self.widths))


@contextlib.contextmanager
def relaxed(model: LogicNetwork) -> Iterator[LogicNetwork]:
    """Evaluate the relaxed (continuous) network without noise: training-mode forward with
    ``soft`` sampling and no encoder noise, gradients off; restores the model afterwards."""
    saved = [layer.parametrization.forward_sampling for layer in model.layers]
    was_training = model.training
    noise = model.encoder.noise if model.encoder is not None else False
    try:
        for layer in model.layers:
            layer.parametrization.forward_sampling = "soft"
        if model.encoder is not None:
            model.encoder.noise = False
        model.train()
        with torch.no_grad():
            yield model
    finally:
        for layer, s in zip(model.layers, saved):
            layer.parametrization.forward_sampling = s
        if model.encoder is not None:
            model.encoder.noise = noise
        model.train(was_training)
