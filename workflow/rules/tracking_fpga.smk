# tracking_fpga study (Elabd et al. 2021, Heintz et al. 2020), at the pT threshold tracking_fpga.pt:
#   tracking's train_in -> train_in_fpga (hidden size 8, 528 parameters)
#   tracking's test-event graphs -> build_sector_designs (eta/phi sectors, padded to each design) -> plot_sector_designs
#   -> csim_in_hls (hls4ml extension layers, g++ C simulation vs PyTorch) -> collect_in_csim -> plot_in_csim
#   -> scan_in_precision (AUC vs ap_fixed<W,I>) -> collect_in_precision_scan -> plot_in_precision_scan
#   -> synth_in_hls (Vivado/Vitis where present, else "synthesized": false + estimate) -> collect_in_synth -> plot_in_synth
#   -> bench_in_opencl (matrix-form kernels on PoCL's CPU device) -> plot_in_throughput
# Wildcards: design = n{nodes}e{edges}; style = pipeline | dataflow; point = {design}_rf{reuse}_{style}.

from trigml.tracking_fpga.sectors import design_name

TFP = config["tracking_fpga"]
TFP_PT = patterns.tracking.pt_label(TFP["pt"])
TFP_MODEL = patterns.tracking_fpga.checkpoint(pt=TFP_PT)  # trained by train_in_fpga
TFP_DESIGNS = [design_name(*d) for d in TFP["designs"]]
TFP_SCAN = [design_name(*d) for d in TFP["precision_scan"]["designs"]]
TFP_OCL = [design_name(*d) for d in TFP["opencl"]["designs"]]
TFP_POINTS = {
    f"{design_name(*p['design'])}_rf{p['reuse_factor']}_{p['style']}": p
    for p in TFP["synthesis"]["points"]
}
if len(TFP_POINTS) != len(TFP["synthesis"]["points"]):
    raise ValueError(
        "config key 'tracking_fpga.synthesis.points' repeats a (design, reuse_factor, style) "
        "point: each names one output file"
    )
for _name, _used in (("precision_scan", TFP_SCAN), ("opencl", TFP_OCL)):
    _missing = sorted(set(_used) - set(TFP_DESIGNS))
    if _missing:
        raise ValueError(
            f"config key 'tracking_fpga.{_name}.designs' names {_missing}, "
            "which are not in 'tracking_fpga.designs'"
        )


wildcard_constraints:
    design=r"n\d+e\d+",
    style=r"pipeline|dataflow",
    point=r"n\d+e\d+_rf\d+_(pipeline|dataflow)",


use rule train_in as train_in_fpga with:
    output:
        model=patterns.tracking_fpga.checkpoint(),
        history=patterns.tracking_fpga.history(),
    log:
        patterns.log("tracking_fpga", "train_in_fpga", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "train_in_fpga", "pt{pt}")
    params:
        hidden_size=TFP["hidden_size"],
        settings={
            **{k: v for k, v in TRK["train"].items() if k != "hidden_size"},
            **TFP["train"],
        },
        seed=config["seed"],


rule build_sector_designs:
    """Split the test events' graphs into eta/phi sectors and pad/truncate every sector graph to
    each configured design (n_nodes, n_edges); designs.json reports the edges lost per design.
    """
    input:
        # the tracking study's test events at tracking_fpga.pt; graph_cuts: a clear error if
        # tracking.graph.cuts has no row for that threshold
        graphs=lambda wc: (
            subset_graphs(
                trackml_event_ids(),
                TFP_PT,
                "test",
                **TRK["split"],
            )
            if graph_cuts(TRK["graph"]["cuts"], TFP_PT)
            else []
        ),
    output:
        graphs=expand(patterns.tracking_fpga.design_graphs(), design=TFP_DESIGNS),
        summary=patterns.tracking_fpga.designs_json(),
    log:
        patterns.log("tracking_fpga", "build_sector_designs"),
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 2000 * attempt,
        runtime=lambda wc, attempt: 20 * attempt,
    params:
        events=lambda wc: [int(e) for e in TRK_EVENTS("test")],
        designs=TFP["designs"],
        sectors=TFP["sectors"],
    script:
        "../../scripts/tracking_fpga/build_sector_designs.py"


rule plot_sector_designs:
    """Fractions of all and of true edges lost to truncation per design."""
    input:
        rules.build_sector_designs.output.summary,
    output:
        report(
            patterns.tracking_fpga.designs_png(),
            caption="../report/tracking_fpga_designs.rst",
            category="3 tracking_fpga",
            labels={
                "study": "tracking_fpga",
                "figure": "graph-size designs",
                "design": "every design",
                "precision": "float",
            },
        ),
    log:
        patterns.log("tracking_fpga", "plot_sector_designs"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="designs",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule csim_in_hls:
    """hls4ml conversion of design {design} in style {style} through trigml's extension layers,
    g++ compile and C simulation of its sector graphs, compared with PyTorch (max |delta|, AUC).
    """
    input:
        model=TFP_MODEL,
        graphs=patterns.tracking_fpga.design_graphs(),
    output:
        json=patterns.tracking_fpga.csim_json(),
        project=directory(patterns.tracking_fpga.hls_project()),
    log:
        patterns.log("tracking_fpga", "csim_in_hls", "{design}_{style}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "csim_in_hls", "{design}_{style}")
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        csim=TFP["csim"],
        part=TFP["synthesis"]["part"],
        clock_period=TFP["synthesis"]["clock_period"],
    script:
        "../../scripts/tracking_fpga/csim_in_hls.py"


rule collect_in_csim:
    """All C-simulation comparisons in one JSON."""
    input:
        expand(
            patterns.tracking_fpga.csim_json(),
            design=TFP_DESIGNS,
            style=TFP["csim"]["styles"],
        ),
    output:
        patterns.tracking_fpga.csim_summary_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_csim"),
    localrule: True
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../../scripts/tracking_fpga/collect_results.py"


rule plot_in_csim:
    """AUC of the C simulation and of PyTorch per design, and the largest score difference."""
    input:
        rules.collect_in_csim.output,
    output:
        report(
            patterns.tracking_fpga.csim_png(),
            caption="../report/tracking_fpga_csim.rst",
            category="3 tracking_fpga",
            labels={
                "study": "tracking_fpga",
                "figure": "hls4ml C simulation vs PyTorch",
                "design": "every design",
                "precision": "config default",
            },
        ),
    log:
        patterns.log("tracking_fpga", "plot_in_csim"),
    localrule: True
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="csim",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule scan_in_precision:
    """AUC of design {design} vs total bits ap_fixed<W, I0> and vs integer bits ap_fixed<W0, I>
    (one hls4ml compile per point)."""
    input:
        model=TFP_MODEL,
        graphs=patterns.tracking_fpga.design_graphs(),
    output:
        patterns.tracking_fpga.precision_scan_design_json(),
    log:
        patterns.log("tracking_fpga", "scan_in_precision", "{design}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "scan_in_precision", "{design}")
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
    params:
        scan=TFP["precision_scan"],
        csim=TFP["csim"],
    script:
        "../../scripts/tracking_fpga/scan_in_precision.py"


rule collect_in_precision_scan:
    """All precision scans in one JSON."""
    input:
        expand(patterns.tracking_fpga.precision_scan_design_json(), design=TFP_SCAN),
    output:
        patterns.tracking_fpga.precision_scan_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_precision_scan"),
    localrule: True
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../../scripts/tracking_fpga/collect_results.py"


rule plot_in_precision_scan:
    """AUC vs total bits and vs integer bits, with the floating-point AUC as reference lines."""
    input:
        rules.collect_in_precision_scan.output,
    output:
        report(
            patterns.tracking_fpga.precision_scan_png(),
            caption="../report/tracking_fpga_precision_scan.rst",
            category="3 tracking_fpga",
            labels={
                "study": "tracking_fpga",
                "figure": "AUC vs bit width",
                "design": "every design",
                "precision": "scanned",
            },
        ),
    log:
        patterns.log("tracking_fpga", "plot_in_precision_scan"),
    localrule: True
    conda:
        "../../envs/hls.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="precision_scan",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule synth_in_hls:
    """C synthesis of point {point} with Vitis/Vivado HLS where the tool is on PATH (latency,
    interval, LUT/FF/DSP/BRAM); elsewhere "synthesized": false with the reason, and an estimate
    counted from the model's shapes, labelled as such."""
    input:
        model=TFP_MODEL,
    output:
        patterns.tracking_fpga.synth_json(),
    log:
        patterns.log("tracking_fpga", "synth_in_hls", "{point}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "synth_in_hls", "{point}")
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 16000 * attempt,
        runtime=lambda wc, attempt: 720 * attempt,
    params:
        point=lambda wc: TFP_POINTS[wc.point],
        project=lambda wc: f"{patterns.tracking_fpga.root()}/synth_projects/{wc.point}",
        backend=TFP["synthesis"]["backend"],
        part=TFP["synthesis"]["part"],
        clock_period=TFP["synthesis"]["clock_period"],
    script:
        "../../scripts/tracking_fpga/synth_in_hls.py"


rule collect_in_synth:
    """All synthesis points (or their documented skips) in one JSON."""
    input:
        expand(patterns.tracking_fpga.synth_json(), point=list(TFP_POINTS)),
    output:
        patterns.tracking_fpga.synth_summary_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_synth"),
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../../scripts/tracking_fpga/collect_results.py"


rule plot_in_synth:
    """Latency/resources vs graph size where synthesized; otherwise the labelled estimate."""
    input:
        rules.collect_in_synth.output,
    output:
        report(
            patterns.tracking_fpga.synth_png(),
            caption="../report/tracking_fpga_synth.rst",
            category="3 tracking_fpga",
            labels={
                "study": "tracking_fpga",
                "figure": "latency and resources",
                "design": "every design",
                "precision": "config default",
            },
        ),
    log:
        patterns.log("tracking_fpga", "plot_in_synth"),
    localrule: True
    conda:
        "../../envs/eda.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="synth",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule bench_in_opencl:
    """Matrix-form IN kernels (single work item ... register tiling, and the sparse gather form)
    on PoCL's CPU OpenCL device: agreement with PyTorch and time per graph per design.
    """
    input:
        model=TFP_MODEL,
        graphs=expand(patterns.tracking_fpga.design_graphs(), design=TFP_OCL),
    output:
        patterns.tracking_fpga.opencl_json(),
    log:
        patterns.log("tracking_fpga", "bench_in_opencl"),
    benchmark:
        patterns.benchmark("tracking_fpga", "bench_in_opencl")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        opencl=TFP["opencl"],
    script:
        "../../scripts/tracking_fpga/bench_in_opencl.py"


rule plot_in_throughput:
    """Graphs per second of the OpenCL variants, the C simulation and PyTorch per design size."""
    input:
        rules.bench_in_opencl.output,
        rules.collect_in_csim.output,
    output:
        report(
            patterns.tracking_fpga.throughput_png(),
            caption="../report/tracking_fpga_throughput.rst",
            category="3 tracking_fpga",
            labels={
                "study": "tracking_fpga",
                "figure": "OpenCL throughput",
                "design": "every design",
                "precision": "float",
            },
        ),
    log:
        patterns.log("tracking_fpga", "plot_in_throughput"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    params:
        figure="throughput",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule all_tracking_fpga:
    """Final targets of the tracking_fpga study."""
    input:
        patterns.tracking_fpga.designs_json(),
        patterns.tracking_fpga.designs_png(),
        patterns.tracking_fpga.csim_summary_json(),
        patterns.tracking_fpga.csim_png(),
        patterns.tracking_fpga.precision_scan_json(),
        patterns.tracking_fpga.precision_scan_png(),
        patterns.tracking_fpga.synth_summary_json(),
        patterns.tracking_fpga.synth_png(),
        patterns.tracking_fpga.opencl_json(),
        patterns.tracking_fpga.throughput_png(),
