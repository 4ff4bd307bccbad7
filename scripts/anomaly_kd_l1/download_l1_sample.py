"""Download one public ADC2021 file from its Zenodo record; verify the published md5 and the layout.

Under Snakemake every option comes by name from the rule (params.sample, params.base_url,
params.md5, params.retries, output.events) through trigml.cli.snakemake_argv.
"""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--sample", required=True, help="background, Ato4l, leptoquark, hToTauTau or hChToTauNu")
    p.add_argument("--events", required=True, help="HDF5 file to write")
    p.add_argument("--base-url", required=True)
    p.add_argument("--md5", type=json_arg, required=True,
                   help="JSON {sample: md5} to pin (the record's published md5 is always checked)")  # fmt: skip
    p.add_argument("--retries", type=int, required=True)
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        from trigml.anomaly_kd_l1.download import fetch_record_file

        md5 = a.md5[a.sample] if a.sample in a.md5 else None
        path = fetch_record_file(
            a.sample, a.events, base_url=a.base_url, md5=md5, retries=a.retries, progress=False
        )
        log.info("%s downloaded to %s", a.sample, path)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("md5",)))  # noqa: F821
elif __name__ == "__main__":
    main()
