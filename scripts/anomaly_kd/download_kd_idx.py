"""Download the four IDX files of MNIST or Fashion-MNIST (resumed, sha256 lock, published MD5 checked).

Under Snakemake every option comes by name from the rule (output.<part>, params.dataset,
params.base_url, params.sha256, params.retries) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv

IDX_PARTS = ("train_images", "train_labels", "test_images", "test_labels")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True, choices=["mnist", "fashion_mnist"])
    for part in IDX_PARTS:
        p.add_argument(f"--{part.replace('_', '-')}", required=True, help=f"output path of {part}")
    p.add_argument("--base-url", required=True, help="folder URL holding the four .gz files")
    p.add_argument("--sha256", type=json_arg, required=True, help="JSON {part: sha256 or null}")
    p.add_argument("--retries", type=int, required=True)
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        from trigml.anomaly_kd.datasets import download_idx

        out = {part: getattr(args, part) for part in IDX_PARTS}
        download_idx(args.dataset, out, base_url=args.base_url, sha256=args.sha256, retries=args.retries)
        log.info("%s: %s", args.dataset, ", ".join(out.values()))


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("sha256",)))  # noqa: F821
elif __name__ == "__main__":
    main()
