"""Helpers the rule files use instead of inline Python: resources that grow with each retry.

Threads and the default memory / runtime of every rule come from the profiles
(``default-resources``, ``set-threads``); a rule that needs more than the default writes
``resources: mem_mb=scaled(4000)``, which gives 4000 MB on the first attempt, 8000 on the
second, and so on (with ``retries:`` in the rule or the profile).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def scaled(base: int) -> Callable[..., int]:
    """A Snakemake resource callable: ``base`` times the attempt number (1, 2, ...)."""
    if not isinstance(base, int) or isinstance(base, bool) or base <= 0:
        raise ValueError(f"scaled(): base must be a positive integer, got {base!r}")

    def resource(wildcards: Any, attempt: int) -> int:
        return base * attempt

    resource.__name__ = f"scaled_{base}"
    return resource
