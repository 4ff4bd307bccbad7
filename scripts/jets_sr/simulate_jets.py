"""Simulate the jets of one class with Pythia8 + FastJet (features of OpenML 42468)."""

import argparse
import json

from trigml.cli import log_to
from trigml.jets_sr.simulate import JetSimConfig, class_seed, simulate_to_files


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jet-class", required=True, choices=["g", "q", "t", "w", "z"])
    p.add_argument("--n-jets", type=int, required=True)
    p.add_argument(
        "--sim", default="{}", help="JSON of the jets_sr.data.simulation block (without jets_per_class)"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="parquet of this class's jets")
    p.add_argument("--stats", required=True, help="JSON with timing and selection efficiency")
    p.add_argument("--log")
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    with log_to(args.log):
        sim = {k: v for k, v in json.loads(args.sim).items() if k != "jets_per_class"}
        cfg = JetSimConfig(**sim)
        simulate_to_files(
            args.jet_class, args.n_jets, cfg, class_seed(args.seed, args.jet_class), args.out, args.stats
        )


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main([
        "--jet-class", smk.wildcards.jet_class, "--n-jets", str(smk.params.sim["jets_per_class"]),
        "--sim", json.dumps(dict(smk.params.sim)), "--seed", str(smk.params.seed),
        "--out", smk.output.parquet, "--stats", smk.output.stats, "--log", smk.log[0],
    ])  # fmt: skip
elif __name__ == "__main__":
    main()
