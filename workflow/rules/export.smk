# Models that leave trigml: every trained model to ONNX (QONNX for the QKeras ones), each export
# checked with onnxruntime against its framework. Logic: trigml.export.
from trigml import export as trigml_export


rule export_onnx:
    """Every trained model of {study} (found under results/{study}/ once the study ran) to ONNX, and
    the QKeras models to QONNX too; each export run on the study's test inputs and compared with the
    framework's output (max |Δ| per model in the index JSON)."""
    input:
        trigml_export.study_inputs(rules),
    output:
        models=directory(patterns.export.onnx_dir()),
        index=patterns.export.index(),
    log:
        patterns.log("export", "export_onnx", "{study}"),
    benchmark:
        patterns.benchmark("export", "export_onnx", "{study}")
    wildcard_constraints:
        study=trigml_export.STUDY_WILDCARD,
    conda:
        "../../envs/tf.yaml"
    params:
        study="{study}",
    script:
        "../../scripts/export/export_onnx.py"


rule all_export:
    """ONNX exports of every study switched on that trains models."""
    input:
        trigml_export.indices(config),
