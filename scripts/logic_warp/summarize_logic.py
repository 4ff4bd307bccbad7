"""metrics.json of a task: accuracies over seeds (validation-selected, test-reported), convergence
on validation data, netlist node counts, LUTs, bit-exact simulation."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--task", required=True, choices=["boolean", "jets", "digits"])
    p.add_argument("--runs", required=True, help="runs.json of the task")
    p.add_argument("--synth", required=True, help="synth.json of the task")
    p.add_argument("--simulation", required=True, help="simulation.json of the task")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.summary import summarize_task

        summarize_task(args.task, args.runs, synth_json=args.synth, sim_json=args.simulation, out=args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
