"""Convert the student with hls4ml, compile it (C simulation) and compare it with QKeras -> csim.json."""

import argparse

from trigml.anomaly_kd_l1.steps import csim_student
from trigml.cli import log_to


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", required=True)
    p.add_argument("--dataset", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--project-dir", required=True)
    p.add_argument("--technique", default="")
    p.add_argument("--backend", default="Vitis")
    p.add_argument("--default-precision", default="ap_fixed<16,6>")
    p.add_argument("--reuse-factor", type=int, default=1)
    p.add_argument("--part", default="xcvu13p-flga2577-2-e")
    p.add_argument("--clock-period", type=float, default=5.0)
    p.add_argument("--max-events", type=int, default=None)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with log_to(a.log) as log:
        r = csim_student(
            model=a.model, dataset=a.dataset, out=a.out, project_dir=a.project_dir, technique=a.technique,
            backend=a.backend, default_precision=a.default_precision, reuse_factor=a.reuse_factor, part=a.part,
            clock_period=a.clock_period, max_events=a.max_events,
        )  # fmt: skip
        log.info("C simulation vs QKeras: max |delta| %.4g", r["max_abs_delta"])


if "snakemake" in globals():
    smk = snakemake  # noqa: F821
    h = smk.params.hls
    main(
        ["--model", smk.input.model, "--dataset", smk.input.dataset, "--out", smk.output.json]
        + ["--project-dir", smk.output.project, "--technique", h["technique"], "--backend", h["backend"]]
        + ["--default-precision", h["default_precision"], "--reuse-factor", str(h["reuse_factor"])]
        + ["--part", h["part"], "--clock-period", str(h["clock_period"])]
        + (["--max-events", str(h["max_events"])] if h["max_events"] else [])
        + ["--log", smk.log[0]]
    )
elif __name__ == "__main__":
    main()
