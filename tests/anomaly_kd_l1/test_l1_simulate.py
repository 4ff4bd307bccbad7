"""Pythia8 + FastJet simulation: tiny samples in the ADC2021 layout, the lepton filter, the mixing."""

import numpy as np
import pytest
from trigml.anomaly_kd_l1.layout import read_attrs, read_particles, validate
from trigml.anomaly_kd_l1.simulate import SAMPLES, EventSimulator, simulate_sample, split_counts, write_sample


def test_split_counts_sums_and_rounds():
    c = split_counts(100, {"W": 0.592, "QCD": 0.338, "Z": 0.067, "ttbar": 0.003})
    assert sum(c.values()) == 100 and c == {"W": 59, "QCD": 34, "Z": 7, "ttbar": 0}
    with pytest.raises(ValueError):
        split_counts(10, {"W": -1.0})


def test_background_sample_has_the_layout_and_passes_the_lepton_filter(tmp_path):
    path = tmp_path / "bkg.h5"
    res = write_sample(
        "background", str(path), n_events=12, seed=5, fractions={"W": 0.5, "Z": 0.5}, progress=False
    )
    a = read_particles(path)
    assert a.shape == (12, 19, 4) and res["n_events"] == 12
    validate(a, str(path))
    lead_lep = np.maximum(a[:, 1:5, 0].max(axis=1), a[:, 5:9, 0].max(axis=1))
    assert (lead_lep > 23.0).all()
    assert (a[:, 0, 3] == 1).all() and (a[:, 0, 1] == 0).all()  # MET row: type 1, eta 0
    jets = a[:, 9:, 0]
    assert ((jets == 0) | (jets > 15.0)).all() and (np.diff(jets, axis=1) <= 0).all()
    assert (np.abs(a[:, 5:9, 1]) <= 2.2).all()  # muon acceptance (plus angular smearing)
    attrs = read_attrs(path)
    assert attrs["sample"] == "background" and attrs["seed"] == 5


def test_simulation_is_seeded():
    a, la, _ = simulate_sample(SAMPLES["Ato4l"], 4, seed=3, progress=False)
    b, lb, _ = simulate_sample(SAMPLES["Ato4l"], 4, seed=3, progress=False)
    np.testing.assert_array_equal(a, b)
    assert (a[:, 1:9, 0] > 0).sum(axis=1).min() >= 1


def test_unknown_process_and_detector_key_are_errors():
    with pytest.raises(ValueError, match="unknown process"):
        EventSimulator("Zprime", seed=1)
    with pytest.raises(ValueError, match="unknown detector parameters"):
        EventSimulator("W", seed=1, detector={"ele_pt": 5})
    with pytest.raises(ValueError, match="unknown sample"):
        write_sample("nope", "x.h5", n_events=1, seed=1)


def test_batched_particles_are_pythias_own_kinematics():
    """The simulator reads Pythia's event records in batches (``nextBatch``) and computes pT, eta and
    phi itself: bit for bit what Pythia's Particle getters give for the same events."""
    import math

    from trigml.anomaly_kd_l1.simulate import _eta

    sim = EventSimulator("W", seed=3, batch_size=20)
    sim._refill()
    ref = EventSimulator("W", seed=3)
    n = 0
    for k in range(20):
        assert ref.pythia.next()
        ev = ref.pythia.event
        sl = slice(sim._offsets[k], sim._offsets[k + 1])
        assert list(sim._cols["id"][sl]) == [ev[i].id() for i in range(ev.size())]
        for j, i in enumerate(range(ev.size())):
            p = ev[i]
            if not p.isFinal():
                continue
            px, py, pz = (sim._cols[c][sl][j] for c in ("px", "py", "pz"))
            pt = math.sqrt(px * px + py * py)
            assert (pt, _eta(px, py, pz, pt), math.atan2(py, px)) == (p.pT(), p.eta(), p.phi())
            n += 1
    assert n > 1000
