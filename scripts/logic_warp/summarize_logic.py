"""metrics.json of a task: accuracies over seeds, epochs/steps to converge, gates, LUTs, simulation."""

import argparse

from trigml.cli import log_to
from trigml.logic_warp.steps import summarize_task


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--task", required=True)
    p.add_argument("--runs", nargs="+", required=True, help="per method and seed JSON files")
    p.add_argument("--synth", required=True)
    p.add_argument("--simulation", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log):
        summarize_task(args.task, args.runs, synth_json=args.synth, sim_json=args.simulation, out=args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--task", smk.wildcards.task, "--runs", *smk.input.runs, "--synth", smk.input.synth]
        + ["--simulation", smk.input.simulation, "--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
