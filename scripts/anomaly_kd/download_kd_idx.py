"""Download the four IDX files of MNIST or Fashion-MNIST (resumed, sha256 lock, published MD5 checked)."""

import argparse
import json

from trigml.anomaly_kd.datasets import IDX_PARTS, download_idx
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True, choices=["mnist", "fashion_mnist"])
    for part in IDX_PARTS:
        p.add_argument(f"--{part.replace('_', '-')}", required=True, help=f"output path of {part}")
    p.add_argument(
        "--base-url", default=None, help="folder URL holding the four .gz files (default: the public mirror)"
    )
    p.add_argument(
        "--sha256", default="{}", help="JSON {part: sha256}; missing parts are recorded in lock files"
    )
    p.add_argument("--retries", type=int, default=5)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        out = {part: getattr(args, part) for part in IDX_PARTS}
        download_idx(
            args.dataset, out, base_url=args.base_url, sha256=json.loads(args.sha256), retries=args.retries
        )
        log.info("%s: %s", args.dataset, ", ".join(out.values()))


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    main(
        [
            "--dataset",
            smk.wildcards.dataset,
            "--retries",
            str(smk.params.retries),
            "--sha256",
            json.dumps(smk.params.sha256),
        ]
        + (["--base-url", smk.params.base_url] if smk.params.base_url else [])
        + [a for part in IDX_PARTS for a in (f"--{part.replace('_', '-')}", smk.output[part])]
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
