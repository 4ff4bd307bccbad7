"""Convert the quantized NN with hls4ml, compare its C simulation with Keras, synthesise where possible.

Under Snakemake: input.dataset, input.split, input.model, params.hls, params.nn, output.out.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--hls", type=json_arg, required=True, help="JSON of the jets_sr.hls block")
    p.add_argument("--nn", type=json_arg, required=True, help="JSON of the jets_sr.nn block")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.jets_sr.settings import HLSSettings, NNSettings, build
        from trigml.jets_sr.steps import nn_hls

        nn_hls(args.dataset, args.split, args.model, args.out, hls=build(HLSSettings, args.hls, "--hls"),
               nn=build(NNSettings, args.nn, "--nn"))  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
