"""metrics.json of a task: accuracies over seeds (validation-selected, test-reported), convergence
on validation data, netlist node counts, and each exported design's LUTs and bit-exact simulation
from its hardware.json (trigml.hardware's open RTL flow)."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--task", required=True, choices=["boolean", "jets", "digits"])
    p.add_argument("--runs", required=True, help="runs.json of the task")
    p.add_argument("--hardware", nargs="*", default=[], help="hardware.json of each of the task's designs")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.logic_warp.summary import summarize_task

        summarize_task(args.task, args.runs, hardware=args.hardware, out=args.out)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
