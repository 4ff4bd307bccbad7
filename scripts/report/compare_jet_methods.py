"""Accuracy vs hardware cost on 5-class jet tagging: NN, symbolic regression, logic networks.

Measured points come from the open RTL flow's hardware.json records (--hardware); families without
one fall back to the studies' summaries (hls4ml synthesis, or labelled estimates)."""

from trigml.cli import log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--jets", required=True, help="jets_sr summary.json")
    p.add_argument("--logic", help="logic_warp jets metrics.json (when logic_warp runs the jet task)")
    p.add_argument("--hardware", nargs="+", default=[], help="hardware.json records of the jet designs")
    p.add_argument("--nn-layers", type=int, nargs="+", required=True)
    p.add_argument("--nn-bits", type=int, required=True)
    p.add_argument("--data", required=True, help="real or simulated (figure label)")
    p.add_argument("--png", required=True)
    p.add_argument("--json", required=True, help="the figure's JSON twin (written beside the PNG)")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        import json
        from pathlib import Path

        from trigml.compare import collect_points, plot
        from trigml.files import read_json
        from trigml.hardware import schema

        if Path(args.png).with_suffix(".json") != Path(args.json):
            raise ValueError(
                f"--json {args.json} must be the PNG's twin {Path(args.png).with_suffix('.json')}"
            )
        records = [(path, schema.read(path)) for path in args.hardware]
        points = collect_points(
            read_json(args.jets), read_json(args.logic) if args.logic else None,
            nn_layers=args.nn_layers, nn_bits=args.nn_bits, hardware=records,
        )  # fmt: skip
        if not points:
            raise ValueError(f"{args.jets}: no NN, SR or logic points to compare")
        plot(points, args.png, data=args.data)
        log.info("%d designs compared: %s", len(points), json.dumps(sorted({p["family"] for p in points})))


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
