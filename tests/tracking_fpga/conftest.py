"""Fixtures of the tracking_fpga tests: hls4ml extension registered once per session, tiny graphs."""

from __future__ import annotations

import pytest
import torch
from tfpga_helpers import hand_set_in


@pytest.fixture(scope="session", autouse=True)
def _register_in_extension():
    """hls4ml's registries are global: register the IN layers once (register() is idempotent)."""
    from trigml.hardware.hls4ml import interaction_network

    interaction_network.register()


@pytest.fixture
def in_model() -> torch.nn.Module:
    return hand_set_in()
