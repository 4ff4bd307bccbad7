"""HLS C synthesis of one design point where vitis_hls / vivado_hls is on PATH; elsewhere a JSON
that says "synthesized": false with the reason, beside a shape-based estimate (labelled)."""

import argparse

from trigml.cli import log_to
from trigml.files import write_json
from trigml.tracking_fpga.reference import load_in_model
from trigml.tracking_fpga.synth import synthesize_point


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--project", required=True, help="where the HLS project is written (if the tool exists)")
    p.add_argument("--n-nodes", type=int, required=True)
    p.add_argument("--n-edges", type=int, required=True)
    p.add_argument("--reuse-factor", type=int, required=True)
    p.add_argument("--style", default="pipeline", choices=["pipeline", "dataflow"])
    p.add_argument("--precision", default="ap_fixed<14,7>")
    p.add_argument("--backend", default="Vitis", choices=["Vitis", "Vivado"])
    p.add_argument("--part", default="xcvu9p-flga2104-2L-e")
    p.add_argument("--clock-period", type=float, default=5)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        res = synthesize_point(
            load_in_model(args.model), n_nodes=args.n_nodes, n_edges=args.n_edges, reuse_factor=args.reuse_factor,
            style=args.style, precision=args.precision, backend=args.backend, part=args.part,
            clock_period=args.clock_period, project_dir=args.project,
        )  # fmt: skip
        write_json(args.out, res)
        log.info("synthesized: %s %s", res["synthesized"], res.get("reason", ""))


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    pt = smk.params.point
    main(
        ["--model", smk.input.model, "--out", smk.output[0], "--project", smk.params.project]
        + ["--n-nodes", str(pt["design"][0]), "--n-edges", str(pt["design"][1])]
        + ["--reuse-factor", str(pt["reuse_factor"]), "--style", pt["style"], "--precision", pt["precision"]]
        + ["--backend", smk.params.backend, "--part", smk.params.part]
        + ["--clock-period", str(smk.params.clock_period), "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
