"""Download one public ADC2021 file from its Zenodo record; verify the published md5 and the layout."""

import argparse

from trigml.anomaly_kd_l1.download import ZENODO, fetch_record_file
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sample", required=True, help="background, Ato4l, leptoquark, hToTauTau or hChToTauNu")
    p.add_argument("--out", required=True)
    p.add_argument("--base-url", default=ZENODO)
    p.add_argument(
        "--md5", default=None, help="optional md5 to pin (the record's published md5 is always checked)"
    )
    p.add_argument("--retries", type=int, default=5)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        path = fetch_record_file(
            a.sample, a.out, base_url=a.base_url, md5=a.md5, retries=a.retries, progress=False
        )
        log.info("%s downloaded to %s", a.sample, path)


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    md5 = smk.params.md5.get(smk.wildcards.sample)
    main(
        ["--sample", smk.wildcards.sample, "--out", smk.output[0], "--base-url", smk.params.base_url]
        + (["--md5", md5] if md5 else [])
        + ["--retries", str(smk.params.retries), "--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
