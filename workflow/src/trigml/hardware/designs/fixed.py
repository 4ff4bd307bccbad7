"""Fixed-point types shared by the design builders: ``ap_fixed<W,I>`` strings ↔ da4ml's
``(k, i, f)`` (sign bit, integer bits without sign, fractional bits)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FixedType", "parse_ap_fixed"]

_AP = re.compile(r"^ap_(u?)fixed<\s*(\d+)\s*,\s*(-?\d+)\s*(?:,.*)?>$")


@dataclass(frozen=True)
class FixedType:
    """``k`` sign bit (0/1), ``i`` integer bits without the sign, ``f`` fractional bits."""

    k: int
    i: int
    f: int

    @property
    def width(self) -> int:
        return self.k + self.i + self.f

    def __str__(self) -> str:
        return f"ap_{'' if self.k else 'u'}fixed<{self.width},{self.k + self.i}>"


def parse_ap_fixed(text: str) -> FixedType:
    """``"ap_fixed<16,6>"`` → ``FixedType(k=1, i=5, f=10)``; a clear error for anything else."""
    m = _AP.match(text.strip())
    if not m:
        raise ValueError(f"not an ap_fixed/ap_ufixed precision: {text!r} (expected e.g. ap_fixed<16,6>)")
    unsigned, width, integer = m[1] == "u", int(m[2]), int(m[3])
    if width < 1:
        raise ValueError(f"{text}: width must be >= 1")
    k = 0 if unsigned else 1
    return FixedType(k=k, i=integer - k, f=width - integer)
