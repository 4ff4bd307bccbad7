"""``ap_fixed<W,I>`` strings: build and parse (light: no hls4ml import)."""

import re


def precision_string(width: int, integer: int) -> str:
    """``ap_fixed<width,integer>``; needs 0 < integer <= width."""
    if not 0 < integer <= width:
        raise ValueError(f"ap_fixed<{width},{integer}>: need 0 < integer bits <= width")
    return f"ap_fixed<{width},{integer}>"


def parse_precision(p: str) -> tuple[int, int]:
    """(width, integer bits) of an ``ap_fixed<W,I[,...]>`` string."""
    m = re.fullmatch(r"\s*ap_fixed<\s*(\d+)\s*,\s*(-?\d+)[^>]*>\s*", p)
    if not m:
        raise ValueError(f"not an ap_fixed precision: {p!r}")
    return int(m.group(1)), int(m.group(2))
