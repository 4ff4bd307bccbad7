"""results/jets_sr/summary.json: NN vs SR with intervals, approximation accuracy of the
validation-chosen SR model, HLS checks, paper values.

Under Snakemake: input.nn_float, .nn_quantized, .nn_hls, .front, .timing, .csim, .synthesis
(and .sim_stats for simulated jets), params.data_kind, output.out.
"""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    for name in ("nn-float", "nn-quantized", "nn-hls", "front", "timing", "csim", "synthesis", "out"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--sim-stats", help="simulation timing JSON (simulated jets only)")
    p.add_argument("--data-kind", required=True, choices=["simulated", "real"])
    a = p.parse_args(argv)
    with log_to(a.log):
        from trigml.jets_sr.plots import summarize

        summarize(a.nn_float, a.nn_quantized, a.nn_hls, a.front, a.timing, a.csim, a.synthesis, a.out,
                  sim_stats=a.sim_stats, data_kind=a.data_kind)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
