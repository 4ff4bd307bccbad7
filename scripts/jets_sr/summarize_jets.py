"""results/jets_sr/summary.json: NN vs SR accuracy, approximation accuracy, HLS checks, paper values."""

import argparse

from trigml.cli import log_to
from trigml.jets_sr.plots import summarize


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    for name in ("nn-float", "nn-quantized", "nn-hls", "front", "timing", "csim", "synthesis", "out"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--sim-stats")
    p.add_argument("--real", action="store_true")
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log):
        summarize(a.nn_float, a.nn_quantized, a.nn_hls, a.front, a.timing, a.csim, a.synthesis, a.out,
                  sim_stats=a.sim_stats, real=a.real)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    argv = ["--nn-float", smk.input.nn_float, "--nn-quantized", smk.input.nn_quantized, "--nn-hls", smk.input.nn_hls,
            "--front", smk.input.front, "--timing", smk.input.timing, "--csim", smk.input.csim,
            "--synthesis", smk.input.synthesis, "--out", smk.output[0], "--log", smk.log[0]]  # fmt: skip
    if smk.input.get("sim_stats"):
        argv += ["--sim-stats", smk.input.sim_stats]
    main(argv + (["--real"] if smk.params.real else []))
elif __name__ == "__main__":
    main()
