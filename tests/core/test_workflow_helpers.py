"""trigml.workflow: resources that scale with the attempt number."""

import pytest
from trigml.workflow import scaled


def test_scaled_grows_with_each_attempt():
    mem = scaled(4000)
    assert [mem(None, attempt) for attempt in (1, 2, 3)] == [4000, 8000, 12000]


@pytest.mark.parametrize("bad", [0, -5, 2.5, "4000", True])
def test_scaled_refuses_a_base_that_is_not_a_positive_integer(bad):
    with pytest.raises(ValueError, match="positive integer"):
        scaled(bad)
