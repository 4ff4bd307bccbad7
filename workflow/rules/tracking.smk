# tracking study (DeZoort et al. 2021), per pT threshold {pt}:
#   TrackML events -> filter_hits -> build_graphs -> summarize_graphs (-> plot_graph_summary)
#                                                 -> train_in -> plot_training
#                                                 -> evaluate_edges -> plot_roc
#                                                 -> build_tracks -> plot_efficiency
# Events are split by position in data.trackml.events: train, then n_val, then the last n_test.
# Input functions and config-derived lists: trigml.tracking.inputs (tested).

from functools import partial

from trigml.tracking import inputs as tracking_inputs
from trigml.tracking.split import (
    graph_cuts,
    subset_graphs,
)  # noqa: F401 (tracking_fpga.smk uses them)

TRK = config["tracking"]
TRK_PTS = tracking_inputs.pt_labels(config)
TRK_EVENTS = partial(
    tracking_inputs.events, config
)  # event ids of a subset (tracking_fpga.smk)


wildcard_constraints:
    pt=r"\d+\.\d+",


rule filter_hits:
    """Pixel hits of particles with pT > {pt} GeV (noise dropped, one hit per particle and layer,
    the innermost) of every event, one parquet file per event."""
    input:
        events=tracking_inputs.event_csvs(config),
    output:
        hits=tracking_inputs.filtered_hits(config),
    log:
        patterns.log("tracking", "filter_hits", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "filter_hits", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    params:
        prefixes=tracking_inputs.prefixes(config),
        pt_min=tracking_inputs.pt_min,
    script:
        "../../scripts/tracking/filter_hits.py"


rule build_graphs:
    """Geometric graphs at pT threshold {pt}: edges on the 23 layer pairs passing the paper's
    phi-slope and z0 cuts (phi-sorted window search), features and truth labels."""
    input:
        hits=rules.filter_hits.output.hits,
    output:
        graphs=tracking_inputs.graph_files(config),
    log:
        patterns.log("tracking", "build_graphs", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "build_graphs", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(4000),
    params:
        pt_min=tracking_inputs.pt_min,
        phi_slope_max=tracking_inputs.cut(config, "phi_slope_max"),
        z0_max=tracking_inputs.cut(config, "z0_max"),
        labels=TRK["graph"]["labels"],
    script:
        "../../scripts/tracking/build_graphs.py"


rule summarize_graphs:
    """Edge efficiency and purity (with intervals), mean nodes and edges per event at {pt}."""
    input:
        graphs=rules.build_graphs.output.graphs,
    output:
        summary=patterns.tracking.graph_summary(),
    log:
        patterns.log("tracking", "summarize_graphs", "pt{pt}"),
    conda:
        "../../envs/torch.yaml"
    params:
        pt_min=tracking_inputs.pt_min,
        phi_slope_max=tracking_inputs.cut(config, "phi_slope_max"),
        z0_max=tracking_inputs.cut(config, "z0_max"),
    script:
        "../../scripts/tracking/summarize_graphs.py"


rule plot_graph_summary:
    """Graph efficiency, purity, nodes and edges vs pT threshold, DeZoort et al.'s values beside."""
    input:
        summaries=expand(patterns.tracking.graph_summary(), pt=TRK_PTS),
    output:
        out=report(
            patterns.tracking.graph_summary_png(),
            caption="../report/tracking_graphs.rst",
            category="2 tracking",
            subcategory="Graphs",
            labels={
                "study": "tracking",
                "figure": "graph size, efficiency, purity",
                "threshold": "every pT threshold",
            },
        ),
    log:
        patterns.log("tracking", "plot_graph_summary"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    script:
        "../../scripts/tracking/plot_graph_summary.py"


rule train_in:
    """Train the interaction network on the graphs at {pt} (training events, both edge directions
    by default; validation events for the best epoch, early stopping and the TPR = TNR threshold).
    The checkpoint is not protected() so that reruns in tests work; see trigml.tracking.train.
    """
    input:
        train=tracking_inputs.graphs(config, "train"),
        val=tracking_inputs.graphs(config, "val"),
    output:
        model=patterns.tracking.in_checkpoint(),
        history=patterns.tracking.in_history(),
    log:
        patterns.log("tracking", "train_in", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "train_in", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(4000),
        gpu=1,
    params:
        hidden_size=TRK["train"]["hidden_size"],
        settings=tracking_inputs.train_settings(config),
        seed=config["seed"],
    script:
        "../../scripts/tracking/train_in.py"


rule plot_training:
    """Loss and accuracy curves of the training at {pt}."""
    input:
        history=rules.train_in.output.history,
    output:
        out=report(
            patterns.tracking.training_png(),
            caption="../report/tracking_training.rst",
            category="2 tracking",
            subcategory="Training",
            labels={
                "study": "tracking",
                "figure": "training history",
                "threshold": "pT > {pt} GeV",
            },
        ),
    log:
        patterns.log("tracking", "plot_training", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    script:
        "../../scripts/tracking/plot_training.py"


rule evaluate_edges:
    """Edge metrics of the IN at {pt} on the test events at the validation TPR = TNR threshold,
    each with an event-bootstrap interval; also writes the test events' edge scores."""
    input:
        model=rules.train_in.output.model,
        val=tracking_inputs.graphs(config, "val"),
        test=tracking_inputs.graphs(config, "test"),
    output:
        metrics=patterns.tracking.edge_metrics(),
        scores=patterns.tracking.edge_scores(),
    log:
        patterns.log("tracking", "evaluate_edges", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "evaluate_edges", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(4000),
    params:
        n_boot=TRK["uncertainty"]["n_boot"],
        seed=config["seed"],
    script:
        "../../scripts/tracking/evaluate_edges.py"


rule plot_roc:
    """ROC curve of the edge classifier at {pt}."""
    input:
        metrics=rules.evaluate_edges.output.metrics,
    output:
        out=report(
            patterns.tracking.roc_png(),
            caption="../report/tracking_roc.rst",
            category="2 tracking",
            subcategory="Edge classification",
            labels={
                "study": "tracking",
                "figure": "edge ROC",
                "threshold": "pT > {pt} GeV",
            },
        ),
    log:
        patterns.log("tracking", "plot_roc", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    script:
        "../../scripts/tracking/plot_roc.py"


rule build_tracks:
    """Tracks from the classified edges at {pt} on the test events (DBSCAN on eta-phi at the
    validation working point, and the configured alternatives); efficiencies (perfect,
    double-majority, LHC) with intervals, fake rates, TrackML score.
    """
    input:
        graphs=tracking_inputs.graphs(config, "test"),
        scores=rules.evaluate_edges.output.scores,
        metrics=rules.evaluate_edges.output.metrics,
        truth=tracking_inputs.get_truth_files(config, "test"),
    output:
        out=patterns.tracking.track_metrics(),
    log:
        patterns.log("tracking", "build_tracks", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "build_tracks", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    resources:
        mem_mb=scaled(4000),
    params:
        prefixes=tracking_inputs.get_prefixes(config, "test"),
        tracks=TRK["tracks"],
    script:
        "../../scripts/tracking/build_tracks.py"


rule plot_efficiency:
    """Tracking efficiency vs particle pT and eta at {pt}, each building method."""
    input:
        tracks=rules.build_tracks.output.out,
    output:
        pt=report(
            patterns.tracking.efficiency_png(var="pt"),
            caption="../report/tracking_efficiency.rst",
            category="2 tracking",
            subcategory="Tracks",
            labels={
                "study": "tracking",
                "figure": "tracking efficiency vs pT",
                "threshold": "pT > {pt} GeV",
            },
        ),
        eta=report(
            patterns.tracking.efficiency_png(var="eta"),
            caption="../report/tracking_efficiency.rst",
            category="2 tracking",
            subcategory="Tracks",
            labels={
                "study": "tracking",
                "figure": "tracking efficiency vs eta",
                "threshold": "pT > {pt} GeV",
            },
        ),
    log:
        patterns.log("tracking", "plot_efficiency", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    script:
        "../../scripts/tracking/plot_efficiency.py"


rule all_tracking:
    """Final targets of the tracking study."""
    input:
        patterns.tracking.graph_summary_png(),
        expand(patterns.tracking.graph_summary(), pt=TRK_PTS),
        expand(patterns.tracking.training_png(), pt=TRK_PTS),
        expand(patterns.tracking.roc_png(), pt=TRK_PTS),
        expand(patterns.tracking.efficiency_png(), pt=TRK_PTS, var=["pt", "eta"]),
