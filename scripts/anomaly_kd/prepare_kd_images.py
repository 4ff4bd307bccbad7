"""Build one dataset's image set (npz): from the IDX files (MNIST / Fashion-MNIST) or the
scikit-learn digits stand-in (``digits``, and its rotated copy ``digits_rot90``)."""

import argparse

from trigml.anomaly_kd.datasets import (
    IDX_PARTS,
    REAL_DATASETS,
    STANDIN_DATASETS,
    digits_standin,
    idx_image_set,
    save_image_set,
)
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", required=True, choices=[*REAL_DATASETS, *STANDIN_DATASETS])
    for part in IDX_PARTS:
        p.add_argument(f"--{part.replace('_', '-')}", help=f"IDX file ({part}) of a real dataset")
    p.add_argument(
        "--test-fraction", type=float, default=0.3, help="stand-in: share of images kept for testing"
    )
    p.add_argument(
        "--augment", type=int, default=0, help="stand-in: shifted/rotated copies per training image"
    )
    p.add_argument("--max-shift", type=float, default=2.0, help="stand-in: largest shift of a copy (pixels)")
    p.add_argument(
        "--max-angle", type=float, default=12.0, help="stand-in: largest rotation of a copy (degrees)"
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--log")
    args = p.parse_args(argv)
    with log_to(args.log) as log:
        if args.dataset in REAL_DATASETS:
            files = {part: getattr(args, part) for part in IDX_PARTS}
            missing = [k for k, v in files.items() if not v]
            if missing:
                p.error(f"{args.dataset} needs the IDX files {missing}")
            data = idx_image_set(files, name=args.dataset)
        else:
            data = digits_standin(
                test_fraction=args.test_fraction, seed=args.seed, rotate=args.dataset == "digits_rot90",
                augment=args.augment, max_shift=args.max_shift, max_angle=args.max_angle,
            )  # fmt: skip
        save_image_set(args.out, data)
        log.info("%s: %d train / %d test images of %s, classes %s", args.out, len(data.x_train), len(data.x_test),
                 data.meta["dataset"], data.classes)  # fmt: skip


# Under Snakemake `script:` __name__ is also "__main__": test for the injected object first.
if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    files = [
        a
        for part in IDX_PARTS
        if part in smk.input.keys()
        for a in (f"--{part.replace('_', '-')}", smk.input[part])
    ]
    main(
        [
            "--dataset",
            smk.wildcards.dataset,
            "--test-fraction",
            str(smk.params.standin["test_fraction"]),
            "--augment",
            str(smk.params.standin["augment"]),
            "--max-shift",
            str(smk.params.standin["max_shift"]),
            "--max-angle",
            str(smk.params.standin["max_angle"]),
            "--seed",
            str(smk.params.seed),
        ]
        + files
        + ["--out", smk.output[0], "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
