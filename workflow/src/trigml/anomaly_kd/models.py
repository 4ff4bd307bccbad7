"""The teacher convolutional autoencoder and the students A-G of Pol et al. (2023).

The teacher reconstructs the image; its anomaly score is the per-image MSE. A student is a
small convolutional regressor that maps the image straight to the teacher's score on the
log scale, ``log(MSE + 1)`` (:func:`trigml.anomaly_kd.distill.score_to_target`).

Students are described by a list of layer tokens (they live in the config):

- ``conv<C>`` / ``conv<C>s<S>`` / ``conv<C>k<K>s<S>``: ``Conv2d`` to ``C`` channels, kernel ``K``
  (default 3), stride ``S`` (default 1), no padding, followed by ``LeakyReLU(0.3)``;
- ``avgpool<K>``: ``AvgPool2d(K)``.

A flatten and a ``Linear(n, 1)`` head end every student.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import torch
from torch import nn

NEGATIVE_SLOPE = 0.3
IMAGE_SHAPE = (1, 28, 28)
_CONV = re.compile(r"^conv(?P<c>[1-9]\d*)(?:k(?P<k>[1-9]\d*))?(?:s(?P<s>[1-9]\d*))?$")
_POOL = re.compile(r"^avgpool(?P<k>[1-9]\d*)$")
LAYER_TOKEN_PATTERN = r"^(conv[1-9][0-9]*(k[1-9][0-9]*)?(s[1-9][0-9]*)?|avgpool[1-9][0-9]*)$"


def _act(slope: float) -> nn.Module:
    return nn.LeakyReLU(negative_slope=slope)


class ConvAutoencoder(nn.Module):
    """The teacher: convolutional autoencoder, anomaly score = per-image reconstruction MSE.

    Encoder: valid 3x3 convolutions ``in -> encoder_channels`` with ``encoder_strides``, each
    followed by LeakyReLU, then ``Linear`` to a ``latent``-dim code. Decoder: ``Linear`` back to
    the encoder's last feature map, ``len(decoder_up)`` transposed convolutions (stride 2, each
    doubling the size), valid 3x3 convolutions ``decoder_convs`` and a final valid 3x3 convolution
    to one channel, sigmoid output. The defaults are the paper's teacher (19,357 parameters).

    Shapes:
        input ``x``: (N, 1, H, W) in [0, 1] -> output: (N, 1, H, W) in (0, 1).
        :meth:`score`: (N, 1, H, W) -> (N,) per-image MSE.
    """

    def __init__(
        self,
        *,
        image_shape: Sequence[int] = IMAGE_SHAPE,
        encoder_channels: Sequence[int] = (8, 16, 16, 16, 8),
        encoder_strides: Sequence[int] = (1, 1, 1, 2, 2),
        latent: int = 20,
        decoder_up: Sequence[int] = (16, 16, 16),
        decoder_convs: Sequence[int] = (8,),
        negative_slope: float = NEGATIVE_SLOPE,
    ) -> None:
        super().__init__()
        if len(encoder_channels) != len(encoder_strides):
            raise ValueError("encoder_channels and encoder_strides need the same length")
        c_in = image_shape[0]
        enc: list[nn.Module] = []
        for c, s in zip(encoder_channels, encoder_strides, strict=True):
            enc += [nn.Conv2d(c_in, c, 3, stride=s), _act(negative_slope)]
            c_in = c
        self.features = nn.Sequential(*enc)
        with torch.no_grad():
            fmap = tuple(self.features(torch.zeros(1, *image_shape)).shape[1:])
        n_flat = int(torch.tensor(fmap).prod())
        self.encoder = nn.Sequential(self.features, nn.Flatten(), nn.Linear(n_flat, latent))
        dec: list[nn.Module] = [nn.Linear(latent, n_flat), _act(negative_slope), nn.Unflatten(1, fmap)]
        c_in = fmap[0]
        for c in decoder_up:
            dec += [
                nn.ConvTranspose2d(c_in, c, 3, stride=2, padding=1, output_padding=1),
                _act(negative_slope),
            ]
            c_in = c
        for c in decoder_convs:
            dec += [nn.Conv2d(c_in, c, 3), _act(negative_slope)]
            c_in = c
        dec += [nn.Conv2d(c_in, image_shape[0], 3), nn.Sigmoid()]
        self.decoder = nn.Sequential(*dec)
        with torch.no_grad():
            out = tuple(self.decoder(self.encoder(torch.zeros(1, *image_shape))).shape[1:])
        if out != tuple(image_shape):
            raise ValueError(
                f"teacher decoder gives images of shape {out}, not the input shape {tuple(image_shape)}"
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))

    @staticmethod
    def mse(x: torch.Tensor, reco: torch.Tensor) -> torch.Tensor:
        """Per-image mean squared error, shape (N,)."""
        return ((reco - x) ** 2).flatten(1).mean(1)

    def score(self, x: torch.Tensor) -> torch.Tensor:
        """Anomaly score: per-image reconstruction MSE, shape (N,)."""
        return self.mse(x, self(x))


def parse_layer(token: str) -> tuple[str, dict[str, int]]:
    """``'conv16s2'`` -> ``('conv', {'channels': 16, 'kernel': 3, 'stride': 2})``; ``'avgpool2'`` -> ``('avgpool', {'kernel': 2})``."""
    if m := _CONV.match(token):
        return "conv", {"channels": int(m["c"]), "kernel": int(m["k"] or 3), "stride": int(m["s"] or 1)}
    if m := _POOL.match(token):
        return "avgpool", {"kernel": int(m["k"])}
    raise ValueError(f"unknown student layer {token!r}: expected conv<C>[k<K>][s<S>] or avgpool<K>")


class Student(nn.Module):
    """A student: convolutions / average pools from ``layers`` tokens, flatten, ``Linear(n, 1)``.

    Predicts the teacher's score on the target scale log(MSE + 1).

    Shapes:
        input ``x``: (N, 1, H, W) -> output: (N, 1).
    """

    def __init__(
        self,
        *,
        layers: Sequence[str],
        image_shape: Sequence[int] = IMAGE_SHAPE,
        negative_slope: float = NEGATIVE_SLOPE,
        name: str = "",
    ) -> None:
        super().__init__()
        self.name = name
        self.layers = list(layers)
        mods: list[nn.Module] = []
        c_in = image_shape[0]
        for tok in self.layers:
            kind, p = parse_layer(tok)
            if kind == "conv":
                mods += [
                    nn.Conv2d(c_in, p["channels"], p["kernel"], stride=p["stride"]),
                    _act(negative_slope),
                ]
                c_in = p["channels"]
            else:
                mods.append(nn.AvgPool2d(p["kernel"]))
        body = nn.Sequential(*mods)
        with torch.no_grad():
            try:
                fmap = body(torch.zeros(1, *image_shape)).shape[1:]
            except RuntimeError as exc:
                raise ValueError(
                    f"student {name or layers}: layers shrink a {tuple(image_shape)} image to nothing ({exc})"
                ) from None
        n_flat = int(torch.tensor(fmap).prod())
        self.net = nn.Sequential(*mods, nn.Flatten(), nn.Linear(n_flat, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def build_students(
    specs: Mapping[str, Sequence[str]], *, image_shape: Sequence[int] = IMAGE_SHAPE
) -> nn.ModuleDict:
    """Students keyed by name (A, B, ...) from ``{name: [layer tokens]}`` (config order kept)."""
    if not specs:
        raise ValueError("no students configured")
    return nn.ModuleDict({k: Student(layers=v, image_shape=image_shape, name=k) for k, v in specs.items()})


def init_weights(module: nn.Module) -> None:
    """The authors' initialisation of linear layers: Kaiming-uniform weights, bias 0.01."""
    if isinstance(module, nn.Linear):
        nn.init.kaiming_uniform_(module.weight)
        nn.init.constant_(module.bias, 0.01)
