"""The interaction network: parameter counts and the message-passing semantics tracking_fpga relies on."""

import torch
from trigml.tracking.model import InteractionNetwork, count_parameters


def test_parameter_counts():
    assert count_parameters(InteractionNetwork(hidden_size=40)) == 6448  # the paper's model
    assert count_parameters(InteractionNetwork(hidden_size=8)) == 528  # the FPGA model


def test_forward_matches_hand_computation():
    torch.manual_seed(0)
    m = InteractionNetwork(hidden_size=5).eval()
    x = torch.randn(4, 3)
    edge_index = torch.tensor([[0, 1, 0, 2], [1, 2, 2, 3]])  # source = inner = row 0
    e = torch.randn(4, 4)
    with torch.no_grad():
        out = m(x, edge_index, e)
        src, dst = edge_index
        e1 = m.R1.layers(torch.cat([x[dst], x[src], e], dim=1))  # [x_i (target), x_j (source), e_ij]
        agg = torch.zeros(4, 4).index_add_(0, dst, e1)  # summed at the target
        x1 = m.O.layers(torch.cat([x, agg], dim=1))
        ref = torch.sigmoid(m.R2.layers(torch.cat([x1[dst], x1[src], e1], dim=1))).squeeze(-1)
    assert out.shape == (4,)
    torch.testing.assert_close(out, ref)
    # node 2 receives two messages (0->2 and 1->2): its aggregate is their sum
    torch.testing.assert_close(agg[2], e1[1] + e1[2])
