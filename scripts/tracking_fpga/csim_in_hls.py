"""Convert one design of the trained IN to hls4ml, compile it (g++ C simulation) and compare it
with PyTorch on the design's padded sector graphs."""

import argparse
import json

import torch
from trigml.cli import log_to
from trigml.files import write_json
from trigml.tracking_fpga.csim import evaluate_design, load_in_model
from trigml.tracking_fpga.sectors import Padded


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True, help="IN checkpoint (trigml.tracking.train format)")
    p.add_argument("--graphs", required=True, help="padded design graphs (npz)")
    p.add_argument("--project", required=True, help="hls4ml project directory to write")
    p.add_argument("--out", required=True, help="comparison JSON")
    p.add_argument("--precision", default="ap_fixed<16,6>")
    p.add_argument("--reuse-factor", type=int, default=1)
    p.add_argument("--style", default="pipeline", choices=["pipeline", "dataflow"])
    p.add_argument("--backend", default="Vitis", choices=["Vitis", "Vivado"])
    p.add_argument("--part", default="xcvu9p-flga2104-2L-e")
    p.add_argument("--clock-period", type=float, default=5)
    p.add_argument("--sigmoid-table-size", type=int, default=1024)
    p.add_argument("--layer-precision", default="{}", help='JSON {layer: {variable: "ap_fixed<W,I>"}}')
    p.add_argument("--log")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    with log_to(args.log) as log:
        res = evaluate_design(
            load_in_model(args.model), Padded.load(args.graphs), project_dir=args.project,
            precision=args.precision, reuse_factor=args.reuse_factor, style=args.style, backend=args.backend,
            part=args.part, clock_period=args.clock_period, sigmoid_table_size=args.sigmoid_table_size,
            layer_precision=json.loads(args.layer_precision),
        )  # fmt: skip
        write_json(args.out, res)
        log.info(
            "AUC C sim %.4f vs PyTorch %.4f, max |d| %.4f",
            res["auc_hls"] or -1,
            res["auc_torch"] or -1,
            res["max_abs_diff"],
        )


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    c = smk.params.csim
    main(
        ["--model", smk.input.model, "--graphs", smk.input.graphs, "--project", smk.output.project]
        + ["--out", smk.output.json, "--precision", c["precision"], "--reuse-factor", str(c["reuse_factor"])]
        + ["--style", smk.wildcards.style, "--backend", c["backend"], "--part", smk.params.part]
        + [
            "--clock-period",
            str(smk.params.clock_period),
            "--sigmoid-table-size",
            str(c["sigmoid_table_size"]),
        ]
        + ["--layer-precision", json.dumps(dict(c.get("layer_precision", {})))]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
