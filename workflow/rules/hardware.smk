# The hardware subsystem's open RTL flow (trigml.hardware, docs/hardware.md): one chain
#   convert_rtl (da4ml trace -> Verilog, or the study's own Verilog) -> simulate_rtl (Verilator,
#   bit-exact vs the software fixed-point model) -> synth_rtl (Yosys synth_xilinx -> hardware.json)
# reused per study with `use rule convert_rtl as ... with:`; simulate_rtl and synth_rtl serve every
# design (results/<study>/hardware/<design>/).
from trigml.hardware import inputs as hardware_inputs

HW_SETTINGS = hardware_inputs.settings(config)


rule convert_rtl:
    """Trace the SR classifier {hw_design} (sr_c<C>: the five one-vs-rest expressions of maximum
    complexity C of jets_sr's sweep) with da4ml in hls4ml's arithmetic (LUT sin/cos/... as
    lookup tables) into a pipelined Verilog project with its reference outputs on the test jets.
    The other studies' designs reuse this rule with their own inputs and builder."""
    input:
        front=patterns.jets_sr.sr_front(),
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
    output:
        project=directory(patterns.hardware.rtl_project(hw_study="jets_sr")),
    log:
        patterns.log("hardware", "convert_rtl", "jets_sr/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "convert_rtl", "jets_sr/{hw_design}")
    wildcard_constraints:
        hw_design=r"sr_c\d+",
    conda:
        "../../envs/hls.yaml"
    resources:
        mem_mb=scaled(4000),
    params:
        builder="jets_sr",
        options=hardware_inputs.jets_sr_options(config),
        settings=HW_SETTINGS,
    script:
        "../../scripts/hardware/convert_rtl.py"


use rule convert_rtl as convert_rtl_jets_nn with:
    input:
        model=patterns.jets_sr.nn_model(precision="quantized"),
        dataset=patterns.jets_sr.dataset(),
        split=patterns.jets_sr.split(),
    output:
        project=directory(
            patterns.hardware.rtl_project(hw_study="jets_sr", hw_design="nn")
        ),
    log:
        patterns.log("hardware", "convert_rtl", "jets_sr/nn"),
    benchmark:
        patterns.benchmark("hardware", "convert_rtl", "jets_sr/nn")
    params:
        builder="jets_nn",
        options=hardware_inputs.jets_nn_options(config),
        settings=HW_SETTINGS,


use rule convert_rtl as convert_rtl_logic_warp with:
    input:
        export_dir=hardware_inputs.logic_export_dir,
    output:
        project=directory(patterns.hardware.rtl_project(hw_study="logic_warp")),
    log:
        patterns.log("hardware", "convert_rtl", "logic_warp/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "convert_rtl", "logic_warp/{hw_design}")
    wildcard_constraints:
        hw_design=r"(boolean|jets|digits)_\w+",
    params:
        builder="logic_warp",
        options=hardware_inputs.logic_warp_options(config),
        settings=HW_SETTINGS,


use rule convert_rtl as convert_rtl_anomaly_kd_l1 with:
    input:
        model=patterns.anomaly_kd_l1.student_model(
            technique=config["anomaly_kd_l1"]["hls"]["technique"]
        ),
        dataset=patterns.anomaly_kd_l1.dataset(),
    output:
        project=directory(
            patterns.hardware.rtl_project(
                hw_study="anomaly_kd_l1", hw_design="student"
            )
        ),
    log:
        patterns.log("hardware", "convert_rtl", "anomaly_kd_l1/student"),
    benchmark:
        patterns.benchmark("hardware", "convert_rtl", "anomaly_kd_l1/student")
    params:
        builder="anomaly_kd_l1",
        options=hardware_inputs.anomaly_kd_l1_options(config),
        settings=HW_SETTINGS,


use rule convert_rtl as convert_rtl_anomaly_kd with:
    input:
        model=patterns.anomaly_kd.models_checkpoint(),
        dataset=patterns.anomaly_kd.images(),
    output:
        project=directory(
            patterns.hardware.rtl_project(
                hw_study="anomaly_kd", hw_design=hardware_inputs.ANOMALY_KD_DESIGN
            )
        ),
    log:
        patterns.log(
            "hardware",
            "convert_rtl",
            "anomaly_kd/{dataset}_{technique}_class{cls}_{student}",
        ),
    benchmark:
        patterns.benchmark(
            "hardware",
            "convert_rtl",
            "anomaly_kd/{dataset}_{technique}_class{cls}_{student}",
        )
    wildcard_constraints:
        dataset=anomaly_kd_inputs.DATASET_RE,
        technique=anomaly_kd_inputs.TECHNIQUE_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
        student=anomaly_kd_inputs.STUDENT_RE,
    params:
        builder="anomaly_kd",
        options=hardware_inputs.anomaly_kd_options(config),
        settings=HW_SETTINGS,


rule simulate_rtl:
    """Verilator simulation of design {hw_design} of {hw_study} on hardware.n_checked test inputs (all
    where fewer), streaming one input per clock; fails unless every output equals the software
    fixed-point model bit for bit, naming the design and the first differing input."""
    input:
        project=patterns.hardware.rtl_project(),
    output:
        json=patterns.hardware.simulation_json(),
    log:
        patterns.log("hardware", "simulate_rtl", "{hw_study}/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "simulate_rtl", "{hw_study}/{hw_design}")
    wildcard_constraints:
        hw_study="|".join(patterns.hardware.STUDIES),
    conda:
        "../../envs/eda.yaml"
    params:
        n_checked=HW_SETTINGS["n_checked"],
    script:
        "../../scripts/hardware/simulate_rtl.py"


rule synth_rtl:
    """Yosys synth_xilinx (out of context, flattened) of design {hw_design} of {hw_study}: LUTs, FFs,
    carry, DSPs, BRAMs, logic depth, latency at hardware.clock_ns -> hardware.json (synthesized
    false with the reason where Yosys is missing, fails, times out or the design is over the limits).
    """
    input:
        project=patterns.hardware.rtl_project(),
        simulation=patterns.hardware.simulation_json(),
    output:
        hardware=patterns.hardware.hardware_json(),
    log:
        patterns.log("hardware", "synth_rtl", "{hw_study}/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "synth_rtl", "{hw_study}/{hw_design}")
    wildcard_constraints:
        hw_study="|".join(patterns.hardware.STUDIES),
    conda:
        "../../envs/eda.yaml"
    resources:
        mem_mb=scaled(4000),
        runtime=hardware_inputs.synth_runtime(config),
    params:
        settings=HW_SETTINGS,
    script:
        "../../scripts/hardware/synth_rtl.py"


rule all_hardware:
    """Every hardware.json of the open RTL flow (the studies in hardware.studies that are switched on)."""
    input:
        hardware_inputs.all_hardware(config),


# ---------------------------------------------------------------------------------------------
# tracking_fpga (owner: tracking_fpga / hls4ml back-end): the FPGA interaction network on one
# fixed-size sector graph per design (trigml.hardware.designs.interaction_network), through the
# rtl chain above, hierarchically (each MLP one da4ml module, instantiated per edge / node; Yosys
# synthesises each once and counts through the hierarchy); designs from tracking_fpga.rtl.designs.


use rule convert_rtl as convert_rtl_tracking_fpga with:
    input:
        model=tracking_fpga_inputs.checkpoint(config),
        dataset=tracking_fpga_inputs.rtl_graphs,
    output:
        project=directory(patterns.hardware.rtl_project(hw_study="tracking_fpga")),
    log:
        patterns.log("hardware", "convert_rtl", "tracking_fpga/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "convert_rtl", "tracking_fpga/{hw_design}")
    wildcard_constraints:
        hw_design=r"in_n\d+e\d+",
    params:
        builder="tracking_fpga",
        options=tracking_fpga_inputs.rtl_options(config),
        settings=HW_SETTINGS,


rule synth_hls:
    """HLS synthesis of the written hls4ml project of design {hw_design} of {hw_study} with its
    Vivado/Vitis where on PATH (report kept under the project), else a hardware.json record with
    synthesized false and the reason; the one synth-or-skip rule of every study's hls4ml designs.
    """
    input:
        project=patterns.hardware.hls_project(),
    output:
        hardware=patterns.hardware.hls_hardware_json(),
    log:
        patterns.log("hardware", "synth_hls", "{hw_study}/{hw_design}"),
    benchmark:
        patterns.benchmark("hardware", "synth_hls", "{hw_study}/{hw_design}")
    wildcard_constraints:
        hw_study="|".join(patterns.hardware.STUDIES),
    conda:
        "../../envs/eda.yaml"
    resources:
        mem_mb=scaled(16000),
        runtime=scaled(720),
    params:
        design="{hw_design}",
        study="{hw_study}",
    script:
        "../../scripts/hardware/synth_hls.py"


use rule synth_hls as synth_l1_hls with:
    input:
        project=patterns.anomaly_kd_l1.hls_dir(),
    output:
        hardware=patterns.anomaly_kd_l1.synth_json(),
    log:
        patterns.log("anomaly_kd_l1", "synth_l1_hls"),
    benchmark:
        patterns.benchmark("anomaly_kd_l1", "synth_l1_hls")
    params:
        design="student",
        study="anomaly_kd_l1",


use rule synth_hls as synth_kd_hls with:
    input:
        project=patterns.anomaly_kd.hls_project(),
    output:
        hardware=patterns.anomaly_kd.synth_json(),
    log:
        patterns.log(
            "anomaly_kd", "synth_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        ),
    benchmark:
        patterns.benchmark(
            "anomaly_kd", "synth_kd_hls", "{dataset}/{technique}/class{cls}/{student}"
        )
    wildcard_constraints:
        dataset=anomaly_kd_inputs.DATASET_RE,
        technique=anomaly_kd_inputs.TECHNIQUE_RE,
        cls=anomaly_kd_inputs.CLASS_RE,
        student=anomaly_kd_inputs.STUDENT_RE,
    params:
        design="{dataset}_{technique}_class{cls}_{student}",
        study="anomaly_kd",
