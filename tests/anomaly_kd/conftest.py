"""Settings for the anomaly_kd tests: one CPU thread, denormals flushed (as the training scripts do)."""

import pytest


@pytest.fixture(autouse=True, scope="package")
def _torch_cpu_settings():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    torch.set_flush_denormal(True)
    yield
    torch.set_num_threads(threads)
    torch.set_flush_denormal(False)
