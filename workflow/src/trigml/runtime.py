"""Where a job runs: the torch device (CUDA when present) and the tag the report looks for."""

from __future__ import annotations

import logging


def device(prefer: str = "auto") -> str:
    """``cuda`` when a GPU is present (and not refused), else ``cpu``."""
    if prefer == "cpu":
        chosen = "cpu"
    else:
        import torch

        chosen = "cuda" if torch.cuda.is_available() else "cpu"
        if chosen == "cuda":
            chosen_name = torch.cuda.get_device_name(0)
            logging.getLogger("trigml").info("%s cuda (%s)", DEVICE_TAG, chosen_name)
            return chosen
    logging.getLogger("trigml").info("%s %s", DEVICE_TAG, chosen)
    return chosen


# The report's provenance page finds which rules ran on which device by this tag in rule logs.
DEVICE_TAG = "[trigml-device]"
