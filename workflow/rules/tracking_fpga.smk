# tracking_fpga study (Elabd et al. 2021, Heintz et al. 2020), at the pT threshold tracking_fpga.pt:
#   tracking's train/val event graphs -> train_in_fpga (sector graphs, phi local to the sector, hidden size 8)
#   tracking's test event graphs -> build_sector_designs (eta/phi sectors, padded to each design) -> plot_sector_designs
#   -> csim_in_hls (shared hls4ml back-end, IN extension layers, C simulation vs PyTorch) -> collect_in_csim -> plot_in_csim
#   -> scan_in_precision (AUC vs ap_fixed<W,I>) -> collect_in_precision_scan -> plot_in_precision_scan
#   -> convert_in_hls -> synth_hls (hardware.smk: Vivado/Vitis where present, else "synthesized": false)
#      -> collect_in_synth -> plot_in_synth
#   -> bench_in_opencl (matrix-form kernels on PoCL's CPU device) -> plot_in_throughput
#   -> convert_rtl_tracking_fpga (hardware.smk) -> simulate_rtl -> synth_rtl (tracking_fpga.rtl.designs)
# Wildcards: design = n{nodes}e{edges}; style = pipeline | dataflow; hw_design (synthesis point) = {design}_rf{reuse}_{style}.
# Lists and input functions: trigml.tracking_fpga.inputs; cross-key checks: trigml.tracking_fpga.settings.

from trigml.tracking_fpga import inputs as tracking_fpga_inputs

TFP = config["tracking_fpga"]


wildcard_constraints:
    design=r"n\d+e\d+",
    style=r"pipeline|dataflow",


rule train_in_fpga:
    """Train the FPGA interaction network (hidden size tracking_fpga.hidden_size) on the sector
    graphs of the tracking study's training events at {pt} (validation: those of its validation
    events), phi local to the sector when tracking_fpga.sectors.local_phi."""
    input:
        train=tracking_fpga_inputs.graphs(config, "train"),
        val=tracking_fpga_inputs.graphs(config, "val"),
    output:
        model=patterns.tracking_fpga.checkpoint(),
        history=patterns.tracking_fpga.history(),
    log:
        patterns.log("tracking_fpga", "train_in_fpga", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "train_in_fpga", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=scaled(120),
        gpu=1,
    params:
        hidden_size=TFP["hidden_size"],
        settings=tracking_fpga_inputs.train_settings(config),
        sectors=TFP["sectors"],
        seed=config["seed"],
    script:
        "../../scripts/tracking_fpga/train_in_fpga.py"


rule build_sector_designs:
    """Split the test events' graphs into eta/phi sectors and pad/truncate every sector graph to
    each configured design (n_nodes, n_edges); designs.json reports the edges lost per design.
    """
    input:
        graphs=tracking_fpga_inputs.graphs(config, "test"),
    output:
        design_files=expand(
            patterns.tracking_fpga.design_graphs(),
            design=tracking_fpga_inputs.design_names(config),
        ),
        summary=patterns.tracking_fpga.designs_json(),
    log:
        patterns.log("tracking_fpga", "build_sector_designs"),
    conda:
        "../../envs/torch.yaml"
    params:
        events=tracking_fpga_inputs.events_param(config, "test"),
        designs=TFP["designs"],
        sectors=TFP["sectors"],
    script:
        "../../scripts/tracking_fpga/build_sector_designs.py"


rule plot_sector_designs:
    """Fractions of all and of true edges lost to truncation per design."""
    input:
        inputs=rules.build_sector_designs.output.summary,
    output:
        png=report(
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
    params:
        figure="designs",
    script:
        "../../scripts/tracking_fpga/plot_figure.py"


rule csim_in_hls:
    """hls4ml conversion of design {design} in style {style} through the shared hls4ml back-end
    (trigml's IN extension layers), g++ compile and C simulation of its sector graphs, compared with
    PyTorch (max |delta|, AUCs with a bootstrap interval over test events).
    """
    input:
        model=tracking_fpga_inputs.checkpoint(config),
        history=patterns.tracking_fpga.history(pt=tracking_fpga_inputs.pt_label(config)),
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
    resources:
        mem_mb=scaled(3000),
    params:
        csim=TFP["csim"],
        style="{style}",
        part=TFP["synthesis"]["part"],
        clock_period=TFP["synthesis"]["clock_period"],
        n_boot=TFP["n_boot"],
        seed=config["seed"],
    script:
        "../../scripts/tracking_fpga/csim_in_hls.py"


rule collect_in_csim:
    """All C-simulation comparisons in one JSON."""
    input:
        results=expand(
            patterns.tracking_fpga.csim_json(),
            design=tracking_fpga_inputs.design_names(config),
            style=TFP["csim"]["styles"],
        ),
    output:
        out=patterns.tracking_fpga.csim_summary_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_csim"),
    localrule: True
    conda:
        "../../envs/hls.yaml"
    script:
        "../../scripts/tracking_fpga/collect_results.py"


use rule plot_sector_designs as plot_in_csim with:
    input:
        inputs=rules.collect_in_csim.output.out,
    output:
        png=report(
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
    params:
        figure="csim",


rule scan_in_precision:
    """AUC of design {design} vs total bits ap_fixed<W, I0> and vs integer bits ap_fixed<W0, I>
    (one hls4ml compile per point), each with a bootstrap interval over test events."""
    input:
        model=tracking_fpga_inputs.checkpoint(config),
        graphs=patterns.tracking_fpga.design_graphs(),
    output:
        out=patterns.tracking_fpga.precision_scan_design_json(),
    log:
        patterns.log("tracking_fpga", "scan_in_precision", "{design}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "scan_in_precision", "{design}")
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(3000),
        runtime=scaled(120),
    params:
        scan=TFP["precision_scan"],
        csim=TFP["csim"],
        part=TFP["synthesis"]["part"],
        clock_period=TFP["synthesis"]["clock_period"],
        n_boot=TFP["n_boot"],
        seed=config["seed"],
    script:
        "../../scripts/tracking_fpga/scan_in_precision.py"


use rule collect_in_csim as collect_in_precision_scan with:
    input:
        results=expand(
            patterns.tracking_fpga.precision_scan_design_json(),
            design=tracking_fpga_inputs.design_names(config, "precision_scan"),
        ),
    output:
        out=patterns.tracking_fpga.precision_scan_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_precision_scan"),


use rule plot_sector_designs as plot_in_precision_scan with:
    input:
        inputs=rules.collect_in_precision_scan.output.out,
    output:
        png=report(
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
    params:
        figure="precision_scan",


rule convert_in_hls:
    """hls4ml project (IN extension layers, written, not compiled) of synthesis point {hw_design}
    ({design}_rf{reuse}_{style} at its precision), for the shared synth_hls rule (hardware.smk):
    Vitis/Vivado HLS where the tool is on PATH, else a hardware.json record with the reason.
    """
    input:
        model=tracking_fpga_inputs.checkpoint(config),
    output:
        project=directory(patterns.hardware.hls_project(hw_study="tracking_fpga")),
    log:
        patterns.log("tracking_fpga", "convert_in_hls", "{hw_design}"),
    benchmark:
        patterns.benchmark("tracking_fpga", "convert_in_hls", "{hw_design}")
    wildcard_constraints:
        hw_design=r"n\d+e\d+_rf\d+_(pipeline|dataflow)",
    conda:
        "../../envs/hls.yaml"
    params:
        point=tracking_fpga_inputs.point_param(config),
        backend=TFP["synthesis"]["backend"],
        part=TFP["synthesis"]["part"],
        clock_period=TFP["synthesis"]["clock_period"],
        sigmoid_table_size=TFP["csim"]["sigmoid_table_size"],
    script:
        "../../scripts/tracking_fpga/convert_in_hls.py"


use rule collect_in_csim as collect_in_synth with:
    input:
        results=tracking_fpga_inputs.hls_hardware(config),
    output:
        out=patterns.tracking_fpga.synth_summary_json(),
    log:
        patterns.log("tracking_fpga", "collect_in_synth"),


use rule plot_sector_designs as plot_in_synth with:
    input:
        inputs=rules.collect_in_synth.output.out,
    output:
        png=report(
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
    params:
        figure="synth",


rule bench_in_opencl:
    """Matrix-form IN kernels (single work item ... register tiling, and the sparse gather form)
    on PoCL's CPU OpenCL device: agreement with PyTorch and time per graph per design.
    """
    input:
        model=tracking_fpga_inputs.checkpoint(config),
        graphs=expand(
            patterns.tracking_fpga.design_graphs(),
            design=tracking_fpga_inputs.design_names(config, "opencl"),
        ),
    output:
        out=patterns.tracking_fpga.opencl_json(),
    log:
        patterns.log("tracking_fpga", "bench_in_opencl"),
    benchmark:
        patterns.benchmark("tracking_fpga", "bench_in_opencl")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(3000),
    params:
        opencl=TFP["opencl"],
    script:
        "../../scripts/tracking_fpga/bench_in_opencl.py"


use rule plot_sector_designs as plot_in_throughput with:
    input:
        inputs=[rules.bench_in_opencl.output.out, rules.collect_in_csim.output.out],
    output:
        png=report(
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
    params:
        figure="throughput",


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
        tracking_fpga_inputs.rtl_hardware(config),
