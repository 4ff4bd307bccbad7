# trigml — ultra-low-latency ML for LHC trigger FPGAs, reproduced end to end.
# This file only wires things up: rules live in workflow/rules/, logic in workflow/src/trigml/.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/tracking.smk"
include: "workflow/rules/tracking_fpga.smk"
include: "workflow/rules/jets_sr.smk"
include: "workflow/rules/anomaly_kd.smk"
include: "workflow/rules/anomaly_kd_l1.smk"
include: "workflow/rules/logic_warp.smk"
include: "workflow/rules/hardware.smk"
include: "workflow/rules/export.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        get_final_output(),
