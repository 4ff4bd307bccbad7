"""Simulate an RTL project with Verilator on its test inputs and require every output to equal
the software fixed-point model bit for bit (the rule fails naming the design and the first
differing input otherwise); writes the counts and the float / fixed-point accuracies."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--project", required=True, help="RTL project folder (convert_rtl)")
    p.add_argument("--json", required=True, help="simulation JSON to write")
    p.add_argument("--n-checked", type=int, required=True, help="inputs to simulate (all where fewer)")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.hardware.steps import simulate_rtl

        simulate_rtl(args.project, args.json, n_checked=args.n_checked)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
