"""Teacher and students: sizes against the paper's, MACs by hand, shapes, config parsing."""

import pytest
import torch
from trigml.anomaly_kd.complexity import count_macs, count_params
from trigml.anomaly_kd.models import ConvAutoencoder, Student, build_students, parse_layer
from trigml.config import load_schema

# Pol et al. 2023 (issue 6): parameters of the teacher and students A-G
PAPER_PARAMS = {"teacher": 19_400, "A": 7_200, "B": 2_190, "C": 1_060, "D": 409, "E": 225, "F": 133, "G": 77}


@pytest.fixture(scope="module")
def default_students():
    """The students exactly as the config schema defines them by default."""
    return load_schema("anomaly_kd.schema.yaml")["properties"]["students"]["default"]


def test_teacher_size_matches_paper():
    t = ConvAutoencoder()
    n = count_params(t)
    assert n == 19_357
    assert abs(n - PAPER_PARAMS["teacher"]) / PAPER_PARAMS["teacher"] < 0.1


@pytest.mark.parametrize("name", list("ABCDEFG"))
def test_student_sizes_match_paper(default_students, name):
    st = build_students(default_students)[name]
    n = count_params(st)
    assert abs(n - PAPER_PARAMS[name]) / PAPER_PARAMS[name] < 0.1, (name, n)


def test_students_shrink_monotonically(default_students):
    sizes = [count_params(s) for s in build_students(default_students).values()]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 77


def test_macs_of_student_g_by_hand(default_students):
    # conv 1->2 3x3 on 28x28: 26*26*2*9; pool; conv 2->2 3x3 stride 2 on 13x13: 6*6*2*18; pool; linear 18
    g = build_students(default_students)["G"]
    assert count_macs(g, (1, 28, 28)) == 26 * 26 * 2 * 9 + 6 * 6 * 2 * 18 + 18


def test_macs_of_transposed_convolution():
    m = torch.nn.ConvTranspose2d(8, 16, 3, stride=2, padding=1, output_padding=1)
    # each of the 4*4*8 input values is multiplied by 3*3*16 weights
    assert count_macs(m, (8, 4, 4)) == 4 * 4 * 8 * 9 * 16


def test_shapes_and_score():
    x = torch.rand(5, 1, 28, 28)
    t = ConvAutoencoder()
    y = t(x)
    assert y.shape == x.shape and float(y.detach().min()) > 0 and float(y.detach().max()) < 1
    s = t.score(x)
    assert s.shape == (5,)
    assert torch.allclose(s, ((y - x) ** 2).mean(dim=(1, 2, 3)))
    st = Student(layers=["conv2", "avgpool2", "conv2s2", "avgpool2"])
    assert st(x).shape == (5, 1)


def test_parse_layer_tokens():
    assert parse_layer("conv16s2") == ("conv", {"channels": 16, "kernel": 3, "stride": 2})
    assert parse_layer("conv4k5") == ("conv", {"channels": 4, "kernel": 5, "stride": 1})
    assert parse_layer("avgpool2") == ("avgpool", {"kernel": 2})
    with pytest.raises(ValueError, match="unknown student layer 'dense8'"):
        parse_layer("dense8")


def test_student_that_shrinks_image_to_nothing():
    with pytest.raises(ValueError, match="student Z: layers shrink"):
        Student(layers=["avgpool8", "avgpool8"], name="Z")


def test_teacher_shape_mismatch_is_reported():
    with pytest.raises(ValueError, match="decoder gives images of shape"):
        ConvAutoencoder(decoder_up=(16, 16))
